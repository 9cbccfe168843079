// Package keeper holds the state of x/voucher: programs, merchants, the
// holder index, claimed status entries, receipts and usage aggregates; and
// the bank send restriction that keeps voucher coins on the module's edges.
package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	collcodec "cosmossdk.io/collections/codec"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/voucher/types"
)

// ProgramAddress is the key of a merchant and of a holder: (program id, account).
type ProgramAddress = collections.Pair[uint64, sdk.AccAddress]

// MerchantStatusRef is the reference of the merchant status index: (program id, merchant status).
type MerchantStatusRef = collections.Pair[uint64, types.MerchantStatus]

// ClaimedKey is a claimed status entry: (program id, status list id, status index).
type ClaimedKey = collections.Triple[uint64, uint64, uint64]

// ReceiptKey is a used receipt: (program id, merchant, receipt digest).
type ReceiptKey = collections.Triple[uint64, sdk.AccAddress, string]

// UsageKey is a usage aggregate: (program id, kind, district code or MCC).
type UsageKey = collections.Triple[uint64, types.UsageKind, string]

// Keeper owns the module's store. The program and merchant indexes follow
// their records (IndexedMap); the holder index, claimed entries and receipts
// are key sets the handlers write next to the record they belong to.
type Keeper struct {
	cdc            codec.BinaryCodec
	storeService   corestore.KVStoreService
	addressCodec   address.Codec
	agencyKeeper   types.AgencyKeeper
	didKeeper      types.DidKeeper
	disasterKeeper types.DisasterKeeper
	bankKeeper     types.BankKeeper
	accountKeeper  types.AccountKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]
	// LastProgramID is the last program id issued (0 = none yet).
	LastProgramID collections.Sequence

	// Programs: program id -> Program, indexed by agency and by incident.
	Programs *collections.IndexedMap[uint64, types.Program, ProgramIndexes]
	// Merchants: (program id, merchant) -> Merchant, indexed by (program, status).
	Merchants *collections.IndexedMap[ProgramAddress, types.Merchant, MerchantIndexes]
	// Holders: (program id, holder) for every account vouchers were issued to
	// and not yet swept; the sweep's cursor. Never listed by a query.
	Holders collections.Map[ProgramAddress, collections.NoValue]
	// Claimed: the status entries claimed per program (one claim per entry).
	Claimed collections.Map[ClaimedKey, collections.NoValue]
	// Receipts: the receipt digests paid per (program, merchant) (idempotency keys).
	Receipts collections.Map[ReceiptKey, collections.NoValue]
	// Usage: (program id, kind, code) -> count and amount.
	Usage collections.Map[UsageKey, types.Usage]
}

// ProgramIndexes are the indexes that always follow a program.
type ProgramIndexes struct {
	// Agency: (agency id, program id), for Programs filtered by agency.
	Agency *index.Keys[collections.Pair[string, uint64], uint64, types.Program]
	// Incident: (incident id, program id) for programs naming an incident.
	Incident *index.Keys[collections.Pair[uint64, uint64], uint64, types.Program]
}

// IndexesList implements collections.Indexes.
func (i ProgramIndexes) IndexesList() []collections.Index[uint64, types.Program] {
	return []collections.Index[uint64, types.Program]{i.Agency, i.Incident}
}

// MerchantIndexes are the indexes that always follow a merchant.
type MerchantIndexes struct {
	// Status: ((program id, status), merchant), for Merchants filtered by status.
	Status *index.Keys[collections.Pair[MerchantStatusRef, sdk.AccAddress], ProgramAddress, types.Merchant]
}

// IndexesList implements collections.Indexes.
func (i MerchantIndexes) IndexesList() []collections.Index[ProgramAddress, types.Merchant] {
	return []collections.Index[ProgramAddress, types.Merchant]{i.Status}
}

var (
	merchantStatusKey collcodec.KeyCodec[types.MerchantStatus] = collcodec.NewInt32Key[types.MerchantStatus]()
	usageKindKey      collcodec.KeyCodec[types.UsageKind]      = collcodec.NewInt32Key[types.UsageKind]()
)

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode or a keeper is
// missing, as a wiring error.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
	didKeeper types.DidKeeper,
	disasterKeeper types.DisasterKeeper,
	bankKeeper types.BankKeeper,
	accountKeeper types.AccountKeeper,
) Keeper {
	for _, dep := range []struct {
		name   string
		keeper any
	}{{"agency", agencyKeeper}, {"did", didKeeper}, {"disaster", disasterKeeper}, {"bank", bankKeeper}, {"account", accountKeeper}} {
		if dep.keeper == nil {
			panic(fmt.Sprintf("%s: %s keeper is required", types.ModuleName, dep.name))
		}
	}
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("%s: the module account %q is not in the account keeper's permissions", types.ModuleName, types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	u64, str, acc := collections.Uint64Key, collections.StringKey, sdk.AccAddressKey
	programAddress := collections.PairKeyCodec(u64, acc)
	k := Keeper{
		cdc:            cdc,
		storeService:   storeService,
		addressCodec:   addressCodec,
		agencyKeeper:   agencyKeeper,
		didKeeper:      didKeeper,
		disasterKeeper: disasterKeeper,
		bankKeeper:     bankKeeper,
		accountKeeper:  accountKeeper,
		authority:      keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		LastProgramID: collections.NewSequence(sb, types.LastProgramIDKey, "last_program_id"),

		Programs: collections.NewIndexedMap(sb, types.ProgramsKey, "programs", u64, codec.CollValue[types.Program](cdc), ProgramIndexes{
			Agency: index.NewPairs(sb, types.ProgramsByAgencyKey, "programs_by_agency", str, u64,
				func(_ uint64, p types.Program) ([]string, error) { return []string{p.AgencyId}, nil }),
			Incident: index.NewPairs(sb, types.ProgramsByIncidentKey, "programs_by_incident", u64, u64,
				func(_ uint64, p types.Program) ([]uint64, error) {
					if p.IncidentId == 0 {
						return nil, nil
					}
					return []uint64{p.IncidentId}, nil
				}),
		}),
		Merchants: collections.NewIndexedMap(sb, types.MerchantsKey, "merchants", programAddress, codec.CollValue[types.Merchant](cdc), MerchantIndexes{
			Status: index.NewKeys(sb, types.MerchantsByStatusKey, "merchants_by_status",
				collections.PairKeyCodec(collections.PairKeyCodec(u64, merchantStatusKey), acc),
				index.One(func(pk ProgramAddress, m types.Merchant) collections.Pair[MerchantStatusRef, sdk.AccAddress] {
					return collections.Join(collections.Join(pk.K1(), m.Status), pk.K2())
				})),
		}),
		Holders:  collections.NewMap(sb, types.HoldersKey, "holders", programAddress, collections.NoValue{}),
		Claimed:  collections.NewMap(sb, types.ClaimedKey, "claimed", collections.TripleKeyCodec(u64, u64, u64), collections.NoValue{}),
		Receipts: collections.NewMap(sb, types.ReceiptsKey, "receipts", collections.TripleKeyCodec(u64, acc, str), collections.NoValue{}),
		Usage:    collections.NewMap(sb, types.UsageKey, "usage", collections.TripleKeyCodec(u64, usageKindKey, str), codec.CollValue[types.Usage](cdc)),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// moduleAddress is the module account, which mints, burns and holds escrow.
func (k Keeper) moduleAddress() sdk.AccAddress {
	return k.accountKeeper.GetModuleAddress(types.ModuleName)
}

// Package keeper holds the state of x/welfare: exclusivity groups, programs
// and their totals, the shared duplicate registry (slots), enrolments,
// entitlements, payment cycles, payments and audit findings.
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
	"github.com/civicchain/civic/x/welfare/types"
)

// CycleKey is a cycle's key: (program id, seq).
type CycleKey = collections.Pair[uint64, uint64]

// PaymentKey is a payment's key: ((program id, seq), entitlement id); at
// most one payment per entitlement per cycle, listed by cycle.
type PaymentKey = collections.Pair[CycleKey, uint64]

// EnrolmentStatusRef is the reference of the enrolment status index: (program id, status).
type EnrolmentStatusRef = collections.Pair[uint64, types.EnrolmentStatus]

// Keeper owns the module's store. The program, enrolment, entitlement and
// finding indexes follow their records (IndexedMap); the slots are the
// duplicate registry the handlers write next to the enrolment holding them,
// and PayeeLive a counter the handlers keep next to the entitlements it
// counts (both checked by the invariants).
type Keeper struct {
	cdc           codec.BinaryCodec
	storeService  corestore.KVStoreService
	addressCodec  address.Codec
	agencyKeeper  types.AgencyKeeper
	didKeeper     types.DidKeeper
	voucherKeeper types.VoucherKeeper
	bankKeeper    types.BankKeeper
	accountKeeper types.AccountKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]
	// Groups: group id -> ExclusivityGroup.
	Groups collections.Map[string, types.ExclusivityGroup]
	// LastProgramID is the last program id issued (0 = none yet).
	LastProgramID collections.Sequence
	// Programs: program id -> Program, indexed by agency.
	Programs *collections.IndexedMap[uint64, types.Program, ProgramIndexes]
	// LastEnrolmentID is the last enrolment id issued (0 = none yet).
	LastEnrolmentID collections.Sequence
	// Enrolments: enrolment id -> Enrolment, indexed by program and by (program, status).
	Enrolments *collections.IndexedMap[uint64, types.Enrolment, EnrolmentIndexes]
	// Slots: slot key -> Slot, the shared duplicate registry: one entry per
	// slot key held by a PENDING, ENROLLED or PAUSED enrolment.
	Slots collections.Map[string, types.Slot]
	// LastEntitlementID is the last entitlement id issued (0 = none yet).
	LastEntitlementID collections.Sequence
	// Entitlements: entitlement id -> Entitlement, indexed by program (the
	// distribution cursor walks it) and by payee (PayeeFanIn).
	Entitlements *collections.IndexedMap[uint64, types.Entitlement, EntitlementIndexes]
	// PayeeLive: payee -> the number of its live entitlements (OFFERED,
	// ACCEPTED, ACTIVE, SUSPENDED) in every program; absent when 0.
	PayeeLive collections.Map[sdk.AccAddress, uint64]
	// Cycles: (program id, seq) -> Cycle.
	Cycles collections.Map[CycleKey, types.Cycle]
	// Payments: ((program id, seq), entitlement id) -> Payment.
	Payments collections.Map[PaymentKey, types.Payment]
	// LastFindingID is the last finding id issued (0 = none yet).
	LastFindingID collections.Sequence
	// Findings: finding id -> Finding, indexed by program.
	Findings *collections.IndexedMap[uint64, types.Finding, FindingIndexes]
}

// ProgramIndexes are the indexes that always follow a program.
type ProgramIndexes struct {
	// Agency: (agency id, program id), for Programs filtered by agency.
	Agency *index.Keys[collections.Pair[string, uint64], uint64, types.Program]
}

// IndexesList implements collections.Indexes.
func (i ProgramIndexes) IndexesList() []collections.Index[uint64, types.Program] {
	return []collections.Index[uint64, types.Program]{i.Agency}
}

// EnrolmentIndexes are the indexes that always follow an enrolment.
type EnrolmentIndexes struct {
	// Program: (program id, enrolment id), for Enrolments of a program.
	Program *index.Keys[collections.Pair[uint64, uint64], uint64, types.Enrolment]
	// Status: ((program id, status), enrolment id), for Enrolments filtered by status.
	Status *index.Keys[collections.Pair[EnrolmentStatusRef, uint64], uint64, types.Enrolment]
}

// IndexesList implements collections.Indexes.
func (i EnrolmentIndexes) IndexesList() []collections.Index[uint64, types.Enrolment] {
	return []collections.Index[uint64, types.Enrolment]{i.Program, i.Status}
}

// EntitlementIndexes are the indexes that always follow an entitlement.
type EntitlementIndexes struct {
	// Program: (program id, entitlement id): Entitlements of a program and the distribution cursor.
	Program *index.Keys[collections.Pair[uint64, uint64], uint64, types.Entitlement]
	// Payee: (payee, entitlement id), for PayeeFanIn.
	Payee *index.Keys[collections.Pair[sdk.AccAddress, uint64], uint64, types.Entitlement]
}

// IndexesList implements collections.Indexes.
func (i EntitlementIndexes) IndexesList() []collections.Index[uint64, types.Entitlement] {
	return []collections.Index[uint64, types.Entitlement]{i.Program, i.Payee}
}

// FindingIndexes are the indexes that always follow a finding.
type FindingIndexes struct {
	// Program: (program id, finding id), for Findings of a program.
	Program *index.Keys[collections.Pair[uint64, uint64], uint64, types.Finding]
}

// IndexesList implements collections.Indexes.
func (i FindingIndexes) IndexesList() []collections.Index[uint64, types.Finding] {
	return []collections.Index[uint64, types.Finding]{i.Program}
}

var enrolmentStatusKey collcodec.KeyCodec[types.EnrolmentStatus] = collcodec.NewInt32Key[types.EnrolmentStatus]()

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode, a keeper is
// missing or the module account is not wired, as a wiring error.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
	didKeeper types.DidKeeper,
	voucherKeeper types.VoucherKeeper,
	bankKeeper types.BankKeeper,
	accountKeeper types.AccountKeeper,
) Keeper {
	for _, dep := range []struct {
		name   string
		keeper any
	}{{"agency", agencyKeeper}, {"did", didKeeper}, {"voucher", voucherKeeper}, {"bank", bankKeeper}, {"account", accountKeeper}} {
		if dep.keeper == nil {
			panic(fmt.Sprintf("%s: %s keeper is required", types.ModuleName, dep.name))
		}
	}
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("%s: the module account %q is not in the account keeper's permissions", types.ModuleName, types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	u64, str, acc := collections.Uint64Key, collections.StringKey, sdk.AccAddressKey
	k := Keeper{
		cdc:           cdc,
		storeService:  storeService,
		addressCodec:  addressCodec,
		agencyKeeper:  agencyKeeper,
		didKeeper:     didKeeper,
		voucherKeeper: voucherKeeper,
		bankKeeper:    bankKeeper,
		accountKeeper: accountKeeper,
		authority:     keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params:        collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Groups:        collections.NewMap(sb, types.GroupsKey, "groups", str, codec.CollValue[types.ExclusivityGroup](cdc)),
		LastProgramID: collections.NewSequence(sb, types.LastProgramIDKey, "last_program_id"),
		Programs: collections.NewIndexedMap(sb, types.ProgramsKey, "programs", u64, codec.CollValue[types.Program](cdc), ProgramIndexes{
			Agency: index.NewPairs(sb, types.ProgramsByAgencyKey, "programs_by_agency", str, u64,
				func(_ uint64, p types.Program) ([]string, error) { return []string{p.AgencyId}, nil }),
		}),
		LastEnrolmentID: collections.NewSequence(sb, types.LastEnrolmentIDKey, "last_enrolment_id"),
		Enrolments: collections.NewIndexedMap(sb, types.EnrolmentsKey, "enrolments", u64, codec.CollValue[types.Enrolment](cdc), EnrolmentIndexes{
			Program: index.NewPairs(sb, types.EnrolmentsByProgramKey, "enrolments_by_program", u64, u64,
				func(_ uint64, e types.Enrolment) ([]uint64, error) { return []uint64{e.ProgramId}, nil }),
			Status: index.NewPairs(sb, types.EnrolmentsByStatusKey, "enrolments_by_status", collections.PairKeyCodec(u64, enrolmentStatusKey), u64,
				func(_ uint64, e types.Enrolment) ([]EnrolmentStatusRef, error) {
					return []EnrolmentStatusRef{collections.Join(e.ProgramId, e.Status)}, nil
				}),
		}),
		Slots:             collections.NewMap(sb, types.SlotsKey, "slots", str, codec.CollValue[types.Slot](cdc)),
		LastEntitlementID: collections.NewSequence(sb, types.LastEntitlementIDKey, "last_entitlement_id"),
		Entitlements: collections.NewIndexedMap(sb, types.EntitlementsKey, "entitlements", u64, codec.CollValue[types.Entitlement](cdc), EntitlementIndexes{
			Program: index.NewPairs(sb, types.EntitlementsByProgramKey, "entitlements_by_program", u64, u64,
				func(_ uint64, e types.Entitlement) ([]uint64, error) { return []uint64{e.ProgramId}, nil }),
			Payee: index.NewPairs(sb, types.EntitlementsByPayeeKey, "entitlements_by_payee", acc, u64,
				func(_ uint64, e types.Entitlement) ([]sdk.AccAddress, error) {
					payee, err := addressCodec.StringToBytes(e.Payee)
					if err != nil {
						return nil, fmt.Errorf("entitlement %d payee %q: %w", e.Id, e.Payee, err)
					}
					return []sdk.AccAddress{payee}, nil
				}),
		}),
		PayeeLive:     collections.NewMap(sb, types.PayeeLiveKey, "payee_live", acc, collections.Uint64Value),
		Cycles:        collections.NewMap(sb, types.CyclesKey, "cycles", collections.PairKeyCodec(u64, u64), codec.CollValue[types.Cycle](cdc)),
		Payments:      collections.NewMap(sb, types.PaymentsKey, "payments", collections.PairKeyCodec(collections.PairKeyCodec(u64, u64), u64), codec.CollValue[types.Payment](cdc)),
		LastFindingID: collections.NewSequence(sb, types.LastFindingIDKey, "last_finding_id"),
		Findings: collections.NewIndexedMap(sb, types.FindingsKey, "findings", u64, codec.CollValue[types.Finding](cdc), FindingIndexes{
			Program: index.NewPairs(sb, types.FindingsByProgramKey, "findings_by_program", u64, u64,
				func(_ uint64, f types.Finding) ([]uint64, error) { return []uint64{f.ProgramId}, nil }),
		}),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams and MsgCreateGroup.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// moduleAddress is the module account, which holds the CASH escrow.
func (k Keeper) moduleAddress() sdk.AccAddress {
	return k.accountKeeper.GetModuleAddress(types.ModuleName)
}

// Package keeper holds the state of x/evidence (module "digitalevidence"):
// cases, evidence items, their append-only custody logs and open transfers.
package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/evidence/types"
)

// Keeper owns the module's store. The indexes that always follow a record are
// indexes of its IndexedMap (CaseIndexes, ItemIndexes, TransferIndexes), kept
// in step by collections; the custody heads and integrity counters are derived
// from the custody log by setCustody.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]
	// LastCaseID is the last case id issued (0 = none yet).
	LastCaseID collections.Sequence
	// LastEvidenceID is the last evidence id issued (0 = none yet).
	LastEvidenceID collections.Sequence

	// Cases: case id -> Case, indexed by agency and by reference.
	Cases *collections.IndexedMap[uint64, types.Case, CaseIndexes]
	// Items: evidence id -> EvidenceItem, indexed by case, exhibit number and digest.
	Items *collections.IndexedMap[uint64, types.EvidenceItem, ItemIndexes]

	// CustodyLog: (evidence id, seq) -> CustodyEvent; append-only, seq from 1.
	CustodyLog collections.Map[collections.Pair[uint64, uint64], types.CustodyEvent]
	// CustodyHead: evidence id -> seq of the item's last custody entry, so that an
	// append is one point read instead of a reverse scan of the log. Derived
	// state: rebuilt from the log at InitGenesis, not exported.
	CustodyHead collections.Map[uint64, uint64]
	// IntegrityChecks: evidence id -> number of INTEGRITY_MATCH/MISMATCH entries
	// in its log, bounded by params.max_integrity_checks_per_item.
	// IntegrityMismatches: (evidence id, presented digest) of every recorded
	// mismatch, so that one mismatch is recorded once. Both are derived from the
	// log by setCustody: rebuilt at InitGenesis, not exported.
	IntegrityChecks     collections.Map[uint64, uint64]
	IntegrityMismatches collections.KeySet[collections.Pair[uint64, string]]

	// Transfers: evidence id -> the item's open Transfer (at most one), indexed by receiver.
	Transfers *collections.IndexedMap[uint64, types.Transfer, TransferIndexes]

	// pages are read views of the Multi indexes that the list queries page through.
	pages indexPages
}

// CaseIndexes are the indexes that always follow a case (collections keeps them in step).
type CaseIndexes struct {
	// Agency: (agency id, case id), for CasesByAgency.
	Agency *indexes.Multi[string, uint64, types.Case]
	// Reference: (agency id, reference digest) -> case id; one case per case number and agency.
	Reference *indexes.Unique[collections.Pair[string, string], uint64, types.Case]
}

// IndexesList returns the case indexes.
func (i CaseIndexes) IndexesList() []collections.Index[uint64, types.Case] {
	return []collections.Index[uint64, types.Case]{i.Agency, i.Reference}
}

// ItemIndexes are the indexes that always follow an evidence item.
type ItemIndexes struct {
	// Case: (case id, evidence id), for EvidenceByCase and the case's item count.
	Case *indexes.Multi[uint64, uint64, types.EvidenceItem]
	// Exhibit: (case id, exhibit number) -> evidence id; exhibit numbers are unique in a case.
	Exhibit *indexes.Unique[collections.Pair[uint64, string], uint64, types.EvidenceItem]
	// Digest: (digest, evidence id), for EvidenceByDigest; copies may share a digest.
	Digest *indexes.Multi[string, uint64, types.EvidenceItem]
}

// IndexesList returns the item indexes.
func (i ItemIndexes) IndexesList() []collections.Index[uint64, types.EvidenceItem] {
	return []collections.Index[uint64, types.EvidenceItem]{i.Case, i.Exhibit, i.Digest}
}

// TransferIndexes are the indexes that always follow an open transfer.
type TransferIndexes struct {
	// Receiver: (receiver, evidence id), for PendingTransfers.
	Receiver *indexes.Multi[sdk.AccAddress, uint64, types.Transfer]
}

// IndexesList returns the transfer indexes.
func (i TransferIndexes) IndexesList() []collections.Index[uint64, types.Transfer] {
	return []collections.Index[uint64, types.Transfer]{i.Receiver}
}

// indexPages are read-only KeySets over the entries of the Multi indexes that
// a list query pages through: query.CollectionPaginate needs IterateRaw, which
// indexes.Multi lacks. They read the index's own prefix with its own key codec,
// so pages and next_keys are the index's; the index remains the only writer.
type indexPages struct {
	casesByAgency       collections.KeySet[collections.Pair[string, uint64]]
	itemsByCase         collections.KeySet[collections.Pair[uint64, uint64]]
	itemsByDigest       collections.KeySet[collections.Pair[string, uint64]]
	transfersByReceiver collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
}

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode, as a wiring error.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
) Keeper {
	if agencyKeeper == nil {
		panic(fmt.Sprintf("%s: agency keeper is required", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		LastCaseID:     collections.NewSequence(sb, types.LastCaseIDKey, "last_case_id"),
		LastEvidenceID: collections.NewSequence(sb, types.LastEvidenceIDKey, "last_evidence_id"),

		Cases: collections.NewIndexedMap(sb, types.CasesKey, "cases", collections.Uint64Key, codec.CollValue[types.Case](cdc),
			CaseIndexes{
				Agency: indexes.NewMulti(sb, types.CasesByAgencyKey, "cases_by_agency",
					collections.StringKey, collections.Uint64Key,
					func(_ uint64, c types.Case) (string, error) { return c.AgencyId, nil }),
				Reference: indexes.NewUnique(sb, types.CaseByReferenceKey, "case_by_reference",
					collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Key,
					func(_ uint64, c types.Case) (collections.Pair[string, string], error) {
						return collections.Join(c.AgencyId, c.ReferenceDigest), nil
					}),
			}),

		Items: collections.NewIndexedMap(sb, types.ItemsKey, "items", collections.Uint64Key, codec.CollValue[types.EvidenceItem](cdc),
			ItemIndexes{
				Case: indexes.NewMulti(sb, types.ItemsByCaseKey, "items_by_case",
					collections.Uint64Key, collections.Uint64Key,
					func(_ uint64, it types.EvidenceItem) (uint64, error) { return it.CaseId, nil }),
				Exhibit: indexes.NewUnique(sb, types.ItemByExhibitKey, "item_by_exhibit",
					collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), collections.Uint64Key,
					func(_ uint64, it types.EvidenceItem) (collections.Pair[uint64, string], error) {
						return collections.Join(it.CaseId, it.ExhibitNumber), nil
					}),
				Digest: indexes.NewMulti(sb, types.ItemsByDigestKey, "items_by_digest",
					collections.StringKey, collections.Uint64Key,
					func(_ uint64, it types.EvidenceItem) (string, error) { return it.Digest, nil }),
			}),

		CustodyLog: collections.NewMap(sb, types.CustodyLogKey, "custody_log",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.CustodyEvent](cdc)),
		CustodyHead: collections.NewMap(sb, types.CustodyHeadKey, "custody_head", collections.Uint64Key, collections.Uint64Value),
		IntegrityChecks: collections.NewMap(sb, types.IntegrityChecksKey, "integrity_checks",
			collections.Uint64Key, collections.Uint64Value),
		IntegrityMismatches: collections.NewKeySet(sb, types.IntegrityMismatchesKey, "integrity_mismatches",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)),

		Transfers: collections.NewIndexedMap(sb, types.TransfersKey, "transfers", collections.Uint64Key, codec.CollValue[types.Transfer](cdc),
			TransferIndexes{
				Receiver: indexes.NewMulti(sb, types.TransfersByReceiverKey, "transfers_by_receiver",
					sdk.AccAddressKey, collections.Uint64Key,
					func(_ uint64, t types.Transfer) (sdk.AccAddress, error) {
						return addressCodec.StringToBytes(t.Receiver)
					}),
			}),
	}
	k.pages = indexPages{
		casesByAgency:       index.Pages(storeService, types.CasesByAgencyKey, collections.StringKey, collections.Uint64Key),
		itemsByCase:         index.Pages(storeService, types.ItemsByCaseKey, collections.Uint64Key, collections.Uint64Key),
		itemsByDigest:       index.Pages(storeService, types.ItemsByDigestKey, collections.StringKey, collections.Uint64Key),
		transfersByReceiver: index.Pages(storeService, types.TransfersByReceiverKey, sdk.AccAddressKey, collections.Uint64Key),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// GetParams returns the parameters (the defaults before genesis sets them).
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	return k.Params.Get(ctx)
}

// lastCustodySeq returns the seq of an item's last custody entry (0 if none).
func (k Keeper) lastCustodySeq(ctx context.Context, evidenceID uint64) (uint64, error) {
	seq, err := k.CustodyHead.Get(ctx, evidenceID)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return seq, err
}

// appendCustody appends the next entry to an item's custody log and returns it.
func (k Keeper) appendCustody(ctx context.Context, e types.CustodyEvent) (types.CustodyEvent, error) {
	last, err := k.lastCustodySeq(ctx, e.EvidenceId)
	if err != nil {
		return types.CustodyEvent{}, err
	}
	e.Seq = last + 1
	if err := k.setCustody(ctx, e); err != nil {
		return types.CustodyEvent{}, err
	}
	return e, nil
}

// setCustody stores one custody entry and makes it the item's head; an
// integrity check also counts in IntegrityChecks and a mismatch is indexed in
// IntegrityMismatches. Entries are set in seq order (appends, and genesis,
// whose validation requires 1..n).
func (k Keeper) setCustody(ctx context.Context, e types.CustodyEvent) error {
	if err := k.CustodyLog.Set(ctx, collections.Join(e.EvidenceId, e.Seq), e); err != nil {
		return err
	}
	if e.Action.IsIntegrityCheck() {
		n, err := k.integrityChecks(ctx, e.EvidenceId)
		if err != nil {
			return err
		}
		if err := k.IntegrityChecks.Set(ctx, e.EvidenceId, n+1); err != nil {
			return err
		}
	}
	if e.Action == types.CustodyActionIntegrityMismatch {
		if err := k.IntegrityMismatches.Set(ctx, collections.Join(e.EvidenceId, e.NoteDigest)); err != nil {
			return err
		}
	}
	return k.CustodyHead.Set(ctx, e.EvidenceId, e.Seq)
}

// integrityChecks returns how many integrity checks an item's log holds.
func (k Keeper) integrityChecks(ctx context.Context, evidenceID uint64) (uint64, error) {
	n, err := k.IntegrityChecks.Get(ctx, evidenceID)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

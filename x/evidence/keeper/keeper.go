// Package keeper holds the state of x/evidence (module "digitalevidence"):
// cases, evidence items, their append-only custody logs and open transfers.
package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/evidence/types"
)

// Keeper owns the module's store. Every index is written together with the
// record it points to (setCase, setItem, setTransfer, deleteTransfer) and
// rebuilt from the records at InitGenesis.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]
	// NextCaseID and NextEvidenceID hold the last id issued (0 = none yet).
	NextCaseID     collections.Sequence
	NextEvidenceID collections.Sequence

	// Cases: case id -> Case.
	Cases collections.Map[uint64, types.Case]
	// CasesByAgency: (agency id, case id).
	CasesByAgency collections.KeySet[collections.Pair[string, uint64]]
	// CaseByReference: (agency id, reference digest) -> case id; one case per case number and agency.
	CaseByReference collections.Map[collections.Pair[string, string], uint64]

	// Items: evidence id -> EvidenceItem.
	Items collections.Map[uint64, types.EvidenceItem]
	// ItemsByCase: (case id, evidence id).
	ItemsByCase collections.KeySet[collections.Pair[uint64, uint64]]
	// ItemByExhibit: (case id, exhibit number) -> evidence id; exhibit numbers are unique in a case.
	ItemByExhibit collections.Map[collections.Pair[uint64, string], uint64]
	// ItemsByDigest: (digest, evidence id); copies may share a digest.
	ItemsByDigest collections.KeySet[collections.Pair[string, uint64]]

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

	// Transfers: evidence id -> the item's open Transfer (at most one).
	Transfers collections.Map[uint64, types.Transfer]
	// TransfersByReceiver: (receiver, evidence id) for the open transfers.
	TransfersByReceiver collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
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
	authorityBz, err := addressCodec.StringToBytes(authority)
	if err != nil {
		panic(fmt.Sprintf("%s: invalid authority address %q: %s", types.ModuleName, authority, err))
	}
	if agencyKeeper == nil {
		panic(fmt.Sprintf("%s: agency keeper is required", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    authorityBz,

		Params:         collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		NextCaseID:     collections.NewSequence(sb, types.NextCaseIDKey, "next_case_id"),
		NextEvidenceID: collections.NewSequence(sb, types.NextEvidenceIDKey, "next_evidence_id"),

		Cases: collections.NewMap(sb, types.CasesKey, "cases", collections.Uint64Key, codec.CollValue[types.Case](cdc)),
		CasesByAgency: collections.NewKeySet(sb, types.CasesByAgencyKey, "cases_by_agency",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),
		CaseByReference: collections.NewMap(sb, types.CaseByReferenceKey, "case_by_reference",
			collections.PairKeyCodec(collections.StringKey, collections.StringKey), collections.Uint64Value),

		Items: collections.NewMap(sb, types.ItemsKey, "items", collections.Uint64Key, codec.CollValue[types.EvidenceItem](cdc)),
		ItemsByCase: collections.NewKeySet(sb, types.ItemsByCaseKey, "items_by_case",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key)),
		ItemByExhibit: collections.NewMap(sb, types.ItemByExhibitKey, "item_by_exhibit",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), collections.Uint64Value),
		ItemsByDigest: collections.NewKeySet(sb, types.ItemsByDigestKey, "items_by_digest",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key)),

		CustodyLog: collections.NewMap(sb, types.CustodyLogKey, "custody_log",
			collections.PairKeyCodec(collections.Uint64Key, collections.Uint64Key), codec.CollValue[types.CustodyEvent](cdc)),
		CustodyHead: collections.NewMap(sb, types.CustodyHeadKey, "custody_head", collections.Uint64Key, collections.Uint64Value),
		IntegrityChecks: collections.NewMap(sb, types.IntegrityChecksKey, "integrity_checks",
			collections.Uint64Key, collections.Uint64Value),
		IntegrityMismatches: collections.NewKeySet(sb, types.IntegrityMismatchesKey, "integrity_mismatches",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)),

		Transfers: collections.NewMap(sb, types.TransfersKey, "transfers", collections.Uint64Key, codec.CollValue[types.Transfer](cdc)),
		TransfersByReceiver: collections.NewKeySet(sb, types.TransfersByReceiverKey, "transfers_by_receiver",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.Uint64Key)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string {
	s, err := k.addressCodec.BytesToString(k.authority)
	if err != nil {
		panic(err) // decoded in NewKeeper, so it encodes
	}
	return s
}

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// GetParams returns the parameters (the defaults before genesis sets them).
func (k Keeper) GetParams(ctx context.Context) (types.Params, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.Params{}, err
	}
	return p, nil
}

// setCase stores a case and its indexes. The indexed fields (agency, reference)
// never change, so re-setting a case is idempotent on the indexes.
func (k Keeper) setCase(ctx context.Context, c types.Case) error {
	if err := k.Cases.Set(ctx, c.Id, c); err != nil {
		return err
	}
	if err := k.CasesByAgency.Set(ctx, collections.Join(c.AgencyId, c.Id)); err != nil {
		return err
	}
	return k.CaseByReference.Set(ctx, collections.Join(c.AgencyId, c.ReferenceDigest), c.Id)
}

// setItem stores an item and its indexes. Case, exhibit number and digest never
// change, so re-setting an item is idempotent on the indexes.
func (k Keeper) setItem(ctx context.Context, it types.EvidenceItem) error {
	if err := k.Items.Set(ctx, it.Id, it); err != nil {
		return err
	}
	if err := k.ItemsByCase.Set(ctx, collections.Join(it.CaseId, it.Id)); err != nil {
		return err
	}
	if err := k.ItemByExhibit.Set(ctx, collections.Join(it.CaseId, it.ExhibitNumber), it.Id); err != nil {
		return err
	}
	return k.ItemsByDigest.Set(ctx, collections.Join(it.Digest, it.Id))
}

// setTransfer stores an open transfer and its receiver index.
func (k Keeper) setTransfer(ctx context.Context, t types.Transfer) error {
	receiver, err := k.addressCodec.StringToBytes(t.Receiver)
	if err != nil {
		return err
	}
	if err := k.Transfers.Set(ctx, t.EvidenceId, t); err != nil {
		return err
	}
	return k.TransfersByReceiver.Set(ctx, collections.Join(sdk.AccAddress(receiver), t.EvidenceId))
}

// deleteTransfer removes a closed transfer and its receiver index.
func (k Keeper) deleteTransfer(ctx context.Context, t types.Transfer) error {
	receiver, err := k.addressCodec.StringToBytes(t.Receiver)
	if err != nil {
		return err
	}
	if err := k.Transfers.Remove(ctx, t.EvidenceId); err != nil {
		return err
	}
	return k.TransfersByReceiver.Remove(ctx, collections.Join(sdk.AccAddress(receiver), t.EvidenceId))
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

package keeper

import (
	"bytes"
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/evidence/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go), then the reads and checks (record exists,
// Authorize, agency, custodian, lifecycle), and only then the writes and one
// typed event. A rejected message therefore writes nothing.
//
// The handlers live by feature: msg_server_case.go (cases, registration),
// msg_server_transfer.go (custody and transfers), msg_server_lifecycle.go
// (analysis, court, archive, disposal, return, integrity).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// getCase loads a case or fails with ErrCaseNotFound.
func (k Keeper) getCase(ctx context.Context, id uint64) (types.Case, error) {
	return keeperbase.Get(ctx, k.Cases, id, types.ErrCaseNotFound, "case %d", id)
}

// getItem loads an evidence item or fails with ErrEvidenceNotFound.
func (k Keeper) getItem(ctx context.Context, id uint64) (types.EvidenceItem, error) {
	return keeperbase.Get(ctx, k.Items, id, types.ErrEvidenceNotFound, "evidence %d", id)
}

// getTransfer loads an item's open transfer or fails with ErrTransferNotFound.
func (k Keeper) getTransfer(ctx context.Context, it types.EvidenceItem) (types.Transfer, error) {
	return keeperbase.Get(ctx, k.Transfers, it.Id, types.ErrTransferNotFound, "evidence %d is %s", it.Id, it.Status.Label())
}

// authorizeIn asks x/agency whether addr may act in role, and requires the
// agency it acts for to be agencyID (the case's or the custodian's agency).
func (k Keeper) authorizeIn(ctx context.Context, addr sdk.AccAddress, role, agencyID, what string) (string, error) {
	got, err := k.agencyKeeper.Authorize(ctx, addr, role)
	if err != nil {
		return "", err
	}
	if got != agencyID {
		return "", errorsmod.Wrapf(types.ErrWrongAgency, "signer acts for agency %q but %s belongs to agency %q", got, what, agencyID)
	}
	return got, nil
}

// requireCustodian fails with ErrNotCustodian unless addr holds the item now.
func (k Keeper) requireCustodian(addr sdk.AccAddress, it types.EvidenceItem) error {
	custodian, err := k.addressCodec.StringToBytes(it.Custodian)
	if err != nil {
		return err
	}
	if !bytes.Equal(addr, custodian) {
		return errorsmod.Wrapf(types.ErrNotCustodian, "evidence %d is held by %s", it.Id, it.Custodian)
	}
	return nil
}

// move takes an item along one lifecycle edge: it checks the edge against the
// transition table before any write, then stores the item and appends the
// custody entry. Callers set custodian fields on it beforehand if they change.
func (k Keeper) move(ctx context.Context, it types.EvidenceItem, to types.EvidenceStatus, action types.CustodyAction,
	actor, agencyID, noteDigest string,
) (types.CustodyEvent, error) {
	if err := types.ValidateTransition(it.Status, to); err != nil {
		return types.CustodyEvent{}, err
	}
	now := blockctx.Time(ctx)
	from := it.Status
	it.Status = to
	it.UpdatedAt = now
	if err := k.Items.Set(ctx, it.Id, it); err != nil {
		return types.CustodyEvent{}, err
	}
	return k.appendCustody(ctx, types.CustodyEvent{
		EvidenceId: it.Id,
		Action:     action,
		Actor:      actor,
		AgencyId:   agencyID,
		FromStatus: from,
		ToStatus:   to,
		Time:       now,
		NoteDigest: noteDigest,
	})
}

package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/roles"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

// TakeCustody moves a registered item into the evidence room of its agency:
// REGISTERED -> IN_CUSTODY, and the signing custodian becomes its custodian.
//
// It also reclaims an item whose custodian left: when an IN_CUSTODY (or
// IN_ANALYSIS) item's custodian can no longer act in evidence.custodian (or
// evidence.analyst) for the custodian agency — removed, expired, role
// withdrawn, moved to another agency — a member of that agency with the role
// becomes the custodian; the status does not change (custody action
// CUSTODY_RECLAIMED). Powers over an item follow membership, not a key.
func (m msgServer) TakeCustody(ctx context.Context, msg *types.MsgTakeCustody) (*types.MsgTakeCustodyResponse, error) {
	signer, err := validateTakeCustody(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	if role, ok := types.Reclaimable(it.Status); ok {
		return m.reclaimCustody(ctx, signer, msg, it, role)
	}
	agencyID, err := m.authorizeIn(ctx, signer, types.RoleCustodian, it.CustodianAgency, "the item")
	if err != nil {
		return nil, err
	}
	// The table also has TRANSFER_PENDING -> IN_CUSTODY, but that edge belongs to
	// Accept/Reject/CancelTransfer, which close the open transfer: custody is taken
	// of REGISTERED items only.
	if it.Status != types.EvidenceStatusRegistered {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "evidence cannot go from %s to %s by taking custody (only a REGISTERED item can; an IN_CUSTODY or IN_ANALYSIS one is reclaimed)",
			it.Status.Label(), types.EvidenceStatusInCustody.Label())
	}
	previous := it.Custodian
	it.Custodian = msg.Custodian
	entry, err := m.move(ctx, it, types.EvidenceStatusInCustody, types.CustodyActionCustodyTaken, msg.Custodian, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCustodyTaken{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID, PreviousCustodian: previous,
	}, &types.MsgTakeCustodyResponse{})
}

// reclaimCustody is TakeCustody of an IN_CUSTODY or IN_ANALYSIS item: the
// signer needs role in the custodian agency, and the current custodian must no
// longer be able to use that role there (else ErrCustodianActive: a hand-over
// between present members is a transfer).
func (m msgServer) reclaimCustody(ctx context.Context, signer sdk.AccAddress, msg *types.MsgTakeCustody, it types.EvidenceItem, role string) (*types.MsgTakeCustodyResponse, error) {
	agencyID, err := m.authorizeIn(ctx, signer, role, it.CustodianAgency, "the item")
	if err != nil {
		return nil, err
	}
	holder, err := m.addressCodec.StringToBytes(it.Custodian)
	if err != nil {
		return nil, err
	}
	if got, err := m.agencyKeeper.Authorize(ctx, holder, role); err == nil && got == it.CustodianAgency {
		return nil, errorsmod.Wrapf(types.ErrCustodianActive, "evidence %d is %s and held by %s, who still acts as %s for agency %q; ask for a transfer",
			it.Id, it.Status.Label(), it.Custodian, role, it.CustodianAgency)
	}
	previous := it.Custodian
	it.Custodian = msg.Custodian
	it.UpdatedAt = blockctx.Time(ctx)
	if err := m.Items.Set(ctx, it.Id, it); err != nil {
		return nil, err
	}
	entry, err := m.appendCustody(ctx, types.CustodyEvent{
		EvidenceId: it.Id,
		Action:     types.CustodyActionCustodyReclaimed,
		Actor:      msg.Custodian,
		AgencyId:   agencyID,
		FromStatus: it.Status,
		ToStatus:   it.Status,
		Time:       it.UpdatedAt,
		NoteDigest: msg.NoteDigest,
	})
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCustodyTaken{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID, PreviousCustodian: previous, Reclaimed: true,
	}, &types.MsgTakeCustodyResponse{})
}

// ProposeTransfer opens the first half of a two-step hand-over: the current
// custodian names a receiver, who must be able to hold evidence (custodian or
// analyst of an active agency). At most one transfer is open per item.
func (m msgServer) ProposeTransfer(ctx context.Context, msg *types.MsgProposeTransfer) (*types.MsgProposeTransferResponse, error) {
	signer, err := validateProposeTransfer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	receiver, err := parseAddress(m.addressCodec, "receiver", msg.Receiver)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeIn(ctx, signer, types.RoleCustodian, it.CustodianAgency, "the item")
	if err != nil {
		return nil, err
	}
	if err := m.requireCustodian(signer, it); err != nil {
		return nil, err
	}
	if open, err := m.Transfers.Get(ctx, it.Id); err == nil {
		return nil, errorsmod.Wrapf(types.ErrTransferPending, "evidence %d already awaits %s", it.Id, open.Receiver)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}
	if err := types.ValidateTransition(it.Status, types.EvidenceStatusTransferPending); err != nil {
		return nil, err
	}
	if _, err := roles.AnyOf(ctx, m.agencyKeeper, receiver, types.RoleCustodian, types.RoleAnalyst); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidReceiver, "receiver %s may not hold evidence: %s", msg.Receiver, err)
	}

	t := types.Transfer{
		EvidenceId:     it.Id,
		Proposer:       msg.Custodian,
		ProposerAgency: agencyID,
		Receiver:       msg.Receiver,
		NoteDigest:     msg.NoteDigest,
		ProposedAt:     blockctx.Time(ctx),
	}
	if err := m.Transfers.Set(ctx, t.EvidenceId, t); err != nil {
		return nil, err
	}
	entry, err := m.move(ctx, it, types.EvidenceStatusTransferPending, types.CustodyActionTransferProposed, msg.Custodian, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTransferProposed{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Custodian, AgencyId: agencyID, Receiver: msg.Receiver, NoteDigest: msg.NoteDigest,
	}, &types.MsgProposeTransferResponse{})
}

// AcceptTransfer completes a hand-over: the receiver becomes the custodian and
// its agency the custodian agency; TRANSFER_PENDING -> IN_CUSTODY.
func (m msgServer) AcceptTransfer(ctx context.Context, msg *types.MsgAcceptTransfer) (*types.MsgAcceptTransferResponse, error) {
	signer, err := validateAcceptTransfer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, t, agencyID, err := m.loadForReceiver(ctx, signer, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	previous, previousAgency := it.Custodian, it.CustodianAgency
	it.Custodian = t.Receiver
	it.CustodianAgency = agencyID
	entry, err := m.closeTransfer(ctx, it, types.CustodyActionTransferAccepted, msg.Receiver, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTransferAccepted{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Receiver, AgencyId: agencyID,
		PreviousCustodian: previous, PreviousAgency: previousAgency,
	}, &types.MsgAcceptTransferResponse{})
}

// RejectTransfer declines a hand-over; the item stays with its custodian:
// TRANSFER_PENDING -> IN_CUSTODY.
func (m msgServer) RejectTransfer(ctx context.Context, msg *types.MsgRejectTransfer) (*types.MsgRejectTransferResponse, error) {
	signer, err := validateRejectTransfer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, t, agencyID, err := m.loadForReceiver(ctx, signer, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	entry, err := m.closeTransfer(ctx, it, types.CustodyActionTransferRejected, msg.Receiver, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTransferRejected{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Receiver, AgencyId: agencyID, Proposer: t.Proposer,
	}, &types.MsgRejectTransferResponse{})
}

// CancelTransfer withdraws an open hand-over: TRANSFER_PENDING -> IN_CUSTODY.
// The proposer, any other evidence.custodian of the item's custodian agency
// or that agency's admin may cancel, so that a transfer never outlives the
// member who proposed it.
func (m msgServer) CancelTransfer(ctx context.Context, msg *types.MsgCancelTransfer) (*types.MsgCancelTransferResponse, error) {
	signer, err := validateCancelTransfer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	it, err := m.getItem(ctx, msg.EvidenceId)
	if err != nil {
		return nil, err
	}
	t, err := m.getTransfer(ctx, it)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeCanceller(ctx, signer, msg.Proposer, it)
	if err != nil {
		return nil, err
	}
	entry, err := m.closeTransfer(ctx, it, types.CustodyActionTransferCancelled, msg.Proposer, agencyID, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTransferCancelled{
		EvidenceId: it.Id, Seq: entry.Seq, Actor: msg.Proposer, AgencyId: agencyID, Receiver: t.Receiver,
	}, &types.MsgCancelTransferResponse{})
}

// authorizeCanceller returns the custodian agency if signer may cancel the
// item's open transfer: a custodian of that agency (x/agency Authorize), or
// its admin while the agency is ACTIVE. Otherwise it returns x/agency's answer
// for the custodian role (ErrNotMember, ErrRoleNotHeld…) or ErrWrongAgency.
func (k Keeper) authorizeCanceller(ctx context.Context, signer sdk.AccAddress, signerStr string, it types.EvidenceItem) (string, error) {
	agencyID, err := k.authorizeIn(ctx, signer, types.RoleCustodian, it.CustodianAgency, "the item")
	if err == nil {
		return agencyID, nil
	}
	a, aerr := k.agencyKeeper.GetAgency(ctx, it.CustodianAgency)
	if aerr == nil && a.Admin == signerStr && a.Status == agencytypes.AgencyStatusActive {
		return a.Id, nil
	}
	return "", err
}

// loadForReceiver loads an item and its open transfer, requires signer to be
// the named receiver, and asks x/agency whether the receiver may hold evidence
// (custodian or analyst) now; it returns the receiver's agency.
func (k Keeper) loadForReceiver(ctx context.Context, signer sdk.AccAddress, evidenceID uint64) (types.EvidenceItem, types.Transfer, string, error) {
	it, err := k.getItem(ctx, evidenceID)
	if err != nil {
		return types.EvidenceItem{}, types.Transfer{}, "", err
	}
	t, err := k.getTransfer(ctx, it)
	if err != nil {
		return types.EvidenceItem{}, types.Transfer{}, "", err
	}
	receiver, err := k.addressCodec.StringToBytes(t.Receiver)
	if err != nil {
		return types.EvidenceItem{}, types.Transfer{}, "", err
	}
	if !signer.Equals(sdk.AccAddress(receiver)) {
		return types.EvidenceItem{}, types.Transfer{}, "", errorsmod.Wrapf(types.ErrNotReceiver, "the transfer of evidence %d is addressed to %s", it.Id, t.Receiver)
	}
	agencyID, err := roles.AnyOf(ctx, k.agencyKeeper, signer, types.RoleCustodian, types.RoleAnalyst)
	if err != nil {
		return types.EvidenceItem{}, types.Transfer{}, "", err
	}
	return it, t, agencyID, nil
}

// closeTransfer is the end of Accept, Reject and CancelTransfer: it checks the
// edge TRANSFER_PENDING -> IN_CUSTODY before any write, removes the item's
// open transfer and moves the item back into custody, recording action.
func (k Keeper) closeTransfer(ctx context.Context, it types.EvidenceItem, action types.CustodyAction, actor, agencyID, noteDigest string) (types.CustodyEvent, error) {
	if err := types.ValidateTransition(it.Status, types.EvidenceStatusInCustody); err != nil {
		return types.CustodyEvent{}, err
	}
	if err := k.Transfers.Remove(ctx, it.Id); err != nil {
		return types.CustodyEvent{}, err
	}
	return k.move(ctx, it, types.EvidenceStatusInCustody, action, actor, agencyID, noteDigest)
}

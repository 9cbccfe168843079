package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/welfare/types"
)

// OfferEntitlement offers an ENROLLED enrolment of an ACTIVE program an
// entitlement: amount_per_cycle paid to payee by every cycle whose period
// overlaps [valid_from, valid_until). One live entitlement an enrolment. The
// payee must not belong to the paying agency (neither a member nor its
// admin: staff cannot pay themselves) and must be an account that may receive
// coins. The payee accepts it itself (MsgAcceptEntitlement) before it is paid.
func (m msgServer) OfferEntitlement(ctx context.Context, msg *types.MsgOfferEntitlement) (*types.MsgOfferEntitlementResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	signer, payee, err := validateMsgOfferEntitlement(m.addressCodec, msg, params, now)
	if err != nil {
		return nil, err
	}
	e, p, err := m.enrolmentFor(ctx, signer, msg.EnrolmentId)
	if err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	if e.Status != types.EnrolmentStatusEnrolled {
		return nil, errorsmod.Wrapf(types.ErrEnrolmentNotEnrolled, "enrolment %d is %s: only an ENROLLED enrolment is offered an entitlement", e.Id, e.Status.Label())
	}
	if e.EntitlementId != 0 {
		prev, err := m.GetEntitlement(ctx, e.EntitlementId)
		if err != nil {
			return nil, err
		}
		if prev.Status.IsLive() {
			return nil, errorsmod.Wrapf(types.ErrLiveEntitlement, "enrolment %d has entitlement %d, stored %s: end it first", e.Id, prev.Id, prev.Status.Label())
		}
	}
	if err := m.checkPayee(ctx, payee, msg.Payee, p); err != nil {
		return nil, err
	}

	last, err := m.LastEntitlementID.Next(ctx)
	if err != nil {
		return nil, err
	}
	ent := types.Entitlement{
		Id:             last + 1,
		EnrolmentId:    e.Id,
		ProgramId:      p.Id,
		Payee:          msg.Payee,
		AmountPerCycle: msg.AmountPerCycle,
		ValidFrom:      msg.ValidFrom,
		ValidUntil:     msg.ValidUntil,
		Status:         types.EntitlementStatusOffered,
		OfferedBy:      msg.Caseworker,
		OfferedAt:      now,
		PaidAmount:     sdkmath.ZeroInt(),
		UpdatedAt:      now,
	}
	if err := m.saveEntitlement(ctx, &p, types.EntitlementStatusUnspecified, ent); err != nil {
		return nil, err
	}
	e.EntitlementId = ent.Id
	if err := m.Enrolments.Set(ctx, e.Id, e); err != nil {
		return nil, err
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventEntitlementOffered{
		EntitlementId: ent.Id, EnrolmentId: e.Id, ProgramId: p.Id, Payee: ent.Payee, AmountPerCycle: ent.AmountPerCycle,
		ValidFrom: ent.ValidFrom, ValidUntil: ent.ValidUntil, Caseworker: msg.Caseworker,
	}, &types.MsgOfferEntitlementResponse{EntitlementId: ent.Id})
}

// checkPayee refuses a payee that belongs to the paying agency (a member or
// its admin) and a module account that may not receive coins.
func (k Keeper) checkPayee(ctx context.Context, payee sdk.AccAddress, payeeStr string, p types.Program) error {
	if k.bankKeeper.BlockedAddr(payee) {
		return errorsmod.Wrapf(types.ErrBlockedAddress, "payee %s is a module account that may not receive coins", payeeStr)
	}
	agency, err := k.agencyKeeper.Affiliation(ctx, payee)
	if err != nil {
		return err
	}
	if agency == p.AgencyId {
		return errorsmod.Wrapf(types.ErrPayeeIsAgencyMember, "payee %s belongs to agency %q, which pays program %d", payeeStr, agency, p.Id)
	}
	return nil
}

// entitlementForPayee loads an entitlement and its program and requires
// signer to be its payee.
func (k Keeper) entitlementForPayee(ctx context.Context, signer string, id uint64) (types.Entitlement, types.Program, error) {
	ent, err := k.GetEntitlement(ctx, id)
	if err != nil {
		return ent, types.Program{}, err
	}
	if signer != ent.Payee {
		return ent, types.Program{}, errorsmod.Wrapf(types.ErrNotPayee, "entitlement %d pays %s: only that account accepts or declines it, not %s", ent.Id, ent.Payee, signer)
	}
	p, err := k.GetProgram(ctx, ent.ProgramId)
	return ent, p, err
}

// transition checks an entitlement's move to status to from the status it
// shows at now (ENDED once past valid_until).
func transition(ent types.Entitlement, to types.EntitlementStatus, now time.Time) error {
	if err := types.ValidateEntitlementTransition(ent.StatusAt(now), to); err != nil {
		return errorsmod.Wrapf(err, "entitlement %d", ent.Id)
	}
	return nil
}

// AcceptEntitlement accepts an OFFERED entitlement of an ACTIVE program.
// Only the payee may, and only while it still does not belong to the paying
// agency.
func (m msgServer) AcceptEntitlement(ctx context.Context, msg *types.MsgAcceptEntitlement) (*types.MsgAcceptEntitlementResponse, error) {
	payee, err := validateMsgAcceptEntitlement(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	ent, p, err := m.entitlementForPayee(ctx, msg.Payee, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if err := transition(ent, types.EntitlementStatusAccepted, now); err != nil {
		return nil, err
	}
	if err := m.checkPayee(ctx, payee, msg.Payee, p); err != nil {
		return nil, err
	}
	if err := m.setEntitlementStatus(ctx, &p, ent, types.EntitlementStatusAccepted, "", msg.Payee); err != nil {
		return nil, err
	}
	return &types.MsgAcceptEntitlementResponse{}, nil
}

// DeclineEntitlement declines an OFFERED entitlement (final). Only the payee may.
func (m msgServer) DeclineEntitlement(ctx context.Context, msg *types.MsgDeclineEntitlement) (*types.MsgDeclineEntitlementResponse, error) {
	if _, err := validateMsgDeclineEntitlement(m.addressCodec, msg); err != nil {
		return nil, err
	}
	ent, p, err := m.entitlementForPayee(ctx, msg.Payee, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	if err := transition(ent, types.EntitlementStatusDeclined, blockctx.Time(ctx)); err != nil {
		return nil, err
	}
	if err := m.setEntitlementStatus(ctx, &p, ent, types.EntitlementStatusDeclined, "", msg.Payee); err != nil {
		return nil, err
	}
	return &types.MsgDeclineEntitlementResponse{}, nil
}

// SetEntitlementStatus suspends an ACTIVE entitlement, resumes a SUSPENDED
// one (not while under an audit hold), or ends a live one (final), with a
// reason code. A live entitlement past valid_until (shown ENDED) may be ended,
// which stores what the queries show.
func (m msgServer) SetEntitlementStatus(ctx context.Context, msg *types.MsgSetEntitlementStatus) (*types.MsgSetEntitlementStatusResponse, error) {
	signer, err := validateMsgSetEntitlementStatus(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	ent, err := m.GetEntitlement(ctx, msg.EntitlementId)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, ent.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleCaseworker, p); err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	switch {
	case msg.Status == types.EntitlementStatusEnded:
		if err := types.ValidateEntitlementTransition(ent.Status, msg.Status); err != nil {
			return nil, errorsmod.Wrapf(err, "entitlement %d", ent.Id)
		}
	case msg.Status == types.EntitlementStatusActive && ent.StatusAt(now) != types.EntitlementStatusSuspended:
		// ACCEPTED becomes ACTIVE by its first payment, never by hand.
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "entitlement %d is %s: only a SUSPENDED entitlement is resumed; entitlement cannot go from %s to ACTIVE by hand",
			ent.Id, ent.StatusAt(now).Label(), ent.StatusAt(now).Label())
	default:
		if err := transition(ent, msg.Status, now); err != nil {
			return nil, err
		}
	}
	if msg.Status == types.EntitlementStatusActive && ent.AuditHold {
		return nil, errorsmod.Wrapf(types.ErrAuditHold, "entitlement %d is under an audit hold of agency %q (%s): the auditor releases it first", ent.Id, ent.AuditAgency, ent.AuditReason)
	}
	if err := m.setEntitlementStatus(ctx, &p, ent, msg.Status, msg.ReasonCode, msg.Caseworker); err != nil {
		return nil, err
	}
	return &types.MsgSetEntitlementStatusResponse{}, nil
}

// setEntitlementStatus stores ent with status to (and reason, when given),
// counts the move, stores p and emits the event.
func (k Keeper) setEntitlementStatus(ctx context.Context, p *types.Program, ent types.Entitlement, to types.EntitlementStatus, reason, actor string) error {
	from := ent.Status
	ent.Status, ent.UpdatedAt = to, blockctx.Time(ctx)
	if reason != "" {
		ent.EndReason = reason
	}
	if err := k.saveEntitlement(ctx, p, from, ent); err != nil {
		return err
	}
	if err := k.Programs.Set(ctx, p.Id, *p); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventEntitlementStatusChanged{
		EntitlementId: ent.Id, ProgramId: ent.ProgramId, From: from, To: to, ReasonCode: reason, Actor: actor,
	})
}

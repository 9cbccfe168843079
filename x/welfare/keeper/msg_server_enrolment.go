package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/welfare/types"
)

// Apply files an application. The duplicate check comes first, before any
// eligibility decision: each of the program's groups has one slot key in the
// application, and when any of them is held (its enrolment PENDING, ENROLLED
// or PAUSED, its program not CLOSED, its latest entitlement not past
// valid_until) the enrolment is stored DUPLICATED, final, and the program's
// and that group's duplicates counted — a successful transaction. Otherwise
// the slots are reserved and the enrolment is PENDING. A slot whose holder
// has lapsed counts as free and this write releases the holder (EXITED,
// ENTITLEMENT_EXPIRED or PROGRAM_CLOSED).
func (m msgServer) Apply(ctx context.Context, msg *types.MsgApply) (*types.MsgApplyResponse, error) {
	signer, err := validateMsgApply(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleCaseworker, p); err != nil {
		return nil, err
	}
	if err := types.ValidateSlotKeys(msg.SlotKeys, p.Groups); err != nil {
		return nil, err
	}
	if types.IsDidRef(msg.BeneficiaryRef) {
		if err := m.didKeeper.ActiveDid(ctx, msg.BeneficiaryRef); err != nil {
			return nil, errorsmod.Wrapf(types.ErrBeneficiaryInactive, "beneficiary_ref: %s", err)
		}
	}
	now := blockctx.Time(ctx)

	// The duplicate check: read every slot first, write nothing yet.
	duplicate := ""
	var stale []lapse
	for i, key := range msg.SlotKeys {
		slot, err := m.Slots.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		if slot.GroupId != p.Groups[i] {
			return nil, errorsmod.Wrapf(types.ErrSlotGroupMismatch, "slot key %s is held in group %s, it is given for group %s", key, slot.GroupId, p.Groups[i])
		}
		reason, err := m.lapsed(ctx, slot.EnrolmentId, now)
		if err != nil {
			return nil, err
		}
		if reason == "" {
			if duplicate == "" {
				duplicate = p.Groups[i]
			}
			continue
		}
		stale = appendLapse(stale, lapse{slot.EnrolmentId, reason})
	}

	// The writes: release what lapsed, then store the enrolment.
	for _, l := range stale {
		if err := m.releaseLapsed(ctx, l); err != nil {
			return nil, err
		}
	}
	if p, err = m.GetProgram(ctx, msg.ProgramId); err != nil { // a release may have counted in it
		return nil, err
	}
	last, err := m.LastEnrolmentID.Next(ctx)
	if err != nil {
		return nil, err
	}
	e := types.Enrolment{
		Id:                last + 1,
		ProgramId:         p.Id,
		AgencyId:          p.AgencyId,
		BeneficiaryRef:    msg.BeneficiaryRef,
		SlotKeys:          msg.SlotKeys,
		ApplicationDigest: msg.ApplicationDigest,
		Status:            types.EnrolmentStatusPending,
		FiledBy:           msg.Caseworker,
		FiledAt:           now,
		UpdatedAt:         now,
	}
	if duplicate != "" {
		e.Status, e.DuplicateGroup = types.EnrolmentStatusDuplicated, duplicate
		g, err := m.GetGroup(ctx, duplicate)
		if err != nil {
			return nil, err
		}
		g.DuplicatesRefused++
		if err := m.Groups.Set(ctx, g.Id, g); err != nil {
			return nil, err
		}
	} else {
		for i, key := range e.SlotKeys {
			if err := m.reserveSlot(ctx, types.Slot{SlotKey: key, EnrolmentId: e.Id, GroupId: p.Groups[i]}); err != nil {
				return nil, err
			}
		}
	}
	if err := m.saveEnrolment(ctx, &p, types.EnrolmentStatusUnspecified, e); err != nil {
		return nil, err
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventApplied{
		EnrolmentId: e.Id, ProgramId: p.Id, AgencyId: p.AgencyId, Status: e.Status, DuplicateGroup: e.DuplicateGroup, Caseworker: msg.Caseworker,
	}, &types.MsgApplyResponse{EnrolmentId: e.Id, Status: e.Status, DuplicateGroup: e.DuplicateGroup})
}

// lapse is an enrolment whose slots count as free, and why.
type lapse struct {
	enrolment uint64
	reason    string
}

// appendLapse appends l unless its enrolment is listed already (one
// enrolment may hold several of an application's slots).
func appendLapse(ls []lapse, l lapse) []lapse {
	for _, x := range ls {
		if x.enrolment == l.enrolment {
			return ls
		}
	}
	return append(ls, l)
}

// lapsed tells whether the slots of enrolment id count as free at now, and
// why: "" while it holds them (PENDING, ENROLLED or PAUSED, its program not
// CLOSED, its latest entitlement not past valid_until), PROGRAM_CLOSED or
// ENTITLEMENT_EXPIRED otherwise. A slot only names an enrolment that holds
// slots (the slots invariant), so its status is not asked again.
func (k Keeper) lapsed(ctx context.Context, id uint64, now time.Time) (string, error) {
	e, err := k.GetEnrolment(ctx, id)
	if err != nil {
		return "", err
	}
	p, err := k.GetProgram(ctx, e.ProgramId)
	if err != nil {
		return "", err
	}
	if p.Status == types.ProgramStatusClosed {
		return types.ReasonProgramClosed, nil
	}
	if e.EntitlementId != 0 {
		ent, err := k.GetEntitlement(ctx, e.EntitlementId)
		if err != nil {
			return "", err
		}
		if ent.Lapsed(now) {
			return types.ReasonEntitlementExpired, nil
		}
	}
	return "", nil
}

// releaseLapsed takes a lapsed enrolment to EXITED with the lapse's reason:
// its slots released, its live entitlement ENDED, its program's counters
// updated, events emitted. Bounded: at most MaxGroupsPerProgram slots and one
// entitlement.
func (k Keeper) releaseLapsed(ctx context.Context, l lapse) error {
	e, err := k.GetEnrolment(ctx, l.enrolment)
	if err != nil {
		return err
	}
	p, err := k.GetProgram(ctx, e.ProgramId)
	if err != nil {
		return err
	}
	if err := k.exit(ctx, &p, e, l.reason, ""); err != nil {
		return err
	}
	return k.Programs.Set(ctx, p.Id, p)
}

// exit takes enrolment e to EXITED with reason (by actor, "" for a lapse):
// its slots released and its live entitlement ENDED. The caller stores p.
func (k Keeper) exit(ctx context.Context, p *types.Program, e types.Enrolment, reason, actor string) error {
	from := e.Status
	if err := types.ValidateEnrolmentTransition(from, types.EnrolmentStatusExited); err != nil {
		return errorsmod.Wrapf(err, "enrolment %d", e.Id)
	}
	if err := k.releaseSlots(ctx, e, p.Groups, reason); err != nil {
		return err
	}
	if e.EntitlementId != 0 {
		ent, err := k.GetEntitlement(ctx, e.EntitlementId)
		if err != nil {
			return err
		}
		if ent.Status.IsLive() {
			endReason := reason
			if actor != "" {
				endReason = types.ReasonEnrolmentExited
			}
			if err := k.endEntitlement(ctx, p, ent, endReason, actor); err != nil {
				return err
			}
		}
	}
	e.Status, e.ExitReason, e.UpdatedAt = types.EnrolmentStatusExited, reason, blockctx.Time(ctx)
	if err := k.saveEnrolment(ctx, p, from, e); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventEnrolmentStatusChanged{
		EnrolmentId: e.Id, ProgramId: e.ProgramId, From: from, To: e.Status, ReasonCode: reason, Actor: actor,
	})
}

// endEntitlement takes a live entitlement to ENDED with reason. The caller stores p.
func (k Keeper) endEntitlement(ctx context.Context, p *types.Program, ent types.Entitlement, reason, actor string) error {
	from := ent.Status
	ent.Status, ent.EndReason, ent.UpdatedAt = types.EntitlementStatusEnded, reason, blockctx.Time(ctx)
	if err := k.saveEntitlement(ctx, p, from, ent); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventEntitlementStatusChanged{
		EntitlementId: ent.Id, ProgramId: ent.ProgramId, From: from, To: ent.Status, ReasonCode: reason, Actor: actor,
	})
}

// reserveSlot stores a slot and counts it in its group.
func (k Keeper) reserveSlot(ctx context.Context, s types.Slot) error {
	g, err := k.GetGroup(ctx, s.GroupId)
	if err != nil {
		return err
	}
	g.SlotsHeld++
	if err := k.Groups.Set(ctx, g.Id, g); err != nil {
		return err
	}
	return k.Slots.Set(ctx, s.SlotKey, s)
}

// releaseSlots deletes the slots enrolment e holds (its key of each of the
// program's groups) and uncounts them in their groups.
func (k Keeper) releaseSlots(ctx context.Context, e types.Enrolment, groups []string, reason string) error {
	for i, key := range e.SlotKeys {
		slot, err := k.Slots.Get(ctx, key)
		if errors.Is(err, collections.ErrNotFound) {
			continue
		} else if err != nil {
			return err
		}
		if slot.EnrolmentId != e.Id {
			continue
		}
		g, err := k.GetGroup(ctx, groups[i])
		if err != nil {
			return err
		}
		if g.SlotsHeld > 0 {
			g.SlotsHeld--
		}
		if err := k.Groups.Set(ctx, g.Id, g); err != nil {
			return err
		}
		if err := k.Slots.Remove(ctx, key); err != nil {
			return err
		}
		if err := blockctx.Emit(ctx, &types.EventSlotReleased{SlotKey: key, GroupId: groups[i], EnrolmentId: e.Id, Reason: reason}); err != nil {
			return err
		}
	}
	return nil
}

// enrolmentFor loads an enrolment and its program and requires signer to be
// a caseworker of the program's agency.
func (k Keeper) enrolmentFor(ctx context.Context, signer sdk.AccAddress, id uint64) (types.Enrolment, types.Program, error) {
	e, err := k.GetEnrolment(ctx, id)
	if err != nil {
		return e, types.Program{}, err
	}
	p, err := k.GetProgram(ctx, e.ProgramId)
	if err != nil {
		return e, p, err
	}
	if _, err := k.authorizeFor(ctx, signer, types.RoleCaseworker, p); err != nil {
		return e, p, err
	}
	return e, p, nil
}

// DecideEligibility decides a PENDING enrolment of an ACTIVE program:
// ENROLLED, or NOT_ELIGIBLE (final, its slots released). The deciding
// caseworker must not be the one who filed the application (four eyes).
func (m msgServer) DecideEligibility(ctx context.Context, msg *types.MsgDecideEligibility) (*types.MsgDecideEligibilityResponse, error) {
	signer, err := validateMsgDecideEligibility(m.addressCodec, msg)
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
	if msg.Caseworker == e.FiledBy {
		return nil, errorsmod.Wrapf(types.ErrSelfDecision, "enrolment %d was filed by %s: another caseworker decides", e.Id, e.FiledBy)
	}
	from := e.Status
	if err := types.ValidateEnrolmentTransition(from, msg.Outcome); err != nil {
		return nil, errorsmod.Wrapf(err, "enrolment %d", e.Id)
	}
	now := blockctx.Time(ctx)
	if msg.Outcome == types.EnrolmentStatusNotEligible {
		if err := m.releaseSlots(ctx, e, p.Groups, types.ReasonNotEligible); err != nil {
			return nil, err
		}
	}
	e.Status, e.DecidedBy, e.DecidedAt, e.DecisionDigest, e.CriteriaVersion, e.UpdatedAt = msg.Outcome, msg.Caseworker, now, msg.DecisionDigest, msg.CriteriaVersion, now
	if err := m.saveEnrolment(ctx, &p, from, e); err != nil {
		return nil, err
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventEligibilityDecided{
		EnrolmentId: e.Id, ProgramId: p.Id, Outcome: e.Status, CriteriaVersion: e.CriteriaVersion, DecisionDigest: e.DecisionDigest, Caseworker: msg.Caseworker,
	}, &types.MsgDecideEligibilityResponse{})
}

// SetEnrolmentStatus pauses an ENROLLED enrolment, resumes a PAUSED one, or
// exits either (final: its slots released and its live entitlement ENDED),
// with a reason code. Exiting works whatever the program's status.
func (m msgServer) SetEnrolmentStatus(ctx context.Context, msg *types.MsgSetEnrolmentStatus) (*types.MsgSetEnrolmentStatusResponse, error) {
	signer, err := validateMsgSetEnrolmentStatus(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	e, p, err := m.enrolmentFor(ctx, signer, msg.EnrolmentId)
	if err != nil {
		return nil, err
	}
	from := e.Status
	if from == types.EnrolmentStatusPending && msg.Status == types.EnrolmentStatusExited {
		// A PENDING enrolment is decided (NOT_ELIGIBLE), not exited by hand.
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "enrolment %d is PENDING: decide it (DecideEligibility); enrolment cannot go from PENDING to EXITED", e.Id)
	}
	if err := types.ValidateEnrolmentTransition(from, msg.Status); err != nil {
		return nil, errorsmod.Wrapf(err, "enrolment %d", e.Id)
	}
	if msg.Status == types.EnrolmentStatusExited {
		if err := m.exit(ctx, &p, e, msg.ReasonCode, msg.Caseworker); err != nil {
			return nil, err
		}
		if err := m.Programs.Set(ctx, p.Id, p); err != nil {
			return nil, err
		}
		return &types.MsgSetEnrolmentStatusResponse{}, nil
	}
	if msg.Status == types.EnrolmentStatusEnrolled {
		if err := requireActive(p); err != nil {
			return nil, err
		}
	}
	e.Status, e.ExitReason, e.UpdatedAt = msg.Status, msg.ReasonCode, blockctx.Time(ctx)
	if err := m.saveEnrolment(ctx, &p, from, e); err != nil {
		return nil, err
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventEnrolmentStatusChanged{
		EnrolmentId: e.Id, ProgramId: p.Id, From: from, To: e.Status, ReasonCode: msg.ReasonCode, Actor: msg.Caseworker,
	}, &types.MsgSetEnrolmentStatusResponse{})
}

package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/welfare/types"
)

// CreateCycle creates a DRAFT payment cycle of an ACTIVE program: seq the
// program's next, its period starting no earlier than the end of the
// program's newest cycle that is not CANCELLED (periods never overlap, so no
// entitlement is paid twice for one time).
func (m msgServer) CreateCycle(ctx context.Context, msg *types.MsgCreateCycle) (*types.MsgCreateCycleResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, err := validateMsgCreateCycle(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if _, err := m.authorizeFor(ctx, signer, types.RoleManager, p); err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	if msg.PeriodStart.Before(p.LastPeriodEnd) {
		return nil, errorsmod.Wrapf(types.ErrPeriodOverlap, "period_start %s is before %s, the end of program %d's newest cycle", formatTime(msg.PeriodStart), formatTime(p.LastPeriodEnd), p.Id)
	}
	now := blockctx.Time(ctx)
	c := types.Cycle{
		ProgramId:         p.Id,
		Seq:               p.LastCycleSeq + 1,
		PeriodStart:       msg.PeriodStart,
		PeriodEnd:         msg.PeriodEnd,
		PreviousPeriodEnd: p.LastPeriodEnd,
		TotalDue:          sdkmath.ZeroInt(),
		Status:            types.CycleStatusDraft,
		CreatedBy:         msg.Manager,
		CreatedAt:         now,
		PaidAmount:        sdkmath.ZeroInt(),
		Reserved:          sdkmath.ZeroInt(),
		UpdatedAt:         now,
	}
	if err := m.Cycles.Set(ctx, cycleKey(c), c); err != nil {
		return nil, err
	}
	p.LastCycleSeq, p.LastPeriodEnd = c.Seq, c.PeriodEnd
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCycleCreated{
		ProgramId: p.Id, Seq: c.Seq, PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, Actor: msg.Manager,
	}, &types.MsgCreateCycleResponse{Seq: c.Seq})
}

// cycleKey is a cycle's store key.
func cycleKey(c types.Cycle) CycleKey { return collections.Join(c.ProgramId, c.Seq) }

// paymentKey is the store key of an entitlement's payment in a cycle.
func paymentKey(programID, seq, entitlementID uint64) PaymentKey {
	return collections.Join(collections.Join(programID, seq), entitlementID)
}

// cycleFor loads a cycle and its program and requires signer to be a
// manager of the program's agency.
func (k Keeper) cycleFor(ctx context.Context, signer sdk.AccAddress, programID, seq uint64) (types.Cycle, types.Program, error) {
	p, err := k.GetProgram(ctx, programID)
	if err != nil {
		return types.Cycle{}, p, err
	}
	if _, err := k.authorizeFor(ctx, signer, types.RoleManager, p); err != nil {
		return types.Cycle{}, p, err
	}
	c, err := k.GetCycle(ctx, programID, seq)
	return c, p, err
}

// moveCycle checks and makes a cycle's status change, counting the program's
// open cycles (TO_APPROVE or APPROVED); the caller stores c and p.
func moveCycle(c *types.Cycle, p *types.Program, to types.CycleStatus, now time.Time) error {
	if err := types.ValidateCycleTransition(c.Status, to); err != nil {
		return errorsmod.Wrapf(err, "cycle %d of program %d", c.Seq, c.ProgramId)
	}
	wasOpen, isOpen := isOpen(c.Status), isOpen(to)
	switch {
	case isOpen && !wasOpen:
		p.OpenCycles++
	case wasOpen && !isOpen && p.OpenCycles > 0:
		p.OpenCycles--
	}
	c.Status, c.UpdatedAt = to, now
	return nil
}

// isOpen reports whether a cycle of status s blocks closing its program.
func isOpen(s types.CycleStatus) bool {
	return s == types.CycleStatusToApprove || s == types.CycleStatusApproved
}

// saveCycle stores c and p and ends the handler with a status event and its response.
func saveCycle[R any](ctx context.Context, k Keeper, c types.Cycle, p types.Program, from types.CycleStatus, actor string, resp *R) (*R, error) {
	if err := k.Cycles.Set(ctx, cycleKey(c), c); err != nil {
		return nil, err
	}
	if err := k.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventCycleStatusChanged{
		ProgramId: c.ProgramId, Seq: c.Seq, From: from, To: c.Status, TotalDue: c.TotalDue, Actor: actor,
	}, resp)
}

// SubmitCycle submits a DRAFT cycle of an ACTIVE program for approval and
// fixes its total_due: the program's due_per_cycle, kept incrementally (the
// sum of its live entitlements' amounts, an upper bound of what the cycle
// pays; never a scan).
func (m msgServer) SubmitCycle(ctx context.Context, msg *types.MsgSubmitCycle) (*types.MsgSubmitCycleResponse, error) {
	signer, err := validateMsgSubmitCycle(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	c, p, err := m.cycleFor(ctx, signer, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	from := c.Status
	if err := moveCycle(&c, &p, types.CycleStatusToApprove, blockctx.Time(ctx)); err != nil {
		return nil, err
	}
	c.TotalDue, c.SubmittedBy = p.DuePerCycle, msg.Manager
	return saveCycle(ctx, m.Keeper, c, p, from, msg.Manager, &types.MsgSubmitCycleResponse{TotalDue: c.TotalDue})
}

// ApproveCycle approves a TO_APPROVE cycle. The approver must be a manager
// other than the submitter (four eyes), and the money must cover total_due:
// a CASH program's unreserved escrow (escrow - reserved), then reserved; a
// VOUCHER program's budget (payments_amount + reserved + total_due <=
// budget_cap) and its voucher program (not CLOSED or EXPIRED, the agency an
// allocator, escrow - outstanding >= total_due).
func (m msgServer) ApproveCycle(ctx context.Context, msg *types.MsgApproveCycle) (*types.MsgApproveCycleResponse, error) {
	signer, err := validateMsgApproveCycle(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	c, p, err := m.cycleFor(ctx, signer, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	if err := requireActive(p); err != nil {
		return nil, err
	}
	if msg.Manager == c.SubmittedBy {
		return nil, errorsmod.Wrapf(types.ErrSelfApproval, "cycle %d of program %d was submitted by %s: another manager approves", c.Seq, p.Id, c.SubmittedBy)
	}
	now := blockctx.Time(ctx)
	from := c.Status
	if err := moveCycle(&c, &p, types.CycleStatusApproved, now); err != nil {
		return nil, err
	}
	if p.IsCash() {
		if free := p.Totals.Escrow.Sub(p.Totals.Reserved); free.LT(c.TotalDue) {
			return nil, errorsmod.Wrapf(types.ErrEscrowShort, "cycle %d of program %d is due %s, the program's unreserved escrow is %s", c.Seq, p.Id, c.TotalDue, free)
		}
	} else {
		if used := p.Totals.PaymentsAmount.Add(p.Totals.Reserved).Add(c.TotalDue); used.GT(p.BudgetCap) {
			return nil, errorsmod.Wrapf(types.ErrOverBudget, "cycle %d of program %d is due %s: paid %s and reserved %s would pass budget_cap %s", c.Seq, p.Id, c.TotalDue, p.Totals.PaymentsAmount, p.Totals.Reserved, p.BudgetCap)
		}
		if err := m.checkVoucherProgram(ctx, p.Benefit.VoucherProgramId, p.AgencyId, now); err != nil {
			return nil, err
		}
		vp, err := m.voucherKeeper.GetProgram(ctx, p.Benefit.VoucherProgramId)
		if err != nil {
			return nil, err
		}
		if free := vp.Budget.Escrow.Sub(vp.Budget.Outstanding); free.LT(c.TotalDue) {
			return nil, errorsmod.Wrapf(types.ErrEscrowShort, "cycle %d of program %d is due %s, voucher program %d's unissued escrow is %s", c.Seq, p.Id, c.TotalDue, vp.Id, free)
		}
	}
	p.Totals.Reserved = p.Totals.Reserved.Add(c.TotalDue)
	c.Reserved, c.ApprovedBy = c.TotalDue, msg.Manager
	return saveCycle(ctx, m.Keeper, c, p, from, msg.Manager, &types.MsgApproveCycleResponse{})
}

// EndCycle ends a DISTRIBUTED cycle (final).
func (m msgServer) EndCycle(ctx context.Context, msg *types.MsgEndCycle) (*types.MsgEndCycleResponse, error) {
	signer, err := validateMsgEndCycle(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	c, p, err := m.cycleFor(ctx, signer, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	from := c.Status
	if err := moveCycle(&c, &p, types.CycleStatusEnded, blockctx.Time(ctx)); err != nil {
		return nil, err
	}
	return saveCycle(ctx, m.Keeper, c, p, from, msg.Manager, &types.MsgEndCycleResponse{})
}

// CancelCycle cancels a DRAFT or TO_APPROVE cycle, or an APPROVED one that
// has paid nothing yet, releasing its reservation. Cancelling the program's
// newest cycle gives its period back (the program's last_period_end returns
// to the cycle's previous_period_end).
func (m msgServer) CancelCycle(ctx context.Context, msg *types.MsgCancelCycle) (*types.MsgCancelCycleResponse, error) {
	signer, err := validateMsgCancelCycle(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	c, p, err := m.cycleFor(ctx, signer, msg.ProgramId, msg.Seq)
	if err != nil {
		return nil, err
	}
	if c.PaidCount > 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidTransition, "cycle %d of program %d is %s and has paid %d entitlement(s): cycle cannot go from %s to CANCELLED", c.Seq, p.Id, c.Status.Label(), c.PaidCount, c.Status.Label())
	}
	from := c.Status
	if err := moveCycle(&c, &p, types.CycleStatusCancelled, blockctx.Time(ctx)); err != nil {
		return nil, err
	}
	p.Totals.Reserved = p.Totals.Reserved.Sub(c.Reserved)
	c.Reserved = sdkmath.ZeroInt()
	if c.Seq == p.LastCycleSeq {
		p.LastPeriodEnd = c.PreviousPeriodEnd
	}
	return saveCycle(ctx, m.Keeper, c, p, from, msg.Manager, &types.MsgCancelCycleResponse{})
}

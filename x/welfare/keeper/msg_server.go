package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/internal/roles"
	"github.com/civicchain/civic/x/welfare/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go), then the reads and checks (records
// exist, Authorize and the program's agency, lifecycle, four eyes, budget,
// escrow), and only then the writes, the bank calls and the typed events. A
// rejected message therefore writes nothing and moves no coins.
//
// The handlers live by feature: msg_server_group.go (create group),
// msg_server_program.go (create, activate, fund, close), msg_server_enrolment.go
// (apply with the duplicate check, decide, pause/resume/exit, and the release
// of lapsed enrolments), msg_server_entitlement.go (offer, accept, decline,
// status), msg_server_cycle.go (create, submit, approve, end, cancel),
// msg_server_distribute.go (distribute) and msg_server_audit.go (holds,
// findings).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
// Lowering a bound never touches stored records: a program keeps its groups,
// an entitlement its validity.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// GetProgram returns the program with id; a missing program is an error
// wrapping types.ErrProgramNotFound.
func (k Keeper) GetProgram(ctx context.Context, id uint64) (types.Program, error) {
	return keeperbase.Get(ctx, k.Programs, id, types.ErrProgramNotFound, "program %d", id)
}

// GetGroup returns the exclusivity group with id (ErrGroupNotFound).
func (k Keeper) GetGroup(ctx context.Context, id string) (types.ExclusivityGroup, error) {
	return keeperbase.Get(ctx, k.Groups, id, types.ErrGroupNotFound, "group %q", id)
}

// GetEnrolment returns the enrolment with id (ErrEnrolmentNotFound).
func (k Keeper) GetEnrolment(ctx context.Context, id uint64) (types.Enrolment, error) {
	return keeperbase.Get(ctx, k.Enrolments, id, types.ErrEnrolmentNotFound, "enrolment %d", id)
}

// GetEntitlement returns the entitlement with id (ErrEntitlementNotFound).
func (k Keeper) GetEntitlement(ctx context.Context, id uint64) (types.Entitlement, error) {
	return keeperbase.Get(ctx, k.Entitlements, id, types.ErrEntitlementNotFound, "entitlement %d", id)
}

// GetCycle returns cycle seq of a program (ErrCycleNotFound).
func (k Keeper) GetCycle(ctx context.Context, programID, seq uint64) (types.Cycle, error) {
	return keeperbase.Get(ctx, k.Cycles, collections.Join(programID, seq), types.ErrCycleNotFound, "cycle %d of program %d", seq, programID)
}

// isAuthority reports whether addr is the x/gov module account.
func (k Keeper) isAuthority(addr sdk.AccAddress) bool { return bytes.Equal(addr, k.authority) }

// authorizeFor asks x/agency whether addr holds role, and requires the agency
// it acts for to be the program's: no agency touches another agency's program.
func (k Keeper) authorizeFor(ctx context.Context, addr sdk.AccAddress, role string, p types.Program) (string, error) {
	return roles.Owned(ctx, k.agencyKeeper, addr, role, p.AgencyId, types.ErrWrongAgency, fmt.Sprintf("program %d", p.Id))
}

// requireActive fails with ErrProgramNotActive unless the program is ACTIVE.
func requireActive(p types.Program) error {
	if p.Status != types.ProgramStatusActive {
		return errorsmod.Wrapf(types.ErrProgramNotActive, "program %d is %s, not ACTIVE", p.Id, p.Status.Label())
	}
	return nil
}

// addr is an account's bech32 string (addresses in state are canonical).
func (k Keeper) addr(a sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(a)
	if err != nil {
		panic(err)
	}
	return s
}

// coins is amount of denom as sdk.Coins.
func coins(denom string, amount sdkmath.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(denom, amount))
}

// saveEnrolment stores e, counting its move from status from (UNSPECIFIED
// for a new enrolment) in its program's totals p (the caller stores p).
func (k Keeper) saveEnrolment(ctx context.Context, p *types.Program, from types.EnrolmentStatus, e types.Enrolment) error {
	if from != e.Status {
		p.Totals.MoveEnrolment(from, e.Status)
	}
	return k.Enrolments.Set(ctx, e.Id, e)
}

// saveEntitlement stores e, counting its move from stored status from
// (UNSPECIFIED for a new entitlement) in its program's totals and
// due_per_cycle p (the caller stores p) and in its payee's live count.
func (k Keeper) saveEntitlement(ctx context.Context, p *types.Program, from types.EntitlementStatus, e types.Entitlement) error {
	if from != e.Status {
		p.Totals.MoveEntitlement(from, e.Status)
		switch wasLive, isLive := from.IsLive(), e.Status.IsLive(); {
		case isLive && !wasLive:
			p.DuePerCycle = p.DuePerCycle.Add(e.AmountPerCycle)
			if err := k.addPayeeLive(ctx, e.Payee, 1); err != nil {
				return err
			}
		case wasLive && !isLive:
			p.DuePerCycle = p.DuePerCycle.Sub(e.AmountPerCycle)
			if err := k.addPayeeLive(ctx, e.Payee, -1); err != nil {
				return err
			}
		}
	}
	return k.Entitlements.Set(ctx, e.Id, e)
}

// addPayeeLive adds delta (+1 or -1) to a payee's live count, removing the
// entry at 0.
func (k Keeper) addPayeeLive(ctx context.Context, payee string, delta int) error {
	bz, err := k.addressCodec.StringToBytes(payee)
	if err != nil {
		return err
	}
	n, err := k.PayeeLive.Get(ctx, bz)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	switch {
	case delta > 0:
		n++
	case n > 0:
		n--
	}
	if n == 0 {
		return k.PayeeLive.Remove(ctx, bz)
	}
	return k.PayeeLive.Set(ctx, bz, n)
}

package keeper

import (
	"bytes"
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/toll/types"
)

// RegisterOperator registers an agency as an operator, or moves its
// settlement account. Where money goes is the agency admin's decision: the
// signer must be the agency's admin, and the settlement account a member of
// the agency holding toll.settlement.
func (m msgServer) RegisterOperator(ctx context.Context, msg *types.MsgRegisterOperator) (*types.MsgRegisterOperatorResponse, error) {
	signer, err := validateMsgRegisterOperator(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	settlement, err := accaddr.Parse(m.addressCodec, "settlement_account", msg.SettlementAccount)
	if err != nil {
		return nil, err
	}
	agency, err := m.agencyKeeper.GetAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	if admin, err := m.addressCodec.StringToBytes(agency.Admin); err != nil || !bytes.Equal(admin, signer) {
		return nil, errorsmod.Wrapf(types.ErrNotAgencyAdmin, "%s is not the admin of agency %q", msg.Signer, agency.Id)
	}
	if agency.Status != agencytypes.AgencyStatusActive {
		return nil, errorsmod.Wrapf(types.ErrAgencyNotEligible, "agency %q is %s", agency.Id, agencytypes.StatusName(agency.Status))
	}
	if !agencytypes.HasRole(agency.Roles, types.RoleOperator) {
		return nil, errorsmod.Wrapf(types.ErrAgencyNotEligible, "agency %q does not have role %s", agency.Id, types.RoleOperator)
	}
	holder, err := m.agencyKeeper.Authorize(ctx, settlement, types.RoleSettlement)
	if err != nil {
		return nil, err
	}
	if holder != agency.Id {
		return nil, errorsmod.Wrapf(types.ErrNotSettlementAccount, "%s holds %s for agency %q, not %q", msg.SettlementAccount, types.RoleSettlement, holder, agency.Id)
	}
	op, err := m.Operators.Get(ctx, agency.Id)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		op = types.Operator{AgencyId: agency.Id, RegisteredAt: blockctx.Time(ctx)}
	case err != nil:
		return nil, err
	}
	op.SettlementAccount = msg.SettlementAccount
	if err := m.Operators.Set(ctx, agency.Id, op); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventOperatorRegistered{Operator: agency.Id, SettlementAccount: msg.SettlementAccount, Admin: msg.Signer}, &types.MsgRegisterOperatorResponse{Operator: agency.Id})
}

// RegisterRoute registers a new route owned by the signer's operator.
func (m msgServer) RegisterRoute(ctx context.Context, msg *types.MsgRegisterRoute) (*types.MsgRegisterRouteResponse, error) {
	signer, err := validateMsgRegisterRoute(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	op, err := m.registeredOperator(ctx, signer)
	if err != nil {
		return nil, err
	}
	switch r, err := m.Routes.Get(ctx, msg.Route); {
	case err == nil:
		return nil, errorsmod.Wrapf(types.ErrRouteExists, "route %s is owned by %s", r.Id, r.Owner)
	case !errors.Is(err, collections.ErrNotFound):
		return nil, err
	}
	r := types.Route{Id: msg.Route, Owner: op.AgencyId, RegisteredAt: blockctx.Time(ctx)}
	if err := m.Routes.Set(ctx, r.Id, r); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventRouteRegistered{Route: r.Id, Owner: r.Owner}, &types.MsgRegisterRouteResponse{})
}

// getRoute loads a route or fails with ErrRouteNotFound.
func (k Keeper) getRoute(ctx context.Context, id string) (types.Route, error) {
	r, err := k.Routes.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Route{}, errorsmod.Wrapf(types.ErrRouteNotFound, "route %q", id)
	}
	return r, err
}

// RegisterPlaza registers a plaza of the signer's operator on a registered
// route that the operator owns or holds a segment of.
func (m msgServer) RegisterPlaza(ctx context.Context, msg *types.MsgRegisterPlaza) (*types.MsgRegisterPlazaResponse, error) {
	signer, err := validateMsgRegisterPlaza(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	op, err := m.registeredOperator(ctx, signer)
	if err != nil {
		return nil, err
	}
	route, err := m.getRoute(ctx, msg.Route)
	if err != nil {
		return nil, err
	}
	if has, err := m.Plazas.Has(ctx, msg.PlazaId); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrPlazaExists, "plaza %q", msg.PlazaId)
	}
	// A plaza on a route holds off the retirement of its segments
	// (RetireSegment): only the route's owner and the operators it (or
	// governance) gave a segment of it place plazas there.
	if route.Owner != op.AgencyId {
		if on, err := m.hasSegmentOn(ctx, route.Id, op.AgencyId); err != nil {
			return nil, err
		} else if !on {
			return nil, errorsmod.Wrapf(types.ErrNotRouteOwner, "route %s is owned by %s and %s has no segment on it", route.Id, route.Owner, op.AgencyId)
		}
	}
	p := types.Plaza{Id: msg.PlazaId, Operator: op.AgencyId, Route: msg.Route, PositionM: msg.PositionM, RegisteredAt: blockctx.Time(ctx)}
	if err := m.Plazas.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventPlazaRegistered{PlazaId: p.Id, Operator: p.Operator, Route: p.Route, PositionM: p.PositionM}, &types.MsgRegisterPlazaResponse{})
}

// RegisterSegment registers a segment of a route for an operator. The
// route's owner registers segments on its route (its own, or a stretch it
// hands to another registered operator); only governance registers a segment
// on a route someone else owns.
func (m msgServer) RegisterSegment(ctx context.Context, msg *types.MsgRegisterSegment) (*types.MsgRegisterSegmentResponse, error) {
	signer, err := validateMsgRegisterSegment(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	segOperator := msg.Operator
	if m.isAuthority(signer) {
		if segOperator == "" {
			return nil, errorsmod.Wrap(types.ErrInvalidSegment, "a segment registered by governance must name its operator")
		}
		if _, err := m.getRoute(ctx, msg.Route); err != nil {
			return nil, err
		}
	} else {
		op, err := m.registeredOperator(ctx, signer)
		if err != nil {
			return nil, err
		}
		route, err := m.getRoute(ctx, msg.Route)
		if err != nil {
			return nil, err
		}
		if route.Owner != op.AgencyId {
			return nil, errorsmod.Wrapf(types.ErrNotRouteOwner, "route %s is owned by %s, the signer acts for %s; a segment on another's route needs governance", route.Id, route.Owner, op.AgencyId)
		}
		if segOperator == "" {
			segOperator = op.AgencyId
		}
	}
	if _, err := m.getOperator(ctx, segOperator); err != nil {
		return nil, err
	}
	// The only segment that can overlap [start, end) without starting inside
	// it is the last one starting before end.
	rng := collections.NewPrefixedPairRange[string, uint64](msg.Route).EndExclusive(msg.EndM).Descending()
	it, err := m.Segments.Iterate(ctx, rng)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	if it.Valid() {
		prev, err := it.Value()
		if err != nil {
			return nil, err
		}
		if prev.EndM > msg.StartM {
			return nil, errorsmod.Wrapf(types.ErrSegmentOverlap, "[%d, %d) overlaps %s's segment [%d, %d) of route %s", msg.StartM, msg.EndM, prev.Operator, prev.StartM, prev.EndM, msg.Route)
		}
	}
	s := types.Segment{Route: msg.Route, StartM: msg.StartM, EndM: msg.EndM, Operator: segOperator}
	if err := m.Segments.Set(ctx, collections.Join(s.Route, s.StartM), s); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSegmentRegistered{Route: s.Route, StartM: s.StartM, EndM: s.EndM, Operator: s.Operator}, &types.MsgRegisterSegmentResponse{})
}

// RetireSegment removes a segment. Its operator may retire it only while no
// other operator has a plaza on the route (whose trips could cross it);
// otherwise governance decides. A fare across the retired stretch fails with
// ErrRouteNotCovered until a segment covers it again; trips already recorded
// keep their fares.
func (m msgServer) RetireSegment(ctx context.Context, msg *types.MsgRetireSegment) (*types.MsgRetireSegmentResponse, error) {
	signer, err := validateMsgRetireSegment(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	key := collections.Join(msg.Route, msg.StartM)
	seg, err := m.Segments.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrSegmentNotFound, "route %s has no segment starting at %d m", msg.Route, msg.StartM)
	}
	if err != nil {
		return nil, err
	}
	if !m.isAuthority(signer) {
		op, err := m.registeredOperator(ctx, signer)
		if err != nil {
			return nil, err
		}
		if seg.Operator != op.AgencyId {
			return nil, errorsmod.Wrapf(types.ErrWrongOperator, "segment [%d, %d) of route %s is %s's, the signer acts for %s", seg.StartM, seg.EndM, seg.Route, seg.Operator, op.AgencyId)
		}
		if other, err := m.otherOperatorPlaza(ctx, seg.Route, op.AgencyId); err != nil {
			return nil, err
		} else if other != nil {
			return nil, errorsmod.Wrapf(types.ErrSegmentInUse, "plaza %s of %s is on route %s, its trips may cross [%d, %d); governance may retire the segment", other.K3(), other.K2(), seg.Route, seg.StartM, seg.EndM)
		}
	}
	if err := m.Segments.Remove(ctx, key); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSegmentRetired{Route: seg.Route, StartM: seg.StartM, EndM: seg.EndM, Operator: seg.Operator, RetiredBy: msg.Signer}, &types.MsgRetireSegmentResponse{})
}

// hasSegmentOn reports whether operator holds a segment of route.
func (k Keeper) hasSegmentOn(ctx context.Context, route, operator string) (bool, error) {
	it, err := k.Segments.Indexes.ByOperator.Iterate(ctx, collections.NewSuperPrefixedTripleRange[string, string, uint64](route, operator))
	if err != nil {
		return false, err
	}
	defer it.Close()
	return it.Valid(), nil
}

// otherOperatorPlaza returns the key of a plaza on route run by an operator
// other than operator, or nil. The route's plaza index is sorted by
// operator, so its first and last entries tell: two seeks, however many
// plazas the route has.
func (k Keeper) otherOperatorPlaza(ctx context.Context, route, operator string) (*collections.Triple[string, string, string], error) {
	prefix := collections.TriplePrefix[string, string, string](route)
	for _, rng := range []*collections.Range[collections.Triple[string, string, string]]{
		new(collections.Range[collections.Triple[string, string, string]]).Prefix(prefix),
		new(collections.Range[collections.Triple[string, string, string]]).Prefix(prefix).Descending(),
	} {
		it, err := k.Plazas.Indexes.ByRoute.Iterate(ctx, rng)
		if err != nil {
			return nil, err
		}
		valid := it.Valid()
		var key collections.Triple[string, string, string]
		if valid {
			key, err = it.Key()
		}
		it.Close()
		if err != nil {
			return nil, err
		}
		if valid && key.K2() != operator {
			return &key, nil
		}
	}
	return nil, nil
}

// SetTariff adds the next version of the signer's operator's tariff. Every
// rate is at most the params' max_rates; a version after the first takes
// effect tariff_min_notice_seconds after the block time at the earliest (the
// first prices trips that could not be priced before, so it changes no fare
// anyone has quoted).
func (m msgServer) SetTariff(ctx context.Context, msg *types.MsgSetTariff) (*types.MsgSetTariffResponse, error) {
	signer, err := validateMsgSetTariff(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := params.CheckTariffRates(msg.Rates); err != nil {
		return nil, err
	}
	op, err := m.registeredOperator(ctx, signer)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	if msg.EffectiveFrom.Before(now) {
		return nil, errorsmod.Wrapf(types.ErrInvalidTime, "effective_from %s is before the block time %s", msg.EffectiveFrom.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	head, err := m.TariffHead.Get(ctx, op.AgencyId)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		head = 0
	case err != nil:
		return nil, err
	default:
		latest, err := m.Tariffs.Get(ctx, collections.Join(op.AgencyId, head))
		if err != nil {
			return nil, err
		}
		if !msg.EffectiveFrom.After(latest.EffectiveFrom) {
			return nil, errorsmod.Wrapf(types.ErrTariffOverlap, "effective_from %s is not after version %d's %s", msg.EffectiveFrom.UTC().Format(time.RFC3339), latest.Version, latest.EffectiveFrom.UTC().Format(time.RFC3339))
		}
		// A version that replaces another changes fares that other operators'
		// terminals quote and collect: it takes effect only after the notice.
		earliest := now.Add(time.Duration(params.TariffMinNoticeSeconds) * time.Second)
		if msg.EffectiveFrom.Before(earliest) {
			return nil, errorsmod.Wrapf(types.ErrTariffNoticeTooShort, "effective_from %s is less than tariff_min_notice_seconds (%d) after the block time %s: %s at the earliest",
				msg.EffectiveFrom.UTC().Format(time.RFC3339), params.TariffMinNoticeSeconds, now.UTC().Format(time.RFC3339), earliest.UTC().Format(time.RFC3339))
		}
	}
	t := types.Tariff{
		Operator:            op.AgencyId,
		Version:             head + 1,
		EffectiveFrom:       msg.EffectiveFrom,
		Rates:               msg.Rates,
		Discounts:           msg.Discounts,
		CommuterStartMinute: msg.CommuterStartMinute,
		CommuterEndMinute:   msg.CommuterEndMinute,
		SetBy:               msg.Signer,
	}
	if err := m.setTariff(ctx, t); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventTariffSet{Operator: t.Operator, Version: t.Version, EffectiveFromUnix: t.EffectiveFrom.Unix()}, &types.MsgSetTariffResponse{Version: t.Version})
}

// SetSpendingLimit sets (or, with limit 0, withdraws) the signer's
// authorisation of an operator to charge its ACCOUNT fares.
func (m msgServer) SetSpendingLimit(ctx context.Context, msg *types.MsgSetSpendingLimit) (*types.MsgSetSpendingLimitResponse, error) {
	payer, err := validateMsgSetSpendingLimit(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if _, err := m.getOperator(ctx, msg.Operator); err != nil {
		return nil, err
	}
	key := collections.Join(payer, msg.Operator)
	limit, err := m.SpendingLimits.Get(ctx, key)
	found := err == nil
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	if msg.Limit == 0 {
		if !found {
			return nil, errorsmod.Wrapf(types.ErrSpendingLimitNotFound, "payer %s has no spending limit for operator %s", msg.Payer, msg.Operator)
		}
		if err := m.SpendingLimits.Remove(ctx, key); err != nil {
			return nil, err
		}
	} else {
		if !found {
			limit = types.SpendingLimit{Payer: msg.Payer, Operator: msg.Operator}
		}
		limit.Remaining = msg.Limit
		if err := m.SpendingLimits.Set(ctx, key, limit); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventSpendingLimitSet{Payer: msg.Payer, Operator: msg.Operator, Limit: msg.Limit}, &types.MsgSetSpendingLimitResponse{})
}

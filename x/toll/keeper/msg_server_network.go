package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/toll/types"
)

// RegisterOperator registers the signer's agency as an operator, or moves its
// settlement account to the signer.
func (m msgServer) RegisterOperator(ctx context.Context, msg *types.MsgRegisterOperator) (*types.MsgRegisterOperatorResponse, error) {
	_, agencyID, err := m.authorizeOperator(ctx, msg.Signer)
	if err != nil {
		return nil, err
	}
	op, err := m.Operators.Get(ctx, agencyID)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		op = types.Operator{AgencyId: agencyID, RegisteredAt: blockTime(ctx)}
	case err != nil:
		return nil, err
	}
	op.SettlementAccount = msg.Signer
	if err := m.Operators.Set(ctx, agencyID, op); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventOperatorRegistered{Operator: agencyID, SettlementAccount: msg.Signer}); err != nil {
		return nil, err
	}
	return &types.MsgRegisterOperatorResponse{Operator: agencyID}, nil
}

// RegisterPlaza registers a plaza of the signer's operator.
func (m msgServer) RegisterPlaza(ctx context.Context, msg *types.MsgRegisterPlaza) (*types.MsgRegisterPlazaResponse, error) {
	if err := types.ValidateID("plaza_id", msg.PlazaId, types.MaxPlazaIDLength); err != nil {
		return nil, err
	}
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	if msg.PositionM > types.MaxPositionM {
		return nil, errorsmod.Wrapf(types.ErrInvalidPosition, "position_m %d is beyond %d", msg.PositionM, types.MaxPositionM)
	}
	_, op, err := m.registeredOperator(ctx, msg.Signer)
	if err != nil {
		return nil, err
	}
	if has, err := m.Plazas.Has(ctx, msg.PlazaId); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrPlazaExists, "plaza %q", msg.PlazaId)
	}
	p := types.Plaza{Id: msg.PlazaId, Operator: op.AgencyId, Route: msg.Route, PositionM: msg.PositionM, RegisteredAt: blockTime(ctx)}
	if err := m.setPlaza(ctx, p); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventPlazaRegistered{PlazaId: p.Id, Operator: p.Operator, Route: p.Route, PositionM: p.PositionM}); err != nil {
		return nil, err
	}
	return &types.MsgRegisterPlazaResponse{}, nil
}

// RegisterSegment registers a segment of a route owned by the signer's operator.
func (m msgServer) RegisterSegment(ctx context.Context, msg *types.MsgRegisterSegment) (*types.MsgRegisterSegmentResponse, error) {
	if err := types.ValidateID("route", msg.Route, types.MaxRouteLength); err != nil {
		return nil, err
	}
	if msg.StartM >= msg.EndM || msg.EndM > types.MaxPositionM {
		return nil, errorsmod.Wrapf(types.ErrInvalidSegment, "[%d, %d) must satisfy start_m < end_m <= %d", msg.StartM, msg.EndM, types.MaxPositionM)
	}
	_, op, err := m.registeredOperator(ctx, msg.Signer)
	if err != nil {
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
	s := types.Segment{Route: msg.Route, StartM: msg.StartM, EndM: msg.EndM, Operator: op.AgencyId}
	if err := m.Segments.Set(ctx, collections.Join(s.Route, s.StartM), s); err != nil {
		return nil, err
	}
	if err := emit(ctx, &types.EventSegmentRegistered{Route: s.Route, StartM: s.StartM, EndM: s.EndM, Operator: s.Operator}); err != nil {
		return nil, err
	}
	return &types.MsgRegisterSegmentResponse{}, nil
}

// SetTariff adds the next version of the signer's operator's tariff.
func (m msgServer) SetTariff(ctx context.Context, msg *types.MsgSetTariff) (*types.MsgSetTariffResponse, error) {
	if err := types.ValidateTariffBody(msg.Rates, msg.Discounts, msg.CommuterStartMinute, msg.CommuterEndMinute); err != nil {
		return nil, err
	}
	_, op, err := m.registeredOperator(ctx, msg.Signer)
	if err != nil {
		return nil, err
	}
	now := blockTime(ctx)
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
	if err := emit(ctx, &types.EventTariffSet{Operator: t.Operator, Version: t.Version, EffectiveFromUnix: t.EffectiveFrom.Unix()}); err != nil {
		return nil, err
	}
	return &types.MsgSetTariffResponse{Version: t.Version}, nil
}

// SetSpendingLimit sets (or, with limit 0, withdraws) the signer's
// authorisation of an operator to charge its ACCOUNT fares.
func (m msgServer) SetSpendingLimit(ctx context.Context, msg *types.MsgSetSpendingLimit) (*types.MsgSetSpendingLimitResponse, error) {
	payer, err := accaddr.Parse(m.addressCodec, "payer", msg.Payer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateID("operator", msg.Operator, types.MaxPlazaIDLength); err != nil {
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
	if err := emit(ctx, &types.EventSpendingLimitSet{Payer: msg.Payer, Operator: msg.Operator, Limit: msg.Limit}); err != nil {
		return nil, err
	}
	return &types.MsgSetSpendingLimitResponse{}, nil
}

package keeper

import (
	"context"
	"math"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/water/types"
)

// SetThreshold adds the next version of the legal threshold of (parameter,
// standard class): by the x/gov authority or a water.regulator; taking
// effect no sooner than threshold_min_notice_seconds after this block and
// after the latest version's effective_from (versions never overlap: each is
// in force until the next one's effective_from). No limits withdraw the
// standard (NO_STANDARD) from effective_from.
func (m msgServer) SetThreshold(ctx context.Context, msg *types.MsgSetThreshold) (*types.MsgSetThresholdResponse, error) {
	signer, err := validateMsgSetThreshold(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if !m.isAuthority(signer) {
		if _, err := m.authorize(ctx, signer, msg.Signer, types.RoleRegulator); err != nil {
			return nil, err
		}
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	earliest := now.Add(time.Duration(params.ThresholdMinNoticeSeconds) * time.Second)
	if msg.EffectiveFrom.Before(earliest) {
		return nil, errorsmod.Wrapf(types.ErrShortNotice, "effective_from %s is before %s (block time + %d s notice)",
			msg.EffectiveFrom.UTC().Format(time.RFC3339), earliest.UTC().Format(time.RFC3339), params.ThresholdMinNoticeSeconds)
	}
	last, found, err := m.lastThreshold(ctx, msg.Parameter, msg.StandardClass)
	if err != nil {
		return nil, err
	}
	if found && !msg.EffectiveFrom.After(last.EffectiveFrom) {
		return nil, errorsmod.Wrapf(types.ErrOverlappingVersion, "effective_from %s is not after version %d's %s",
			msg.EffectiveFrom.UTC().Format(time.RFC3339), last.Version, last.EffectiveFrom.UTC().Format(time.RFC3339))
	}
	t := types.Threshold{
		Parameter: msg.Parameter, StandardClass: msg.StandardClass, Version: last.Version + 1,
		Min: msg.Min, Max: msg.Max, EffectiveFrom: msg.EffectiveFrom, LegalBasis: msg.LegalBasis,
		SetBy: msg.Signer, SetAt: now,
	}
	if err := m.Thresholds.Set(ctx, thresholdKey(t.Parameter, t.StandardClass, t.Version), t); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventThresholdSet{Threshold: t}, &types.MsgSetThresholdResponse{Version: t.Version})
}

// ThresholdAt returns the version of the (parameter, class) threshold in
// force at t: the one with the latest effective_from <= t (found false when
// none is). Versions change rarely and take effect after a notice, so t
// almost always falls in the latest version: two point reads (its number in
// the LastVersion index, then the version). Only a t before the latest
// version's effective_from (a backfill across a change, a query of the
// past) seeks the by-time index backwards. A version without limits is
// returned too: the caller reads it as no standard.
func (k Keeper) ThresholdAt(ctx context.Context, p types.Parameter, c types.StandardClass, t time.Time) (types.Threshold, bool, error) {
	last, found, err := k.lastThreshold(ctx, p, c)
	if err != nil || !found {
		return types.Threshold{}, false, err
	}
	if !last.EffectiveFrom.After(t) {
		return last, true, nil
	}
	return k.thresholdBefore(ctx, p, c, t)
}

// thresholdBefore is ThresholdAt for a t before the latest version: the
// version with the latest effective_from <= t, by one reverse seek of the
// by-time index.
func (k Keeper) thresholdBefore(ctx context.Context, p types.Parameter, c types.StandardClass, t time.Time) (types.Threshold, bool, error) {
	rng := new(collections.Range[ThresholdTimeKey]).
		StartInclusive(collections.Join3(int32(p), int32(c), int64(math.MinInt64))).
		EndInclusive(collections.Join3(int32(p), int32(c), t.UnixNano())).
		Descending()
	it, err := k.Thresholds.Indexes.ByTime.Iterate(ctx, rng)
	if err != nil {
		return types.Threshold{}, false, err
	}
	defer it.Close()
	if !it.Valid() {
		return types.Threshold{}, false, nil
	}
	key, err := it.PrimaryKey()
	if err != nil {
		return types.Threshold{}, false, err
	}
	th, err := k.Thresholds.Get(ctx, key)
	return th, err == nil, err
}

// Standard is ThresholdAt read as a standard: found only when a version is
// in force at t and sets a limit.
func (k Keeper) Standard(ctx context.Context, p types.Parameter, c types.StandardClass, t time.Time) (types.Threshold, bool, error) {
	th, found, err := k.ThresholdAt(ctx, p, c, t)
	if err != nil || !found || !th.HasLimits() {
		return types.Threshold{}, false, err
	}
	return th, true, nil
}

// lastThreshold returns the latest version of the (parameter, class)
// threshold (found false when there is none): two point reads.
func (k Keeper) lastThreshold(ctx context.Context, p types.Parameter, c types.StandardClass) (types.Threshold, bool, error) {
	version, found, err := k.Thresholds.Indexes.LastVersion.Get(ctx, p, c)
	if err != nil || !found {
		return types.Threshold{}, false, err
	}
	th, err := k.Thresholds.Get(ctx, thresholdKey(p, c, version))
	return th, err == nil, err
}

// thresholdKey is the store key of a threshold version.
func thresholdKey(p types.Parameter, c types.StandardClass, version uint64) ThresholdKey {
	return collections.Join3(int32(p), int32(c), version)
}

// bandKey is the store key of a site's band for a parameter.
func bandKey(siteID uint64, p types.Parameter) collections.Pair[uint64, int32] {
	return collections.Join(siteID, int32(p))
}

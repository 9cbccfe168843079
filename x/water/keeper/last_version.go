package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/x/water/types"
)

// ThresholdGroupKey is (parameter, standard class): the versions of one
// legal threshold.
type ThresholdGroupKey = collections.Pair[int32, int32]

// LastVersion is the index of the Thresholds IndexedMap that keeps, for
// each (parameter, class), the number of its latest version: the highest
// version stored. The map keeps it in step with the versions (SetThreshold,
// InitGenesis), so "the latest version" is one point read instead of a
// reverse iterator. Versions are numbered 1..n (ThresholdsInvariant): the
// module never removes one, and removing the latest would make the one
// before it the latest.
type LastVersion struct {
	versions collections.Map[ThresholdGroupKey, uint64]
}

// NewLastVersion builds the LastVersion index under prefix.
func NewLastVersion(sb *collections.SchemaBuilder, prefix collections.Prefix, name string) *LastVersion {
	return &LastVersion{versions: collections.NewMap(sb, prefix, name,
		collections.PairKeyCodec(collections.Int32Key, collections.Int32Key), collections.Uint64Value)}
}

// Reference implements collections.Index: a version above the group's
// latest becomes its latest.
func (i *LastVersion) Reference(ctx context.Context, pk ThresholdKey, _ types.Threshold, _ func() (types.Threshold, error)) error {
	group := collections.Join(pk.K1(), pk.K2())
	last, found, err := getOptional(ctx, i.versions, group)
	if err != nil || (found && last >= pk.K3()) {
		return err
	}
	return i.versions.Set(ctx, group, pk.K3())
}

// Unreference implements collections.Index: removing the group's latest
// version makes the one before it the latest (none after version 1).
func (i *LastVersion) Unreference(ctx context.Context, pk ThresholdKey, _ func() (types.Threshold, error)) error {
	group := collections.Join(pk.K1(), pk.K2())
	last, found, err := getOptional(ctx, i.versions, group)
	if err != nil || !found || last != pk.K3() {
		return err
	}
	if last == 1 {
		return i.versions.Remove(ctx, group)
	}
	return i.versions.Set(ctx, group, last-1)
}

// Get returns the number of the latest version of (parameter, class)
// (found false when it has none).
func (i *LastVersion) Get(ctx context.Context, p types.Parameter, c types.StandardClass) (uint64, bool, error) {
	return getOptional(ctx, i.versions, collections.Join(int32(p), int32(c)))
}

// Walk calls walkFunc on the index's entries in ranger, in key order.
func (i *LastVersion) Walk(ctx context.Context, ranger collections.Ranger[ThresholdGroupKey], walkFunc func(group ThresholdGroupKey, version uint64) (stop bool, err error)) error {
	return i.versions.Walk(ctx, ranger, walkFunc)
}

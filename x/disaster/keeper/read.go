package keeper

import (
	"context"
	"slices"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/disaster/types"
)

// The read-only methods other modules call (x/water, later x/voucher),
// declared by them in their types/expected_keepers.go. They never write.

// GetIncident returns the incident with id; a missing incident is an error
// wrapping types.ErrIncidentNotFound.
func (k Keeper) GetIncident(ctx context.Context, id uint64) (types.Incident, error) {
	return keeperbase.Get(ctx, k.Incidents, id, types.ErrIncidentNotFound, "incident %d", id)
}

// CoversDistrict reports whether the current affected districts of incident id
// include district, whatever the incident's status (a caller that needs an
// open incident checks GetIncident's status or uses IncidentsCoveringDistrict).
// A missing incident is an error wrapping types.ErrIncidentNotFound; a district
// that is not 5 ASCII digits one wrapping types.ErrInvalidDistrict.
func (k Keeper) CoversDistrict(ctx context.Context, id uint64, district string) (bool, error) {
	if err := types.ValidateDistrict("district", district); err != nil {
		return false, err
	}
	inc, err := k.GetIncident(ctx, id)
	if err != nil {
		return false, err
	}
	_, found := slices.BinarySearch(inc.AffectedDistricts, district)
	return found, nil
}

// IncidentsCoveringDistrict returns the incidents that are not CLOSED and
// whose current affected districts include district, in ascending id order,
// at most limit of them (none for limit <= 0). It reads the
// (district, status) index: at most limit entries of the DECLARED range and
// limit of the RESPONDING range, merged by id, so its work is bounded by limit
// and never by the number of incidents. A district that is not 5 ASCII digits
// is an error wrapping types.ErrInvalidDistrict.
func (k Keeper) IncidentsCoveringDistrict(ctx context.Context, district string, limit int) ([]types.Incident, error) {
	if err := types.ValidateDistrict("district", district); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, nil
	}
	var ids []uint64
	for _, status := range []types.IncidentStatus{types.IncidentStatusDeclared, types.IncidentStatusResponding} {
		some, err := k.firstIDs(ctx, collections.Join(district, status), limit)
		if err != nil {
			return nil, err
		}
		ids = append(ids, some...)
	}
	slices.Sort(ids) // an incident has one status, so the two ranges share no id
	if len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]types.Incident, 0, len(ids))
	for _, id := range ids {
		inc, err := k.Incidents.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, inc)
	}
	return out, nil
}

// firstIDs returns the first (lowest) at most limit incident ids under ref in
// the (district, status) index.
func (k Keeper) firstIDs(ctx context.Context, ref DistrictStatus, limit int) ([]uint64, error) {
	it, err := k.Incidents.Indexes.DistrictStatus.Iterate(ctx, collections.NewPrefixedPairRange[DistrictStatus, uint64](ref))
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var ids []uint64
	for ; it.Valid() && len(ids) < limit; it.Next() {
		key, err := it.Key()
		if err != nil {
			return nil, err
		}
		ids = append(ids, key.K2())
	}
	return ids, nil
}

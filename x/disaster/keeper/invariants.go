package keeper

import (
	"context"
	"fmt"
	"slices"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/disaster/types"
)

// Invariants of the module state (business rules only): every record is
// stored under its own issued id; every incident's revisions run 1..revision
// and the last one is the incident's current severity and districts; every
// alert was issued within the districts and at most at the severity of the
// revision it names; alert_count equals the alerts of each incident; closed_at
// is set exactly for CLOSED incidents. The indexes of the IndexedMaps are
// written with their records by collections, so no invariant re-checks them.
// Each check walks the whole store, so they are for tests and simulations
// (app/sim_test.go), never for a block hook. Each returns nil or an error
// naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "incidents", Check: k.IncidentsInvariant},
		{Name: "revisions", Check: k.RevisionsInvariant},
		{Name: "alerts", Check: k.AlertsInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// IncidentsInvariant checks every incident: stored under its own issued id,
// closed_at set exactly when CLOSED, and alert_count equal to the alerts that
// name it.
func (k Keeper) IncidentsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastIncidentID, k.Incidents, "incident", (*types.Incident).GetId, func(id uint64, inc types.Incident) error {
		if (inc.Status == types.IncidentStatusClosed) == inc.ClosedAt.IsZero() {
			return fmt.Errorf("incident %d is %s but closed_at is %v", id, inc.Status.Label(), inc.ClosedAt)
		}
		var n uint64
		if err := k.Alerts.Indexes.Incident.Walk(ctx, collections.NewPrefixedPairRange[uint64, uint64](id),
			func(collections.Pair[uint64, uint64]) (bool, error) {
				n++
				return false, nil
			}); err != nil {
			return err
		}
		if n != inc.AlertCount {
			return fmt.Errorf("incident %d has alert_count %d but %d public alerts", id, inc.AlertCount, n)
		}
		return nil
	})
}

// RevisionsInvariant checks that every incident's revisions are stored under
// their own (incident, revision), numbered 1..n with n the incident's
// revision, that the last one holds the incident's severity and districts,
// and that no revision names a missing incident.
func (k Keeper) RevisionsInvariant(ctx context.Context) error {
	last, err := invariant.Numbered(ctx, k.Revisions,
		func(r types.IncidentRevision) (uint64, uint64) { return r.IncidentId, r.Revision },
		"revision stored under (%d, %d) is (%d, %d)", "incident %d: revision %d follows revision %d")
	if err != nil {
		return err
	}
	incidents := 0
	if err := walk.Each(ctx, k.Incidents, func(id uint64, inc types.Incident) error {
		incidents++
		if n := last[id]; n != inc.Revision || n == 0 {
			return fmt.Errorf("incident %d is at revision %d but has %d revision records", id, inc.Revision, n)
		}
		r, err := k.Revisions.Get(ctx, collections.Join(id, inc.Revision))
		if err != nil {
			return err
		}
		if r.Severity != inc.Severity || !slices.Equal(r.AffectedDistricts, inc.AffectedDistricts) {
			return fmt.Errorf("incident %d: severity and districts differ from its revision %d", id, inc.Revision)
		}
		return nil
	}); err != nil {
		return err
	}
	if incidents != len(last) {
		return fmt.Errorf("%d incidents have revisions but %d incidents are stored", len(last), incidents)
	}
	return nil
}

// AlertsInvariant checks every public alert: stored under its own issued id,
// naming an existing incident and revision, with districts within that
// revision's affected districts and a level at most its severity.
func (k Keeper) AlertsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastAlertID, k.Alerts, "public alert", (*types.PublicAlert).GetId, func(id uint64, a types.PublicAlert) error {
		rev, err := k.Revisions.Get(ctx, collections.Join(a.IncidentId, a.IncidentRevision))
		if err != nil {
			return fmt.Errorf("public alert %d names incident %d revision %d: %w", id, a.IncidentId, a.IncidentRevision, err)
		}
		if err := types.ValidateAlertFields(a, rev); err != nil {
			return fmt.Errorf("public alert %d: %w", id, err)
		}
		return nil
	})
}

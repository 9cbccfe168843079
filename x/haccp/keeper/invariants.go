package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/haccp/types"
)

// Invariants of the module state: every record is stored under its own key
// and id, counters match what they count, records name the records they
// belong to, and the cross-record links (a used hygiene certificate and its
// cleared declaration, an active recall and its recalled lots) hold both
// ways. The indexes of the IndexedMaps are written with their records by
// collections, so no invariant re-checks them. Each check walks the whole
// store, so they are for tests and simulations (app/sim_test.go), never for a
// block hook; the crisis module is not wired. Each returns nil or an error
// naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "facilities", Check: k.FacilitiesInvariant},
		{Name: "staff", Check: k.StaffInvariant},
		{Name: "certificates", Check: k.CertificatesInvariant},
		{Name: "certificate-events", Check: k.CertificateEventsInvariant},
		{Name: "ccp-records", Check: k.CcpRecordsInvariant},
		{Name: "declarations", Check: k.DeclarationsInvariant},
		{Name: "hygiene-certificates", Check: k.HygieneCertsInvariant},
		{Name: "recalls", Check: k.RecallsInvariant},
		{Name: "shares", Check: k.SharesInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
}

// FacilitiesInvariant checks every facility: stored under its own id, an id
// already issued, with staff_count equal to its staff entries.
func (k Keeper) FacilitiesInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastFacilityID, k.Facilities, "facility", (*types.Facility).GetId, func(id uint64, f types.Facility) error {
		var n uint64
		if err := k.FacilityStaff.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id),
			func(collections.Pair[uint64, sdk.AccAddress], collections.NoValue) (bool, error) {
				n++
				return false, nil
			}); err != nil {
			return err
		}
		if n != f.StaffCount {
			return fmt.Errorf("facility %d has staff_count %d but %d staff entries", id, f.StaffCount, n)
		}
		return nil
	})
}

// StaffInvariant checks that every staff entry names an existing facility.
func (k Keeper) StaffInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.FacilityStaff, func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) error {
		if has, err := k.Facilities.Has(ctx, key.K1()); err != nil || !has {
			return errors.Join(err, fmt.Errorf("staff entry (%d, %s) names no facility", key.K1(), key.K2()))
		}
		return nil
	})
}

// CertificatesInvariant checks that every version is stored under its own
// (cert_no, version), that versions run 1..n, that the latest certificate is
// version n and equal to it, and that every certificate has versions.
func (k Keeper) CertificatesInvariant(ctx context.Context) error {
	maxVersion, err := invariant.Numbered(ctx, k.CertificateVersions,
		func(c types.Certificate) (string, uint64) { return c.CertNo, c.Version },
		"certificate version stored under (%q, %d) is (%q, %d)", "certificate %q: version %d follows version %d")
	if err != nil {
		return err
	}
	seen := 0
	if err := walk.Each(ctx, k.Certificates, func(no string, c types.Certificate) error {
		seen++
		n, ok := maxVersion[no]
		if !ok {
			return fmt.Errorf("certificate %q has no versions", no)
		}
		v, err := k.CertificateVersions.Get(ctx, collections.Join(no, n))
		if err != nil {
			return err
		}
		if c.Version != n || !bytes.Equal(k.cdc.MustMarshal(&c), k.cdc.MustMarshal(&v)) {
			return fmt.Errorf("certificate %q is version %d, not its latest version %d as stored", no, c.Version, n)
		}
		return nil
	}); err != nil {
		return err
	}
	if seen != len(maxVersion) {
		return fmt.Errorf("%d certificates have versions but %d are stored", len(maxVersion), seen)
	}
	return nil
}

// CertificateEventsInvariant checks that every certificate's events run 1..n
// under their own key, that its head is n, and that events and heads exist
// exactly for the stored certificates.
func (k Keeper) CertificateEventsInvariant(ctx context.Context) error {
	count, err := invariant.Numbered(ctx, k.CertificateEvents,
		func(e types.CertificateEvent) (string, uint64) { return e.CertNo, e.Seq },
		"certificate event stored under (%q, %d) is (%q, %d)", "certificate %q: event %d follows event %d")
	if err != nil {
		return err
	}
	heads := 0
	if err := walk.Each(ctx, k.CertificateEventHead, func(no string, head uint64) error {
		heads++
		if n := count[no]; head != n {
			return fmt.Errorf("certificate %q: event head %d but %d events", no, head, n)
		}
		return nil
	}); err != nil {
		return err
	}
	if heads != len(count) {
		return fmt.Errorf("%d certificates have events but %d event heads are stored", len(count), heads)
	}
	certs := 0
	if err := walk.Each(ctx, k.Certificates, func(no string, _ types.Certificate) error {
		certs++
		if count[no] == 0 {
			return fmt.Errorf("certificate %q has no events", no)
		}
		return nil
	}); err != nil {
		return err
	}
	if certs != len(count) {
		return fmt.Errorf("%d certificates are stored but %d have events", certs, len(count))
	}
	return nil
}

// CcpRecordsInvariant checks every CCP record: stored under its own id, an id
// already issued, of an existing facility.
func (k Keeper) CcpRecordsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastCcpRecordID, k.CcpRecords, "CCP record", (*types.CcpRecord).GetId, func(id uint64, r types.CcpRecord) error {
		if has, err := k.Facilities.Has(ctx, r.FacilityId); err != nil || !has {
			return errors.Join(err, fmt.Errorf("CCP record %d names no facility %d", id, r.FacilityId))
		}
		return nil
	})
}

// pair is a comparable collections.Pair (which holds pointers), for map keys.
type pair[K1, K2 comparable] struct {
	k1 K1
	k2 K2
}

func pairOf[K1, K2 comparable](p collections.Pair[K1, K2]) pair[K1, K2] {
	return pair[K1, K2]{p.K1(), p.K2()}
}

// cleared reports whether a declaration has been cleared by customs (and
// possibly recalled since): it has a customs reference and uses its hygiene
// certificate.
func cleared(s types.DeclarationStatus) bool {
	return s == types.DeclarationStatusCleared || s == types.DeclarationStatusRecalled
}

// DeclarationsInvariant checks that every declaration is stored under its own
// decl_no and has a customs reference exactly when CLEARED or RECALLED (the
// customs-reference index holds each at most once).
func (k Keeper) DeclarationsInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Declarations, func(no string, d types.ImportDeclaration) error {
		if d.DeclNo != no {
			return fmt.Errorf("declaration stored under %q is %q", no, d.DeclNo)
		}
		if cleared(d.Status) != (d.CustomsRef != "") {
			return fmt.Errorf("declaration %q is %s with customs_ref %q", no, d.Status.Label(), d.CustomsRef)
		}
		return nil
	})
}

// HygieneCertsInvariant checks that every hygiene certificate is stored under
// its own (country, cert_no), that it is USED exactly when a CLEARED or
// RECALLED declaration uses it (and then used_by names that declaration), and
// that every such declaration's certificate is USED by it; and that a
// certificate is held exactly by the one declaration naming it that is not
// WITHDRAWN, of its consignee facility and lot.
func (k Keeper) HygieneCertsInvariant(ctx context.Context) error {
	if err := walk.Each(ctx, k.HygieneCerts, func(key collections.Pair[string, string], h types.HygieneCertificate) error {
		if h.Country != key.K1() || h.CertNo != key.K2() {
			return fmt.Errorf("hygiene certificate stored under %s/%s is %s/%s", key.K1(), key.K2(), h.Country, h.CertNo)
		}
		if (h.Status == types.HygieneCertStatusUsed) != (h.UsedBy != "") {
			return fmt.Errorf("hygiene certificate %s/%s is %s with used_by %q", h.Country, h.CertNo, h.Status.Label(), h.UsedBy)
		}
		if h.UsedBy == "" {
			return nil
		}
		d, err := k.Declarations.Get(ctx, h.UsedBy)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err != nil || !cleared(d.Status) || d.HygieneCertCountry != h.Country || d.HygieneCertNo != h.CertNo {
			return fmt.Errorf("hygiene certificate %s/%s: used_by %q is not a cleared declaration using it", h.Country, h.CertNo, h.UsedBy)
		}
		return nil
	}); err != nil {
		return err
	}
	return walk.Each(ctx, k.Declarations, func(no string, d types.ImportDeclaration) error {
		h, err := k.HygieneCerts.Get(ctx, collections.Join(d.HygieneCertCountry, d.HygieneCertNo))
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("declaration %q names no hygiene certificate %s/%s", no, d.HygieneCertCountry, d.HygieneCertNo)
		} else if err != nil {
			return err
		}
		if cleared(d.Status) && (h.Status != types.HygieneCertStatusUsed || h.UsedBy != no) {
			return fmt.Errorf("declaration %q is %s but hygiene certificate %s/%s is %s used by %q",
				no, d.Status.Label(), h.Country, h.CertNo, h.Status.Label(), h.UsedBy)
		}
		if (d.Status != types.DeclarationStatusWithdrawn) != (h.HeldBy == no) {
			return fmt.Errorf("declaration %q is %s but hygiene certificate %s/%s is held by %q",
				no, d.Status.Label(), h.Country, h.CertNo, h.HeldBy)
		}
		if h.ImporterFacilityId != d.ImporterFacilityId || !types.CoversLot(h, d.Items) {
			return fmt.Errorf("declaration %q of facility %d names hygiene certificate %s/%s of facility %d, lot %q",
				no, d.ImporterFacilityId, h.Country, h.CertNo, h.ImporterFacilityId, h.Lot)
		}
		return nil
	})
}

// RecallsInvariant checks every recall (under its own id, an id already
// issued), that the active-recalls set is exactly the recalls with the active
// flag, that the recalled lots are exactly the lots of the active recalls (named
// or of their declarations' items), and that a declaration's recall_id names a
// recall that names it.
func (k Keeper) RecallsInvariant(ctx context.Context) error {
	wantLots := map[pair[string, uint64]]bool{}
	active := 0
	if err := invariant.EachIssued(ctx, k.LastRecallID, k.Recalls, "recall", (*types.Recall).GetId, func(id uint64, r types.Recall) error {
		has, err := k.ActiveRecalls.Has(ctx, id)
		if err != nil {
			return err
		}
		if has != r.Active {
			return fmt.Errorf("recall %d has active=%t but is %sin the active-recalls set", id, r.Active, map[bool]string{true: "", false: "not "}[has])
		}
		if !r.Active {
			return nil
		}
		active++
		lots, err := k.recallLotsFromStore(ctx, r)
		if err != nil {
			return fmt.Errorf("recall %d: %w", id, err)
		}
		for _, lot := range lots {
			wantLots[pair[string, uint64]{lot, id}] = true
		}
		return nil
	}); err != nil {
		return err
	}
	ids, err := walk.Keys(ctx, k.ActiveRecalls)
	if err != nil {
		return err
	}
	if len(ids) != active {
		return fmt.Errorf("the active-recalls set has %d entries but %d recalls are active", len(ids), active)
	}
	lots, err := walk.Keys(ctx, k.RecalledLots)
	if err != nil {
		return err
	}
	for _, key := range lots {
		if !wantLots[pairOf(key)] {
			return fmt.Errorf("recalled-lots entry (%q, %d) is not a lot of that active recall", key.K1(), key.K2())
		}
	}
	if len(lots) != len(wantLots) {
		return fmt.Errorf("the active recalls cover %d (lot, recall) pairs but %d are in the recalled-lots index", len(wantLots), len(lots))
	}
	return walk.Each(ctx, k.Declarations, func(no string, d types.ImportDeclaration) error {
		if (d.Status == types.DeclarationStatusRecalled) != (d.RecallId != 0) {
			return fmt.Errorf("declaration %q is %s with recall_id %d", no, d.Status.Label(), d.RecallId)
		}
		if d.RecallId == 0 {
			return nil
		}
		r, err := k.Recalls.Get(ctx, d.RecallId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return err
		}
		if err != nil || !slices.Contains(r.DeclarationNos, no) {
			return fmt.Errorf("declaration %q: recall %d does not exist or does not name it", no, d.RecallId)
		}
		return nil
	})
}

// SharesInvariant checks every share: stored under its own id, an id already
// issued, of an existing declaration.
func (k Keeper) SharesInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastShareID, k.Shares, "share", (*types.ImportConfirmationShare).GetId, func(id uint64, s types.ImportConfirmationShare) error {
		if has, err := k.Declarations.Has(ctx, s.DeclNo); err != nil || !has {
			return errors.Join(err, fmt.Errorf("share %d names no declaration %q", id, s.DeclNo))
		}
		return nil
	})
}

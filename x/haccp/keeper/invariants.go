package keeper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

// Invariants of the module state: every index entry points to an existing
// record that it describes, every record is indexed, counters match what they
// count, and the cross-record links (a used hygiene certificate and its
// cleared declaration, an active recall and its recalled lots) hold both
// ways. Each check walks the whole store, so they are for tests and
// simulations (app/sim_test.go), never for a block hook; the crisis module is
// not wired. Each returns nil or an error naming the broken record.

// Invariant is one named check of the module state.
type Invariant struct {
	Name  string
	Check func(ctx context.Context) error
}

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []Invariant {
	return []Invariant{
		{"facilities", k.FacilitiesInvariant},
		{"staff", k.StaffInvariant},
		{"certificates", k.CertificatesInvariant},
		{"certificate-events", k.CertificateEventsInvariant},
		{"ccp-records", k.CcpRecordsInvariant},
		{"declarations", k.DeclarationsInvariant},
		{"hygiene-certificates", k.HygieneCertsInvariant},
		{"recalls", k.RecallsInvariant},
		{"shares", k.SharesInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	var errs []error
	for _, inv := range k.Invariants() {
		if err := inv.Check(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s invariant %q broken: %w", types.ModuleName, inv.Name, err))
		}
	}
	return errors.Join(errs...)
}

// FacilitiesInvariant checks every facility (stored under its own id, an id
// already issued, indexed by its operator, staff_count equal to its staff
// entries) and that every facilities-by-operator entry points to a facility of
// that operator.
func (k Keeper) FacilitiesInvariant(ctx context.Context) error {
	last, err := k.NextFacilityID.Peek(ctx)
	if err != nil {
		return err
	}
	if err := k.Facilities.Walk(ctx, nil, func(id uint64, f types.Facility) (bool, error) {
		if f.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("facility stored under %d has id %d (ids issued: 1..%d)", id, f.Id, last)
		}
		op, err := k.addressCodec.StringToBytes(f.Operator)
		if err != nil {
			return true, fmt.Errorf("facility %d: operator %q: %w", id, f.Operator, err)
		}
		has, err := k.FacilitiesByOperator.Has(ctx, collections.Join(sdk.AccAddress(op), id))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("facility %d is not in the facilities-by-operator index under %s", id, f.Operator)
		}
		var n uint64
		if err := k.FacilityStaff.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](id),
			func(collections.Pair[uint64, sdk.AccAddress]) (bool, error) { n++; return false, nil }); err != nil {
			return true, err
		}
		if n != f.StaffCount {
			return true, fmt.Errorf("facility %d has staff_count %d but %d staff entries", id, f.StaffCount, n)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.FacilitiesByOperator.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		f, err := k.Facilities.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("facilities-by-operator entry (%s, %d) points to no facility", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		op, err := k.addressCodec.StringToBytes(f.Operator)
		if err != nil || !sdk.AccAddress(op).Equals(key.K1()) {
			return true, fmt.Errorf("facilities-by-operator entry (%s, %d) points to a facility of operator %s", key.K1(), key.K2(), f.Operator)
		}
		return false, nil
	})
}

// StaffInvariant checks that the staff entries by facility and by account are
// the same set and name existing facilities.
func (k Keeper) StaffInvariant(ctx context.Context) error {
	if err := k.FacilityStaff.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		if has, err := k.Facilities.Has(ctx, key.K1()); err != nil || !has {
			return true, errors.Join(err, fmt.Errorf("staff entry (%d, %s) names no facility", key.K1(), key.K2()))
		}
		has, err := k.StaffFacilities.Has(ctx, collections.Join(key.K2(), key.K1()))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("staff entry (%d, %s) has no staff-facilities entry", key.K1(), key.K2())
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.StaffFacilities.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, uint64]) (bool, error) {
		has, err := k.FacilityStaff.Has(ctx, collections.Join(key.K2(), key.K1()))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("staff-facilities entry (%s, %d) has no facility-staff entry", key.K1(), key.K2())
		}
		return false, nil
	})
}

// CertificatesInvariant checks that every version is stored under its own
// (cert_no, version), that versions run 1..n, that the latest certificate is
// version n and equal to it, that every certificate has versions, and that
// the certificates-by-facility index holds exactly the (facility, cert_no) of
// the versions.
func (k Keeper) CertificatesInvariant(ctx context.Context) error {
	maxVersion := map[string]uint64{}
	byFacility := map[pair[uint64, string]]bool{}
	if err := k.CertificateVersions.Walk(ctx, nil, func(key collections.Pair[string, uint64], c types.Certificate) (bool, error) {
		if c.CertNo != key.K1() || c.Version != key.K2() {
			return true, fmt.Errorf("certificate version stored under (%q, %d) is (%q, %d)", key.K1(), key.K2(), c.CertNo, c.Version)
		}
		if want := maxVersion[key.K1()] + 1; key.K2() != want {
			return true, fmt.Errorf("certificate %q: version %d follows version %d", key.K1(), key.K2(), want-1)
		}
		maxVersion[key.K1()] = key.K2()
		byFacility[pair[uint64, string]{c.FacilityId, c.CertNo}] = true
		return false, nil
	}); err != nil {
		return err
	}
	seen := 0
	if err := k.Certificates.Walk(ctx, nil, func(no string, c types.Certificate) (bool, error) {
		seen++
		n, ok := maxVersion[no]
		if !ok {
			return true, fmt.Errorf("certificate %q has no versions", no)
		}
		v, err := k.CertificateVersions.Get(ctx, collections.Join(no, n))
		if err != nil {
			return true, err
		}
		if c.Version != n || !bytes.Equal(k.cdc.MustMarshal(&c), k.cdc.MustMarshal(&v)) {
			return true, fmt.Errorf("certificate %q is version %d, not its latest version %d as stored", no, c.Version, n)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if seen != len(maxVersion) {
		return fmt.Errorf("%d certificates have versions but %d are stored", len(maxVersion), seen)
	}
	n := 0
	if err := k.CertificatesByFacility.Walk(ctx, nil, func(key collections.Pair[uint64, string]) (bool, error) {
		n++
		if !byFacility[pairOf(key)] {
			return true, fmt.Errorf("certificates-by-facility entry (%d, %q) matches no certificate version", key.K1(), key.K2())
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(byFacility) {
		return fmt.Errorf("certificates-by-facility has %d entries but the versions name %d (facility, cert_no) pairs", n, len(byFacility))
	}
	return nil
}

// CertificateEventsInvariant checks that every certificate's events run 1..n
// under their own key, that its head is n, and that events and heads exist
// exactly for the stored certificates.
func (k Keeper) CertificateEventsInvariant(ctx context.Context) error {
	count := map[string]uint64{}
	if err := k.CertificateEvents.Walk(ctx, nil, func(key collections.Pair[string, uint64], e types.CertificateEvent) (bool, error) {
		if e.CertNo != key.K1() || e.Seq != key.K2() {
			return true, fmt.Errorf("certificate event stored under (%q, %d) is (%q, %d)", key.K1(), key.K2(), e.CertNo, e.Seq)
		}
		if want := count[key.K1()] + 1; key.K2() != want {
			return true, fmt.Errorf("certificate %q: event %d follows event %d", key.K1(), key.K2(), want-1)
		}
		count[key.K1()] = key.K2()
		return false, nil
	}); err != nil {
		return err
	}
	heads := 0
	if err := k.CertificateEventHead.Walk(ctx, nil, func(no string, head uint64) (bool, error) {
		heads++
		if n := count[no]; head != n {
			return true, fmt.Errorf("certificate %q: event head %d but %d events", no, head, n)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if heads != len(count) {
		return fmt.Errorf("%d certificates have events but %d event heads are stored", len(count), heads)
	}
	certs := 0
	if err := k.Certificates.Walk(ctx, nil, func(no string, _ types.Certificate) (bool, error) {
		certs++
		if count[no] == 0 {
			return true, fmt.Errorf("certificate %q has no events", no)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if certs != len(count) {
		return fmt.Errorf("%d certificates are stored but %d have events", certs, len(count))
	}
	return nil
}

// CcpRecordsInvariant checks every CCP record (under its own id, an id already
// issued, of an existing facility, indexed by it) and that every
// records-by-facility entry points to a record of that facility.
func (k Keeper) CcpRecordsInvariant(ctx context.Context) error {
	last, err := k.NextCcpRecordID.Peek(ctx)
	if err != nil {
		return err
	}
	if err := k.CcpRecords.Walk(ctx, nil, func(id uint64, r types.CcpRecord) (bool, error) {
		if r.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("CCP record stored under %d has id %d (ids issued: 1..%d)", id, r.Id, last)
		}
		if has, err := k.Facilities.Has(ctx, r.FacilityId); err != nil || !has {
			return true, errors.Join(err, fmt.Errorf("CCP record %d names no facility %d", id, r.FacilityId))
		}
		has, err := k.CcpRecordsByFacility.Has(ctx, collections.Join(r.FacilityId, id))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("CCP record %d is not in the records-by-facility index under facility %d", id, r.FacilityId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.CcpRecordsByFacility.Walk(ctx, nil, func(key collections.Pair[uint64, uint64]) (bool, error) {
		r, err := k.CcpRecords.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("records-by-facility entry (%d, %d) points to no CCP record", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		if r.FacilityId != key.K1() {
			return true, fmt.Errorf("records-by-facility entry (%d, %d) points to a record of facility %d", key.K1(), key.K2(), r.FacilityId)
		}
		return false, nil
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

// DeclarationsInvariant checks every declaration against its indexes, both
// ways: by importer, by customs reference (set exactly for CLEARED and
// RECALLED declarations, unique) and by livestock trace number.
func (k Keeper) DeclarationsInvariant(ctx context.Context) error {
	traces := map[pair[string, string]]bool{}
	if err := k.Declarations.Walk(ctx, nil, func(no string, d types.ImportDeclaration) (bool, error) {
		if d.DeclNo != no {
			return true, fmt.Errorf("declaration stored under %q is %q", no, d.DeclNo)
		}
		has, err := k.DeclarationsByImporter.Has(ctx, collections.Join(d.ImporterFacilityId, no))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("declaration %q is not in the declarations-by-importer index under facility %d", no, d.ImporterFacilityId)
		}
		if cleared(d.Status) != (d.CustomsRef != "") {
			return true, fmt.Errorf("declaration %q is %s with customs_ref %q", no, d.Status.Label(), d.CustomsRef)
		}
		if d.CustomsRef != "" {
			got, err := k.DeclarationByCustomsRef.Get(ctx, d.CustomsRef)
			switch {
			case errors.Is(err, collections.ErrNotFound):
				return true, fmt.Errorf("declaration %q: customs_ref %q is not indexed", no, d.CustomsRef)
			case err != nil:
				return true, err
			case got != no:
				return true, fmt.Errorf("declaration %q: customs_ref %q is indexed to declaration %q", no, d.CustomsRef, got)
			}
		}
		for _, it := range d.Items {
			if it.LivestockTraceNo == "" {
				continue
			}
			key := collections.Join(it.LivestockTraceNo, no)
			traces[pairOf(key)] = true
			has, err := k.DeclarationsByTraceNo.Has(ctx, key)
			if err != nil {
				return true, err
			}
			if !has {
				return true, fmt.Errorf("declaration %q: trace number %q is not indexed", no, it.LivestockTraceNo)
			}
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.DeclarationsByImporter.Walk(ctx, nil, func(key collections.Pair[uint64, string]) (bool, error) {
		d, err := k.Declarations.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("declarations-by-importer entry (%d, %q) points to no declaration", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		if d.ImporterFacilityId != key.K1() {
			return true, fmt.Errorf("declarations-by-importer entry (%d, %q) points to a declaration of facility %d", key.K1(), key.K2(), d.ImporterFacilityId)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.DeclarationByCustomsRef.Walk(ctx, nil, func(ref, no string) (bool, error) {
		d, err := k.Declarations.Get(ctx, no)
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("customs-ref entry %q points to no declaration %q", ref, no)
		} else if err != nil {
			return true, err
		}
		if d.CustomsRef != ref {
			return true, fmt.Errorf("customs-ref entry %q points to declaration %q with customs_ref %q", ref, no, d.CustomsRef)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.DeclarationsByTraceNo.Walk(ctx, nil, func(key collections.Pair[string, string]) (bool, error) {
		if !traces[pairOf(key)] {
			return true, fmt.Errorf("trace-number entry (%q, %q) matches no item of that declaration", key.K1(), key.K2())
		}
		return false, nil
	})
}

// HygieneCertsInvariant checks that every hygiene certificate is stored under
// its own (country, cert_no), that it is USED exactly when a CLEARED or
// RECALLED declaration uses it (and then used_by names that declaration), and
// that every such declaration's certificate is USED by it; and that a
// certificate is held exactly by the one declaration naming it that is not
// WITHDRAWN, of its consignee facility and lot.
func (k Keeper) HygieneCertsInvariant(ctx context.Context) error {
	if err := k.HygieneCerts.Walk(ctx, nil, func(key collections.Pair[string, string], h types.HygieneCertificate) (bool, error) {
		if h.Country != key.K1() || h.CertNo != key.K2() {
			return true, fmt.Errorf("hygiene certificate stored under %s/%s is %s/%s", key.K1(), key.K2(), h.Country, h.CertNo)
		}
		if (h.Status == types.HygieneCertStatusUsed) != (h.UsedBy != "") {
			return true, fmt.Errorf("hygiene certificate %s/%s is %s with used_by %q", h.Country, h.CertNo, h.Status.Label(), h.UsedBy)
		}
		if h.UsedBy == "" {
			return false, nil
		}
		d, err := k.Declarations.Get(ctx, h.UsedBy)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return true, err
		}
		if err != nil || !cleared(d.Status) || d.HygieneCertCountry != h.Country || d.HygieneCertNo != h.CertNo {
			return true, fmt.Errorf("hygiene certificate %s/%s: used_by %q is not a cleared declaration using it", h.Country, h.CertNo, h.UsedBy)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.Declarations.Walk(ctx, nil, func(no string, d types.ImportDeclaration) (bool, error) {
		h, err := k.HygieneCerts.Get(ctx, collections.Join(d.HygieneCertCountry, d.HygieneCertNo))
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("declaration %q names no hygiene certificate %s/%s", no, d.HygieneCertCountry, d.HygieneCertNo)
		} else if err != nil {
			return true, err
		}
		if cleared(d.Status) && (h.Status != types.HygieneCertStatusUsed || h.UsedBy != no) {
			return true, fmt.Errorf("declaration %q is %s but hygiene certificate %s/%s is %s used by %q",
				no, d.Status.Label(), h.Country, h.CertNo, h.Status.Label(), h.UsedBy)
		}
		if (d.Status != types.DeclarationStatusWithdrawn) != (h.HeldBy == no) {
			return true, fmt.Errorf("declaration %q is %s but hygiene certificate %s/%s is held by %q",
				no, d.Status.Label(), h.Country, h.CertNo, h.HeldBy)
		}
		if h.ImporterFacilityId != d.ImporterFacilityId || !types.CoversLot(h, d.Items) {
			return true, fmt.Errorf("declaration %q of facility %d names hygiene certificate %s/%s of facility %d, lot %q",
				no, d.ImporterFacilityId, h.Country, h.CertNo, h.ImporterFacilityId, h.Lot)
		}
		return false, nil
	})
}

// RecallsInvariant checks every recall (under its own id, an id already
// issued), that the active-recalls set is exactly the recalls with the active
// flag, that the recalled lots are exactly the lots of the active recalls (named
// or of their declarations' items), and that a declaration's recall_id names a
// recall that names it.
func (k Keeper) RecallsInvariant(ctx context.Context) error {
	last, err := k.NextRecallID.Peek(ctx)
	if err != nil {
		return err
	}
	wantLots := map[pair[string, uint64]]bool{}
	active := 0
	if err := k.Recalls.Walk(ctx, nil, func(id uint64, r types.Recall) (bool, error) {
		if r.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("recall stored under %d has id %d (ids issued: 1..%d)", id, r.Id, last)
		}
		has, err := k.ActiveRecalls.Has(ctx, id)
		if err != nil {
			return true, err
		}
		if has != r.Active {
			return true, fmt.Errorf("recall %d has active=%t but is %sin the active-recalls set", id, r.Active, map[bool]string{true: "", false: "not "}[has])
		}
		if !r.Active {
			return false, nil
		}
		active++
		lots, err := k.recallLotsFromStore(ctx, r)
		if err != nil {
			return true, fmt.Errorf("recall %d: %w", id, err)
		}
		for _, lot := range lots {
			wantLots[pair[string, uint64]{lot, id}] = true
		}
		return false, nil
	}); err != nil {
		return err
	}
	n := 0
	if err := k.ActiveRecalls.Walk(ctx, nil, func(uint64) (bool, error) { n++; return false, nil }); err != nil {
		return err
	}
	if n != active {
		return fmt.Errorf("the active-recalls set has %d entries but %d recalls are active", n, active)
	}
	n = 0
	if err := k.RecalledLots.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		n++
		if !wantLots[pairOf(key)] {
			return true, fmt.Errorf("recalled-lots entry (%q, %d) is not a lot of that active recall", key.K1(), key.K2())
		}
		return false, nil
	}); err != nil {
		return err
	}
	if n != len(wantLots) {
		return fmt.Errorf("the active recalls cover %d (lot, recall) pairs but %d are in the recalled-lots index", len(wantLots), n)
	}
	return k.Declarations.Walk(ctx, nil, func(no string, d types.ImportDeclaration) (bool, error) {
		if (d.Status == types.DeclarationStatusRecalled) != (d.RecallId != 0) {
			return true, fmt.Errorf("declaration %q is %s with recall_id %d", no, d.Status.Label(), d.RecallId)
		}
		if d.RecallId == 0 {
			return false, nil
		}
		r, err := k.Recalls.Get(ctx, d.RecallId)
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return true, err
		}
		if err != nil || !slices.Contains(r.DeclarationNos, no) {
			return true, fmt.Errorf("declaration %q: recall %d does not exist or does not name it", no, d.RecallId)
		}
		return false, nil
	})
}

// SharesInvariant checks every share (under its own id, an id already issued,
// of an existing declaration, indexed by it) and that every
// shares-by-declaration entry points to a share of that declaration.
func (k Keeper) SharesInvariant(ctx context.Context) error {
	last, err := k.NextShareID.Peek(ctx)
	if err != nil {
		return err
	}
	if err := k.Shares.Walk(ctx, nil, func(id uint64, s types.ImportConfirmationShare) (bool, error) {
		if s.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("share stored under %d has id %d (ids issued: 1..%d)", id, s.Id, last)
		}
		if has, err := k.Declarations.Has(ctx, s.DeclNo); err != nil || !has {
			return true, errors.Join(err, fmt.Errorf("share %d names no declaration %q", id, s.DeclNo))
		}
		has, err := k.SharesByDeclaration.Has(ctx, collections.Join(s.DeclNo, id))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("share %d is not in the shares-by-declaration index under %q", id, s.DeclNo)
		}
		return false, nil
	}); err != nil {
		return err
	}
	return k.SharesByDeclaration.Walk(ctx, nil, func(key collections.Pair[string, uint64]) (bool, error) {
		s, err := k.Shares.Get(ctx, key.K2())
		if errors.Is(err, collections.ErrNotFound) {
			return true, fmt.Errorf("shares-by-declaration entry (%q, %d) points to no share", key.K1(), key.K2())
		} else if err != nil {
			return true, err
		}
		if s.DeclNo != key.K1() {
			return true, fmt.Errorf("shares-by-declaration entry (%q, %d) points to a share of declaration %q", key.K1(), key.K2(), s.DeclNo)
		}
		return false, nil
	})
}

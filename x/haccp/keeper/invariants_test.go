package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

func TestInvariantsHoldAfterMessages(t *testing.T) {
	f := newFixture(t)
	f.genesisState()
	require.NoError(t, f.k.CheckInvariants(f.ctx))

	empty := newFixture(t)
	require.NoError(t, empty.k.CheckInvariants(empty.ctx), "an empty state is sound")

	// and after an export/import round trip (the indexes are rebuilt)
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, f.export()))
	require.NoError(t, g.k.CheckInvariants(g.ctx))
}

func TestInvariantsCatchCorruption(t *testing.T) {
	type corruption func(t *testing.T, f *fixture, ids genesisIDs) error
	setCert := func(no string, change func(*types.Certificate)) corruption {
		return func(t *testing.T, f *fixture, _ genesisIDs) error {
			c := f.cert(no)
			change(&c)
			return f.k.Certificates.Set(f.ctx, no, c)
		}
	}
	setDecl := func(no string, change func(*types.ImportDeclaration)) corruption {
		return func(t *testing.T, f *fixture, _ genesisIDs) error {
			d := f.decl(no)
			change(&d)
			return f.k.Declarations.Set(f.ctx, no, d)
		}
	}
	setHygiene := func(country, no string, change func(*types.HygieneCertificate)) corruption {
		return func(t *testing.T, f *fixture, _ genesisIDs) error {
			key := collections.Join(country, no)
			h, err := f.k.HygieneCerts.Get(f.ctx, key)
			require.NoError(t, err)
			change(&h)
			return f.k.HygieneCerts.Set(f.ctx, key, h)
		}
	}
	cases := []struct {
		name      string
		corrupt   corruption
		invariant string
		want      string
	}{
		// facilities
		{"staff_count off by one", func(t *testing.T, f *fixture, ids genesisIDs) error {
			fac, err := f.k.Facilities.Get(f.ctx, ids.fac)
			require.NoError(t, err)
			fac.StaffCount++
			return f.k.Facilities.Set(f.ctx, ids.fac, fac)
		}, "facilities", "staff_count 2 but 1 staff entries"},
		{"facility stored under another id", func(t *testing.T, f *fixture, ids genesisIDs) error {
			fac, err := f.k.Facilities.Get(f.ctx, ids.fac)
			require.NoError(t, err)
			return f.k.Facilities.Set(f.ctx, 99, fac)
		}, "facilities", "stored under 99"},
		// staff
		{"staff of no facility", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.FacilityStaff.Set(f.ctx, collections.Join(uint64(99), outsider), collections.NoValue{})
		}, "staff", "names no facility"},
		// certificates
		{"latest is not the highest version", setCert(certA, func(c *types.Certificate) { c.Version = 1 }),
			"certificates", "not its latest version 2"},
		{"latest differs from its version record", setCert(certA, func(c *types.Certificate) { c.ReasonCode = "TAMPERED" }),
			"certificates", "not its latest version 2"},
		{"gap in the versions", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.CertificateVersions.Remove(f.ctx, collections.Join(certA, uint64(1)))
		}, "certificates", "version 2 follows version 0"},
		{"certificate without versions", func(t *testing.T, f *fixture, _ genesisIDs) error {
			c := f.cert(certA)
			c.CertNo = "HACCP-GHOST"
			return f.k.Certificates.Set(f.ctx, c.CertNo, c)
		}, "certificates", `"HACCP-GHOST" has no versions`},
		// certificate events
		{"gap in the events", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.CertificateEvents.Remove(f.ctx, collections.Join(certA, uint64(1)))
		}, "certificate-events", "event 2 follows event 0"},
		{"head is not the last event", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.CertificateEventHead.Set(f.ctx, certA, 1)
		}, "certificate-events", "event head 1"},
		{"certificate without events", func(t *testing.T, f *fixture, _ genesisIDs) error {
			if err := f.k.CertificateEventHead.Remove(f.ctx, certB); err != nil {
				return err
			}
			return f.k.CertificateEvents.Remove(f.ctx, collections.Join(certB, uint64(1)))
		}, "certificate-events", "has no events"},
		// CCP records
		{"CCP record id never issued", func(t *testing.T, f *fixture, ids genesisIDs) error {
			r, err := f.k.CcpRecords.Get(f.ctx, ids.ccp)
			require.NoError(t, err)
			r.Id = 99
			return f.k.CcpRecords.Set(f.ctx, 99, r)
		}, "ccp-records", "ids issued"},
		// declarations
		{"declared declaration with a customs ref", setDecl(declC, func(d *types.ImportDeclaration) { d.CustomsRef = "KCS-EARLY" }),
			"declarations", `customs_ref "KCS-EARLY"`},
		// hygiene certificates
		{"cleared declaration's certificate not USED", setHygiene("AU", "AU-"+declB, func(h *types.HygieneCertificate) {
			h.Status, h.UsedBy = types.HygieneCertStatusVerified, ""
		}), "hygiene-certificates", "is RECALLED but hygiene certificate AU/AU-" + declB + " is VERIFIED"},
		{"certificate USED by a declaration not cleared", setHygiene("AU", "AU-"+declC, func(h *types.HygieneCertificate) {
			h.Status, h.UsedBy = types.HygieneCertStatusUsed, declC
		}), "hygiene-certificates", "is not a cleared declaration using it"},
		{"USED without used_by", setHygiene("AU", "AU-"+declC, func(h *types.HygieneCertificate) {
			h.Status = types.HygieneCertStatusUsed
		}), "hygiene-certificates", `with used_by ""`},
		// recalls
		{"active recall not in the active set", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.ActiveRecalls.Remove(f.ctx, ids.active)
		}, "recalls", "active=true but is not in the active-recalls set"},
		{"closed recall in the active set", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.ActiveRecalls.Set(f.ctx, ids.closed)
		}, "recalls", "active=false but is in the active-recalls set"},
		{"lot of an active recall not recalled", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.RecalledLots.Remove(f.ctx, collections.Join("LOT-A", ids.active))
		}, "recalls", "are in the recalled-lots index"},
		{"lot of a closed recall still recalled", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.RecalledLots.Set(f.ctx, collections.Join("LOT-X", ids.closed))
		}, "recalls", "is not a lot of that active recall"},
		{"declaration's recall does not name it", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return setDecl(declB, func(d *types.ImportDeclaration) { d.RecallId = ids.active })(t, f, ids)
		}, "recalls", "does not name it"},
		// shares
		{"share of no declaration", func(t *testing.T, f *fixture, ids genesisIDs) error {
			s, err := f.k.Shares.Get(f.ctx, ids.share)
			require.NoError(t, err)
			s.DeclNo = "IMP-404"
			return f.k.Shares.Set(f.ctx, ids.share, s)
		}, "shares", `names no declaration "IMP-404"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ids := f.genesisState()
			require.NoError(t, f.k.CheckInvariants(f.ctx))
			require.NoError(t, tc.corrupt(t, f, ids))
			testkeeper.RequireInvariantBroken(t, f.ctx, f.k.Invariants(), f.k.CheckInvariants(f.ctx), types.ModuleName, tc.invariant, tc.want)
		})
	}
}

// TestCustomsRefIndexRefusesASecondDeclaration: the customs-reference index
// holds one declaration per customs_ref, so the store refuses a write giving
// a second declaration a customs_ref already taken (ClearDeclaration answers
// ErrCustomsRefUsed before it gets there).
func TestCustomsRefIndexRefusesASecondDeclaration(t *testing.T) {
	f := newFixture(t)
	f.genesisState()
	d := f.decl(declC)
	d.CustomsRef = "KCS-" + declB
	require.ErrorIs(t, f.k.Declarations.Set(f.ctx, declC, d), collections.ErrConflict)
	got, err := f.k.Declarations.Indexes.CustomsRef.MatchExact(f.ctx, "KCS-"+declB)
	require.NoError(t, err)
	require.Equal(t, declB, got)
}

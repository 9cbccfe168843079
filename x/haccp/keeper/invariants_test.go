package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

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
		{"facility missing from the operator index", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.FacilitiesByOperator.Remove(f.ctx, collections.Join(op, ids.fac))
		}, "facilities", "not in the facilities-by-operator index"},
		{"operator index names another operator", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.FacilitiesByOperator.Set(f.ctx, collections.Join(outsider, ids.fac))
		}, "facilities", "points to a facility of operator"},
		{"operator index points to no facility", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.FacilitiesByOperator.Set(f.ctx, collections.Join(op, uint64(99)))
		}, "facilities", "points to no facility"},
		// staff
		{"staff entry without its reverse", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.StaffFacilities.Remove(f.ctx, collections.Join(staff, ids.fac))
		}, "staff", "has no staff-facilities entry"},
		{"reverse staff entry without its staff entry", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.StaffFacilities.Set(f.ctx, collections.Join(outsider, ids.fac))
		}, "staff", "has no facility-staff entry"},
		{"staff of no facility", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.FacilityStaff.Set(f.ctx, collections.Join(uint64(99), outsider))
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
		{"certificate missing from the facility index", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.CertificatesByFacility.Remove(f.ctx, collections.Join(ids.fac, certA))
		}, "certificates", "certificates-by-facility has"},
		{"facility index names another facility", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.CertificatesByFacility.Set(f.ctx, collections.Join(ids.imp, certA))
		}, "certificates", "matches no certificate version"},
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
		{"CCP record missing from the facility index", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.CcpRecordsByFacility.Remove(f.ctx, collections.Join(ids.fac, ids.ccp))
		}, "ccp-records", "not in the records-by-facility index"},
		{"CCP index names another facility", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.CcpRecordsByFacility.Set(f.ctx, collections.Join(ids.imp, ids.ccp))
		}, "ccp-records", "points to a record of facility"},
		{"CCP record id never issued", func(t *testing.T, f *fixture, ids genesisIDs) error {
			r, err := f.k.CcpRecords.Get(f.ctx, ids.ccp)
			require.NoError(t, err)
			r.Id = 99
			return f.k.CcpRecords.Set(f.ctx, 99, r)
		}, "ccp-records", "ids issued"},
		// declarations
		{"declaration missing from the importer index", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.DeclarationsByImporter.Remove(f.ctx, collections.Join(ids.imp, declB))
		}, "declarations", "not in the declarations-by-importer index"},
		{"importer index names another facility", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.DeclarationsByImporter.Set(f.ctx, collections.Join(ids.fac, declB))
		}, "declarations", "points to a declaration of facility"},
		{"cleared declaration's customs ref not indexed", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.DeclarationByCustomsRef.Remove(f.ctx, "KCS-"+declB)
		}, "declarations", "is not indexed"},
		{"declared declaration with a customs ref", setDecl(declC, func(d *types.ImportDeclaration) { d.CustomsRef = "KCS-EARLY" }),
			"declarations", `customs_ref "KCS-EARLY"`},
		{"customs ref indexed to another declaration", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.DeclarationByCustomsRef.Set(f.ctx, "KCS-"+declB, declA)
		}, "declarations", "is indexed to declaration"},
		{"trace number not indexed", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.DeclarationsByTraceNo.Remove(f.ctx, collections.Join("002012345678", declA))
		}, "declarations", `trace number "002012345678" is not indexed`},
		{"trace index entry of no item", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.DeclarationsByTraceNo.Set(f.ctx, collections.Join("002012345678", declB))
		}, "declarations", "matches no item"},
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
		{"share missing from the declaration index", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.SharesByDeclaration.Remove(f.ctx, collections.Join(declA, ids.share))
		}, "shares", "not in the shares-by-declaration index"},
		{"declaration index names another declaration", func(t *testing.T, f *fixture, ids genesisIDs) error {
			return f.k.SharesByDeclaration.Set(f.ctx, collections.Join(declB, ids.share))
		}, "shares", "points to a share of declaration"},
		{"share index points to no share", func(t *testing.T, f *fixture, _ genesisIDs) error {
			return f.k.SharesByDeclaration.Set(f.ctx, collections.Join(declA, uint64(99)))
		}, "shares", "points to no share"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			ids := f.genesisState()
			require.NoError(t, f.k.CheckInvariants(f.ctx))
			require.NoError(t, tc.corrupt(t, f, ids))
			var found bool
			for _, inv := range f.k.Invariants() {
				if inv.Name != tc.invariant {
					continue
				}
				found = true
				err := inv.Check(f.ctx)
				require.Error(t, err)
				require.Contains(t, err.Error(), tc.want)
			}
			require.True(t, found, "no invariant %q", tc.invariant)
			err := f.k.CheckInvariants(f.ctx)
			require.ErrorContains(t, err, `invariant "`+tc.invariant+`" broken`)
		})
	}
}

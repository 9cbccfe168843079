package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

func TestRegisterSchema(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	msg := f.schemaMsg(issOp, "diploma")
	f.freshEvents()

	// ACT
	res, err := f.msg.RegisterSchema(f.ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Id)
	s, err := f.k.Schemas.Get(f.ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.CredentialSchema{
		Id: 1, AgencyId: "moe", Name: "diploma", Version: "1.0.0", JsonSchemaDigest: issSchemaDigest,
		Locator: msg.Locator, RegisteredBy: f.s(issOp), RegisteredAt: testkeeper.BlockTime,
	}, s)
	require.Equal(t, []uint64{1}, f.schemasOf("moe"))
	byName, err := f.k.Schemas.Indexes.Name.MatchExact(f.ctx, collections.Join("moe", "diploma@1.0.0"))
	require.NoError(t, err)
	require.Equal(t, uint64(1), byName)
	f.requireOnlyEvent(&types.EventSchemaRegistered{
		Id: 1, AgencyId: "moe", Name: "diploma", Version: "1.0.0", JsonSchemaDigest: issSchemaDigest, Signer: f.s(issOp),
	})

	// Another agency may use the same name@version; a new version is a new schema; ids keep counting.
	require.Equal(t, uint64(2), f.registerSchema(issOtherOp, "diploma"))
	next := f.schemaMsg(issOp2, "diploma")
	next.Version = "1.1.0"
	res, err = f.msg.RegisterSchema(f.ctx, next)
	require.NoError(t, err)
	require.Equal(t, uint64(3), res.Id)
}

func TestRegisterSchemaRejected(t *testing.T) {
	mutate := func(change func(f *issFixture, m *types.MsgRegisterSchema)) func(f *issFixture) func() error {
		return func(f *issFixture) func() error {
			m := f.schemaMsg(issOp, "diploma")
			change(f, m)
			return func() error {
				_, err := f.msg.RegisterSchema(f.ctx, m)
				return err
			}
		}
	}
	runIssRejections(t, []issRejection{
		{"malformed address", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Signer = "civic1xyz" }), sdkerrors.ErrInvalidAddress},
		{"uppercase address", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Signer = strings.ToUpper(m.Signer) }), sdkerrors.ErrInvalidAddress},
		{"name with a space", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Name = "high school diploma" }), types.ErrInvalidSchema},
		{"empty name", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Name = "" }), types.ErrInvalidSchema},
		{"oversize name", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Name = strings.Repeat("n", 65) }), types.ErrFieldTooLong},
		{"version not semver", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Version = "1.0" }), types.ErrInvalidSchema},
		{"version with leading zero", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Version = "1.01.0" }), types.ErrInvalidSchema},
		{"uppercase digest", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.JsonSchemaDigest = strings.ToUpper(issSchemaDigest) }), types.ErrInvalidSchema},
		{"short digest", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.JsonSchemaDigest = issSchemaDigest[:63] }), types.ErrInvalidSchema},
		{"locator without scheme", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Locator = "schemas/diploma.json" }), types.ErrInvalidSchema},
		{"oversize locator", mutate(func(_ *issFixture, m *types.MsgRegisterSchema) { m.Locator = "https://x/" + strings.Repeat("k", 600) }), types.ErrFieldTooLong},
		{"not a member", mutate(func(f *issFixture, m *types.MsgRegisterSchema) { m.Signer = f.s(issOutsider) }), agencytypes.ErrNotMember},
		{"agency admin is no member", mutate(func(f *issFixture, m *types.MsgRegisterSchema) { m.Signer = f.s(issAdmin("moe")) }), agencytypes.ErrNotMember},
		{"suspended agency", mutate(func(f *issFixture, _ *types.MsgRegisterSchema) {
			f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)
		}), agencytypes.ErrAgencyNotActive},
		{"same name@version twice in one agency", mutate(func(f *issFixture, _ *types.MsgRegisterSchema) {
			f.registerSchema(issOp2, "diploma")
		}), types.ErrSchemaExists},
	})
}

func TestBindIssuer(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	f.freshEvents()

	// ACT
	_, err := f.msg.BindIssuer(f.ctx, &types.MsgBindIssuer{Signer: f.s(issAdmin("moe")), AgencyId: "moe", Did: f.issuerDid})

	// ASSERT
	require.NoError(t, err)
	is, err := f.k.Issuers.Get(f.ctx, f.issuerDid)
	require.NoError(t, err)
	require.Equal(t, types.TrustedIssuer{Did: f.issuerDid, AgencyId: "moe", BoundBy: f.s(issAdmin("moe")), BoundAt: testkeeper.BlockTime}, is)
	f.requireOnlyEvent(&types.EventIssuerBound{Did: f.issuerDid, AgencyId: "moe", Signer: f.s(issAdmin("moe"))})
}

func TestBindIssuerRejected(t *testing.T) {
	bind := func(f *issFixture, by, agencyID, did string) func() error {
		return func() error {
			_, err := f.msg.BindIssuer(f.ctx, &types.MsgBindIssuer{Signer: by, AgencyId: agencyID, Did: did})
			return err
		}
	}
	admin := func(f *issFixture) string { return f.s(issAdmin("moe")) }
	runIssRejections(t, []issRejection{
		{"malformed address", func(f *issFixture) func() error { return bind(f, "civic1xyz", "moe", f.issuerDid) }, sdkerrors.ErrInvalidAddress},
		{"malformed agency id", func(f *issFixture) func() error { return bind(f, admin(f), "Not An Id", f.issuerDid) }, agencytypes.ErrInvalidAgencyID},
		{"malformed DID", func(f *issFixture) func() error { return bind(f, admin(f), "moe", "did:web:moe.go.kr") }, types.ErrInvalidDid},
		{"unknown agency", func(f *issFixture) func() error { return bind(f, admin(f), "nobody", f.issuerDid) }, agencytypes.ErrAgencyNotFound},
		{"suspended agency", func(f *issFixture) func() error {
			f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)
			return bind(f, admin(f), "moe", f.issuerDid)
		}, types.ErrAgencyNotActive},
		{"retired agency", func(f *issFixture) func() error {
			f.setAgencyStatus("moe", agencytypes.AgencyStatusRetired)
			return bind(f, admin(f), "moe", f.issuerDid)
		}, types.ErrAgencyNotActive},
		{"member, not admin", func(f *issFixture) func() error { return bind(f, f.s(issOp), "moe", f.issuerDid) }, types.ErrNotAgencyAdmin},
		{"another agency's admin", func(f *issFixture) func() error { return bind(f, f.s(issAdmin("mof")), "moe", f.issuerDid) }, types.ErrNotAgencyAdmin},
		{"unknown DID", func(f *issFixture) func() error { return bind(f, admin(f), "moe", issDidOf("nobody")) }, types.ErrDidNotFound},
		{"deactivated DID", func(f *issFixture) func() error {
			f.deactivateDid(f.issuerDid, issOp)
			return bind(f, admin(f), "moe", f.issuerDid)
		}, types.ErrDidDeactivated},
		{"admin does not control the DID", func(f *issFixture) func() error {
			did := f.createDid("ops-only", issOp)
			return bind(f, admin(f), "moe", did)
		}, types.ErrNotController},
		{"already bound", func(f *issFixture) func() error {
			f.bind(f.issuerDid, "moe")
			return bind(f, admin(f), "moe", f.issuerDid)
		}, types.ErrIssuerBound},
		{"already bound to another agency", func(f *issFixture) func() error {
			did := f.createDid("mof-only", issAdmin("mof"))
			f.bind(did, "mof")
			return bind(f, admin(f), "moe", did)
		}, types.ErrIssuerBound},
	})
}

func TestBindIssuerErrorNamesTheAgency(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	did := f.createDid("mof-only", issAdmin("mof"))
	f.bind(did, "mof")

	// ACT
	_, err := f.msg.BindIssuer(f.ctx, &types.MsgBindIssuer{Signer: f.s(issAdmin("moe")), AgencyId: "moe", Did: did})

	// ASSERT
	require.ErrorIs(t, err, types.ErrIssuerBound)
	require.ErrorContains(t, err, `"mof"`)
}

func TestUnbindIssuer(t *testing.T) {
	// ARRANGE: a trusted issuer with two schemas and a status list with a set bit.
	f := newIssFixture(t)
	s1 := f.trustedIssuer()
	s2 := f.registerSchema(issOp, "transcript")
	f.grant(f.issuerDid, s2)
	listID := f.createList(types.StatusPurposeSuspension)
	f.update(listID, issSet(5))
	f.freshEvents()

	// ACT
	_, err := f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: f.s(issAdmin("moe")), Did: f.issuerDid})

	// ASSERT
	require.NoError(t, err)
	has, err := f.k.Issuers.Has(f.ctx, f.issuerDid)
	require.NoError(t, err)
	require.False(t, has)
	for _, id := range []uint64{s1, s2} {
		has, err = f.k.IssuerSchemas.Has(f.ctx, collections.Join(f.issuerDid, id))
		require.NoError(t, err)
		require.False(t, has, "grant")
		require.Empty(t, f.issuersOf(id), "issuers of schema %d", id)
	}
	gs := f.export()
	require.Empty(t, gs.Issuers)
	require.Empty(t, gs.Grants)
	require.Len(t, gs.Schemas, 2, "schemas stay")
	require.Len(t, gs.StatusLists, 1, "status lists stay")
	require.Len(t, gs.StatusChunks, 1)
	f.requireOnlyEvent(&types.EventIssuerUnbound{Did: f.issuerDid, AgencyId: "moe", Signer: f.s(issAdmin("moe"))})

	// The list stays readable but can no longer be updated.
	st, err := f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{ListId: listID, Index: 5})
	require.NoError(t, err)
	require.True(t, st.Set)
	_, err = f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOp), ListId: listID, Changes: []types.StatusChange{issSet(6)}})
	require.ErrorIs(t, err, types.ErrIssuerNotFound)
}

func TestUnbindIssuerCleanup(t *testing.T) {
	// Governance may unbind, and unbinding works for a deactivated DID and a
	// retired agency: it is cleanup.
	cases := []struct {
		name    string
		arrange func(f *issFixture)
		signer  func(f *issFixture) string
	}{
		{"by governance", func(*issFixture) {}, func(f *issFixture) string { return f.k.GetAuthority() }},
		{"deactivated DID, by the admin", func(f *issFixture) { f.deactivateDid(f.issuerDid, issOp) }, func(f *issFixture) string { return f.s(issAdmin("moe")) }},
		{"retired agency, by governance", func(f *issFixture) { f.setAgencyStatus("moe", agencytypes.AgencyStatusRetired) }, func(f *issFixture) string { return f.k.GetAuthority() }},
		{"suspended agency, by the admin", func(f *issFixture) { f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended) }, func(f *issFixture) string { return f.s(issAdmin("moe")) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newIssFixture(t)
			f.trustedIssuer()
			tc.arrange(f)
			signer := tc.signer(f)
			f.freshEvents()

			// ACT
			_, err := f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: signer, Did: f.issuerDid})

			// ASSERT
			require.NoError(t, err)
			gs := f.export()
			require.Empty(t, gs.Issuers)
			require.Empty(t, gs.Grants)
			f.requireOnlyEvent(&types.EventIssuerUnbound{Did: f.issuerDid, AgencyId: "moe", Signer: signer})
		})
	}
}

func TestUnbindIssuerRejected(t *testing.T) {
	unbind := func(f *issFixture, by, did string) func() error {
		return func() error {
			_, err := f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: by, Did: did})
			return err
		}
	}
	runIssRejections(t, []issRejection{
		{"malformed address", func(f *issFixture) func() error { return unbind(f, "civic1xyz", f.issuerDid) }, sdkerrors.ErrInvalidAddress},
		{"malformed DID", func(f *issFixture) func() error { return unbind(f, f.s(issAdmin("moe")), "did:civic:") }, types.ErrInvalidDid},
		{"not bound", func(f *issFixture) func() error { return unbind(f, f.s(issAdmin("moe")), f.issuerDid) }, types.ErrIssuerNotFound},
		{"member, not admin", func(f *issFixture) func() error {
			f.trustedIssuer()
			return unbind(f, f.s(issOp), f.issuerDid)
		}, types.ErrNotAgencyAdmin},
		{"another agency's admin", func(f *issFixture) func() error {
			f.trustedIssuer()
			return unbind(f, f.s(issAdmin("mof")), f.issuerDid)
		}, types.ErrNotAgencyAdmin},
	})
}

func TestSetIssuerSchemas(t *testing.T) {
	// ARRANGE: issuerDid bound to moe; schemas 1 and 2 of moe, 3 of mof.
	f := newIssFixture(t)
	f.bind(f.issuerDid, "moe")
	s1 := f.registerSchema(issOp, "diploma")
	s2 := f.registerSchema(issOp, "transcript")
	s3 := f.registerSchema(issOtherOp, "tax-residence")
	f.freshEvents()

	// ACT: governance grants all three, one of another agency among them.
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Grant: []uint64{s3, s1, s2}})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, []types.IssuerSchemaGrant{
		{Did: f.issuerDid, SchemaId: s1}, {Did: f.issuerDid, SchemaId: s2}, {Did: f.issuerDid, SchemaId: s3},
	}, f.export().Grants)
	for _, id := range []uint64{s1, s2, s3} {
		require.Equal(t, []string{f.issuerDid}, f.issuersOf(id), "issuers of schema %d", id)
	}
	f.requireOnlyEvent(&types.EventIssuerSchemasChanged{Did: f.issuerDid, Granted: []uint64{s3, s1, s2}, Revoked: []uint64{}, Signer: f.k.GetAuthority()})

	// ACT: revoke and grant in one message, by governance.
	_, err = f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Revoke: []uint64{s1, s3}})
	require.NoError(t, err)
	f.freshEvents()
	_, err = f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.k.GetAuthority(), Did: f.issuerDid, Grant: []uint64{s1}, Revoke: []uint64{s2}})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, []types.IssuerSchemaGrant{{Did: f.issuerDid, SchemaId: s1}}, f.export().Grants)
	require.Equal(t, []string{f.issuerDid}, f.issuersOf(s1))
	for _, id := range []uint64{s2, s3} {
		require.Empty(t, f.issuersOf(id), "issuers of schema %d", id)
	}
	f.requireOnlyEvent(&types.EventIssuerSchemasChanged{Did: f.issuerDid, Granted: []uint64{s1}, Revoked: []uint64{s2}, Signer: f.k.GetAuthority()})
}

func TestSetIssuerSchemasRejected(t *testing.T) {
	// setSchemas returns the ACT after binding issuerDid to moe and registering schemas 1 and 2.
	setSchemas := func(by func(f *issFixture) string, grant, revoke []uint64, arrange func(f *issFixture)) func(f *issFixture) func() error {
		return func(f *issFixture) func() error {
			f.bind(f.issuerDid, "moe")
			f.registerSchema(issOp, "diploma")
			f.registerSchema(issOp, "transcript")
			arrange(f)
			return func() error {
				_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: by(f), Did: f.issuerDid, Grant: grant, Revoke: revoke})
				return err
			}
		}
	}
	admin := func(f *issFixture) string { return f.s(issAdmin("moe")) }
	none := func(*issFixture) {}
	many := make([]uint64, keeper.MaxSchemaIDsPerMsg+1)
	for i := range many {
		many[i] = uint64(i + 1)
	}
	runIssRejections(t, []issRejection{
		{"malformed address", setSchemas(func(*issFixture) string { return "civic1xyz" }, []uint64{1}, nil, none), sdkerrors.ErrInvalidAddress},
		{"malformed DID", func(f *issFixture) func() error {
			return func() error {
				_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: admin(f), Did: "did:civic:0OIl", Grant: []uint64{1}})
				return err
			}
		}, types.ErrInvalidDid},
		{"nothing to change", setSchemas(admin, nil, nil, none), types.ErrInvalidSchemaGrant},
		{"too many grants", setSchemas(admin, many, nil, none), types.ErrInvalidSchemaGrant},
		{"too many revokes", setSchemas(admin, nil, many, none), types.ErrInvalidSchemaGrant},
		{"duplicate grant", setSchemas(admin, []uint64{1, 1}, nil, none), types.ErrInvalidSchemaGrant},
		{"duplicate revoke", setSchemas(admin, nil, []uint64{2, 2}, none), types.ErrInvalidSchemaGrant},
		{"granted and revoked", setSchemas(admin, []uint64{1}, []uint64{1}, none), types.ErrInvalidSchemaGrant},
		{"schema id zero", setSchemas(admin, []uint64{0}, nil, none), types.ErrInvalidSchemaGrant},
		{"not bound", func(f *issFixture) func() error {
			f.registerSchema(issOp, "diploma")
			return func() error {
				_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: admin(f), Did: f.issuerDid, Grant: []uint64{1}})
				return err
			}
		}, types.ErrIssuerNotFound},
		{"deactivated DID", setSchemas(admin, []uint64{1}, nil, func(f *issFixture) { f.deactivateDid(f.issuerDid, issOp) }), types.ErrDidDeactivated},
		{"member, not admin", setSchemas(func(f *issFixture) string { return f.s(issOp) }, []uint64{1}, nil, none), types.ErrNotAgencyAdmin},
		{"another agency's admin", setSchemas(func(f *issFixture) string { return f.s(issAdmin("mof")) }, []uint64{1}, nil, none), types.ErrNotAgencyAdmin},
		{"unknown schema", setSchemas(admin, []uint64{1, 99}, nil, none), types.ErrSchemaNotFound},
		{"already granted", setSchemas(admin, []uint64{2, 1}, nil, func(f *issFixture) { f.grant(f.issuerDid, 1) }), types.ErrInvalidSchemaGrant},
		{"revoking what was not granted", setSchemas(admin, []uint64{1}, []uint64{2}, none), types.ErrInvalidSchemaGrant},
		{"more schemas than an issuer may hold", setSchemas(admin, []uint64{1}, nil, func(f *issFixture) {
			for id := uint64(1000); id < 1000+types.MaxIssuerSchemas; id++ {
				require.NoError(f.t, f.k.IssuerSchemas.Set(f.ctx, collections.Join(f.issuerDid, id), collections.NoValue{}))
			}
		}), types.ErrInvalidSchemaGrant},
	})
}

func TestIssuerTrustTransitions(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	schemaID := f.trustedIssuer()
	other := f.registerSchema(issOp, "transcript")

	requireTrust := func(want bool, reasonPart, agencyID string) {
		t.Helper()
		res := f.trust(f.issuerDid, schemaID)
		require.Equal(t, want, res.Trusted, res.Reason)
		require.Equal(t, agencyID, res.AgencyId)
		require.Equal(t, f.ctx.BlockHeight(), res.Height)
		if want {
			require.Empty(t, res.Reason)
		} else {
			require.Contains(t, res.Reason, reasonPart)
		}
	}

	// ACT / ASSERT: bound to an ACTIVE agency, granted, active DID.
	requireTrust(true, "", "moe")
	res := f.trust(f.issuerDid, other)
	require.False(t, res.Trusted)
	require.Equal(t, "Schema 2 is not granted to this issuer.", res.Reason)

	// The agency is suspended: not trusted from that block on; restored: trusted again.
	f.nextBlock()
	f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)
	requireTrust(false, "SUSPENDED", "moe")
	f.nextBlock()
	f.setAgencyStatus("moe", agencytypes.AgencyStatusActive)
	requireTrust(true, "", "moe")

	// The grant is revoked, then granted again.
	_, err := f.msg.SetIssuerSchemas(f.ctx, &types.MsgSetIssuerSchemas{Signer: f.s(issAdmin("moe")), Did: f.issuerDid, Revoke: []uint64{schemaID}})
	require.NoError(t, err)
	requireTrust(false, "not granted", "moe")
	f.grant(f.issuerDid, schemaID)
	requireTrust(true, "", "moe")

	// Unbound: no agency any more.
	_, err = f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: f.s(issAdmin("moe")), Did: f.issuerDid})
	require.NoError(t, err)
	requireTrust(false, "not bound", "")

	// Bound and granted again, then the DID is deactivated.
	f.bind(f.issuerDid, "moe")
	f.grant(f.issuerDid, schemaID)
	requireTrust(true, "", "moe")
	f.nextBlock()
	f.deactivateDid(f.issuerDid, issOp)
	requireTrust(false, "deactivated", "moe")
}

func TestIssuerTrustRetiredAgencyAndUnknownDid(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	schemaID := f.trustedIssuer()

	// ACT
	f.setAgencyStatus("moe", agencytypes.AgencyStatusRetired)
	trusted, reason, agencyID, err := f.k.IssuerTrust(f.ctx, f.issuerDid, schemaID)

	// ASSERT
	require.NoError(t, err)
	require.False(t, trusted)
	require.Equal(t, `The bound agency "moe" is RETIRED.`, reason)
	require.Equal(t, "moe", agencyID)

	trusted, reason, agencyID, err = f.k.IssuerTrust(f.ctx, issDidOf("nobody"), schemaID)
	require.NoError(t, err)
	require.False(t, trusted)
	require.Equal(t, "The DID is not registered.", reason)
	require.Empty(t, agencyID)
}

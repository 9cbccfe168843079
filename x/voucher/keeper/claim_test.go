package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/voucher/types"
)

// issuer is a district office's DID on x/did, made through its real Msg service:
// controlled by the agency's admin and its member (did.issuer), bound to the agency as
// a trusted issuer, granted schema, with one REVOCATION status list. Its key #assert-1
// is in its assertionMethod.
type issuer struct {
	did, vm string
	key     ed25519.PrivateKey
	schema  uint64
	list    uint64
}

// newIssuer registers the issuer DID of agency (named name) with a fresh schema.
func (f *fixture) newIssuer(agency, name string) issuer {
	f.t.Helper()
	ms := didkeeper.NewMsgServerImpl(f.Did)
	seed := sha256.Sum256([]byte("voucher-test-key/" + name))
	key := ed25519.NewKeyFromSeed(seed[:])
	h := sha256.Sum256([]byte("voucher-test-did/" + name))
	did := didtypes.DidMethodPrefix + didtypes.Base58Encode(h[:])
	vm := didtypes.VerificationMethod{Id: did + "#assert-1", Type: didtypes.KeyTypeEd25519, Controller: did,
		PublicKeyMultibase: didtypes.Ed25519Multibase(key.Public().(ed25519.PublicKey))}
	a := f.Agencies[agency]
	doc := didtypes.DidDocument{Id: did, Controller: []string{s(a.Admin), s(a.Member)},
		VerificationMethod: []didtypes.VerificationMethod{vm}, AssertionMethod: []string{vm.Id}}
	_, err := ms.CreateDid(f.Ctx, &didtypes.MsgCreateDid{Signer: s(a.Member), Document: doc})
	require.NoError(f.t, err)
	_, err = ms.BindIssuer(f.Ctx, &didtypes.MsgBindIssuer{Signer: s(a.Admin), AgencyId: agency, Did: did})
	require.NoError(f.t, err)
	schema, err := ms.RegisterSchema(f.Ctx, &didtypes.MsgRegisterSchema{Signer: s(a.Member), Name: "relief-household-" + name,
		Version: "1.0.0", JsonSchemaDigest: digest("5c"), Locator: "https://schemas.busan.go.kr/relief/" + name + ".json"})
	require.NoError(f.t, err)
	_, err = ms.SetIssuerSchemas(f.Ctx, &didtypes.MsgSetIssuerSchemas{Signer: s(a.Admin), Did: did, Grant: []uint64{schema.Id}})
	require.NoError(f.t, err)
	list, err := ms.CreateStatusList(f.Ctx, &didtypes.MsgCreateStatusList{Signer: s(a.Member), IssuerDid: did,
		Purpose: didtypes.StatusPurposeRevocation, Entries: didtypes.MinStatusListEntries})
	require.NoError(f.t, err)
	return issuer{did: did, vm: vm.Id, key: key, schema: schema.Id, list: list.Id}
}

// revoke sets entry index of the issuer's status list.
func (f *fixture) revoke(agency string, is issuer, index uint64) {
	f.t.Helper()
	_, err := didkeeper.NewMsgServerImpl(f.Did).UpdateStatusList(f.Ctx, &didtypes.MsgUpdateStatusList{
		Signer: s(f.Agencies[agency].Member), ListId: is.list, Changes: []didtypes.StatusChange{{Index: index, Value: true}}})
	require.NoError(f.t, err)
}

// claimProgram is a RELIEF CREDENTIAL program of busan for schema: one person 400 000,
// four or more 1 000 000 (2020's classes), 5 000 000 escrowed.
func (f *fixture) claimProgram(schema uint64) uint64 {
	f.t.Helper()
	return f.active(5_000_000, func(m *types.MsgCreateProgram) {
		m.Kind, m.Eligibility, m.SchemaId = types.ProgramKindRelief, types.EligibilityCredential, schema
		m.BudgetCap, m.PerHolderCap = amt(5_000_000), amt(1_000_000)
		m.AmountByClass = []types.ClassAmount{{Class: "HOUSEHOLD_1", Amount: amt(400_000)}, {Class: "HOUSEHOLD_4", Amount: amt(1_000_000)}}
	})
}

// claimMsg is holder's claim of class in program id for status entry index, signed by is.
func (f *fixture) claimMsg(is issuer, id uint64, holder sdk.AccAddress, class string, index uint64, edit func(*types.Claim)) *types.MsgClaim {
	f.t.Helper()
	c := types.Claim{ChainId: chainID, ProgramId: id, Holder: s(holder), DistrictCode: busanjin, Class: class,
		StatusListId: is.list, StatusIndex: index, ValidUntil: T0.Add(7 * 24 * time.Hour)}
	if edit != nil {
		edit(&c)
	}
	return &types.MsgClaim{Holder: s(holder), ProgramId: id, Claim: c, IssuerDid: is.did, VerificationMethod: is.vm, Signature: sign(f.t, is, c)}
}

// sign signs a claim's deterministic encoding as an x/did assertion on chainID.
func sign(t *testing.T, is issuer, c types.Claim) []byte {
	t.Helper()
	payload, err := c.Marshal()
	require.NoError(t, err)
	return ed25519.Sign(is.key, didtypes.AssertionSignBytes(chainID, is.did, is.vm, payload))
}

func TestClaim(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	is := f.newIssuer(busan, "busanjin-office")
	id := f.claimProgram(is.schema)
	msg := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 42, nil)
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT
	res, err := f.ms.Claim(f.Ctx, msg)

	// ASSERT: the class amount, minted fully backed; the entry claimed; counted by district.
	require.NoError(t, err)
	require.Equal(t, amt(400_000), res.Amount)
	require.Equal(t, int64(400_000), f.bal(f.holder, "voucher/1"))
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventVouchersClaimed{ProgramId: id, Holder: s(f.holder), Amount: amt(400_000),
		DistrictCode: busanjin, Class: "HOUSEHOLD_1", IssuerDid: is.did, StatusListId: is.list, StatusIndex: 42})
	claimed, err := f.qs.IsClaimed(f.Ctx, &types.QueryIsClaimedRequest{ProgramId: id, StatusListId: is.list, StatusIndex: 42})
	require.NoError(t, err)
	require.True(t, claimed.Claimed)
	stats, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, District: busanjin})
	require.NoError(t, err)
	require.Equal(t, types.Usage{Count: 1, Amount: amt(400_000)}, stats.DistrictClaims)
	require.Equal(t, uint64(1), stats.ClaimsCount)
	f.requireSound()
}

func TestClaimRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, is issuer, id uint64) *types.MsgClaim
		want error
	}{
		{"bad signature", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, nil)
			m.Signature[0] ^= 1
			return m
		}, didtypes.ErrInvalidProof},
		{"claim changed after signing", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, nil)
			m.Claim.Class = "HOUSEHOLD_4"
			return m
		}, didtypes.ErrInvalidProof},
		{"signed for another chain", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, func(c *types.Claim) { c.ChainId = "civic-other-1" })
			return m
		}, types.ErrClaimMismatch},
		{"claim of another holder", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder2, "HOUSEHOLD_1", 1, nil)
			m.Holder = s(f.holder)
			return m
		}, types.ErrClaimMismatch},
		{"past valid_until", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, func(c *types.Claim) { c.ValidUntil = T0 })
		}, types.ErrClaimExpired},
		{"district outside the program", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, func(c *types.Claim) { c.DistrictCode = haeundae })
		}, types.ErrDistrictNotInProgram},
		{"unknown class", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_9", 1, nil)
		}, types.ErrUnknownClass},
		{"revoked entry", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			f.revoke(busan, is, 7)
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 7, nil)
		}, types.ErrStatusEntrySet},
		{"reused entry", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			_, err := f.ms.Claim(f.Ctx, f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 5, nil))
			require.NoError(f.t, err)
			return f.claimMsg(is, id, f.holder2, "HOUSEHOLD_1", 5, nil)
		}, types.ErrAlreadyClaimed},
		{"entry beyond the list", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", didtypes.MinStatusListEntries, nil)
		}, didtypes.ErrIndexOutOfRange},
		{"over the holder cap", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			_, err := f.ms.Claim(f.Ctx, f.claimMsg(is, id, f.holder, "HOUSEHOLD_4", 1, nil))
			require.NoError(f.t, err)
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 2, nil)
		}, types.ErrOverHolderCap},
		{"issuer not trusted for the schema", func(f *fixture, is issuer, _ uint64) *types.MsgClaim {
			other := f.active(1_000_000, func(m *types.MsgCreateProgram) {
				m.Eligibility, m.SchemaId = types.EligibilityCredential, is.schema+100
				m.AmountByClass = []types.ClassAmount{{Class: "HOUSEHOLD_1", Amount: amt(400_000)}}
			})
			return f.claimMsg(is, other, f.holder, "HOUSEHOLD_1", 1, nil)
		}, types.ErrUntrustedIssuer},
		{"status list of another issuer", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			seoulIssuer := f.newIssuer(seoul, "jongno-office")
			return f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, func(c *types.Claim) { c.StatusListId = seoulIssuer.list })
		}, types.ErrStatusListIssuer},
		{"an allocation-only program", func(f *fixture, is issuer, _ uint64) *types.MsgClaim {
			other := f.active(1_000, nil)
			return f.claimMsg(is, other, f.holder, "HOUSEHOLD_1", 1, nil)
		}, types.ErrEligibility},
		{"program expired", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, func(c *types.Claim) { c.ValidUntil = expires.Add(time.Hour) })
			f.at(expires)
			return m
		}, types.ErrProgramExpired},
		{"no signature", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, nil)
			m.Signature = nil
			return m
		}, types.ErrInvalidClaim},
		{"verification method of another DID", func(f *fixture, is issuer, id uint64) *types.MsgClaim {
			m := f.claimMsg(is, id, f.holder, "HOUSEHOLD_1", 1, nil)
			m.VerificationMethod = "did:civic:11111111111111111111111111111111#assert-1"
			return m
		}, types.ErrInvalidDid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			is := f.newIssuer(busan, "busanjin-office")
			id := f.claimProgram(is.schema)
			msg := tc.msg(f, is, id)
			f.rejected(tc.want, func() error { _, err := f.ms.Claim(f.Ctx, msg); return err })
		})
	}
}

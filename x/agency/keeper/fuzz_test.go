package keeper

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/agency/types"
)

// Fuzz targets over the stateless message validation. The seed corpus runs in every
// `go test`; `go test -fuzz FuzzValidateMsgRegisterAgency ./x/agency/keeper` explores more.
// Each asserts that validation never panics and that whatever it accepts satisfies the
// documented bounds.

var (
	slugRe      = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	roleGrammar = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`)
)

const (
	seedAddr  = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjf6ufg"
	seedAddr2 = "civic1pg9q5zs2pg9q5zs2pg9q5zs2pg9q5zs2v9fgpm"
)

// splitRoles turns a fuzzed string into a role list ("" = no roles).
func splitRoles(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func checkAcceptedRoles(t *testing.T, roles []string) {
	t.Helper()
	if len(roles) > types.MaxRolesPerList {
		t.Fatalf("accepted %d roles", len(roles))
	}
	seen := map[string]bool{}
	for _, r := range roles {
		if len(r) > types.MaxRoleNameLength || !roleGrammar.MatchString(r) {
			t.Fatalf("accepted malformed role %q", r)
		}
		if seen[r] {
			t.Fatalf("accepted duplicate role %q", r)
		}
		seen[r] = true
	}
}

// checkSigner fails unless a validator returned the decoded signer field.
func checkSigner(t *testing.T, signer []byte, field string) {
	t.Helper()
	bz, err := sample.Codec.StringToBytes(field)
	if err != nil || !bytes.Equal(bz, signer) {
		t.Fatalf("returned signer %X for %q (%v)", signer, field, err)
	}
}

func checkAcceptedAddress(t *testing.T, a string) {
	t.Helper()
	bz, err := sample.Codec.StringToBytes(a)
	if err != nil || len(bz) == 0 {
		t.Fatalf("accepted address %q: %v", a, err)
	}
	if a != strings.ToLower(a) {
		t.Fatalf("accepted non-canonical address %q", a)
	}
}

// checkPublicText fails on text that could carry contact data or a registration number.
func checkPublicText(t *testing.T, what, s string, maxDigits int) {
	t.Helper()
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits > maxDigits || strings.ContainsAny(s, "@\x00\n\r\t") {
		t.Fatalf("accepted %s %q", what, s)
	}
}

func checkAcceptedID(t *testing.T, id string) {
	t.Helper()
	if len(id) < 2 || len(id) > types.MaxAgencyIDLength || !slugRe.MatchString(id) {
		t.Fatalf("accepted agency id %q", id)
	}
}

func FuzzValidateMsgRegisterAgency(f *testing.F) {
	f.Add("knpa", "경찰청", seedAddr, "evidence.investigator,evidence.custodian")
	f.Add("mfds", "Ministry of Food and Drug Safety", seedAddr, "")
	f.Add("a", "x", seedAddr, "a.b")
	f.Add("k-water", strings.Repeat("가", 42), seedAddr2, "water.operator")
	f.Add("k-water", strings.Repeat("가", 43), seedAddr2, "water.operator")
	f.Add("KNPA", "name", seedAddr, "a.b")
	f.Add("knpa", " padded ", seedAddr, "a.b")
	f.Add("knpa", "tab\there", seedAddr, "a.b")
	f.Add("knpa", "bad\xffutf8", seedAddr, "a.b")
	f.Add("knpa", "name", "cosmos1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du", "a.b")
	f.Add("knpa", "name", seedAddr, "a.b,a.b")
	f.Add("knpa", "name", strings.ToUpper(seedAddr), "a.b")
	f.Add("knpa", "Police kim@example.kr", seedAddr, "a.b")
	f.Add("knpa", "Police 010-1234-5678", seedAddr, "a.b")
	f.Add("knpa", "name", seedAddr, "A.b")
	f.Add(strings.Repeat("a", 33), "name", seedAddr, "a.b")
	f.Add("knpa", "name", seedAddr, strings.Repeat("a.b,", 70))
	f.Fuzz(func(t *testing.T, id, name, admin, roles string) {
		msg := &types.MsgRegisterAgency{Authority: seedAddr, Id: id, Name: name, Admin: admin, Roles: splitRoles(roles)}
		signer, err := validateMsgRegisterAgency(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, msg.Authority)
		checkAcceptedID(t, msg.Id)
		if len(msg.Name) == 0 || len(msg.Name) > types.MaxNameLength || !utf8.ValidString(msg.Name) ||
			strings.TrimSpace(msg.Name) != msg.Name {
			t.Fatalf("accepted name %q", msg.Name)
		}
		checkPublicText(t, "name", msg.Name, types.MaxNameDigits)
		checkAcceptedAddress(t, msg.Admin)
		checkAcceptedRoles(t, msg.Roles)
	})
}

func FuzzValidateMsgAddMember(f *testing.F) {
	f.Add(seedAddr, "knpa", seedAddr2, "evidence.investigator", int64(3600), true)
	f.Add(seedAddr, "knpa", seedAddr2, "", int64(0), false)
	f.Add(seedAddr, "knpa", seedAddr2, "evidence.investigator", int64(0), true)
	f.Add(seedAddr, "knpa", seedAddr2, "evidence.investigator", int64(-1), true)
	f.Add(seedAddr, "knpa", "civic1", "evidence.investigator", int64(1), true)
	f.Add("", "knpa", seedAddr2, "evidence.investigator", int64(1), false)
	f.Add(seedAddr, "kn pa", seedAddr2, "x.y", int64(1), false)
	f.Fuzz(func(t *testing.T, admin, id, address, roles string, expiresIn int64, hasExpiry bool) {
		msg := &types.MsgAddMember{Admin: admin, AgencyId: id, Address: address, Roles: splitRoles(roles)}
		if hasExpiry {
			e := sample.Now.Add(time.Duration(expiresIn) * time.Second)
			msg.ExpiresAt = &e
		}
		signer, err := validateMsgAddMember(sample.Codec, msg, sample.Now)
		// the same rules apply to MsgSetMemberRoles
		_, err2 := validateMsgSetMemberRoles(sample.Codec, &types.MsgSetMemberRoles{
			Admin: msg.Admin, AgencyId: msg.AgencyId, Address: msg.Address, Roles: msg.Roles, ExpiresAt: msg.ExpiresAt,
		}, sample.Now)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("AddMember and SetMemberRoles disagree: %v vs %v", err, err2)
		}
		if err != nil {
			return
		}
		checkAcceptedAddress(t, msg.Admin)
		checkSigner(t, signer, msg.Admin)
		checkAcceptedID(t, msg.AgencyId)
		checkAcceptedAddress(t, msg.Address)
		checkAcceptedRoles(t, msg.Roles)
		if msg.ExpiresAt != nil && !msg.ExpiresAt.After(sample.Now) {
			t.Fatalf("accepted expires_at %s not after block time", msg.ExpiresAt)
		}
	})
}

func FuzzValidateMsgSetAgencyStatus(f *testing.F) {
	f.Add("knpa", int32(1), "restored after audit")
	f.Add("knpa", int32(2), "")
	f.Add("knpa", int32(3), strings.Repeat("r", 256))
	f.Add("knpa", int32(3), strings.Repeat("r", 257))
	f.Add("knpa", int32(0), "x")
	f.Add("knpa", int32(-5), "x")
	f.Add("knpa", int32(2), "line\nbreak")
	f.Add("knpa", int32(2), "reported by kim@example.kr")
	f.Add("knpa", int32(2), "call 010-1234-5678")
	f.Fuzz(func(t *testing.T, id string, status int32, reason string) {
		msg := &types.MsgSetAgencyStatus{Authority: seedAddr, AgencyId: id, Status: types.AgencyStatus(status), Reason: reason}
		signer, err := validateMsgSetAgencyStatus(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, msg.Authority)
		checkAcceptedID(t, msg.AgencyId)
		if msg.Status < types.AgencyStatusActive || msg.Status > types.AgencyStatusRetired {
			t.Fatalf("accepted status %d", msg.Status)
		}
		if len(msg.Reason) > types.MaxReasonLength || !utf8.ValidString(msg.Reason) {
			t.Fatalf("accepted reason %q", msg.Reason)
		}
		checkPublicText(t, "reason", msg.Reason, types.MaxReasonDigits)
	})
}

func FuzzValidateMsgTransferAdmin(f *testing.F) {
	f.Add(seedAddr, "knpa", seedAddr2)
	f.Add(seedAddr, "knpa", "")
	f.Add(seedAddr, "", seedAddr2)
	f.Fuzz(func(t *testing.T, admin, id, newAdmin string) {
		msg := &types.MsgTransferAdmin{Admin: admin, AgencyId: id, NewAdmin: newAdmin}
		signer, err := validateMsgTransferAdmin(sample.Codec, msg)
		if err != nil {
			return
		}
		checkAcceptedAddress(t, msg.Admin)
		checkSigner(t, signer, msg.Admin)
		checkAcceptedID(t, msg.AgencyId)
		checkAcceptedAddress(t, msg.NewAdmin)
		// MsgRemoveMember has the same shape
		if _, err := validateMsgRemoveMember(sample.Codec, &types.MsgRemoveMember{Admin: admin, AgencyId: id, Address: newAdmin}); err != nil {
			t.Fatalf("RemoveMember rejected what TransferAdmin accepted: %v", err)
		}
	})
}

// FuzzValidateAgencyMsg covers the messages an account signs about one agency, among them
// those about a pending offer (MsgAcceptMembership, MsgDeclineMembership,
// MsgWithdrawMembershipOffer, MsgAcceptAdmin, MsgCancelAdminTransfer).
func FuzzValidateAgencyMsg(f *testing.F) {
	f.Add(seedAddr, "knpa", seedAddr2, true)
	f.Add(seedAddr, "knpa", "", false)
	f.Add(strings.ToUpper(seedAddr), "knpa", "", false)
	f.Add(seedAddr, "knpa", strings.ToUpper(seedAddr2), true)
	f.Add(seedAddr, "Knpa", "", false)
	f.Add("", "knpa", "", false)
	f.Fuzz(func(t *testing.T, signer, id, other string, hasOther bool) {
		field := ""
		if hasOther {
			field = "address"
		}
		signerBz, err := validateAgencyMsg(sample.Codec, "signer", signer, id, field, other)
		if err != nil {
			return
		}
		checkAcceptedAddress(t, signer)
		checkSigner(t, signerBz, signer)
		checkAcceptedID(t, id)
		if hasOther {
			checkAcceptedAddress(t, other)
		}
	})
}

func FuzzValidateMsgSetAgencyRoles(f *testing.F) {
	f.Add("knpa", "evidence.investigator,haccp.certifier")
	f.Add("knpa", "")
	f.Add("knpa", "a.b,a.b")
	f.Add("knpa", "a..b")
	f.Fuzz(func(t *testing.T, id, roles string) {
		msg := &types.MsgSetAgencyRoles{Authority: seedAddr, AgencyId: id, Roles: splitRoles(roles)}
		signer, err := validateMsgSetAgencyRoles(sample.Codec, msg)
		if err != nil {
			return
		}
		checkSigner(t, signer, msg.Authority)
		checkAcceptedID(t, msg.AgencyId)
		checkAcceptedRoles(t, msg.Roles)
	})
}

package roles_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/roles"
)

var (
	errNotMember = errorsmod.Register("rolestest", 2, "not a member")
	errNoRole    = errorsmod.Register("rolestest", 3, "role not granted")
)

// fake grants the roles in its map, answers errNotMember for an unknown
// address and errNoRole for a known one without the role.
type fake map[string][]string

func (f fake) Authorize(_ context.Context, addr sdk.AccAddress, role string) (string, error) {
	held, ok := f[string(addr)]
	if !ok {
		return "", errNotMember
	}
	for _, r := range held {
		if r == role {
			return "agency-" + role, nil
		}
	}
	return "", errNoRole
}

func TestAnyOf(t *testing.T) {
	ctx := context.Background()
	a := fake{"inspector": {"haccp.inspector"}, "both": {"haccp.certifier", "haccp.inspector"}}

	got, err := roles.AnyOf(ctx, a, sdk.AccAddress("inspector"), "haccp.certifier", "haccp.inspector")
	if err != nil || got != "agency-haccp.inspector" {
		t.Fatalf("second role held: %q, %v", got, err)
	}
	got, err = roles.AnyOf(ctx, a, sdk.AccAddress("both"), "haccp.certifier", "haccp.inspector")
	if err != nil || got != "agency-haccp.certifier" {
		t.Fatalf("both held: %q, %v; want the first role's agency", got, err)
	}
	_, err = roles.AnyOf(ctx, a, sdk.AccAddress("stranger"), "haccp.certifier", "haccp.inspector")
	if !errors.Is(err, errNotMember) || !strings.Contains(err.Error(), "none of the roles haccp.certifier, haccp.inspector") {
		t.Fatalf("stranger: %v; want errNotMember naming both roles", err)
	}
	_, err = roles.AnyOf(ctx, fake{"x": nil}, sdk.AccAddress("x"), "a.b")
	if !errors.Is(err, errNoRole) {
		t.Fatalf("member without the role: %v; want the first role's error", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("AnyOf with no roles must panic (a programming error)")
		}
	}()
	_, _ = roles.AnyOf(ctx, a, sdk.AccAddress("both"))
}

func TestOwned(t *testing.T) {
	ctx := context.Background()
	errWrong := errorsmod.Register("rolestest", 4, "wrong agency")
	a := fake{"issuer": {"voucher.issuer"}}

	got, err := roles.Owned(ctx, a, sdk.AccAddress("issuer"), "voucher.issuer", "agency-voucher.issuer", errWrong, "program 3")
	if err != nil || got != "agency-voucher.issuer" {
		t.Fatalf("own record: %q, %v", got, err)
	}
	_, err = roles.Owned(ctx, a, sdk.AccAddress("issuer"), "voucher.issuer", "busan", errWrong, "program 3")
	want := `signer acts as voucher.issuer for agency "agency-voucher.issuer" but program 3 belongs to agency "busan"`
	if !errors.Is(err, errWrong) || !strings.Contains(err.Error(), want) {
		t.Fatalf("another agency's record: %v; want errWrong with %q", err, want)
	}
	_, err = roles.Owned(ctx, a, sdk.AccAddress("stranger"), "voucher.issuer", "busan", errWrong, "program 3")
	if !errors.Is(err, errNotMember) || errors.Is(err, errWrong) {
		t.Fatalf("not a member: %v; want x/agency's refusal as it is", err)
	}
}

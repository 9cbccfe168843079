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

package keeper

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	tollkeeper "github.com/civicchain/civic/x/toll/keeper"
	tolltypes "github.com/civicchain/civic/x/toll/types"
)

// TollFixture is a real x/toll keeper wired, as in the app, to real x/agency,
// x/auth and x/bank keepers on one in-memory multistore.
type TollFixture struct {
	Keeper  tollkeeper.Keeper
	Agency  agencykeeper.Keeper
	Bank    bankkeeper.BaseKeeper
	Account authkeeper.AccountKeeper
	Ctx     sdk.Context
}

// TollKeeper builds a TollFixture (a NewFixture): the agency role catalog is
// tolltypes.Roles(), x/toll starts from its default genesis (period 1 OPEN at
// BlockTime), and the context is at BlockTime. Fund accounts with Fund; register
// agencies and members with RegisterTestAgency and AddTestMember.
func TollKeeper(t testing.TB) TollFixture {
	t.Helper()
	f := NewFixture(t, WithRoles(tolltypes.Roles()...))
	return TollFixture{Keeper: f.Toll, Agency: f.Agency, Bank: f.Bank, Account: f.Account, Ctx: f.Ctx}
}

// Fund mints amount of denom to addr (through the mint module account).
func (f TollFixture) Fund(t testing.TB, addr sdk.AccAddress, denom string, amount uint64) {
	t.Helper()
	mint(t, f.Ctx, f.Bank, addr, denom, amount)
}

// Balance is addr's balance of denom.
func (f TollFixture) Balance(addr sdk.AccAddress, denom string) uint64 {
	return balance(f.Ctx, f.Bank, addr, denom)
}

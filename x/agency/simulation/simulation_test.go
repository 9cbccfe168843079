package simulation_test

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/agency/types"
)

var catalog = []types.RoleDefinition{
	{Name: "evidence.custodian", Module: "digitalevidence"},
	{Name: "evidence.investigator", Module: "digitalevidence"},
	{Name: "haccp.certifier", Module: "haccp"},
	{Name: "water.operator", Module: "water"},
}

func TestRandomGenesisIsValid(t *testing.T) {
	for _, numAccounts := range []int{0, 1, 2, 3, 5, 20, 100} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE
				r := rand.New(rand.NewSource(seed))
				accs := simtypes.RandomAccounts(r, numAccounts)
				k, ctx := testkeeper.AgencyKeeper(t, catalog...)

				// ACT
				gs := simulation.RandomGenesis(r, accs, catalog, testkeeper.BlockTime, types.DefaultParams())

				// ASSERT: it validates, imports (roles in the catalog) and keeps the invariants.
				require.NoError(t, gs.Validate())
				require.NoError(t, k.InitGenesis(ctx, gs))
				require.NoError(t, k.CheckInvariants(ctx))
				if numAccounts < 4 {
					return
				}
				require.NotEmpty(t, gs.Agencies)
				first := gs.Agencies[0]
				require.Equal(t, types.AgencyStatusActive, first.Status)
				require.Len(t, first.Roles, len(catalog), "the first agency holds the whole catalog")
				for _, role := range first.Roles {
					agencyID, err := authorizedSomewhere(ctx, k, gs, role)
					require.NoError(t, err, "role %s", role)
					require.Equal(t, first.Id, agencyID)
				}
			})
		}
	}
}

// authorizedSomewhere returns the agency of the first member of the first agency that may use role.
func authorizedSomewhere(ctx context.Context, k keeper.Keeper, gs *types.GenesisState, role string) (string, error) {
	var err error
	for _, m := range gs.Members {
		if m.AgencyId != gs.Agencies[0].Id {
			continue
		}
		var id string
		if id, err = k.Authorize(ctx, sdk.MustAccAddressFromBech32(m.Address), role); err == nil {
			return id, nil
		}
	}
	return "", err
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against a keeper seeded
// with the random genesis and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), and each
// factory must have built some.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(7))
	accs := simtypes.RandomAccounts(r, 60)
	k, ctx := testkeeper.AgencyKeeper(t, catalog...)
	require.NoError(t, k.InitGenesis(ctx, simulation.RandomGenesis(r, accs, catalog, testkeeper.BlockTime, types.DefaultParams())))
	msgs := keeper.NewMsgServerImpl(k)
	factories := []simsx.SimMsgFactoryX{
		simulation.MsgAddMemberFactory(k),
		simulation.MsgSetMemberRolesFactory(k),
		simulation.MsgRemoveMemberFactory(k),
		simulation.MsgTransferAdminFactory(k),
		simulation.MsgAcceptMembershipFactory(k),
		simulation.MsgDeclineMembershipFactory(k),
		simulation.MsgWithdrawMembershipOfferFactory(k),
		simulation.MsgAcceptAdminFactory(k),
		simulation.MsgCancelAdminTransferFactory(k),
		simulation.MsgRegisterAgencyFactory(k),
		simulation.MsgSetAgencyStatusFactory(k),
		simulation.MsgSetAgencyRolesFactory(k),
		simulation.MsgUpdateParamsFactory(k),
	}
	delivered := make(map[string]int)

	// ACT
	for i := 0; i < 2000; i++ {
		f := factories[r.Intn(len(factories))]
		if i%50 == 0 {
			ctx = ctx.WithBlockTime(ctx.BlockTime().Add(6 * time.Hour))
		}
		testData := simsx.NewChainDataSource(ctx, r, moduleAccounts{}, noBalances{}, k.AddressCodec(), accs...)
		reporter := simsx.NewBasicSimulationReporter().WithScope(f.MsgType())
		signers, msg := f.Create()(ctx, testData, reporter)
		if reporter.IsSkipped() {
			require.NotEmpty(t, reporter.Comment(), "a skip says why")
			continue
		}
		// ASSERT
		require.NoError(t, deliver(ctx, msgs, msg), "%T %v", msg, msg)
		if isAccountMsg(msg) {
			require.Len(t, signers, 1)
		}
		delivered[sdk.MsgTypeURL(msg)]++
		require.NoError(t, k.CheckInvariants(ctx), "after %T", msg)
	}
	for _, f := range factories {
		require.Positive(t, delivered[sdk.MsgTypeURL(f.MsgType())], "%s never delivered", sdk.MsgTypeURL(f.MsgType()))
	}
	t.Logf("delivered: %v", delivered)
}

func deliver(ctx context.Context, m types.MsgServer, msg sdk.Msg) error {
	var err error
	switch msg := msg.(type) {
	case *types.MsgAddMember:
		_, err = m.AddMember(ctx, msg)
	case *types.MsgSetMemberRoles:
		_, err = m.SetMemberRoles(ctx, msg)
	case *types.MsgRemoveMember:
		_, err = m.RemoveMember(ctx, msg)
	case *types.MsgTransferAdmin:
		_, err = m.TransferAdmin(ctx, msg)
	case *types.MsgAcceptMembership:
		_, err = m.AcceptMembership(ctx, msg)
	case *types.MsgDeclineMembership:
		_, err = m.DeclineMembership(ctx, msg)
	case *types.MsgWithdrawMembershipOffer:
		_, err = m.WithdrawMembershipOffer(ctx, msg)
	case *types.MsgAcceptAdmin:
		_, err = m.AcceptAdmin(ctx, msg)
	case *types.MsgCancelAdminTransfer:
		_, err = m.CancelAdminTransfer(ctx, msg)
	case *types.MsgRegisterAgency:
		_, err = m.RegisterAgency(ctx, msg)
	case *types.MsgSetAgencyStatus:
		_, err = m.SetAgencyStatus(ctx, msg)
	case *types.MsgSetAgencyRoles:
		_, err = m.SetAgencyRoles(ctx, msg)
	case *types.MsgUpdateParams:
		_, err = m.UpdateParams(ctx, msg)
	default:
		err = fmt.Errorf("unexpected %T", msg)
	}
	return err
}

func isAccountMsg(msg sdk.Msg) bool {
	switch msg.(type) {
	case *types.MsgAddMember, *types.MsgSetMemberRoles, *types.MsgRemoveMember, *types.MsgTransferAdmin,
		*types.MsgAcceptMembership, *types.MsgDeclineMembership, *types.MsgWithdrawMembershipOffer,
		*types.MsgAcceptAdmin, *types.MsgCancelAdminTransfer:
		return true
	}
	return false
}

type moduleAccounts struct{}

func (moduleAccounts) GetModuleAddress(name string) sdk.AccAddress {
	return authtypes.NewModuleAddress(name)
}

type noBalances struct{}

func (noBalances) SpendableCoins(context.Context, sdk.AccAddress) sdk.Coins { return nil }
func (noBalances) IsSendEnabledDenom(context.Context, string) bool          { return true }

package simulation_test

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
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
				// Four eyes: every role of an agency is held by two of its members (by its
				// only member when it has one); the first agency has two members at least
				// when half the accounts (those the genesis may affiliate) leave room.
				for _, a := range gs.Agencies {
					members, holders := 0, make(map[string]int)
					for _, m := range gs.Members {
						if m.AgencyId == a.Id {
							members++
							for _, role := range m.Roles {
								holders[role]++
							}
						}
					}
					if a.Id == first.Id && numAccounts >= 20 {
						require.GreaterOrEqual(t, members, 2, "members of the first agency")
					}
					if members == 0 {
						continue
					}
					for _, role := range a.Roles {
						require.GreaterOrEqual(t, holders[role], min(2, members), "holders of %s in %s", role, a.Id)
					}
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
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return isim.NewTestData(ctx, r, k.AddressCodec(), accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
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
		},
	}

	// ACT
	for i := 0; i < 2000; i++ {
		n := r.Intn(len(run.Factories))
		if i%50 == 0 {
			ctx = ctx.WithBlockTime(ctx.BlockTime().Add(6 * time.Hour))
		}
		// ASSERT: every message built is accepted (Op).
		signers, msg := run.Op(t, ctx, n)
		if msg == nil {
			continue
		}
		if isAccountMsg(msg) {
			require.Len(t, signers, 1)
		}
		require.NoError(t, k.CheckInvariants(ctx), "after %T", msg)
	}
	run.RequireAllDelivered(t)
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

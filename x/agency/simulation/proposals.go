package simulation

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

// Governance proposal weights: the AppParams keys and their defaults. x/gov's simulation
// submits a proposal for each payload with weight/25, so a weight under 25 never runs.
const (
	OpWeightMsgRegisterAgency  = "op_weight_msg_register_agency"
	OpWeightMsgSetAgencyStatus = "op_weight_msg_set_agency_status"
	OpWeightMsgSetAgencyRoles  = "op_weight_msg_set_agency_roles"
	OpWeightMsgUpdateParams    = "op_weight_msg_agency_update_params"

	DefaultWeightMsgRegisterAgency  = 100
	DefaultWeightMsgSetAgencyStatus = 50
	DefaultWeightMsgSetAgencyRoles  = 50
	DefaultWeightMsgUpdateParams    = 25
)

// The governance factories build the payload of a proposal (signer: the x/gov authority).
// The proposal runs when it passes, blocks later, so the payload may no longer fit the
// state by then; a failed proposal does not fail the simulation.

// MsgRegisterAgencyFactory onboards a new agency whose admin is a free simulation account,
// with a random set of roles from the catalog.
func MsgRegisterAgencyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterAgency] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterAgency) {
		r := testData.Rand()
		id := fmt.Sprintf("sim-g%08x", r.Uint32())
		if has, err := k.Agencies.Has(ctx, id); err != nil || has {
			reporter.Skipf("agency id %q is taken", id)
			return nil, nil
		}
		admin, ok := freeAccount(ctx, k, testData, reporter)
		if !ok {
			reporter.Skip("no simulation account is free to become an admin")
			return nil, nil
		}
		return nil, &types.MsgRegisterAgency{
			Authority: k.GetAuthority(),
			Id:        id,
			Name:      "Simulated agency",
			Admin:     admin.AddressBech32,
			Roles:     shuffledSubset(r, catalogNames(k)),
		}
	}
}

// MsgSetAgencyStatusFactory suspends, restores or (rarely) retires an agency.
func MsgSetAgencyStatusFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetAgencyStatus] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetAgencyStatus) {
		r := testData.Rand()
		agency, reason := liveAgency(ctx, k, testData)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		to := types.AgencyStatusSuspended
		if agency.Status == types.AgencyStatusSuspended {
			to = types.AgencyStatusActive
		}
		if r.Intn(10) == 0 {
			to = types.AgencyStatusRetired
		}
		return nil, &types.MsgSetAgencyStatus{
			Authority: k.GetAuthority(), AgencyId: agency.Id, Status: to, Reason: "simulated governance decision",
		}
	}
}

// MsgSetAgencyRolesFactory replaces an agency's roles with a random set from the catalog.
func MsgSetAgencyRolesFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetAgencyRoles] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetAgencyRoles) {
		agency, reason := liveAgency(ctx, k, testData)
		if reason != "" {
			reporter.Skip(reason)
			return nil, nil
		}
		return nil, &types.MsgSetAgencyRoles{
			Authority: k.GetAuthority(), AgencyId: agency.Id, Roles: shuffledSubset(testData.Rand(), catalogNames(k)),
		}
	}
}

// MsgUpdateParamsFactory sets a random max_members_per_agency, offer_ttl_seconds and
// max_pending_offers_per_agency.
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return simulation.Proposal(func(_ context.Context, r *simsx.XRand) *types.MsgUpdateParams {
		params := types.Params{
			MaxMembersPerAgency:       r.Uint32InRange(minMaxMembersRandom, maxMaxMembersRandom+1),
			OfferTtlSeconds:           uint64(r.Uint32InRange(uint32(types.MinOfferTTLSeconds), uint32(types.MaxOfferTTLSeconds)+1)),
			MaxPendingOffersPerAgency: r.Uint32InRange(1, types.MaxPendingOffersPerAgencyLimit+1),
		}
		return &types.MsgUpdateParams{Authority: k.GetAuthority(), Params: params}
	})
}

// liveAgency picks a random agency that is not RETIRED.
func liveAgency(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource) (types.Agency, string) {
	var candidates []types.Agency
	err := k.Agencies.Walk(ctx, nil, func(_ string, a types.Agency) (bool, error) {
		if a.Status != types.AgencyStatusRetired {
			candidates = append(candidates, a)
		}
		return false, nil
	})
	if err != nil {
		return types.Agency{}, err.Error()
	}
	if len(candidates) == 0 {
		return types.Agency{}, "every agency is RETIRED"
	}
	return simsx.OneOf(testData.Rand(), candidates), ""
}

func catalogNames(k keeper.Keeper) []string {
	catalog := k.RoleCatalog()
	names := make([]string, len(catalog))
	for i, d := range catalog {
		names[i] = d.Name
	}
	return names
}

package simulation_test

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/cosmos/gogoproto/grpc"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/simulation"
	"github.com/civicchain/civic/x/water/types"
)

// roles is the catalog of the simulation's agencies: water's roles, and x/disaster's
// coordinator, who may link alerts too.
func roles() []agencytypes.RoleDefinition {
	return append(types.Roles(), disastertypes.Roles()...)
}

// chain is x/agency, x/disaster and this module on one store, seeded with the random
// geneses of x/agency and this module.
type chain struct {
	f    *testkeeper.Fixture
	accs []simtypes.Account
}

func newChain(t *testing.T, r *rand.Rand, numAccounts int) (*chain, *types.GenesisState) {
	t.Helper()
	f := testkeeper.NewFixture(t, testkeeper.WithRoles(roles()...))
	accs, ags := testkeeper.SimAgencies(t, r, f.Agency, f.Ctx, numAccounts, roles())
	gs := simulation.RandomGenesis(r, accs, ags, testkeeper.BlockTime, simulation.RandomParams(r))
	require.NoError(t, f.Water.InitGenesis(f.Ctx, gs))
	return &chain{f: f, accs: accs}, gs
}

func (c *chain) export(t *testing.T) *types.GenesisState {
	t.Helper()
	gs, err := c.f.Water.ExportGenesis(c.f.Ctx)
	require.NoError(t, err)
	return gs
}

func TestRandomGenesisIsValid(t *testing.T) {
	withSensors := 0
	for _, numAccounts := range []int{0, 2, 5, 40} {
		for seed := int64(0); seed < 10; seed++ {
			t.Run(fmt.Sprintf("accounts=%d/seed=%d", numAccounts, seed), func(t *testing.T) {
				// ARRANGE, ACT: both geneses imported (InitGenesis validates).
				c, gs := newChain(t, rand.New(rand.NewSource(seed)), numAccounts)

				// ASSERT: exported as generated, invariants hold; every site registered by a
				// water.operator of its agency; every sensor a key of no agency.
				require.Equal(t, gs, c.export(t))
				require.NoError(t, c.f.Water.CheckInvariants(c.f.Ctx))
				for _, site := range gs.Sites {
					id, err := c.f.Agency.Authorize(c.f.Ctx, sdk.MustAccAddressFromBech32(site.RegisteredBy), types.RoleOperator)
					require.NoError(t, err)
					require.Equal(t, site.AgencyId, id)
				}
				for _, s := range gs.Sensors {
					agency, err := c.f.Agency.Affiliation(c.f.Ctx, sdk.MustAccAddressFromBech32(s.Address))
					require.NoError(t, err)
					require.Empty(t, agency, "sensor %s", s.Address)
					require.True(t, s.Calibration.DueAt.After(testkeeper.BlockTime))
				}
				require.Equal(t, types.DefaultThresholds(), gs.Thresholds)
				require.NoError(t, gs.Params.Validate())
				if len(gs.Sensors) > 0 {
					withSensors++
				}
			})
		}
	}
	require.Positive(t, withSensors, "some seeds give a genesis with sensors")
}

// addAgencies registers, from simulation accounts that are in no agency, an agency
// holding water.operator (admin and one operator), one holding water.regulator and one
// holding disaster.coordinator, so that every message has a signer whatever the random
// genesis gave; the other free accounts stay free to become sensors.
func (c *chain) addAgencies(t *testing.T) {
	t.Helper()
	var free []sdk.AccAddress
	for _, a := range c.accs {
		agency, err := c.f.Agency.Affiliation(c.f.Ctx, a.Address)
		require.NoError(t, err)
		sensor, err := c.f.Water.Sensors.Has(c.f.Ctx, a.Address)
		require.NoError(t, err)
		if agency == "" && !sensor {
			free = append(free, a.Address)
		}
	}
	require.GreaterOrEqual(t, len(free), 12, "free simulation accounts")
	ak, ctx := c.f.Agency, c.f.Ctx
	testkeeper.RegisterTestAgency(t, ak, ctx, "sim-water", free[0], types.RoleOperator)
	testkeeper.AddTestMember(t, ak, ctx, "sim-water", free[0], free[1], types.RoleOperator)
	testkeeper.RegisterTestAgency(t, ak, ctx, "sim-regulator", free[2], types.RoleRegulator)
	testkeeper.AddTestMember(t, ak, ctx, "sim-regulator", free[2], free[3], types.RoleRegulator)
	testkeeper.RegisterTestAgency(t, ak, ctx, "sim-safety", free[4], disastertypes.RoleCoordinator)
	testkeeper.AddTestMember(t, ak, ctx, "sim-safety", free[4], free[5], disastertypes.RoleCoordinator)
}

// declareIncidents stores x/disaster incidents covering half of Busan's districts,
// one CLOSED (SiteSummary does not list it, so nothing links to it).
func (c *chain) declareIncidents(t *testing.T) {
	t.Helper()
	now := c.f.Ctx.BlockTime()
	for i, inc := range []disastertypes.Incident{
		{Type: disastertypes.IncidentTypeTyphoon, AffectedDistricts: []string{"26110", "26140", "26170", "26200", "26230"}, Status: disastertypes.IncidentStatusDeclared},
		{Type: disastertypes.IncidentTypeFlood, AffectedDistricts: []string{"26230", "26260", "26290", "26320"}, Status: disastertypes.IncidentStatusResponding},
		{Type: disastertypes.IncidentTypeWaterContamination, AffectedDistricts: []string{"26350", "26380", "26410", "26440", "26470", "26500", "26530", "26710"}, Status: disastertypes.IncidentStatusClosed, ClosedAt: now},
	} {
		inc.Id, inc.AgencyId, inc.Severity = uint64(i+1), "sim-safety", disastertypes.SeverityAlert
		inc.DescriptionDigest = fmt.Sprintf("%064x", i+1)
		inc.DeclaredBy, inc.DeclaredAt, inc.UpdatedAt, inc.Revision = c.accs[0].Address.String(), now, now, 1
		require.NoError(t, c.f.Disaster.Incidents.Set(c.f.Ctx, inc.Id, inc))
	}
}

// TestFactoriesBuildAcceptedMessages runs the factories many times against keepers seeded
// with the random geneses and delivers every message they build through the Msg service:
// each must be accepted (the simulation fails on a delivered message that fails), the
// invariants must hold, and every factory must have built some, so that
// alerts travel OPEN -> ACKNOWLEDGED -> RESOLVED and get linked to incidents.
func TestFactoriesBuildAcceptedMessages(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(13))
	c, _ := newChain(t, r, 60)
	c.addAgencies(t)
	c.declareIncidents(t)
	k := c.f.Water
	run := &testkeeper.FactoryRun{
		Router: isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) }),
		Data: func(ctx sdk.Context) *simsx.ChainDataSource {
			return isim.NewTestData(ctx, r, k.AddressCodec(), c.accs...)
		},
		Factories: []simsx.SimMsgFactoryX{
			simulation.MsgRegisterSiteFactory(k),
			simulation.MsgDecommissionSiteFactory(k),
			simulation.MsgRegisterSensorFactory(k),
			simulation.MsgRecordCalibrationFactory(k),
			simulation.MsgSetSensorStatusFactory(k),
			simulation.MsgSetThresholdFactory(k),
			simulation.MsgSetOperationalBandFactory(k),
			simulation.MsgClearOperationalBandFactory(k),
			simulation.MsgSubmitReadingFactory(k),
			simulation.MsgSubmitBatchFactory(k),
			simulation.MsgAcknowledgeAlertFactory(k),
			simulation.MsgResolveAlertFactory(k),
			simulation.MsgLinkAlertFactory(k),
			simulation.MsgUpdateParamsFactory(k),
			simulation.MsgSetThresholdGovFactory(k),
		},
	}
	// Weights as the simulation's, the governance payloads rare, decommissioning
	// rarer still so that sites keep their sensors.
	weights := []int{15, 1, 25, 15, 8, 4, 8, 3, 100, 40, 25, 25, 10, 2, 2}
	require.Len(t, weights, len(run.Factories))
	var pick []int
	for i, w := range weights {
		pick = append(pick, slices.Repeat([]int{i}, w)...)
	}

	// ACT
	for i := 0; i < 3000; i++ {
		if i%40 == 0 {
			c.f.Ctx = c.f.Ctx.WithBlockTime(c.f.Ctx.BlockTime().Add(time.Duration(5+r.Intn(25)) * time.Minute))
		}
		// ASSERT: every message built is accepted (Op), signed by one account (a
		// registration by the operator and the sensor; a governance payload by none).
		signers, msg := run.Op(t, c.f.Ctx, pick[r.Intn(len(pick))])
		switch m := msg.(type) {
		case nil:
		case *types.MsgUpdateParams:
			require.Empty(t, signers)
		case *types.MsgRegisterSensor:
			require.Equal(t, []string{m.Signer, m.Sensor}, []string{signers[0].AddressBech32, signers[1].AddressBech32})
		default:
			if isGovThreshold(k, msg) {
				require.Empty(t, signers)
				continue
			}
			require.Len(t, signers, 1, "%T", msg)
		}
	}

	// ASSERT: the invariants hold, and every factory delivered.
	require.NoError(t, k.CheckInvariants(c.f.Ctx))
	alerts := c.export(t).Alerts
	statuses := map[types.AlertStatus]int{}
	linked := 0
	for _, a := range alerts {
		statuses[a.Status]++
		if a.IncidentId != 0 {
			linked++
			require.Contains(t, []uint64{1, 2}, a.IncidentId, "never the CLOSED incident")
		}
	}
	t.Logf("alerts by status: %v, linked: %d", statuses, linked)
	require.Positive(t, statuses[types.AlertResolved])
	run.RequireAllDelivered(t)
}

// isGovThreshold reports whether msg is a SetThreshold signed by the x/gov authority.
func isGovThreshold(k keeper.Keeper, msg sdk.Msg) bool {
	m, ok := msg.(*types.MsgSetThreshold)
	return ok && m.Signer == k.GetAuthority()
}

func TestGovThresholdPayloadIsAccepted(t *testing.T) {
	// ARRANGE
	r := rand.New(rand.NewSource(3))
	c, _ := newChain(t, r, 10)
	k := c.f.Water
	router := isim.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	data := isim.NewTestData(c.f.Ctx, r, k.AddressCodec(), c.accs...)

	for i := 0; i < 20; i++ {
		// ACT
		reporter := simsx.NewBasicSimulationReporter()
		_, msg := simulation.MsgSetThresholdGovFactory(k)(c.f.Ctx, data, reporter)

		// ASSERT: the authority's payload takes effect at least sixty days from now, and
		// the Msg service takes it.
		require.False(t, reporter.IsSkipped(), reporter.Comment())
		require.Equal(t, k.GetAuthority(), msg.Signer)
		require.True(t, msg.EffectiveFrom.After(c.f.Ctx.BlockTime().Add(60*24*time.Hour)))
		require.NoError(t, isim.Deliver(c.f.Ctx, router, msg))
	}
}

package keeper

import (
	"math/rand"
	"testing"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	isim "github.com/civicchain/civic/internal/simulation"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// SimAgencies imports x/agency's random genesis into ak: numAccounts random simulation
// accounts, agencies holding roles (a module's role catalog) and the default params. A
// module's simulation tests seed their own random genesis on top of it.
func SimAgencies(t testing.TB, r *rand.Rand, ak agencykeeper.Keeper, ctx sdk.Context, numAccounts int, roles []agencytypes.RoleDefinition) ([]simtypes.Account, *agencytypes.GenesisState) {
	t.Helper()
	accs := simtypes.RandomAccounts(r, numAccounts)
	gs := agencysim.RandomGenesis(r, accs, roles, BlockTime, agencytypes.DefaultParams())
	if err := ak.InitGenesis(ctx, gs); err != nil {
		t.Fatalf("agency genesis: %v", err)
	}
	return accs, gs
}

// SimChain is x/agency and one module's keeper K on one store, seeded with random
// geneses (SimAgencies and the module's own), for the module's simulation tests.
type SimChain[K any] struct {
	Ctx    sdk.Context
	K      K
	Agency agencykeeper.Keeper
	Accs   []simtypes.Account
}

// FactoryRun runs simulation message factories one operation at a time, as the
// simulation does, and delivers every message they build through Router: each must be
// accepted (the simulation fails on a delivered message that fails) and every skip must
// say why. It counts what each factory delivered for RequireAllDelivered.
type FactoryRun struct {
	Router    baseapp.MessageRouter
	Factories []simsx.SimMsgFactoryX
	// Names name the factories in failures (default: the type URL of their message).
	Names []string
	// Data is the chain data source of an operation at ctx.
	Data func(ctx sdk.Context) *simsx.ChainDataSource

	delivered map[int]int
	lastSkip  map[int]string
}

// Build runs factory i once at ctx and returns what it built, with skip set to the
// reason when it skipped (it fails the test on a skip without a reason). It delivers
// nothing, so that a test can check a message that must not be delivered.
func (run *FactoryRun) Build(t testing.TB, ctx sdk.Context, i int) (signers []simsx.SimAccount, msg sdk.Msg, skip string) {
	t.Helper()
	f := run.Factories[i]
	reporter := simsx.NewBasicSimulationReporter().WithScope(f.MsgType())
	signers, msg = f.Create()(ctx, run.Data(ctx), reporter)
	if !reporter.IsSkipped() {
		return signers, msg, ""
	}
	if reporter.Comment() == "" {
		t.Fatalf("%s: a skip says why", run.name(i))
	}
	if run.lastSkip == nil {
		run.lastSkip = make(map[int]string)
	}
	run.lastSkip[i] = reporter.Comment()
	return nil, nil, reporter.Comment()
}

// Op runs factory i once at ctx and delivers the message it built, which must be
// accepted. It returns the signers and the message delivered, or a nil message when the
// factory skipped.
func (run *FactoryRun) Op(t testing.TB, ctx sdk.Context, i int) ([]simsx.SimAccount, sdk.Msg) {
	t.Helper()
	signers, msg, skip := run.Build(t, ctx, i)
	if skip != "" {
		return nil, nil
	}
	if err := isim.Deliver(ctx, run.Router, msg); err != nil {
		t.Fatalf("%s: %T %v: %v", run.name(i), msg, msg, err)
	}
	if run.delivered == nil {
		run.delivered = make(map[int]int)
	}
	run.delivered[i]++
	return signers, msg
}

// RequireAllDelivered fails unless every factory delivered some message; it logs what
// each delivered.
func (run *FactoryRun) RequireAllDelivered(t testing.TB) {
	t.Helper()
	counts := make(map[string]int)
	for i := range run.Factories {
		counts[run.name(i)] = run.delivered[i]
	}
	t.Logf("delivered: %v", counts)
	for i := range run.Factories {
		if run.delivered[i] == 0 {
			t.Errorf("%s never delivered (last skip: %s)", run.name(i), run.lastSkip[i])
		}
	}
}

func (run *FactoryRun) name(i int) string {
	if i < len(run.Names) {
		return run.Names[i]
	}
	return sdk.MsgTypeURL(run.Factories[i].MsgType())
}

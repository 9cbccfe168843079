package simulation

import (
	"context"
	"encoding/hex"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// Module is what every civic module is to the simulation: the SDK's AppModuleSimulation
// (random genesis and store decoder, from modulebase.Base) and simsx's weighted operations
// and proposal messages (the module's module_simulation.go: one table of Op each, handed
// to Register).
type Module interface {
	module.AppModuleSimulation
	simsx.HasWeightedOperationsX
	simsx.HasProposalMsgsX
}

// Op is one weighted operation of a module: the AppParams key of its weight (a params file,
// -Params, may set it), the weight used when it does not, and the message factory.
type Op struct {
	WeightKey     string
	DefaultWeight uint32
	Factory       simsx.SimMsgFactoryX
}

// Register adds every op of a module's table to reg, in order, with the weight weights
// gives its key.
func Register(weights simsx.WeightSource, reg simsx.Registry, ops []Op) {
	for _, op := range ops {
		reg.Add(weights.Get(op.WeightKey, op.DefaultWeight), op.Factory)
	}
}

// Proposal returns the factory of a governance proposal payload that build draws from the
// operation's randomness. A payload has no signer of its own: x/gov's authority signs it.
func Proposal[M sdk.Msg](build func(ctx context.Context, r *simsx.XRand) M) simsx.SimMsgFactoryFn[M] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, _ simsx.SimulationReporter) ([]simsx.SimAccount, M) {
		return nil, build(ctx, testData.Rand())
	}
}

// Param sets a module param of the random genesis: to the value of key in the simulation's
// params file when it has one, else to drawn.
func Param[T any](simState *module.SimulationState, key string, field *T, drawn T) {
	simState.AppParams.GetOrGenerate(key, field, simState.Rand, func(*rand.Rand) { *field = drawn })
}

// RandomDigest is a random SHA-256-shaped digest (64 lowercase hex characters), for the
// digests random genesis and messages carry in place of documents.
func RandomDigest(r *rand.Rand) string {
	b := make([]byte, 32)
	_, _ = r.Read(b) // math/rand.Read never fails
	return hex.EncodeToString(b)
}

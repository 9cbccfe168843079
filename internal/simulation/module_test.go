package simulation_test

import (
	"context"
	"math/rand"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/civicchain/civic/internal/simulation"
)

type added struct {
	weight  uint32
	msgType string
}

// registry records what Register adds.
type registry []added

func (r *registry) Add(weight uint32, f simsx.SimMsgFactoryX) {
	*r = append(*r, added{weight, sdk.MsgTypeURL(f.MsgType())})
}

func TestRegisterUsesTheParamsWeightElseTheDefault(t *testing.T) {
	send := simsx.SimMsgFactoryFn[*banktypes.MsgSend](func(context.Context, *simsx.ChainDataSource, simsx.SimulationReporter) ([]simsx.SimAccount, *banktypes.MsgSend) {
		return nil, nil
	})
	multi := simsx.SimMsgFactoryFn[*banktypes.MsgMultiSend](func(context.Context, *simsx.ChainDataSource, simsx.SimulationReporter) ([]simsx.SimAccount, *banktypes.MsgMultiSend) {
		return nil, nil
	})
	weights := simsx.WeightSourceFn(func(name string, def uint32) uint32 {
		if name == "op_weight_msg_send" {
			return 7
		}
		return def
	})
	var reg registry
	simulation.Register(weights, &reg, []simulation.Op{
		{WeightKey: "op_weight_msg_send", DefaultWeight: 40, Factory: send},
		{WeightKey: "op_weight_msg_multi_send", DefaultWeight: 25, Factory: multi},
	})
	require.Equal(t, registry{{7, "/cosmos.bank.v1beta1.MsgSend"}, {25, "/cosmos.bank.v1beta1.MsgMultiSend"}}, reg, "in table order, the params file's weight first")
}

func TestProposalHasNoSignerAndDrawsFromTheOperation(t *testing.T) {
	f := newFixture(t)
	testData := simulation.NewTestData(f.ctx, rand.New(rand.NewSource(3)), addresscodec.NewBech32Codec("cosmos"), f.accs...)
	want := rand.New(rand.NewSource(3)).Int63()
	factory := simulation.Proposal(func(_ context.Context, r *simsx.XRand) *banktypes.MsgSend {
		return &banktypes.MsgSend{FromAddress: "authority", Amount: sdk.NewCoins(sdk.NewInt64Coin("stake", r.Int63()))}
	})
	signers, msg := factory(f.ctx, testData, simsx.NewBasicSimulationReporter())
	require.Nil(t, signers, "x/gov's authority signs a payload")
	require.Equal(t, want, msg.Amount[0].Amount.Int64())
}

func TestParamTakesTheParamsFileElseTheDrawnValue(t *testing.T) {
	simState := &module.SimulationState{AppParams: simtypes.AppParams{"max_items": []byte("12")}, Rand: rand.New(rand.NewSource(1))}
	var set, drawn uint32
	simulation.Param(simState, "max_items", &set, 99)
	simulation.Param(simState, "max_other", &drawn, 99)
	require.Equal(t, uint32(12), set)
	require.Equal(t, uint32(99), drawn)
}

func TestRandomDigestIsSha256Shaped(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	a, b := simulation.RandomDigest(r), simulation.RandomDigest(r)
	require.Regexp(t, regexp.MustCompile(`^[0-9a-f]{64}$`), a)
	require.NotEqual(t, a, b)
}

func TestFirstAcceptedTriesRecordsInTurn(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.accs[0].Address.String(), f.accs[1].Address.String(), f.accs[2].Address.String()
	f.server.mayNot[a] = true
	try := func(signers []string) ([]string, func(string) sdk.Msg) { return signers, send }

	reporter := simsx.NewBasicSimulationReporter()
	testData := simulation.NewTestData(f.ctx, f.r, addresscodec.NewBech32Codec("cosmos"), f.accs...)
	accs, msg := simulation.FirstAccepted[*banktypes.MsgSend](f.engine.Search(f.ctx, testData, reporter), [][]string{{a}, nil, {a, b}, {c}}, "none", try)
	require.Len(t, accs, 1)
	require.Equal(t, b, msg.FromAddress, "the first record's signer may not act, the second has none: the third's second signer")
	require.False(t, reporter.IsSkipped())

	reporter = simsx.NewBasicSimulationReporter()
	accs, msg = simulation.FirstAccepted[*banktypes.MsgSend](f.engine.Search(f.ctx, testData, reporter), nil, "no record", try)
	require.Nil(t, accs)
	require.Nil(t, msg)
	require.Equal(t, "no record", reporter.Comment())

	reporter = simsx.NewBasicSimulationReporter()
	_, msg = simulation.FirstAccepted[*banktypes.MsgSend](f.engine.Search(f.ctx, testData, reporter), [][]string{{a}}, "no record", try)
	require.Nil(t, msg)
	require.Equal(t, "no simulation account may send /cosmos.bank.v1beta1.MsgSend: may not act", reporter.Comment())
}

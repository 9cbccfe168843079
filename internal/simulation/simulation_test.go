package simulation_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	gogogrpc "github.com/cosmos/gogoproto/grpc"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/civicchain/civic/internal/simulation"
)

var (
	errMayNotAct = errors.New("may not act")
	errBroken    = errors.New("broken")
)

// bankServer is a Msg service for x/bank's MsgSend that records the senders it accepts,
// refuses the senders in mayNot as unable to act and those in broken otherwise.
type bankServer struct {
	banktypes.UnimplementedMsgServer
	key           *storetypes.KVStoreKey
	mayNot, broke map[string]bool
	calls         int
}

func (b *bankServer) Send(ctx context.Context, msg *banktypes.MsgSend) (*banktypes.MsgSendResponse, error) {
	b.calls++
	switch {
	case b.mayNot[msg.FromAddress]:
		return nil, fmt.Errorf("%s: %w", msg.FromAddress, errMayNotAct)
	case b.broke[msg.FromAddress]:
		return nil, errBroken
	}
	sdk.UnwrapSDKContext(ctx).KVStore(b.key).Set([]byte(msg.FromAddress), []byte{1})
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent("sent"))
	return &banktypes.MsgSendResponse{}, nil
}

type fixture struct {
	ctx    sdk.Context
	server *bankServer
	engine *simulation.Engine
	accs   []simtypes.Account
	r      *rand.Rand
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	key := storetypes.NewKVStoreKey("test")
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx
	server := &bankServer{key: key, mayNot: map[string]bool{}, broke: map[string]bool{}}
	router := simulation.NewRouter(banktypes.RegisterInterfaces, func(s gogogrpc.Server) { banktypes.RegisterMsgServer(s, server) })
	r := rand.New(rand.NewSource(1))
	return &fixture{
		ctx: ctx, server: server, engine: simulation.NewEngine(router, errMayNotAct),
		accs: simtypes.RandomAccounts(r, 5), r: r,
	}
}

func (f *fixture) search() *simulation.Search {
	testData := simulation.NewTestData(f.ctx, f.r, addresscodec.NewBech32Codec("cosmos"), f.accs...)
	return f.engine.Search(f.ctx, testData, simsx.NewBasicSimulationReporter())
}

func send(from string) sdk.Msg {
	return &banktypes.MsgSend{FromAddress: from, ToAddress: from, Amount: sdk.NewCoins(sdk.NewInt64Coin("stake", 1))}
}

func TestDeliverRoutesThroughTheMsgService(t *testing.T) {
	f := newFixture(t)
	from := f.accs[0].Address.String()
	router := simulation.NewRouter(banktypes.RegisterInterfaces, func(s gogogrpc.Server) { banktypes.RegisterMsgServer(s, f.server) })

	require.NoError(t, simulation.Deliver(f.ctx, router, send(from)))
	require.True(t, f.ctx.KVStore(f.server.key).Has([]byte(from)), "delivered for real")

	require.Equal(t, 1, f.server.calls)

	require.ErrorContains(t, simulation.Deliver(f.ctx, router, &stakingtypes.MsgDelegate{}), "no Msg service handles /cosmos.staking.v1beta1.MsgDelegate")
}

func TestDryRunWritesNothing(t *testing.T) {
	f := newFixture(t)
	s := f.search()
	from := f.accs[0].Address.String()

	require.NoError(t, s.DryRun(send(from)))
	require.False(t, f.ctx.KVStore(f.server.key).Has([]byte(from)), "the dry run wrote to the block state")
	require.Empty(t, f.ctx.EventManager().Events(), "an event escaped the dry run")
	require.NoError(t, s.LastErr())

	f.server.broke[from] = true
	require.ErrorIs(t, s.DryRun(send(from)), errBroken)
	require.ErrorIs(t, s.LastErr(), errBroken)
}

func TestDryRunsAreBounded(t *testing.T) {
	f := newFixture(t)
	f.engine = f.engine.WithMaxDryRuns(2)
	s := f.search()
	from := f.accs[0].Address.String()
	require.NoError(t, s.DryRun(send(from)))
	require.False(t, s.Exhausted())
	require.NoError(t, s.DryRun(send(from)))
	require.True(t, s.Exhausted())
	require.Error(t, s.DryRun(send(from)))
	require.Equal(t, 2, f.server.calls)
}

func TestTrySigners(t *testing.T) {
	addr := func(f *fixture, i int) string { return f.accs[i].Address.String() }
	cases := []struct {
		name       string
		mayNot     []int
		broke      []int
		wantSigner int // -1: none
		wantCalls  int
	}{
		{"first accepted", nil, nil, 0, 1},
		{"moves on past signers that may not act", []int{0, 1}, nil, 2, 3},
		{"stops at any other refusal", []int{0}, []int{1}, -1, 2},
		{"none may act", []int{0, 1, 2, 3, 4}, nil, -1, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			for _, i := range tc.mayNot {
				f.server.mayNot[addr(f, i)] = true
			}
			for _, i := range tc.broke {
				f.server.broke[addr(f, i)] = true
			}
			var candidates []string
			for i := range f.accs {
				candidates = append(candidates, addr(f, i))
			}
			s := f.search()
			signer, msg, ok := s.TrySigners(candidates, func(c string) sdk.Msg { return send(c) })
			require.Equal(t, tc.wantCalls, f.server.calls)
			if tc.wantSigner < 0 {
				require.False(t, ok)
				require.Nil(t, msg)
				accs, got := simulation.Done[*banktypes.MsgSend](s, signer, msg, ok, "")
				require.Nil(t, accs)
				require.Nil(t, got)
				return
			}
			require.True(t, ok)
			require.Equal(t, addr(f, tc.wantSigner), signer)
			accs, got := simulation.Done[*banktypes.MsgSend](s, signer, msg, ok, "")
			require.Len(t, accs, 1)
			require.Equal(t, signer, accs[0].AddressBech32)
			require.Equal(t, signer, got.FromAddress)
		})
	}
}

func TestTryMovesOnWhenRetryAllowsAndSkipsNilMessages(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.accs[0].Address.String(), f.accs[1].Address.String(), f.accs[2].Address.String()
	f.server.broke[b] = true
	s := f.search()
	anyRefusal := func(error) bool { return true }
	signer, _, ok := s.Try([]string{a, b, c}, anyRefusal, func(x string) sdk.Msg {
		if x == a {
			return nil
		}
		return send(x)
	})
	require.True(t, ok)
	require.Equal(t, c, signer)
	require.Equal(t, 2, f.server.calls)
}

func TestDoneSkipsSayWhy(t *testing.T) {
	f := newFixture(t)
	reporter := simsx.NewBasicSimulationReporter()
	testData := simulation.NewTestData(f.ctx, f.r, addresscodec.NewBech32Codec("cosmos"), f.accs...)
	s := f.engine.Search(f.ctx, testData, reporter)
	simulation.Done[*banktypes.MsgSend](s, "", nil, false, "nothing to send")
	require.True(t, reporter.IsSkipped())
	require.Equal(t, "nothing to send", reporter.Comment())

	reporter = simsx.NewBasicSimulationReporter()
	s = f.engine.Search(f.ctx, testData, reporter)
	f.server.mayNot[f.accs[0].Address.String()] = true
	require.Error(t, s.DryRun(send(f.accs[0].Address.String())))
	simulation.Done[*banktypes.MsgSend](s, "", nil, false, "")
	require.Equal(t, "no simulation account may send /cosmos.bank.v1beta1.MsgSend: may not act", reporter.Comment())
}

func TestSigners(t *testing.T) {
	f := newFixture(t)
	s := f.search()
	a, b := f.accs[3].Address.String(), f.accs[1].Address.String()
	stranger := sdk.AccAddress("stranger-address-000").String()

	require.Equal(t, []string{a, b}, s.Signers([]string{a, "", stranger, b, a}, false))
	all := s.Signers([]string{b}, true)
	require.Len(t, all, len(f.accs))
	require.Equal(t, b, all[0])
	require.NotEmpty(t, s.RandomAccount())
}

func TestSample(t *testing.T) {
	f := newFixture(t)
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(f.server.key))
	m := collections.NewMap(sb, collections.NewPrefix(1), "m", collections.Uint64Key, collections.Uint64Value)
	set := collections.NewKeySet(sb, collections.NewPrefix(2), "set", collections.Uint64Key)
	_, err := sb.Build()
	require.NoError(t, err)
	for i := uint64(0); i < 100; i++ {
		require.NoError(t, m.Set(f.ctx, i, i))
		require.NoError(t, set.Set(f.ctx, i))
	}
	s := f.search()
	even := func(v uint64) bool { return v%2 == 0 }

	got := simulation.Sample(s, m, nil, even)
	require.Len(t, got, simulation.MaxRecordTries)
	for _, v := range got {
		require.True(t, even(v))
	}
	require.Len(t, simulation.Sample(s, m, new(collections.Range[uint64]).StartInclusive(97), nil), 3)
	require.Len(t, simulation.SampleKeys(s, set, nil), simulation.MaxRecordTries)
	require.ElementsMatch(t, []uint64{3, 4}, simulation.SampleOf(s, []uint64{1, 2, 3, 4}, func(v uint64) bool { return v > 2 }))

	// Draws from the whole range, not only its first records.
	seen := map[uint64]bool{}
	for i := 0; i < 50; i++ {
		for _, v := range simulation.Sample(s, m, nil, nil) {
			seen[v] = true
		}
	}
	require.Greater(t, len(seen), 50)
}

func TestWithAnyRefusalMovesOnPastEveryRefusal(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.accs[0].Address.String(), f.accs[1].Address.String(), f.accs[2].Address.String()
	f.server.broke[a] = true
	f.server.mayNot[b] = true
	f.engine = f.engine.WithAnyRefusal()
	s := f.search()
	require.True(t, s.MayNotAct(errBroken))
	require.False(t, s.MayNotAct(nil))
	signer, _, ok := s.TrySigners([]string{a, b, c}, send)
	require.True(t, ok)
	require.Equal(t, c, signer)
	require.Equal(t, 3, f.server.calls)
}

package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// The keeper benchmarks run their messages as a node does
// (testkeeper.Blocks: each in its own cache context over a block cache,
// committed every testkeeper.BlockSize messages outside the timer, on
// goleveldb). benchEntitlements is the ACCEPTED entitlements of the
// distribution benchmarks' program (a multiple of every limit they use);
// its cycles are one day long, so the entitlements (four years) cover far
// more cycles than any b.N needs.
const (
	benchEntitlements = 500
	benchAmount       = 1_000
	benchCycle        = 24 * time.Hour
)

// benchGroups are the groups of the apply benchmarks' programs (the hard bound is 4).
var benchGroups = []string{"disability", "housing", "livelihood", "medical"}

// benchFixture is x/welfare, x/agency and x/bank on a committable
// multistore: mohw with two members holding welfare.manager and
// welfare.caseworker, the exclusivity groups benchGroups, and a funded
// sender for the bank reference.
type benchFixture struct {
	*testkeeper.Blocks
	tf                *testkeeper.Fixture
	k                 keeper.Keeper
	ms                types.MsgServer
	manager, manager2 sdk.AccAddress // both also caseworkers
	sender, bankPayee sdk.AccAddress
	authority         string
}

func newBenchFixture(b *testing.B) *benchFixture {
	b.Helper()
	tf := testkeeper.NewFixture(b, testkeeper.WithBlockedModuleAccounts())
	blocks := testkeeper.NewBlocks(b, tf.Ctx)
	ctx := blocks.Ctx
	tf.Ctx = ctx
	require.NoError(b, tf.Bank.SetParams(ctx, banktypes.DefaultParams()))
	require.NoError(b, tf.Agency.InitGenesis(ctx, agencytypes.DefaultGenesis()))
	require.NoError(b, tf.Welfare.InitGenesis(ctx, types.DefaultGenesis()))
	roles := []string{types.RoleManager, types.RoleCaseworker}
	admin := testkeeper.TestAddress("bench admin")
	f := &benchFixture{
		Blocks: blocks, tf: tf, k: tf.Welfare, ms: keeper.NewMsgServerImpl(tf.Welfare),
		manager: testkeeper.TestAddress("bench manager"), manager2: testkeeper.TestAddress("bench manager 2"),
		sender: testkeeper.TestAddress("bench sender"), bankPayee: testkeeper.TestAddress("bench bank payee"),
		authority: tf.Welfare.GetAuthority(),
	}
	testkeeper.RegisterTestAgency(b, tf.Agency, ctx, mohw, admin, roles...)
	testkeeper.AddTestMember(b, tf.Agency, ctx, mohw, admin, f.manager, roles...)
	testkeeper.AddTestMember(b, tf.Agency, ctx, mohw, admin, f.manager2, roles...)
	for _, g := range benchGroups {
		_, err := f.ms.CreateGroup(ctx, &types.MsgCreateGroup{Authority: f.authority, Id: g, Description: "Group " + g, LegalBasis: "KR-NBLSA-8"})
		require.NoError(b, err)
	}
	tf.Fund(b, f.sender, krw, 1_000_000_000_000)
	tf.Fund(b, f.bankPayee, krw, 1) // the payee's account exists, as a welfare payee's does
	f.Commit()
	return f
}

// ctx is the committed state's context.
func (f *benchFixture) ctx() sdk.Context { return f.Ctx }

// Commit commits the blocks and points the keeper fixture at the committed state.
func (f *benchFixture) Commit() {
	f.Blocks.Commit()
	f.tf.Ctx = f.Blocks.Ctx
}

// program creates, funds (escrow, when positive) and activates a CASH program of mohw in groups.
func (f *benchFixture) program(b *testing.B, escrow int64, groups ...string) uint64 {
	b.Helper()
	ctx := f.ctx()
	msg := cashMsg(f.manager, groups...)
	msg.BudgetCap = amt(max(escrow, 1))
	res, err := f.ms.CreateProgram(ctx, msg)
	require.NoError(b, err)
	if escrow > 0 {
		f.tf.Fund(b, f.manager, krw, uint64(escrow))
		_, err = f.ms.FundProgram(ctx, &types.MsgFundProgram{Funder: s(f.manager), ProgramId: res.ProgramId, Amount: amt(escrow)})
		require.NoError(b, err)
	}
	_, err = f.ms.ActivateProgram(ctx, &types.MsgActivateProgram{Manager: s(f.manager), ProgramId: res.ProgramId})
	require.NoError(b, err)
	return res.ProgramId
}

// measure runs op b.N times as a node runs messages (testkeeper.Blocks).
func (f *benchFixture) measure(b *testing.B, op func(ctx sdk.Context, i int) error) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.Run(b, time.Time{}, func(ctx sdk.Context) error { return op(ctx, i) })
	}
	b.StopTimer()
	f.Commit()
}

// BenchmarkApply measures MsgApply by a caseworker with fresh slot keys (the
// outcome PENDING): the program, the role and the slots read, the slots
// reserved, the groups' and program's counters, the enrolment with its
// indexes, the event. groups-1 is a program in one exclusivity group,
// groups-4 one in four (the bound): four slots read and written.
func BenchmarkApply(b *testing.B) {
	for _, n := range []int{1, len(benchGroups)} {
		b.Run(fmt.Sprintf("groups-%d", n), func(b *testing.B) {
			f := newBenchFixture(b)
			id := f.program(b, 0, benchGroups[:n]...)
			f.Commit()
			msgs := make([]*types.MsgApply, b.N)
			for i := range msgs {
				msgs[i] = applyMsg(f.manager, id, fmt.Sprintf("bench person %d", i), benchGroups[:n]...)
			}
			f.measure(b, func(ctx sdk.Context, i int) error {
				res, err := f.ms.Apply(ctx, msgs[i])
				if err == nil && res.Status != types.EnrolmentStatusPending {
					err = fmt.Errorf("application %d is %s", i, res.Status.Label())
				}
				return err
			})
			p, err := f.k.GetProgram(f.ctx(), id)
			require.NoError(b, err)
			require.Equal(b, uint64(b.N), p.Totals.EnrolmentsPending, "every application must be PENDING")
			g, err := f.k.GetGroup(f.ctx(), benchGroups[0])
			require.NoError(b, err)
			require.Equal(b, uint64(b.N), g.SlotsHeld, "every application must hold its slot")
		})
	}
}

// BenchmarkDistribute measures a payment of MsgDistribute: one op is one
// payment, made by MsgDistribute messages of limit-N entitlements each (the
// last message of a cycle, or of the run, pays what is left), so ns/op is the
// cost per payment with the message's own work shared by N payments. The
// program has benchEntitlements ACTIVE entitlements (a first cycle is
// distributed before the timer: each payment is a recurring one, no
// ACCEPTED -> ACTIVE change) and enough APPROVED one-day cycles; each
// payment reads its entitlement, the payment key and the enrolment, moves
// benchAmount ukrw from the module account through x/bank on a cache, and
// writes the payment, the entitlement and an event. bank-msg-send is the
// reference: x/bank's MsgSend handler of 1 ukrw between two existing
// accounts on the same store setup.
func BenchmarkDistribute(b *testing.B) {
	for _, limit := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("limit-%d", limit), func(b *testing.B) {
			f := newBenchFixture(b)
			cycles := (b.N+benchEntitlements-1)/benchEntitlements + 1
			id := f.entitled(b, int64(cycles))
			f.cycles(b, id, cycles)
			f.distributeCycle(b, id, 1) // warm-up: the entitlements become ACTIVE
			f.Commit()
			type batch struct {
				msg  *types.MsgDistribute
				pays uint32
			}
			var batches []batch
			for done := 0; done < b.N; {
				left := benchEntitlements - done%benchEntitlements
				n := min(limit, b.N-done, left)
				seq := uint64(done/benchEntitlements) + 2                                                                                           //nolint:gosec // done >= 0
				batches = append(batches, batch{&types.MsgDistribute{Manager: s(f.manager), ProgramId: id, Seq: seq, Limit: uint32(n)}, uint32(n)}) //nolint:gosec // n <= 100
				done += n
			}
			paid := 0
			b.ReportAllocs()
			b.ResetTimer()
			for _, bt := range batches {
				f.Run(b, time.Time{}, func(ctx sdk.Context) error {
					res, err := f.ms.Distribute(ctx, bt.msg)
					if err == nil && (res.Paid != bt.pays || res.Skipped != 0) {
						err = fmt.Errorf("a message of limit %d paid %d, skipped %d", bt.pays, res.Paid, res.Skipped)
					}
					return err
				})
				paid += int(bt.pays)
			}
			b.StopTimer()
			f.Commit()
			b.ReportMetric(float64(b.N)/float64(len(batches)), "payments/msg")
			p, err := f.k.GetProgram(f.ctx(), id)
			require.NoError(b, err)
			require.Equal(b, uint64(b.N+benchEntitlements), p.Totals.PaymentsCount, "every payment must be counted (and the warm-up's)")
			require.Equal(b, b.N, paid)
		})
	}
	b.Run("bank-msg-send", func(b *testing.B) {
		f := newBenchFixture(b)
		bank := bankkeeper.NewMsgServerImpl(f.tf.Bank)
		msg := &banktypes.MsgSend{FromAddress: s(f.sender), ToAddress: s(f.bankPayee), Amount: sdk.NewCoins(sdk.NewInt64Coin(krw, 1))}
		f.measure(b, func(ctx sdk.Context, _ int) error {
			_, err := bank.Send(ctx, msg)
			return err
		})
		require.Equal(b, int64(b.N)+1, f.tf.Bank.GetBalance(f.ctx(), f.bankPayee, krw).Amount.Int64(), "every send must move 1 ukrw")
	})
}

// entitled creates a CASH program funded for cycles cycles of
// benchEntitlements entitlements of benchAmount, each ENROLLED (filed by
// manager, decided by manager2) with an ACCEPTED entitlement to a payee of
// its own valid for four years from T0, and returns its id.
func (f *benchFixture) entitled(b *testing.B, cycles int64) uint64 {
	b.Helper()
	id := f.program(b, cycles*benchEntitlements*benchAmount)
	ctx := f.ctx()
	until := T0.AddDate(4, 0, 0)
	for j := range benchEntitlements {
		person := fmt.Sprintf("bench beneficiary %d", j)
		res, err := f.ms.Apply(ctx, applyMsg(f.manager, id, person))
		require.NoError(b, err)
		_, err = f.ms.DecideEligibility(ctx, decideMsg(f.manager2, res.EnrolmentId, types.EnrolmentStatusEnrolled))
		require.NoError(b, err)
		payee := testkeeper.TestAddress("bench payee " + person)
		offer := offerMsg(f.manager, res.EnrolmentId, payee, benchAmount)
		offer.ValidUntil = until
		ent, err := f.ms.OfferEntitlement(ctx, offer)
		require.NoError(b, err)
		_, err = f.ms.AcceptEntitlement(ctx, &types.MsgAcceptEntitlement{Payee: s(payee), EntitlementId: ent.EntitlementId})
		require.NoError(b, err)
	}
	return id
}

// cycles creates n one-day cycles of program id from T0, submitted by
// manager and approved by manager2.
func (f *benchFixture) cycles(b *testing.B, id uint64, n int) {
	b.Helper()
	ctx := f.ctx()
	for c := range n {
		start := T0.Add(time.Duration(c) * benchCycle)
		res, err := f.ms.CreateCycle(ctx, &types.MsgCreateCycle{Manager: s(f.manager), ProgramId: id, PeriodStart: start, PeriodEnd: start.Add(benchCycle)})
		require.NoError(b, err)
		_, err = f.ms.SubmitCycle(ctx, &types.MsgSubmitCycle{Manager: s(f.manager), ProgramId: id, Seq: res.Seq})
		require.NoError(b, err)
		_, err = f.ms.ApproveCycle(ctx, &types.MsgApproveCycle{Manager: s(f.manager2), ProgramId: id, Seq: res.Seq})
		require.NoError(b, err)
	}
}

// distributeCycle pays every entitlement of cycle seq, outside any timer.
func (f *benchFixture) distributeCycle(b *testing.B, id, seq uint64) {
	b.Helper()
	for {
		res, err := f.ms.Distribute(f.ctx(), &types.MsgDistribute{Manager: s(f.manager), ProgramId: id, Seq: seq, Limit: types.DefaultMaxDistribute})
		require.NoError(b, err)
		if res.Distributed {
			return
		}
	}
}

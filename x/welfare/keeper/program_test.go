package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/types"
)

func TestCreateGroup(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	msg := &types.MsgCreateGroup{Authority: f.authority, Id: livelihood, Description: "기초생활보장 생계급여 and 긴급복지 생계지원", LegalBasis: "KR-NBLSA-8+KR-EWSA-3"}
	f.fresh()

	// ACT
	_, err := f.ms.CreateGroup(f.Ctx, msg)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.ExclusivityGroup{Id: livelihood, Description: msg.Description, LegalBasis: msg.LegalBasis, CreatedAt: T0}, f.groupOf(livelihood))
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventGroupCreated{GroupId: livelihood, LegalBasis: msg.LegalBasis, Authority: f.authority})
	f.requireSound()
}

func TestCreateGroupRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgCreateGroup)
		want error
	}{
		{"not governance", func(f *fixture, m *types.MsgCreateGroup) { m.Authority = s(f.manager) }, govtypes.ErrInvalidSigner},
		{"bad authority address", func(_ *fixture, m *types.MsgCreateGroup) { m.Authority = "civic1bad" }, sdkerrors.ErrInvalidAddress},
		{"id taken", func(_ *fixture, m *types.MsgCreateGroup) { m.Id = housing }, types.ErrGroupExists},
		{"id with an uppercase letter", func(_ *fixture, m *types.MsgCreateGroup) { m.Id = "Livelihood" }, types.ErrInvalidGroupID},
		{"id of one letter", func(_ *fixture, m *types.MsgCreateGroup) { m.Id = "l" }, types.ErrInvalidGroupID},
		{"id with a hyphen", func(_ *fixture, m *types.MsgCreateGroup) { m.Id = "live-hood" }, types.ErrInvalidGroupID},
		{"empty description", func(_ *fixture, m *types.MsgCreateGroup) { m.Description = "" }, types.ErrInvalidName},
		{"description with a phone number", func(_ *fixture, m *types.MsgCreateGroup) { m.Description = "call 010-1234-5678" }, types.ErrInvalidName},
		{"description with an e-mail", func(_ *fixture, m *types.MsgCreateGroup) { m.Description = "hong@example.kr" }, types.ErrInvalidName},
		{"lowercase legal basis", func(_ *fixture, m *types.MsgCreateGroup) { m.LegalBasis = "kr-nblsa" }, types.ErrInvalidLegalBasis},
		{"empty legal basis", func(_ *fixture, m *types.MsgCreateGroup) { m.LegalBasis = "" }, types.ErrInvalidLegalBasis},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			f.group(housing)
			msg := &types.MsgCreateGroup{Authority: f.authority, Id: livelihood, Description: "Livelihood", LegalBasis: "KR-NBLSA-8"}
			tc.edit(f, msg)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.CreateGroup(f.Ctx, msg); return err })
		})
	}
}

func TestCreateProgram(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.group(livelihood)
	f.group(housing)
	msg := cashMsg(f.manager, livelihood, housing)
	f.fresh()

	// ACT
	res, err := f.ms.CreateProgram(f.Ctx, msg)

	// ASSERT: a DRAFT program of mohw, groups ascending, counted in each group.
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.ProgramId)
	p := f.program(1)
	require.Equal(t, mohw, p.AgencyId)
	require.Equal(t, types.ProgramStatusDraft, p.Status)
	require.Equal(t, []string{housing, livelihood}, p.Groups)
	require.Equal(t, types.ZeroTotals(), p.Totals)
	require.True(t, p.DuePerCycle.IsZero())
	require.Equal(t, uint64(1), f.groupOf(livelihood).Programs)
	require.Equal(t, uint64(1), f.groupOf(housing).Programs)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventProgramCreated{
		ProgramId: 1, AgencyId: mohw, Target: types.TargetIndividual, Groups: []string{housing, livelihood},
		BenefitKind: types.BenefitKindCash, Denom: krw, BudgetCap: amt(10_000_000), Actor: s(f.manager),
	})
	// A program in no group is allowed (no duplicate check), and gets the next id.
	require.Equal(t, uint64(2), f.create(cashMsg(f.manager)))
	f.requireSound()
}

func TestCreateVoucherProgram(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.group(livelihood)
	vp := f.voucherProgram(busan)

	// ACT
	id := f.create(voucherMsg(f.bManager, vp, livelihood))

	// ASSERT
	p := f.program(id)
	require.Equal(t, busan, p.AgencyId)
	require.Equal(t, types.Benefit{Kind: types.BenefitKindVoucher, VoucherProgramId: vp}, p.Benefit)
	require.Equal(t, vouchertypes.Denom(vp), p.PayDenom())
	f.activate(id, f.bManager)
	require.Equal(t, types.ProgramStatusActive, f.program(id).Status)
	f.requireSound()
}

func TestCreateProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, vp uint64) *types.MsgCreateProgram
		want error
	}{
		{"bad manager address", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Manager = "civic1bad"
			return m
		}, sdkerrors.ErrInvalidAddress},
		{"not a manager", func(f *fixture, _ uint64) *types.MsgCreateProgram { return cashMsg(f.auditor, livelihood) }, agencytypes.ErrRoleNotHeld},
		{"not a member", func(f *fixture, _ uint64) *types.MsgCreateProgram { return cashMsg(f.outsider, livelihood) }, agencytypes.ErrNotMember},
		{"unknown group", func(f *fixture, _ uint64) *types.MsgCreateProgram { return cashMsg(f.manager, "energy") }, types.ErrGroupNotFound},
		{"group twice", func(f *fixture, _ uint64) *types.MsgCreateProgram { return cashMsg(f.manager, livelihood, livelihood) }, types.ErrInvalidGroups},
		{"five groups", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			return cashMsg(f.manager, "aa", "bb", "cc", "dd", "ee")
		}, types.ErrInvalidGroups},
		{"name with a resident registration number", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Name = "홍길동 900101-1234567"
			return m
		}, types.ErrInvalidName},
		{"no target", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Target = types.TargetUnspecified
			return m
		}, types.ErrInvalidTarget},
		{"no benefit kind", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Benefit = types.Benefit{}
			return m
		}, types.ErrInvalidBenefit},
		{"cash in a voucher denom", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Benefit.Denom = "voucher/1"
			return m
		}, types.ErrInvalidDenom},
		{"cash naming a voucher program", func(f *fixture, vp uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.Benefit.VoucherProgramId = vp
			return m
		}, types.ErrInvalidBenefit},
		{"voucher without a program", func(f *fixture, _ uint64) *types.MsgCreateProgram { return voucherMsg(f.bManager, 0, livelihood) }, types.ErrInvalidBenefit},
		{"voucher program missing", func(f *fixture, _ uint64) *types.MsgCreateProgram { return voucherMsg(f.bManager, 99, livelihood) }, types.ErrVoucherProgram},
		{"voucher benefit without allocator permission", func(f *fixture, vp uint64) *types.MsgCreateProgram {
			return voucherMsg(f.manager, vp, livelihood) // mohw is not an allocator of busan's program
		}, types.ErrNotAllocator},
		{"zero budget cap", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.BudgetCap = amt(0)
			return m
		}, types.ErrInvalidAmount},
		{"budget cap above max_amount", func(f *fixture, _ uint64) *types.MsgCreateProgram {
			m := cashMsg(f.manager, livelihood)
			m.BudgetCap = types.DefaultMaxAmount.AddRaw(1)
			return m
		}, types.ErrInvalidAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			f.group(livelihood)
			vp := f.voucherProgram(busan)
			msg := tc.msg(f, vp)

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.CreateProgram(f.Ctx, msg); return err })
		})
	}
}

func TestActivateProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, cash, voucher uint64)
		signer  func(f *fixture) sdk.AccAddress
		id      func(cash, voucher uint64) uint64
		want    error
	}{
		{"unknown program", nil, func(f *fixture) sdk.AccAddress { return f.manager }, func(uint64, uint64) uint64 { return 99 }, types.ErrProgramNotFound},
		{"program id 0", nil, func(f *fixture) sdk.AccAddress { return f.manager }, func(uint64, uint64) uint64 { return 0 }, types.ErrInvalidID},
		{"manager of another agency", nil, func(f *fixture) sdk.AccAddress { return f.bManager }, first, types.ErrWrongAgency},
		{"ACTIVE again", func(f *fixture, cash, _ uint64) { f.activate(cash, f.manager) },
			func(f *fixture) sdk.AccAddress { return f.manager }, first, types.ErrInvalidTransition},
		{"CLOSED", func(f *fixture, cash, _ uint64) {
			_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: cash})
			require.NoError(f.t, err)
		}, func(f *fixture) sdk.AccAddress { return f.manager }, first, types.ErrInvalidTransition},
		{"voucher program closed since creation", func(f *fixture, _, _ uint64) { f.closeVoucherProgram(1) },
			func(f *fixture) sdk.AccAddress { return f.bManager }, second, types.ErrVoucherProgram},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			f.group(livelihood)
			vp := f.voucherProgram(busan)
			cash := f.create(cashMsg(f.manager, livelihood))
			voucher := f.create(voucherMsg(f.bManager, vp, livelihood))
			if tc.arrange != nil {
				tc.arrange(f, cash, voucher)
			}
			msg := &types.MsgActivateProgram{Manager: s(tc.signer(f)), ProgramId: tc.id(cash, voucher)}

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.ActivateProgram(f.Ctx, msg); return err })
		})
	}
}

// closeVoucherProgram marks voucher program id CLOSED in x/voucher's store (as a sweep
// would after redeem_until), so that it can no longer back a benefit.
func (f *fixture) closeVoucherProgram(id uint64) {
	f.t.Helper()
	p, err := f.Voucher.Programs.Get(f.Ctx, id)
	require.NoError(f.t, err)
	p.Status, p.ClosedAt = vouchertypes.ProgramStatusClosed, f.Ctx.BlockTime()
	require.NoError(f.t, f.Voucher.Programs.Set(f.Ctx, id, p))
}

func TestFundProgram(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.create(cashMsg(f.manager))
	f.Fund(t, f.manager, krw, 3_000_000)
	f.fresh()

	// ACT
	res, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(f.manager), ProgramId: id, Amount: amt(3_000_000)})

	// ASSERT: the coins moved from the manager to the module account, escrowed for the program.
	require.NoError(t, err)
	require.Equal(t, amt(3_000_000), res.Escrow)
	require.Equal(t, int64(0), f.bal(f.manager, krw))
	require.Equal(t, int64(3_000_000), f.bal(f.moduleAddr(), krw))
	p := f.program(id)
	require.Equal(t, amt(3_000_000), p.Totals.Funded)
	require.Equal(t, amt(3_000_000), p.Totals.Escrow)
	require.Contains(t, f.events(), any(&types.EventProgramFunded{ProgramId: id, Funder: s(f.manager), Amount: amt(3_000_000), Denom: krw, Escrow: amt(3_000_000)}))
	f.requireSound()
}

func TestFundProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		funder  func(f *fixture) string
		id      func(cash, voucher uint64) uint64
		amount  int64
		arrange func(f *fixture, cash uint64)
		want    error
	}{
		{"zero amount", func(f *fixture) string { return s(f.manager) }, first, 0, nil, types.ErrInvalidAmount},
		{"unknown program", func(f *fixture) string { return s(f.manager) }, func(uint64, uint64) uint64 { return 99 }, 10, nil, types.ErrProgramNotFound},
		{"manager of another agency", func(f *fixture) string { return s(f.bManager) }, first, 10, nil, types.ErrWrongAgency},
		{"an auditor", func(f *fixture) string { return s(f.auditor) }, first, 10, nil, agencytypes.ErrRoleNotHeld},
		{"voucher program", func(f *fixture) string { return s(f.bManager) }, second, 10, nil, types.ErrNotCash},
		{"above the budget cap", func(f *fixture) string { return s(f.manager) }, first, 10_000_001, nil, types.ErrOverBudget},
		{"more than the funder holds", func(f *fixture) string { return s(f.manager) }, first, 5_000_001, nil, sdkerrors.ErrInsufficientFunds},
		{"CLOSED program", func(f *fixture) string { return s(f.manager) }, first, 10, func(f *fixture, cash uint64) {
			_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: cash})
			require.NoError(f.t, err)
		}, types.ErrProgramNotActive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			vp := f.voucherProgram(busan)
			cash := f.create(cashMsg(f.manager))
			voucher := f.create(voucherMsg(f.bManager, vp))
			f.Fund(t, f.manager, krw, 5_000_000)
			f.Fund(t, f.bManager, krw, 5_000_000)
			if tc.arrange != nil {
				tc.arrange(f, cash)
			}
			msg := &types.MsgFundProgram{Funder: tc.funder(f), ProgramId: tc.id(cash, voucher), Amount: amt(tc.amount)}

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.FundProgram(f.Ctx, msg); return err })
		})
	}
}

func first(a, _ uint64) uint64  { return a }
func second(_, b uint64) uint64 { return b }

func TestCloseProgramReturnsEscrow(t *testing.T) {
	// ARRANGE: 2 000 000 escrowed; a cycle paid 300 000.
	f := newFixture(t)
	f.group(livelihood)
	id := f.cash(2_000_000, livelihood)
	e := f.enrol(id, "kim", f.caseworker, f.caseworker2, livelihood)
	f.entitle(f.caseworker, e, f.payee, 300_000)
	seq := f.approved(id, f.manager, f.manager2, 1)
	f.distribute(id, seq, f.manager, 10)
	admin := f.Agencies[mohw].Admin
	f.fresh()

	// ACT
	res, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: id})

	// ASSERT: the rest of the escrow went to mohw's admin; the program is CLOSED; its
	// slot counts as free at once.
	require.NoError(t, err)
	require.Equal(t, amt(1_700_000), res.Returned)
	require.Equal(t, int64(1_700_000), f.bal(admin, krw))
	require.Equal(t, int64(0), f.bal(f.moduleAddr(), krw))
	p := f.program(id)
	require.Equal(t, types.ProgramStatusClosed, p.Status)
	require.Equal(t, T0, p.ClosedAt)
	require.Equal(t, amt(1_700_000), p.Totals.Returned)
	require.True(t, p.Totals.Escrow.IsZero())
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventProgramClosed{
		ProgramId: id, AgencyId: mohw, From: types.ProgramStatusActive, Returned: amt(1_700_000), ReturnAddress: s(admin), Actor: s(f.manager),
	})
	require.False(t, f.held(slotKey("kim", livelihood)).Held)
	f.requireSound()
}

func TestCloseProgramByGovernance(t *testing.T) {
	// ARRANGE: a DRAFT program whose agency was suspended.
	f := newFixture(t)
	id := f.create(cashMsg(f.manager))
	f.fund(id, f.manager, 1_000)
	f.suspendAgency(mohw)

	// ACT
	_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: f.authority, ProgramId: id})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusClosed, f.program(id).Status)
	require.Equal(t, int64(1_000), f.bal(f.Agencies[mohw].Admin, krw))
	f.requireSound()
}

func TestCloseProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name    string
		arrange func(f *fixture, id uint64)
		signer  func(f *fixture) string
		want    error
	}{
		{"manager of another agency", nil, func(f *fixture) string { return s(f.bManager) }, types.ErrWrongAgency},
		{"an outsider", nil, func(f *fixture) string { return s(f.outsider) }, agencytypes.ErrNotMember},
		{"CLOSED already", func(f *fixture, id uint64) {
			_, err := f.ms.CloseProgram(f.Ctx, &types.MsgCloseProgram{Signer: s(f.manager), ProgramId: id})
			require.NoError(f.t, err)
		}, func(f *fixture) string { return s(f.manager) }, types.ErrInvalidTransition},
		{"a cycle TO_APPROVE", func(f *fixture, id uint64) {
			f.submit(id, f.newCycle(id, f.manager, 1), f.manager)
		}, func(f *fixture) string { return s(f.manager) }, types.ErrCycleOpen},
		{"a cycle APPROVED", func(f *fixture, id uint64) {
			f.approved(id, f.manager, f.manager2, 1)
		}, func(f *fixture) string { return f.authority }, types.ErrCycleOpen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.cash(1_000_000)
			if tc.arrange != nil {
				tc.arrange(f, id)
			}
			msg := &types.MsgCloseProgram{Signer: tc.signer(f), ProgramId: id}

			// ACT + ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.CloseProgram(f.Ctx, msg); return err })
		})
	}
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	params := types.DefaultParams()
	params.MaxDistribute = 50
	f.fresh()

	// ACT
	_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.authority, Params: params})

	// ASSERT
	require.NoError(t, err)
	got, err := f.qs.Params(f.Ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, params, got.Params)
	f.Events.RequireOnly(f.Ctx, "civic.welfare.v1", &types.EventParamsUpdated{Authority: f.authority, Params: params})
}

func TestUpdateParamsRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgUpdateParams)
		want error
	}{
		{"not governance", func(f *fixture, m *types.MsgUpdateParams) { m.Authority = s(f.manager) }, govtypes.ErrInvalidSigner},
		{"five groups a program", func(_ *fixture, m *types.MsgUpdateParams) { m.Params.MaxGroupsPerProgram = 5 }, types.ErrInvalidParams},
		{"no distribution", func(_ *fixture, m *types.MsgUpdateParams) { m.Params.MaxDistribute = 0 }, types.ErrInvalidParams},
		{"max_amount above 10^30", func(_ *fixture, m *types.MsgUpdateParams) { m.Params.MaxAmount = types.MaxMaxAmount.AddRaw(1) }, types.ErrInvalidParams},
		{"cycles of zero seconds", func(_ *fixture, m *types.MsgUpdateParams) { m.Params.MaxCycleSeconds = 0 }, types.ErrInvalidParams},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			msg := &types.MsgUpdateParams{Authority: f.authority, Params: types.DefaultParams()}
			tc.edit(f, msg)
			f.rejected(tc.want, func() error { _, err := f.ms.UpdateParams(f.Ctx, msg); return err })
		})
	}
}

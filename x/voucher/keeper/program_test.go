package keeper_test

import (
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	disasterkeeper "github.com/civicchain/civic/x/disaster/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/voucher/types"
)

func TestCreateProgram(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	msg := f.createMsg()
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT
	res, err := f.ms.CreateProgram(f.Ctx, msg)

	// ASSERT: a DRAFT program of busan with its own denom, lists in stored order.
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.ProgramId)
	require.Equal(t, "voucher/1", res.Denom)
	p := f.program(1)
	require.Equal(t, busan, p.AgencyId)
	require.Equal(t, types.ProgramStatusDraft, p.Status)
	require.Equal(t, []string{busanjin, dongnae}, p.HolderDistricts)
	require.Equal(t, []string{department, bar}, p.ExcludedMccs)
	require.Equal(t, types.ZeroBudget(), p.Budget)
	require.Equal(t, s(f.issuer), p.CreatedBy)
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventProgramCreated{
		ProgramId: 1, AgencyId: busan, Kind: types.ProgramKindLocalCurrency, Denom: "voucher/1",
		FundingDenom: krw, BudgetCap: amt(1_000_000), Actor: s(f.issuer),
	})
	// The denom's x/bank metadata: the denom and a description, no personal data.
	md, ok := f.Bank.GetDenomMetaData(f.Ctx, "voucher/1")
	require.True(t, ok)
	require.Equal(t, "voucher/1", md.Base)
	require.NoError(t, md.Validate())
	// A second program gets the next id and denom.
	require.Equal(t, uint64(2), f.create(nil))
	f.requireSound()
}

func TestCreateProgramWithClassesAndAllocators(t *testing.T) {
	// ARRANGE
	f := newFixture(t)

	// ACT
	id := f.create(func(m *types.MsgCreateProgram) {
		m.Kind = types.ProgramKindWelfare
		m.Eligibility = types.EligibilityBoth
		m.SchemaId = 7
		m.AmountByClass = []types.ClassAmount{{Class: "HOUSEHOLD_4", Amount: amt(500_000)}, {Class: "HOUSEHOLD_1", Amount: amt(200_000)}}
		m.AllocatorAgencies = []string{welfare, seoul}
	})

	// ASSERT: classes and allocators ascending.
	p := f.program(id)
	require.Equal(t, []string{seoul, welfare}, p.AllocatorAgencies)
	require.Equal(t, "HOUSEHOLD_1", p.AmountByClass[0].Class)
	got, ok := p.ClassAmountOf("HOUSEHOLD_4")
	require.True(t, ok)
	require.Equal(t, amt(500_000), got)
}

func TestCreateProgramRejected(t *testing.T) {
	long := make([]string, types.DefaultMaxDistricts+1)
	for i := range long {
		long[i] = sdkmath.NewInt(int64(26000 + i)).String()
	}
	for _, tc := range []struct {
		name string
		edit func(f *fixture, m *types.MsgCreateProgram)
		want error
	}{
		{"bad issuer address", func(_ *fixture, m *types.MsgCreateProgram) { m.Issuer = "civic1bad" }, sdkerrors.ErrInvalidAddress},
		{"no kind", func(_ *fixture, m *types.MsgCreateProgram) { m.Kind = types.ProgramKindUnspecified }, types.ErrInvalidKind},
		{"funding denom not allowed", func(_ *fixture, m *types.MsgCreateProgram) { m.FundingDenom = "uatom" }, types.ErrInvalidDenom},
		{"voucher as funding", func(_ *fixture, m *types.MsgCreateProgram) { m.FundingDenom = "voucher/1" }, types.ErrInvalidDenom},
		{"zero budget cap", func(_ *fixture, m *types.MsgCreateProgram) { m.BudgetCap = amt(0) }, types.ErrInvalidAmount},
		{"budget cap above max_amount", func(_ *fixture, m *types.MsgCreateProgram) {
			m.BudgetCap = types.DefaultMaxAmount.AddRaw(1)
		}, types.ErrInvalidAmount},
		{"holder cap above budget cap", func(_ *fixture, m *types.MsgCreateProgram) { m.PerHolderCap = amt(1_000_001) }, types.ErrInvalidAmount},
		{"no holder districts", func(_ *fixture, m *types.MsgCreateProgram) { m.HolderDistricts = nil }, types.ErrInvalidDistricts},
		{"too many holder districts", func(_ *fixture, m *types.MsgCreateProgram) { m.HolderDistricts = long }, types.ErrInvalidDistricts},
		{"bad holder district", func(_ *fixture, m *types.MsgCreateProgram) { m.HolderDistricts = []string{"2623"} }, types.ErrInvalidDistrict},
		{"duplicate merchant district", func(_ *fixture, m *types.MsgCreateProgram) {
			m.MerchantDistricts = []string{busanjin, busanjin}
		}, types.ErrInvalidDistricts},
		{"bad mcc", func(_ *fixture, m *types.MsgCreateProgram) { m.ExcludedMccs = []string{"53110"} }, types.ErrInvalidMcc},
		{"no eligibility", func(_ *fixture, m *types.MsgCreateProgram) { m.Eligibility = types.EligibilityUnspecified }, types.ErrInvalidEligibility},
		{"credential without schema", func(_ *fixture, m *types.MsgCreateProgram) {
			m.Eligibility = types.EligibilityCredential
			m.AmountByClass = []types.ClassAmount{{Class: "ONE", Amount: amt(1)}}
		}, types.ErrInvalidEligibility},
		{"credential without classes", func(_ *fixture, m *types.MsgCreateProgram) {
			m.Eligibility, m.SchemaId = types.EligibilityCredential, 1
		}, types.ErrInvalidClass},
		{"allocation with schema", func(_ *fixture, m *types.MsgCreateProgram) { m.SchemaId = 1 }, types.ErrInvalidEligibility},
		{"class amount above holder cap", func(_ *fixture, m *types.MsgCreateProgram) {
			m.Eligibility, m.SchemaId = types.EligibilityCredential, 1
			m.AmountByClass = []types.ClassAmount{{Class: "ONE", Amount: amt(500_001)}}
		}, types.ErrInvalidAmount},
		{"class with a phone number", func(_ *fixture, m *types.MsgCreateProgram) {
			m.Eligibility, m.SchemaId = types.EligibilityCredential, 1
			m.AmountByClass = []types.ClassAmount{{Class: "C01012345678", Amount: amt(1)}}
		}, types.ErrInvalidClass},
		{"incident on a local currency", func(_ *fixture, m *types.MsgCreateProgram) { m.IncidentId = 1 }, types.ErrIncident},
		{"starts at expiry", func(_ *fixture, m *types.MsgCreateProgram) { m.StartsAt = m.ExpiresAt }, types.ErrInvalidTimes},
		{"redeem before expiry", func(_ *fixture, m *types.MsgCreateProgram) { m.RedeemUntil = m.ExpiresAt.Add(-time.Second) }, types.ErrInvalidTimes},
		{"already expired", func(_ *fixture, m *types.MsgCreateProgram) {
			m.StartsAt, m.ExpiresAt = T0.Add(-2*time.Hour), T0
		}, types.ErrInvalidTimes},
		{"bad refund address", func(_ *fixture, m *types.MsgCreateProgram) { m.RefundAddress = "" }, sdkerrors.ErrInvalidAddress},
		{"refund to a module account", func(f *fixture, m *types.MsgCreateProgram) { m.RefundAddress = s(f.moduleAddr()) }, types.ErrBlockedAddress},
		{"allocators on a credential program", func(_ *fixture, m *types.MsgCreateProgram) {
			m.Eligibility, m.SchemaId = types.EligibilityCredential, 1
			m.AmountByClass = []types.ClassAmount{{Class: "ONE", Amount: amt(1)}}
			m.AllocatorAgencies = []string{welfare}
		}, types.ErrInvalidAgencies},
		{"unknown allocator agency", func(_ *fixture, m *types.MsgCreateProgram) { m.AllocatorAgencies = []string{"nowhere"} }, types.ErrInvalidAgencies},
		{"bad allocator id", func(_ *fixture, m *types.MsgCreateProgram) { m.AllocatorAgencies = []string{"Not An Id"} }, types.ErrInvalidAgencies},
		{"signer without role", func(f *fixture, m *types.MsgCreateProgram) { m.Issuer = s(f.outsider) }, agencytypes.ErrNotMember},
		{"agency admin without role", func(f *fixture, m *types.MsgCreateProgram) { m.Issuer = s(f.Agencies[busan].Admin) }, agencytypes.ErrNotMember},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			m := f.createMsg()
			tc.edit(f, m)
			// ACT, ASSERT
			f.rejected(tc.want, func() error { _, err := f.ms.CreateProgram(f.Ctx, m); return err })
		})
	}
}

// declare declares an incident of busan covering districts and returns its id.
func (f *fixture) declare(districts ...string) uint64 {
	f.t.Helper()
	res, err := disasterkeeper.NewMsgServerImpl(f.Disaster).DeclareIncident(f.Ctx, &disastertypes.MsgDeclareIncident{
		Coordinator: s(f.issuer), Type: disastertypes.IncidentTypeTyphoon, AffectedDistricts: districts,
		Severity: disastertypes.SeveritySerious, DescriptionDigest: digest("d" + districts[0][:1]),
	})
	require.NoError(f.t, err)
	return res.IncidentId
}

func TestCreateReliefProgram(t *testing.T) {
	// ARRANGE: a typhoon over Busanjin-gu, Dongnae-gu and Haeundae-gu.
	f := newFixture(t)
	inc := f.declare(busanjin, dongnae, haeundae)

	// ACT
	id := f.create(func(m *types.MsgCreateProgram) { m.Kind, m.IncidentId = types.ProgramKindRelief, inc })

	// ASSERT: the program names the incident, and Programs by incident lists it.
	require.Equal(t, inc, f.program(id).IncidentId)
	res, err := f.qs.Programs(f.Ctx, &types.QueryProgramsRequest{IncidentId: inc})
	require.NoError(t, err)
	require.Equal(t, []uint64{id}, testkeeper.Pluck(res.Programs, programID))
}

func TestCreateReliefProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name     string
		incident func(f *fixture) uint64
	}{
		{"unknown incident", func(*fixture) uint64 { return 9 }},
		{"closed incident", func(f *fixture) uint64 {
			id := f.declare(busanjin, dongnae)
			_, err := disasterkeeper.NewMsgServerImpl(f.Disaster).SetIncidentStatus(f.Ctx, &disastertypes.MsgSetIncidentStatus{
				Signer: s(f.issuer), IncidentId: id, Status: disastertypes.IncidentStatusClosed})
			require.NoError(f.t, err)
			return id
		}},
		{"holder district not covered", func(f *fixture) uint64 { return f.declare(busanjin, haeundae) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			m := f.createMsg()
			m.Kind, m.IncidentId = types.ProgramKindRelief, tc.incident(f)
			f.rejected(types.ErrIncident, func() error { _, err := f.ms.CreateProgram(f.Ctx, m); return err })
		})
	}
}

func TestActivateAndSuspend(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.create(nil)

	// ACT: activate, suspend by the issuer, resume by governance.
	f.Ctx = f.Events.Fresh(f.Ctx)
	f.activate(id, f.issuer)
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventProgramStatusChanged{
		ProgramId: id, AgencyId: busan, From: types.ProgramStatusDraft, To: types.ProgramStatusActive, Actor: s(f.issuer)})
	_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusSuspended, f.program(id).Status)
	_, err = f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: f.k.GetAuthority(), ProgramId: id, Status: types.ProgramStatusActive})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.ProgramStatusActive, f.program(id).Status)
}

func TestActivateAndStatusRejected(t *testing.T) {
	activate := func(f *fixture, id uint64) { f.activate(id, f.issuer) }
	for _, tc := range []struct {
		name  string
		setup func(f *fixture, id uint64)
		act   func(f *fixture, id uint64) error
		want  error
	}{
		{"activate unknown program", nil, func(f *fixture, _ uint64) error {
			_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: s(f.issuer), ProgramId: 9})
			return err
		}, types.ErrProgramNotFound},
		{"activate by another agency's issuer", nil, func(f *fixture, id uint64) error {
			_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: s(f.issuer2), ProgramId: id})
			return err
		}, types.ErrWrongAgency},
		{"activate twice", activate, func(f *fixture, id uint64) error {
			_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: s(f.issuer), ProgramId: id})
			return err
		}, types.ErrInvalidTransition},
		{"activate after expiry", func(f *fixture, _ uint64) { f.at(expires) }, func(f *fixture, id uint64) error {
			_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: s(f.issuer), ProgramId: id})
			return err
		}, types.ErrProgramExpired},
		{"suspend a DRAFT", nil, func(f *fixture, id uint64) error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
			return err
		}, types.ErrInvalidTransition},
		{"status CLOSED asked", nil, func(f *fixture, id uint64) error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusClosed})
			return err
		}, types.ErrInvalidStatus},
		{"suspend by another agency", activate, func(f *fixture, id uint64) error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer2), ProgramId: id, Status: types.ProgramStatusSuspended})
			return err
		}, types.ErrWrongAgency},
		{"suspend by an outsider", activate, func(f *fixture, id uint64) error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.outsider), ProgramId: id, Status: types.ProgramStatusSuspended})
			return err
		}, agencytypes.ErrNotMember},
		{"suspend after expiry", func(f *fixture, id uint64) { activate(f, id); f.at(expires) }, func(f *fixture, id uint64) error {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
			return err
		}, types.ErrProgramExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.create(nil)
			if tc.setup != nil {
				tc.setup(f, id)
			}
			f.rejected(tc.want, func() error { return tc.act(f, id) })
		})
	}
}

func TestFundProgram(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.create(nil)
	f.Fund(t, f.issuer, krw, 700_000)
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT: funded while DRAFT.
	_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(f.issuer), ProgramId: id, Amount: amt(600_000)})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, int64(100_000), f.bal(f.issuer, krw))
	require.Equal(t, int64(600_000), f.bal(f.moduleAddr(), krw))
	b := f.program(id).Budget
	require.Equal(t, amt(600_000), b.Funded)
	require.Equal(t, amt(600_000), b.Escrow)
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventProgramFunded{ProgramId: id, Funder: s(f.issuer), Amount: amt(600_000), Escrow: amt(600_000)})
	f.requireSound()
}

func TestFundProgramRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		msg  func(f *fixture, id uint64) *types.MsgFundProgram
		want error
	}{
		{"zero amount", func(f *fixture, id uint64) *types.MsgFundProgram {
			return &types.MsgFundProgram{Funder: s(f.issuer), ProgramId: id, Amount: amt(0)}
		}, types.ErrInvalidAmount},
		{"no program id", func(f *fixture, _ uint64) *types.MsgFundProgram {
			return &types.MsgFundProgram{Funder: s(f.issuer), Amount: amt(1)}
		}, types.ErrInvalidID},
		{"above the budget cap", func(f *fixture, id uint64) *types.MsgFundProgram {
			return &types.MsgFundProgram{Funder: s(f.issuer), ProgramId: id, Amount: amt(1_000_001)}
		}, types.ErrOverBudget},
		{"another agency's issuer", func(f *fixture, id uint64) *types.MsgFundProgram {
			f.Fund(f.t, f.issuer2, krw, 10)
			return &types.MsgFundProgram{Funder: s(f.issuer2), ProgramId: id, Amount: amt(10)}
		}, types.ErrWrongAgency},
		{"not enough funds", func(f *fixture, id uint64) *types.MsgFundProgram {
			return &types.MsgFundProgram{Funder: s(f.issuer), ProgramId: id, Amount: amt(1_000)}
		}, sdkerrors.ErrInsufficientFunds},
		{"after expiry", func(f *fixture, id uint64) *types.MsgFundProgram {
			f.at(expires)
			return &types.MsgFundProgram{Funder: s(f.issuer), ProgramId: id, Amount: amt(1)}
		}, types.ErrProgramExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.create(nil)
			f.Fund(t, f.issuer, krw, 500)
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.FundProgram(f.Ctx, msg); return err })
		})
	}
}

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxSweep = 7

	// ACT
	_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)

	// Rejected: not the authority; invalid params.
	f.rejected(govtypes.ErrInvalidSigner, func() error {
		_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: s(f.issuer), Params: p})
		return err
	})
	bad := p
	bad.MaxSweep = 0
	f.rejected(types.ErrInvalidParams, func() error {
		_, err := f.ms.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: bad})
		return err
	})
}

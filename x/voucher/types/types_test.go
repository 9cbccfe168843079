package types_test

import (
	"testing"

	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/voucher/types"
)

func TestParamsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	for _, tc := range []struct {
		name string
		edit func(p *types.Params)
		want string
	}{
		{"no funding denom", func(p *types.Params) { p.AllowedFundingDenoms = nil }, "allowed_funding_denoms must hold 1..16"},
		{"a denom twice", func(p *types.Params) { p.AllowedFundingDenoms = []string{"ukrw", "ukrw"} }, "twice"},
		{"a voucher denom", func(p *types.Params) { p.AllowedFundingDenoms = []string{"voucher/1"} }, "vouchers cannot back vouchers"},
		{"not a denom", func(p *types.Params) { p.AllowedFundingDenoms = []string{"k"} }, "not a bank denom"},
		{"max_amount zero", func(p *types.Params) { p.MaxAmount = sdkmath.ZeroInt() }, "max_amount must be 1.."},
		{"max_amount unset", func(p *types.Params) { p.MaxAmount = sdkmath.Int{} }, "got nothing"},
		{"max_amount above 10^30", func(p *types.Params) { p.MaxAmount = types.MaxMaxAmount.AddRaw(1) }, "max_amount"},
		{"max_districts zero", func(p *types.Params) { p.MaxDistricts = 0 }, "max_districts must be 1..300"},
		{"max_sweep above bound", func(p *types.Params) { p.MaxSweep = types.MaxSweepBound + 1 }, "max_sweep"},
		{"max_allocation_entries zero", func(p *types.Params) { p.MaxAllocationEntries = 0 }, "max_allocation_entries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			tc.edit(&p)
			err := p.Validate()
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestDenoms(t *testing.T) {
	require.Equal(t, "voucher/12", types.Denom(12))
	require.True(t, types.IsVoucherDenom("voucher/12"))
	require.False(t, types.IsVoucherDenom("ukrw"))
	require.False(t, types.IsVoucherDenom("uvoucher/1"))
}

func TestDecideMerchantStatus(t *testing.T) {
	P, A, S, R := types.MerchantStatusPending, types.MerchantStatusApproved, types.MerchantStatusSuspended, types.MerchantStatusRevoked
	approve, suspend, reinstate, revoke := types.MerchantDecisionApprove, types.MerchantDecisionSuspend, types.MerchantDecisionReinstate, types.MerchantDecisionRevoke
	for _, tc := range []struct {
		from types.MerchantStatus
		d    types.MerchantDecision
		to   types.MerchantStatus
		ok   bool
	}{
		{P, approve, A, true}, {A, suspend, S, true}, {S, reinstate, A, true},
		{P, revoke, R, true}, {A, revoke, R, true}, {S, revoke, R, true},
		{S, approve, 0, false}, {P, reinstate, 0, false}, {P, suspend, 0, false}, {A, approve, 0, false},
		{R, approve, 0, false}, {R, revoke, 0, false}, {R, reinstate, 0, false},
	} {
		got, err := types.DecideMerchantStatus(tc.from, tc.d)
		if !tc.ok {
			require.ErrorIs(t, err, types.ErrInvalidTransition, "%s %s", tc.from.Label(), tc.d.Label())
			require.ErrorContains(t, err, tc.from.Label())
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.to, got)
	}
}

func TestProgramTransitions(t *testing.T) {
	require.NoError(t, types.ValidateProgramTransition(types.ProgramStatusDraft, types.ProgramStatusActive))
	require.NoError(t, types.ValidateProgramTransition(types.ProgramStatusSuspended, types.ProgramStatusClosed))
	err := types.ValidateProgramTransition(types.ProgramStatusClosed, types.ProgramStatusActive)
	require.ErrorIs(t, err, types.ErrInvalidTransition)
	require.ErrorContains(t, err, "program cannot go from CLOSED to ACTIVE")
	require.ErrorIs(t, types.ValidateProgramTransition(types.ProgramStatusActive, types.ProgramStatusExpired), types.ErrInvalidTransition)
}

func TestBudgetCheck(t *testing.T) {
	cap := sdkmath.NewInt(100)
	b := types.ZeroBudget()
	require.NoError(t, b.Check(cap))
	b.Funded, b.Escrow, b.Issued, b.Outstanding = sdkmath.NewInt(50), sdkmath.NewInt(50), sdkmath.NewInt(40), sdkmath.NewInt(40)
	require.NoError(t, b.Check(cap))
	b.Outstanding = sdkmath.NewInt(60)
	require.ErrorContains(t, b.Check(cap), "issued 40 must equal")
	b.Issued = sdkmath.NewInt(60)
	require.ErrorContains(t, b.Check(cap), "below outstanding")
}

func TestDefaultGenesisValidates(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
}

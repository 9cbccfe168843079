package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/types"
)

func TestApplyAndDecideMerchant(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.create(nil)
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT: apply (while DRAFT), approve, suspend, reinstate, revoke.
	f.apply(id, f.shop, f.settle, busanjin, grocery)

	// ASSERT
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventMerchantApplied{ProgramId: id, Merchant: s(f.shop), DistrictCode: busanjin, Mcc: grocery})
	m := f.merchant(id, f.shop)
	require.Equal(t, types.MerchantStatusPending, m.Status)
	require.Empty(t, m.DecidedBy)
	for _, step := range []struct {
		d    types.MerchantDecision
		want types.MerchantStatus
	}{
		{types.MerchantDecisionApprove, types.MerchantStatusApproved},
		{types.MerchantDecisionSuspend, types.MerchantStatusSuspended},
		{types.MerchantDecisionReinstate, types.MerchantStatusApproved},
		{types.MerchantDecisionRevoke, types.MerchantStatusRevoked},
	} {
		f.Ctx = f.Events.Fresh(f.Ctx)
		from := f.merchant(id, f.shop).Status
		res, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(f.issuer), ProgramId: id, Merchant: s(f.shop), Decision: step.d})
		require.NoError(t, err)
		require.Equal(t, step.want, res.Status)
		require.Equal(t, step.want, f.merchant(id, f.shop).Status)
		require.Equal(t, s(f.issuer), f.merchant(id, f.shop).DecidedBy)
		f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventMerchantDecided{
			ProgramId: id, Merchant: s(f.shop), Decision: step.d, From: from, To: step.want, Actor: s(f.issuer)})
	}

	// A PENDING merchant may be revoked directly.
	f.apply(id, f.shop2, f.settle2, busanjin, restaurant)
	f.decide(id, f.shop2, types.MerchantDecisionRevoke)
	require.Equal(t, types.MerchantStatusRevoked, f.merchant(id, f.shop2).Status)
}

func TestApplyMerchantRejected(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(f *fixture, id uint64)
		msg   func(f *fixture, id uint64) *types.MsgApplyMerchant
		want  error
	}{
		{"bad digest", nil, func(f *fixture, id uint64) *types.MsgApplyMerchant {
			m := applyMsg(f, id)
			m.BusinessDigest = "Kim Cheolsu 010-1234-5678"
			return m
		}, types.ErrInvalidDigest},
		{"bad district", nil, func(f *fixture, id uint64) *types.MsgApplyMerchant {
			m := applyMsg(f, id)
			m.DistrictCode = "busan"
			return m
		}, types.ErrInvalidDistrict},
		{"bad mcc", nil, func(f *fixture, id uint64) *types.MsgApplyMerchant {
			m := applyMsg(f, id)
			m.Mcc = "54a1"
			return m
		}, types.ErrInvalidMcc},
		{"bad settlement address", nil, func(f *fixture, id uint64) *types.MsgApplyMerchant {
			m := applyMsg(f, id)
			m.SettlementAddress = "nope"
			return m
		}, sdkerrors.ErrInvalidAddress},
		{"settlement to a module account", nil, func(f *fixture, id uint64) *types.MsgApplyMerchant {
			m := applyMsg(f, id)
			m.SettlementAddress = s(f.moduleAddr())
			return m
		}, types.ErrBlockedAddress},
		{"unknown program", nil, func(f *fixture, _ uint64) *types.MsgApplyMerchant { return applyMsg(f, 9) }, types.ErrProgramNotFound},
		{"twice", func(f *fixture, id uint64) { f.apply(id, f.shop, f.settle, busanjin, grocery) },
			func(f *fixture, id uint64) *types.MsgApplyMerchant { return applyMsg(f, id) }, types.ErrMerchantExists},
		{"a holder of the program", func(f *fixture, id uint64) {
			f.fund(id, f.issuer, 10)
			f.activate(id, f.issuer)
			f.allocate(id, f.shop, 10, busanjin)
		}, func(f *fixture, id uint64) *types.MsgApplyMerchant { return applyMsg(f, id) }, types.ErrHolderIsMerchant},
		{"after expiry", func(f *fixture, _ uint64) { f.at(expires) },
			func(f *fixture, id uint64) *types.MsgApplyMerchant { return applyMsg(f, id) }, types.ErrProgramExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.create(nil)
			if tc.setup != nil {
				tc.setup(f, id)
			}
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.ApplyMerchant(f.Ctx, msg); return err })
		})
	}
}

func applyMsg(f *fixture, id uint64) *types.MsgApplyMerchant {
	return &types.MsgApplyMerchant{Merchant: s(f.shop), ProgramId: id, BusinessDigest: digest("b1"),
		DistrictCode: busanjin, Mcc: grocery, SettlementAddress: s(f.settle)}
}

func TestDecideMerchantRejected(t *testing.T) {
	decideMsg := func(f *fixture, id uint64, d types.MerchantDecision) *types.MsgDecideMerchant {
		return &types.MsgDecideMerchant{Signer: s(f.issuer), ProgramId: id, Merchant: s(f.shop), Decision: d}
	}
	for _, tc := range []struct {
		name     string
		district string
		mcc      string
		setup    func(f *fixture, id uint64)
		msg      func(f *fixture, id uint64) *types.MsgDecideMerchant
		want     error
	}{
		{"excluded category", busanjin, department, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionApprove)
		}, types.ErrMccExcluded},
		{"district outside the program", haeundae, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionApprove)
		}, types.ErrDistrictNotInProgram},
		{"no decision", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionUnspecified)
		}, types.ErrInvalidDecision},
		{"reinstate a PENDING merchant", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionReinstate)
		}, types.ErrInvalidTransition},
		{"suspend a PENDING merchant", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionSuspend)
		}, types.ErrInvalidTransition},
		{"approve a SUSPENDED merchant", busanjin, grocery, func(f *fixture, id uint64) {
			f.decide(id, f.shop, types.MerchantDecisionApprove)
			f.decide(id, f.shop, types.MerchantDecisionSuspend)
		}, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			return decideMsg(f, id, types.MerchantDecisionApprove)
		}, types.ErrInvalidTransition},
		{"anything after REVOKED", busanjin, grocery, func(f *fixture, id uint64) { f.decide(id, f.shop, types.MerchantDecisionRevoke) },
			func(f *fixture, id uint64) *types.MsgDecideMerchant {
				return decideMsg(f, id, types.MerchantDecisionApprove)
			}, types.ErrInvalidTransition},
		{"unknown merchant", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			m := decideMsg(f, id, types.MerchantDecisionApprove)
			m.Merchant = s(f.shop2)
			return m
		}, types.ErrMerchantNotFound},
		{"another agency's merchant desk", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			m := decideMsg(f, id, types.MerchantDecisionApprove)
			m.Signer = s(f.issuer2)
			return m
		}, types.ErrWrongAgency},
		{"the merchant itself", busanjin, grocery, nil, func(f *fixture, id uint64) *types.MsgDecideMerchant {
			m := decideMsg(f, id, types.MerchantDecisionApprove)
			m.Signer = s(f.shop)
			return m
		}, agencytypes.ErrNotMember},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.create(nil)
			f.apply(id, f.shop, f.settle, tc.district, tc.mcc)
			if tc.setup != nil {
				tc.setup(f, id)
			}
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.DecideMerchant(f.Ctx, msg); return err })
		})
	}
}

// TestMerchantCannotApproveItself: a member of the issuing agency holding
// voucher.merchant applies as a merchant and tries to approve itself.
func TestMerchantCannotApproveItself(t *testing.T) {
	f := newFixture(t)
	id := f.create(nil)
	f.apply(id, f.issuer, f.settle, busanjin, grocery)
	f.rejected(types.ErrSelfDecision, func() error {
		_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(f.issuer), ProgramId: id, Merchant: s(f.issuer), Decision: types.MerchantDecisionApprove})
		return err
	})
}

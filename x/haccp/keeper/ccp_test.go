package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/x/haccp/types"
)

func TestAnchorCcpRecord(t *testing.T) {
	for _, tc := range []struct {
		name   string
		signer sdk.AccAddress
	}{
		{"by the operator", op},
		{"by staff", staff},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			id := f.facility(op)
			f.addStaff(op, id, staff)
			f.at(T0.Add(time.Hour))
			msg := f.anchorMsg(tc.signer, id, true)
			msg.PeriodEnd = f.ctx.BlockTime() // period_end == block time is allowed
			f.freshEvents()

			// ACT
			res, err := f.msg.AnchorCcpRecord(f.ctx, msg)

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, uint64(1), res.Id)
			r, err := f.k.CcpRecords.Get(f.ctx, res.Id)
			require.NoError(t, err)
			require.Equal(t, types.CcpRecord{
				Id: 1, FacilityId: id, CcpCode: "CCP-1B", PeriodStart: msg.PeriodStart, PeriodEnd: msg.PeriodEnd,
				LogDigest: logDigest, Deviation: true, RecordedBy: f.s(tc.signer), RecordedAt: T0.Add(time.Hour),
			}, r)
			has, err := f.k.CcpRecords.Indexes.Facility.Has(f.ctx, collections.Join(id, res.Id))
			require.NoError(t, err)
			require.True(t, has)
			f.requireOnlyEvent(&types.EventCcpRecordAnchored{
				Id: 1, FacilityId: id, CcpCode: "CCP-1B", LogDigest: logDigest, Deviation: true, Signer: f.s(tc.signer),
			})
		})
	}
}

func TestAnchorCcpRecordRejected(t *testing.T) {
	anchor := func(f *fixture, by sdk.AccAddress, edit func(*types.MsgAnchorCcpRecord)) func() error {
		id := f.facility(op)
		msg := f.anchorMsg(by, id, false)
		if edit != nil {
			edit(msg)
		}
		return func() error { _, err := f.msg.AnchorCcpRecord(f.ctx, msg); return err }
	}
	runRejections(t, []rejection{
		{"bad signer", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.Signer = "" })
		}, sdkerrors.ErrInvalidAddress},
		{"facility_id 0", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.FacilityId = 0 })
		}, types.ErrInvalidFacility},
		{"bad ccp code", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.CcpCode = "ccp 1" })
		}, types.ErrInvalidCcpRecord},
		{"period_end in the future", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.PeriodEnd = T0.Add(time.Second) })
		}, types.ErrInvalidPeriod},
		{"empty period", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.PeriodStart = m.PeriodEnd })
		}, types.ErrInvalidPeriod},
		{"no period", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.PeriodStart = time.Time{} })
		}, types.ErrInvalidPeriod},
		{"bad log digest", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.LogDigest = logDigest[:63] })
		}, types.ErrInvalidDigest},
		{"unknown facility", func(f *fixture) func() error {
			return anchor(f, op, func(m *types.MsgAnchorCcpRecord) { m.FacilityId = 404 })
		}, types.ErrFacilityNotFound},
		{"outsider", func(f *fixture) func() error { return anchor(f, outsider, nil) }, types.ErrNotFacilityMember},
		{"certifier is not facility staff", func(f *fixture) func() error { return anchor(f, cert, nil) }, types.ErrNotFacilityMember},
		{"operator of another facility", func(f *fixture) func() error {
			f.facility(op2)
			return anchor(f, op2, nil)
		}, types.ErrNotFacilityMember},
		{"removed staff", func(f *fixture) func() error {
			act := anchor(f, staff, nil)
			f.addStaff(op, 1, staff)
			_, err := f.msg.RemoveFacilityStaff(f.ctx, &types.MsgRemoveFacilityStaff{Operator: f.s(op), FacilityId: 1, Staff: f.s(staff)})
			require.NoError(f.t, err)
			return act
		}, types.ErrNotFacilityMember},
	})
}

func TestRecordCorrectiveAction(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.facility(op)
	f.addStaff(op, id, staff)
	rec := f.anchor(op, id, true)
	f.at(T0.Add(2 * time.Hour))
	f.freshEvents()

	// ACT
	_, err := f.msg.RecordCorrectiveAction(f.ctx, &types.MsgRecordCorrectiveAction{Signer: f.s(staff), RecordId: rec, ActionDigest: actionDigest})

	// ASSERT
	require.NoError(t, err)
	r, err := f.k.CcpRecords.Get(f.ctx, rec)
	require.NoError(t, err)
	require.Equal(t, &types.CorrectiveAction{ActionDigest: actionDigest, RecordedBy: f.s(staff), RecordedAt: T0.Add(2 * time.Hour)}, r.CorrectiveAction)
	require.Equal(t, f.s(op), r.RecordedBy, "the record itself is unchanged")
	f.requireOnlyEvent(&types.EventCorrectiveActionRecorded{RecordId: rec, FacilityId: id, ActionDigest: actionDigest, Signer: f.s(staff)})
}

func TestRecordCorrectiveActionRejected(t *testing.T) {
	correct := func(f *fixture, by sdk.AccAddress, rec uint64, digest string) func() error {
		return func() error {
			_, err := f.msg.RecordCorrectiveAction(f.ctx, &types.MsgRecordCorrectiveAction{Signer: f.s(by), RecordId: rec, ActionDigest: digest})
			return err
		}
	}
	deviation := func(f *fixture) uint64 { return f.anchor(op, f.facility(op), true) }
	runRejections(t, []rejection{
		{"record_id 0", func(f *fixture) func() error { deviation(f); return correct(f, op, 0, actionDigest) }, types.ErrInvalidCcpRecord},
		{"bad digest", func(f *fixture) func() error { return correct(f, op, deviation(f), "") }, types.ErrInvalidDigest},
		{"unknown record", func(f *fixture) func() error { deviation(f); return correct(f, op, 404, actionDigest) }, types.ErrCcpRecordNotFound},
		{"outsider", func(f *fixture) func() error { return correct(f, outsider, deviation(f), actionDigest) }, types.ErrNotFacilityMember},
		{"operator of another facility", func(f *fixture) func() error {
			rec := deviation(f)
			f.facility(op2)
			return correct(f, op2, rec, actionDigest)
		}, types.ErrNotFacilityMember},
		{"no deviation", func(f *fixture) func() error {
			return correct(f, op, f.anchor(op, f.facility(op), false), actionDigest)
		}, types.ErrNoDeviation},
		{"recorded twice", func(f *fixture) func() error {
			rec := deviation(f)
			require.NoError(f.t, correct(f, op, rec, actionDigest)())
			return correct(f, op, rec, logDigest)
		}, types.ErrCorrectiveActionRecorded},
	})
}

package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/types"
)

func TestTakeCustody(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusRegistered)
	f.freshEvents()

	// ACT
	_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: f.s(cust), EvidenceId: id, NoteDigest: noteDig})

	// ASSERT
	require.NoError(t, err)
	it := f.item(id)
	require.Equal(t, types.EvidenceStatusInCustody, it.Status)
	require.Equal(t, f.s(cust), it.Custodian)
	require.Equal(t, "knpa", it.CustodianAgency)
	entry, err := f.k.CustodyLog.Get(f.ctx, collections.Join(id, uint64(2)))
	require.NoError(t, err)
	require.Equal(t, types.CustodyEvent{
		Seq: 2, EvidenceId: id, Action: types.CustodyActionCustodyTaken, Actor: f.s(cust), AgencyId: "knpa",
		FromStatus: types.EvidenceStatusRegistered, ToStatus: types.EvidenceStatusInCustody,
		Time: testkeeper.BlockTime, NoteDigest: noteDig,
	}, entry)
	f.requireOnlyEvent(&types.EventCustodyTaken{EvidenceId: id, Seq: 2, Actor: f.s(cust), AgencyId: "knpa", PreviousCustodian: f.s(inv)})
}

func TestTakeCustodyRejected(t *testing.T) {
	take := func(f *fixture, by string, id uint64, note string) func() error {
		return func() error {
			_, err := f.msg.TakeCustody(f.ctx, &types.MsgTakeCustody{Custodian: by, EvidenceId: id, NoteDigest: note})
			return err
		}
	}
	registered := func(f *fixture) uint64 { return f.itemIn(types.EvidenceStatusRegistered) }
	runRejections(t, []rejection{
		{"malformed address", func(f *fixture) func() error { return take(f, "", registered(f), "") }, sdkerrors.ErrInvalidAddress},
		{"malformed note digest", func(f *fixture) func() error { return take(f, f.s(cust), registered(f), "abc") }, types.ErrInvalidDigest},
		{"id zero", func(f *fixture) func() error { return take(f, f.s(cust), 0, "") }, types.ErrInvalidID},
		{"unknown id", func(f *fixture) func() error { return take(f, f.s(cust), 77, "") }, types.ErrEvidenceNotFound},
		{"wrong role", func(f *fixture) func() error { return take(f, f.s(ana), registered(f), "") }, agencytypes.ErrRoleNotHeld},
		{"custodian of another agency", func(f *fixture) func() error { return take(f, f.s(cust2), registered(f), "") }, types.ErrWrongAgency},
		{"not a member", func(f *fixture) func() error { return take(f, f.s(outsider), registered(f), "") }, agencytypes.ErrNotMember},
		{"suspended agency", func(f *fixture) func() error {
			id := registered(f)
			f.suspend("knpa")
			return take(f, f.s(cust), id, "")
		}, agencytypes.ErrAgencyNotActive},
		{"expired member", func(f *fixture) func() error {
			id := registered(f)
			f.expire(cust)
			return take(f, f.s(cust), id, "")
		}, agencytypes.ErrMembershipExpired},
		{"already in custody, custodian still a member", func(f *fixture) func() error {
			return take(f, f.s(custB), f.itemIn(types.EvidenceStatusInCustody), "")
		}, types.ErrCustodianActive},
		// TRANSFER_PENDING -> IN_CUSTODY is an edge of the table, but only for the
		// messages that close the transfer: taking custody would leave it open.
		{"transfer pending", func(f *fixture) func() error {
			return take(f, f.s(custB), f.itemIn(types.EvidenceStatusTransferPending), "")
		}, types.ErrInvalidTransition},
	})
}

func TestProposeTransfer(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusInCustody)
	f.freshEvents()

	// ACT
	_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(cust), EvidenceId: id, Receiver: f.s(nfsAna), NoteDigest: noteDig})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.EvidenceStatusTransferPending, f.item(id).Status)
	require.Equal(t, f.s(cust), f.item(id).Custodian, "custody changes only on acceptance")
	tr, err := f.k.Transfers.Get(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, types.Transfer{
		EvidenceId: id, Proposer: f.s(cust), ProposerAgency: "knpa", Receiver: f.s(nfsAna), NoteDigest: noteDig, ProposedAt: testkeeper.BlockTime,
	}, tr)
	require.Equal(t, []uint64{id}, f.pendingFor(nfsAna))
	f.requireOnlyEvent(&types.EventTransferProposed{EvidenceId: id, Seq: 3, Actor: f.s(cust), AgencyId: "knpa", Receiver: f.s(nfsAna), NoteDigest: noteDig})
}

func TestProposeTransferRejected(t *testing.T) {
	propose := func(f *fixture, by sdk.AccAddress, id uint64, receiver string) func() error {
		return func() error {
			_, err := f.msg.ProposeTransfer(f.ctx, &types.MsgProposeTransfer{Custodian: f.s(by), EvidenceId: id, Receiver: receiver})
			return err
		}
	}
	inCustody := func(f *fixture) uint64 { return f.itemIn(types.EvidenceStatusInCustody) }
	runRejections(t, []rejection{
		{"malformed receiver", func(f *fixture) func() error { return propose(f, cust, inCustody(f), "civic1nope") }, sdkerrors.ErrInvalidAddress},
		{"receiver is the custodian", func(f *fixture) func() error { return propose(f, cust, inCustody(f), f.s(cust)) }, types.ErrInvalidReceiver},
		{"unknown id", func(f *fixture) func() error { return propose(f, cust, 5, f.s(nfsAna)) }, types.ErrEvidenceNotFound},
		{"not the custodian", func(f *fixture) func() error { return propose(f, custB, inCustody(f), f.s(nfsAna)) }, types.ErrNotCustodian},
		{"wrong role", func(f *fixture) func() error { return propose(f, ana, inCustody(f), f.s(nfsAna)) }, agencytypes.ErrRoleNotHeld},
		{"custodian of another agency", func(f *fixture) func() error { return propose(f, cust2, inCustody(f), f.s(nfsAna)) }, types.ErrWrongAgency},
		{"suspended agency", func(f *fixture) func() error {
			id := inCustody(f)
			f.suspend("knpa")
			return propose(f, cust, id, f.s(nfsAna))
		}, agencytypes.ErrAgencyNotActive},
		{"expired member", func(f *fixture) func() error {
			id := inCustody(f)
			f.expire(cust)
			return propose(f, cust, id, f.s(nfsAna))
		}, agencytypes.ErrMembershipExpired},
		{"second open transfer", func(f *fixture) func() error {
			id := inCustody(f)
			require.NoError(f.t, propose(f, cust, id, f.s(nfsAna))())
			return propose(f, cust, id, f.s(custB))
		}, types.ErrTransferPending},
		{"receiver is not a member", func(f *fixture) func() error { return propose(f, cust, inCustody(f), f.s(outsider)) }, types.ErrInvalidReceiver},
		{"receiver may not hold evidence", func(f *fixture) func() error { return propose(f, cust, inCustody(f), f.s(pros)) }, types.ErrInvalidReceiver},
		{"receiver's agency suspended", func(f *fixture) func() error {
			id := inCustody(f)
			f.suspend("nfs")
			return propose(f, cust, id, f.s(nfsAna))
		}, types.ErrInvalidReceiver},
		{"archived item", func(f *fixture) func() error {
			return propose(f, nfsCust, f.itemIn(types.EvidenceStatusArchived), f.s(cust))
		}, types.ErrInvalidTransition},
	})
}

func TestAcceptTransfer(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusTransferPending)
	f.freshEvents()

	// ACT
	_, err := f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(nfsAna), EvidenceId: id})

	// ASSERT
	require.NoError(t, err)
	it := f.item(id)
	require.Equal(t, types.EvidenceStatusInCustody, it.Status)
	require.Equal(t, f.s(nfsAna), it.Custodian)
	require.Equal(t, "nfs", it.CustodianAgency)
	has, err := f.k.Transfers.Has(f.ctx, id)
	require.NoError(t, err)
	require.False(t, has)
	require.Empty(t, f.pendingFor(nfsAna))
	f.requireOnlyEvent(&types.EventTransferAccepted{
		EvidenceId: id, Seq: 4, Actor: f.s(nfsAna), AgencyId: "nfs", PreviousCustodian: f.s(cust), PreviousAgency: "knpa",
	})
}

func TestRejectTransfer(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusTransferPending)
	f.freshEvents()

	// ACT
	_, err := f.msg.RejectTransfer(f.ctx, &types.MsgRejectTransfer{Receiver: f.s(nfsAna), EvidenceId: id, NoteDigest: noteDig})

	// ASSERT
	require.NoError(t, err)
	it := f.item(id)
	require.Equal(t, types.EvidenceStatusInCustody, it.Status)
	require.Equal(t, f.s(cust), it.Custodian)
	require.Equal(t, "knpa", it.CustodianAgency)
	has, err := f.k.Transfers.Has(f.ctx, id)
	require.NoError(t, err)
	require.False(t, has)
	f.requireOnlyEvent(&types.EventTransferRejected{EvidenceId: id, Seq: 4, Actor: f.s(nfsAna), AgencyId: "nfs", Proposer: f.s(cust)})
}

func TestCancelTransfer(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	id := f.itemIn(types.EvidenceStatusTransferPending)
	f.freshEvents()

	// ACT
	_, err := f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Proposer: f.s(cust), EvidenceId: id})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, types.EvidenceStatusInCustody, f.item(id).Status)
	require.Equal(t, f.s(cust), f.item(id).Custodian)
	require.Empty(t, f.pendingFor(nfsAna))
	f.requireOnlyEvent(&types.EventTransferCancelled{EvidenceId: id, Seq: 4, Actor: f.s(cust), AgencyId: "knpa", Receiver: f.s(nfsAna)})
}

func TestAnswerTransferRejected(t *testing.T) {
	accept := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(by), EvidenceId: id})
			return err
		}
	}
	reject := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.RejectTransfer(f.ctx, &types.MsgRejectTransfer{Receiver: f.s(by), EvidenceId: id})
			return err
		}
	}
	cancel := func(f *fixture, by sdk.AccAddress, id uint64) func() error {
		return func() error {
			_, err := f.msg.CancelTransfer(f.ctx, &types.MsgCancelTransfer{Proposer: f.s(by), EvidenceId: id})
			return err
		}
	}
	pending := func(f *fixture) uint64 { return f.itemIn(types.EvidenceStatusTransferPending) }
	inCustody := func(f *fixture) uint64 { return f.itemIn(types.EvidenceStatusInCustody) }
	runRejections(t, []rejection{
		{"accept: unknown id", func(f *fixture) func() error { return accept(f, nfsAna, 9) }, types.ErrEvidenceNotFound},
		{"accept: no open transfer", func(f *fixture) func() error { return accept(f, nfsAna, inCustody(f)) }, types.ErrTransferNotFound},
		{"accept: not the receiver", func(f *fixture) func() error { return accept(f, nfsAna2, pending(f)) }, types.ErrNotReceiver},
		{"accept: proposer cannot accept", func(f *fixture) func() error { return accept(f, cust, pending(f)) }, types.ErrNotReceiver},
		{"accept: receiver's agency suspended", func(f *fixture) func() error {
			id := pending(f)
			f.suspend("nfs")
			return accept(f, nfsAna, id)
		}, agencytypes.ErrAgencyNotActive},
		{"accept: receiver expired", func(f *fixture) func() error {
			id := pending(f)
			f.expire(nfsAna)
			return accept(f, nfsAna, id)
		}, agencytypes.ErrMembershipExpired},
		{"accept: malformed note", func(f *fixture) func() error {
			id := pending(f)
			return func() error {
				_, err := f.msg.AcceptTransfer(f.ctx, &types.MsgAcceptTransfer{Receiver: f.s(nfsAna), EvidenceId: id, NoteDigest: "E5"})
				return err
			}
		}, types.ErrInvalidDigest},
		{"reject: not the receiver", func(f *fixture) func() error { return reject(f, custB, pending(f)) }, types.ErrNotReceiver},
		{"reject: no open transfer", func(f *fixture) func() error { return reject(f, nfsAna, inCustody(f)) }, types.ErrTransferNotFound},
		{"reject: receiver's agency suspended", func(f *fixture) func() error {
			id := pending(f)
			f.suspend("nfs")
			return reject(f, nfsAna, id)
		}, agencytypes.ErrAgencyNotActive},
		{"cancel: an analyst of another agency", func(f *fixture) func() error { return cancel(f, nfsAna, pending(f)) }, agencytypes.ErrRoleNotHeld},
		{"cancel: no open transfer", func(f *fixture) func() error { return cancel(f, cust, inCustody(f)) }, types.ErrTransferNotFound},
		{"cancel: proposer expired", func(f *fixture) func() error {
			id := pending(f)
			f.expire(cust)
			return cancel(f, cust, id)
		}, agencytypes.ErrMembershipExpired},
	})
}

package keeper_test

import (
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

func TestCreateStatusList(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	f.bind(f.issuerDid, "moe")
	f.freshEvents()

	// ACT
	res, err := f.msg.CreateStatusList(f.ctx, &types.MsgCreateStatusList{
		Signer: f.s(issOp), IssuerDid: f.issuerDid, Purpose: types.StatusPurposeRevocation, Entries: 2 * types.MinStatusListEntries,
	})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, uint64(1), res.Id)
	require.Equal(t, types.StatusList{
		Id: 1, IssuerDid: f.issuerDid, AgencyId: "moe", Purpose: types.StatusPurposeRevocation, Entries: 2 * types.MinStatusListEntries,
		SetCount: 0, Version: 1, CreatedBy: f.s(issOp), CreatedAt: testkeeper.BlockTime, UpdatedAt: testkeeper.BlockTime,
	}, f.list(1))
	require.Equal(t, []uint64{1}, f.listsOf(f.issuerDid))
	require.Empty(t, f.export().StatusChunks, "a new list stores no chunk")
	f.requireOnlyEvent(&types.EventStatusListCreated{
		Id: 1, IssuerDid: f.issuerDid, Purpose: types.StatusPurposeRevocation, Entries: 2 * types.MinStatusListEntries, Signer: f.s(issOp),
	})

	// The largest size the params allow is accepted; ids keep counting.
	res, err = f.msg.CreateStatusList(f.ctx, &types.MsgCreateStatusList{
		Signer: f.s(issOp), IssuerDid: f.issuerDid, Purpose: types.StatusPurposeSuspension, Entries: types.DefaultMaxStatusListEntries,
	})
	require.NoError(t, err)
	require.Equal(t, uint64(2), res.Id)
}

func TestCreateStatusListRejected(t *testing.T) {
	// mutate returns the ACT for a list of issuerDid, bound to moe, signed by
	// issOp, after changing the valid message with change.
	mutate := func(change func(f *issFixture, m *types.MsgCreateStatusList)) func(f *issFixture) func() error {
		return func(f *issFixture) func() error {
			f.bind(f.issuerDid, "moe")
			m := &types.MsgCreateStatusList{Signer: f.s(issOp), IssuerDid: f.issuerDid, Purpose: types.StatusPurposeSuspension, Entries: types.MinStatusListEntries}
			change(f, m)
			return func() error {
				_, err := f.msg.CreateStatusList(f.ctx, m)
				return err
			}
		}
	}
	runIssRejections(t, []issRejection{
		{"malformed address", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.Signer = "civic1xyz" }), sdkerrors.ErrInvalidAddress},
		{"malformed DID", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) {
			m.IssuerDid = "did:civic:" + strings.Repeat("z", 80)
		}), types.ErrInvalidDid},
		{"unspecified purpose", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.Purpose = types.StatusPurposeUnspecified }), types.ErrInvalidStatusList},
		{"unknown purpose", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.Purpose = 7 }), types.ErrInvalidStatusList},
		{"no entries", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.Entries = 0 }), types.ErrInvalidStatusList},
		{"below the W3C minimum", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) {
			m.Entries = types.MinStatusListEntries - types.StatusChunkBits
		}), types.ErrInvalidStatusList},
		{"not a multiple of a chunk", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.Entries = types.MinStatusListEntries + 8 }), types.ErrInvalidStatusList},
		{"above max_status_list_entries", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) {
			m.Entries = types.DefaultMaxStatusListEntries + types.StatusChunkBits
		}), types.ErrInvalidStatusList},
		{"above the largest size", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) {
			m.Entries = types.MaxMaxStatusListEntries + types.StatusChunkBits
		}), types.ErrInvalidStatusList},
		{"unknown DID", mutate(func(_ *issFixture, m *types.MsgCreateStatusList) { m.IssuerDid = issDidOf("nobody") }), types.ErrDidNotFound},
		{"deactivated DID", mutate(func(f *issFixture, _ *types.MsgCreateStatusList) { f.deactivateDid(f.issuerDid, issOp) }), types.ErrDidDeactivated},
		{"DID not bound", mutate(func(f *issFixture, m *types.MsgCreateStatusList) {
			m.IssuerDid = f.createDid("unbound", issOp)
		}), types.ErrIssuerNotFound},
		{"bound agency suspended", mutate(func(f *issFixture, _ *types.MsgCreateStatusList) {
			f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)
		}), types.ErrAgencyNotActive},
		{"signer in no agency", mutate(func(f *issFixture, m *types.MsgCreateStatusList) { m.Signer = f.s(issOutsider) }), agencytypes.ErrNotMember},
		{"agency admin holds no role", mutate(func(f *issFixture, m *types.MsgCreateStatusList) { m.Signer = f.s(issAdmin("moe")) }), agencytypes.ErrNotMember},
		{"issuer of another agency", mutate(func(f *issFixture, m *types.MsgCreateStatusList) { m.Signer = f.s(issOtherOp) }), types.ErrNotIssuerOfList},
		{"issuer who does not control the DID", mutate(func(f *issFixture, m *types.MsgCreateStatusList) { m.Signer = f.s(issOp2) }), types.ErrNotController},
	})
}

// issBitstring decodes a list's encodedList from the StatusList query.
func (f *issFixture) issBitstring(listID uint64) []byte {
	f.t.Helper()
	res, err := f.q.StatusList(f.ctx, &types.QueryStatusListRequest{Id: listID})
	require.NoError(f.t, err)
	bits, err := types.DecodeStatusList(res.EncodedList)
	require.NoError(f.t, err)
	require.Len(f.t, bits, int(res.StatusList.Entries/8))
	return bits
}

// issIsSet reads one bit of a decoded bitstring, W3C order (MSB first).
func issIsSet(bits []byte, i uint64) bool { return bits[i/8]&(0x80>>(i%8)) != 0 }

// issChunks lists the stored chunk numbers of a list.
func (f *issFixture) issChunks(listID uint64) []uint32 {
	f.t.Helper()
	var out []uint32
	for _, c := range f.export().StatusChunks {
		if c.ListId == listID {
			out = append(out, c.Chunk)
		}
	}
	return out
}

func TestUpdateStatusListSuspension(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	id := f.createList(types.StatusPurposeSuspension)
	last := types.MinStatusListEntries - 1
	f.nextBlock()
	f.freshEvents()

	// ACT: set the first, a few middle and the last index.
	res, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{
		Signer: f.s(issOp), ListId: id, Changes: []types.StatusChange{issSet(0), issSet(9), issSet(8192), issSet(last)},
	})

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, &types.MsgUpdateStatusListResponse{Version: 2, SetCount: 4}, res)
	l := f.list(id)
	require.Equal(t, uint64(2), l.Version)
	require.Equal(t, uint64(4), l.SetCount)
	require.Equal(t, f.ctx.BlockTime(), l.UpdatedAt)
	require.Equal(t, testkeeper.BlockTime, l.CreatedAt)
	require.Equal(t, []uint32{0, 1, 15}, f.issChunks(id))
	chunk0, err := f.k.StatusChunks.Get(f.ctx, collections.Join(id, uint32(0)))
	require.NoError(t, err)
	require.Len(t, chunk0, types.StatusChunkBytes)
	require.Equal(t, byte(0x80), chunk0[0], "index 0 is the most significant bit of byte 0")
	require.Equal(t, byte(0x40), chunk0[1], "index 9 is bit 6 of byte 1")
	f.requireOnlyEvent(&types.EventStatusListUpdated{Id: id, IssuerDid: f.issuerDid, Version: 2, Changed: 4, SetCount: 4, Signer: f.s(issOp)})
	bits := f.issBitstring(id)
	require.Equal(t, uint64(4), types.CountBits(bits))
	for _, i := range []uint64{0, 9, 8192, last} {
		require.True(t, issIsSet(bits, i), "index %d", i)
	}
	require.Equal(t, byte(0x01), bits[len(bits)-1], "the last index is the last bit")

	// ACT: clear 8192 (its chunk becomes all zero) and clear an index never set.
	f.freshEvents()
	res = f.update(id, issClear(8192), issClear(100))

	// ASSERT
	require.Equal(t, &types.MsgUpdateStatusListResponse{Version: 3, SetCount: 3}, res)
	require.Equal(t, []uint32{0, 15}, f.issChunks(id), "an all-zero chunk is deleted")
	f.requireOnlyEvent(&types.EventStatusListUpdated{Id: id, IssuerDid: f.issuerDid, Version: 3, Changed: 1, SetCount: 3, Signer: f.s(issOp)})
	require.False(t, issIsSet(f.issBitstring(id), 8192))

	// ACT: set an index already set, clear one and set one in the same chunk.
	f.freshEvents()
	res = f.update(id, issSet(0), issClear(9), issSet(10))

	// ASSERT
	require.Equal(t, &types.MsgUpdateStatusListResponse{Version: 4, SetCount: 3}, res)
	f.requireOnlyEvent(&types.EventStatusListUpdated{Id: id, IssuerDid: f.issuerDid, Version: 4, Changed: 2, SetCount: 3, Signer: f.s(issOp)})
	bits = f.issBitstring(id)
	require.True(t, issIsSet(bits, 0))
	require.False(t, issIsSet(bits, 9))
	require.True(t, issIsSet(bits, 10))
	require.NoError(t, f.export().Validate(), "the exported state passes genesis validation (set_count matches the chunks)")

	// Clearing everything deletes every chunk.
	f.update(id, issClear(0), issClear(10), issClear(last))
	require.Empty(t, f.issChunks(id))
	require.Equal(t, uint64(0), f.list(id).SetCount)
	require.Equal(t, uint64(0), types.CountBits(f.issBitstring(id)))
}

func TestUpdateStatusListRevocation(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	id := f.createList(types.StatusPurposeRevocation)
	f.update(id, issSet(3))
	f.freshEvents()

	// ACT: revoking again is allowed and changes nothing; clearing an index never set too.
	res := f.update(id, issSet(3), issClear(4))

	// ASSERT
	require.Equal(t, &types.MsgUpdateStatusListResponse{Version: 3, SetCount: 1}, res)
	f.requireOnlyEvent(&types.EventStatusListUpdated{Id: id, IssuerDid: f.issuerDid, Version: 3, Changed: 0, SetCount: 1, Signer: f.s(issOp)})
	st, err := f.q.CredentialStatus(f.ctx, &types.QueryCredentialStatusRequest{ListId: id, Index: 3})
	require.NoError(t, err)
	require.Equal(t, &types.QueryCredentialStatusResponse{Set: true, Purpose: types.StatusPurposeRevocation, IssuerDid: f.issuerDid, ListVersion: 3}, st)
}

func TestUpdateStatusListRejected(t *testing.T) {
	// update returns the ACT for changes to a fresh list of purpose, by signer.
	update := func(purpose types.StatusPurpose, by func(f *issFixture) string, arrange func(f *issFixture, listID uint64), changes ...types.StatusChange) func(f *issFixture) func() error {
		return func(f *issFixture) func() error {
			id := f.createList(purpose)
			f.update(id, issSet(1), issSet(8192))
			arrange(f, id)
			return func() error {
				_, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: by(f), ListId: id, Changes: changes})
				return err
			}
		}
	}
	op := func(f *issFixture) string { return f.s(issOp) }
	none := func(*issFixture, uint64) {}
	susp, revo := types.StatusPurposeSuspension, types.StatusPurposeRevocation
	tooMany := make([]types.StatusChange, types.MaxMaxStatusChanges+1)
	for i := range tooMany {
		tooMany[i] = issSet(uint64(i))
	}
	runIssRejections(t, []issRejection{
		{"malformed address", update(susp, func(*issFixture) string { return "civic1xyz" }, none, issSet(2)), sdkerrors.ErrInvalidAddress},
		{"list id zero", func(f *issFixture) func() error {
			return func() error {
				_, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOp), Changes: []types.StatusChange{issSet(1)}})
				return err
			}
		}, types.ErrInvalidStatusList},
		{"no changes", update(susp, op, none), types.ErrInvalidStatusList},
		{"index changed twice", update(susp, op, none, issSet(2), issClear(2)), types.ErrInvalidStatusList},
		{"more changes than the largest max_status_changes", update(susp, op, none, tooMany...), types.ErrTooManyChanges},
		{"more changes than max_status_changes", update(susp, op, func(f *issFixture, _ uint64) {
			p := types.DefaultParams()
			p.MaxStatusChanges = 2
			_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
			require.NoError(f.t, err)
		}, issSet(2), issSet(3), issSet(4)), types.ErrTooManyChanges},
		{"unknown list", func(f *issFixture) func() error {
			f.createList(susp)
			return func() error {
				_, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOp), ListId: 99, Changes: []types.StatusChange{issSet(1)}})
				return err
			}
		}, types.ErrStatusListNotFound},
		{"index equal to the size", update(susp, op, none, issSet(2), issSet(types.MinStatusListEntries)), types.ErrIndexOutOfRange},
		{"index beyond the largest list", update(susp, op, none, issSet(types.MaxMaxStatusListEntries)), types.ErrIndexOutOfRange},
		{"clearing a revoked index", update(revo, op, none, issClear(8192)), types.ErrRevocationFinal},
		{"a valid change before clearing a revoked index", update(revo, op, none, issSet(2), issSet(9000), issClear(1)), types.ErrRevocationFinal},
		{"issuer unbound", update(susp, op, func(f *issFixture, _ uint64) {
			_, err := f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: f.k.GetAuthority(), Did: f.issuerDid})
			require.NoError(f.t, err)
		}, issSet(2)), types.ErrIssuerNotFound},
		{"issuer DID deactivated", update(susp, op, func(f *issFixture, _ uint64) { f.deactivateDid(f.issuerDid, issOp) }, issSet(2)), types.ErrDidDeactivated},
		{"bound agency suspended", update(susp, op, func(f *issFixture, _ uint64) {
			f.setAgencyStatus("moe", agencytypes.AgencyStatusSuspended)
		}, issSet(2)), types.ErrAgencyNotActive},
		{"signer in no agency", update(susp, func(f *issFixture) string { return f.s(issOutsider) }, none, issSet(2)), agencytypes.ErrNotMember},
		{"issuer of another agency", update(susp, func(f *issFixture) string { return f.s(issOtherOp) }, none, issSet(2)), types.ErrNotIssuerOfList},
		{"issuer who does not control the DID", update(susp, func(f *issFixture) string { return f.s(issOp2) }, none, issSet(2)), types.ErrNotController},
		{"issuer rebound to another agency", func(f *issFixture) func() error {
			// A DID publishes a list for moe, is unbound, handed to mof's
			// accounts and bound to mof: mof's issuer may not change moe's list.
			did := f.createDid("moving", issAdmin("moe"), issOp)
			f.bind(did, "moe")
			res, err := f.msg.CreateStatusList(f.ctx, &types.MsgCreateStatusList{Signer: f.s(issOp), IssuerDid: did, Purpose: susp, Entries: types.MinStatusListEntries})
			require.NoError(f.t, err)
			_, err = f.msg.UnbindIssuer(f.ctx, &types.MsgUnbindIssuer{Signer: f.k.GetAuthority(), Did: did})
			require.NoError(f.t, err)
			_, err = f.msg.UpdateDid(f.ctx, &types.MsgUpdateDid{Signer: f.s(issOp), Document: issDoc("moving", f.s(issAdmin("mof")), f.s(issOtherOp)), VersionId: "1"})
			require.NoError(f.t, err)
			f.bind(did, "mof")
			return func() error {
				_, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOtherOp), ListId: res.Id, Changes: []types.StatusChange{issSet(1)}})
				return err
			}
		}, types.ErrNotIssuerOfList},
	})
}

func TestUpdateStatusListIndexErrorNamesIndexAndSize(t *testing.T) {
	// ARRANGE
	f := newIssFixture(t)
	id := f.createList(types.StatusPurposeSuspension)

	// ACT
	_, err := f.msg.UpdateStatusList(f.ctx, &types.MsgUpdateStatusList{Signer: f.s(issOp), ListId: id, Changes: []types.StatusChange{issSet(131072)}})

	// ASSERT
	require.ErrorIs(t, err, types.ErrIndexOutOfRange)
	require.ErrorContains(t, err, "index 131072")
	require.ErrorContains(t, err, "131072 entries")
}

package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/voucher/types"
)

func TestAllocate(t *testing.T) {
	// ARRANGE: 800 000 escrowed.
	f := newFixture(t)
	id := f.active(800_000, nil)
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT: two holders in one message.
	res, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: []types.AllocationEntry{
		{Address: s(f.holder), Amount: amt(400_000), DistrictCode: busanjin},
		{Address: s(f.holder2), Amount: amt(300_000), DistrictCode: dongnae},
	}})

	// ASSERT: minted fully backed, counted, holders indexed, one event each.
	require.NoError(t, err)
	require.Equal(t, amt(700_000), res.Total)
	require.Equal(t, int64(400_000), f.bal(f.holder, "voucher/1"))
	require.Equal(t, int64(300_000), f.bal(f.holder2, "voucher/1"))
	p := f.program(id)
	require.Equal(t, amt(700_000), p.Budget.Issued)
	require.Equal(t, amt(700_000), p.Budget.Outstanding)
	require.Equal(t, uint64(2), p.AllocationsCount)
	has, err := f.k.Holders.Has(f.Ctx, collections.Join(id, f.holder))
	require.NoError(t, err)
	require.True(t, has)
	events := f.Events.Read(f.Ctx, "civic.voucher.v1")
	require.Len(t, events, 2)
	require.Equal(t, &types.EventVouchersAllocated{ProgramId: id, AgencyId: busan, Holder: s(f.holder), Amount: amt(400_000), DistrictCode: busanjin}, events[0])
	stats, err := f.qs.UsageStats(f.Ctx, &types.QueryUsageStatsRequest{ProgramId: id, District: dongnae})
	require.NoError(t, err)
	require.Equal(t, types.Usage{Count: 1, Amount: amt(300_000)}, stats.DistrictAllocations)
	require.Equal(t, int64(700_000), f.Bank.GetSupply(f.Ctx, "voucher/1").Amount.Int64())
	f.requireSound()
}

func TestAllocateRejected(t *testing.T) {
	entry := func(a sdk.AccAddress, n int64, d string) []types.AllocationEntry {
		return []types.AllocationEntry{{Address: s(a), Amount: amt(n), DistrictCode: d}}
	}
	for _, tc := range []struct {
		name  string
		setup func(f *fixture, id uint64)
		msg   func(f *fixture, id uint64) *types.MsgAllocate
		want  error
	}{
		{"no entries", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id}
		}, types.ErrInvalidEntries},
		{"too many entries", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			es := make([]types.AllocationEntry, types.DefaultMaxAllocationEntries+1)
			for i := range es {
				es[i] = types.AllocationEntry{Address: s(sdk.AccAddress([]byte{byte(i), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})), Amount: amt(1), DistrictCode: busanjin}
			}
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: es}
		}, types.ErrInvalidEntries},
		{"an address twice", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: append(entry(f.holder, 1, busanjin), entry(f.holder, 1, busanjin)...)}
		}, types.ErrInvalidEntries},
		{"zero amount", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 0, busanjin)}
		}, types.ErrInvalidAmount},
		{"bad district", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 1, "2623x")}
		}, types.ErrInvalidDistrict},
		{"district outside the program", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 1, jongno)}
		}, types.ErrDistrictNotInProgram},
		{"another agency's issuer", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer2), ProgramId: id, Entries: entry(f.holder, 1, busanjin)}
		}, types.ErrWrongAgency},
		{"outsider", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.outsider), ProgramId: id, Entries: entry(f.holder, 1, busanjin)}
		}, agencytypes.ErrNotMember},
		{"over escrow", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: append(entry(f.holder, 400_000, busanjin), entry(f.holder2, 400_001, busanjin)...)}
		}, types.ErrNotBacked},
		{"over the holder cap", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 500_001, busanjin)}
		}, types.ErrOverHolderCap},
		{"over the holder cap with what it holds", func(f *fixture, id uint64) { f.allocate(id, f.holder, 300_000, busanjin) },
			func(f *fixture, id uint64) *types.MsgAllocate {
				return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 200_001, busanjin)}
			}, types.ErrOverHolderCap},
		{"to a merchant of the program", func(f *fixture, id uint64) { f.approvedShop(id) }, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.shop, 1, busanjin)}
		}, types.ErrHolderIsMerchant},
		{"to a module account", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.moduleAddr(), 1, busanjin)}
		}, types.ErrBlockedAddress},
		{"program suspended", func(f *fixture, id uint64) {
			_, err := f.ms.SetProgramStatus(f.Ctx, &types.MsgSetProgramStatus{Signer: s(f.issuer), ProgramId: id, Status: types.ProgramStatusSuspended})
			require.NoError(f.t, err)
		}, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 1, busanjin)}
		}, types.ErrProgramNotIssuing},
		{"after expiry", func(f *fixture, _ uint64) { f.at(expires) }, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: entry(f.holder, 1, busanjin)}
		}, types.ErrProgramExpired},
		{"bad holder address", nil, func(f *fixture, id uint64) *types.MsgAllocate {
			return &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id, Entries: []types.AllocationEntry{{Address: "x", Amount: amt(1), DistrictCode: busanjin}}}
		}, sdkerrors.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			id := f.active(800_000, nil)
			if tc.setup != nil {
				tc.setup(f, id)
			}
			msg := tc.msg(f, id)
			f.rejected(tc.want, func() error { _, err := f.ms.Allocate(f.Ctx, msg); return err })
		})
	}
}

func TestAllocateNotYetStartedOrDraft(t *testing.T) {
	// ARRANGE: a DRAFT program, and an ACTIVE one starting tomorrow.
	f := newFixture(t)
	draft := f.create(nil)
	f.fund(draft, f.issuer, 10)
	later := f.active(10, func(m *types.MsgCreateProgram) { m.StartsAt = T0.Add(24 * time.Hour) })

	// ACT, ASSERT
	for _, id := range []uint64{draft, later} {
		f.rejected(types.ErrProgramNotIssuing, func() error {
			_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
				Entries: []types.AllocationEntry{{Address: s(f.holder), Amount: amt(1), DistrictCode: busanjin}}})
			return err
		})
	}
}

func TestAllocateOverBudget(t *testing.T) {
	// ARRANGE: cap 1 000 000, fully funded, 900 000 issued and 600 000 redeemed-equivalent
	// escrow left: issuing is bounded by the cap, not only by the escrow.
	f := newFixture(t)
	id := f.active(1_000_000, nil)
	f.allocate(id, f.holder, 500_000, busanjin)
	f.allocate(id, f.holder2, 500_000, busanjin)

	// ACT, ASSERT
	f.rejected(types.ErrOverBudget, func() error {
		_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
			Entries: []types.AllocationEntry{{Address: s(f.holder3), Amount: amt(1), DistrictCode: busanjin}}})
		return err
	})
}

func TestAllocateOnCredentialProgram(t *testing.T) {
	f := newFixture(t)
	id := f.active(100, func(m *types.MsgCreateProgram) {
		m.Eligibility, m.SchemaId = types.EligibilityCredential, 1
		m.AmountByClass = []types.ClassAmount{{Class: "ONE", Amount: amt(10)}}
	})
	f.rejected(types.ErrEligibility, func() error {
		_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
			Entries: []types.AllocationEntry{{Address: s(f.holder), Amount: amt(1), DistrictCode: busanjin}}})
		return err
	})
}

func TestKeeperAllocate(t *testing.T) {
	// ARRANGE: welfare is an allocator agency of a busan program.
	f := newFixture(t)
	id := f.active(1_000, func(m *types.MsgCreateProgram) { m.AllocatorAgencies = []string{welfare} })
	f.Ctx = f.Events.Fresh(f.Ctx)

	// ACT
	err := f.k.Allocate(f.Ctx, id, welfare, f.holder, amt(300))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, int64(300), f.bal(f.holder, "voucher/1"))
	require.Equal(t, uint64(1), f.program(id).AllocationsCount)
	f.Events.RequireOnly(f.Ctx, "civic.voucher.v1", &types.EventVouchersAllocated{ProgramId: id, AgencyId: welfare, Holder: s(f.holder), Amount: amt(300)})
	f.requireSound()

	// Rejected: an agency that is not an allocator (the program's own agency included),
	// a bad recipient, an unknown program, an amount out of bounds, over escrow.
	for _, tc := range []struct {
		name string
		act  func() error
		want error
	}{
		{"not an allocator", func() error { return f.k.Allocate(f.Ctx, id, seoul, f.holder2, amt(1)) }, types.ErrNotAllocator},
		{"the program's agency", func() error { return f.k.Allocate(f.Ctx, id, busan, f.holder2, amt(1)) }, types.ErrNotAllocator},
		{"no recipient", func() error { return f.k.Allocate(f.Ctx, id, welfare, nil, amt(1)) }, types.ErrInvalidEntries},
		{"unknown program", func() error { return f.k.Allocate(f.Ctx, 9, welfare, f.holder2, amt(1)) }, types.ErrProgramNotFound},
		{"zero", func() error { return f.k.Allocate(f.Ctx, id, welfare, f.holder2, amt(0)) }, types.ErrInvalidAmount},
		{"over escrow", func() error { return f.k.Allocate(f.Ctx, id, welfare, f.holder2, amt(701)) }, types.ErrNotBacked},
	} {
		t.Run(tc.name, func(t *testing.T) { f.t = t; f.rejected(tc.want, tc.act) })
	}
}

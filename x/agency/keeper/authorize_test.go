package keeper_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	corestore "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/agency/types"
)

func TestAuthorize(t *testing.T) {
	expiry := testkeeper.BlockTime.Add(time.Hour)
	temp := addr(21)
	setup := func(f *fixture) {
		twoAgencies(f)
		f.addMember("knpa", knpaAdmin, temp, &expiry, roleInvestigator)
	}
	cases := []struct {
		name     string
		arrange  func(f *fixture)
		addr     sdk.AccAddress
		role     string
		err      error
		contains []string
		agency   string
	}{
		{name: "member with the role", addr: officer, role: roleInvestigator, agency: "knpa"},
		{name: "member of another agency with its role", addr: inspector, role: roleCertifier, agency: "mfds"},
		{name: "unknown role comes first", addr: stranger, role: "evidence.judge", err: types.ErrUnknownRole,
			contains: []string{"evidence.judge"}},
		{name: "malformed role is unknown", addr: officer, role: "", err: types.ErrUnknownRole},
		{name: "not a member", addr: stranger, role: roleInvestigator, err: types.ErrNotMember},
		{name: "empty address", addr: nil, role: roleInvestigator, err: types.ErrNotMember},
		{name: "admin without membership is not a member", addr: knpaAdmin, role: roleInvestigator, err: types.ErrNotMember},
		{
			name: "suspended agency", addr: officer, role: roleInvestigator, err: types.ErrAgencyNotActive,
			arrange:  func(f *fixture) { f.setStatus("knpa", types.AgencyStatusSuspended) },
			contains: []string{"knpa", "SUSPENDED"},
		},
		{
			name: "suspended agency comes before a missing role", addr: officer, role: roleCustodian, err: types.ErrAgencyNotActive,
			arrange: func(f *fixture) { f.setStatus("knpa", types.AgencyStatusSuspended) },
		},
		{
			name: "restored agency", addr: officer, role: roleInvestigator, agency: "knpa",
			arrange: func(f *fixture) {
				f.setStatus("knpa", types.AgencyStatusSuspended)
				f.setStatus("knpa", types.AgencyStatusActive)
			},
		},
		{
			name: "retired agency", addr: officer, role: roleInvestigator, err: types.ErrAgencyNotActive,
			arrange:  func(f *fixture) { f.setStatus("knpa", types.AgencyStatusRetired) },
			contains: []string{"RETIRED"},
		},
		{
			name: "one second before expiry", addr: temp, role: roleInvestigator, agency: "knpa",
			arrange: func(f *fixture) { f.ctx = f.ctx.WithBlockTime(expiry.Add(-time.Second)) },
		},
		{
			name: "expired exactly at expires_at", addr: temp, role: roleInvestigator, err: types.ErrMembershipExpired,
			arrange:  func(f *fixture) { f.ctx = f.ctx.WithBlockTime(expiry) },
			contains: []string{"knpa", "expired at 2026-01-01T01:00:00Z"},
		},
		{
			name: "expired later", addr: temp, role: roleInvestigator, err: types.ErrMembershipExpired,
			arrange: func(f *fixture) { f.ctx = f.ctx.WithBlockTime(expiry.Add(24 * time.Hour)) },
		},
		{
			name: "expiry is checked before the role", addr: temp, role: roleCustodian, err: types.ErrMembershipExpired,
			arrange: func(f *fixture) { f.ctx = f.ctx.WithBlockTime(expiry) },
		},
		{name: "role of the agency not held by the member", addr: officer, role: roleCustodian, err: types.ErrRoleNotHeld,
			contains: []string{roleCustodian, `"knpa"`}},
		{name: "role of another agency", addr: officer, role: roleCertifier, err: types.ErrRoleNotHeld},
		{
			name: "role withdrawn from the agency", addr: officer, role: roleInvestigator, err: types.ErrRoleNotHeld,
			arrange: func(f *fixture) {
				_, err := f.ms.SetAgencyRoles(f.ctx, &types.MsgSetAgencyRoles{Authority: f.authority, AgencyId: "knpa", Roles: []string{roleCustodian}})
				require.NoError(f.t, err)
			},
		},
		{
			name: "removed member", addr: officer, role: roleInvestigator, err: types.ErrNotMember,
			arrange: func(f *fixture) {
				_, err := f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: f.str(officer)})
				require.NoError(f.t, err)
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newFixture(t)
			setup(f)
			if tc.arrange != nil {
				tc.arrange(f)
			}
			before := f.export()

			// ACT
			id, err := f.k.Authorize(f.ctx, tc.addr, tc.role)

			// ASSERT
			require.Equal(t, before, f.export(), "Authorize never writes")
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				require.Empty(t, id, "no agency id with an error")
				for _, s := range tc.contains {
					require.Contains(t, err.Error(), s)
				}
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.agency, id)
		})
	}
}

func TestAuthorizeErrorsAreDistinct(t *testing.T) {
	errs := []error{types.ErrUnknownRole, types.ErrNotMember, types.ErrAgencyNotActive, types.ErrMembershipExpired, types.ErrRoleNotHeld}
	seen := map[uint32]bool{}
	for _, e := range errs {
		c := e.(*errorsmod.Error).ABCICode()
		require.GreaterOrEqual(t, c, uint32(2))
		require.False(t, seen[c], "duplicate code %d", c)
		seen[c] = true
		require.Equal(t, types.ModuleName, e.(*errorsmod.Error).Codespace())
	}
}

// countingService counts the reads (Get and Has) of the store under a keeper.
type countingService struct {
	inner corestore.KVStoreService
	reads *int
}

func (s countingService) OpenKVStore(ctx context.Context) corestore.KVStore {
	return countingStore{KVStore: s.inner.OpenKVStore(ctx), reads: s.reads}
}

type countingStore struct {
	corestore.KVStore
	reads *int
}

func (s countingStore) Get(key []byte) ([]byte, error) { *s.reads++; return s.KVStore.Get(key) }
func (s countingStore) Has(key []byte) (bool, error)   { *s.reads++; return s.KVStore.Has(key) }
func (s countingStore) Iterator(start, end []byte) (corestore.Iterator, error) {
	*s.reads += 1000 // an iteration is never acceptable in Authorize
	return s.KVStore.Iterator(start, end)
}

func TestAuthorizeReadsTwoKeys(t *testing.T) {
	// ARRANGE: a keeper over a store that counts reads.
	key := storetypes.NewKVStoreKey(types.StoreKey)
	ctx := testutil.DefaultContextWithDB(t, key, storetypes.NewTransientStoreKey("t")).Ctx.WithBlockTime(testkeeper.BlockTime)
	reads := 0
	enc := moduletestutil.MakeTestEncodingConfig()
	k := keeper.NewKeeper(enc.Codec, countingService{runtime.NewKVStoreService(key), &reads},
		addresscodec.NewBech32Codec("civic"), testkeeper.AgencyAuthority().String(), catalog)
	require.NoError(t, k.Params.Set(ctx, types.DefaultParams()))
	testkeeper.RegisterTestAgency(t, k, ctx, "knpa", knpaAdmin, roleInvestigator, roleCustodian)
	testkeeper.AddTestMember(t, k, ctx, "knpa", knpaAdmin, officer, roleInvestigator)

	for _, role := range []string{roleInvestigator, roleCustodian} {
		reads = 0
		// ACT
		_, _ = k.Authorize(ctx, officer, role)
		// ASSERT
		require.Equal(t, 2, reads, "Authorize(%s) must read the member and the agency only", role)
	}
	reads = 0
	_, err := k.Authorize(ctx, stranger, roleInvestigator)
	require.ErrorIs(t, err, types.ErrNotMember)
	require.Equal(t, 1, reads)
	reads = 0
	_, err = k.Authorize(ctx, officer, "nobody.knows")
	require.ErrorIs(t, err, types.ErrUnknownRole)
	require.Equal(t, 0, reads, "an unknown role is rejected without touching the store")
}

func BenchmarkAuthorize(b *testing.B) {
	k, ctx := testkeeper.AgencyKeeper(b, catalog...)
	testkeeper.RegisterTestAgency(b, k, ctx, "knpa", knpaAdmin, roleInvestigator, roleCustodian)
	testkeeper.AddTestMember(b, k, ctx, "knpa", knpaAdmin, officer, roleInvestigator, roleCustodian)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := k.Authorize(ctx, officer, roleCustodian); err != nil {
			b.Fatal(err)
		}
	}
}

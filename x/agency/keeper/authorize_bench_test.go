package keeper_test

import (
	"encoding/binary"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

func benchAddr(i int) sdk.AccAddress {
	b := make([]byte, 20)
	copy(b, "bench-member")
	binary.BigEndian.PutUint32(b[16:], uint32(i))
	return b
}

// BenchmarkAuthorizeManyMembers measures x/agency's Authorize (two store reads: member by
// address, then its agency) on a store with 1,000 members of 10 agencies, for an
// authorised member, a member without the role, and a non-member.
func BenchmarkAuthorizeManyMembers(b *testing.B) {
	k, ctx := testkeeper.AgencyKeeper(b, evidencetypes.Roles()...)
	const agencies, perAgency = 10, 100
	for a := 0; a < agencies; a++ {
		id := "agency-" + string(rune('a'+a))
		admin := benchAddr(1_000_000 + a)
		testkeeper.RegisterTestAgency(b, k, ctx, id, admin, evidencetypes.RoleInvestigator, evidencetypes.RoleCustodian)
		for m := 0; m < perAgency; m++ {
			testkeeper.AddTestMember(b, k, ctx, id, admin, benchAddr(a*perAgency+m), evidencetypes.RoleInvestigator)
		}
	}
	cases := []struct {
		name string
		addr func(i int) sdk.AccAddress
		role string
		ok   bool
	}{
		{"member-ok", func(i int) sdk.AccAddress { return benchAddr(i % (agencies * perAgency)) }, evidencetypes.RoleInvestigator, true},
		{"member-role-not-held", func(i int) sdk.AccAddress { return benchAddr(i % (agencies * perAgency)) }, evidencetypes.RoleAuditor, false},
		{"not-member", func(i int) sdk.AccAddress { return benchAddr(2_000_000 + i%1000) }, evidencetypes.RoleInvestigator, false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			addrs := make([]sdk.AccAddress, 1024)
			for i := range addrs {
				addrs[i] = c.addr(i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			granted := 0
			for i := 0; i < b.N; i++ {
				_, err := k.Authorize(ctx, addrs[i%len(addrs)], c.role)
				if err == nil {
					granted++
				}
			}
			b.StopTimer()
			if c.ok {
				require.Equal(b, b.N, granted, "every call must be authorised")
			} else {
				require.Zero(b, granted, "no call may be authorised")
			}
		})
	}
}

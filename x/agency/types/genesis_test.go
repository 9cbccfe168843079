package types_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	_ "github.com/civicchain/civic/testutil/keeper" // civic bech32 prefixes
	"github.com/civicchain/civic/x/agency/types"
)

func addr(i byte) string {
	b := make([]byte, 20)
	for j := range b {
		b[j] = i
	}
	return sdk.AccAddress(b).String()
}

func validGenesis() types.GenesisState {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return types.GenesisState{
		Params: types.DefaultParams(),
		Agencies: []types.Agency{
			{Id: "knpa", Name: "경찰청", Admin: addr(1), Roles: []string{"evidence.custodian", "evidence.investigator"}, Status: types.AgencyStatusActive, RegisteredAt: t0, UpdatedAt: t0},
			{Id: "mfds", Name: "식품의약품안전처", Admin: addr(2), Roles: []string{"haccp.certifier"}, Status: types.AgencyStatusSuspended, RegisteredAt: t0, UpdatedAt: t0},
		},
		Members: []types.Member{
			{AgencyId: "knpa", Address: addr(10), Roles: []string{"evidence.investigator"}, AddedAt: t0},
			{AgencyId: "knpa", Address: addr(1), Roles: []string{"evidence.custodian"}, AddedAt: t0}, // admin of its own agency
			{AgencyId: "mfds", Address: addr(11), AddedAt: t0},
		},
	}
}

func TestGenesisValidate(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(gs *types.GenesisState)
		errMsg string // "" = valid
	}{
		{"valid", func(*types.GenesisState) {}, ""},
		{"default", func(gs *types.GenesisState) { *gs = *types.DefaultGenesis() }, ""},
		{"bad params", func(gs *types.GenesisState) { gs.Params.MaxMembersPerAgency = 0 }, "max_members_per_agency"},
		{"bad slug", func(gs *types.GenesisState) { gs.Agencies[0].Id = "KNPA"; gs.Members = nil }, "does not match"},
		{"duplicate agency", func(gs *types.GenesisState) {
			gs.Agencies[1].Id = "knpa"
			gs.Members = nil
		}, "duplicate agency"},
		{"empty name", func(gs *types.GenesisState) { gs.Agencies[0].Name = "" }, "name"},
		{"oversize name", func(gs *types.GenesisState) { gs.Agencies[0].Name = strings.Repeat("a", types.MaxNameLength+1) }, "name"},
		{"bad admin", func(gs *types.GenesisState) { gs.Agencies[0].Admin = "civic1bad" }, "admin"},
		{"foreign admin prefix", func(gs *types.GenesisState) {
			foreign, err := bech32.ConvertAndEncode("cosmos", sdk.MustAccAddressFromBech32(addr(1)))
			if err != nil {
				panic(err)
			}
			gs.Agencies[0].Admin = foreign
		}, "invalid Bech32 prefix"},
		{"admin of two agencies", func(gs *types.GenesisState) { gs.Agencies[1].Admin = addr(1) }, "already belongs"},
		{"unspecified status", func(gs *types.GenesisState) { gs.Agencies[0].Status = types.AgencyStatusUnspecified }, "status"},
		{"unsorted roles", func(gs *types.GenesisState) {
			gs.Agencies[0].Roles = []string{"evidence.investigator", "evidence.custodian"}
		}, "sorted"},
		{"duplicate agency role", func(gs *types.GenesisState) {
			gs.Agencies[0].Roles = []string{"evidence.custodian", "evidence.custodian"}
		}, "duplicate role"},
		{"malformed role", func(gs *types.GenesisState) { gs.Agencies[1].Roles = []string{"haccp"} }, "role name"},
		{"member of unknown agency", func(gs *types.GenesisState) { gs.Members[0].AgencyId = "kcg" }, "does not exist"},
		{"bad member address", func(gs *types.GenesisState) { gs.Members[0].Address = "x" }, "address"},
		{"duplicate member", func(gs *types.GenesisState) { gs.Members[2].Address = addr(10); gs.Members[2].AgencyId = "knpa" }, "duplicate member"},
		{"member is admin of another agency", func(gs *types.GenesisState) { gs.Members[0].Address = addr(2) }, "already belongs"},
		{"member is member of another agency", func(gs *types.GenesisState) { gs.Members[2].Address = addr(10) }, "duplicate member"},
		{"member role outside its agency", func(gs *types.GenesisState) { gs.Members[0].Roles = []string{"haccp.certifier"} }, "does not have"},
		{"unsorted member roles", func(gs *types.GenesisState) {
			gs.Members[0].Roles = []string{"evidence.investigator", "evidence.custodian"}
		}, "sorted"},
		// Governance may lower the param below an agency's count; that state exports and imports.
		{"more members than a lowered param", func(gs *types.GenesisState) { gs.Params.MaxMembersPerAgency = 1 }, ""},
		{"more members than the hard limit", func(gs *types.GenesisState) {
			for i := range types.MaxMembersPerAgencyLimit {
				b := make([]byte, 20)
				b[0], b[1], b[2] = 0xee, byte(i>>8), byte(i)
				gs.Members = append(gs.Members, types.Member{AgencyId: "mfds", Address: sdk.AccAddress(b).String()})
			}
		}, "more than 10000 members"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := validGenesis()
			tc.mutate(&gs)
			err := gs.Validate()
			if tc.errMsg == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.errMsg)
		})
	}
}

func TestStatusTransitions(t *testing.T) {
	all := []types.AgencyStatus{types.AgencyStatusUnspecified, types.AgencyStatusActive, types.AgencyStatusSuspended, types.AgencyStatusRetired}
	legal := 0
	for _, from := range all {
		for _, to := range all {
			if err := types.ValidateStatusTransition(from, to); err == nil {
				legal++
				require.NotEqual(t, types.AgencyStatusRetired, from, "RETIRED is final")
				require.NotEqual(t, from, to)
			} else {
				require.Contains(t, err.Error(), types.StatusName(from))
				require.Contains(t, err.Error(), types.StatusName(to))
			}
		}
	}
	require.Equal(t, 4, legal)
}

func TestParamsValidate(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	require.NoError(t, maxMembers(types.MaxMembersPerAgencyLimit).Validate())
	require.ErrorIs(t, types.Params{}.Validate(), types.ErrInvalidParams)
	require.ErrorIs(t, maxMembers(types.MaxMembersPerAgencyLimit+1).Validate(), types.ErrInvalidParams)
	for name, mutate := range map[string]func(p *types.Params){
		"offer ttl under an hour":     func(p *types.Params) { p.OfferTtlSeconds = types.MinOfferTTLSeconds - 1 },
		"offer ttl over 90 days":      func(p *types.Params) { p.OfferTtlSeconds = types.MaxOfferTTLSeconds + 1 },
		"no pending offers allowed":   func(p *types.Params) { p.MaxPendingOffersPerAgency = 0 },
		"pending offers over ceiling": func(p *types.Params) { p.MaxPendingOffersPerAgency = types.MaxPendingOffersPerAgencyLimit + 1 },
	} {
		p := types.DefaultParams()
		mutate(&p)
		require.ErrorIs(t, p.Validate(), types.ErrInvalidParams, name)
	}
}

func TestRoleDefinitionValidate(t *testing.T) {
	require.NoError(t, types.RoleDefinition{Name: "evidence.investigator", Module: "digitalevidence", Description: "d"}.Validate())
	for _, bad := range []types.RoleDefinition{
		{Name: "investigator", Module: "m"},
		{Name: "evidence.", Module: "m"},
		{Name: ".investigator", Module: "m"},
		{Name: "Evidence.investigator", Module: "m"},
		{Name: "evidence.investigator.lead", Module: "m"},
		{Name: "evidence.investigator"},
		{Name: "evidence.investigator", Module: "m", Description: strings.Repeat("d", types.MaxRoleDescriptionLength+1)},
		{Name: "e." + strings.Repeat("a", types.MaxRoleNameLength), Module: "m"},
	} {
		require.Error(t, bad.Validate(), "%+v", bad)
	}
}

// maxMembers returns the default params with max_members_per_agency = n.
func maxMembers(n uint32) types.Params {
	p := types.DefaultParams()
	p.MaxMembersPerAgency = n
	return p
}

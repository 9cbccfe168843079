package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/haccp/types"
)

func TestParams(t *testing.T) {
	p := types.DefaultParams()
	require.NoError(t, p.Validate())
	require.Equal(t, uint32(50), p.MaxItemsPerDeclaration)
	require.Equal(t, uint32(200), p.MaxRecallTargets)
	require.Equal(t, uint32(100), p.MaxStaffPerFacility)

	for _, tc := range []struct {
		name string
		mod  func(*types.Params)
		ok   bool
	}{
		{"max items at bound", func(p *types.Params) { p.MaxItemsPerDeclaration = types.MaxMaxItemsPerDeclaration }, true},
		{"zero items", func(p *types.Params) { p.MaxItemsPerDeclaration = 0 }, false},
		{"too many items", func(p *types.Params) { p.MaxItemsPerDeclaration = types.MaxMaxItemsPerDeclaration + 1 }, false},
		{"recall targets at bound", func(p *types.Params) { p.MaxRecallTargets = types.MaxMaxRecallTargets }, true},
		{"zero recall targets", func(p *types.Params) { p.MaxRecallTargets = 0 }, false},
		{"too many recall targets", func(p *types.Params) { p.MaxRecallTargets = types.MaxMaxRecallTargets + 1 }, false},
		{"staff at bound", func(p *types.Params) { p.MaxStaffPerFacility = types.MaxMaxStaffPerFacility }, true},
		{"zero staff", func(p *types.Params) { p.MaxStaffPerFacility = 0 }, false},
		{"too many staff", func(p *types.Params) { p.MaxStaffPerFacility = types.MaxMaxStaffPerFacility + 1 }, false},
	} {
		p := types.DefaultParams()
		tc.mod(&p)
		err := p.Validate()
		if tc.ok {
			require.NoError(t, err, tc.name)
		} else {
			require.ErrorIs(t, err, types.ErrInvalidParams, tc.name)
		}
	}
}

package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/x/disaster/types"
)

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	f.fresh()
	p := types.Params{MaxDistrictsPerIncident: 10, MaxRevisionsPerIncident: 5, MaxAlertsPerIncident: 20}

	// ACT
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.gov(), Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	f.only(&types.EventParamsUpdated{Authority: f.gov(), Params: p})
}

func TestUpdateParamsRejections(t *testing.T) {
	for _, tc := range []struct {
		name      string
		authority func(f *fixture) string
		params    types.Params
		want      error
	}{
		{"not the authority", func(f *fixture) string { return f.s(coord) }, types.DefaultParams(), govtypes.ErrInvalidSigner},
		{"bad authority address", func(*fixture) string { return "gov" }, types.DefaultParams(), sdkerrors.ErrInvalidAddress},
		{"zero districts", (*fixture).gov, types.Params{MaxDistrictsPerIncident: 0, MaxRevisionsPerIncident: 1, MaxAlertsPerIncident: 1}, types.ErrInvalidParams},
		{"districts above 64", (*fixture).gov, types.Params{MaxDistrictsPerIncident: 65, MaxRevisionsPerIncident: 1, MaxAlertsPerIncident: 1}, types.ErrInvalidParams},
		{"zero revisions", (*fixture).gov, types.Params{MaxDistrictsPerIncident: 1, MaxRevisionsPerIncident: 0, MaxAlertsPerIncident: 1}, types.ErrInvalidParams},
		{"revisions above bound", (*fixture).gov, types.Params{MaxDistrictsPerIncident: 1, MaxRevisionsPerIncident: types.MaxMaxRevisionsPerIncident + 1, MaxAlertsPerIncident: 1}, types.ErrInvalidParams},
		{"alerts above bound", (*fixture).gov, types.Params{MaxDistrictsPerIncident: 1, MaxRevisionsPerIncident: 1, MaxAlertsPerIncident: types.MaxMaxAlertsPerIncident + 1}, types.ErrInvalidParams},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			msg := &types.MsgUpdateParams{Authority: tc.authority(f), Params: tc.params}
			f.rejected(tc.want, func() error { _, err := f.msg.UpdateParams(f.ctx, msg); return err })
		})
	}
}

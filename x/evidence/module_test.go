package evidence_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/evidence"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

func TestModuleBasics(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	am := evidence.NewAppModule(keeper.Keeper{})
	require.Equal(t, "digitalevidence", am.Name())
	require.Equal(t, uint64(evidence.ConsensusVersion), am.ConsensusVersion())

	am.RegisterInterfaces(enc.InterfaceRegistry)
	am.RegisterLegacyAminoCodec(enc.Amino) // panics on an amino name over 39 characters
	require.NoError(t, enc.InterfaceRegistry.EnsureRegistered(&types.MsgRecordCourtDecision{}))
	// Every Msg has a valid cosmos.msg.v1.signer field (what a hand-wired app checks at start).
	require.NoError(t, enc.InterfaceRegistry.SigningContext().Validate())

	var gs types.GenesisState
	require.NoError(t, enc.Codec.UnmarshalJSON(am.DefaultGenesis(enc.Codec), &gs))
	require.NoError(t, gs.Validate())
	require.Equal(t, types.DefaultParams(), gs.Params)
	require.Equal(t, uint64(1), gs.NextCaseId)
	require.Equal(t, uint64(1), gs.NextEvidenceId)
}

func TestModuleGenesisJSONRoundTrip(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	k, _, ctx := testkeeper.EvidenceKeeper(t)
	am := evidence.NewAppModule(k)

	bz := am.DefaultGenesis(enc.Codec)
	require.NoError(t, am.ValidateGenesis(enc.Codec, nil, bz))
	am.InitGenesis(ctx, enc.Codec, bz)
	require.JSONEq(t, string(bz), string(am.ExportGenesis(ctx, enc.Codec)))

	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`{"next_case_id":"0"}`)))
	require.Error(t, am.ValidateGenesis(enc.Codec, nil, []byte(`not json`)))
}

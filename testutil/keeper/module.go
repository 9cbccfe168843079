package keeper

import (
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
)

// TestedModule is the part of a module's AppModule that RequireModuleBasics and
// RequireGenesisJSONRoundTrip check.
type TestedModule interface {
	module.HasGenesis
	Name() string
	ConsensusVersion() uint64
	RegisterInterfaces(codectypes.InterfaceRegistry)
	RegisterLegacyAminoCodec(*codec.LegacyAmino)
}

// ValidatedGenesis is a module's genesis state message.
type ValidatedGenesis interface {
	proto.Message
	Validate() error
}

// RequireModuleBasics checks am's name and consensus version; registers its interfaces
// and amino names in a fresh encoding config (amino panics on a name over 39 characters)
// and requires msg to be registered and every Msg's cosmos.msg.v1.signer field to be
// valid (what a hand-wired app checks at start); and decodes am's default genesis into
// gs, which must validate.
func RequireModuleBasics(t testing.TB, am TestedModule, name string, version uint64, msg sdk.Msg, gs ValidatedGenesis) {
	t.Helper()
	enc := moduletestutil.MakeTestEncodingConfig()
	require.Equal(t, name, am.Name())
	require.Equal(t, version, am.ConsensusVersion())

	am.RegisterInterfaces(enc.InterfaceRegistry)
	am.RegisterLegacyAminoCodec(enc.Amino)
	require.NoError(t, enc.InterfaceRegistry.EnsureRegistered(msg))
	require.NoError(t, enc.InterfaceRegistry.SigningContext().Validate())

	require.NoError(t, enc.Codec.UnmarshalJSON(am.DefaultGenesis(enc.Codec), gs))
	require.NoError(t, gs.Validate())
}

// RequireGenesisJSONRoundTrip requires am's default genesis JSON to validate, import
// at ctx and export unchanged, and the JSON invalid (a genesis that does not validate)
// and malformed JSON to be refused.
func RequireGenesisJSONRoundTrip(t testing.TB, am TestedModule, ctx sdk.Context, invalid string) {
	t.Helper()
	cdc := moduletestutil.MakeTestEncodingConfig().Codec
	bz := am.DefaultGenesis(cdc)
	require.NoError(t, am.ValidateGenesis(cdc, nil, bz))
	am.InitGenesis(ctx, cdc, bz)
	require.JSONEq(t, string(bz), string(am.ExportGenesis(ctx, cdc)))

	require.Error(t, am.ValidateGenesis(cdc, nil, []byte(invalid)))
	require.Error(t, am.ValidateGenesis(cdc, nil, []byte(`not json`)))
}

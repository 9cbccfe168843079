// Package network starts in-process civic networks (real CometBFT nodes
// running the real app) for integration tests, on top of the SDK's
// testutil/network.
package network

import (
	"os"
	"testing"
	"time"

	"cosmossdk.io/log"
	pruningtypes "cosmossdk.io/store/pruning/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	sdknetwork "github.com/cosmos/cosmos-sdk/testutil/network"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/civicchain/civic/app"
)

// ChainID is the chain-id of in-process test networks.
const ChainID = "civic-test-1"

type (
	// Network is a running in-process network.
	Network = sdknetwork.Network
	// Config configures a network before it starts.
	Config = sdknetwork.Config
)

// DefaultConfig returns a network config running civic's app with ucivic,
// zero minimum gas prices and one-second blocks.
func DefaultConfig() Config {
	tempApp := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(os.TempDir()))
	encoding := moduletestutil.TestEncodingConfig{
		InterfaceRegistry: tempApp.InterfaceRegistry(),
		Codec:             tempApp.AppCodec(),
		TxConfig:          tempApp.TxConfig(),
		Amino:             tempApp.LegacyAmino(),
	}
	cfg := sdknetwork.DefaultConfig(func() sdknetwork.TestFixture {
		return sdknetwork.TestFixture{
			AppConstructor: func(val sdknetwork.ValidatorI) servertypes.Application {
				appCfg := val.GetAppConfig()
				return app.New(
					val.GetCtx().Logger, dbm.NewMemDB(), nil, true,
					simtestutil.NewAppOptionsWithFlagHome(val.GetCtx().Config.RootDir),
					baseapp.SetPruning(pruningtypes.NewPruningOptionsFromString(appCfg.Pruning)),
					baseapp.SetMinGasPrices(appCfg.MinGasPrices),
					baseapp.SetChainID(ChainID),
				)
			},
			GenesisState:   tempApp.DefaultGenesis(),
			EncodingConfig: encoding,
		}
	})
	cfg.ChainID = ChainID
	cfg.BondDenom = app.BondDenom
	cfg.MinGasPrices = "0" + app.BondDenom
	cfg.TimeoutCommit = time.Second
	cfg.NumValidators = 1
	return cfg
}

// New starts a network with cfg and stops it when the test ends.
func New(t testing.TB, cfg Config) *Network {
	t.Helper()
	net, err := sdknetwork.New(t, t.TempDir(), cfg)
	if err != nil {
		t.Fatalf("start network: %v", err)
	}
	if _, err := net.WaitForHeight(1); err != nil {
		t.Fatalf("network produced no block: %v", err)
	}
	t.Cleanup(net.Cleanup)
	return net
}

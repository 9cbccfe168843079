package cmd

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/spf13/cobra"

	"github.com/civicchain/civic/app"
)

// initCmd is the SDK's `init` followed by civic's consensus-param defaults in
// the new genesis: a finite block gas limit (app.DefaultBlockMaxGas) instead
// of CometBFT's unlimited -1.
func initCmd(basics module.BasicManager, defaultNodeHome string) *cobra.Command {
	cmd := genutilcli.InitCmd(basics, defaultNodeHome)
	sdkRun := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := sdkRun(cmd, args); err != nil {
			return err
		}
		genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
		return setBlockMaxGas(genFile, app.DefaultBlockMaxGas)
	}
	return cmd
}

// setBlockMaxGas rewrites the consensus params' block.max_gas of a genesis file.
func setBlockMaxGas(genFile string, maxGas int64) error {
	g, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return fmt.Errorf("reading %s: %w", genFile, err)
	}
	if g.Consensus == nil || g.Consensus.Params == nil {
		g.Consensus = &genutiltypes.ConsensusGenesis{Params: app.DefaultConsensusParams()}
	}
	g.Consensus.Params.Block.MaxGas = maxGas
	return genutil.ExportGenesisFile(g, genFile)
}

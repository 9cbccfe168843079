package app_test

import (
	"testing"

	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/civicchain/civic/app"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
	tolltypes "github.com/civicchain/civic/x/toll/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	watertypes "github.com/civicchain/civic/x/water/types"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// TestCivicModulesHaveNoBlockHooks: civic's modules do no per-block work. Work
// in PreBlock/BeginBlock/EndBlock runs in every block whatever the
// transactions, unpaid and unmetered by a tx gas limit, so a module that adds
// one must bound it (e.g. a fixed number of items a block, tested) and then
// update this list. See docs/operations.md, "Protective limits".
func TestCivicModulesHaveNoBlockHooks(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	for _, name := range []string{agencytypes.ModuleName, didtypes.ModuleName, evidencetypes.ModuleName, haccptypes.ModuleName, tolltypes.ModuleName, disastertypes.ModuleName, watertypes.ModuleName, vouchertypes.ModuleName, welfaretypes.ModuleName} {
		m, ok := a.ModuleManager.Modules[name]
		if !ok {
			t.Fatalf("module %q is not in the module manager", name)
		}
		checks := map[string]bool{}
		_, checks["appmodule.HasPreBlocker"] = m.(appmodule.HasPreBlocker)
		_, checks["appmodule.HasBeginBlocker"] = m.(appmodule.HasBeginBlocker)
		_, checks["appmodule.HasEndBlocker"] = m.(appmodule.HasEndBlocker)
		_, checks["module.HasABCIEndBlock"] = m.(module.HasABCIEndBlock)
		for iface, has := range checks {
			if has {
				t.Errorf("module %q implements %s: per-block work must be bounded and tested; update this test and docs/operations.md \"Protective limits\"", name, iface)
			}
		}
	}
}

// TestDefaultConsensusParamsHaveFiniteBlockGas: civic's default consensus
// params bound a block's gas and are otherwise valid.
func TestDefaultConsensusParamsHaveFiniteBlockGas(t *testing.T) {
	p := app.DefaultConsensusParams()
	if p.Block.MaxGas <= 0 || p.Block.MaxGas != app.DefaultBlockMaxGas {
		t.Fatalf("block.max_gas = %d, want %d", p.Block.MaxGas, app.DefaultBlockMaxGas)
	}
	if err := p.ValidateBasic(); err != nil {
		t.Fatal(err)
	}
}

// Package app wires the civic application by hand: a keeper a line, then the
// module manager and its orderings. No depinject (docs/module-conventions.md, wiring).
package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log"
	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/evidence"
	evidencekeeper "cosmossdk.io/x/evidence/keeper"
	evidencetypes "cosmossdk.io/x/evidence/types"
	"cosmossdk.io/x/feegrant"
	feegrantkeeper "cosmossdk.io/x/feegrant/keeper"
	feegrantmodule "cosmossdk.io/x/feegrant/module"
	"cosmossdk.io/x/upgrade"
	upgradekeeper "cosmossdk.io/x/upgrade/keeper"
	upgradetypes "cosmossdk.io/x/upgrade/types"
	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authsims "github.com/cosmos/cosmos-sdk/x/auth/simulation"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/authz"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	authzmodule "github.com/cosmos/cosmos-sdk/x/authz/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/cosmos/cosmos-sdk/x/mint"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cast"

	"cosmossdk.io/x/tx/signing"

	"github.com/civicchain/civic/x/agency"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did"
	didresolver "github.com/civicchain/civic/x/did/client/resolver"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/disaster"
	disasterkeeper "github.com/civicchain/civic/x/disaster/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	civicevidence "github.com/civicchain/civic/x/evidence"
	civicevidencekeeper "github.com/civicchain/civic/x/evidence/keeper"
	civicevidencetypes "github.com/civicchain/civic/x/evidence/types"
	"github.com/civicchain/civic/x/haccp"
	haccpkeeper "github.com/civicchain/civic/x/haccp/keeper"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
	"github.com/civicchain/civic/x/toll"
	tollkeeper "github.com/civicchain/civic/x/toll/keeper"
	tolltypes "github.com/civicchain/civic/x/toll/types"
	"github.com/civicchain/civic/x/voucher"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/water"
	waterkeeper "github.com/civicchain/civic/x/water/keeper"
	watertypes "github.com/civicchain/civic/x/water/types"
	"github.com/civicchain/civic/x/welfare"
	welfarekeeper "github.com/civicchain/civic/x/welfare/keeper"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

var (
	// DefaultNodeHome is civicd's home folder unless --home says otherwise.
	DefaultNodeHome = func() string {
		home, err := os.UserHomeDir()
		if err != nil {
			panic(err)
		}
		return filepath.Join(home, ".civic")
	}()

	_ runtime.AppI            = (*App)(nil)
	_ servertypes.Application = (*App)(nil)

	// maccPerms are the module accounts and what each may do with coins.
	maccPerms = map[string][]string{
		authtypes.FeeCollectorName:     nil,
		distrtypes.ModuleName:          nil,
		minttypes.ModuleName:           {authtypes.Minter},
		stakingtypes.BondedPoolName:    {authtypes.Burner, authtypes.Staking},
		stakingtypes.NotBondedPoolName: {authtypes.Burner, authtypes.Staking},
		govtypes.ModuleName:            {authtypes.Burner},
		// x/toll holds settlement escrow between confirmation and settlement.
		tolltypes.ModuleName: nil,
		// x/voucher mints and burns program vouchers and holds their escrow.
		vouchertypes.ModuleName: {authtypes.Minter, authtypes.Burner},
		// x/welfare holds the escrow of CASH benefit programs.
		welfaretypes.ModuleName: nil,
	}
)

// ServiceRoles is the role catalog: every service module's declared roles,
// handed to x/agency at wiring. A new module appends its types.Roles() here.
func ServiceRoles() []agencytypes.RoleDefinition {
	return slices.Concat(
		civicevidencetypes.Roles(),
		didtypes.Roles(),
		haccptypes.Roles(),
		tolltypes.Roles(),
		disastertypes.Roles(),
		watertypes.Roles(),
		vouchertypes.Roles(),
		welfaretypes.Roles(),
	)
}

// App is the civic application.
type App struct {
	*baseapp.BaseApp

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry codectypes.InterfaceRegistry

	keys map[string]*storetypes.KVStoreKey

	// SDK keepers
	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	MintKeeper            mintkeeper.Keeper
	GovKeeper             govkeeper.Keeper
	ConsensusParamsKeeper consensuskeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	FeeGrantKeeper        feegrantkeeper.Keeper
	AuthzKeeper           authzkeeper.Keeper

	// civic keepers
	AgencyKeeper          agencykeeper.Keeper
	DidKeeper             didkeeper.Keeper
	DigitalEvidenceKeeper civicevidencekeeper.Keeper
	HaccpKeeper           haccpkeeper.Keeper
	TollKeeper            tollkeeper.Keeper
	DisasterKeeper        disasterkeeper.Keeper
	WaterKeeper           waterkeeper.Keeper
	VoucherKeeper         voucherkeeper.Keeper
	WelfareKeeper         welfarekeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator

	// sm runs the SDK simulation (app/sim_test.go); unused by the node.
	sm *module.SimulationManager
}

// New returns a civic application.
func New(
	logger log.Logger,
	db dbm.DB,
	traceStore io.Writer,
	loadLatest bool,
	appOpts servertypes.AppOptions,
	baseAppOptions ...func(*baseapp.BaseApp),
) *App {
	interfaceRegistry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(Bech32PrefixValAddr),
		},
	})
	if err != nil {
		panic(err)
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	txConfig := authtx.NewTxConfig(appCodec, authtx.DefaultSignModes)

	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)

	bApp := baseapp.NewBaseApp(Name, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetCommitMultiStoreTracer(traceStore)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, slashingtypes.StoreKey,
		distrtypes.StoreKey, minttypes.StoreKey, govtypes.StoreKey, consensustypes.StoreKey,
		upgradetypes.StoreKey, evidencetypes.StoreKey, feegrant.StoreKey, authzkeeper.StoreKey,
		agencytypes.StoreKey, didtypes.StoreKey, civicevidencetypes.StoreKey, haccptypes.StoreKey, tolltypes.StoreKey,
		disastertypes.StoreKey, watertypes.StoreKey, vouchertypes.StoreKey, welfaretypes.StoreKey,
	)
	if err := bApp.RegisterStreamingServices(appOpts, keys); err != nil {
		panic(err)
	}

	app := &App{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              keys,
	}
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	accCodec := address.NewBech32Codec(Bech32Prefix)

	app.ConsensusParamsKeeper = consensuskeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[consensustypes.StoreKey]), authority, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusParamsKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(appCodec, runtime.NewKVStoreService(keys[authtypes.StoreKey]), authtypes.ProtoBaseAccount, maccPerms, accCodec, Bech32Prefix, authority, authkeeper.WithUnorderedTransactions(true))
	app.BankKeeper = bankkeeper.NewBaseKeeper(appCodec, runtime.NewKVStoreService(keys[banktypes.StoreKey]), app.AccountKeeper, BlockedAddresses(), authority, logger)
	app.StakingKeeper = stakingkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[stakingtypes.StoreKey]), app.AccountKeeper, app.BankKeeper, authority, address.NewBech32Codec(Bech32PrefixValAddr), address.NewBech32Codec(Bech32PrefixConsAddr))
	app.MintKeeper = mintkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[minttypes.StoreKey]), app.StakingKeeper, app.AccountKeeper, app.BankKeeper, authtypes.FeeCollectorName, authority)
	app.DistrKeeper = distrkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[distrtypes.StoreKey]), app.AccountKeeper, app.BankKeeper, app.StakingKeeper, authtypes.FeeCollectorName, authority)
	app.SlashingKeeper = slashingkeeper.NewKeeper(appCodec, legacyAmino, runtime.NewKVStoreService(keys[slashingtypes.StoreKey]), app.StakingKeeper, authority)
	app.FeeGrantKeeper = feegrantkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[feegrant.StoreKey]), app.AccountKeeper)
	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))
	app.AuthzKeeper = authzkeeper.NewKeeper(runtime.NewKVStoreService(keys[authzkeeper.StoreKey]), appCodec, app.MsgServiceRouter(), app.AccountKeeper)

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get("home"))
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights, runtime.NewKVStoreService(keys[upgradetypes.StoreKey]), appCodec, homePath, app.BaseApp, authority)

	govRouter := govv1beta1.NewRouter()
	govRouter.AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler)
	govKeeper := govkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[govtypes.StoreKey]), app.AccountKeeper, app.BankKeeper, app.StakingKeeper, app.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), authority)
	govKeeper.SetLegacyRouter(govRouter)
	app.GovKeeper = *govKeeper.SetHooks(govtypes.NewMultiGovHooks())

	sdkEvidenceKeeper := evidencekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[evidencetypes.StoreKey]), app.StakingKeeper, app.SlashingKeeper, app.AccountKeeper.AddressCodec(), runtime.ProvideCometInfoService())
	app.EvidenceKeeper = *sdkEvidenceKeeper

	app.AgencyKeeper = agencykeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[agencytypes.StoreKey]), accCodec, authority, ServiceRoles())
	app.DidKeeper = didkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[didtypes.StoreKey]), accCodec, authority, app.AgencyKeeper)
	app.DigitalEvidenceKeeper = civicevidencekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[civicevidencetypes.StoreKey]), accCodec, authority, app.AgencyKeeper)
	app.HaccpKeeper = haccpkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[haccptypes.StoreKey]), accCodec, authority, app.AgencyKeeper)
	app.TollKeeper = tollkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[tolltypes.StoreKey]), accCodec, authority, app.AgencyKeeper, app.BankKeeper, app.AccountKeeper)
	app.DisasterKeeper = disasterkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[disastertypes.StoreKey]), accCodec, authority, app.AgencyKeeper)
	app.WaterKeeper = waterkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[watertypes.StoreKey]), accCodec, authority, app.AgencyKeeper, app.DisasterKeeper)
	app.VoucherKeeper = voucherkeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[vouchertypes.StoreKey]), accCodec, authority, app.AgencyKeeper, app.DidKeeper, app.DisasterKeeper, app.BankKeeper, app.AccountKeeper)
	app.WelfareKeeper = welfarekeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[welfaretypes.StoreKey]), accCodec, authority, app.AgencyKeeper, app.DidKeeper, app.VoucherKeeper, app.BankKeeper, app.AccountKeeper)
	// The bank enforces the voucher rule: a voucher coin moves only along x/voucher's own
	// edges (issue, pay, redeem, sweep), whatever module or message asks x/bank to move it.
	app.BankKeeper.AppendSendRestriction(app.VoucherKeeper.SendRestriction)

	app.ModuleManager = module.NewManager(
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, txConfig),
		auth.NewAppModule(appCodec, app.AccountKeeper, authsims.RandomGenesisAccounts, nil),
		bank.NewAppModule(appCodec, app.BankKeeper, app.AccountKeeper, nil),
		staking.NewAppModule(appCodec, app.StakingKeeper, app.AccountKeeper, app.BankKeeper, nil),
		slashing.NewAppModule(appCodec, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil, interfaceRegistry),
		distr.NewAppModule(appCodec, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, nil),
		mint.NewAppModule(appCodec, app.MintKeeper, app.AccountKeeper, nil, nil),
		gov.NewAppModule(appCodec, &app.GovKeeper, app.AccountKeeper, app.BankKeeper, nil),
		consensus.NewAppModule(appCodec, app.ConsensusParamsKeeper),
		upgrade.NewAppModule(app.UpgradeKeeper, app.AccountKeeper.AddressCodec()),
		evidence.NewAppModule(app.EvidenceKeeper),
		feegrantmodule.NewAppModule(appCodec, app.AccountKeeper, app.BankKeeper, app.FeeGrantKeeper, interfaceRegistry),
		authzmodule.NewAppModule(appCodec, app.AuthzKeeper, app.AccountKeeper, app.BankKeeper, interfaceRegistry),
		agency.NewAppModule(app.AgencyKeeper),
		did.NewAppModule(app.DidKeeper, app.AgencyKeeper),
		civicevidence.NewAppModule(app.DigitalEvidenceKeeper),
		haccp.NewAppModule(app.HaccpKeeper),
		toll.NewAppModule(app.TollKeeper),
		disaster.NewAppModule(app.DisasterKeeper),
		water.NewAppModule(app.WaterKeeper),
		voucher.NewAppModule(app.VoucherKeeper, app.AgencyKeeper, app.DidKeeper),
		welfare.NewAppModule(app.WelfareKeeper, app.AgencyKeeper),
	)

	app.BasicModuleManager = module.NewBasicManagerFromManager(app.ModuleManager, map[string]module.AppModuleBasic{
		genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
		govtypes.ModuleName:     gov.NewAppModuleBasic([]govclient.ProposalHandler{}),
	})
	app.BasicModuleManager.RegisterLegacyAminoCodec(legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(interfaceRegistry)
	if err := interfaceRegistry.SigningContext().Validate(); err != nil {
		panic(err)
	}

	// v0.53: upgrade runs first, then auth's PreBlocker (unordered-tx nonce pruning).
	app.ModuleManager.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	app.ModuleManager.SetOrderBeginBlockers(minttypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName, evidencetypes.ModuleName, stakingtypes.ModuleName, genutiltypes.ModuleName, authz.ModuleName)
	app.ModuleManager.SetOrderEndBlockers(govtypes.ModuleName, stakingtypes.ModuleName, genutiltypes.ModuleName, feegrant.ModuleName)
	// genutil after staking (pools must exist) and after auth (its params);
	// agency before the service modules, whose genesis may name agencies; did right
	// after agency, before the modules that may name DIDs; water after disaster, whose
	// incidents its alerts link to; voucher after did and disaster (its programs name
	// schemas and incidents) and after bank (its programs' supply); welfare after voucher
	// (its VOUCHER programs name voucher programs) and after bank (its escrow).
	genesisOrder := []string{
		consensustypes.ModuleName, authtypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName,
		stakingtypes.ModuleName, slashingtypes.ModuleName, govtypes.ModuleName, minttypes.ModuleName,
		genutiltypes.ModuleName, evidencetypes.ModuleName, authz.ModuleName, feegrant.ModuleName,
		upgradetypes.ModuleName, agencytypes.ModuleName, didtypes.ModuleName, civicevidencetypes.ModuleName,
		haccptypes.ModuleName, tolltypes.ModuleName, disastertypes.ModuleName, watertypes.ModuleName,
		vouchertypes.ModuleName, welfaretypes.ModuleName,
	}
	app.ModuleManager.SetOrderInitGenesis(genesisOrder...)
	app.ModuleManager.SetOrderExportGenesis(genesisOrder...)

	app.configurator = module.NewConfigurator(appCodec, app.MsgServiceRouter(), app.GRPCQueryRouter())
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		panic(err)
	}
	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(), runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))
	reflectionSvc, err := runtimeservices.NewReflectionService()
	if err != nil {
		panic(err)
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflectionSvc)

	// Simulation: every module that implements AppModuleSimulation, auth overridden as
	// simapp does, here with base genesis accounts only (x/auth/vesting is not wired, so
	// authsims.RandomGenesisAccounts' vesting accounts would not decode); decoders print
	// store diffs.
	app.sm = module.NewSimulationManagerFromAppModules(app.ModuleManager.Modules, map[string]module.AppModuleSimulation{
		authtypes.ModuleName: auth.NewAppModule(appCodec, app.AccountKeeper, simGenesisAccounts, nil),
	})
	app.sm.RegisterStoreDecoders()

	app.MountKVStores(keys)
	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)
	app.setAnteHandler()

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("load latest version: %w", err))
		}
	}
	return app
}

func (app *App) setAnteHandler() {
	anteHandler, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		FeegrantKeeper:  app.FeeGrantKeeper,
		SignModeHandler: app.txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
		SigVerifyOptions: []ante.SigVerificationDecoratorOption{
			ante.WithUnorderedTxGasCost(ante.DefaultUnorderedTxGasCost),
			ante.WithMaxUnorderedTxTimeoutDuration(ante.DefaultMaxTimeoutDuration),
		},
	})
	if err != nil {
		panic(err)
	}
	app.SetAnteHandler(anteHandler)
}

// Name returns the application name.
func (app *App) Name() string { return app.BaseApp.Name() }

// PreBlocker runs the modules' PreBlockers (upgrade, auth).
func (app *App) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' BeginBlockers.
func (app *App) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' EndBlockers.
func (app *App) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// InitChainer initialises every module from the genesis app state.
func (app *App) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState GenesisState
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, fmt.Errorf("decode genesis app state: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
}

// LoadHeight loads the state at a height (used by export).
func (app *App) LoadHeight(height int64) error { return app.LoadVersion(height) }

// LegacyAmino returns the amino codec (ledger and legacy JSON signing only).
func (app *App) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// AppCodec returns the protobuf codec.
func (app *App) AppCodec() codec.Codec { return app.appCodec }

// InterfaceRegistry returns the interface registry.
func (app *App) InterfaceRegistry() codectypes.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the transaction config.
func (app *App) TxConfig() client.TxConfig { return app.txConfig }

// GetKey returns the store key of a module (tests and export).
func (app *App) GetKey(storeKey string) *storetypes.KVStoreKey { return app.keys[storeKey] }

// DefaultGenesis returns every module's default genesis (denom ucivic).
func (app *App) DefaultGenesis() map[string]json.RawMessage {
	return app.BasicModuleManager.DefaultGenesis(app.appCodec)
}

// SimulationManager returns the simulation manager (app/sim_test.go).
func (app *App) SimulationManager() *module.SimulationManager { return app.sm }

// simGenesisAccounts makes every simulation account a base account.
func simGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}

// AutoCliOpts returns the autocli options built from every module.
func (app *App) AutoCliOpts() autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for _, m := range app.ModuleManager.Modules {
		if named, ok := m.(module.HasName); ok {
			if am, ok := named.(appmodule.AppModule); ok {
				modules[named.Name()] = am
			}
		}
	}
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(app.ModuleManager.Modules),
		AddressCodec:          address.NewBech32Codec(Bech32Prefix),
		ValidatorAddressCodec: address.NewBech32Codec(Bech32PrefixValAddr),
		ConsensusAddressCodec: address.NewBech32Codec(Bech32PrefixConsAddr),
	}
}

// RegisterAPIRoutes registers the REST routes (grpc-gateway), x/did's W3C DID
// resolver and, when api.swagger is on, civic's OpenAPI document and a Swagger UI.
func (app *App) RegisterAPIRoutes(apiSvr *api.Server, apiConfig config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicModuleManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	// The W3C DID resolver (/civic/did/v1/identifiers/{did}) is a route of its own on the
	// router: the API server adds the gateway as the catch-all after this method returns.
	didresolver.RegisterRoute(apiSvr.Router, clientCtx)
	if apiConfig.Swagger {
		registerSwagger(apiSvr.Router)
	}
}

// RegisterTxService registers the tx gRPC service.
func (app *App) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.GRPCQueryRouter(), clientCtx, app.Simulate, app.interfaceRegistry)
}

// RegisterTendermintService registers the CometBFT gRPC service.
func (app *App) RegisterTendermintService(clientCtx client.Context) {
	cmtApp := server.NewCometABCIWrapper(app)
	cmtservice.RegisterTendermintService(clientCtx, app.GRPCQueryRouter(), app.interfaceRegistry, cmtApp.Query)
}

// RegisterNodeService registers the node gRPC service.
func (app *App) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg)
}

// BlockedAddresses are the module accounts that may not receive coins by
// MsgSend (gov's may, for deposits refunded to it).
func BlockedAddresses() map[string]bool {
	blocked := make(map[string]bool)
	for acc := range maccPerms {
		blocked[authtypes.NewModuleAddress(acc).String()] = true
	}
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	return blocked
}

// ModuleAccountPermissions returns a copy of the module account permissions.
func ModuleAccountPermissions() map[string][]string {
	out := make(map[string][]string, len(maccPerms))
	for k, v := range maccPerms {
		out[k] = slices.Clone(v)
	}
	return out
}

package keeper

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/log"
	sdkmath "cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
	disasterkeeper "github.com/civicchain/civic/x/disaster/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	evidencekeeper "github.com/civicchain/civic/x/evidence/keeper"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
	haccpkeeper "github.com/civicchain/civic/x/haccp/keeper"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
	tollkeeper "github.com/civicchain/civic/x/toll/keeper"
	tolltypes "github.com/civicchain/civic/x/toll/types"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	waterkeeper "github.com/civicchain/civic/x/water/keeper"
	watertypes "github.com/civicchain/civic/x/water/types"
	welfarekeeper "github.com/civicchain/civic/x/welfare/keeper"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// Fixture is every civic keeper, with the x/auth and x/bank keepers x/toll, x/voucher and
// x/welfare pay through (x/bank with x/voucher's send restriction appended),
// wired as in the app on one in-memory multistore: every authority is the x/gov module
// account, every module starts from its default genesis, and Ctx is at BlockTime, height 1.
type Fixture struct {
	Ctx      sdk.Context
	Agency   agencykeeper.Keeper
	Did      didkeeper.Keeper
	Evidence evidencekeeper.Keeper
	Haccp    haccpkeeper.Keeper
	Toll     tollkeeper.Keeper
	Disaster disasterkeeper.Keeper
	Water    waterkeeper.Keeper
	Voucher  voucherkeeper.Keeper
	Welfare  welfarekeeper.Keeper
	Bank     bankkeeper.BaseKeeper
	Account  authkeeper.AccountKeeper
	// Accounts are the fixture's own addresses (WithAccounts), in order.
	Accounts []sdk.AccAddress
	// Agencies are the agencies WithAgency registered, by id.
	Agencies map[string]Agency
	// Events reads the typed events the keepers emitted on a context.
	Events EventReader
}

// Agency is an ACTIVE agency the fixture registered: Admin administers it and holds no
// role, Member is a member holding every role of the agency.
type Agency struct {
	ID     string
	Admin  sdk.AccAddress
	Member sdk.AccAddress
	Roles  []string
}

// Option configures NewFixture.
type Option func(*options)

type options struct {
	roles    []agencytypes.RoleDefinition
	rolesSet bool
	chainID  string
	accounts int
	agencies []Agency
	// blockModules makes x/bank refuse to credit the module accounts, as the app does.
	blockModules bool
}

// WithRoles sets x/agency's role catalog (default: every civic module's roles, as in the app).
func WithRoles(roles ...agencytypes.RoleDefinition) Option {
	return func(o *options) { o.roles, o.rolesSet = roles, true }
}

// WithChainID sets the context's chain id (default: none).
func WithChainID(id string) Option {
	return func(o *options) { o.chainID = id }
}

// WithBlockedModuleAccounts makes x/bank refuse sends to the fixture's module accounts
// (mint, toll, voucher, welfare), as the app's BlockedAddresses do (default: none blocked, so that
// tests may fund a module account directly).
func WithBlockedModuleAccounts() Option {
	return func(o *options) { o.blockModules = true }
}

// WithAccounts gives the fixture n addresses of its own in Fixture.Accounts.
func WithAccounts(n int) Option {
	return func(o *options) { o.accounts = n }
}

// WithAgency registers the ACTIVE agency id holding roles, with a fresh admin and a fresh
// member holding every one of the roles (Fixture.Agencies[id]).
func WithAgency(id string, roles ...string) Option {
	return func(o *options) { o.agencies = append(o.agencies, Agency{ID: id, Roles: roles}) }
}

// AllRoles is the role catalog of every civic module, as the app builds it.
func AllRoles() []agencytypes.RoleDefinition {
	var out []agencytypes.RoleDefinition
	for _, r := range [][]agencytypes.RoleDefinition{
		evidencetypes.Roles(), haccptypes.Roles(), didtypes.Roles(), tolltypes.Roles(), disastertypes.Roles(),
		watertypes.Roles(), vouchertypes.Roles(), welfaretypes.Roles(),
	} {
		out = append(out, r...)
	}
	return out
}

// TestAddress is the deterministic test address named name.
func TestAddress(name string) sdk.AccAddress {
	h := sha256.Sum256([]byte("civic test address " + name))
	return sdk.AccAddress(h[:20])
}

// NewFixture builds a Fixture. It fails the test on any error.
func NewFixture(t testing.TB, opts ...Option) *Fixture {
	t.Helper()
	SetBech32Config()
	o := options{}
	for _, opt := range opts {
		opt(&o)
	}
	if !o.rolesSet {
		o.roles = AllRoles()
	}

	keys := storetypes.NewKVStoreKeys(agencytypes.StoreKey, didtypes.StoreKey, evidencetypes.StoreKey,
		haccptypes.StoreKey, tolltypes.StoreKey, disastertypes.StoreKey, watertypes.StoreKey, vouchertypes.StoreKey, welfaretypes.StoreKey, authtypes.StoreKey, banktypes.StoreKey)
	ctx := testutil.DefaultContextWithKeys(keys,
		map[string]*storetypes.TransientStoreKey{"transient_test": storetypes.NewTransientStoreKey("transient_test")},
		nil,
	).WithBlockTime(BlockTime).WithBlockHeight(1).WithChainID(o.chainID)

	encCfg := moduletestutil.MakeTestEncodingConfig()
	agencytypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	didtypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	evidencetypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	haccptypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	tolltypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	disastertypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	watertypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	vouchertypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	welfaretypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	authtypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	banktypes.RegisterInterfaces(encCfg.InterfaceRegistry)
	cdc := encCfg.Codec
	store := func(key string) corestore.KVStoreService { return runtime.NewKVStoreService(keys[key]) }

	ac := addresscodec.NewBech32Codec(Bech32Prefix)
	authority, err := ac.BytesToString(AgencyAuthority())
	if err != nil {
		t.Fatal(err)
	}
	maccPerms := map[string][]string{
		minttypes.ModuleName:    {authtypes.Minter},
		tolltypes.ModuleName:    nil,
		vouchertypes.ModuleName: {authtypes.Minter, authtypes.Burner},
		welfaretypes.ModuleName: nil,
	}
	f := &Fixture{Ctx: ctx, Agencies: map[string]Agency{}, Events: EventReader{t: t}}
	f.Account = authkeeper.NewAccountKeeper(cdc, store(authtypes.StoreKey),
		authtypes.ProtoBaseAccount, maccPerms, ac, Bech32Prefix, authority)
	blocked := make(map[string]bool, len(maccPerms))
	if o.blockModules {
		for name := range maccPerms {
			blocked[authtypes.NewModuleAddress(name).String()] = true
		}
	}
	f.Bank = bankkeeper.NewBaseKeeper(cdc, store(banktypes.StoreKey),
		f.Account, blocked, authority, log.NewNopLogger())
	if err := f.Bank.SetParams(ctx, banktypes.DefaultParams()); err != nil {
		t.Fatal(err)
	}
	f.Agency = agencykeeper.NewKeeper(cdc, store(agencytypes.StoreKey), ac, authority, o.roles)
	f.Did = didkeeper.NewKeeper(cdc, store(didtypes.StoreKey), ac, authority, f.Agency)
	f.Evidence = evidencekeeper.NewKeeper(cdc, store(evidencetypes.StoreKey), ac, authority, f.Agency)
	f.Haccp = haccpkeeper.NewKeeper(cdc, store(haccptypes.StoreKey), ac, authority, f.Agency)
	f.Toll = tollkeeper.NewKeeper(cdc, store(tolltypes.StoreKey), ac, authority, f.Agency, f.Bank, f.Account)
	f.Disaster = disasterkeeper.NewKeeper(cdc, store(disastertypes.StoreKey), ac, authority, f.Agency)
	f.Water = waterkeeper.NewKeeper(cdc, store(watertypes.StoreKey), ac, authority, f.Agency, f.Disaster)
	f.Voucher = voucherkeeper.NewKeeper(cdc, store(vouchertypes.StoreKey), ac, authority, f.Agency, f.Did, f.Disaster, f.Bank, f.Account)
	f.Bank.AppendSendRestriction(f.Voucher.SendRestriction)
	f.Welfare = welfarekeeper.NewKeeper(cdc, store(welfaretypes.StoreKey), ac, authority, f.Agency, f.Did, f.Voucher, f.Bank, f.Account)
	for name, err := range map[string]error{
		agencytypes.ModuleName:   f.Agency.InitGenesis(ctx, agencytypes.DefaultGenesis()),
		didtypes.ModuleName:      f.Did.InitGenesis(ctx, didtypes.DefaultGenesis()),
		evidencetypes.ModuleName: f.Evidence.InitGenesis(ctx, evidencetypes.DefaultGenesis()),
		haccptypes.ModuleName:    f.Haccp.InitGenesis(ctx, haccptypes.DefaultGenesis()),
		tolltypes.ModuleName:     f.Toll.InitGenesis(ctx, tolltypes.DefaultGenesis()),
		disastertypes.ModuleName: f.Disaster.InitGenesis(ctx, disastertypes.DefaultGenesis()),
		watertypes.ModuleName:    f.Water.InitGenesis(ctx, watertypes.DefaultGenesis()),
		vouchertypes.ModuleName:  f.Voucher.InitGenesis(ctx, vouchertypes.DefaultGenesis()),
		welfaretypes.ModuleName:  f.Welfare.InitGenesis(ctx, welfaretypes.DefaultGenesis()),
	} {
		if err != nil {
			t.Fatalf("%s genesis: %v", name, err)
		}
	}

	for i := range o.accounts {
		f.Accounts = append(f.Accounts, TestAddress(fmt.Sprintf("account %d", i)))
	}
	for _, a := range o.agencies {
		a.Admin, a.Member = TestAddress(a.ID+" admin"), TestAddress(a.ID+" member")
		RegisterTestAgency(t, f.Agency, ctx, a.ID, a.Admin, a.Roles...)
		AddTestMember(t, f.Agency, ctx, a.ID, a.Admin, a.Member, a.Roles...)
		f.Agencies[a.ID] = a
	}
	return f
}

// Fund mints amount of denom to addr (through the mint module account).
func (f *Fixture) Fund(t testing.TB, addr sdk.AccAddress, denom string, amount uint64) {
	t.Helper()
	mint(t, f.Ctx, f.Bank, addr, denom, amount)
}

// Balance is addr's balance of denom.
func (f *Fixture) Balance(addr sdk.AccAddress, denom string) uint64 {
	return balance(f.Ctx, f.Bank, addr, denom)
}

func mint(t testing.TB, ctx sdk.Context, bank bankkeeper.BaseKeeper, addr sdk.AccAddress, denom string, amount uint64) {
	t.Helper()
	c := sdk.NewCoins(sdk.NewCoin(denom, sdkmath.NewIntFromUint64(amount)))
	if err := bank.MintCoins(ctx, minttypes.ModuleName, c); err != nil {
		t.Fatal(err)
	}
	if err := bank.SendCoinsFromModuleToAccount(ctx, minttypes.ModuleName, addr, c); err != nil {
		t.Fatal(err)
	}
}

func balance(ctx sdk.Context, bank bankkeeper.BaseKeeper, addr sdk.AccAddress, denom string) uint64 {
	return bank.GetBalance(ctx, addr, denom).Amount.Uint64()
}

// EventReader reads typed events from a context's event manager.
type EventReader struct {
	t testing.TB
}

// NewEventReader returns an EventReader that fails t on an event it cannot parse.
func NewEventReader(t testing.TB) EventReader {
	return EventReader{t: t}
}

// Fresh returns ctx with an empty event manager, so that Read sees only what comes after.
func (EventReader) Fresh(ctx sdk.Context) sdk.Context {
	return ctx.WithEventManager(sdk.NewEventManager())
}

// Read returns the typed events on ctx whose proto package is pkg (e.g. "civic.did.v1"),
// in emission order; every other event is left out. It fails the test on an event it
// cannot parse.
func (r EventReader) Read(ctx sdk.Context, pkg string) []proto.Message {
	r.t.Helper()
	var got []proto.Message
	for _, e := range ctx.EventManager().Events() {
		if !strings.HasPrefix(e.Type, pkg+".") {
			continue
		}
		msg, err := sdk.ParseTypedEvent(abci.Event(e))
		if err != nil {
			r.t.Fatalf("parse event %s: %v", e.Type, err)
		}
		got = append(got, msg)
	}
	return got
}

// RequireOnly asserts that exactly one typed event of proto package pkg was emitted on
// ctx and that it equals want.
func (r EventReader) RequireOnly(ctx sdk.Context, pkg string, want proto.Message) {
	r.t.Helper()
	got := r.Read(ctx, pkg)
	require.Len(r.t, got, 1, "want exactly one %s", proto.MessageName(want))
	require.Equal(r.t, want, got[0])
}

// Pluck returns key of every item in order (nil for none), e.g. the ids of
// the records a list query answered.
func Pluck[T, K any](items []T, key func(T) K) []K {
	var out []K
	for _, it := range items {
		out = append(out, key(it))
	}
	return out
}

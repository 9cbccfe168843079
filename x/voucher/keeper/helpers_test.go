package keeper_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

// The fixture: two agencies registered through x/agency's real Msg service, each with a
// member holding every voucher role and disaster.coordinator; accounts of their own for
// holders, merchants, settlement and refunds. The funding denom is ukrw.
//
//	busan  member: voucher.issuer, voucher.merchant, disaster.coordinator, did.issuer
//	seoul  member: the same roles, another agency
//	welfare member: the same roles (an allocator agency)
const (
	chainID = "civic-test-1"
	busan   = "busan"
	seoul   = "seoul"
	welfare = "welfare"
	krw     = "ukrw"
)

// District codes: Busan's Busanjin-gu, Dongnae-gu, Haeundae-gu; Seoul's Jongno-gu.
const (
	busanjin = "26230"
	dongnae  = "26260"
	haeundae = "26350"
	jongno   = "11110"
)

// MCCs: grocery, restaurants, department stores (excluded), bars (excluded).
const (
	grocery    = "5411"
	restaurant = "5812"
	department = "5311"
	bar        = "5813"
)

// T0 is the fixture's block time; programs start at T0, expire at T0+30 days and
// take redemptions until T0+60 days.
var (
	T0       = testkeeper.BlockTime
	expires  = T0.Add(30 * 24 * time.Hour)
	redeemBy = T0.Add(60 * 24 * time.Hour)
)

// digest is the SHA-256 (hex) of s: a receipt or business digest named by s.
func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

type fixture struct {
	*testkeeper.Fixture
	t  *testing.T
	k  keeper.Keeper
	ms types.MsgServer
	qs types.QueryServer

	issuer, issuer2, allocator sdk.AccAddress
	holder, holder2, holder3   sdk.AccAddress
	shop, shop2                sdk.AccAddress
	settle, settle2, refund    sdk.AccAddress
	outsider                   sdk.AccAddress
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	roles := []string{types.RoleIssuer, types.RoleMerchant, disastertypes.RoleCoordinator, didtypes.RoleIssuer}
	tf := testkeeper.NewFixture(t, testkeeper.WithChainID(chainID), testkeeper.WithAccounts(10), testkeeper.WithBlockedModuleAccounts(),
		testkeeper.WithAgency(busan, roles...), testkeeper.WithAgency(seoul, roles...), testkeeper.WithAgency(welfare, roles...))
	a := tf.Accounts
	return &fixture{
		Fixture: tf, t: t, k: tf.Voucher,
		ms: keeper.NewMsgServerImpl(tf.Voucher), qs: keeper.NewQueryServerImpl(tf.Voucher),
		issuer: tf.Agencies[busan].Member, issuer2: tf.Agencies[seoul].Member, allocator: tf.Agencies[welfare].Member,
		holder: a[0], holder2: a[1], holder3: a[2], shop: a[3], shop2: a[4],
		settle: a[5], settle2: a[6], refund: a[7], outsider: a[8],
	}
}

// s is an address's bech32 string.
func s(a sdk.AccAddress) string { return a.String() }

func amt(n int64) sdkmath.Int { return sdkmath.NewInt(n) }

// at moves the block time to tm.
func (f *fixture) at(tm time.Time) { f.Ctx = f.Ctx.WithBlockTime(tm) }

// createMsg is a LOCAL_CURRENCY ALLOCATION program of busan in ukrw: cap 1 000 000,
// 500 000 a holder, holders in Busanjin-gu and Dongnae-gu, merchants in Busanjin-gu,
// department stores and bars excluded.
func (f *fixture) createMsg() *types.MsgCreateProgram {
	return &types.MsgCreateProgram{
		Issuer:            s(f.issuer),
		Kind:              types.ProgramKindLocalCurrency,
		FundingDenom:      krw,
		BudgetCap:         amt(1_000_000),
		PerHolderCap:      amt(500_000),
		HolderDistricts:   []string{dongnae, busanjin},
		MerchantDistricts: []string{busanjin},
		ExcludedMccs:      []string{bar, department},
		Eligibility:       types.EligibilityAllocation,
		StartsAt:          T0,
		ExpiresAt:         expires,
		RedeemUntil:       redeemBy,
		RefundAddress:     s(f.refund),
	}
}

// create creates a program from createMsg changed by edit and returns its id.
func (f *fixture) create(edit func(*types.MsgCreateProgram)) uint64 {
	f.t.Helper()
	msg := f.createMsg()
	if edit != nil {
		edit(msg)
	}
	res, err := f.ms.CreateProgram(f.Ctx, msg)
	require.NoError(f.t, err)
	return res.ProgramId
}

// fund mints amount of the program's funding denom to its issuer and escrows it.
func (f *fixture) fund(id uint64, issuer sdk.AccAddress, amount int64) {
	f.t.Helper()
	p := f.program(id)
	f.Fund(f.t, issuer, p.FundingDenom, uint64(amount))
	_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(issuer), ProgramId: id, Amount: amt(amount)})
	require.NoError(f.t, err)
}

func (f *fixture) activate(id uint64, issuer sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Issuer: s(issuer), ProgramId: id})
	require.NoError(f.t, err)
}

// active is a busan program created (edit), funded with escrow and activated.
func (f *fixture) active(escrow int64, edit func(*types.MsgCreateProgram)) uint64 {
	f.t.Helper()
	id := f.create(edit)
	f.fund(id, f.issuer, escrow)
	f.activate(id, f.issuer)
	return id
}

func (f *fixture) allocate(id uint64, to sdk.AccAddress, amount int64, district string) {
	f.t.Helper()
	_, err := f.ms.Allocate(f.Ctx, &types.MsgAllocate{Issuer: s(f.issuer), ProgramId: id,
		Entries: []types.AllocationEntry{{Address: s(to), Amount: amt(amount), DistrictCode: district}}})
	require.NoError(f.t, err)
}

func (f *fixture) apply(id uint64, m, settle sdk.AccAddress, district, mcc string) {
	f.t.Helper()
	_, err := f.ms.ApplyMerchant(f.Ctx, &types.MsgApplyMerchant{Merchant: s(m), ProgramId: id,
		BusinessDigest: digest("b1"), DistrictCode: district, Mcc: mcc, SettlementAddress: s(settle)})
	require.NoError(f.t, err)
}

func (f *fixture) decide(id uint64, m sdk.AccAddress, d types.MerchantDecision) {
	f.t.Helper()
	_, err := f.ms.DecideMerchant(f.Ctx, &types.MsgDecideMerchant{Signer: s(f.issuer), ProgramId: id, Merchant: s(m), Decision: d})
	require.NoError(f.t, err)
}

// approvedShop applies shop (settling to settle) in Busanjin-gu as a grocery and approves it.
func (f *fixture) approvedShop(id uint64) {
	f.t.Helper()
	f.apply(id, f.shop, f.settle, busanjin, grocery)
	f.decide(id, f.shop, types.MerchantDecisionApprove)
}

func (f *fixture) pay(id uint64, from, to sdk.AccAddress, amount int64, receipt string) {
	f.t.Helper()
	_, err := f.ms.Pay(f.Ctx, &types.MsgPay{Holder: s(from), ProgramId: id, Merchant: s(to), Amount: amt(amount), ReceiptDigest: digest(receipt)})
	require.NoError(f.t, err)
}

func (f *fixture) program(id uint64) types.Program {
	f.t.Helper()
	p, err := f.k.GetProgram(f.Ctx, id)
	require.NoError(f.t, err)
	return p
}

func (f *fixture) merchant(id uint64, m sdk.AccAddress) types.Merchant {
	f.t.Helper()
	got, err := f.k.Merchants.Get(f.Ctx, collections.Join(id, m))
	require.NoError(f.t, err)
	return got
}

// bal is an account's balance of denom.
func (f *fixture) bal(a sdk.AccAddress, denom string) int64 {
	return f.Bank.GetBalance(f.Ctx, a, denom).Amount.Int64()
}

// moduleAddr is the voucher module account.
func (f *fixture) moduleAddr() sdk.AccAddress { return f.Account.GetModuleAddress(types.ModuleName) }

// snapshot is what a rejected message must leave unchanged: the module's whole state,
// every balance of the fixture's accounts, agencies' members and the module account,
// and the supply of ukrw and the first voucher denoms.
type snapshot struct {
	Genesis  *types.GenesisState
	Balances map[string]sdk.Coins
	Supply   sdk.Coins
}

func (f *fixture) state() snapshot {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	snap := snapshot{Genesis: gs, Balances: map[string]sdk.Coins{}}
	addrs := append([]sdk.AccAddress{f.moduleAddr(), f.issuer, f.issuer2, f.allocator}, f.Accounts...)
	for _, a := range addrs {
		snap.Balances[a.String()] = f.Bank.GetAllBalances(f.Ctx, a)
	}
	for _, d := range []string{krw, types.Denom(1), types.Denom(2), types.Denom(3)} {
		snap.Supply = snap.Supply.Add(f.Bank.GetSupply(f.Ctx, d))
	}
	return snap
}

// rejected asserts act fails with want, changes no state, moves no coin and emits no event.
func (f *fixture) rejected(want error, act func() error) {
	f.t.Helper()
	testkeeper.RequireRejected(f.t, want, &f.Ctx, f.state, act)
}

// requireSound checks the module's invariants.
func (f *fixture) requireSound() {
	f.t.Helper()
	require.NoError(f.t, f.k.CheckInvariants(f.Ctx))
}

func programID(p types.Program) uint64 { return p.Id }

var noValue = collections.NoValue{}

func claimedKey(program, list, index uint64) keeper.ClaimedKey {
	return collections.Join3(program, list, index)
}

package bench

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// The voucher-pay workload sends what x/voucher accepts statelessly: the holder
// is the signer, the bench program, one of its merchants (never the holder),
// an amount within the default max_amount and a well-formed receipt digest,
// fresh for every message of every account.
func TestVoucherPayWorkload(t *testing.T) {
	accts := loadAccounts(t, 3)
	env := NewEnv(accts, "ucivic")
	merchants := make([]string, BenchVoucherMerchants)
	for i := range merchants {
		merchants[i] = BenchVoucherMerchant(i)
	}
	seen := map[string]bool{}
	paidTo := map[string]int{}
	for acct := range accts {
		for i, m := range (VoucherPay{}).Msgs(env, acct, 40) {
			msg := m.(*vouchertypes.MsgPay)
			if msg.Holder != accts[acct].Address || msg.ProgramId != BenchVoucherProgramID || !slices.Contains(merchants, msg.Merchant) {
				t.Fatalf("account %d pay %d: %+v", acct, i, msg)
			}
			if err := vouchertypes.ValidateAmount("amount", msg.Amount, vouchertypes.DefaultMaxAmount); err != nil {
				t.Fatal(err)
			}
			if err := vouchertypes.ValidateDigest("receipt_digest", msg.ReceiptDigest); err != nil {
				t.Fatal(err)
			}
			if seen[msg.ReceiptDigest] {
				t.Fatalf("account %d pay %d reuses receipt %s", acct, i, msg.ReceiptDigest)
			}
			seen[msg.ReceiptDigest] = true
			paidTo[msg.Merchant]++
		}
	}
	if len(paidTo) != BenchVoucherMerchants {
		t.Fatalf("payments reach %d of %d merchants", len(paidTo), BenchVoucherMerchants)
	}
	for _, a := range accts {
		if slices.Contains(merchants, a.Address) {
			t.Fatalf("load account %s is a merchant", a.Address)
		}
	}
	// A holding lasts far beyond a run: a million payments an account.
	if n := BenchVoucherHolding / BenchVoucherPayment; n < 1_000_000 {
		t.Fatalf("a holding pays %d times", n)
	}
}

// ExtendGenesis writes the bench program: a valid x/voucher genesis and a
// valid x/bank genesis that satisfy x/voucher's invariants once imported, on
// which the workload's payments succeed.
func TestExtendGenesisVoucherProgram(t *testing.T) {
	all := loadAccounts(t, 4)
	accts, other := all[:3], all[3] // other: an existing balance of the genesis
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	var out struct {
		AppState struct {
			Voucher json.RawMessage `json:"voucher"`
			Bank    json.RawMessage `json:"bank"`
			Agency  struct {
				Agencies []struct {
					Roles []string `json:"roles"`
				} `json:"agencies"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth": map[string]any{"accounts": []any{}},
		"bank": map[string]any{
			"params":   map[string]any{"send_enabled": []any{}, "default_send_enabled": true},
			"balances": []any{map[string]any{"address": other.Address, "coins": []any{map[string]any{"denom": "ucivic", "amount": "100"}}}},
			"supply":   []any{map[string]any{"denom": "ucivic", "amount": "100"}},
		},
		"agency": map[string]any{"members": []any{}, "agencies": []any{
			map[string]any{"id": "knpa", "roles": []any{"evidence.investigator"}},
		}},
		"voucher": moduleGenesis(t, cdc, vouchertypes.DefaultGenesis()),
	}, accts, LoadRoles, 1, &out)
	if roles := out.AppState.Agency.Agencies[0].Roles; !slices.Equal(roles, []string{"evidence.investigator", "voucher.issuer", "voucher.merchant"}) {
		t.Fatalf("agency roles %v", roles)
	}

	var gs vouchertypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Voucher, &gs); err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := gs.ValidateAddresses(addresscodec.NewBech32Codec(Bech32Prefix)); err != nil {
		t.Fatal(err)
	}
	if len(gs.Programs) != 1 || len(gs.Merchants) != BenchVoucherMerchants || len(gs.Holders) != len(accts) || gs.NextProgramId != BenchVoucherProgramID+1 {
		t.Fatalf("programs %d merchants %d holders %d next %d", len(gs.Programs), len(gs.Merchants), len(gs.Holders), gs.NextProgramId)
	}
	p := gs.Programs[0]
	genesis := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	total := sdkmath.NewInt(BenchVoucherHolding * int64(len(accts)))
	if p.Status != vouchertypes.ProgramStatusActive || p.AgencyId != "knpa" || p.FundingDenom != BenchVoucherFundingDenom ||
		!p.ExpiresAt.Equal(genesis.AddDate(1, 0, 0)) || !p.Budget.Outstanding.Equal(total) || !p.Budget.Escrow.Equal(total) {
		t.Fatalf("program %+v", p)
	}
	if !slices.Contains(vouchertypes.DefaultFundingDenoms, p.FundingDenom) {
		t.Fatalf("funding denom %s is not allowed by default", p.FundingDenom)
	}
	for _, m := range gs.Merchants {
		if m.Status != vouchertypes.MerchantStatusApproved || slices.Contains(p.ExcludedMccs, m.Mcc) || !slices.Contains(p.MerchantDistricts, m.DistrictCode) {
			t.Fatalf("merchant %+v", m)
		}
	}

	var bank banktypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Bank, &bank); err != nil {
		t.Fatal(err)
	}
	if err := bank.Validate(); err != nil { // balances sorted and valid, supply = Σ balances, metadata valid
		t.Fatal(err)
	}
	if got := bank.Supply.AmountOf(p.Denom); !got.Equal(p.Budget.Outstanding) {
		t.Fatalf("supply of %s is %s, outstanding %s", p.Denom, got, p.Budget.Outstanding)
	}
	module, err := bech32.ConvertAndEncode(Bech32Prefix, authtypes.NewModuleAddress(vouchertypes.ModuleName))
	if err != nil {
		t.Fatal(err)
	}
	balances := map[string]sdk.Coins{}
	for _, b := range bank.Balances {
		balances[b.Address] = b.Coins
	}
	if got := balances[module]; !got.Equal(sdk.NewCoins(sdk.NewCoin(BenchVoucherFundingDenom, p.Budget.Escrow))) {
		t.Fatalf("module account holds %s, escrow %s", got, p.Budget.Escrow)
	}
	for _, a := range accts {
		if got := balances[a.Address].AmountOf(p.Denom); !got.Equal(sdkmath.NewInt(BenchVoucherHolding)) {
			t.Fatalf("holder %s holds %s", a.Address, got)
		}
	}
	if !slices.ContainsFunc(bank.DenomMetadata, func(m banktypes.Metadata) bool { return m.Base == p.Denom && m.Display == p.Denom }) {
		t.Fatalf("no metadata of %s: %v", p.Denom, bank.DenomMetadata)
	}

	// Imported, the state satisfies x/voucher's invariants and the workload's
	// payments succeed and keep them.
	f := testkeeper.NewFixture(t, testkeeper.WithBlockedModuleAccounts())
	f.Ctx = f.Ctx.WithBlockTime(genesis.Add(time.Hour))
	f.Bank.InitGenesis(f.Ctx, &bank)
	if err := f.Voucher.InitGenesis(f.Ctx, &gs); err != nil {
		t.Fatal(err)
	}
	if err := f.Voucher.CheckInvariants(f.Ctx); err != nil {
		t.Fatal(err)
	}
	ms := voucherkeeper.NewMsgServerImpl(f.Voucher)
	env := NewEnv(accts, "ucivic")
	for acct := range accts {
		for _, m := range (VoucherPay{}).Msgs(env, acct, 5) {
			if _, err := ms.Pay(f.Ctx, m.(*vouchertypes.MsgPay)); err != nil {
				t.Fatalf("account %d: %v", acct, err)
			}
		}
	}
	if err := f.Voucher.CheckInvariants(f.Ctx); err != nil {
		t.Fatal(err)
	}
	paid, err := f.Voucher.GetProgram(f.Ctx, BenchVoucherProgramID)
	if err != nil {
		t.Fatal(err)
	}
	if want := sdkmath.NewInt(BenchVoucherPayment * 5 * int64(len(accts))); paid.PaymentsCount != uint64(5*len(accts)) || !paid.PaymentsAmount.Equal(want) {
		t.Fatalf("payments %d, %s", paid.PaymentsCount, paid.PaymentsAmount)
	}
}

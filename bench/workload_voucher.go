package bench

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// The voucher program ExtendGenesis writes into the bench chain's genesis: an
// ACTIVE LOCAL_CURRENCY program of the load agency, by ALLOCATION, valid for a
// year from genesis, funded in ukrw and fully backed (the escrow, in the
// voucher module account, equals what is outstanding), every load account a
// holder of BenchVoucherHolding vouchers and BenchVoucherMerchants APPROVED
// merchants (accounts of their own, not load accounts). The state is the one
// MsgCreateProgram, MsgFundProgram, MsgActivateProgram, MsgApplyMerchant,
// MsgDecideMerchant and MsgAllocate would have left: the denom's bank
// metadata, the holder index, the allocation counts and the usage by
// district, the supply equal to outstanding and the module balance equal to
// the escrow (x/voucher's invariants).
const (
	// BenchVoucherProgramID is the bench program's id, above the local
	// network's own programs.
	BenchVoucherProgramID uint64 = 1_000_000
	// BenchVoucherFundingDenom is the program's funding denom (won-backed).
	BenchVoucherFundingDenom = "ukrw"
	// BenchVoucherHolding is each load account's voucher balance at genesis:
	// two million payments of BenchVoucherPayment.
	BenchVoucherHolding int64 = 10_000_000_000
	// BenchVoucherPayment is the amount of one voucher-pay message.
	BenchVoucherPayment int64 = 5_000
	// BenchVoucherMerchants is the number of approved merchants.
	BenchVoucherMerchants = 4
	// BenchVoucherDistrict is the holders' and merchants' district (Busanjin-gu, Busan).
	BenchVoucherDistrict = "26230"
)

// benchVoucherMCCs are the merchants' categories (grocery, restaurant), by
// merchant index; benchVoucherExcludedMCCs the program's excluded categories
// (department stores, bars, gambling), ascending.
var (
	benchVoucherMCCs         = []string{"5411", "5812"}
	benchVoucherExcludedMCCs = []string{"5311", "5813", "7995"}
)

// BenchVoucherDenom is the bench program's voucher denom.
func BenchVoucherDenom() string { return vouchertypes.Denom(BenchVoucherProgramID) }

// BenchVoucherMerchant is merchant i's address: the first 20 bytes of
// sha256("civic-bench/voucher-merchant/<i>"), a key-less account of the
// throwaway chain that only receives (x/bank creates its account on the first
// payment).
func BenchVoucherMerchant(i int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("civic-bench/voucher-merchant/%d", i)))
	addr, err := bech32.ConvertAndEncode(Bech32Prefix, h[:20])
	if err != nil {
		panic(fmt.Sprintf("voucher merchant %d: %v", i, err)) // 20 bytes always encode
	}
	return addr
}

// VoucherPay: x/voucher MsgPay signed by the holder: BenchVoucherPayment of
// the bench program's vouchers to one of its APPROVED merchants (cycling
// through them), with a fresh receipt digest. On chain: the program's window
// and status, the holder index, the merchant's status and the receipt's
// uniqueness checked, the balance read, one x/bank transfer through x/voucher's
// send restriction (the pay edge: a merchant lookup), the receipt, merchant,
// program and two usage aggregates written, a typed event.
type VoucherPay struct{}

func (VoucherPay) Name() string { return "voucher-pay" }

func (VoucherPay) Msgs(env *Env, acct, max int) []sdk.Msg {
	merchants := make([]string, BenchVoucherMerchants)
	for i := range merchants {
		merchants[i] = BenchVoucherMerchant(i)
	}
	return makeMsgs(max, func(i int) sdk.Msg {
		return &vouchertypes.MsgPay{
			Holder:        env.Accounts[acct].Address,
			ProgramId:     BenchVoucherProgramID,
			Merchant:      merchants[(acct+i)%len(merchants)],
			Amount:        sdkmath.NewInt(BenchVoucherPayment),
			ReceiptDigest: digestOf(fmt.Sprintf("receipt/%s/%d/%d", env.RunID, acct, i)),
		}
	})
}

// benchVoucherGenesis is the bench program, its merchants, holders and usage
// for accts, created and decided by accts[0] at genesisTime.
func benchVoucherGenesis(accts []*LoadAccount, agency string, genesis time.Time) (vouchertypes.Program, []vouchertypes.Merchant, []vouchertypes.HolderEntry, vouchertypes.UsageEntry) {
	total := sdkmath.NewInt(BenchVoucherHolding).MulRaw(int64(len(accts)))
	zero := sdkmath.ZeroInt()
	actor := accts[0].Address
	p := vouchertypes.Program{
		Id: BenchVoucherProgramID, AgencyId: agency, Kind: vouchertypes.ProgramKindLocalCurrency,
		Denom: BenchVoucherDenom(), FundingDenom: BenchVoucherFundingDenom,
		BudgetCap: total, PerHolderCap: sdkmath.NewInt(BenchVoucherHolding),
		HolderDistricts: []string{BenchVoucherDistrict}, MerchantDistricts: []string{BenchVoucherDistrict},
		ExcludedMccs: append([]string(nil), benchVoucherExcludedMCCs...), Eligibility: vouchertypes.EligibilityAllocation,
		StartsAt: genesis, ExpiresAt: genesis.AddDate(1, 0, 0), RedeemUntil: genesis.AddDate(1, 1, 0),
		RefundAddress: actor, Status: vouchertypes.ProgramStatusActive,
		Budget: vouchertypes.Budget{
			Funded: total, Escrow: total, Issued: total, Outstanding: total,
			Redeemed: zero, Swept: zero, Refunded: zero,
		},
		AllocationsCount: uint64(len(accts)),
		PaymentsAmount:   zero,
		CreatedBy:        actor,
		CreatedAt:        genesis,
	}
	merchants := make([]vouchertypes.Merchant, BenchVoucherMerchants)
	for i := range merchants {
		addr := BenchVoucherMerchant(i)
		merchants[i] = vouchertypes.Merchant{
			ProgramId: BenchVoucherProgramID, Address: addr,
			BusinessDigest: digestOf(fmt.Sprintf("bench voucher merchant %d", i)),
			DistrictCode:   BenchVoucherDistrict, Mcc: benchVoucherMCCs[i%len(benchVoucherMCCs)],
			SettlementAddress: addr, Status: vouchertypes.MerchantStatusApproved,
			AppliedAt: genesis, DecidedBy: actor, DecidedAt: genesis,
			Received: zero, Redeemed: zero,
		}
	}
	holders := make([]vouchertypes.HolderEntry, len(accts))
	for i, a := range accts {
		holders[i] = vouchertypes.HolderEntry{ProgramId: BenchVoucherProgramID, Address: a.Address}
	}
	usage := vouchertypes.UsageEntry{
		ProgramId: BenchVoucherProgramID, Kind: vouchertypes.UsageKindAllocationsByDistrict, Code: BenchVoucherDistrict,
		Usage: vouchertypes.Usage{Count: uint64(len(accts)), Amount: total},
	}
	return p, merchants, holders, usage
}

// extendVoucherGenesis writes the bench voucher program (see the constants
// above) into app_state.voucher, moves next_program_id above it, grants
// voucher.issuer and voucher.merchant to the load agency, and in app_state.bank
// gives every load account BenchVoucherHolding of the program's denom, the
// voucher module account the escrow in ukrw, the denom its metadata and, when
// the genesis writes the supply, adds both to it.
func extendVoucherGenesis(app map[string]any, accts []*LoadAccount, agency, genesisTime string) error {
	voucher, ok := app["voucher"].(map[string]any)
	bank, _ := app["bank"].(map[string]any)
	if !ok || bank == nil || len(accts) == 0 || agency == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, genesisTime)
	if err != nil {
		return fmt.Errorf("genesis_time %q: %w", genesisTime, err)
	}
	grantRoles(app, agency, vouchertypes.RoleIssuer, vouchertypes.RoleMerchant)
	p, merchants, holders, usage := benchVoucherGenesis(accts, agency, t.UTC())

	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	appendJSON := func(field string, msgs ...proto.Message) error {
		list, _ := voucher[field].([]any)
		for _, m := range msgs {
			v, err := protoJSON(cdc, m)
			if err != nil {
				return fmt.Errorf("voucher %s: %w", field, err)
			}
			list = append(list, v)
		}
		voucher[field] = list
		return nil
	}
	ms := make([]proto.Message, 0, len(merchants))
	for i := range merchants {
		ms = append(ms, &merchants[i])
	}
	hs := make([]proto.Message, 0, len(holders))
	for i := range holders {
		hs = append(hs, &holders[i])
	}
	for _, part := range []struct {
		field string
		msgs  []proto.Message
	}{{"programs", []proto.Message{&p}}, {"merchants", ms}, {"holders", hs}, {"usage", []proto.Message{&usage}}} {
		if err := appendJSON(part.field, part.msgs...); err != nil {
			return err
		}
	}
	next := BenchVoucherProgramID + 1
	if cur, err := strconv.ParseUint(fmt.Sprint(voucher["next_program_id"]), 10, 64); err == nil && cur > next {
		next = cur
	}
	voucher["next_program_id"] = strconv.FormatUint(next, 10)

	// x/bank: the holders' vouchers, the escrow, the metadata, the supply.
	holding := big.NewInt(BenchVoucherHolding)
	total := p.Budget.Outstanding.BigInt()
	balances, _ := bank["balances"].([]any)
	module, err := bech32.ConvertAndEncode(Bech32Prefix, authtypes.NewModuleAddress(vouchertypes.ModuleName))
	if err != nil {
		return err
	}
	credits := make([]credit, 0, len(accts)+1)
	for _, a := range accts {
		credits = append(credits, credit{a.Address, p.Denom, holding})
	}
	credits = append(credits, credit{module, p.FundingDenom, total})
	for _, c := range credits {
		if balances, err = addBalance(balances, c.addr, c.denom, c.amount); err != nil {
			return err
		}
	}
	sortByAddress(balances)
	bank["balances"] = balances
	if supply, _ := bank["supply"].([]any); len(supply) != 0 {
		for _, denom := range []string{p.Denom, p.FundingDenom} {
			if supply, err = addCoin(supply, denom, total); err != nil {
				return fmt.Errorf("supply: %w", err)
			}
		}
		bank["supply"] = supply
	}
	meta, err := protoJSON(cdc, &banktypes.Metadata{
		Description: fmt.Sprintf("civic voucher of program %d: spendable only at its approved merchants, backed 1:1 by the program's escrow", p.Id),
		DenomUnits:  []*banktypes.DenomUnit{{Denom: p.Denom, Exponent: 0}},
		Base:        p.Denom,
		Display:     p.Denom,
		Name:        fmt.Sprintf("voucher program %d", p.Id),
		Symbol:      fmt.Sprintf("VOUCHER%d", p.Id),
	})
	if err != nil {
		return err
	}
	metadata, _ := bank["denom_metadata"].([]any)
	bank["denom_metadata"] = append(metadata, meta)
	return nil
}

// protoJSON is m in the chain's genesis JSON, decoded for the genesis document.
func protoJSON(cdc codec.JSONCodec, m proto.Message) (any, error) {
	bz, err := cdc.MarshalJSON(m)
	if err != nil {
		return nil, err
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// credit is amount of denom for addr.
type credit struct {
	addr, denom string
	amount      *big.Int
}

// addBalance adds amount of denom to addr's entry of the bank balances, a new
// entry if it has none.
func addBalance(balances []any, addr, denom string, amount *big.Int) ([]any, error) {
	for _, b := range balances {
		m, _ := b.(map[string]any)
		if fmt.Sprint(m["address"]) != addr {
			continue
		}
		coins, _ := m["coins"].([]any)
		coins, err := addCoin(coins, denom, amount)
		if err != nil {
			return nil, fmt.Errorf("balance of %s: %w", addr, err)
		}
		m["coins"] = coins
		return balances, nil
	}
	return append(balances, map[string]any{"address": addr, "coins": []any{map[string]any{"denom": denom, "amount": amount.String()}}}), nil
}

// addCoin adds amount of denom to a list of coins (a new coin if it has none)
// and keeps it sorted by denom, as x/bank requires.
func addCoin(coins []any, denom string, amount *big.Int) ([]any, error) {
	found := false
	for _, c := range coins {
		m, _ := c.(map[string]any)
		if fmt.Sprint(m["denom"]) != denom {
			continue
		}
		cur, ok := new(big.Int).SetString(fmt.Sprint(m["amount"]), 10)
		if !ok {
			return nil, fmt.Errorf("%s amount %v is not an integer", denom, m["amount"])
		}
		m["amount"] = cur.Add(cur, amount).String()
		found = true
	}
	if !found {
		coins = append(coins, map[string]any{"denom": denom, "amount": amount.String()})
	}
	sort.SliceStable(coins, func(i, j int) bool {
		mi, _ := coins[i].(map[string]any)
		mj, _ := coins[j].(map[string]any)
		return fmt.Sprint(mi["denom"]) < fmt.Sprint(mj["denom"])
	})
	return coins, nil
}

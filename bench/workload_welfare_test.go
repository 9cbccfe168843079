package bench

import (
	"encoding/json"
	"fmt"
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
	welfarekeeper "github.com/civicchain/civic/x/welfare/keeper"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// welfare-apply sends what x/welfare accepts statelessly: the caseworker is
// the signer, the bench apply program, one well-formed slot key (the program
// has one group), a salted-digest beneficiary and an application digest,
// every slot key fresh for every message of every account (so each
// application is PENDING, never DUPLICATED).
func TestWelfareApplyWorkload(t *testing.T) {
	accts := loadAccounts(t, 3)
	env := NewEnv(accts, "ucivic")
	seen := map[string]bool{}
	for acct := range accts {
		msgs := (WelfareApply{}).Msgs(env, acct, 40)
		if len(msgs) != 40 {
			t.Fatalf("account %d: %d messages", acct, len(msgs))
		}
		for i, m := range msgs {
			msg := m.(*welfaretypes.MsgApply)
			if msg.Caseworker != accts[acct].Address || msg.ProgramId != BenchWelfareApplyProgramID {
				t.Fatalf("account %d apply %d: %+v", acct, i, msg)
			}
			if err := welfaretypes.ValidateSlotKeys(msg.SlotKeys, []string{BenchWelfareGroup}); err != nil {
				t.Fatal(err)
			}
			if err := welfaretypes.ValidateBeneficiaryRef(msg.BeneficiaryRef); err != nil || welfaretypes.IsDidRef(msg.BeneficiaryRef) {
				t.Fatalf("beneficiary %s: %v", msg.BeneficiaryRef, err)
			}
			if err := welfaretypes.ValidateDigest("application_digest", msg.ApplicationDigest); err != nil {
				t.Fatal(err)
			}
			if seen[msg.SlotKeys[0]] {
				t.Fatalf("account %d apply %d reuses slot key %s", acct, i, msg.SlotKeys[0])
			}
			seen[msg.SlotKeys[0]] = true
		}
	}
}

// welfare-distribute walks each account's own program through its approved
// cycles in order, every message paying BenchWelfareLimit entitlements
// (the entitlements are a whole number of messages), within max_distribute;
// it counts a transaction's payments from its events.
func TestWelfareDistributeWorkload(t *testing.T) {
	if BenchWelfareEntitlements%BenchWelfareLimit != 0 {
		t.Fatalf("%d entitlements are not a whole number of messages of %d", BenchWelfareEntitlements, BenchWelfareLimit)
	}
	if BenchWelfareLimit > welfaretypes.DefaultMaxDistribute {
		t.Fatalf("limit %d is above the default max_distribute %d", BenchWelfareLimit, welfaretypes.DefaultMaxDistribute)
	}
	accts := loadAccounts(t, 3)
	env := NewEnv(accts, "ucivic")
	per := BenchWelfareEntitlements / BenchWelfareLimit
	for acct := range accts {
		msgs := (WelfareDistribute{}).Msgs(env, acct, 1_000_000)
		if len(msgs) != BenchWelfareCycles*per {
			t.Fatalf("account %d: %d messages, want %d", acct, len(msgs), BenchWelfareCycles*per)
		}
		for i, m := range msgs {
			msg := m.(*welfaretypes.MsgDistribute)
			if msg.Manager != accts[acct].Address || msg.ProgramId != BenchWelfareProgramID(acct) || msg.Limit != BenchWelfareLimit || msg.Seq != uint64(i/per+1) {
				t.Fatalf("account %d distribute %d: %+v", acct, i, msg)
			}
		}
		if got := (WelfareDistribute{}).Msgs(env, acct, 3); len(got) != 3 {
			t.Fatalf("max 3: %d messages", len(got))
		}
	}
	if BenchWelfareProgramID(0) == BenchWelfareApplyProgramID || BenchWelfareProgramID(1) == BenchWelfareProgramID(0) {
		t.Fatal("program ids collide")
	}
	// One account: no second manager approved any cycle, so nothing to send.
	if got := (WelfareDistribute{}).Msgs(NewEnv(accts[:1], "ucivic"), 0, 10); len(got) != 0 {
		t.Fatalf("one account: %d messages", len(got))
	}
	// Units: the EventPaymentMade events, nothing else.
	events := []Event{
		{Type: "civic.welfare.v1.EventPaymentMade"}, {Type: "civic.welfare.v1.EventEntitlementStatusChanged"},
		{Type: "civic.welfare.v1.EventPaymentMade"}, {Type: "civic.welfare.v1.EventPaymentSkipped"},
		{Type: "civic.welfare.v1.EventCycleDistributed"},
	}
	if n := (WelfareDistribute{}).Units(events); n != 2 {
		t.Fatalf("units %d", n)
	}
	if u := (WelfareDistribute{}).Unit(); u != "payments" || singular(u) != "payment" {
		t.Fatalf("unit %q", u)
	}
	var _ Counted = WelfareDistribute{}
	if _, ok := any(WelfareApply{}).(Counted); ok {
		t.Fatal("welfare-apply's unit is the transaction")
	}
}

// ExtendGenesis writes the bench welfare state: a valid x/welfare genesis,
// the payees as x/auth accounts and the escrow in a valid x/bank genesis,
// which satisfy x/welfare's invariants once imported; on it the workloads'
// applications are PENDING and their distributions pay every entitlement in
// every cycle, BenchWelfareLimit payments a message, and end DISTRIBUTED.
func TestExtendGenesisWelfare(t *testing.T) {
	all := loadAccounts(t, 4)
	accts, other := all[:3], all[3] // other: an existing account and balance of the genesis
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	var out struct {
		AppState struct {
			Welfare json.RawMessage `json:"welfare"`
			Bank    json.RawMessage `json:"bank"`
			Auth    struct {
				Accounts []struct {
					Address       string `json:"address"`
					AccountNumber string `json:"account_number"`
				} `json:"accounts"`
			} `json:"auth"`
			Agency struct {
				Agencies []struct {
					Roles []string `json:"roles"`
				} `json:"agencies"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth": map[string]any{"accounts": []any{map[string]any{
			"@type": "/cosmos.auth.v1beta1.BaseAccount", "address": other.Address, "pub_key": nil, "account_number": "7", "sequence": "0",
		}}},
		"bank": map[string]any{
			"params":   map[string]any{"send_enabled": []any{}, "default_send_enabled": true},
			"balances": []any{map[string]any{"address": other.Address, "coins": []any{map[string]any{"denom": "ukrw", "amount": "100"}}}},
			"supply":   []any{map[string]any{"denom": "ucivic", "amount": "0"}, map[string]any{"denom": "ukrw", "amount": "100"}},
		},
		"agency": map[string]any{"members": []any{}, "agencies": []any{
			map[string]any{"id": "knpa", "roles": []any{"evidence.investigator"}},
		}},
		"welfare": moduleGenesis(t, cdc, welfaretypes.DefaultGenesis()),
	}, accts, LoadRoles, 1, &out)
	if roles := out.AppState.Agency.Agencies[0].Roles; !slices.Equal(roles, []string{"evidence.investigator", welfaretypes.RoleCaseworker, welfaretypes.RoleManager}) {
		t.Fatalf("agency roles %v", roles)
	}
	for _, r := range []string{welfaretypes.RoleCaseworker, welfaretypes.RoleManager} {
		if !slices.Contains(LoadRoles, r) {
			t.Fatalf("load accounts lack %s", r)
		}
	}

	var gs welfaretypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Welfare, &gs); err != nil {
		t.Fatal(err)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := gs.ValidateAddresses(addresscodec.NewBech32Codec(Bech32Prefix)); err != nil {
		t.Fatal(err)
	}
	n := len(accts)
	if len(gs.Groups) != 1 || len(gs.Programs) != 1+n || len(gs.Enrolments) != n*BenchWelfareEntitlements ||
		len(gs.Entitlements) != n*BenchWelfareEntitlements || len(gs.Cycles) != n*BenchWelfareCycles || len(gs.Slots) != 0 {
		t.Fatalf("groups %d programs %d enrolments %d entitlements %d cycles %d slots %d",
			len(gs.Groups), len(gs.Programs), len(gs.Enrolments), len(gs.Entitlements), len(gs.Cycles), len(gs.Slots))
	}
	if gs.NextProgramId != BenchWelfareProgramID(n) || gs.NextEnrolmentId != BenchWelfareEntitlementID(n, 0) || gs.NextEntitlementId != gs.NextEnrolmentId {
		t.Fatalf("next ids %d %d %d", gs.NextProgramId, gs.NextEnrolmentId, gs.NextEntitlementId)
	}
	amount := sdkmath.NewInt(BenchWelfareAmount)
	escrow := amount.MulRaw(int64(n * BenchWelfareEntitlements * BenchWelfareCycles))
	for _, p := range gs.Programs {
		if p.Status != welfaretypes.ProgramStatusActive || p.AgencyId != "knpa" || !p.IsCash() || p.Benefit.Denom != BenchWelfareDenom {
			t.Fatalf("program %+v", p)
		}
	}
	for _, c := range gs.Cycles {
		if c.Status != welfaretypes.CycleStatusApproved || c.ApprovedBy == c.SubmittedBy || !c.Reserved.Equal(amount.MulRaw(BenchWelfareEntitlements)) {
			t.Fatalf("cycle %+v", c)
		}
	}
	params := welfaretypes.DefaultParams()
	for _, e := range gs.Entitlements {
		if e.Status != welfaretypes.EntitlementStatusAccepted || e.AmountPerCycle.GT(params.MaxAmount) ||
			uint64(e.ValidUntil.Sub(e.ValidFrom)/time.Second) > params.MaxEntitlementSeconds {
			t.Fatalf("entitlement %+v", e)
		}
	}
	loadAddrs := make([]string, len(all))
	for i, a := range all {
		loadAddrs[i] = a.Address
	}
	payees := map[string]bool{}
	for _, e := range gs.Entitlements {
		if payees[e.Payee] || slices.Contains(loadAddrs, e.Payee) {
			t.Fatalf("payee %s is shared or a load account", e.Payee)
		}
		payees[e.Payee] = true
	}

	// x/auth: every payee once, account numbers unique and after the existing ones.
	numbers := map[string]bool{}
	inAuth := map[string]bool{}
	for _, a := range out.AppState.Auth.Accounts {
		if numbers[a.AccountNumber] || inAuth[a.Address] {
			t.Fatalf("account %s number %s is listed twice", a.Address, a.AccountNumber)
		}
		numbers[a.AccountNumber], inAuth[a.Address] = true, true
	}
	for p := range payees {
		if !inAuth[p] {
			t.Fatalf("payee %s has no account", p)
		}
	}
	if want := 1 + len(accts) + len(payees); len(out.AppState.Auth.Accounts) != want {
		t.Fatalf("%d accounts, want %d", len(out.AppState.Auth.Accounts), want)
	}

	var bank banktypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Bank, &bank); err != nil {
		t.Fatal(err)
	}
	if err := bank.Validate(); err != nil { // balances sorted and valid, supply = Σ balances
		t.Fatal(err)
	}
	module, err := bech32.ConvertAndEncode(Bech32Prefix, authtypes.NewModuleAddress(welfaretypes.ModuleName))
	if err != nil {
		t.Fatal(err)
	}
	balances := map[string]sdk.Coins{}
	for _, b := range bank.Balances {
		balances[b.Address] = b.Coins
	}
	if got := balances[module]; !got.Equal(sdk.NewCoins(sdk.NewCoin(BenchWelfareDenom, escrow))) {
		t.Fatalf("module account holds %s, escrow %s", got, escrow)
	}

	// Imported, the state satisfies x/welfare's invariants; the workloads'
	// messages succeed and keep them.
	f := testkeeper.NewFixture(t, testkeeper.WithBlockedModuleAccounts())
	genesis := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Ctx = f.Ctx.WithBlockTime(genesis.Add(time.Hour))
	admin := testkeeper.TestAddress("knpa admin")
	roles := []string{welfaretypes.RoleCaseworker, welfaretypes.RoleManager}
	testkeeper.RegisterTestAgency(t, f.Agency, f.Ctx, "knpa", admin, roles...)
	for _, a := range accts {
		testkeeper.AddTestMember(t, f.Agency, f.Ctx, "knpa", admin, sdk.MustAccAddressFromBech32(a.Address), roles...)
	}
	f.Bank.InitGenesis(f.Ctx, &bank)
	if err := f.Welfare.InitGenesis(f.Ctx, &gs); err != nil {
		t.Fatal(err)
	}
	if err := f.Welfare.CheckInvariants(f.Ctx); err != nil {
		t.Fatal(err)
	}
	ms := welfarekeeper.NewMsgServerImpl(f.Welfare)
	env := NewEnv(accts, "ucivic")
	for acct := range accts {
		for _, m := range (WelfareApply{}).Msgs(env, acct, 5) {
			res, err := ms.Apply(f.Ctx, m.(*welfaretypes.MsgApply))
			if err != nil || res.Status != welfaretypes.EnrolmentStatusPending {
				t.Fatalf("account %d: %v %v", acct, res, err)
			}
		}
		for i, m := range (WelfareDistribute{}).Msgs(env, acct, 1_000_000) {
			ctx := f.Ctx.WithEventManager(sdk.NewEventManager())
			res, err := ms.Distribute(ctx, m.(*welfaretypes.MsgDistribute))
			if err != nil {
				t.Fatalf("account %d distribute %d: %v", acct, i, err)
			}
			if res.Paid != BenchWelfareLimit || res.Skipped != 0 {
				t.Fatalf("account %d distribute %d: %+v", acct, i, res)
			}
			if last := (i+1)%(BenchWelfareEntitlements/BenchWelfareLimit) == 0; res.Distributed != last {
				t.Fatalf("account %d distribute %d: distributed %v", acct, i, res.Distributed)
			}
			if got := (WelfareDistribute{}).Units(abciEvents(ctx.EventManager().Events())); got != BenchWelfareLimit {
				t.Fatalf("account %d distribute %d: %d payments counted from its events", acct, i, got)
			}
		}
	}
	if err := f.Welfare.CheckInvariants(f.Ctx); err != nil {
		t.Fatal(err)
	}
	apply, err := f.Welfare.GetProgram(f.Ctx, BenchWelfareApplyProgramID)
	if err != nil {
		t.Fatal(err)
	}
	if apply.Totals.EnrolmentsPending != uint64(5*n) || apply.Totals.EnrolmentsDuplicated != 0 {
		t.Fatalf("apply program totals %+v", apply.Totals)
	}
	for acct := range accts {
		p, err := f.Welfare.GetProgram(f.Ctx, BenchWelfareProgramID(acct))
		if err != nil {
			t.Fatal(err)
		}
		if p.Totals.PaymentsCount != BenchWelfareEntitlements*BenchWelfareCycles || !p.Totals.Escrow.IsZero() || !p.Totals.Reserved.IsZero() || p.OpenCycles != 0 {
			t.Fatalf("program %d totals %+v open %d", p.Id, p.Totals, p.OpenCycles)
		}
		for j := range BenchWelfareEntitlements {
			payee := sdk.MustAccAddressFromBech32(BenchWelfarePayee(acct, j))
			if got := f.Bank.GetBalance(f.Ctx, payee, BenchWelfareDenom).Amount; !got.Equal(amount.MulRaw(BenchWelfareCycles)) {
				t.Fatalf("payee %d/%d received %s", acct, j, got)
			}
		}
	}
	if got := f.Bank.GetBalance(f.Ctx, sdk.MustAccAddressFromBech32(module), BenchWelfareDenom).Amount; !got.IsZero() {
		t.Fatalf("module account keeps %s", got)
	}
	if _, err := ms.Distribute(f.Ctx, (WelfareDistribute{}).Msgs(env, 0, 1)[0].(*welfaretypes.MsgDistribute)); err == nil {
		t.Fatal("a distributed cycle distributes again")
	}
}

// abciEvents are ABCI events as the harness reads them from a block (type and
// attributes, values unquoted).
func abciEvents(events sdk.Events) []Event {
	out := make([]Event, len(events))
	for i, e := range events {
		out[i] = Event{Type: e.Type, Attrs: map[string]string{}}
		for _, a := range e.Attributes {
			out[i].Attrs[a.Key] = fmt.Sprint(a.Value)
		}
	}
	return out
}

package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// Workload is one kind of transaction load. A module adds its workload with a
// name and a message factory:
//
//	type myWorkload struct{}
//	func (myWorkload) Name() string { return "mymodule-do-thing" }
//	func (myWorkload) Msgs(env *Env, acct, max int) []sdk.Msg { ... up to max messages signed by env.Accounts[acct] ... }
//
// and lists it in DefaultWorkloads (or passes it to Runner.RunWorkload). Each
// message becomes one transaction with one signer, the account acct; an account's
// transactions are sent in order. A workload that needs state created by an
// earlier one (ids from events) also implements Observer.
type Workload interface {
	Name() string
	Msgs(env *Env, acct, max int) []sdk.Msg
}

// Dependent is a workload that reads objects other workloads create (ids from their
// committed events): Needs are those workloads, which WithNeeds runs before it.
type Dependent interface {
	Needs() []Workload
}

// WithNeeds returns ws with every workload a listed one needs (transitively) put before
// its first user, each workload once (by name); ws's own order is kept otherwise. So
// "-workloads evidence-register" opens the cases it registers into first.
func WithNeeds(ws []Workload) []Workload {
	var out []Workload
	seen := map[string]bool{}
	var add func(w Workload)
	add = func(w Workload) {
		if seen[w.Name()] {
			return
		}
		seen[w.Name()] = true
		if d, ok := w.(Dependent); ok {
			for _, n := range d.Needs() {
				add(n)
			}
		}
		out = append(out, w)
	}
	for _, w := range ws {
		add(w)
	}
	return out
}

// Observer is told about every transaction of the workload committed with code 0,
// in block order, with its civic.* typed events.
type Observer interface {
	Committed(env *Env, acct int, msg sdk.Msg, events []Event)
}

// Counted is a workload whose unit of work is not the transaction: each
// committed transaction does Units(events) units (welfare-distribute: the
// payments of one MsgDistribute, counted from its typed events). The results
// report, beside tx/s, the units committed, units per second over the same
// window, node CPU per unit and units/s against bank tx/s.
type Counted interface {
	// Unit names the unit, plural ("payments").
	Unit() string
	// Units counts the units of one committed transaction from its civic.* typed events.
	Units(events []Event) int
}

// Env is what the workloads share: the accounts, the denom, and the x/evidence
// objects created so far (per account).
type Env struct {
	Accounts []*LoadAccount
	Denom    string
	RunID    string // makes case references unique per run

	mu       sync.Mutex
	Cases    map[int][]uint64 // cases opened by the account
	Items    map[int][]Item   // items registered by the account
	Held     map[int][]Item   // items the account holds IN_CUSTODY
	Incoming map[int][]Item   // items proposed to the account (TRANSFER_PENDING)

}

// Item is an evidence item and its recorded digest.
type Item struct {
	ID     uint64
	Digest string
}

// NewEnv returns an empty Env.
func NewEnv(accts []*LoadAccount, denom string) *Env {
	return &Env{Accounts: accts, Denom: denom, RunID: strconv.FormatInt(time.Now().UnixNano(), 36),
		Cases: map[int][]uint64{}, Items: map[int][]Item{}, Held: map[int][]Item{}, Incoming: map[int][]Item{}}
}

// Partner is the account acct transfers to (pairs 0-1, 2-3, ...).
func (e *Env) Partner(acct int) int {
	p := acct ^ 1
	if p >= len(e.Accounts) {
		return 0
	}
	return p
}

// makeMsgs returns n messages, the i-th built by msg(i).
func makeMsgs(n int, msg func(i int) sdk.Msg) []sdk.Msg {
	out := make([]sdk.Msg, n)
	for i := range out {
		out[i] = msg(i)
	}
	return out
}

func digestOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// BankSend: every account sends 1 denom to the next one. The baseline; Suffix
// names a repeat ("bank-send-end").
type BankSend struct{ Suffix string }

func (w BankSend) Name() string {
	if w.Suffix != "" {
		return "bank-send-" + w.Suffix
	}
	return "bank-send"
}

func (BankSend) Msgs(env *Env, acct, max int) []sdk.Msg {
	to := env.Accounts[(acct+1)%len(env.Accounts)].Address
	return makeMsgs(max, func(i int) sdk.Msg {
		return &banktypes.MsgSend{FromAddress: env.Accounts[acct].Address, ToAddress: to, Amount: sdk.NewCoins(sdk.NewCoin(env.Denom, sdkmath.OneInt()))}
	})
}

// OpenCase: x/evidence MsgOpenCase (x/agency Authorize evidence.investigator),
// fresh reference digests.
type OpenCase struct{}

func (OpenCase) Name() string { return "evidence-open-case" }

func (OpenCase) Msgs(env *Env, acct, max int) []sdk.Msg {
	return makeMsgs(max, func(i int) sdk.Msg {
		return &evidencetypes.MsgOpenCase{Investigator: env.Accounts[acct].Address, ReferenceDigest: digestOf(fmt.Sprintf("case/%s/%d/%d", env.RunID, acct, i))}
	})
}

func (OpenCase) Committed(env *Env, acct int, _ sdk.Msg, events []Event) {
	for _, e := range events {
		if e.Type == "civic.evidence.v1.EventCaseOpened" {
			if id, err := strconv.ParseUint(e.Attrs["case_id"], 10, 64); err == nil {
				env.mu.Lock()
				env.Cases[acct] = append(env.Cases[acct], id)
				env.mu.Unlock()
			}
		}
	}
}

// RegisterEvidence: x/evidence MsgRegisterEvidence into the account's open cases
// (at most MaxPerCase items in each).
type RegisterEvidence struct{ MaxPerCase int }

func (RegisterEvidence) Name() string { return "evidence-register" }

// Needs: the cases the items are registered into.
func (RegisterEvidence) Needs() []Workload { return []Workload{OpenCase{}} }

func (w RegisterEvidence) Msgs(env *Env, acct, max int) []sdk.Msg {
	cases := env.Cases[acct]
	per := w.MaxPerCase
	if per <= 0 {
		per = int(evidencetypes.DefaultMaxItemsPerCase)
	}
	if limit := len(cases) * per; max > limit {
		max = limit
	}
	acquired := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	return makeMsgs(max, func(i int) sdk.Msg {
		return &evidencetypes.MsgRegisterEvidence{
			Investigator:  env.Accounts[acct].Address,
			CaseId:        cases[i/per],
			ExhibitNumber: fmt.Sprintf("EX-%d", i%per),
			Digest:        digestOf(fmt.Sprintf("file/%s/%d/%d", env.RunID, acct, i)),
			SizeBytes:     536870912,
			MediaType:     "application/octet-stream",
			Locator:       fmt.Sprintf("s3://bench-evidence/%d/%d.img", acct, i),
			Acquisition: evidencetypes.Acquisition{
				Method: evidencetypes.AcquisitionMethodForensicImage, Tool: "ftk-imager", ToolVersion: "4.7", AcquiredAt: acquired,
			},
		}
	})
}

func (RegisterEvidence) Committed(env *Env, acct int, msg sdk.Msg, events []Event) {
	m := msg.(*evidencetypes.MsgRegisterEvidence)
	for _, e := range events {
		if e.Type == "civic.evidence.v1.EventEvidenceRegistered" {
			if id, err := strconv.ParseUint(e.Attrs["evidence_id"], 10, 64); err == nil {
				env.mu.Lock()
				env.Items[acct] = append(env.Items[acct], Item{ID: id, Digest: m.Digest})
				env.mu.Unlock()
			}
		}
	}
}

// TakeCustody: x/evidence MsgTakeCustody of the account's registered items
// (REGISTERED -> IN_CUSTODY); sets up the transfers.
type TakeCustody struct{}

func (TakeCustody) Name() string { return "evidence-take-custody" }

// Needs: the registered items.
func (TakeCustody) Needs() []Workload { return []Workload{RegisterEvidence{}} }

func (TakeCustody) Msgs(env *Env, acct, max int) []sdk.Msg {
	items := env.Items[acct]
	return makeMsgs(min(max, len(items)), func(i int) sdk.Msg {
		return &evidencetypes.MsgTakeCustody{Custodian: env.Accounts[acct].Address, EvidenceId: items[i].ID}
	})
}

func (TakeCustody) Committed(env *Env, acct int, msg sdk.Msg, _ []Event) {
	m := msg.(*evidencetypes.MsgTakeCustody)
	env.mu.Lock()
	defer env.mu.Unlock()
	for _, it := range env.Items[acct] {
		if it.ID == m.EvidenceId {
			env.Held[acct] = append(env.Held[acct], it)
			return
		}
	}
}

// ProposeTransfer: x/evidence MsgProposeTransfer of every held item to the partner.
type ProposeTransfer struct{}

func (ProposeTransfer) Name() string { return "evidence-propose-transfer" }

// Needs: the items in the account's custody.
func (ProposeTransfer) Needs() []Workload { return []Workload{TakeCustody{}} }

func (ProposeTransfer) Msgs(env *Env, acct, max int) []sdk.Msg {
	held := env.Held[acct]
	to := env.Accounts[env.Partner(acct)].Address
	return makeMsgs(min(max, len(held)), func(i int) sdk.Msg {
		return &evidencetypes.MsgProposeTransfer{Custodian: env.Accounts[acct].Address, EvidenceId: held[i].ID, Receiver: to}
	})
}

func (ProposeTransfer) Committed(env *Env, acct int, msg sdk.Msg, _ []Event) {
	m := msg.(*evidencetypes.MsgProposeTransfer)
	env.mu.Lock()
	defer env.mu.Unlock()
	p := env.Partner(acct)
	held := env.Held[acct]
	for i, it := range held {
		if it.ID == m.EvidenceId {
			env.Incoming[p] = append(env.Incoming[p], it)
			env.Held[acct] = append(held[:i:i], held[i+1:]...)
			return
		}
	}
}

// AcceptTransfer: x/evidence MsgAcceptTransfer of every item proposed to the account.
type AcceptTransfer struct{}

func (AcceptTransfer) Name() string { return "evidence-accept-transfer" }

// Needs: the transfers proposed to the account.
func (AcceptTransfer) Needs() []Workload { return []Workload{ProposeTransfer{}} }

func (AcceptTransfer) Msgs(env *Env, acct, max int) []sdk.Msg {
	in := env.Incoming[acct]
	return makeMsgs(min(max, len(in)), func(i int) sdk.Msg {
		return &evidencetypes.MsgAcceptTransfer{Receiver: env.Accounts[acct].Address, EvidenceId: in[i].ID}
	})
}

// VerifyIntegrity: x/evidence MsgVerifyIntegrity (x/agency Authorize over five
// roles, a custody-log append) on the account's registered items, cycling.
type VerifyIntegrity struct{}

func (VerifyIntegrity) Name() string { return "evidence-verify-integrity" }

// Needs: the registered items.
func (VerifyIntegrity) Needs() []Workload { return []Workload{RegisterEvidence{}} }

func (VerifyIntegrity) Msgs(env *Env, acct, max int) []sdk.Msg {
	items := env.Items[acct]
	if len(items) == 0 {
		return nil
	}
	return makeMsgs(max, func(i int) sdk.Msg {
		it := items[i%len(items)]
		return &evidencetypes.MsgVerifyIntegrity{Verifier: env.Accounts[acct].Address, EvidenceId: it.ID, Digest: it.Digest}
	})
}

// DefaultWorkloads is the order `make bench` runs: each evidence workload uses
// the objects the previous ones created (its Needs); did-create (x/did), the toll
// workloads (their network is in genesis), the water workloads (their sensors
// are in genesis), voucher-pay (its program, holders and merchants are in
// genesis) and the welfare workloads (their programs, entitlements and
// approved cycles are in genesis) need nothing before them; bank-send runs
// first and last (the baseline is their mean, see Results.BankRate).
func DefaultWorkloads() []Workload {
	return []Workload{BankSend{}, OpenCase{}, RegisterEvidence{}, TakeCustody{}, ProposeTransfer{}, AcceptTransfer{}, VerifyIntegrity{}, CreateDid{}, RegisterFacility{}, DeclareImport{}, RecordTrip{}, RecordTrip{Account: true}, SubmitReading{}, SubmitBatch{}, VoucherPay{}, WelfareApply{}, WelfareDistribute{}, BankSend{Suffix: "end"}}
}

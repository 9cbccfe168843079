package simulation

import (
	"context"
	"errors"
	"fmt"
	"math/rand"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// Bounds of one factory run, so that an operation costs about the same on a large state.
const (
	maxRecordsScanned = 2048 // records read looking for the right state
	maxRecordTries    = 8    // records tried once found
	maxDryRuns        = 400  // candidate messages tried on a throw-away cache
)

// search is one run of a message factory. Records in the right state are read from the
// keeper; who may sign is partly x/agency's answer, which this module only sees through
// Authorize: so each candidate message is run through the module's own Msg service on a
// throw-away cache of the block state (a dry run: nothing is written, no event escapes),
// and only an accepted one is returned. A factory that finds nothing reports a skip with
// the reason (a NoOpMsg in the simulation summary).
type search struct {
	ctx      sdk.Context
	k        keeper.Keeper
	msgs     types.MsgServer
	testData *simsx.ChainDataSource
	reporter simsx.SimulationReporter
	r        *rand.Rand

	dryRuns int
	lastErr error
}

func newSearch(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) *search {
	return &search{
		ctx: sdk.UnwrapSDKContext(ctx), k: k, msgs: keeper.NewMsgServerImpl(k),
		testData: testData, reporter: reporter, r: testData.Rand().Rand,
	}
}

// accepts dry-runs msg and reports whether the Msg service accepted it.
func (s *search) accepts(msg sdk.Msg) bool {
	if s.dryRuns >= maxDryRuns {
		return false
	}
	s.dryRuns++
	probe, _ := s.ctx.CacheContext()
	probe = probe.WithEventManager(sdk.NewEventManager()).WithGasMeter(storetypes.NewInfiniteGasMeter())
	err := Deliver(probe, s.msgs, msg)
	if err != nil {
		s.lastErr = err
	}
	return err == nil
}

// trySigners dry-runs build(addr) for each candidate signer until one is accepted. A
// refusal that says the candidate may not act moves on to the next candidate; any other
// ends the search for this record.
func (s *search) trySigners(signers []string, build func(addr string) sdk.Msg) (string, sdk.Msg, bool) {
	for _, addr := range signers {
		msg := build(addr)
		if msg == nil {
			continue
		}
		if s.accepts(msg) {
			return addr, msg, true
		}
		if !mayNotAct(s.lastErr) || s.dryRuns >= maxDryRuns {
			return "", nil, false
		}
	}
	return "", nil, false
}

// signers is preferred (those the simulation holds keys for), then, with sweep, every
// simulation account from a random offset; each address once.
func (s *search) signers(preferred []string, sweep bool) []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range preferred {
		if a != "" && !seen[a] && s.testData.HasAccount(a) {
			seen[a] = true
			out = append(out, a)
		}
	}
	if !sweep {
		return out
	}
	n := s.testData.AccountsCount()
	if n == 0 {
		return out
	}
	start := s.r.Intn(n)
	for i := 0; i < n; i++ {
		a := s.testData.AccountAt(s.reporter, (start+i)%n).AddressBech32
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// randomAccount is a random simulation account's address ("" if there is none).
func (s *search) randomAccount() string {
	n := s.testData.AccountsCount()
	if n == 0 {
		return ""
	}
	return s.testData.AccountAt(s.reporter, s.r.Intn(n)).AddressBech32
}

// sample reads at most maxRecordsScanned records of m and returns at most maxRecordTries
// of those that pass keep, chosen uniformly (reservoir sampling) in random order.
func sample[K, V any](s *search, m walk.Walker[K, V], keep func(V) bool) []V {
	var kept []V
	scanned, eligible := 0, 0
	_ = m.Walk(s.ctx, nil, func(_ K, v V) (bool, error) {
		scanned++
		if keep(v) {
			eligible++
			if len(kept) < maxRecordTries {
				kept = append(kept, v)
			} else if j := s.r.Intn(eligible); j < maxRecordTries {
				kept[j] = v
			}
		}
		return scanned >= maxRecordsScanned, nil
	})
	s.r.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	return kept
}

// members is a facility's operator then its staff.
func (s *search) members(f types.Facility) []string {
	out := []string{f.Operator}
	_ = s.k.FacilityStaff.Walk(s.ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](f.Id), func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (bool, error) {
		if a, err := s.k.AddressCodec().BytesToString(key.K2()); err == nil {
			out = append(out, a)
		}
		return false, nil
	})
	return out
}

// done returns the accepted message with its signer, or reports a skip: none when no
// record was in the right state, else that no simulation account may do it and why.
func done[M sdk.Msg](s *search, signer string, msg sdk.Msg, ok bool, none string) ([]simsx.SimAccount, M) {
	var zero M
	if ok {
		return []simsx.SimAccount{s.testData.GetAccount(s.reporter, signer)}, msg.(M)
	}
	switch {
	case none != "":
		s.reporter.Skip(none)
	case s.lastErr != nil:
		s.reporter.Skipf("no simulation account may send %s: %s", sdk.MsgTypeURL(zero), rootCause(s.lastErr))
	default:
		s.reporter.Skipf("no simulation account may send %s", sdk.MsgTypeURL(zero))
	}
	return nil, zero
}

// mayNotAct reports whether err says the candidate signer may not act: another may.
func mayNotAct(err error) bool {
	for _, e := range []error{
		agencytypes.ErrNotMember, agencytypes.ErrAgencyNotActive, agencytypes.ErrMembershipExpired, agencytypes.ErrRoleNotHeld,
		agencytypes.ErrRoleNotInAgency,
		types.ErrWrongAgency, types.ErrNotOperator, types.ErrNotFacilityMember, types.ErrStaffExists,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// rootCause is the registered error at the bottom of err's chain, so that skip reasons
// group in the simulation summary.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// Deliver runs msg through the Msg service m.
func Deliver(ctx context.Context, m types.MsgServer, msg sdk.Msg) error {
	var err error
	switch msg := msg.(type) {
	case *types.MsgRegisterFacility:
		_, err = m.RegisterFacility(ctx, msg)
	case *types.MsgAddFacilityStaff:
		_, err = m.AddFacilityStaff(ctx, msg)
	case *types.MsgRemoveFacilityStaff:
		_, err = m.RemoveFacilityStaff(ctx, msg)
	case *types.MsgIssueCertificate:
		_, err = m.IssueCertificate(ctx, msg)
	case *types.MsgSuspendCertificate:
		_, err = m.SuspendCertificate(ctx, msg)
	case *types.MsgReinstateCertificate:
		_, err = m.ReinstateCertificate(ctx, msg)
	case *types.MsgRevokeCertificate:
		_, err = m.RevokeCertificate(ctx, msg)
	case *types.MsgRenewCertificate:
		_, err = m.RenewCertificate(ctx, msg)
	case *types.MsgRecordAudit:
		_, err = m.RecordAudit(ctx, msg)
	case *types.MsgAnchorCcpRecord:
		_, err = m.AnchorCcpRecord(ctx, msg)
	case *types.MsgRecordCorrectiveAction:
		_, err = m.RecordCorrectiveAction(ctx, msg)
	case *types.MsgReceiveHygieneCert:
		_, err = m.ReceiveHygieneCert(ctx, msg)
	case *types.MsgVerifyHygieneCert:
		_, err = m.VerifyHygieneCert(ctx, msg)
	case *types.MsgDeclareImport:
		_, err = m.DeclareImport(ctx, msg)
	case *types.MsgStartInspection:
		_, err = m.StartInspection(ctx, msg)
	case *types.MsgRecordInspection:
		_, err = m.RecordInspection(ctx, msg)
	case *types.MsgClearDeclaration:
		_, err = m.ClearDeclaration(ctx, msg)
	case *types.MsgIssueRecall:
		_, err = m.IssueRecall(ctx, msg)
	case *types.MsgCloseRecall:
		_, err = m.CloseRecall(ctx, msg)
	case *types.MsgShareImportConfirmation:
		_, err = m.ShareImportConfirmation(ctx, msg)
	case *types.MsgUpdateParams:
		_, err = m.UpdateParams(ctx, msg)
	case *types.MsgWithdrawDeclaration:
		_, err = m.WithdrawDeclaration(ctx, msg)
	case *types.MsgRefuseClearance:
		_, err = m.RefuseClearance(ctx, msg)
	default:
		err = fmt.Errorf("x/haccp simulation: unexpected message %T", msg)
	}
	return err
}

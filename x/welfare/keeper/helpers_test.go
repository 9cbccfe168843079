package keeper_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didtypes "github.com/civicchain/civic/x/did/types"
	voucherkeeper "github.com/civicchain/civic/x/voucher/keeper"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// The fixture: three agencies registered through x/agency's real Msg service.
//
//	mohw   manager + caseworker (Member), manager2 + caseworker2 (a second member, both roles)
//	busan  the same, and voucher.issuer: it runs a voucher program whose allocators are busan
//	bai    welfare.auditor (the Board of Audit and Inspection); audit2 a second auditor agency
//
// The cash denom is ukrw; every program pays in it or in busan's voucher program.
const (
	mohw   = "mohw"
	busan  = "busan"
	bai    = "bai"
	audit2 = "audit2"
	krw    = "ukrw"

	livelihood = "livelihood"
	housing    = "housing"
)

// T0 is the fixture's block time. Entitlements are valid for a year from T0; cycle n
// covers the n-th 30-day period from T0.
var (
	T0      = testkeeper.BlockTime
	yearEnd = T0.Add(365 * 24 * time.Hour)
)

// period is the n-th 30-day period from T0 (n from 1).
func period(n int) (time.Time, time.Time) {
	start := T0.Add(time.Duration(n-1) * 30 * 24 * time.Hour)
	return start, start.Add(30 * 24 * time.Hour)
}

// digest is the SHA-256 (hex) of s: an application, decision or finding file named by s.
func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// slotKey is the slot key of person in group: an HMAC made off chain, here a SHA-256.
func slotKey(person, group string) string { return digest("slot/" + person + "/" + group) }

// ref is the salted digest naming person.
func ref(person string) string { return digest("beneficiary/" + person) }

func amt(n int64) sdkmath.Int { return sdkmath.NewInt(n) }

// s is an address's bech32 string.
func s(a sdk.AccAddress) string { return a.String() }

type fixture struct {
	*testkeeper.Fixture
	t  *testing.T
	k  keeper.Keeper
	ms types.MsgServer
	qs types.QueryServer

	manager, manager2, caseworker, caseworker2     sdk.AccAddress // mohw
	bManager, bManager2, bCaseworker, bCaseworker2 sdk.AccAddress // busan
	auditor, auditor2                              sdk.AccAddress // bai, audit2
	payee, payee2, payee3, outsider                sdk.AccAddress
	authority                                      string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	roles := []string{types.RoleManager, types.RoleCaseworker}
	tf := testkeeper.NewFixture(t, testkeeper.WithAccounts(8), testkeeper.WithBlockedModuleAccounts(),
		testkeeper.WithAgency(mohw, roles...),
		testkeeper.WithAgency(busan, append(roles, vouchertypes.RoleIssuer)...),
		testkeeper.WithAgency(bai, types.RoleAuditor),
		testkeeper.WithAgency(audit2, types.RoleAuditor))
	a := tf.Accounts
	f := &fixture{
		Fixture: tf, t: t, k: tf.Welfare,
		ms: keeper.NewMsgServerImpl(tf.Welfare), qs: keeper.NewQueryServerImpl(tf.Welfare),
		manager: tf.Agencies[mohw].Member, caseworker: tf.Agencies[mohw].Member,
		bManager: tf.Agencies[busan].Member, bCaseworker: tf.Agencies[busan].Member,
		auditor: tf.Agencies[bai].Member, auditor2: tf.Agencies[audit2].Member,
		payee: a[0], payee2: a[1], payee3: a[2], outsider: a[3],
		authority: tf.Welfare.GetAuthority(),
	}
	f.manager2 = testkeeper.TestAddress("mohw member 2")
	testkeeper.AddTestMember(t, tf.Agency, tf.Ctx, mohw, tf.Agencies[mohw].Admin, f.manager2, roles...)
	f.caseworker2 = f.manager2
	f.bManager2 = testkeeper.TestAddress("busan member 2")
	testkeeper.AddTestMember(t, tf.Agency, tf.Ctx, busan, tf.Agencies[busan].Admin, f.bManager2, roles...)
	f.bCaseworker2 = f.bManager2
	return f
}

// at moves the block time to tm.
func (f *fixture) at(tm time.Time) { f.Ctx = f.Ctx.WithBlockTime(tm) }

// group creates an exclusivity group by governance.
func (f *fixture) group(id string) {
	f.t.Helper()
	_, err := f.ms.CreateGroup(f.Ctx, &types.MsgCreateGroup{Authority: f.authority, Id: id, Description: "Group " + id, LegalBasis: "KR-NBLSA-8"})
	require.NoError(f.t, err)
}

// cashMsg is a CASH program in ukrw of the manager's agency, cap 10 000 000.
func cashMsg(manager sdk.AccAddress, groups ...string) *types.MsgCreateProgram {
	return &types.MsgCreateProgram{
		Manager: s(manager), Name: "기초생활보장 생계급여", Target: types.TargetIndividual, Groups: groups,
		Benefit: types.Benefit{Kind: types.BenefitKindCash, Denom: krw}, BudgetCap: amt(10_000_000),
	}
}

// create creates a program and returns its id.
func (f *fixture) create(msg *types.MsgCreateProgram) uint64 {
	f.t.Helper()
	res, err := f.ms.CreateProgram(f.Ctx, msg)
	require.NoError(f.t, err)
	return res.ProgramId
}

// fund mints amount of the program's denom to manager and escrows it.
func (f *fixture) fund(id uint64, manager sdk.AccAddress, amount int64) {
	f.t.Helper()
	f.Fund(f.t, manager, krw, uint64(amount))
	_, err := f.ms.FundProgram(f.Ctx, &types.MsgFundProgram{Funder: s(manager), ProgramId: id, Amount: amt(amount)})
	require.NoError(f.t, err)
}

func (f *fixture) activate(id uint64, manager sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.ActivateProgram(f.Ctx, &types.MsgActivateProgram{Manager: s(manager), ProgramId: id})
	require.NoError(f.t, err)
}

// cash is an ACTIVE mohw CASH program in groups with escrow funded.
func (f *fixture) cash(escrow int64, groups ...string) uint64 {
	f.t.Helper()
	id := f.create(cashMsg(f.manager, groups...))
	if escrow > 0 {
		f.fund(id, f.manager, escrow)
	}
	f.activate(id, f.manager)
	return id
}

// applyMsg is caseworker's application to program id for person (a salted-digest
// reference), with person's slot key of every group.
func applyMsg(caseworker sdk.AccAddress, id uint64, person string, groups ...string) *types.MsgApply {
	keys := make([]string, len(groups))
	for i, g := range groups {
		keys[i] = slotKey(person, g)
	}
	return &types.MsgApply{Caseworker: s(caseworker), ProgramId: id, BeneficiaryRef: ref(person), SlotKeys: keys, ApplicationDigest: digest("application/" + person)}
}

// apply files msg and returns the response.
func (f *fixture) apply(msg *types.MsgApply) *types.MsgApplyResponse {
	f.t.Helper()
	res, err := f.ms.Apply(f.Ctx, msg)
	require.NoError(f.t, err)
	return res
}

// decideMsg is caseworker's decision of an enrolment.
func decideMsg(caseworker sdk.AccAddress, id uint64, outcome types.EnrolmentStatus) *types.MsgDecideEligibility {
	return &types.MsgDecideEligibility{Caseworker: s(caseworker), EnrolmentId: id, Outcome: outcome, DecisionDigest: digest("decision"), CriteriaVersion: "2026.1"}
}

// enrol files person's application with cw and has cw2 decide it ENROLLED; it returns the enrolment id.
func (f *fixture) enrol(id uint64, person string, cw, cw2 sdk.AccAddress, groups ...string) uint64 {
	f.t.Helper()
	res := f.apply(applyMsg(cw, id, person, groups...))
	require.Equal(f.t, types.EnrolmentStatusPending, res.Status)
	_, err := f.ms.DecideEligibility(f.Ctx, decideMsg(cw2, res.EnrolmentId, types.EnrolmentStatusEnrolled))
	require.NoError(f.t, err)
	return res.EnrolmentId
}

// offerMsg offers enrolment id amount a cycle to payee for a year from T0.
func offerMsg(caseworker sdk.AccAddress, id uint64, payee sdk.AccAddress, amount int64) *types.MsgOfferEntitlement {
	return &types.MsgOfferEntitlement{Caseworker: s(caseworker), EnrolmentId: id, Payee: s(payee), AmountPerCycle: amt(amount), ValidFrom: T0, ValidUntil: yearEnd}
}

// entitle offers enrolment id an entitlement to payee and has the payee accept it.
func (f *fixture) entitle(cw sdk.AccAddress, id uint64, payee sdk.AccAddress, amount int64) uint64 {
	f.t.Helper()
	res, err := f.ms.OfferEntitlement(f.Ctx, offerMsg(cw, id, payee, amount))
	require.NoError(f.t, err)
	_, err = f.ms.AcceptEntitlement(f.Ctx, &types.MsgAcceptEntitlement{Payee: s(payee), EntitlementId: res.EntitlementId})
	require.NoError(f.t, err)
	return res.EntitlementId
}

// newCycle creates cycle n's period of program id (mgr) and returns its seq.
func (f *fixture) newCycle(id uint64, mgr sdk.AccAddress, n int) uint64 {
	f.t.Helper()
	start, end := period(n)
	res, err := f.ms.CreateCycle(f.Ctx, &types.MsgCreateCycle{Manager: s(mgr), ProgramId: id, PeriodStart: start, PeriodEnd: end})
	require.NoError(f.t, err)
	return res.Seq
}

func (f *fixture) submit(id, seq uint64, mgr sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.SubmitCycle(f.Ctx, &types.MsgSubmitCycle{Manager: s(mgr), ProgramId: id, Seq: seq})
	require.NoError(f.t, err)
}

func (f *fixture) approve(id, seq uint64, mgr sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.ApproveCycle(f.Ctx, &types.MsgApproveCycle{Manager: s(mgr), ProgramId: id, Seq: seq})
	require.NoError(f.t, err)
}

// approved is cycle n of program id created and submitted by mgr, approved by mgr2.
func (f *fixture) approved(id uint64, mgr, mgr2 sdk.AccAddress, n int) uint64 {
	f.t.Helper()
	seq := f.newCycle(id, mgr, n)
	f.submit(id, seq, mgr)
	f.approve(id, seq, mgr2)
	return seq
}

// distribute runs a MsgDistribute that must succeed.
func (f *fixture) distribute(id, seq uint64, mgr sdk.AccAddress, limit uint32) *types.MsgDistributeResponse {
	f.t.Helper()
	res, err := f.ms.Distribute(f.Ctx, &types.MsgDistribute{Manager: s(mgr), ProgramId: id, Seq: seq, Limit: limit})
	require.NoError(f.t, err)
	return res
}

func (f *fixture) program(id uint64) types.Program {
	f.t.Helper()
	p, err := f.k.GetProgram(f.Ctx, id)
	require.NoError(f.t, err)
	return p
}

func (f *fixture) enrolment(id uint64) types.Enrolment {
	f.t.Helper()
	e, err := f.k.GetEnrolment(f.Ctx, id)
	require.NoError(f.t, err)
	return e
}

func (f *fixture) entitlement(id uint64) types.Entitlement {
	f.t.Helper()
	e, err := f.k.GetEntitlement(f.Ctx, id)
	require.NoError(f.t, err)
	return e
}

func (f *fixture) cycle(id, seq uint64) types.Cycle {
	f.t.Helper()
	c, err := f.k.GetCycle(f.Ctx, id, seq)
	require.NoError(f.t, err)
	return c
}

func (f *fixture) groupOf(id string) types.ExclusivityGroup {
	f.t.Helper()
	g, err := f.k.GetGroup(f.Ctx, id)
	require.NoError(f.t, err)
	return g
}

// held reports whether a slot key is held now (Query/SlotHeld).
func (f *fixture) held(key string) *types.QuerySlotHeldResponse {
	f.t.Helper()
	res, err := f.qs.SlotHeld(f.Ctx, &types.QuerySlotHeldRequest{SlotKey: key})
	require.NoError(f.t, err)
	return res
}

// bal is an account's balance of denom.
func (f *fixture) bal(a sdk.AccAddress, denom string) int64 {
	return f.Bank.GetBalance(f.Ctx, a, denom).Amount.Int64()
}

// moduleAddr is the welfare module account.
func (f *fixture) moduleAddr() sdk.AccAddress { return f.Account.GetModuleAddress(types.ModuleName) }

// removeMember has agency's admin remove member.
func (f *fixture) removeMember(agency string, member sdk.AccAddress) {
	f.t.Helper()
	_, err := agencykeeper.NewMsgServerImpl(f.Agency).RemoveMember(f.Ctx, &agencytypes.MsgRemoveMember{
		Admin: s(f.Agencies[agency].Admin), AgencyId: agency, Address: s(member)})
	require.NoError(f.t, err)
}

// beneficiaryDid creates a pairwise did:civic DID for person, controlled by the
// account controller, and returns it.
func (f *fixture) beneficiaryDid(person string, controller sdk.AccAddress) string {
	f.t.Helper()
	seed := sha256.Sum256([]byte("welfare-test-key/" + person))
	key := ed25519.NewKeyFromSeed(seed[:])
	h := sha256.Sum256([]byte("welfare-test-did/" + person))
	did := didtypes.DidMethodPrefix + didtypes.Base58Encode(h[:])
	vm := didtypes.VerificationMethod{Id: did + "#key-1", Type: didtypes.KeyTypeEd25519, Controller: did,
		PublicKeyMultibase: didtypes.Ed25519Multibase(key.Public().(ed25519.PublicKey))}
	doc := didtypes.DidDocument{Id: did, Controller: []string{s(controller)}, VerificationMethod: []didtypes.VerificationMethod{vm}, Authentication: []string{vm.Id}}
	_, err := didkeeper.NewMsgServerImpl(f.Did).CreateDid(f.Ctx, &didtypes.MsgCreateDid{Signer: s(controller), Document: doc})
	require.NoError(f.t, err)
	return did
}

// deactivateDid deactivates did (version 1), signed by its controller.
func (f *fixture) deactivateDid(did string, controller sdk.AccAddress) {
	f.t.Helper()
	_, err := didkeeper.NewMsgServerImpl(f.Did).DeactivateDid(f.Ctx, &didtypes.MsgDeactivateDid{Signer: s(controller), Did: did, VersionId: "1"})
	require.NoError(f.t, err)
}

// voucherProgram is an ACTIVE busan ALLOCATION voucher program in ukrw whose allocator
// agencies are allocators, escrow 5 000 000, a holder cap of 1 000 000, expiring after a year.
func (f *fixture) voucherProgram(allocators ...string) uint64 {
	f.t.Helper()
	ms := voucherkeeper.NewMsgServerImpl(f.Voucher)
	issuer := f.Agencies[busan].Member
	res, err := ms.CreateProgram(f.Ctx, &vouchertypes.MsgCreateProgram{
		Issuer: s(issuer), Kind: vouchertypes.ProgramKindWelfare, FundingDenom: krw,
		BudgetCap: amt(5_000_000), PerHolderCap: amt(1_000_000),
		HolderDistricts: []string{"26230"}, MerchantDistricts: []string{"26230"},
		Eligibility: vouchertypes.EligibilityAllocation, StartsAt: T0, ExpiresAt: yearEnd, RedeemUntil: yearEnd.Add(24 * time.Hour),
		RefundAddress: s(f.Agencies[busan].Admin), AllocatorAgencies: allocators,
	})
	require.NoError(f.t, err)
	f.Fund(f.t, issuer, krw, 5_000_000)
	_, err = ms.FundProgram(f.Ctx, &vouchertypes.MsgFundProgram{Funder: s(issuer), ProgramId: res.ProgramId, Amount: amt(5_000_000)})
	require.NoError(f.t, err)
	_, err = ms.ActivateProgram(f.Ctx, &vouchertypes.MsgActivateProgram{Issuer: s(issuer), ProgramId: res.ProgramId})
	require.NoError(f.t, err)
	return res.ProgramId
}

// voucherMsg is a busan VOUCHER program drawing on voucher program vp.
func voucherMsg(manager sdk.AccAddress, vp uint64, groups ...string) *types.MsgCreateProgram {
	return &types.MsgCreateProgram{
		Manager: s(manager), Name: "긴급복지 생계지원", Target: types.TargetIndividual, Groups: groups,
		Benefit: types.Benefit{Kind: types.BenefitKindVoucher, VoucherProgramId: vp}, BudgetCap: amt(3_000_000),
	}
}

// snapshot is what a rejected message must leave unchanged: this module's and x/voucher's
// whole state, every balance of the fixture's accounts, members and module accounts, and
// the supply of ukrw and the first voucher denoms.
type snapshot struct {
	Welfare  *types.GenesisState
	Voucher  *vouchertypes.GenesisState
	Balances map[string]sdk.Coins
	Supply   sdk.Coins
}

func (f *fixture) state() snapshot {
	f.t.Helper()
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	vs, err := f.Voucher.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	snap := snapshot{Welfare: gs, Voucher: vs, Balances: map[string]sdk.Coins{}}
	addrs := append([]sdk.AccAddress{f.moduleAddr(), f.Account.GetModuleAddress(vouchertypes.ModuleName),
		f.manager, f.manager2, f.bManager, f.bManager2, f.auditor, f.auditor2}, f.Accounts...)
	for _, ag := range []string{mohw, busan, bai, audit2} {
		addrs = append(addrs, f.Agencies[ag].Admin)
	}
	for _, a := range addrs {
		snap.Balances[a.String()] = f.Bank.GetAllBalances(f.Ctx, a)
	}
	for _, d := range []string{krw, vouchertypes.Denom(1), vouchertypes.Denom(2)} {
		snap.Supply = snap.Supply.Add(f.Bank.GetSupply(f.Ctx, d))
	}
	return snap
}

// rejected asserts act fails with want, changes no state, moves no coin and emits no event.
func (f *fixture) rejected(want error, act func() error) {
	f.t.Helper()
	testkeeper.RequireRejected(f.t, want, &f.Ctx, f.state, act)
}

// requireSound checks the module's invariants and that its state would import.
func (f *fixture) requireSound() {
	f.t.Helper()
	require.NoError(f.t, f.k.CheckInvariants(f.Ctx))
	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(f.t, err)
	require.NoError(f.t, gs.Validate())
}

// events are the typed events of this module emitted on ctx since its last Fresh.
func (f *fixture) events() []any {
	f.t.Helper()
	var out []any
	for _, e := range f.Events.Read(f.Ctx, "civic.welfare.v1") {
		out = append(out, e)
	}
	return out
}

// fresh gives the context a new event manager before an ACT.
func (f *fixture) fresh() { f.Ctx = f.Events.Fresh(f.Ctx) }

// suspendAgency suspends an agency by governance.
func (f *fixture) suspendAgency(id string) {
	f.t.Helper()
	testkeeper.SetTestAgencyStatus(f.t, f.Agency, f.Ctx, id, agencytypes.AgencyStatusSuspended)
}

// queryEntitlement is an entitlement as Query/Entitlement shows it.
func (f *fixture) queryEntitlement(id uint64) types.Entitlement {
	f.t.Helper()
	res, err := f.qs.Entitlement(f.Ctx, &types.QueryEntitlementRequest{Id: id})
	require.NoError(f.t, err)
	return res.Entitlement
}

// agencyNotMember is x/agency's refusal of an account that is no member.
var agencyNotMember = agencytypes.ErrNotMember

// hold places an audit hold on entitlement id by auditor.
func (f *fixture) hold(id uint64, auditor sdk.AccAddress) {
	f.t.Helper()
	_, err := f.ms.PlaceAuditHold(f.Ctx, &types.MsgPlaceAuditHold{Auditor: s(auditor), EntitlementId: id, ReasonCode: "GHOST_SUSPECTED"})
	require.NoError(f.t, err)
}

// cycleKeyOf is a cycle's store key.
func cycleKeyOf(program, seq uint64) keeper.CycleKey { return collections.Join(program, seq) }

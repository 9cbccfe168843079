package simulation

import (
	"slices"
	"time"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	didkeeper "github.com/civicchain/civic/x/did/keeper"
	didsim "github.com/civicchain/civic/x/did/simulation"
	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/voucher/keeper"
	"github.com/civicchain/civic/x/voucher/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them.
const (
	OpWeightMsgCreateProgram    = "op_weight_msg_create_program"
	OpWeightMsgActivateProgram  = "op_weight_msg_activate_program"
	OpWeightMsgSetProgramStatus = "op_weight_msg_set_program_status"
	OpWeightMsgFundProgram      = "op_weight_msg_fund_program"
	OpWeightMsgAllocate         = "op_weight_msg_allocate"
	OpWeightMsgClaim            = "op_weight_msg_claim"
	OpWeightMsgApplyMerchant    = "op_weight_msg_apply_merchant"
	OpWeightMsgDecideMerchant   = "op_weight_msg_decide_merchant"
	OpWeightMsgPay              = "op_weight_msg_pay"
	OpWeightMsgRedeem           = "op_weight_msg_redeem"
	OpWeightMsgSweep            = "op_weight_msg_sweep"

	DefaultWeightMsgCreateProgram    = 20
	DefaultWeightMsgActivateProgram  = 20
	DefaultWeightMsgSetProgramStatus = 5
	DefaultWeightMsgFundProgram      = 30
	DefaultWeightMsgAllocate         = 40
	DefaultWeightMsgClaim            = 30
	DefaultWeightMsgApplyMerchant    = 30
	DefaultWeightMsgDecideMerchant   = 30
	DefaultWeightMsgPay              = 50
	DefaultWeightMsgRedeem           = 30
	DefaultWeightMsgSweep            = 15
)

// search is one run of a factory: the engine's search, with the keepers to read the
// module's state, x/agency's (the members who may sign for a program's agency) and
// x/did's, with its query server (the issuers of claims, their keys and status lists).
type search struct {
	*simulation.Search
	k        keeper.Keeper
	agencies agencykeeper.Keeper
	did      didkeeper.Keeper
	didQ     didtypes.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router, append(agencysim.RoleRefusals(), types.ErrWrongAgency, types.ErrSelfDecision,
		types.ErrHolderIsMerchant, types.ErrOverHolderCap, types.ErrMerchantExists)...)
	dq := didkeeper.NewQueryServerImpl(dk)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{Search: s, k: k, agencies: ak, did: dk, didQ: dq})
	})
}

// programIssuers are the voucher.issuer members of sampled ACTIVE agencies, in random
// order, those of agencies that also have a merchant desk (a voucher.merchant member)
// first: the programs these create can have their merchants approved, and so be paid.
func (s *search) programIssuers() []string {
	agencies := simulation.Sample(s.Search, s.agencies.Agencies, nil, func(a agencytypes.Agency) bool {
		return a.Status == agencytypes.AgencyStatusActive
	})
	var desk, other []string
	for _, a := range agencies {
		issuers := agencysim.RoleMembers(s.Ctx, s.agencies, s.TestData, a.Id, types.RoleIssuer)
		if len(agencysim.RoleMembers(s.Ctx, s.agencies, s.TestData, a.Id, types.RoleMerchant)) > 0 {
			desk = append(desk, issuers...)
		} else {
			other = append(other, issuers...)
		}
	}
	return append(simulation.Shuffle(s.Search, desk), simulation.Shuffle(s.Search, other)...)
}

// agencySigners are the accounts that may sign for agency agencyID in role: preferred
// first (a program's creator), then the agency's members holding the role, in random
// order (agencysim.RoleMembers). No other account is tried: x/agency authorizes a member
// for its own agency only, and a sweep of every account would spend the search's dry
// runs on accounts that cannot act.
func (s *search) agencySigners(agencyID, role string, preferred ...string) []string {
	members := simulation.Shuffle(s.Search, agencysim.RoleMembers(s.Ctx, s.agencies, s.TestData, agencyID, role))
	return s.Signers(append(preferred, members...), false)
}

// params reads the module params (the defaults if the read fails, which the dry run
// then refuses).
func (s *search) params() types.Params {
	p, err := s.k.Params.Get(s.Ctx)
	if err != nil {
		return types.DefaultParams()
	}
	return p
}

// programs samples the programs that pass keep.
func (s *search) programs(keep func(types.Program) bool) []types.Program {
	return simulation.Sample(s.Search, s.k.Programs, nil, keep)
}

// now is the block time.
func (s *search) now() time.Time { return s.Ctx.BlockTime() }

// issuing reports whether p issues and pays now.
func (s *search) issuing(p types.Program) bool {
	now := s.now()
	return p.Status == types.ProgramStatusActive && !now.Before(p.StartsAt) && now.Before(p.ExpiresAt)
}

// balance is addr's balance of denom (zero when addr does not decode).
func (s *search) balance(addr, denom string) sdkmath.Int {
	a, err := s.k.AddressCodec().StringToBytes(addr)
	if err != nil {
		return sdkmath.ZeroInt()
	}
	return s.k.Balance(s.Ctx, a, denom)
}

// randomInt is a random amount in 1..max (max >= 1).
func (s *search) randomInt(max sdkmath.Int) sdkmath.Int {
	if max.IsInt64() {
		return sdkmath.NewInt(1 + s.R.Int63n(max.Int64()))
	}
	return sdkmath.NewInt(1 + s.R.Int63n(1<<62))
}

// paying ends a factory whose accepted message moves spend of denom from its signer: it
// is reserved from the signer's liquid balance, so that the fees of the transaction do
// not take what the message moves.
func paying[M sdk.Msg](s *search, signer string, msg sdk.Msg, ok bool, spend sdk.Coin) ([]simsx.SimAccount, M) {
	if !ok {
		return simulation.Done[M](s.Search, "", nil, false, "")
	}
	acc := s.TestData.GetAccount(s.Reporter, signer)
	if !acc.LiquidBalance().BlockAmount(spend) {
		s.Reporter.Skipf("%s cannot spend %s", signer, spend)
		var zero M
		return nil, zero
	}
	return []simsx.SimAccount{acc}, msg.(M)
}

// MsgCreateProgramFactory creates an ALLOCATION program in the bond denom, a few of
// Busan's districts for holders and merchants, the usual excluded categories, starting
// now and expiring within 6..66 hours (the simulation's blocks are hours apart); signed by
// an issuer (programIssuers first, then every account). Half the time it takes claims of
// one or two household classes too (BOTH) or only (CREDENTIAL, one time in three), of a
// schema an issuer the simulation signs claims for is trusted for (claimSchema); when
// there is no such schema, half of those times BOTH of schema 1 (claims no simulated
// issuer signs).
func MsgCreateProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateProgram] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgCreateProgram) {
		p := s.params()
		capAmount := s.randomInt(sdkmath.MinInt(p.MaxAmount, sdkmath.NewInt(100_000_000)))
		now := s.now()
		expires := now.Add(time.Duration(6+s.R.Intn(60)) * time.Hour)
		allocators := s.allocatorAgencies(p.MaxAllocators)
		m := types.MsgCreateProgram{
			Kind:              []types.ProgramKind{types.ProgramKindLocalCurrency, types.ProgramKindRelief, types.ProgramKindWelfare}[s.R.Intn(3)],
			FundingDenom:      sdk.DefaultBondDenom,
			BudgetCap:         capAmount,
			PerHolderCap:      s.randomInt(capAmount),
			HolderDistricts:   pick(s, districts, p.MaxDistricts),
			MerchantDistricts: pick(s, districts, p.MaxDistricts),
			ExcludedMccs:      excluded,
			Eligibility:       types.EligibilityAllocation,
			StartsAt:          now,
			ExpiresAt:         expires,
			RedeemUntil:       expires.Add(time.Duration(s.R.Intn(6)) * time.Hour),
			RefundAddress:     s.RandomAccount(),
		}
		takesClaims := s.R.Intn(2) == 0
		if takesClaims {
			m.SchemaId = s.claimSchema()
		}
		switch {
		case m.SchemaId != 0:
			m.Eligibility = types.EligibilityBoth
			if s.R.Intn(3) == 0 {
				m.Eligibility = types.EligibilityCredential
			}
		case takesClaims && s.R.Intn(2) == 0:
			m.Eligibility, m.SchemaId = types.EligibilityBoth, 1
		}
		if m.SchemaId != 0 {
			// class amounts of at most a thousandth of the budget (a program for a thousand
			// households or more), so that a partly funded program takes claims
			classMax := sdkmath.MinInt(m.PerHolderCap, sdkmath.MaxInt(capAmount.QuoRaw(1000), sdkmath.OneInt()))
			m.AmountByClass = []types.ClassAmount{{Class: "HOUSEHOLD_1", Amount: s.randomInt(classMax)}}
			if s.R.Intn(2) == 0 {
				m.AmountByClass = append(m.AmountByClass, types.ClassAmount{Class: "HOUSEHOLD_4", Amount: s.randomInt(classMax)})
			}
		}
		addr, msg, ok := s.TrySigners(s.Signers(s.programIssuers(), true), func(addr string) sdk.Msg {
			out := m
			out.Issuer = addr
			if out.Eligibility.AllowsAllocations() {
				out.AllocatorAgencies = allocators
			}
			return &out
		})
		return simulation.Done[*types.MsgCreateProgram](s.Search, addr, msg, ok, "")
	})
}

// MsgActivateProgramFactory activates a DRAFT program that has not expired, signed by an
// issuer of its agency (its creator first).
func MsgActivateProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgActivateProgram] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgActivateProgram) {
		now := s.now()
		ps := s.programs(func(p types.Program) bool { return p.Status == types.ProgramStatusDraft && now.Before(p.ExpiresAt) })
		return simulation.FirstAccepted[*types.MsgActivateProgram](s.Search, ps, "no DRAFT program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				return s.agencySigners(p.AgencyId, types.RoleIssuer, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgActivateProgram{Issuer: addr, ProgramId: p.Id}
				}
			})
	})
}

// MsgSetProgramStatusFactory suspends an ACTIVE program or resumes a SUSPENDED one before
// it expires, signed by an issuer of its agency (its creator first).
func MsgSetProgramStatusFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetProgramStatus] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgSetProgramStatus) {
		now := s.now()
		ps := s.programs(func(p types.Program) bool {
			return (p.Status == types.ProgramStatusActive || p.Status == types.ProgramStatusSuspended) && now.Before(p.ExpiresAt)
		})
		return simulation.FirstAccepted[*types.MsgSetProgramStatus](s.Search, ps, "no ACTIVE or SUSPENDED program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				to := types.ProgramStatusSuspended
				if p.Status == types.ProgramStatusSuspended {
					to = types.ProgramStatusActive
				}
				return s.agencySigners(p.AgencyId, types.RoleIssuer, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgSetProgramStatus{Signer: addr, ProgramId: p.Id, Status: to}
				}
			})
	})
}

// MsgFundProgramFactory funds a program that has not expired, below its cap, from an
// issuer of its agency that holds the funding denom (its creator first).
func MsgFundProgramFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFundProgram] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgFundProgram) {
		now := s.now()
		ps := s.programs(func(p types.Program) bool {
			return p.Status != types.ProgramStatusClosed && now.Before(p.ExpiresAt) && p.Budget.Funded.LT(p.BudgetCap)
		})
		for _, p := range ps {
			room := p.BudgetCap.Sub(p.Budget.Funded)
			signer, msg, ok := s.TrySigners(s.agencySigners(p.AgencyId, types.RoleIssuer, p.CreatedBy), func(addr string) sdk.Msg {
				bal := s.balance(addr, p.FundingDenom).QuoRaw(2)
				if !bal.IsPositive() {
					return nil
				}
				return &types.MsgFundProgram{Funder: addr, ProgramId: p.Id, Amount: s.randomInt(sdkmath.MinInt(room, bal))}
			})
			if ok {
				fund := msg.(*types.MsgFundProgram)
				return paying[*types.MsgFundProgram](s, signer, msg, true, sdk.NewCoin(p.FundingDenom, fund.Amount))
			}
		}
		return simulation.Done[*types.MsgFundProgram](s.Search, "", nil, false, "no program to fund")
	})
}

// MsgAllocateFactory allocates to one account of a program that issues now, as much as
// its escrow, cap and the account's room allow; signed by an issuer of its agency (its
// creator first).
func MsgAllocateFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAllocate] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgAllocate) {
		ps := s.programs(func(p types.Program) bool {
			return s.issuing(p) && p.Eligibility.AllowsAllocations() &&
				p.Budget.Escrow.GT(p.Budget.Outstanding) && p.BudgetCap.GT(p.Budget.Issued)
		})
		return simulation.FirstAccepted[*types.MsgAllocate](s.Search, ps, "no program issues now",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				holder := s.RandomAccount()
				room := sdkmath.MinInt(p.Budget.Escrow.Sub(p.Budget.Outstanding), p.BudgetCap.Sub(p.Budget.Issued))
				room = sdkmath.MinInt(room, p.PerHolderCap.Sub(s.balance(holder, p.Denom)))
				if !room.IsPositive() {
					return nil, nil
				}
				entry := types.AllocationEntry{Address: holder, Amount: s.randomInt(room), DistrictCode: p.HolderDistricts[s.R.Intn(len(p.HolderDistricts))]}
				return s.agencySigners(p.AgencyId, types.RoleIssuer, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgAllocate{Issuer: addr, ProgramId: p.Id, Entries: []types.AllocationEntry{entry}}
				}
			})
	})
}

// MsgClaimFactory has an account claim the amount of a class of a program that takes
// claims and issues now: a claim valid for a day, for one of the program's holder
// districts and a free entry of a status list of an issuer DID trusted for the program's
// schema, signed with the issuer's assertion key (the simulation holds the keys of the
// DIDs it wrote: x/did's simulation keys); the holder an account that may hold that
// amount more.
func MsgClaimFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaim] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgClaim) {
		ps := s.programs(func(p types.Program) bool {
			return s.issuing(p) && p.Eligibility.AllowsClaims() &&
				p.Budget.Escrow.GT(p.Budget.Outstanding) && p.BudgetCap.GT(p.Budget.Issued)
		})
		if len(ps) == 0 {
			return simulation.Done[*types.MsgClaim](s.Search, "", nil, false, "no program takes claims now")
		}
		for _, p := range ps {
			class, ok := s.fittingClass(p)
			if !ok {
				continue
			}
			for _, is := range s.claimIssuers(p.SchemaId) {
				l := is.lists[s.R.Intn(len(is.lists))]
				index, ok := s.freeEntry(p, l)
				if !ok {
					continue
				}
				c := types.Claim{
					ChainId: s.Ctx.ChainID(), ProgramId: p.Id, DistrictCode: p.HolderDistricts[s.R.Intn(len(p.HolderDistricts))],
					Class: class.Class, StatusListId: l.Id, StatusIndex: index, ValidUntil: s.now().Add(24 * time.Hour),
				}
				signer, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
					if !s.mayHold(p, addr, class.Amount) {
						return nil
					}
					out := c
					out.Holder = addr
					payload, err := out.Marshal()
					if err != nil {
						return nil
					}
					return &types.MsgClaim{
						Holder: addr, ProgramId: p.Id, Claim: out, IssuerDid: is.key.Did,
						VerificationMethod: is.key.VerificationMethod, Signature: is.key.Sign(out.ChainId, payload),
					}
				})
				if ok {
					return simulation.Done[*types.MsgClaim](s.Search, signer, msg, true, "")
				}
				if s.Exhausted() {
					return simulation.Done[*types.MsgClaim](s.Search, "", nil, false, "")
				}
			}
		}
		if s.LastErr() != nil {
			return simulation.Done[*types.MsgClaim](s.Search, "", nil, false, "")
		}
		return simulation.Done[*types.MsgClaim](s.Search, "", nil, false, "no issuer the simulation signs for may issue a claim a program takes now")
	})
}

// claimIssuer is an issuer DID trusted now for a schema, whose assertion key the
// simulation holds, and its status lists (at least one).
type claimIssuer struct {
	key   didsim.AssertionKey
	lists []didtypes.StatusList
}

// claimIssuer returns did as a claimIssuer of schemaID, if it is one.
func (s *search) claimIssuer(did string, schemaID uint64) (claimIssuer, bool) {
	trusted, _, _, err := s.did.IssuerTrust(s.Ctx, did, schemaID)
	if err != nil || !trusted {
		return claimIssuer{}, false
	}
	key, ok := didsim.LatestAssertionKey(s.Ctx, s.did, did)
	if !ok {
		return claimIssuer{}, false
	}
	res, err := s.didQ.StatusListsByIssuer(s.Ctx, &didtypes.QueryStatusListsByIssuerRequest{Did: did, Pagination: &query.PageRequest{Limit: simulation.MaxRecordTries}})
	if err != nil || len(res.StatusLists) == 0 {
		return claimIssuer{}, false
	}
	return claimIssuer{key: key, lists: res.StatusLists}, true
}

// claimIssuers samples the issuers granted schemaID and returns those that are
// claimIssuers of it.
func (s *search) claimIssuers(schemaID uint64) []claimIssuer {
	res, err := s.didQ.TrustedIssuers(s.Ctx, &didtypes.QueryTrustedIssuersRequest{SchemaId: schemaID, Pagination: &query.PageRequest{Limit: simulation.MaxRecordsScanned}})
	if err != nil {
		return nil
	}
	var out []claimIssuer
	for _, is := range simulation.SampleOf(s.Search, res.Issuers, nil) {
		if c, ok := s.claimIssuer(is.Did, schemaID); ok {
			out = append(out, c)
		}
	}
	return out
}

// claimSchema is the schema of a sampled grant whose issuer is a claimIssuer of it (0 if
// none is).
func (s *search) claimSchema() uint64 {
	grants := simulation.SampleWith(s.Search, s.did.IssuerSchemas, nil,
		func(g collections.Pair[string, uint64], _ collections.NoValue) (collections.Pair[string, uint64], bool) {
			return g, true
		})
	for _, g := range grants {
		if _, ok := s.claimIssuer(g.K1(), g.K2()); ok {
			return g.K2()
		}
	}
	return 0
}

// fittingClass draws a class of p whose amount p may still issue (within its escrow and
// budget_cap).
func (s *search) fittingClass(p types.Program) (types.ClassAmount, bool) {
	room := sdkmath.MinInt(p.Budget.Escrow.Sub(p.Budget.Outstanding), p.BudgetCap.Sub(p.Budget.Issued))
	fits := simulation.SampleOf(s.Search, p.AmountByClass, func(c types.ClassAmount) bool { return c.Amount.LTE(room) })
	if len(fits) == 0 {
		return types.ClassAmount{}, false
	}
	return fits[0], true
}

// freeEntry draws an entry of status list l that is not set and was not claimed in
// program p (false when four draws were).
func (s *search) freeEntry(p types.Program, l didtypes.StatusList) (uint64, bool) {
	for range 4 {
		index := uint64(s.R.Int63n(int64(l.Entries))) //nolint:gosec // entries are below 2^32
		_, set, err := s.did.StatusEntry(s.Ctx, l.Id, index)
		if err != nil || set {
			continue
		}
		if claimed, err := s.k.Claimed.Has(s.Ctx, collections.Join3(p.Id, l.Id, index)); err == nil && !claimed {
			return index, true
		}
	}
	return 0, false
}

// mayHold reports whether addr may be issued amount more of p's vouchers: within the
// per_holder_cap, and not a merchant of p.
func (s *search) mayHold(p types.Program, addr string, amount sdkmath.Int) bool {
	a, err := s.k.AddressCodec().StringToBytes(addr)
	if err != nil {
		return false
	}
	merchant, err := s.k.Merchants.Has(s.Ctx, collections.Join(p.Id, sdk.AccAddress(a)))
	return err == nil && !merchant && s.balance(addr, p.Denom).Add(amount).LTE(p.PerHolderCap)
}

// MsgApplyMerchantFactory has an account apply as a merchant of a program that has not
// expired, mostly (four times in five each) in one of its merchant districts and of a
// category it does not exclude: the others are never approved.
func MsgApplyMerchantFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApplyMerchant] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgApplyMerchant) {
		now := s.now()
		ps := s.programs(func(p types.Program) bool { return p.Status != types.ProgramStatusClosed && now.Before(p.ExpiresAt) })
		return simulation.FirstAccepted[*types.MsgApplyMerchant](s.Search, ps, "no program takes merchants",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				district := p.MerchantDistricts[s.R.Intn(len(p.MerchantDistricts))]
				if s.R.Intn(5) == 0 {
					district = districts[s.R.Intn(len(districts))]
				}
				mcc := mccs[s.R.Intn(len(mccs))]
				if allowed := slices.DeleteFunc(slices.Clone(mccs), p.Excludes); len(allowed) > 0 && s.R.Intn(5) != 0 {
					mcc = allowed[s.R.Intn(len(allowed))]
				}
				m := types.MsgApplyMerchant{
					ProgramId: p.Id, BusinessDigest: simulation.RandomDigest(s.R), DistrictCode: district,
					Mcc: mcc, SettlementAddress: s.RandomAccount(),
				}
				return s.Signers(nil, true), func(addr string) sdk.Msg {
					out := m
					out.Merchant = addr
					return &out
				}
			})
	})
}

// MsgDecideMerchantFactory decides a merchant of a program that is not CLOSED: approves
// a PENDING one (revokes one time in five), reinstates a SUSPENDED one, and one time in
// four suspends or revokes an APPROVED one (passed over otherwise, so that approved
// merchants stay long enough to be paid); signed by a voucher.merchant of the program's
// agency.
func MsgDecideMerchantFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDecideMerchant] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgDecideMerchant) {
		ms := simulation.Sample(s.Search, s.k.Merchants, nil, func(m types.Merchant) bool { return m.Status != types.MerchantStatusRevoked })
		return simulation.FirstAccepted[*types.MsgDecideMerchant](s.Search, ms, "no merchant to decide",
			func(m types.Merchant) ([]string, func(string) sdk.Msg) {
				p, err := s.k.GetProgram(s.Ctx, m.ProgramId)
				if err != nil {
					return nil, nil
				}
				var d types.MerchantDecision
				switch m.Status {
				case types.MerchantStatusPending:
					d = types.MerchantDecisionApprove
					if s.R.Intn(5) == 0 {
						d = types.MerchantDecisionRevoke
					}
				case types.MerchantStatusApproved:
					if s.R.Intn(4) != 0 {
						return nil, nil
					}
					d = types.MerchantDecisionSuspend
					if s.R.Intn(3) == 0 {
						d = types.MerchantDecisionRevoke
					}
				default:
					d = types.MerchantDecisionReinstate
				}
				return s.agencySigners(p.AgencyId, types.RoleMerchant), func(addr string) sdk.Msg {
					return &types.MsgDecideMerchant{Signer: addr, ProgramId: m.ProgramId, Merchant: m.Address, Decision: d}
				}
			})
	})
}

// MsgPayFactory has a holder of a program that pays now pay part of its balance to an
// APPROVED merchant of the program, with a fresh receipt digest.
func MsgPayFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPay] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgPay) {
		for _, p := range s.programs(s.issuing) {
			ms := simulation.Sample(s.Search, s.k.Merchants, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id),
				func(m types.Merchant) bool { return m.Status == types.MerchantStatusApproved })
			if len(ms) == 0 {
				continue
			}
			m := ms[0]
			signer, msg, ok := s.Try(s.holding(s.k.Holders, p), func(error) bool { return true }, func(addr string) sdk.Msg {
				return &types.MsgPay{
					Holder: addr, ProgramId: p.Id, Merchant: m.Address,
					Amount: s.randomInt(s.balance(addr, p.Denom)), ReceiptDigest: simulation.RandomDigest(s.R),
				}
			})
			if ok {
				return simulation.Done[*types.MsgPay](s.Search, signer, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgPay](s.Search, "", nil, false, "no holder can pay an approved merchant")
	})
}

// holding samples the simulation accounts of a program's holder index that hold some of
// its vouchers.
func (s *search) holding(holders collections.Map[keeper.ProgramAddress, collections.NoValue], p types.Program) []string {
	return simulation.SampleWith(s.Search, holders, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](p.Id),
		func(key keeper.ProgramAddress, _ collections.NoValue) (string, bool) {
			addr, err := s.k.AddressCodec().BytesToString(key.K2())
			return addr, err == nil && s.TestData.HasAccount(addr) && s.balance(addr, p.Denom).IsPositive()
		})
}

// MsgRedeemFactory has a merchant redeem part of what it holds before the program's
// redeem_until.
func MsgRedeemFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRedeem] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgRedeem) {
		ms := simulation.Sample(s.Search, s.k.Merchants, nil, func(m types.Merchant) bool {
			return s.TestData.HasAccount(m.Address) && m.Received.GT(m.Redeemed)
		})
		return simulation.FirstAccepted[*types.MsgRedeem](s.Search, ms, "no merchant holds vouchers",
			func(m types.Merchant) ([]string, func(string) sdk.Msg) {
				p, err := s.k.GetProgram(s.Ctx, m.ProgramId)
				bal := s.balance(m.Address, p.Denom)
				if err != nil || !bal.IsPositive() || !s.now().Before(p.RedeemUntil) {
					return nil, nil
				}
				return []string{m.Address}, func(addr string) sdk.Msg {
					return &types.MsgRedeem{Merchant: addr, ProgramId: p.Id, Amount: s.randomInt(bal)}
				}
			})
	})
}

// MsgSweepFactory sweeps an expired program that is not CLOSED, signed by an issuer of
// its agency (its creator first).
func MsgSweepFactory(k keeper.Keeper, ak agencykeeper.Keeper, dk didkeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSweep] {
	return factory(k, ak, dk, func(s *search) ([]simsx.SimAccount, *types.MsgSweep) {
		now := s.now()
		limit := 1 + uint32(s.R.Intn(int(s.params().MaxSweep))) //nolint:gosec // bounded
		ps := s.programs(func(p types.Program) bool { return p.Status != types.ProgramStatusClosed && !now.Before(p.ExpiresAt) })
		return simulation.FirstAccepted[*types.MsgSweep](s.Search, ps, "no expired program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				return s.agencySigners(p.AgencyId, types.RoleIssuer, p.CreatedBy), func(addr string) sdk.Msg {
					return &types.MsgSweep{Signer: addr, ProgramId: p.Id, Limit: limit}
				}
			})
	})
}

// pick is a random non-empty subset of from (ascending), at most max codes and at most 4.
func pick(s *search, from []string, max uint32) []string {
	n := 1 + s.R.Intn(min(len(from), int(max), 4))
	picked := slices.Clone(from)
	s.R.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	picked = picked[:n]
	slices.Sort(picked)
	return picked
}

// allocatorAgencies are the allocator agencies of a new program taking allocations: the
// agencies of the (up to) two newest programs, at most max, ascending (agencies that
// exist and issue vouchers, as the first random agency, which holds every role, does).
// x/welfare's VOUCHER programs draw on a program listing their agency. It reads the state
// only (no randomness), so that the search's draws stay as they were.
func (s *search) allocatorAgencies(max uint32) []string {
	var out []string
	_ = s.k.Programs.Walk(s.Ctx, new(collections.Range[uint64]).Descending(), func(_ uint64, p types.Program) (bool, error) {
		if !slices.Contains(out, p.AgencyId) {
			out = append(out, p.AgencyId)
		}
		return len(out) >= 2 || uint32(len(out)) >= max, nil //nolint:gosec // small
	})
	slices.Sort(out)
	return out
}

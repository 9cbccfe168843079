package simulation

import (
	"slices"

	sdkmath "cosmossdk.io/math"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/welfare/keeper"
	"github.com/civicchain/civic/x/welfare/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. Only the start of a program's life is simulated so far (create,
// activate, fund, apply); decisions, entitlements, cycles, distributions and audits are
// covered by the keeper tests.
const (
	OpWeightMsgCreateProgram   = "op_weight_msg_welfare_create_program"
	OpWeightMsgActivateProgram = "op_weight_msg_welfare_activate_program"
	OpWeightMsgFundProgram     = "op_weight_msg_welfare_fund_program"
	OpWeightMsgApply           = "op_weight_msg_welfare_apply"

	DefaultWeightMsgCreateProgram   = 15
	DefaultWeightMsgActivateProgram = 15
	DefaultWeightMsgFundProgram     = 20
	DefaultWeightMsgApply           = 50
)

// search is one run of a factory: the engine's search, with the keeper to read the
// module's state.
type search struct {
	*simulation.Search
	k keeper.Keeper
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router, append(agencysim.RoleRefusals(), types.ErrWrongAgency)...)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) { return find(&search{Search: s, k: k}) })
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

// randomInt is a random amount in 1..max (max >= 1).
func (s *search) randomInt(max sdkmath.Int) sdkmath.Int {
	if max.IsInt64() {
		return sdkmath.NewInt(1 + s.R.Int63n(max.Int64()))
	}
	return sdkmath.NewInt(1 + s.R.Int63n(1<<62))
}

// MsgCreateProgramFactory creates a CASH program in the bond denom, in up to
// max_groups_per_program of the stored groups, signed by a manager.
func MsgCreateProgramFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateProgram] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgCreateProgram) {
		p := s.params()
		groups := simulation.Sample(s.Search, s.k.Groups, nil, func(types.ExclusivityGroup) bool { return true })
		n := s.R.Intn(min(len(groups), int(p.MaxGroupsPerProgram)) + 1)
		var ids []string
		for _, g := range simulation.Shuffle(s.Search, groups)[:n] {
			ids = append(ids, g.Id)
		}
		m := types.MsgCreateProgram{
			Name:      []string{"기초생활보장 생계급여", "긴급복지 생계지원", "Energy voucher", "Housing benefit"}[s.R.Intn(4)],
			Target:    []types.Target{types.TargetIndividual, types.TargetHousehold}[s.R.Intn(2)],
			Groups:    ids,
			Benefit:   types.Benefit{Kind: types.BenefitKindCash, Denom: sdk.DefaultBondDenom},
			BudgetCap: s.randomInt(sdkmath.MinInt(p.MaxAmount, sdkmath.NewInt(100_000_000))),
		}
		addr, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
			out := m
			out.Manager = addr
			return &out
		})
		return simulation.Done[*types.MsgCreateProgram](s.Search, addr, msg, ok, "")
	})
}

// MsgActivateProgramFactory activates a DRAFT program, signed by a manager of its agency
// (its creator first).
func MsgActivateProgramFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgActivateProgram] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgActivateProgram) {
		ps := s.programs(func(p types.Program) bool { return p.Status == types.ProgramStatusDraft })
		return simulation.FirstAccepted[*types.MsgActivateProgram](s.Search, ps, "no DRAFT program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				return s.Signers([]string{p.CreatedBy}, true), func(addr string) sdk.Msg {
					return &types.MsgActivateProgram{Manager: addr, ProgramId: p.Id}
				}
			})
	})
}

// MsgFundProgramFactory funds a CASH program that is not CLOSED, below its cap, from a
// manager of its agency holding the denom; what it escrows is reserved from the signer's
// liquid balance so that fees do not take it.
func MsgFundProgramFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFundProgram] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgFundProgram) {
		ps := s.programs(func(p types.Program) bool {
			return p.IsCash() && p.Status != types.ProgramStatusClosed && p.Totals.Funded.LT(p.BudgetCap)
		})
		for _, p := range ps {
			room := p.BudgetCap.Sub(p.Totals.Funded)
			signer, msg, ok := s.TrySigners(s.Signers([]string{p.CreatedBy}, true), func(addr string) sdk.Msg {
				a, err := s.k.AddressCodec().StringToBytes(addr)
				if err != nil {
					return nil
				}
				bal := s.k.Balance(s.Ctx, a, p.Benefit.Denom).QuoRaw(2)
				if !bal.IsPositive() {
					return nil
				}
				return &types.MsgFundProgram{Funder: addr, ProgramId: p.Id, Amount: s.randomInt(sdkmath.MinInt(room, bal))}
			})
			if !ok {
				continue
			}
			spend := sdk.NewCoin(p.Benefit.Denom, msg.(*types.MsgFundProgram).Amount)
			acc := s.TestData.GetAccount(s.Reporter, signer)
			if !acc.LiquidBalance().BlockAmount(spend) {
				s.Reporter.Skipf("%s cannot spend %s", signer, spend)
				return nil, nil
			}
			return []simsx.SimAccount{acc}, msg.(*types.MsgFundProgram)
		}
		return simulation.Done[*types.MsgFundProgram](s.Search, "", nil, false, "no program to fund")
	})
}

// MsgApplyFactory files an application to an ACTIVE program, signed by a caseworker of
// its agency, for a salted-digest beneficiary: one slot key per group, each a fresh key
// or, one time in three, a key already held in that group (the application is then
// stored DUPLICATED).
func MsgApplyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgApply] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgApply) {
		ps := s.programs(func(p types.Program) bool { return p.Status == types.ProgramStatusActive })
		held := simulation.Sample(s.Search, s.k.Slots, nil, func(types.Slot) bool { return true })
		return simulation.FirstAccepted[*types.MsgApply](s.Search, ps, "no ACTIVE program",
			func(p types.Program) ([]string, func(string) sdk.Msg) {
				keys := make([]string, len(p.Groups))
				for i, g := range p.Groups {
					keys[i] = simulation.RandomDigest(s.R)
					if s.R.Intn(3) == 0 {
						if j := slices.IndexFunc(held, func(sl types.Slot) bool { return sl.GroupId == g }); j >= 0 {
							keys[i] = held[j].SlotKey
						}
					}
				}
				m := types.MsgApply{
					ProgramId: p.Id, BeneficiaryRef: simulation.RandomDigest(s.R), SlotKeys: keys,
					ApplicationDigest: simulation.RandomDigest(s.R),
				}
				return s.Signers(nil, true), func(addr string) sdk.Msg {
					out := m
					out.Caseworker = addr
					return &out
				}
			})
	})
}

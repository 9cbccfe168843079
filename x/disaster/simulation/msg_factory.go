package simulation

import (
	"slices"

	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/disaster/keeper"
	"github.com/civicchain/civic/x/disaster/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. Declarations and alerts weigh most; closing least, so that open
// incidents stay around to be updated and alerted on.
const (
	OpWeightMsgDeclareIncident   = "op_weight_msg_declare_incident"
	OpWeightMsgUpdateIncident    = "op_weight_msg_update_incident"
	OpWeightMsgSetIncidentStatus = "op_weight_msg_set_incident_status"
	OpWeightMsgIssuePublicAlert  = "op_weight_msg_issue_public_alert"

	DefaultWeightMsgDeclareIncident   = 40
	DefaultWeightMsgUpdateIncident    = 30
	DefaultWeightMsgSetIncidentStatus = 15
	DefaultWeightMsgIssuePublicAlert  = 40
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
	return simulation.Factory(newEngine(k), func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{Search: s, k: k})
	})
}

// newEngine dry-runs through the module's Msg service; a signer that is not a
// coordinator of an active agency, or of the incident's agency, may not act, and another
// is tried.
func newEngine(k keeper.Keeper) *simulation.Engine {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	return simulation.NewEngine(router, append(agencysim.RoleRefusals(), types.ErrWrongAgency)...)
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

// open samples the incidents that are not CLOSED and pass keep.
func (s *search) open(keep func(types.Incident) bool) []types.Incident {
	return simulation.Sample(s.Search, s.k.Incidents, nil, func(inc types.Incident) bool {
		return inc.Status.IsOpen() && keep(inc)
	})
}

// MsgDeclareIncidentFactory declares an incident with a fresh description digest in a few
// of Busan's districts, signed by a coordinator: every simulation account is tried from a
// random offset.
func MsgDeclareIncidentFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeclareIncident] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgDeclareIncident) {
		m := types.MsgDeclareIncident{
			Type:              incidentTypes[s.R.Intn(len(incidentTypes))],
			AffectedDistricts: randomDistricts(s.R, districts, s.params().MaxDistrictsPerIncident),
			Severity:          randomSeverity(s.R, types.SeveritySerious),
			DescriptionDigest: simulation.RandomDigest(s.R),
		}
		addr, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
			out := m
			out.Coordinator = addr
			return &out
		})
		return simulation.Done[*types.MsgDeclareIncident](s.Search, addr, msg, ok, "")
	})
}

// MsgUpdateIncidentFactory raises or lowers the severity of an open incident below its
// revision bound, or gives it a new set of districts, signed by a coordinator of its
// agency (the declarer first).
func MsgUpdateIncidentFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateIncident] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgUpdateIncident) {
		p := s.params()
		incs := s.open(func(inc types.Incident) bool { return inc.Revision < uint64(p.MaxRevisionsPerIncident) })
		return simulation.FirstAccepted[*types.MsgUpdateIncident](s.Search, incs, "no open incident below its revision bound",
			func(inc types.Incident) ([]string, func(string) sdk.Msg) {
				m := types.MsgUpdateIncident{IncidentId: inc.Id, ReasonDigest: simulation.RandomDigest(s.R)}
				if s.R.Intn(2) == 0 {
					m.Severity = otherSeverity(s, inc.Severity)
				} else if ds := randomDistricts(s.R, districts, p.MaxDistrictsPerIncident); !slices.Equal(ds, inc.AffectedDistricts) {
					m.AffectedDistricts = ds
				} else {
					m.Severity = otherSeverity(s, inc.Severity)
				}
				return s.Signers([]string{inc.DeclaredBy}, true), func(addr string) sdk.Msg {
					out := m
					out.Coordinator = addr
					return &out
				}
			})
	})
}

// MsgSetIncidentStatusFactory moves an open incident one step: DECLARED to RESPONDING
// (or, one time in four, straight to CLOSED), RESPONDING to CLOSED; signed by a
// coordinator of its agency.
func MsgSetIncidentStatusFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetIncidentStatus] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgSetIncidentStatus) {
		incs := s.open(func(types.Incident) bool { return true })
		return simulation.FirstAccepted[*types.MsgSetIncidentStatus](s.Search, incs, "no incident is open",
			func(inc types.Incident) ([]string, func(string) sdk.Msg) {
				to := types.IncidentStatusClosed
				if inc.Status == types.IncidentStatusDeclared && s.R.Intn(4) != 0 {
					to = types.IncidentStatusResponding
				}
				return s.Signers([]string{inc.DeclaredBy}, true), func(addr string) sdk.Msg {
					return &types.MsgSetIncidentStatus{Signer: addr, IncidentId: inc.Id, Status: to}
				}
			})
	})
}

// MsgIssuePublicAlertFactory records a public alert for an open incident below its alert
// bound: some of its districts, a level up to its severity, a template code and a fresh
// broadcast digest; signed by a coordinator of its agency.
func MsgIssuePublicAlertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssuePublicAlert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgIssuePublicAlert) {
		p := s.params()
		incs := s.open(func(inc types.Incident) bool { return inc.AlertCount < uint64(p.MaxAlertsPerIncident) })
		return simulation.FirstAccepted[*types.MsgIssuePublicAlert](s.Search, incs, "no open incident below its alert bound",
			func(inc types.Incident) ([]string, func(string) sdk.Msg) {
				m := types.MsgIssuePublicAlert{
					IncidentId:      inc.Id,
					Districts:       randomDistricts(s.R, inc.AffectedDistricts, p.MaxDistrictsPerIncident),
					Level:           randomSeverity(s.R, inc.Severity),
					MessageCode:     messageCodes[s.R.Intn(len(messageCodes))],
					BroadcastDigest: simulation.RandomDigest(s.R),
				}
				return s.Signers([]string{inc.DeclaredBy}, true), func(addr string) sdk.Msg {
					out := m
					out.Coordinator = addr
					return &out
				}
			})
	})
}

// otherSeverity is a random level other than current.
func otherSeverity(s *search, current types.Severity) types.Severity {
	next := types.Severity(1 + s.R.Intn(3))
	if next >= current {
		next++
	}
	return next
}

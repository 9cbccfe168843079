package simulation

import (
	"fmt"
	"time"

	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencysim "github.com/civicchain/civic/x/agency/simulation"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them.
const (
	OpWeightMsgRegisterFacility       = "op_weight_msg_haccp_register_facility"
	OpWeightMsgAddFacilityStaff       = "op_weight_msg_haccp_add_facility_staff"
	OpWeightMsgAnchorCcpRecord        = "op_weight_msg_haccp_anchor_ccp_record"
	OpWeightMsgRecordCorrectiveAction = "op_weight_msg_haccp_record_corrective_action"
	OpWeightMsgIssueCertificate       = "op_weight_msg_haccp_issue_certificate"
	OpWeightMsgSuspendCertificate     = "op_weight_msg_haccp_suspend_certificate"
	OpWeightMsgReinstateCertificate   = "op_weight_msg_haccp_reinstate_certificate"
	OpWeightMsgRevokeCertificate      = "op_weight_msg_haccp_revoke_certificate"
	OpWeightMsgRenewCertificate       = "op_weight_msg_haccp_renew_certificate"
	OpWeightMsgRecordAudit            = "op_weight_msg_haccp_record_audit"
	OpWeightMsgIssueRecall            = "op_weight_msg_haccp_issue_recall"
	OpWeightMsgCloseRecall            = "op_weight_msg_haccp_close_recall"

	DefaultWeightMsgRegisterFacility       = 40
	DefaultWeightMsgAddFacilityStaff       = 30
	DefaultWeightMsgAnchorCcpRecord        = 60
	DefaultWeightMsgRecordCorrectiveAction = 30
	DefaultWeightMsgIssueCertificate       = 30
	DefaultWeightMsgSuspendCertificate     = 10
	DefaultWeightMsgReinstateCertificate   = 10
	DefaultWeightMsgRevokeCertificate      = 5
	DefaultWeightMsgRenewCertificate       = 10
	DefaultWeightMsgRecordAudit            = 20
	DefaultWeightMsgIssueRecall            = 10
	DefaultWeightMsgCloseRecall            = 10
)

// search is one run of a factory: the engine's search, with the keeper and its query
// server to read the module's state.
type search struct {
	*simulation.Search
	k keeper.Keeper
	q types.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router, append(agencysim.RoleRefusals(),
		types.ErrWrongAgency, types.ErrNotOperator, types.ErrNotFacilityMember, types.ErrStaffExists)...)
	q := keeper.NewQueryServerImpl(k)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) { return find(&search{Search: s, k: k, q: q}) })
}

// members is a facility's operator then its staff.
func (s *search) members(f types.Facility) []string {
	out := []string{f.Operator}
	res, err := s.q.FacilityStaff(s.Ctx, &types.QueryFacilityStaffRequest{FacilityId: f.Id, Pagination: &query.PageRequest{Limit: simulation.MaxRecordsScanned}})
	if err == nil {
		out = append(out, res.Staff...)
	}
	return out
}

func truncNow(s *search) time.Time { return s.Ctx.BlockTime().UTC().Truncate(time.Second) }

// MsgRegisterFacilityFactory registers a facility with random fields, signed by a random
// simulation account (a third of them importers, so that imports may be declared).
func MsgRegisterFacilityFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterFacility] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterFacility) {
		typ := randomFacilityType(s.R)
		if s.R.Intn(3) == 0 {
			typ = types.FacilityTypeImporter
		}
		addr, msg, ok := s.TrySigners(s.Signers([]string{s.RandomAccount()}, true), func(addr string) sdk.Msg {
			return &types.MsgRegisterFacility{
				Operator:                   addr,
				BusinessRegistrationDigest: RandomDigest(s.R),
				Type:                       typ,
				Name:                       fmt.Sprintf("Sim Facility %d", s.R.Intn(1_000_000)),
				RegionCode:                 randomRegion(s.R),
			}
		})
		return simulation.Done[*types.MsgRegisterFacility](s.Search, addr, msg, ok, "")
	})
}

// MsgAddFacilityStaffFactory adds a random simulation account as staff of a facility,
// signed by its operator.
func MsgAddFacilityStaffFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAddFacilityStaff] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgAddFacilityStaff) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, func(f types.Facility) bool { return s.TestData.HasAccount(f.Operator) })
		if len(fs) == 0 {
			return simulation.Done[*types.MsgAddFacilityStaff](s.Search, "", nil, false, "no facility is operated by a simulation account")
		}
		for _, f := range fs {
			for try := 0; try < 3; try++ {
				staff := s.RandomAccount()
				if staff == f.Operator {
					continue
				}
				if addr, msg, ok := s.TrySigners([]string{f.Operator}, func(addr string) sdk.Msg {
					return &types.MsgAddFacilityStaff{Operator: addr, FacilityId: f.Id, Staff: staff}
				}); ok {
					return simulation.Done[*types.MsgAddFacilityStaff](s.Search, addr, msg, true, "")
				}
			}
		}
		return simulation.Done[*types.MsgAddFacilityStaff](s.Search, "", nil, false, "")
	})
}

// MsgAnchorCcpRecordFactory anchors a CCP log digest for a closed period of a facility,
// signed by its operator or staff; a quarter of the records report a deviation.
func MsgAnchorCcpRecordFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAnchorCcpRecord] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgAnchorCcpRecord) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, nil)
		if len(fs) == 0 {
			return simulation.Done[*types.MsgAnchorCcpRecord](s.Search, "", nil, false, "no facility")
		}
		now := truncNow(s)
		for _, f := range fs {
			end := now.Add(-time.Duration(s.R.Intn(24*60)) * time.Minute)
			start := end.Add(-time.Duration(1+s.R.Intn(24*60)) * time.Minute)
			if addr, msg, ok := s.TrySigners(s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgAnchorCcpRecord{
					Signer: addr, FacilityId: f.Id, CcpCode: fmt.Sprintf("CCP-%d", 1+s.R.Intn(9)),
					PeriodStart: start, PeriodEnd: end, LogDigest: RandomDigest(s.R), Deviation: s.R.Intn(4) == 0,
				}
			}); ok {
				return simulation.Done[*types.MsgAnchorCcpRecord](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgAnchorCcpRecord](s.Search, "", nil, false, "")
	})
}

// MsgRecordCorrectiveActionFactory records the corrective action of a deviating CCP
// record that has none, signed by the facility's operator or staff.
func MsgRecordCorrectiveActionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordCorrectiveAction] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRecordCorrectiveAction) {
		rs := simulation.Sample(s.Search, k.CcpRecords, nil, func(r types.CcpRecord) bool { return r.Deviation && r.CorrectiveAction == nil })
		if len(rs) == 0 {
			return simulation.Done[*types.MsgRecordCorrectiveAction](s.Search, "", nil, false, "no deviating CCP record lacks a corrective action")
		}
		for _, r := range rs {
			f, err := k.Facilities.Get(s.Ctx, r.FacilityId)
			if err != nil {
				continue
			}
			if addr, msg, ok := s.TrySigners(s.Signers(append([]string{r.RecordedBy}, s.members(f)...), false), func(addr string) sdk.Msg {
				return &types.MsgRecordCorrectiveAction{Signer: addr, RecordId: r.Id, ActionDigest: RandomDigest(s.R)}
			}); ok {
				return simulation.Done[*types.MsgRecordCorrectiveAction](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgRecordCorrectiveAction](s.Search, "", nil, false, "")
	})
}

var scopeCodes = []string{"bakery", "beverage", "dairy", "fish", "meat", "noodle", "sauce", "snack"}

func randomScope(s *search) []string {
	var out []string
	for _, c := range scopeCodes { // sorted and unique
		if s.R.Intn(3) == 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []string{scopeCodes[s.R.Intn(len(scopeCodes))]}
	}
	return out
}

// MsgIssueCertificateFactory issues a certificate with a fresh number to a facility,
// signed by a simulation account holding haccp.certifier (NoOp when none does).
func MsgIssueCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssueCertificate] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgIssueCertificate) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, nil)
		if len(fs) == 0 {
			return simulation.Done[*types.MsgIssueCertificate](s.Search, "", nil, false, "no facility")
		}
		now := truncNow(s)
		certifiers := s.Signers(nil, true)
		for _, f := range fs {
			certNo := fmt.Sprintf("HACCP-%08d", s.R.Intn(100_000_000))
			if has, _ := k.Certificates.Has(s.Ctx, certNo); has {
				continue
			}
			if addr, msg, ok := s.TrySigners(certifiers, func(addr string) sdk.Msg {
				return &types.MsgIssueCertificate{
					Certifier: addr, CertNo: certNo, FacilityId: f.Id, Scope: randomScope(s),
					ValidFrom: now, ValidUntil: now.AddDate(1+s.R.Intn(3), 0, 0),
				}
			}); ok {
				return simulation.Done[*types.MsgIssueCertificate](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgIssueCertificate](s.Search, "", nil, false, "")
	})
}

// certFactory builds the factories of the messages that act on one certificate in one of
// statuses, signed by a certifier of its agency (its last certifier first).
func certFactory[M sdk.Msg](k keeper.Keeper, statuses []types.CertificateStatus, build func(s *search, c types.Certificate, addr string) M) simsx.SimMsgFactoryFn[M] {
	return factory(k, func(s *search) ([]simsx.SimAccount, M) {
		cs := simulation.Sample(s.Search, k.Certificates, nil, func(c types.Certificate) bool {
			for _, st := range statuses {
				if c.Status == st {
					return true
				}
			}
			return false
		})
		if len(cs) == 0 {
			return simulation.Done[M](s.Search, "", nil, false, fmt.Sprintf("no certificate is %v", statuses))
		}
		for _, c := range cs {
			if addr, msg, ok := s.TrySigners(s.Signers([]string{c.Certifier}, true), func(addr string) sdk.Msg {
				return build(s, c, addr)
			}); ok {
				return simulation.Done[M](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[M](s.Search, "", nil, false, "")
	})
}

var reasonCodes = []string{"SIM_AUDIT_FINDING", "SIM_NONCONFORMITY", "SIM_REQUEST", "SIM_REVIEW"}

func randomReason(s *search) string { return reasonCodes[s.R.Intn(len(reasonCodes))] }

// MsgSuspendCertificateFactory suspends an ACTIVE certificate.
func MsgSuspendCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSuspendCertificate] {
	return certFactory(k, []types.CertificateStatus{types.CertificateStatusActive}, func(s *search, c types.Certificate, addr string) *types.MsgSuspendCertificate {
		return &types.MsgSuspendCertificate{Certifier: addr, CertNo: c.CertNo, ReasonCode: randomReason(s)}
	})
}

// MsgReinstateCertificateFactory reinstates a SUSPENDED certificate.
func MsgReinstateCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReinstateCertificate] {
	return certFactory(k, []types.CertificateStatus{types.CertificateStatusSuspended}, func(s *search, c types.Certificate, addr string) *types.MsgReinstateCertificate {
		return &types.MsgReinstateCertificate{Certifier: addr, CertNo: c.CertNo, ReasonCode: randomReason(s)}
	})
}

// MsgRevokeCertificateFactory revokes an ACTIVE or SUSPENDED certificate.
func MsgRevokeCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRevokeCertificate] {
	return certFactory(k, []types.CertificateStatus{types.CertificateStatusActive, types.CertificateStatusSuspended}, func(s *search, c types.Certificate, addr string) *types.MsgRevokeCertificate {
		return &types.MsgRevokeCertificate{Certifier: addr, CertNo: c.CertNo, ReasonCode: randomReason(s)}
	})
}

// MsgRenewCertificateFactory renews a certificate that is not revoked for a new period
// starting at the block time.
func MsgRenewCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRenewCertificate] {
	return certFactory(k, []types.CertificateStatus{types.CertificateStatusActive, types.CertificateStatusSuspended, types.CertificateStatusExpired}, func(s *search, c types.Certificate, addr string) *types.MsgRenewCertificate {
		now := truncNow(s)
		until := now.AddDate(1+s.R.Intn(3), 0, 0)
		if !until.After(c.ValidUntil) {
			until = c.ValidUntil.AddDate(1, 0, 0)
		}
		return &types.MsgRenewCertificate{Certifier: addr, CertNo: c.CertNo, Scope: randomScope(s), ValidFrom: now, ValidUntil: until}
	})
}

// MsgRecordAuditFactory records an audit (at the block time) of an ACTIVE or SUSPENDED certificate.
func MsgRecordAuditFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordAudit] {
	return certFactory(k, []types.CertificateStatus{types.CertificateStatusActive, types.CertificateStatusSuspended}, func(s *search, c types.Certificate, addr string) *types.MsgRecordAudit {
		return &types.MsgRecordAudit{Certifier: addr, CertNo: c.CertNo, Audit: types.Audit{
			At: truncNow(s), Result: types.AuditResult(1 + s.R.Intn(3)), ReportDigest: RandomDigest(s.R), //nolint:gosec // small
		}}
	})
}

// MsgIssueRecallFactory recalls a facility's products (and sometimes a few lots), signed
// by a simulation account holding haccp.certifier or haccp.inspector.
func MsgIssueRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssueRecall] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgIssueRecall) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, nil)
		if len(fs) == 0 {
			return simulation.Done[*types.MsgIssueRecall](s.Search, "", nil, false, "no facility")
		}
		recallers := s.Signers(nil, true)
		for _, f := range fs {
			var lots []string
			if s.R.Intn(2) == 0 {
				lots = []string{fmt.Sprintf("LOT-%06d", s.R.Intn(500_000)), fmt.Sprintf("LOT-%06d", 500_000+s.R.Intn(500_000))}
			}
			if addr, msg, ok := s.TrySigners(recallers, func(addr string) sdk.Msg {
				return &types.MsgIssueRecall{
					Signer: addr, Class: types.RecallClass(1 + s.R.Intn(3)), ReasonCode: randomReason(s), //nolint:gosec // small
					Lots: lots, FacilityId: f.Id,
				}
			}); ok {
				return simulation.Done[*types.MsgIssueRecall](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgIssueRecall](s.Search, "", nil, false, "")
	})
}

// MsgCloseRecallFactory closes an active recall, signed by a recaller of its agency.
func MsgCloseRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseRecall] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgCloseRecall) {
		rs := simulation.Sample(s.Search, k.Recalls, nil, func(r types.Recall) bool { return r.Active })
		if len(rs) == 0 {
			return simulation.Done[*types.MsgCloseRecall](s.Search, "", nil, false, "no recall is active")
		}
		for _, r := range rs {
			if addr, msg, ok := s.TrySigners(s.Signers([]string{r.IssuedBy}, true), func(addr string) sdk.Msg {
				return &types.MsgCloseRecall{Signer: addr, RecallId: r.Id}
			}); ok {
				return simulation.Done[*types.MsgCloseRecall](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgCloseRecall](s.Search, "", nil, false, "")
	})
}

package simulation

import (
	"context"
	"fmt"
	"time"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

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

func truncNow(s *search) time.Time { return s.ctx.BlockTime().UTC().Truncate(time.Second) }

// MsgRegisterFacilityFactory registers a facility with random fields, signed by a random
// simulation account (a third of them importers, so that imports may be declared).
func MsgRegisterFacilityFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterFacility] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterFacility) {
		s := newSearch(ctx, k, testData, reporter)
		typ := randomFacilityType(s.r)
		if s.r.Intn(3) == 0 {
			typ = types.FacilityTypeImporter
		}
		addr, msg, ok := s.trySigners(s.signers([]string{s.randomAccount()}, true), func(addr string) sdk.Msg {
			return &types.MsgRegisterFacility{
				Operator:                   addr,
				BusinessRegistrationDigest: RandomDigest(s.r),
				Type:                       typ,
				Name:                       fmt.Sprintf("Sim Facility %d", s.r.Intn(1_000_000)),
				RegionCode:                 randomRegion(s.r),
			}
		})
		return done[*types.MsgRegisterFacility](s, addr, msg, ok, "")
	}
}

// MsgAddFacilityStaffFactory adds a random simulation account as staff of a facility,
// signed by its operator.
func MsgAddFacilityStaffFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAddFacilityStaff] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAddFacilityStaff) {
		s := newSearch(ctx, k, testData, reporter)
		fs := sample(s, k.Facilities, func(f types.Facility) bool { return testData.HasAccount(f.Operator) })
		if len(fs) == 0 {
			return done[*types.MsgAddFacilityStaff](s, "", nil, false, "no facility is operated by a simulation account")
		}
		for _, f := range fs {
			for try := 0; try < 3; try++ {
				staff := s.randomAccount()
				if staff == f.Operator {
					continue
				}
				if addr, msg, ok := s.trySigners([]string{f.Operator}, func(addr string) sdk.Msg {
					return &types.MsgAddFacilityStaff{Operator: addr, FacilityId: f.Id, Staff: staff}
				}); ok {
					return done[*types.MsgAddFacilityStaff](s, addr, msg, true, "")
				}
			}
		}
		return done[*types.MsgAddFacilityStaff](s, "", nil, false, "")
	}
}

// MsgAnchorCcpRecordFactory anchors a CCP log digest for a closed period of a facility,
// signed by its operator or staff; a quarter of the records report a deviation.
func MsgAnchorCcpRecordFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAnchorCcpRecord] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgAnchorCcpRecord) {
		s := newSearch(ctx, k, testData, reporter)
		fs := sample(s, k.Facilities, func(types.Facility) bool { return true })
		if len(fs) == 0 {
			return done[*types.MsgAnchorCcpRecord](s, "", nil, false, "no facility")
		}
		now := truncNow(s)
		for _, f := range fs {
			end := now.Add(-time.Duration(s.r.Intn(24*60)) * time.Minute)
			start := end.Add(-time.Duration(1+s.r.Intn(24*60)) * time.Minute)
			if addr, msg, ok := s.trySigners(s.signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgAnchorCcpRecord{
					Signer: addr, FacilityId: f.Id, CcpCode: fmt.Sprintf("CCP-%d", 1+s.r.Intn(9)),
					PeriodStart: start, PeriodEnd: end, LogDigest: RandomDigest(s.r), Deviation: s.r.Intn(4) == 0,
				}
			}); ok {
				return done[*types.MsgAnchorCcpRecord](s, addr, msg, true, "")
			}
		}
		return done[*types.MsgAnchorCcpRecord](s, "", nil, false, "")
	}
}

// MsgRecordCorrectiveActionFactory records the corrective action of a deviating CCP
// record that has none, signed by the facility's operator or staff.
func MsgRecordCorrectiveActionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordCorrectiveAction] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRecordCorrectiveAction) {
		s := newSearch(ctx, k, testData, reporter)
		rs := sample(s, k.CcpRecords, func(r types.CcpRecord) bool { return r.Deviation && r.CorrectiveAction == nil })
		if len(rs) == 0 {
			return done[*types.MsgRecordCorrectiveAction](s, "", nil, false, "no deviating CCP record lacks a corrective action")
		}
		for _, r := range rs {
			f, err := k.Facilities.Get(ctx, r.FacilityId)
			if err != nil {
				continue
			}
			if addr, msg, ok := s.trySigners(s.signers(append([]string{r.RecordedBy}, s.members(f)...), false), func(addr string) sdk.Msg {
				return &types.MsgRecordCorrectiveAction{Signer: addr, RecordId: r.Id, ActionDigest: RandomDigest(s.r)}
			}); ok {
				return done[*types.MsgRecordCorrectiveAction](s, addr, msg, true, "")
			}
		}
		return done[*types.MsgRecordCorrectiveAction](s, "", nil, false, "")
	}
}

var scopeCodes = []string{"bakery", "beverage", "dairy", "fish", "meat", "noodle", "sauce", "snack"}

func randomScope(s *search) []string {
	var out []string
	for _, c := range scopeCodes { // sorted and unique
		if s.r.Intn(3) == 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []string{scopeCodes[s.r.Intn(len(scopeCodes))]}
	}
	return out
}

// MsgIssueCertificateFactory issues a certificate with a fresh number to a facility,
// signed by a simulation account holding haccp.certifier (NoOp when none does).
func MsgIssueCertificateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssueCertificate] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgIssueCertificate) {
		s := newSearch(ctx, k, testData, reporter)
		fs := sample(s, k.Facilities, func(types.Facility) bool { return true })
		if len(fs) == 0 {
			return done[*types.MsgIssueCertificate](s, "", nil, false, "no facility")
		}
		now := truncNow(s)
		certifiers := s.signers(nil, true)
		for _, f := range fs {
			certNo := fmt.Sprintf("HACCP-%08d", s.r.Intn(100_000_000))
			if has, _ := k.Certificates.Has(ctx, certNo); has {
				continue
			}
			if addr, msg, ok := s.trySigners(certifiers, func(addr string) sdk.Msg {
				return &types.MsgIssueCertificate{
					Certifier: addr, CertNo: certNo, FacilityId: f.Id, Scope: randomScope(s),
					ValidFrom: now, ValidUntil: now.AddDate(1+s.r.Intn(3), 0, 0),
				}
			}); ok {
				return done[*types.MsgIssueCertificate](s, addr, msg, true, "")
			}
		}
		return done[*types.MsgIssueCertificate](s, "", nil, false, "")
	}
}

// certFactory builds the factories of the messages that act on one certificate in one of
// statuses, signed by a certifier of its agency (its last certifier first).
func certFactory[M sdk.Msg](k keeper.Keeper, statuses []types.CertificateStatus, build func(s *search, c types.Certificate, addr string) M) simsx.SimMsgFactoryFn[M] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, M) {
		s := newSearch(ctx, k, testData, reporter)
		cs := sample(s, k.Certificates, func(c types.Certificate) bool {
			for _, st := range statuses {
				if c.Status == st {
					return true
				}
			}
			return false
		})
		if len(cs) == 0 {
			return done[M](s, "", nil, false, fmt.Sprintf("no certificate is %v", statuses))
		}
		for _, c := range cs {
			if addr, msg, ok := s.trySigners(s.signers([]string{c.Certifier}, true), func(addr string) sdk.Msg {
				return build(s, c, addr)
			}); ok {
				return done[M](s, addr, msg, true, "")
			}
		}
		return done[M](s, "", nil, false, "")
	}
}

var reasonCodes = []string{"SIM_AUDIT_FINDING", "SIM_NONCONFORMITY", "SIM_REQUEST", "SIM_REVIEW"}

func randomReason(s *search) string { return reasonCodes[s.r.Intn(len(reasonCodes))] }

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
		until := now.AddDate(1+s.r.Intn(3), 0, 0)
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
			At: truncNow(s), Result: types.AuditResult(1 + s.r.Intn(3)), ReportDigest: RandomDigest(s.r), //nolint:gosec // small
		}}
	})
}

// MsgIssueRecallFactory recalls a facility's products (and sometimes a few lots), signed
// by a simulation account holding haccp.certifier or haccp.inspector.
func MsgIssueRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssueRecall] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgIssueRecall) {
		s := newSearch(ctx, k, testData, reporter)
		fs := sample(s, k.Facilities, func(types.Facility) bool { return true })
		if len(fs) == 0 {
			return done[*types.MsgIssueRecall](s, "", nil, false, "no facility")
		}
		recallers := s.signers(nil, true)
		for _, f := range fs {
			var lots []string
			if s.r.Intn(2) == 0 {
				lots = []string{fmt.Sprintf("LOT-%06d", s.r.Intn(500_000)), fmt.Sprintf("LOT-%06d", 500_000+s.r.Intn(500_000))}
			}
			if addr, msg, ok := s.trySigners(recallers, func(addr string) sdk.Msg {
				return &types.MsgIssueRecall{
					Signer: addr, Class: types.RecallClass(1 + s.r.Intn(3)), ReasonCode: randomReason(s), //nolint:gosec // small
					Lots: lots, FacilityId: f.Id,
				}
			}); ok {
				return done[*types.MsgIssueRecall](s, addr, msg, true, "")
			}
		}
		return done[*types.MsgIssueRecall](s, "", nil, false, "")
	}
}

// MsgCloseRecallFactory closes an active recall, signed by a recaller of its agency.
func MsgCloseRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseRecall] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCloseRecall) {
		s := newSearch(ctx, k, testData, reporter)
		rs := sample(s, k.Recalls, func(r types.Recall) bool { return r.Active })
		if len(rs) == 0 {
			return done[*types.MsgCloseRecall](s, "", nil, false, "no recall is active")
		}
		for _, r := range rs {
			if addr, msg, ok := s.trySigners(s.signers([]string{r.IssuedBy}, true), func(addr string) sdk.Msg {
				return &types.MsgCloseRecall{Signer: addr, RecallId: r.Id}
			}); ok {
				return done[*types.MsgCloseRecall](s, addr, msg, true, "")
			}
		}
		return done[*types.MsgCloseRecall](s, "", nil, false, "")
	}
}

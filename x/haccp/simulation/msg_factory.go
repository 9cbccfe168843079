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
	OpWeightMsgRemoveFacilityStaff    = "op_weight_msg_haccp_remove_facility_staff"
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
	DefaultWeightMsgRemoveFacilityStaff    = 5
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

// Operation weights of the import-side messages: the AppParams keys and their defaults.
const (
	OpWeightMsgReceiveHygieneCert      = "op_weight_msg_haccp_receive_hygiene_cert"
	OpWeightMsgVerifyHygieneCert       = "op_weight_msg_haccp_verify_hygiene_cert"
	OpWeightMsgDeclareImport           = "op_weight_msg_haccp_declare_import"
	OpWeightMsgStartInspection         = "op_weight_msg_haccp_start_inspection"
	OpWeightMsgRecordInspection        = "op_weight_msg_haccp_record_inspection"
	OpWeightMsgClearDeclaration        = "op_weight_msg_haccp_clear_declaration"
	OpWeightMsgShareImportConfirmation = "op_weight_msg_haccp_share_import_confirmation"
	OpWeightMsgRefuseClearance         = "op_weight_msg_haccp_refuse_clearance"
	OpWeightMsgWithdrawDeclaration     = "op_weight_msg_haccp_withdraw_declaration"

	DefaultWeightMsgReceiveHygieneCert      = 30
	DefaultWeightMsgVerifyHygieneCert       = 25
	DefaultWeightMsgDeclareImport           = 30
	DefaultWeightMsgStartInspection         = 25
	DefaultWeightMsgRecordInspection        = 25
	DefaultWeightMsgClearDeclaration        = 20
	DefaultWeightMsgShareImportConfirmation = 10
	DefaultWeightMsgRefuseClearance         = 3
	DefaultWeightMsgWithdrawDeclaration     = 3
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
				BusinessRegistrationDigest: simulation.RandomDigest(s.R),
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

// MsgRemoveFacilityStaffFactory removes a staff account from a facility, signed by its
// operator.
func MsgRemoveFacilityStaffFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRemoveFacilityStaff] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRemoveFacilityStaff) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, func(f types.Facility) bool { return s.TestData.HasAccount(f.Operator) })
		return simulation.FirstAccepted[*types.MsgRemoveFacilityStaff](s.Search, fs, "no facility is operated by a simulation account", func(f types.Facility) ([]string, func(string) sdk.Msg) {
			staff := s.members(f)[1:]
			if len(staff) == 0 {
				return nil, nil
			}
			member := staff[s.R.Intn(len(staff))]
			return []string{f.Operator}, func(addr string) sdk.Msg {
				return &types.MsgRemoveFacilityStaff{Operator: addr, FacilityId: f.Id, Staff: member}
			}
		})
	})
}

// MsgAnchorCcpRecordFactory anchors a CCP log digest for a closed period of a facility,
// signed by its operator or staff; a quarter of the records report a deviation.
func MsgAnchorCcpRecordFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgAnchorCcpRecord] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgAnchorCcpRecord) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, nil)
		now := truncNow(s)
		return simulation.FirstAccepted[*types.MsgAnchorCcpRecord](s.Search, fs, "no facility", func(f types.Facility) ([]string, func(string) sdk.Msg) {
			end := now.Add(-time.Duration(s.R.Intn(24*60)) * time.Minute)
			start := end.Add(-time.Duration(1+s.R.Intn(24*60)) * time.Minute)
			return s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgAnchorCcpRecord{
					Signer: addr, FacilityId: f.Id, CcpCode: fmt.Sprintf("CCP-%d", 1+s.R.Intn(9)),
					PeriodStart: start, PeriodEnd: end, LogDigest: simulation.RandomDigest(s.R), Deviation: s.R.Intn(4) == 0,
				}
			}
		})
	})
}

// MsgRecordCorrectiveActionFactory records the corrective action of a deviating CCP
// record that has none, signed by the facility's operator or staff.
func MsgRecordCorrectiveActionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordCorrectiveAction] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgRecordCorrectiveAction) {
		rs := simulation.Sample(s.Search, k.CcpRecords, nil, func(r types.CcpRecord) bool { return r.Deviation && r.CorrectiveAction == nil })
		return simulation.FirstAccepted[*types.MsgRecordCorrectiveAction](s.Search, rs, "no deviating CCP record lacks a corrective action", func(r types.CcpRecord) ([]string, func(string) sdk.Msg) {
			f, err := k.Facilities.Get(s.Ctx, r.FacilityId)
			if err != nil {
				return nil, nil
			}
			return s.Signers(append([]string{r.RecordedBy}, s.members(f)...), false), func(addr string) sdk.Msg {
				return &types.MsgRecordCorrectiveAction{Signer: addr, RecordId: r.Id, ActionDigest: simulation.RandomDigest(s.R)}
			}
		})
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
		now := truncNow(s)
		certifiers := s.Signers(nil, true)
		return simulation.FirstAccepted[*types.MsgIssueCertificate](s.Search, fs, "no facility", func(f types.Facility) ([]string, func(string) sdk.Msg) {
			certNo := fmt.Sprintf("HACCP-%08d", s.R.Intn(100_000_000))
			if has, _ := k.Certificates.Has(s.Ctx, certNo); has {
				return nil, nil
			}
			return certifiers, func(addr string) sdk.Msg {
				return &types.MsgIssueCertificate{
					Certifier: addr, CertNo: certNo, FacilityId: f.Id, Scope: randomScope(s),
					ValidFrom: now, ValidUntil: now.AddDate(1+s.R.Intn(3), 0, 0),
				}
			}
		})
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
		return simulation.FirstAccepted[M](s.Search, cs, fmt.Sprintf("no certificate is %v", statuses), func(c types.Certificate) ([]string, func(string) sdk.Msg) {
			return s.Signers([]string{c.Certifier}, true), func(addr string) sdk.Msg {
				return build(s, c, addr)
			}
		})
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
			At: truncNow(s), Result: types.AuditResult(1 + s.R.Intn(3)), ReportDigest: simulation.RandomDigest(s.R), //nolint:gosec // small
		}}
	})
}

// MsgIssueRecallFactory recalls a facility's products (and sometimes a few lots), signed
// by a simulation account holding haccp.certifier or haccp.inspector.
func MsgIssueRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgIssueRecall] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgIssueRecall) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, nil)
		recallers := s.Signers(nil, true)
		return simulation.FirstAccepted[*types.MsgIssueRecall](s.Search, fs, "no facility", func(f types.Facility) ([]string, func(string) sdk.Msg) {
			var lots []string
			if s.R.Intn(2) == 0 {
				lots = []string{fmt.Sprintf("LOT-%06d", s.R.Intn(500_000)), fmt.Sprintf("LOT-%06d", 500_000+s.R.Intn(500_000))}
			}
			return recallers, func(addr string) sdk.Msg {
				return &types.MsgIssueRecall{
					Signer: addr, Class: types.RecallClass(1 + s.R.Intn(3)), ReasonCode: randomReason(s), //nolint:gosec // small
					Lots: lots, FacilityId: f.Id,
				}
			}
		})
	})
}

// MsgCloseRecallFactory closes an active recall, signed by a recaller of its agency.
func MsgCloseRecallFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCloseRecall] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgCloseRecall) {
		rs := simulation.Sample(s.Search, k.Recalls, nil, func(r types.Recall) bool { return r.Active })
		return simulation.FirstAccepted[*types.MsgCloseRecall](s.Search, rs, "no recall is active", func(r types.Recall) ([]string, func(string) sdk.Msg) {
			return s.Signers([]string{r.IssuedBy}, true), func(addr string) sdk.Msg {
				return &types.MsgCloseRecall{Signer: addr, RecallId: r.Id}
			}
		})
	})
}

var (
	countries = []string{"AU", "CA", "CL", "NZ", "US"}
	products  = []string{"Frozen beef", "Salmon fillet", "Cheddar cheese", "Canned tuna", "Soy sauce"}
)

// MsgReceiveHygieneCertFactory receives a foreign hygiene certificate with a fresh number
// for an IMPORTER facility, signed by a simulation account x/agency lets receive it
// (haccp.customs).
func MsgReceiveHygieneCertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReceiveHygieneCert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgReceiveHygieneCert) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, func(f types.Facility) bool { return f.Type == types.FacilityTypeImporter })
		if len(fs) == 0 {
			return simulation.Done[*types.MsgReceiveHygieneCert](s.Search, "", nil, false, "no IMPORTER facility")
		}
		importer := fs[s.R.Intn(len(fs))].Id
		country := countries[s.R.Intn(len(countries))]
		certNo := fmt.Sprintf("HC-%08d", s.R.Intn(100_000_000))
		addr, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
			return &types.MsgReceiveHygieneCert{
				Signer: addr, Country: country, CertNo: certNo, IssuingAuthority: "Sim Veterinary Authority",
				Product: products[s.R.Intn(len(products))], Lot: fmt.Sprintf("LOT-%06d", s.R.Intn(1_000_000)),
				DocumentDigest: simulation.RandomDigest(s.R), ImporterFacilityId: importer,
			}
		})
		return simulation.Done[*types.MsgReceiveHygieneCert](s.Search, addr, msg, ok, "")
	})
}

// MsgVerifyHygieneCertFactory verifies (nine times in ten) or rejects a RECEIVED hygiene
// certificate, signed by an inspector.
func MsgVerifyHygieneCertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgVerifyHygieneCert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgVerifyHygieneCert) {
		hs := simulation.Sample(s.Search, k.HygieneCerts, nil, func(h types.HygieneCertificate) bool { return h.Status == types.HygieneCertStatusReceived })
		inspectors := s.Signers(nil, true)
		return simulation.FirstAccepted[*types.MsgVerifyHygieneCert](s.Search, hs, "no hygiene certificate is RECEIVED", func(h types.HygieneCertificate) ([]string, func(string) sdk.Msg) {
			verified := s.R.Intn(10) != 0
			return inspectors, func(addr string) sdk.Msg {
				m := &types.MsgVerifyHygieneCert{Inspector: addr, Country: h.Country, CertNo: h.CertNo, Verified: verified}
				if !verified {
					m.ReasonCode = randomReason(s)
				}
				return m
			}
		})
	})
}

// randomItem is an import line for the product and lot of a hygiene certificate.
func randomItem(s *search, h types.HygieneCertificate) types.ImportItem {
	it := types.ImportItem{
		Product: h.Product, OriginCountry: h.Country, Lot: h.Lot,
		Quantity: 1 + uint64(s.R.Intn(10_000)), Unit: types.Units[s.R.Intn(len(types.Units))], //nolint:gosec // positive
		HsCode: "160414",
	}
	if s.R.Intn(3) == 0 {
		it.HsCode = "020130"
		it.LivestockTraceNo = fmt.Sprintf("%012d", s.R.Int63n(1_000_000_000_000))
	}
	return it
}

// MsgDeclareImportFactory declares an import against a usable hygiene certificate into the
// IMPORTER facility it names, signed by the facility's operator or staff.
func MsgDeclareImportFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeclareImport] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgDeclareImport) {
		hs := simulation.Sample(s.Search, k.HygieneCerts, nil, func(h types.HygieneCertificate) bool {
			return (h.Status == types.HygieneCertStatusReceived || h.Status == types.HygieneCertStatusVerified) && h.HeldBy == ""
		})
		return simulation.FirstAccepted[*types.MsgDeclareImport](s.Search, hs, "no usable hygiene certificate", func(h types.HygieneCertificate) ([]string, func(string) sdk.Msg) {
			f, err := k.Facilities.Get(s.Ctx, h.ImporterFacilityId)
			if err != nil {
				return nil, nil
			}
			declNo := fmt.Sprintf("IMP-%08d", s.R.Intn(100_000_000))
			return s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgDeclareImport{
					Signer: addr, DeclNo: declNo, ImporterFacilityId: f.Id, Items: []types.ImportItem{randomItem(s, h)},
					HygieneCertCountry: h.Country, HygieneCertNo: h.CertNo,
				}
			}
		})
	})
}

// declFactory builds the factories of the agency messages that act on one declaration
// that passes keep.
func declFactory[M sdk.Msg](k keeper.Keeper, none string, keep func(types.ImportDeclaration) bool, build func(s *search, d types.ImportDeclaration, addr string) M) simsx.SimMsgFactoryFn[M] {
	return factory(k, func(s *search) ([]simsx.SimAccount, M) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, keep)
		signers := s.Signers(nil, true)
		return simulation.FirstAccepted[M](s.Search, ds, none, func(d types.ImportDeclaration) ([]string, func(string) sdk.Msg) {
			return signers, func(addr string) sdk.Msg { return build(s, d, addr) }
		})
	})
}

// MsgStartInspectionFactory starts the inspection of a DECLARED declaration (an inspector).
func MsgStartInspectionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgStartInspection] {
	return declFactory(k, "no declaration is DECLARED",
		func(d types.ImportDeclaration) bool { return d.Status == types.DeclarationStatusDeclared },
		func(_ *search, d types.ImportDeclaration, addr string) *types.MsgStartInspection {
			return &types.MsgStartInspection{Inspector: addr, DeclNo: d.DeclNo}
		})
}

// MsgRecordInspectionFactory records PASS (four times in five) or FAIL for a declaration
// under inspection (an inspector).
func MsgRecordInspectionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordInspection] {
	return declFactory(k, "no declaration awaits an inspection result",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection != types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgRecordInspection {
			res := types.InspectionResultPass
			if s.R.Intn(5) == 0 {
				res = types.InspectionResultFail
			}
			return &types.MsgRecordInspection{Inspector: addr, DeclNo: d.DeclNo, Result: res, ReportDigest: simulation.RandomDigest(s.R)}
		})
}

// MsgClearDeclarationFactory clears a declaration that passed inspection (customs).
func MsgClearDeclarationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClearDeclaration] {
	return declFactory(k, "no declaration passed inspection",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection == types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgClearDeclaration {
			return &types.MsgClearDeclaration{Customs: addr, DeclNo: d.DeclNo, CustomsRef: fmt.Sprintf("CUS-%010d", s.R.Int63n(10_000_000_000))}
		})
}

// MsgRefuseClearanceFactory refuses clearance of a declaration that passed inspection
// (customs).
func MsgRefuseClearanceFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRefuseClearance] {
	return declFactory(k, "no declaration passed inspection",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection == types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgRefuseClearance {
			return &types.MsgRefuseClearance{Customs: addr, DeclNo: d.DeclNo, ReasonCode: randomReason(s)}
		})
}

// MsgWithdrawDeclarationFactory withdraws a DECLARED or INSPECTING declaration, signed by
// the importer facility's operator or staff.
func MsgWithdrawDeclarationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdrawDeclaration] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgWithdrawDeclaration) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusDeclared || d.Status == types.DeclarationStatusInspecting
		})
		return simulation.FirstAccepted[*types.MsgWithdrawDeclaration](s.Search, ds, "no declaration is DECLARED or INSPECTING", func(d types.ImportDeclaration) ([]string, func(string) sdk.Msg) {
			f, err := k.Facilities.Get(s.Ctx, d.ImporterFacilityId)
			if err != nil {
				return nil, nil
			}
			return s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgWithdrawDeclaration{Signer: addr, DeclNo: d.DeclNo}
			}
		})
	})
}

// MsgShareImportConfirmationFactory shares a CLEARED or RECALLED declaration with a
// partner, disclosing a random non-empty subset of the fields and committing to the rest
// by digest, signed by the importer facility's operator or staff.
func MsgShareImportConfirmationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgShareImportConfirmation] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgShareImportConfirmation) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusCleared || d.Status == types.DeclarationStatusRecalled
		})
		return simulation.FirstAccepted[*types.MsgShareImportConfirmation](s.Search, ds, "no declaration is CLEARED or RECALLED", func(d types.ImportDeclaration) ([]string, func(string) sdk.Msg) {
			f, err := k.Facilities.Get(s.Ctx, d.ImporterFacilityId)
			if err != nil {
				return nil, nil
			}
			var disclose []types.ShareField
			var undisclosed []types.SharedValue
			for n := types.ShareFieldItems; n <= types.ShareFieldInspection; n++ {
				if s.R.Intn(2) == 0 {
					disclose = append(disclose, n)
				} else {
					undisclosed = append(undisclosed, types.SharedValue{Field: n, Digest: simulation.RandomDigest(s.R)})
				}
			}
			if len(disclose) == 0 {
				disclose, undisclosed = []types.ShareField{undisclosed[0].Field}, undisclosed[1:]
			}
			partner := fmt.Sprintf("did:civic:partner%d", s.R.Intn(1000))
			return s.Signers(append([]string{d.DeclaredBy}, s.members(f)...), false), func(addr string) sdk.Msg {
				return &types.MsgShareImportConfirmation{Signer: addr, DeclNo: d.DeclNo, Partner: partner, Disclose: disclose, Undisclosed: undisclosed}
			}
		})
	})
}

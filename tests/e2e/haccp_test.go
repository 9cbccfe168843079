package e2e

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"
	"time"

	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// The x/haccp worked example of x/haccp/README.md ("Worked example") and of
// the README's "Food safety from the CLI (x/haccp)" section, run through the
// real civicd against a chain built from config.yml: the Ministry of Food and
// Drug Safety (agency mfds: haccp.certifier, haccp.inspector) and the Korea
// Customs Service (agency kcs: haccp.customs) with an importer's operator
// (importer-op, no agency). The importer registers an IMPORTER facility, the
// certifier issues its HACCP certificate, customs receives an Australian
// hygiene certificate and the inspector verifies it, the importer declares a
// beef import (HS 020130 with a livestock trace number), the inspector passes
// it, customs clears it, the inspector recalls it and closes the recall.
// Between the steps it checks the refusals: a second declaration on a held
// hygiene certificate (30), clearance before inspection (38) and an invalid
// livestock trace number (34); and the way out of a declaration whose hygiene
// certificate was rejected after it passed inspection: customs refuses
// clearance (REJECTED).

const (
	haccpCodespace = haccptypes.ModuleName
	haccpImporter  = "importer-op"    // operator of the IMPORTER facility
	haccpCertifier = "mfds-certifier" // mfds, haccp.certifier
	haccpInspector = "mfds-inspector" // mfds, haccp.inspector
	haccpCustoms   = "kcs-officer"    // kcs, haccp.customs

	haccpCertNo    = "HACCP-2026-0417"
	hygieneCountry = "AU"
	hygieneCertNo  = "AU-VHC-2026-88123"
	hygieneCertNo2 = "AU-VHC-2026-88124"
	beefLot        = "AU-LOT-260417"
	beefLot2       = "AU-LOT-260418"
	traceNo        = "L12026041700001" // bundle number: "L" + 14 digits
	declNo         = "IMP-2026-000417"
	declNo2        = "IMP-2026-000418"
	customsRef     = "KCS-26-0417-000123"
	customsRef2    = "KCS-26-0418-000124"
)

// haccpDeclaration is the REST JSON of an ImportDeclaration.
type haccpDeclaration struct {
	DeclNo             string `json:"decl_no"`
	ImporterFacilityID string `json:"importer_facility_id"`
	HygieneCertCountry string `json:"hygiene_cert_country"`
	HygieneCertNo      string `json:"hygiene_cert_no"`
	CustomsRef         string `json:"customs_ref"`
	Inspection         string `json:"inspection"`
	Status             string `json:"status"`
	RecallID           string `json:"recall_id"`
	Items              []struct {
		HsCode           string `json:"hs_code"`
		Lot              string `json:"lot"`
		LivestockTraceNo string `json:"livestock_trace_no"`
	} `json:"items"`
}

// haccpExample is the state the steps of the worked example share.
type haccpExample struct {
	facilityID string
	recallID   string
}

func TestHaccp(t *testing.T) {
	c, run := startExample(t, "haccp e2e")
	ex := &haccpExample{}
	run("register importer facility", func(t *testing.T) { haccpRegisterFacility(t, c, ex) })
	run("issue HACCP certificate", func(t *testing.T) { haccpIssueCertificate(t, c, ex) })
	run("receive and verify hygiene cert", func(t *testing.T) { haccpHygieneCert(t, c, ex) })
	run("declare imports", func(t *testing.T) { haccpDeclare(t, c, ex) })
	run("clearance before inspection", func(t *testing.T) { haccpClearBeforeInspection(t, c) })
	run("inspect and clear", func(t *testing.T) { haccpInspectAndClear(t, c) })
	run("lookups over REST", func(t *testing.T) { haccpLookups(t, c) })
	run("refuse clearance", func(t *testing.T) { haccpRefuseClearance(t, c) })
	run("recall", func(t *testing.T) { haccpRecall(t, c, ex) })
	run("close recall", func(t *testing.T) { haccpCloseRecall(t, c, ex) })
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

func haccpRegisterFacility(t *testing.T, c *chain, ex *haccpExample) {
	res := c.tx(haccpImporter, "tx", "haccp", "register-facility",
		sha256Hex("business registration 220-81-62517"), "importer", "Hanbit Foods Import", "11110")
	ex.facilityID = res.attr("civic.haccp.v1.EventFacilityRegistered", "facility_id")
	if ex.facilityID == "" {
		t.Fatalf("no EventFacilityRegistered.facility_id: %s", res.RawLog)
	}
	mustEqual(t, "EventFacilityRegistered.type", res.attr("civic.haccp.v1.EventFacilityRegistered", "type"), "FACILITY_TYPE_IMPORTER")

	var f struct {
		Facility struct {
			ID       string `json:"id"`
			Operator string `json:"operator"`
			Type     string `json:"type"`
		} `json:"facility"`
	}
	c.restGet("/civic/haccp/v1/facilities/"+ex.facilityID, &f)
	mustEqual(t, "facility operator", f.Facility.Operator, c.addr(haccpImporter))
	mustEqual(t, "facility type", f.Facility.Type, "FACILITY_TYPE_IMPORTER")
}

func haccpIssueCertificate(t *testing.T, c *chain, ex *haccpExample) {
	now := time.Now().UTC()
	from := now.Add(-time.Hour).Format(time.RFC3339)
	until := now.AddDate(3, 0, 0).Format(time.RFC3339)
	res := c.tx(haccpCertifier, "tx", "haccp", "issue-certificate", haccpCertNo, ex.facilityID, from, until, "meat.beef")
	mustEqual(t, "EventCertificateChanged.action", res.attr("civic.haccp.v1.EventCertificateChanged", "action"), "CERTIFICATE_ACTION_ISSUED")
	mustEqual(t, "EventCertificateChanged.agency_id", res.attr("civic.haccp.v1.EventCertificateChanged", "agency_id"), "mfds")

	var cert struct {
		Certificate struct {
			Status   string `json:"status"`
			AgencyID string `json:"agency_id"`
			Version  string `json:"version"`
		} `json:"certificate"`
		EffectiveStatus string `json:"effective_status"`
	}
	c.restGet("/civic/haccp/v1/certificates/"+haccpCertNo, &cert)
	mustEqual(t, "effective_status", cert.EffectiveStatus, "CERTIFICATE_STATUS_ACTIVE")
	mustEqual(t, "certifying agency", cert.Certificate.AgencyID, "mfds")

	var valid struct {
		Valid   bool   `json:"valid"`
		Status  string `json:"status"`
		Version string `json:"version"`
		Reason  string `json:"reason"`
	}
	c.restGet("/civic/haccp/v1/certificates/"+haccpCertNo+"/valid", &valid)
	if !valid.Valid {
		t.Fatalf("IsCertValid now: %+v", valid)
	}
	mustEqual(t, "IsCertValid version", valid.Version, "1")
	// Before valid_from it was not valid (not issued yet at that time).
	before := url.QueryEscape(now.Add(-2 * time.Hour).Format(time.RFC3339))
	c.restGet("/civic/haccp/v1/certificates/"+haccpCertNo+"/valid?at="+before, &valid)
	if valid.Valid {
		t.Fatalf("IsCertValid before issue: %+v", valid)
	}
}

func haccpHygieneCert(t *testing.T, c *chain, ex *haccpExample) {
	// Each certificate names its lot and its consignee, the importer's facility.
	res := c.tx(haccpCustoms, "tx", "haccp", "receive-hygiene-cert", hygieneCountry, hygieneCertNo,
		"Department of Agriculture, Fisheries and Forestry", "Chilled boneless beef", beefLot,
		sha256Hex("AU veterinary health certificate AU-VHC-2026-88123"), ex.facilityID)
	mustEqual(t, "EventHygieneCertChanged.status", res.attr("civic.haccp.v1.EventHygieneCertChanged", "status"), "HYGIENE_CERT_STATUS_RECEIVED")
	c.tx(haccpCustoms, "tx", "haccp", "receive-hygiene-cert", hygieneCountry, hygieneCertNo2,
		"Department of Agriculture, Fisheries and Forestry", "Chilled boneless beef", beefLot2,
		sha256Hex("AU veterinary health certificate AU-VHC-2026-88124"), ex.facilityID)

	res = c.tx(haccpInspector, "tx", "haccp", "verify-hygiene-cert", hygieneCountry, hygieneCertNo, "true")
	mustEqual(t, "EventHygieneCertChanged.status", res.attr("civic.haccp.v1.EventHygieneCertChanged", "status"), "HYGIENE_CERT_STATUS_VERIFIED")

	var h struct {
		Certificate struct {
			Status   string `json:"status"`
			AgencyID string `json:"agency_id"`
		} `json:"certificate"`
	}
	c.restGet("/civic/haccp/v1/hygiene-certificates/"+hygieneCountry+"/"+hygieneCertNo, &h)
	mustEqual(t, "hygiene cert status", h.Certificate.Status, "HYGIENE_CERT_STATUS_VERIFIED")
	mustEqual(t, "hygiene cert received by agency", h.Certificate.AgencyID, "kcs")
}

// beefItem is one import item of HS 020130 (fresh or chilled boneless bovine
// meat, chapter 02: it needs a livestock trace number) as autocli's JSON.
func beefItem(lot, trace string) string {
	raw, _ := json.Marshal(map[string]any{
		"product":            "Chilled boneless beef",
		"hs_code":            "020130",
		"origin_country":     "AU",
		"lot":                lot,
		"quantity":           "1200",
		"unit":               "KG",
		"livestock_trace_no": trace,
	})
	return string(raw)
}

func haccpDeclare(t *testing.T, c *chain, ex *haccpExample) {
	res := c.tx(haccpImporter, "tx", "haccp", "declare-import", declNo, ex.facilityID, hygieneCountry, hygieneCertNo,
		beefItem(beefLot, traceNo))
	mustEqual(t, "EventDeclarationChanged.to", res.attr("civic.haccp.v1.EventDeclarationChanged", "to"), "DECLARATION_STATUS_DECLARED")

	// A second declaration on the certificate the first one holds: haccp 30.
	res = c.txFixedGas(haccpImporter, 400000, "tx", "haccp", "declare-import", declNo2, ex.facilityID, hygieneCountry, hygieneCertNo,
		beefItem(beefLot, traceNo))
	mustReject(t, "second declaration on a held hygiene cert", res, haccpCodespace, haccptypes.ErrHygieneCertUnusable.ABCICode())
	c.tx(haccpImporter, "tx", "haccp", "declare-import", declNo2, ex.facilityID, hygieneCountry, hygieneCertNo2,
		beefItem(beefLot2, traceNo))

	// A trace number that is neither 12 digits nor "L" + 14 digits: haccp 34.
	res = c.txFixedGas(haccpImporter, 400000, "tx", "haccp", "declare-import", "IMP-2026-000419", ex.facilityID,
		hygieneCountry, hygieneCertNo2, beefItem(beefLot2, "L1202604170"))
	mustReject(t, "declare with an invalid trace number", res, haccpCodespace, haccptypes.ErrInvalidTraceNumber.ABCICode())
}

func haccpClearBeforeInspection(t *testing.T, c *chain) {
	res := c.txFixedGas(haccpCustoms, 400000, "tx", "haccp", "clear-declaration", declNo2, customsRef2)
	mustReject(t, "clear before inspection", res, haccpCodespace, haccptypes.ErrInspectionRequired.ABCICode())
}

func haccpInspectAndClear(t *testing.T, c *chain) {
	res := c.tx(haccpInspector, "tx", "haccp", "start-inspection", declNo)
	mustEqual(t, "start-inspection to", res.attr("civic.haccp.v1.EventDeclarationChanged", "to"), "DECLARATION_STATUS_INSPECTING")
	res = c.tx(haccpInspector, "tx", "haccp", "record-inspection", declNo, "pass",
		sha256Hex("inspection report IMP-2026-000417"))
	mustEqual(t, "record-inspection inspection", res.attr("civic.haccp.v1.EventDeclarationChanged", "inspection"), "INSPECTION_RESULT_PASS")

	res = c.tx(haccpCustoms, "tx", "haccp", "clear-declaration", declNo, customsRef)
	mustEqual(t, "clear to", res.attr("civic.haccp.v1.EventDeclarationChanged", "to"), "DECLARATION_STATUS_CLEARED")
	mustEqual(t, "clear customs_ref", res.attr("civic.haccp.v1.EventDeclarationChanged", "customs_ref"), customsRef)

	var h struct {
		Certificate struct {
			Status string `json:"status"`
			UsedBy string `json:"used_by"`
		} `json:"certificate"`
	}
	c.restGet("/civic/haccp/v1/hygiene-certificates/"+hygieneCountry+"/"+hygieneCertNo, &h)
	mustEqual(t, "hygiene cert status after clearance", h.Certificate.Status, "HYGIENE_CERT_STATUS_USED")
	mustEqual(t, "hygiene cert used_by", h.Certificate.UsedBy, declNo)
}

func haccpLookups(t *testing.T, c *chain) {
	var byRef struct {
		Declaration haccpDeclaration `json:"declaration"`
	}
	c.restGet("/civic/haccp/v1/customs/"+customsRef+"/declaration", &byRef)
	mustEqual(t, "DeclarationByCustomsRef decl_no", byRef.Declaration.DeclNo, declNo)
	mustEqual(t, "DeclarationByCustomsRef status", byRef.Declaration.Status, "DECLARATION_STATUS_CLEARED")
	mustEqual(t, "DeclarationByCustomsRef inspection", byRef.Declaration.Inspection, "INSPECTION_RESULT_PASS")

	var byTrace struct {
		Declarations []haccpDeclaration `json:"declarations"`
	}
	c.restGet("/civic/haccp/v1/livestock/"+traceNo+"/declarations", &byTrace)
	var nos []string
	for _, d := range byTrace.Declarations {
		nos = append(nos, d.DeclNo)
	}
	mustEqualSlices(t, "DeclarationsByTraceNumber", nos, []string{declNo, declNo2})

	if status, body := c.restRaw("/civic/haccp/v1/customs/KCS-NO-SUCH-REF/declaration"); status == 200 {
		t.Fatalf("unknown customs_ref answered 200: %s", body)
	}
}

// haccpRefuseClearance: declNo2 passes inspection, then its hygiene
// certificate is rejected, so it can never be cleared (haccp 30); customs
// refuses clearance and the declaration is REJECTED instead of stuck.
func haccpRefuseClearance(t *testing.T, c *chain) {
	c.tx(haccpInspector, "tx", "haccp", "start-inspection", declNo2)
	c.tx(haccpInspector, "tx", "haccp", "record-inspection", declNo2, "pass",
		sha256Hex("inspection report IMP-2026-000418"))
	c.tx(haccpInspector, "tx", "haccp", "verify-hygiene-cert", hygieneCountry, hygieneCertNo2, "false", "--reason-code", "SEAL_MISMATCH")
	res := c.txFixedGas(haccpCustoms, 400000, "tx", "haccp", "clear-declaration", declNo2, customsRef2)
	mustReject(t, "clearance with a rejected hygiene cert", res, haccpCodespace, haccptypes.ErrHygieneCertUnusable.ABCICode())

	res = c.tx(haccpCustoms, "tx", "haccp", "refuse-clearance", declNo2, "HYGIENE_CERT_REJECTED")
	mustEqual(t, "refuse-clearance to", res.attr("civic.haccp.v1.EventDeclarationChanged", "to"), "DECLARATION_STATUS_REJECTED")
	var d struct {
		Declaration haccpDeclaration `json:"declaration"`
	}
	c.restGet("/civic/haccp/v1/declarations/"+declNo2, &d)
	mustEqual(t, "refused declaration status", d.Declaration.Status, "DECLARATION_STATUS_REJECTED")
}

type isRecalled struct {
	Recalled  bool     `json:"recalled"`
	RecallIDs []string `json:"recall_ids"`
}

func haccpRecall(t *testing.T, c *chain, ex *haccpExample) {
	res := c.tx(haccpInspector, "tx", "haccp", "issue-recall", "i", "EHEC_O157_DETECTED",
		"--declaration-nos", declNo)
	ex.recallID = res.attr("civic.haccp.v1.EventRecallIssued", "id")
	if _, err := strconv.ParseUint(ex.recallID, 10, 64); err != nil {
		t.Fatalf("EventRecallIssued.id %q: %s", ex.recallID, res.RawLog)
	}
	mustEqual(t, "EventRecallIssued.agency_id", res.attr("civic.haccp.v1.EventRecallIssued", "agency_id"), "mfds")

	var d struct {
		Declaration haccpDeclaration `json:"declaration"`
	}
	c.restGet("/civic/haccp/v1/declarations/"+declNo, &d)
	mustEqual(t, "recalled declaration status", d.Declaration.Status, "DECLARATION_STATUS_RECALLED")
	mustEqual(t, "recalled declaration recall_id", d.Declaration.RecallID, ex.recallID)

	var r isRecalled
	c.restGet("/civic/haccp/v1/lots/"+beefLot+"/recalled", &r)
	if !r.Recalled {
		t.Fatalf("IsRecalled(%s) after the recall: %+v", beefLot, r)
	}
	mustEqualSlices(t, "recall ids", r.RecallIDs, []string{ex.recallID})
	// The other declaration's lot is not named by the recall.
	c.restGet("/civic/haccp/v1/lots/"+beefLot2+"/recalled", &r)
	if r.Recalled {
		t.Fatalf("IsRecalled(%s): %+v", beefLot2, r)
	}
}

func haccpCloseRecall(t *testing.T, c *chain, ex *haccpExample) {
	res := c.tx(haccpInspector, "tx", "haccp", "close-recall", ex.recallID)
	mustEqual(t, "EventRecallClosed.id", res.attr("civic.haccp.v1.EventRecallClosed", "id"), ex.recallID)

	var r isRecalled
	c.restGet("/civic/haccp/v1/lots/"+beefLot+"/recalled", &r)
	if r.Recalled {
		t.Fatalf("IsRecalled(%s) after closing: %+v", beefLot, r)
	}
	var d struct {
		Declaration haccpDeclaration `json:"declaration"`
	}
	c.restGet("/civic/haccp/v1/declarations/"+declNo, &d)
	mustEqual(t, "declaration stays RECALLED", d.Declaration.Status, "DECLARATION_STATUS_RECALLED")
}

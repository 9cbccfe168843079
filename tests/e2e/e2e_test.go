package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/docs/openapi"
	"github.com/civicchain/civic/docs/openapi/openapicheck"
	testchain "github.com/civicchain/civic/testutil/chain"
)

// The REST (grpc-gateway) JSON of the civic types the test reads.
type agency struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Admin        string    `json:"admin"`
	Roles        []string  `json:"roles"`
	Status       string    `json:"status"`
	RegisteredAt time.Time `json:"registered_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

type member struct {
	AgencyID string   `json:"agency_id"`
	Address  string   `json:"address"`
	Roles    []string `json:"roles"`
}

type evidenceCase struct {
	ID            string `json:"id"`
	AgencyID      string `json:"agency_id"`
	Status        string `json:"status"`
	EvidenceCount string `json:"evidence_count"`
}

type evidenceItem struct {
	ID              string `json:"id"`
	CaseID          string `json:"case_id"`
	Digest          string `json:"digest"`
	Custodian       string `json:"custodian"`
	CustodianAgency string `json:"custodian_agency"`
	Status          string `json:"status"`
}

type custodyEvent struct {
	Seq        string `json:"seq"`
	Action     string `json:"action"`
	Actor      string `json:"actor"`
	AgencyID   string `json:"agency_id"`
	FromStatus string `json:"from_status"`
	ToStatus   string `json:"to_status"`
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestConfigRolesAreInTheCatalog keeps config.yml in step with the role
// catalog the app wires (a role the chain does not know fails InitGenesis).
func TestConfigRolesAreInTheCatalog(t *testing.T) {
	cfg := testchain.LoadConfig(t)
	known := map[string]bool{}
	for _, r := range app.ServiceRoles() {
		known[r.Name] = true
	}
	for _, a := range cfg.Agencies {
		for _, r := range a.Roles {
			if !known[r] {
				t.Errorf("config.yml agency %q has role %q, which is not in app.ServiceRoles()", a.ID, r)
			}
		}
	}
}

func TestLocalnet(t *testing.T) {
	c, run := startExample(t, "e2e")
	run("genesis agencies over REST", func(t *testing.T) { genesisAgencies(t, c) })
	run("onboard agency by proposal", func(t *testing.T) { onboardAgency(t, c) })
	run("admin adds a member", func(t *testing.T) { addMember(t, c) })
	var evidenceID string
	run("chain of custody", func(t *testing.T) { evidenceID = chainOfCustody(t, c) })
	run("rejected transactions", func(t *testing.T) { rejectedTxs(t, c, evidenceID) })
	run("OpenAPI document", func(t *testing.T) { openAPI(t, c) })
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
	run("export", func(t *testing.T) { export(t, c) })
}

func genesisAgencies(t *testing.T, c *chain) {
	raw, err := os.ReadFile(filepath.Join(c.Net.Home, "config", "genesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gen struct {
		GenesisTime time.Time `json:"genesis_time"`
	}
	if err := json.Unmarshal(raw, &gen); err != nil {
		t.Fatal(err)
	}

	var list struct {
		Agencies []agency `json:"agencies"`
	}
	c.restGet("/civic/agency/v1/agencies", &list)
	var ids []string
	for _, a := range list.Agencies {
		ids = append(ids, a.ID)
	}
	var want []string
	for _, a := range c.Cfg.Agencies {
		want = append(want, a.ID)
	}
	slices.Sort(want)
	mustEqualSlices(t, "agency ids (ordered by id)", ids, want)

	for _, a := range list.Agencies {
		cf, _ := c.Cfg.Agency(a.ID)
		wantRoles := slices.Sorted(slices.Values(cf.Roles))
		mustEqual(t, a.ID+" name", a.Name, cf.Name)
		mustEqual(t, a.ID+" admin", a.Admin, c.addr(cf.Admin))
		mustEqualSlices(t, a.ID+" roles (sorted)", a.Roles, wantRoles)
		mustEqual(t, a.ID+" status", a.Status, "AGENCY_STATUS_ACTIVE")
		if !a.RegisteredAt.Equal(gen.GenesisTime) || !a.UpdatedAt.Equal(gen.GenesisTime) {
			t.Fatalf("%s: registered_at %s updated_at %s, want genesis time %s", a.ID, a.RegisteredAt, a.UpdatedAt, gen.GenesisTime)
		}
	}

	var one struct {
		Agency agency `json:"agency"`
	}
	c.restGet("/civic/agency/v1/agencies/knpa", &one)
	mustEqual(t, "knpa name", one.Agency.Name, "National Police Agency")
	mustEqual(t, "knpa admin", one.Agency.Admin, c.addr("knpa-admin"))

	var members struct {
		Members []member `json:"members"`
	}
	c.restGet("/civic/agency/v1/agencies/knpa/members", &members)
	got := map[string][]string{}
	for _, m := range members.Members {
		got[m.Address] = m.Roles
	}
	mustEqualSlices(t, "knpa-investigator roles", got[c.addr("knpa-investigator")], []string{"evidence.investigator"})
	mustEqualSlices(t, "knpa-custodian roles", got[c.addr("knpa-custodian")], []string{"evidence.custodian"})

	if status, body := c.restRaw("/civic/agency/v1/agencies/nope"); status == 200 {
		t.Fatalf("unknown agency answered 200: %s", body)
	}
}

func onboardAgency(t *testing.T, c *chain) {
	var modAcc struct {
		Account json.RawMessage `json:"account"`
	}
	c.queryJSON(&modAcc, "query", "auth", "module-account", "gov")
	govAddr := findAddress(modAcc.Account)
	if !strings.HasPrefix(govAddr, "civic1") {
		t.Fatalf("no gov module address in %s", modAcc.Account)
	}

	proposal := map[string]any{
		"messages": []any{map[string]any{
			"@type":     "/civic.agency.v1.MsgRegisterAgency",
			"authority": govAddr,
			"id":        "kcg",
			"name":      "Korea Coast Guard",
			"admin":     c.addr("kcg-admin"),
			"roles":     []string{"evidence.investigator", "evidence.custodian"},
		}},
		"metadata":  "",
		"deposit":   c.Cfg.Gov.ExpeditedMinDeposit,
		"title":     "Onboard the Korea Coast Guard",
		"summary":   "Register kcg with the investigator and custodian roles of digital evidence.",
		"expedited": true,
	}
	path := writeJSON(t, "proposal.json", proposal)
	submitted := time.Now()
	res := c.tx("citizen", "tx", "gov", "submit-proposal", path)
	id := res.attr("submit_proposal", "proposal_id")
	if id == "" {
		t.Fatalf("no proposal_id in the submit_proposal event: %+v", res.Events)
	}
	c.tx("validator", "tx", "gov", "vote", id, "yes")

	var last string
	c.eventually(c.Cfg.Gov.VotingPeriod.Std()+30*time.Second, 500*time.Millisecond, "proposal "+id+" to pass", func() error {
		var p struct {
			Proposal struct {
				Status       string `json:"status"`
				FailedReason string `json:"failed_reason"`
			} `json:"proposal"`
		}
		c.restGet("/cosmos/gov/v1/proposals/"+id, &p)
		last = p.Proposal.Status
		switch p.Proposal.Status {
		case "PROPOSAL_STATUS_PASSED":
			return nil
		case "PROPOSAL_STATUS_REJECTED", "PROPOSAL_STATUS_FAILED":
			t.Fatalf("proposal %s ended %s: %s", id, p.Proposal.Status, p.Proposal.FailedReason)
		}
		return fmt.Errorf("status %s", p.Proposal.Status)
	})
	t.Logf("proposal %s %s %s after submission (expedited voting period %s)",
		id, last, time.Since(submitted).Round(time.Second), c.Cfg.Gov.ExpeditedVotingPeriod.Std())

	var one struct {
		Agency agency `json:"agency"`
	}
	c.restGet("/civic/agency/v1/agencies/kcg", &one)
	mustEqual(t, "kcg status", one.Agency.Status, "AGENCY_STATUS_ACTIVE")
	mustEqual(t, "kcg admin", one.Agency.Admin, c.addr("kcg-admin"))
	mustEqualSlices(t, "kcg roles", one.Agency.Roles, []string{"evidence.custodian", "evidence.investigator"})
}

// findAddress returns the first "address" string in a JSON document (the
// module account's JSON differs between output formats).
func findAddress(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	var walk func(v any) string
	walk = func(v any) string {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["address"].(string); ok {
				return s
			}
			for _, y := range x {
				if s := walk(y); s != "" {
					return s
				}
			}
		case []any:
			for _, y := range x {
				if s := walk(y); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(v)
}

func addMember(t *testing.T, c *chain) {
	investigator := c.addr("kcg-investigator")
	// Step 1: the admin offers; the account is not a member until it accepts.
	c.tx("kcg-admin", "tx", "agency", "add-member", "kcg", investigator, "--roles", "evidence.investigator")
	var offers struct {
		Offers []struct {
			Address string   `json:"address"`
			Roles   []string `json:"roles"`
		} `json:"offers"`
	}
	c.restGet("/civic/agency/v1/agencies/kcg/membership-offers", &offers)
	if len(offers.Offers) != 1 || offers.Offers[0].Address != investigator {
		t.Fatalf("membership offers of kcg: %+v", offers)
	}
	mustEqualSlices(t, "offered roles", offers.Offers[0].Roles, []string{"evidence.investigator"})
	if status, body := c.restRaw("/civic/agency/v1/memberships/" + investigator); status != http.StatusNotFound {
		t.Fatalf("an offer must not make a membership: %d %s", status, body)
	}
	// Step 2: the offered account accepts, signing for itself.
	c.tx("kcg-investigator", "tx", "agency", "accept-membership", "kcg")
	c.restGet("/civic/agency/v1/agencies/kcg/membership-offers", &offers)
	if len(offers.Offers) != 0 {
		t.Fatalf("acceptance must consume the offer: %+v", offers)
	}

	var ms struct {
		Agency  agency  `json:"agency"`
		IsAdmin bool    `json:"is_admin"`
		Member  *member `json:"member"`
	}
	c.restGet("/civic/agency/v1/memberships/"+investigator, &ms)
	mustEqual(t, "membership agency", ms.Agency.ID, "kcg")
	if ms.Member == nil {
		t.Fatal("membership has no member record")
	}
	mustEqualSlices(t, "member roles", ms.Member.Roles, []string{"evidence.investigator"})

	type hasRole struct {
		HasRole  bool   `json:"has_role"`
		AgencyID string `json:"agency_id"`
		Reason   string `json:"reason"`
	}
	var yes, no hasRole
	c.queryJSON(&yes, "query", "agency", "has-role", investigator, "evidence.investigator")
	if !yes.HasRole || yes.AgencyID != "kcg" {
		t.Fatalf("has-role evidence.investigator: %+v", yes)
	}
	c.queryJSON(&no, "query", "agency", "has-role", investigator, "evidence.custodian")
	if no.HasRole || no.AgencyID != "kcg" || !strings.Contains(no.Reason, "evidence.custodian") {
		t.Fatalf("has-role evidence.custodian should be false with a reason naming the role: %+v", no)
	}
}

// chainOfCustody walks one item from the police to the forensic lab and
// returns its id.
func chainOfCustody(t *testing.T, c *chain) string {
	const de = "digitalevidence"
	res := c.tx("knpa-investigator", "tx", de, "open-case", sha256Hex("2026-형제-000123"))
	caseID := res.attr("civic.evidence.v1.EventCaseOpened", "case_id")
	if caseID == "" {
		t.Fatalf("no case_id in EventCaseOpened: %+v", res.Events)
	}

	digest := sha256Hex("forensic image of a seized phone")
	res = c.tx("knpa-investigator", "tx", de, "register-evidence", caseID, "E-001", digest, "64000000000",
		"application/octet-stream", "s3://knpa-evidence/2026/000123/e-001.dd",
		"--acquisition", `{"method":"ACQUISITION_METHOD_FORENSIC_IMAGE","tool":"ftk-imager","tool_version":"4.7","acquired_at":"2026-01-05T09:30:00Z"}`)
	id := res.attr("civic.evidence.v1.EventEvidenceRegistered", "evidence_id")
	if id == "" {
		t.Fatalf("no evidence_id in EventEvidenceRegistered: %+v", res.Events)
	}

	c.tx("knpa-custodian", "tx", de, "take-custody", id)
	c.tx("knpa-custodian", "tx", de, "propose-transfer", id, c.addr("nfs-analyst"), "--note-digest", sha256Hex("transfer form 17"))

	var pending struct {
		Transfers []struct {
			EvidenceID string `json:"evidence_id"`
			Proposer   string `json:"proposer"`
		} `json:"transfers"`
	}
	c.restGet("/civic/evidence/v1/receivers/"+c.addr("nfs-analyst")+"/transfers", &pending)
	if len(pending.Transfers) != 1 || pending.Transfers[0].EvidenceID != id || pending.Transfers[0].Proposer != c.addr("knpa-custodian") {
		t.Fatalf("pending transfers of nfs-analyst: %+v", pending.Transfers)
	}

	c.tx("nfs-analyst", "tx", de, "accept-transfer", id)
	c.tx("nfs-analyst", "tx", de, "start-analysis", id)

	var item struct {
		Evidence evidenceItem `json:"evidence"`
	}
	c.restGet("/civic/evidence/v1/evidence/"+id, &item)
	mustEqual(t, "status", item.Evidence.Status, "EVIDENCE_STATUS_IN_ANALYSIS")
	mustEqual(t, "custodian", item.Evidence.Custodian, c.addr("nfs-analyst"))
	mustEqual(t, "custodian agency", item.Evidence.CustodianAgency, "nfs")
	mustEqual(t, "digest", item.Evidence.Digest, digest)

	var hist struct {
		Events []custodyEvent `json:"events"`
	}
	c.restGet("/civic/evidence/v1/evidence/"+id+"/custody", &hist)
	type step struct{ seq, action, actor, agency, to string }
	want := []step{
		{"1", "CUSTODY_ACTION_REGISTERED", "knpa-investigator", "knpa", "EVIDENCE_STATUS_REGISTERED"},
		{"2", "CUSTODY_ACTION_CUSTODY_TAKEN", "knpa-custodian", "knpa", "EVIDENCE_STATUS_IN_CUSTODY"},
		{"3", "CUSTODY_ACTION_TRANSFER_PROPOSED", "knpa-custodian", "knpa", "EVIDENCE_STATUS_TRANSFER_PENDING"},
		{"4", "CUSTODY_ACTION_TRANSFER_ACCEPTED", "nfs-analyst", "nfs", "EVIDENCE_STATUS_IN_CUSTODY"},
		{"5", "CUSTODY_ACTION_ANALYSIS_STARTED", "nfs-analyst", "nfs", "EVIDENCE_STATUS_IN_ANALYSIS"},
	}
	if len(hist.Events) != len(want) {
		t.Fatalf("custody history has %d entries, want %d: %+v", len(hist.Events), len(want), hist.Events)
	}
	for i, w := range want {
		e := hist.Events[i]
		got := step{e.Seq, e.Action, e.Actor, e.AgencyID, e.ToStatus}
		w.actor = c.addr(w.actor)
		if got != w {
			t.Fatalf("custody entry %d:\n got  %+v\n want %+v", i+1, got, w)
		}
		if i > 0 && e.FromStatus != hist.Events[i-1].ToStatus {
			t.Fatalf("custody entry %d starts from %s, but entry %d ended in %s", i+1, e.FromStatus, i, hist.Events[i-1].ToStatus)
		}
	}
	return id
}

// rejectedTxs sends transactions that a message handler must refuse: they
// reach a block with a non-zero code and change nothing.
func rejectedTxs(t *testing.T, c *chain, evidenceID string) {
	const de = "digitalevidence"
	var item struct {
		Evidence evidenceItem `json:"evidence"`
	}
	c.restGet("/civic/evidence/v1/evidence/"+evidenceID, &item)
	caseID := item.Evidence.CaseID
	snapshot := func() string {
		var cs struct {
			Case evidenceCase `json:"case"`
		}
		var hist struct {
			Events []custodyEvent `json:"events"`
		}
		var it struct {
			Evidence evidenceItem `json:"evidence"`
		}
		c.restGet("/civic/evidence/v1/cases/"+caseID, &cs)
		c.restGet("/civic/evidence/v1/evidence/"+evidenceID+"/custody", &hist)
		c.restGet("/civic/evidence/v1/evidence/"+evidenceID, &it)
		return fmt.Sprintf("%+v %d %+v", cs.Case, len(hist.Events), it.Evidence)
	}
	before := snapshot()
	digest := sha256Hex("another payload")
	register := func(from, exhibit string) txResult {
		return c.txFixedGas(from, 400000, "tx", de, "register-evidence", caseID, exhibit, digest, "1024",
			"application/octet-stream", "s3://elsewhere/"+exhibit,
			"--acquisition", `{"method":"ACQUISITION_METHOD_SEIZURE","acquired_at":"2026-01-05T09:30:00Z"}`)
	}

	// A Coast Guard investigator holds evidence.investigator, but not in the
	// police's case: x/evidence refuses it (wrong agency).
	res := register("kcg-investigator", "E-900")
	if res.Code == 0 || res.Codespace != "digitalevidence" || res.Height == "0" {
		t.Fatalf("kcg-investigator registering into a knpa case: want a non-zero code of codespace digitalevidence in a block, got code %d codespace %q height %s: %s",
			res.Code, res.Codespace, res.Height, res.RawLog)
	}
	t.Logf("wrong agency: code %d codespace %s: %s", res.Code, res.Codespace, res.RawLog)

	// The police custodian is a knpa member without evidence.investigator:
	// x/agency's Authorize refuses it (role not held).
	res = register("knpa-custodian", "E-901")
	if res.Code == 0 || res.Height == "0" || !strings.Contains(res.RawLog, "evidence.investigator") {
		t.Fatalf("knpa-custodian registering evidence: want a non-zero code in a block naming the missing role, got code %d codespace %q height %s: %s",
			res.Code, res.Codespace, res.Height, res.RawLog)
	}
	t.Logf("role not held: code %d codespace %s: %s", res.Code, res.Codespace, res.RawLog)

	// A custody step out of turn: the item is IN_ANALYSIS at the lab, so the
	// police custodian may not take custody of it.
	res = c.txFixedGas("knpa-custodian", 400000, "tx", de, "take-custody", evidenceID)
	if res.Code == 0 || res.Height == "0" {
		t.Fatalf("take-custody of an item in analysis succeeded: %+v", res)
	}
	t.Logf("out of turn: code %d codespace %s: %s", res.Code, res.Codespace, res.RawLog)

	if after := snapshot(); after != before {
		t.Fatalf("rejected transactions changed state:\n before %s\n after  %s", before, after)
	}
}

func openAPI(t *testing.T, c *chain) {
	var doc struct {
		Swagger string `json:"swagger"`
		Info    struct {
			Title string `json:"title"`
		} `json:"info"`
		Paths map[string]any `json:"paths"`
	}
	status, raw := c.restRaw("/swagger/openapi.json")
	if status != 200 {
		t.Fatalf("GET /swagger/openapi.json: %d %s", status, raw)
	}
	if err := openapicheck.Validate(raw); err != nil {
		t.Fatalf("served OpenAPI document is not valid Swagger 2.0:\n%v", err)
	}
	if !bytes.Equal(raw, openapi.JSON) {
		t.Fatal("served OpenAPI document differs from docs/openapi/openapi.json")
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Info.Title, "civic") {
		t.Fatalf("OpenAPI title %q is not civic's", doc.Info.Title)
	}
	for _, p := range []string{"/civic/agency/v1/agencies", "/civic/agency/v1/agencies/{id}", "/civic/evidence/v1/evidence/{evidence_id}/custody"} {
		if _, ok := doc.Paths[p]; !ok {
			t.Errorf("OpenAPI document has no path %s", p)
		}
	}
}

// export stops the node and exports its state twice: as is and for a restart
// at height zero.
func export(t *testing.T, c *chain) {
	if err := c.Node.Stop(20 * time.Second); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"export"}, {"export", "--for-zero-height"}} {
		start := time.Now()
		out := c.cli(args...)
		var doc struct {
			AppState struct {
				Agency struct {
					Agencies []agency `json:"agencies"`
					Members  []member `json:"members"`
				} `json:"agency"`
				DigitalEvidence map[string]json.RawMessage `json:"digitalevidence"`
			} `json:"app_state"`
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("civicd %s: not JSON: %v\n%.2000s", strings.Join(args, " "), err, out)
		}
		var ids []string
		for _, a := range doc.AppState.Agency.Agencies {
			ids = append(ids, a.ID)
		}
		wantIDs := []string{"kcg"} // onboarded by proposal; the others are config.yml's
		for _, a := range c.Cfg.Agencies {
			wantIDs = append(wantIDs, a.ID)
		}
		slices.Sort(wantIDs)
		mustEqualSlices(t, strings.Join(args, " ")+" agencies", ids, wantIDs)
		if len(doc.AppState.DigitalEvidence) == 0 {
			t.Fatalf("civicd %s: no digitalevidence state", strings.Join(args, " "))
		}
		t.Logf("civicd %s: %d bytes in %s", strings.Join(args, " "), len(out), time.Since(start).Round(time.Millisecond))
	}
}

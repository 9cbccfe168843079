package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	watertypes "github.com/civicchain/civic/x/water/types"
)

// The x/water worked example of x/water/README.md ("Worked example"), run
// through the real civicd against a chain built from config.yml: the Busan
// Water Authority (agency busan-water, busan-water-operator holds
// water.operator) grants its two sensors' fees (x/feegrant), registers a
// purification plant, a reservoir fed by it and a public tap in Busanjin-gu
// fed by the reservoir, and a calibrated sensor at the tap (co-signed by the
// sensor's key); the sensor sends compliant readings, then a turbidity spike
// that opens an alert; the reservoir's sensor anchors an hour of readings
// from a file (submit-batch-file) and one of them is proved against the
// batch; the city's Disaster and Safety Office declares a typhoon covering
// the district and links the alert to it; the operator acknowledges, a
// compliant reading follows the corrective action, and the alert is
// resolved. The tap's SiteSummary is read over REST after every step. The
// refusals: a sensor paying its own fee (CheckTx), an unregistered sensor's
// reading, a reading not after the sensor's previous one, and resolving
// before a compliant reading.

const (
	waterCodespace = watertypes.ModuleName
	waterOperator  = "busan-water-operator"
	waterSensorTap = "water-sensor-1"
	waterSensorRes = "water-sensor-2"
	waterAPI       = "/civic/water/v1"
	waterFees      = "2000ucivic"
	waterDenom     = "ucivic"
	bukGu          = "26320"
)

// waterSummary is the REST JSON of a SiteSummary answer.
type waterSummary struct {
	Site struct {
		ID           string `json:"id"`
		Name         string `json:"name"`
		DistrictCode string `json:"district_code"`
	} `json:"site"`
	Parameters []struct {
		Parameter string `json:"parameter"`
		Unit      string `json:"unit"`
		Latest    *struct {
			Value  string `json:"value"`
			Sensor string `json:"sensor"`
		} `json:"latest"`
		Compliant string `json:"compliant"`
		Stale     bool   `json:"stale"`
	} `json:"parameters"`
	OpenAlerts []waterAlert `json:"open_alerts"`
	Incidents  []struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		Severity string `json:"severity"`
		Status   string `json:"status"`
	} `json:"incidents"`
	Verdict string `json:"verdict"`
}

// compliance is each observed parameter's compliance and latest value, as
// "PARAMETER=COMPLIANCE value".
func (s waterSummary) compliance() []string {
	var out []string
	for _, p := range s.Parameters {
		if p.Latest != nil {
			out = append(out, fmt.Sprintf("%s=%s %s", strings.TrimPrefix(p.Parameter, "PARAMETER_"), strings.TrimPrefix(p.Compliant, "COMPLIANCE_"), p.Latest.Value))
		}
	}
	return out
}

// waterAlert is the REST JSON of an Alert.
type waterAlert struct {
	ID              string     `json:"id"`
	SiteID          string     `json:"site_id"`
	Parameter       string     `json:"parameter"`
	Kind            string     `json:"kind"`
	Level           string     `json:"level"`
	Limit           string     `json:"limit"`
	PeakValue       string     `json:"peak_value"`
	IncidentID      string     `json:"incident_id"`
	Status          string     `json:"status"`
	CorrectiveDigst string     `json:"corrective_action_digest"`
	AcknowledgedAt  *time.Time `json:"acknowledged_at"`
}

// waterExample is the state the steps of the worked example share.
type waterExample struct {
	plant, reservoir, tap string    // site ids
	head                  time.Time // the tap sensor's last recorded phenomenon time
	alert, incident       string
	batchFile, batch      string
}

// measurement is a reading's value as the CLI takes it (JSON Measurement).
func measurement(p watertypes.Parameter, v int64) string {
	return fmt.Sprintf(`{"parameter":%q,"value":"%d"}`, p.String(), v)
}

// tapReading is the tap sensor's reading: pH, free chlorine, turbidity, temperature.
func tapReading(ph, chlorine, turbidity, temp int64) []string {
	return []string{
		measurement(watertypes.ParameterPH, ph), measurement(watertypes.ParameterResidualChlorine, chlorine),
		measurement(watertypes.ParameterTurbidity, turbidity), measurement(watertypes.ParameterTemperature, temp),
	}
}

// next is a phenomenon time after the tap sensor's last recorded one: a few
// seconds before the wall clock (the block time trails it), or a second after
// the last.
func (ex *waterExample) next() time.Time {
	at := time.Now().UTC().Add(-3 * time.Second).Truncate(time.Second)
	if !at.After(ex.head) {
		at = ex.head.Add(time.Second)
	}
	return at
}

// tapSubmit has the tap sensor submit a reading at the next time (fees from
// the operator's grant) and records its time.
func (ex *waterExample) tapSubmit(c *chain, values []string) txResult {
	c.t.Helper()
	return ex.tapSubmitAt(c, ex.next(), values)
}

// tapSubmitAt is tapSubmit at a given time.
func (ex *waterExample) tapSubmitAt(c *chain, at time.Time, values []string) txResult {
	c.t.Helper()
	res := c.tx(waterSensorTap, append(append([]string{"tx", "water", "submit-reading", at.Format(time.RFC3339)}, values...), sensorFees(c)...)...)
	ex.head = at
	return res
}

func TestWater(t *testing.T) {
	c, run := startExample(t, "water e2e")
	ex := &waterExample{}
	summary := func(t *testing.T) waterSummary {
		t.Helper()
		var s waterSummary
		c.restGet(waterAPI+"/sites/"+ex.tap+"/summary", &s)
		return s
	}

	run("fee grants for the sensors", func(t *testing.T) { waterFeeGrants(t, c) })
	run("plant, reservoir, tap", func(t *testing.T) { waterSites(t, c, ex) })
	run("calibrated sensor at the tap", func(t *testing.T) {
		waterRegisterSensor(t, c, waterSensorTap, ex.tap, "ph-milli", "residual-chlorine-ug-per-l", "turbidity-mntu", "temperature-mdeg-c")
		s := summary(t)
		mustEqual(t, "verdict before any reading", s.Verdict, "VERDICT_NO_RECENT_DATA")
	})
	run("compliant readings", func(t *testing.T) {
		before := c.balanceOf(t, c.addr(waterOperator), waterDenom)
		ex.tapSubmit(c, tapReading(7250, 450, 120, 18500))
		ex.tapSubmit(c, tapReading(7310, 430, 110, 18600))
		s := summary(t)
		mustEqual(t, "verdict", s.Verdict, "VERDICT_COMPLIANT")
		mustEqualSlices(t, "parameters", s.compliance(), []string{"PH_MILLI=YES 7310", "RESIDUAL_CHLORINE_UG_PER_L=YES 430", "TURBIDITY_MNTU=YES 110", "TEMPERATURE_MDEG_C=NO_STANDARD 18600"})
		// The fees came from the operator's grant: the sensor still holds its one ucivic.
		mustEqual(t, "sensor balance", c.balanceOf(t, c.addr(waterSensorTap), waterDenom), int64(1))
		mustEqual(t, "operator paid two fees", before-c.balanceOf(t, c.addr(waterOperator), waterDenom), int64(4000))
	})
	run("refused: fee without the grant", func(t *testing.T) {
		res := c.txFixedGas(waterSensorTap, 200000, append([]string{"tx", "water", "submit-reading", ex.next().Format(time.RFC3339)}, append(tapReading(7300, 440, 100, 18600), "--fees", waterFees)...)...)
		if res.Code != sdkerrors.ErrInsufficientFunds.ABCICode() || res.Height != "" && res.Height != "0" {
			t.Fatalf("want CheckTx insufficient funds (code %d), got code %d height %q: %s", sdkerrors.ErrInsufficientFunds.ABCICode(), res.Code, res.Height, res.RawLog)
		}
	})
	run("refused: reading out of order", func(t *testing.T) {
		res := c.txFixedGas(waterSensorTap, 200000, append(append([]string{"tx", "water", "submit-reading", ex.head.Format(time.RFC3339)}, tapReading(7300, 440, 100, 18600)...), sensorFees(c)...)...)
		mustReject(t, "a reading at the previous reading's time", res, waterCodespace, watertypes.ErrOutOfOrder.ABCICode())
	})
	run("refused: unregistered sensor", func(t *testing.T) {
		res := c.txFixedGas(waterSensorRes, 200000, append([]string{"tx", "water", "submit-reading", ex.next().Format(time.RFC3339), measurement(watertypes.ParameterPH, 7200)}, sensorFees(c)...)...)
		mustReject(t, "a reading of a sensor not yet registered", res, waterCodespace, watertypes.ErrSensorNotFound.ABCICode())
	})
	run("reservoir batch from a file", func(t *testing.T) { waterBatch(t, c, ex) })
	run("batch proof over REST", func(t *testing.T) { waterBatchProof(t, c, ex) })
	run("turbidity spike opens an alert", func(t *testing.T) {
		res := ex.tapSubmit(c, tapReading(7280, 420, 1800, 18700))
		var opened struct {
			ID        string `json:"id"`
			Parameter string `json:"parameter"`
		}
		if err := json.Unmarshal([]byte(res.rawAttr("civic.water.v1.EventAlertOpened", "alert")), &opened); err != nil {
			t.Fatalf("EventAlertOpened.alert: %v (%s)", err, res.RawLog)
		}
		ex.alert = opened.ID
		s := summary(t)
		mustEqual(t, "verdict", s.Verdict, "VERDICT_EXCEEDANCE")
		mustEqual(t, "open alerts", len(s.OpenAlerts), 1)
		a := s.OpenAlerts[0]
		mustEqual(t, "alert", fmt.Sprint(a.ID, " ", a.Parameter, " ", a.Kind, " ", a.Level, " ", a.Limit, " ", a.Status),
			ex.alert+" PARAMETER_TURBIDITY_MNTU ALERT_KIND_ABOVE_MAX ALERT_LEVEL_LEGAL 500 ALERT_STATUS_OPEN")
		mustEqualSlices(t, "parameters", s.compliance(), []string{"PH_MILLI=YES 7280", "RESIDUAL_CHLORINE_UG_PER_L=YES 420", "TURBIDITY_MNTU=NO 1800", "TEMPERATURE_MDEG_C=NO_STANDARD 18700"})
	})
	run("typhoon incident, alert linked", func(t *testing.T) {
		res := c.tx(disasterCoordinator, "tx", "disaster", "declare-incident", "typhoon", "alert",
			sha256Hex("Typhoon Khanun: landfall near Busan, 2026-08-10 03:00"), busanjinGu, bukGu)
		ex.incident = res.attr("civic.disaster.v1.EventIncidentDeclared", "incident_id")
		s := summary(t)
		mustEqual(t, "incidents covering Busanjin-gu", len(s.Incidents), 1)
		mustEqual(t, "incident", fmt.Sprint(s.Incidents[0].ID, " ", s.Incidents[0].Type, " ", s.Incidents[0].Severity, " ", s.Incidents[0].Status), ex.incident+" TYPHOON ALERT DECLARED")

		c.tx(disasterCoordinator, "tx", "water", "link-alert", ex.alert, ex.incident)
		mustEqual(t, "linked incident", waterGetAlert(t, c, ex.alert).IncidentID, ex.incident)
	})
	run("acknowledge", func(t *testing.T) {
		c.tx(waterOperator, "tx", "water", "acknowledge-alert", ex.alert)
		mustEqual(t, "status", waterGetAlert(t, c, ex.alert).Status, "ALERT_STATUS_ACKNOWLEDGED")
	})
	run("refused: resolve before a compliant reading", func(t *testing.T) {
		res := c.txFixedGas(waterOperator, 200000, "tx", "water", "resolve-alert", ex.alert, sha256Hex("flushing report BJ-2026-0810-01"))
		mustReject(t, "resolve without a compliant reading after the acknowledgement", res, waterCodespace, watertypes.ErrNoCompliantReading.ABCICode())
	})
	run("compliant reading after flushing", func(t *testing.T) {
		// Taken after the acknowledgement (its block time): the resolution needs one.
		at := ex.next()
		if ack := waterGetAlert(t, c, ex.alert).AcknowledgedAt; ack == nil {
			t.Fatal("no acknowledged_at")
		} else if !at.After(*ack) {
			at = ack.UTC().Truncate(time.Second).Add(time.Second)
		}
		ex.tapSubmitAt(c, at, tapReading(7260, 520, 150, 18400))
		s := summary(t)
		mustEqual(t, "verdict while the LEGAL alert is open", s.Verdict, "VERDICT_EXCEEDANCE")
		mustEqualSlices(t, "parameters", s.compliance(), []string{"PH_MILLI=YES 7260", "RESIDUAL_CHLORINE_UG_PER_L=YES 520", "TURBIDITY_MNTU=YES 150", "TEMPERATURE_MDEG_C=NO_STANDARD 18400"})
	})
	run("resolve", func(t *testing.T) {
		digest := sha256Hex("flushing report BJ-2026-0810-01")
		c.tx(waterOperator, "tx", "water", "resolve-alert", ex.alert, digest)
		a := waterGetAlert(t, c, ex.alert)
		mustEqual(t, "status", a.Status, "ALERT_STATUS_RESOLVED")
		mustEqual(t, "corrective action", a.CorrectiveDigst, digest)
		s := summary(t)
		mustEqual(t, "verdict", s.Verdict, "VERDICT_COMPLIANT")
		mustEqual(t, "open alerts", len(s.OpenAlerts), 0)
		mustEqual(t, "the typhoon still covers the district", len(s.Incidents), 1)
		status, _ := c.restRaw(waterAPI + "/sites/999/summary")
		mustEqual(t, "unknown site over REST", status, http.StatusNotFound)
	})
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

// sensorFees are the fee flags of a sensor's transaction: busan-water-operator's grant pays.
func sensorFees(c *chain) []string {
	return []string{"--fee-granter", c.addr(waterOperator), "--fees", waterFees}
}

// rawAttr is an event attribute's value as the chain wrote it (JSON).
func (r txResult) rawAttr(eventType, key string) string {
	for _, e := range r.Events {
		if e.Type != eventType {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == key {
				return a.Value
			}
		}
	}
	return ""
}

// waterFeeGrants: busan-water-operator grants each sensor an allowance for
// readings and batches only.
func waterFeeGrants(t *testing.T, c *chain) {
	for _, s := range []string{waterSensorTap, waterSensorRes} {
		c.tx(waterOperator, "tx", "feegrant", "grant", c.addr(waterOperator), c.addr(s), "--spend-limit", "1000000ucivic",
			"--allowed-messages", "/civic.water.v1.MsgSubmitReading,/civic.water.v1.MsgSubmitBatch")
		var g struct {
			Allowance struct {
				Granter string `json:"granter"`
				Grantee string `json:"grantee"`
			} `json:"allowance"`
		}
		c.restGet("/cosmos/feegrant/v1beta1/allowance/"+c.addr(waterOperator)+"/"+c.addr(s), &g)
		mustEqual(t, s+" grantee", g.Allowance.Grantee, c.addr(s))
	}
}

// waterSites registers the plant (Buk-gu), the reservoir it feeds and the
// public tap the reservoir feeds, both in Busanjin-gu.
func waterSites(t *testing.T, c *chain, ex *waterExample) {
	register := func(kind, name, district string, upstream string, lat, lon string) string {
		args := []string{"tx", "water", "register-site", kind, name, district, "tap-water", "--lat-udeg", lat, "--lon-udeg", lon}
		if upstream != "" {
			args = append(args, "--upstream-site-id", upstream, "--supply-block", "BJ-03")
		}
		res := c.tx(waterOperator, args...)
		id := res.attr("civic.water.v1.EventSiteRegistered", "site_id")
		if id == "" {
			t.Fatalf("no EventSiteRegistered.site_id: %s", res.RawLog)
		}
		return id
	}
	ex.plant = register("purification-plant", "덕산 정수장", bukGu, "", "35238410", "129012650")
	ex.reservoir = register("reservoir", "Seomyeon Distribution Reservoir", busanjinGu, ex.plant, "35162840", "129049310")
	ex.tap = register("tap", "Busanjin-gu Office Public Tap", busanjinGu, ex.reservoir, "35163000", "129053000")

	var site struct {
		Site struct {
			AgencyID       string `json:"agency_id"`
			Kind           string `json:"kind"`
			UpstreamSiteID string `json:"upstream_site_id"`
			Status         string `json:"status"`
		} `json:"site"`
	}
	c.restGet(waterAPI+"/sites/"+ex.tap, &site)
	mustEqual(t, "tap", fmt.Sprint(site.Site.AgencyID, " ", site.Site.Kind, " ", site.Site.UpstreamSiteID, " ", site.Site.Status),
		"busan-water SITE_KIND_TAP "+ex.reservoir+" SITE_STATUS_ACTIVE")
	var inDistrict struct {
		Sites []struct {
			ID string `json:"id"`
		} `json:"sites"`
	}
	c.restGet(waterAPI+"/sites?district_code="+busanjinGu, &inDistrict)
	mustEqual(t, "sites in Busanjin-gu", len(inDistrict.Sites), 2)
}

// waterRegisterSensor registers a sensor account at a site, calibrated a day
// ago and due in 180 days: built by the operator with --generate-only, signed
// by the operator and then by the sensor's key (amino-json: each signature
// covers the body and its own signer only), and broadcast.
func waterRegisterSensor(t *testing.T, c *chain, sensor, site string, params ...string) {
	now := time.Now().UTC().Truncate(time.Second)
	cal := fmt.Sprintf(`{"certificate_digest":%q,"calibrated_at":%q,"due_at":%q}`, sha256Hex("KTL calibration certificate "+sensor),
		now.Add(-24*time.Hour).Format(time.RFC3339), now.Add(180*24*time.Hour).Format(time.RFC3339))
	args := append([]string{"tx", "water", "register-sensor", c.addr(sensor), site, cal}, params...)
	args = append(args, "--model", "YSI-EXO2", "--serial-digest", sha256Hex("serial 21A104233 "+sensor))
	res := c.txSignedBy(300000, []string{waterOperator, sensor}, args...)
	if res.Code != 0 {
		t.Fatalf("register-sensor: code %d codespace %q: %s", res.Code, res.Codespace, res.RawLog)
	}
	var s struct {
		Sensor struct {
			SiteID     string   `json:"site_id"`
			AgencyID   string   `json:"agency_id"`
			Parameters []string `json:"parameters"`
			Status     string   `json:"status"`
		} `json:"sensor"`
	}
	c.restGet(waterAPI+"/sensors/"+c.addr(sensor), &s)
	mustEqual(t, sensor, fmt.Sprint(s.Sensor.SiteID, " ", s.Sensor.AgencyID, " ", s.Sensor.Status, " ", len(s.Sensor.Parameters)),
		fmt.Sprint(site, " busan-water SENSOR_STATUS_ACTIVE ", len(params)))
}

// txSignedBy builds a transaction with --generate-only (the first signer as
// --from, gas fixed: a transaction of several signers cannot be simulated
// before it is signed), has every signer sign it in turn (SIGN_MODE_LEGACY_AMINO_JSON)
// and broadcasts it; it returns the result in its block (or CheckTx's refusal).
func (c *chain) txSignedBy(gas int, signers []string, args ...string) txResult {
	c.t.Helper()
	common := []string{"--keyring-backend", "test", "--chain-id", c.Net.ChainID, "--node", c.Net.RPCURL()}
	unsigned := c.cli(append(append(append([]string{}, args...), "--from", signers[0], "--generate-only", "--gas", strconv.Itoa(gas)), common...)...)
	dir := c.t.TempDir()
	path := filepath.Join(dir, "unsigned.json")
	if err := os.WriteFile(path, unsigned, 0o600); err != nil {
		c.t.Fatal(err)
	}
	for i, s := range signers {
		next := filepath.Join(dir, fmt.Sprintf("signed-%d.json", i))
		c.cli(append([]string{"tx", "sign", path, "--from", s, "--sign-mode", "amino-json", "--output-document", next}, common...)...)
		path = next
	}
	var res txResult
	raw := c.cli("tx", "broadcast", path, "--output", "json", "--node", c.Net.RPCURL())
	if err := json.Unmarshal(raw, &res); err != nil {
		c.t.Fatalf("broadcast: %v\n%s", err, raw)
	}
	if res.Code != 0 {
		return res
	}
	return c.waitTx(res.TxHash)
}

// waterBatch registers the reservoir's sensor and has it anchor the previous
// hour's twelve five-minute readings from a file (submit-batch-file).
func waterBatch(t *testing.T, c *chain, ex *waterExample) {
	waterRegisterSensor(t, c, waterSensorRes, ex.reservoir, "ph-milli", "residual-chlorine-ug-per-l", "turbidity-mntu")
	hour := time.Now().UTC().Truncate(time.Hour).Add(-time.Hour)
	var readings []map[string]any
	for i := range 12 {
		readings = append(readings, map[string]any{
			"phenomenon_time": hour.Add(time.Duration(i) * 5 * time.Minute).Format(time.RFC3339),
			"values": []map[string]any{
				{"parameter": watertypes.ParameterPH.String(), "value": strconv.Itoa(7200 + 10*(i%4))},
				{"parameter": watertypes.ParameterResidualChlorine.String(), "value": strconv.Itoa(700 + 5*i)},
				{"parameter": watertypes.ParameterTurbidity.String(), "value": strconv.Itoa(60 + i)},
			},
		})
	}
	// The file outlives this step (batch-proof reads it): the parent test's temp dir.
	ex.batchFile = writeJSON(c.t, "reservoir-readings.json", readings)
	res := c.tx(waterSensorRes, append([]string{"tx", "water", "submit-batch-file", ex.batchFile,
		"--window-start", hour.Format(time.RFC3339), "--window-end", hour.Add(time.Hour - time.Second).Format(time.RFC3339)}, sensorFees(c)...)...)
	const ev = "civic.water.v1.EventBatchSubmitted"
	ex.batch = res.attr(ev, "batch_id")
	mustEqual(t, "EventBatchSubmitted.count", res.attr(ev, "count"), "12")

	var b struct {
		Batch struct {
			Count      string `json:"count"`
			MerkleRoot string `json:"merkle_root"`
			Stats      []struct {
				Parameter string `json:"parameter"`
				Min       string `json:"min"`
				Max       string `json:"max"`
				Sum       string `json:"sum"`
				Mean      string `json:"mean"`
			} `json:"stats"`
		} `json:"batch"`
	}
	c.restGet(waterAPI+"/batches/"+ex.batch, &b)
	mustEqual(t, "batch count", b.Batch.Count, "12")
	mustEqual(t, "event merkle_root = stored root", res.attr(ev, "merkle_root"), b.Batch.MerkleRoot)
	// pH 7200, 7210, 7220, 7230 three times: sum 86580, mean 7215.
	ph := b.Batch.Stats[0]
	mustEqual(t, "pH stats", fmt.Sprint(ph.Parameter, " ", ph.Min, " ", ph.Max, " ", ph.Sum, " ", ph.Mean), "PARAMETER_PH_MILLI 7200 7230 86580 7215")
}

// waterBatchProof proves reading 7 of the file against the anchored batch,
// posting batch-proof's output as it stands, and shows a changed value fails.
func waterBatchProof(t *testing.T, c *chain, ex *waterExample) {
	raw := c.cli("query", "water", "batch-proof", ex.batchFile, "7")
	verify := func(body []byte) (bool, string) {
		t.Helper()
		status, resp := c.restPost(waterAPI+"/batches/"+ex.batch+"/verify", body)
		if status != http.StatusOK {
			t.Fatalf("POST verify: %d %s", status, resp)
		}
		var v struct {
			Valid  bool   `json:"valid"`
			Reason string `json:"reason"`
		}
		if err := json.Unmarshal(resp, &v); err != nil {
			t.Fatal(err)
		}
		return v.Valid, v.Reason
	}
	if valid, reason := verify(raw); !valid {
		t.Fatalf("reading 7 does not verify: %s", reason)
	}
	forged := strings.Replace(string(raw), `"value": "67"`, `"value": "66"`, 1)
	if forged == string(raw) {
		t.Fatalf("reading 7's turbidity not found in %s", raw)
	}
	if valid, reason := verify([]byte(forged)); valid || !strings.Contains(reason, "invalid merkle proof") {
		t.Fatalf("a changed value verified (valid %v, reason %q)", valid, reason)
	}
}

// waterGetAlert is an alert over REST.
func waterGetAlert(t *testing.T, c *chain, id string) waterAlert {
	t.Helper()
	var a struct {
		Alert waterAlert `json:"alert"`
	}
	c.restGet(waterAPI+"/alerts/"+id, &a)
	return a.Alert
}

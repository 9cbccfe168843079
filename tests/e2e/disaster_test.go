package e2e

import (
	"net/http"
	"testing"

	disastertypes "github.com/civicchain/civic/x/disaster/types"
)

// The x/disaster worked example of x/disaster/README.md ("Worked example"),
// run through the real civicd against a chain built from config.yml: the Busan
// Metropolitan City Disaster and Safety Office (agency busan-safety,
// busan-safety-coordinator holds disaster.coordinator) declares a flood in
// Busanjin-gu and Dongnae-gu at CAUTION, raises it to ALERT (revision 2),
// starts the response, records a public alert for Busanjin-gu, is refused an
// alert for a district the incident does not cover (disaster code 19), and
// closes the incident; every read goes through REST.

const (
	disasterCodespace   = disastertypes.ModuleName
	disasterCoordinator = "busan-safety-coordinator"
	busanjinGu          = "26230"
	dongnaeGu           = "26260"
	haeundaeGu          = "26350"
)

// disasterIncident is the REST JSON of an Incident.
type disasterIncident struct {
	ID                string   `json:"id"`
	AgencyID          string   `json:"agency_id"`
	Type              string   `json:"type"`
	AffectedDistricts []string `json:"affected_districts"`
	Severity          string   `json:"severity"`
	Status            string   `json:"status"`
	Revision          string   `json:"revision"`
	AlertCount        string   `json:"alert_count"`
}

func TestDisaster(t *testing.T) {
	c, run := startExample(t, "disaster e2e")
	var id string
	api := "/civic/disaster/v1"
	incident := func(t *testing.T) disasterIncident {
		t.Helper()
		var out struct {
			Incident disasterIncident `json:"incident"`
		}
		c.restGet(api+"/incidents/"+id, &out)
		return out.Incident
	}

	run("declare", func(t *testing.T) {
		res := c.tx(disasterCoordinator, "tx", "disaster", "declare-incident", "flood", "caution",
			sha256Hex("heavy rain: Dongcheon overflow near Seomyeon, 2026-07-10 06:00"), dongnaeGu, busanjinGu)
		id = res.attr("civic.disaster.v1.EventIncidentDeclared", "incident_id")
		if id == "" {
			t.Fatalf("no EventIncidentDeclared.incident_id: %s", res.RawLog)
		}
		inc := incident(t)
		mustEqual(t, "agency", inc.AgencyID, "busan-safety")
		mustEqual(t, "status", inc.Status, "INCIDENT_STATUS_DECLARED")
		mustEqualSlices(t, "districts (stored ascending)", inc.AffectedDistricts, []string{busanjinGu, dongnaeGu})
	})
	run("update severity", func(t *testing.T) {
		c.tx(disasterCoordinator, "tx", "disaster", "update-incident", id, sha256Hex("water level 4.2 m at Dongcheon"), "--severity", "alert")
		inc := incident(t)
		mustEqual(t, "severity", inc.Severity, "SEVERITY_ALERT")
		mustEqual(t, "revision", inc.Revision, "2")
		var revs struct {
			Revisions []struct {
				Revision string `json:"revision"`
				Severity string `json:"severity"`
			} `json:"revisions"`
		}
		c.restGet(api+"/incidents/"+id+"/revisions", &revs)
		mustEqual(t, "revisions", len(revs.Revisions), 2)
		mustEqual(t, "revision 1 severity", revs.Revisions[0].Severity, "SEVERITY_CAUTION")
	})
	run("respond", func(t *testing.T) {
		c.tx(disasterCoordinator, "tx", "disaster", "set-incident-status", id, "responding")
		mustEqual(t, "status", incident(t).Status, "INCIDENT_STATUS_RESPONDING")
		var open struct {
			Incidents []disasterIncident `json:"incidents"`
		}
		c.restGet(api+"/incidents?status=INCIDENT_STATUS_RESPONDING&district="+busanjinGu, &open)
		mustEqual(t, "responding incidents in Busanjin-gu", len(open.Incidents), 1)
	})
	run("public alert", func(t *testing.T) {
		res := c.tx(disasterCoordinator, "tx", "disaster", "issue-public-alert", id, "alert", "FLOOD_EVACUATE",
			sha256Hex("CBS 2026-07-10 07:12 Busanjin-gu evacuation"), busanjinGu)
		alertID := res.attr("civic.disaster.v1.EventPublicAlertIssued", "alert_id")
		var alerts struct {
			Alerts []struct {
				ID          string   `json:"id"`
				Districts   []string `json:"districts"`
				Level       string   `json:"level"`
				MessageCode string   `json:"message_code"`
			} `json:"alerts"`
		}
		c.restGet(api+"/districts/"+busanjinGu+"/alerts", &alerts)
		mustEqual(t, "alerts in Busanjin-gu", len(alerts.Alerts), 1)
		mustEqual(t, "alert id", alerts.Alerts[0].ID, alertID)
		mustEqual(t, "message code", alerts.Alerts[0].MessageCode, "FLOOD_EVACUATE")
		mustEqual(t, "level", alerts.Alerts[0].Level, "SEVERITY_ALERT")
	})
	run("alert outside the incident is refused", func(t *testing.T) {
		res := c.txFixedGas(disasterCoordinator, 300000, "tx", "disaster", "issue-public-alert", id, "alert", "FLOOD_EVACUATE",
			sha256Hex("CBS 2026-07-10 07:20 Haeundae-gu"), haeundaeGu)
		mustReject(t, "alert for Haeundae-gu", res, disasterCodespace, disastertypes.ErrDistrictNotAffected.ABCICode())
	})
	run("close", func(t *testing.T) {
		c.tx(disasterCoordinator, "tx", "disaster", "set-incident-status", id, "closed")
		inc := incident(t)
		mustEqual(t, "status", inc.Status, "INCIDENT_STATUS_CLOSED")
		mustEqual(t, "alert count", inc.AlertCount, "1")
		status, _ := c.restRaw(api + "/incidents/999")
		mustEqual(t, "unknown incident over REST", status, http.StatusNotFound)
	})
}

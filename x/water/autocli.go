package water

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"

	"github.com/civicchain/civic/internal/cliarg"
	"github.com/civicchain/civic/x/water/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "water". Ids and addresses are positional arguments; optional
// fields are flags (--district-code, --kind, --at, --before, --from-time...).
// Enum values are written in kebab case without their prefix (ph-milli,
// residual-chlorine-ug-per-l, turbidity-mntu, conductivity-ns-per-cm,
// temperature-mdeg-c; purification-plant, reservoir, distribution-point,
// tap; tap-water, small-groundwater; active, suspended, retired). Times are
// RFC 3339; limits, calibrations, measurements and statistics are JSON.
// register-sensor is signed by the operator (--from) and by the sensor's own
// key: build it with --generate-only and sign it with both keys. Sensors pay
// their fees through an x/feegrant allowance of their operator
// (--fee-granter).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	app, mod := version.AppName, types.ModuleName
	digest := cliarg.SampleDigest
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Query_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
				},
				{
					RpcMethod:      "Site",
					Use:            "site [site-id]",
					Short:          "Show a site: kind, district, upstream site, standard class and status",
					Example:        cliarg.Example("query %s site 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod: "Sites",
					Use:       "sites",
					Short:     "List sites by id, optionally of one district (--district-code) and/or kind (--kind)",
					Example:   cliarg.Example("query %s sites --district-code 26230 --kind tap", mod),
				},
				{
					RpcMethod:      "Sensor",
					Use:            "sensor [address]",
					Short:          "Show a sensor: site, parameters, calibration and status",
					Example:        cliarg.Example("query %s sensor civic1...", mod),
					PositionalArgs: cliarg.Args("address"),
				},
				{
					RpcMethod:      "Sensors",
					Use:            "sensors [site-id]",
					Short:          "List the sensors of a site",
					Example:        cliarg.Example("query %s sensors 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod:      "SensorCalibrations",
					Use:            "sensor-calibrations [address]",
					Short:          "List a sensor's calibration history, oldest first",
					Example:        cliarg.Example("query %s sensor-calibrations civic1...", mod),
					PositionalArgs: cliarg.Args("address"),
				},
				{
					RpcMethod: "SensorsDueForCalibration",
					Use:       "sensors-due",
					Short:     "List the sensors not retired whose calibration is due before --before (default: now), soonest first",
					Example:   cliarg.Example("query %s sensors-due --before 2026-07-01T00:00:00Z", mod),
				},
				{
					RpcMethod:      "Threshold",
					Use:            "threshold [parameter] [standard-class]",
					Short:          "Show the legal threshold of a parameter for a standard class in force at --at (default: now)",
					Example:        cliarg.Example("query %s threshold turbidity-mntu tap-water --at 2026-06-01T00:00:00Z", mod),
					PositionalArgs: cliarg.Args("parameter", "standard_class"),
				},
				{
					RpcMethod: "Thresholds",
					Use:       "thresholds",
					Short:     "List the legal thresholds in force at --at (default: now), one per parameter and standard class that has one",
					Example:   cliarg.Example("query %s thresholds", mod),
				},
				{
					RpcMethod:      "ThresholdVersions",
					Use:            "threshold-versions [parameter] [standard-class]",
					Short:          "List every version of a parameter's legal threshold for a standard class, oldest first",
					Example:        cliarg.Example("query %s threshold-versions ph-milli tap-water", mod),
					PositionalArgs: cliarg.Args("parameter", "standard_class"),
				},
				{
					RpcMethod:      "OperationalBands",
					Use:            "bands [site-id]",
					Short:          "List a site's operational bands (stricter than the law; leaving them raises WARNING alerts)",
					Example:        cliarg.Example("query %s bands 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod:      "Latest",
					Use:            "latest [site-id]",
					Short:          "Show the newest value of every parameter observed at a site",
					Example:        cliarg.Example("query %s latest 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod:      "Series",
					Use:            "series [site-id] [parameter]",
					Short:          "List a parameter's values at a site with --from-time <= time < --to (oldest first; pages by --page-key)",
					Example:        cliarg.Example("query %s series 3 turbidity-mntu --from-time 2026-01-01T00:00:00Z --to 2026-01-02T00:00:00Z", mod),
					PositionalArgs: cliarg.Args("site_id", "parameter"),
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"from": {Name: "from-time", Usage: "first phenomenon time (inclusive, RFC 3339)"},
					},
				},
				{
					RpcMethod:      "Batch",
					Use:            "batch [batch-id]",
					Short:          "Show a batch: sensor, window, count, statistics and Merkle root",
					Example:        cliarg.Example("query %s batch 1", mod),
					PositionalArgs: cliarg.Args("batch_id"),
				},
				{
					RpcMethod:      "Batches",
					Use:            "batches [sensor]",
					Short:          "List a sensor's batches, oldest first",
					Example:        cliarg.Example("query %s batches civic1...", mod),
					PositionalArgs: cliarg.Args("sensor"),
				},
				{
					RpcMethod:      "VerifyReading",
					Use:            "verify-reading [batch-id] [index] [reading] [siblings...]",
					Short:          "Check a raw reading (JSON) at its index against a batch's Merkle root and statistics, with the proof's sibling hashes",
					Example:        cliarg.Example(`query %s verify-reading 1 0 '{"phenomenon_time":"2026-01-01T00:00:00Z","values":[{"parameter":"PARAMETER_PH_MILLI","value":"7250"}]}' %s`, mod, digest),
					PositionalArgs: cliarg.Varargs("batch_id", "index", "reading", "siblings"),
				},
				{
					RpcMethod:      "Alert",
					Use:            "alert [alert-id]",
					Short:          "Show an alert: parameter, kind, level, values, status and linked incident",
					Example:        cliarg.Example("query %s alert 1", mod),
					PositionalArgs: cliarg.Args("alert_id"),
				},
				{
					RpcMethod:      "Alerts",
					Use:            "alerts [site-id]",
					Short:          "List a site's alerts, oldest first",
					Example:        cliarg.Example("query %s alerts 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod: "OpenAlerts",
					Use:       "open-alerts",
					Short:     "List the alerts not yet resolved, of one district (--district-code) or of all",
					Example:   cliarg.Example("query %s open-alerts --district-code 26230", mod),
				},
				{
					RpcMethod:      "SiteSummary",
					Use:            "site-summary [site-id]",
					Short:          "Is the water at this site within the legal standard now: latest values, thresholds, open alerts, incidents and a verdict",
					Example:        cliarg.Example("query %s site-summary 3", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "UpdateParams",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing the module parameters (all of them)",
					Example:        cliarg.Example(`tx %s update-params-proposal "$(%s query %s params -o json | jq -c .params)" --from proposer`, mod, app, mod),
					PositionalArgs: cliarg.Args("params"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "RegisterSite",
					Use:            "register-site [kind] [name] [district-code] [standard-class]",
					Short:          "Register a site of your agency (needs water.operator); a tap's coordinates are rounded to 0.001 degree",
					Example:        cliarg.Example(`tx %s register-site tap "Busanjin-gu Office Tap" 26230 tap-water --upstream-site-id 2 --lat-udeg 35163000 --lon-udeg 129053000 --from busan-water-operator`, mod),
					PositionalArgs: cliarg.Args("kind", "name", "district_code", "standard_class"),
				},
				{
					RpcMethod:      "DecommissionSite",
					Use:            "decommission-site [site-id]",
					Short:          "Take an ACTIVE site of your agency out of service for good (needs water.operator)",
					Example:        cliarg.Example("tx %s decommission-site 3 --from busan-water-operator", mod),
					PositionalArgs: cliarg.Args("site_id"),
				},
				{
					RpcMethod:      "RegisterSensor",
					Use:            "register-sensor [sensor] [site-id] [calibration] [parameters...]",
					Short:          "Register a device account as a calibrated sensor at a site of your agency; signed by you (water.operator) and by the sensor's key",
					Example:        cliarg.Example(`tx %s register-sensor civic1... 3 '{"certificate_digest":"%s","calibrated_at":"2025-12-01T00:00:00Z","due_at":"2026-06-01T00:00:00Z"}' ph-milli residual-chlorine-ug-per-l turbidity-mntu --model YSI-EXO2 --serial-digest %s --from busan-water-operator --generate-only`, mod, digest, digest),
					PositionalArgs: cliarg.Varargs("sensor", "site_id", "calibration", "parameters"),
				},
				{
					RpcMethod:      "RecordCalibration",
					Use:            "record-calibration [sensor] [calibration]",
					Short:          "Record a new calibration of a sensor of your agency, kept in its history (needs water.operator)",
					Example:        cliarg.Example(`tx %s record-calibration civic1... '{"certificate_digest":"%s","calibrated_at":"2026-05-30T00:00:00Z","due_at":"2026-12-01T00:00:00Z"}' --from busan-water-operator`, mod, digest),
					PositionalArgs: cliarg.Args("sensor", "calibration"),
				},
				{
					RpcMethod:      "SetSensorStatus",
					Use:            "set-sensor-status [sensor] [status]",
					Short:          "Suspend, reactivate or retire a sensor of your agency (needs water.operator)",
					Example:        cliarg.Example("tx %s set-sensor-status civic1... suspended --from busan-water-operator", mod),
					PositionalArgs: cliarg.Args("sensor", "status"),
				},
				{
					RpcMethod:      "SetThreshold",
					Use:            "set-threshold [parameter] [standard-class] [effective-from] [legal-basis]",
					Short:          "Add the next version of a legal threshold, in force from effective-from (at least threshold_min_notice ahead); no --min/--max withdraws the standard (needs water.regulator, or governance)",
					Example:        cliarg.Example(`tx %s set-threshold turbidity-mntu tap-water 2026-03-01T00:00:00Z KR-DWQS-ANNEX1-2026 --max '{"value":"300"}' --from me-regulator`, mod),
					PositionalArgs: cliarg.Args("parameter", "standard_class", "effective_from", "legal_basis"),
				},
				{
					RpcMethod:      "SetOperationalBand",
					Use:            "set-band [site-id] [parameter]",
					Short:          "Set a site's operational band for a parameter (--min/--max, within the law; leaving it raises WARNING alerts; needs water.operator)",
					Example:        cliarg.Example(`tx %s set-band 3 ph-milli --min '{"value":"6500"}' --max '{"value":"8000"}' --from busan-water-operator`, mod),
					PositionalArgs: cliarg.Args("site_id", "parameter"),
				},
				{
					RpcMethod:      "ClearOperationalBand",
					Use:            "clear-band [site-id] [parameter]",
					Short:          "Remove a site's operational band for a parameter (needs water.operator)",
					Example:        cliarg.Example("tx %s clear-band 3 ph-milli --from busan-water-operator", mod),
					PositionalArgs: cliarg.Args("site_id", "parameter"),
				},
				{
					RpcMethod:      "SubmitReading",
					Use:            "submit-reading [phenomenon-time] [values...]",
					Short:          "Submit a reading, signed by the sensor itself (values as JSON measurements, in parameter order)",
					Example:        cliarg.Example(`tx %s submit-reading 2026-01-01T00:00:00Z '{"parameter":"PARAMETER_PH_MILLI","value":"7250"}' '{"parameter":"PARAMETER_TURBIDITY_MNTU","value":"80"}' --from sensor-1 --fee-granter civic1...`, mod),
					PositionalArgs: cliarg.Varargs("phenomenon_time", "values"),
				},
				{
					RpcMethod:      "SubmitBatch",
					Use:            "submit-batch [window-start] [window-end] [count] [merkle-root] [stats...]",
					Short:          "Anchor a window of raw readings by their Merkle root with per-parameter min, max, sum and mean, signed by the sensor itself",
					Example:        cliarg.Example(`tx %s submit-batch 2026-01-01T00:00:00Z 2026-01-01T00:59:00Z 60 %s '{"parameter":"PARAMETER_TURBIDITY_MNTU","min":"100","max":"159","sum":"7770","mean":"129"}' --from sensor-1 --fee-granter civic1...`, mod, digest),
					PositionalArgs: cliarg.Varargs("window_start", "window_end", "count", "merkle_root", "stats"),
				},
				{
					RpcMethod:      "AcknowledgeAlert",
					Use:            "acknowledge-alert [alert-id]",
					Short:          "Acknowledge an OPEN alert at a site of your agency (needs water.operator)",
					Example:        cliarg.Example("tx %s acknowledge-alert 1 --from busan-water-operator", mod),
					PositionalArgs: cliarg.Args("alert_id"),
				},
				{
					RpcMethod:      "ResolveAlert",
					Use:            "resolve-alert [alert-id] [corrective-action-digest]",
					Short:          "Resolve an ACKNOWLEDGED alert with the digest of the corrective action report, after a compliant reading (needs water.operator)",
					Example:        cliarg.Example("tx %s resolve-alert 1 %s --from busan-water-operator", mod, digest),
					PositionalArgs: cliarg.Args("alert_id", "corrective_action_digest"),
				},
				{
					RpcMethod:      "LinkAlert",
					Use:            "link-alert [alert-id] [incident-id]",
					Short:          "Tie an alert to an x/disaster incident, not closed, covering its district (needs disaster.coordinator, or water.operator of the site's agency)",
					Example:        cliarg.Example("tx %s link-alert 1 1 --from busan-safety-coordinator", mod),
					PositionalArgs: cliarg.Args("alert_id", "incident_id"),
				},
			},
		},
	}
}

package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// Legal bases of the default thresholds (x/water/README.md, Thresholds).
const (
	// LegalBasisDrinkingWater: 먹는물 수질기준 및 검사 등에 관한 규칙, annex 1.
	LegalBasisDrinkingWater = "KR-DWQS-ANNEX1"
	// LegalBasisTapChlorine: annex 1 (at most 4 mg/L) and 수도시설의 청소 및
	// 위생관리 등에 관한 규칙 (at least 0.1 mg/L free chlorine at the tap).
	LegalBasisTapChlorine = "KR-DWQS-ANNEX1+KR-WSHR-FREE-CL"
)

// GenesisEpoch is effective_from of the default thresholds: in force from
// the first block of any chain.
var GenesisEpoch = time.Unix(0, 0).UTC()

// DefaultThresholds are the legal standards a new chain starts with, version
// 1 each: pH 5800..8500 and residual chlorine 100..4000 µg/L for both
// classes; turbidity at most 500 mNTU for tap water and 1000 mNTU for small
// groundwater systems. Conductivity and temperature have no legal limit
// (NO_STANDARD): no version.
func DefaultThresholds() []Threshold {
	limit := func(v int64) *Limit { return &Limit{Value: v} }
	th := func(p Parameter, c StandardClass, min, max *Limit, basis string) Threshold {
		return Threshold{Parameter: p, StandardClass: c, Version: 1, Min: min, Max: max,
			EffectiveFrom: GenesisEpoch, LegalBasis: basis, SetAt: GenesisEpoch}
	}
	return []Threshold{
		th(ParameterPH, StandardClassTapWater, limit(5800), limit(8500), LegalBasisDrinkingWater),
		th(ParameterPH, StandardClassSmallGroundwater, limit(5800), limit(8500), LegalBasisDrinkingWater),
		th(ParameterResidualChlorine, StandardClassTapWater, limit(100), limit(4000), LegalBasisTapChlorine),
		th(ParameterResidualChlorine, StandardClassSmallGroundwater, limit(100), limit(4000), LegalBasisTapChlorine),
		th(ParameterTurbidity, StandardClassTapWater, nil, limit(500), LegalBasisDrinkingWater),
		th(ParameterTurbidity, StandardClassSmallGroundwater, nil, limit(1000), LegalBasisDrinkingWater),
	}
}

// DefaultGenesis is the state of a new chain: default params, the default
// thresholds, nothing else stored, ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:      DefaultParams(),
		Thresholds:  DefaultThresholds(),
		NextSiteId:  1,
		NextBatchId: 1,
		NextAlertId: 1,
	}
}

// pointKey identifies a stored point.
type pointKey struct {
	site   uint64
	param  Parameter
	time   int64
	sensor string
}

// seriesKey identifies a (site, parameter) series.
type seriesKey struct {
	site  uint64
	param Parameter
}

// openKey identifies the one open alert of a site, parameter and level.
type openKey struct {
	site  uint64
	param Parameter
	level AlertLevel
}

// Validate checks the genesis state is one the msg server could have
// produced: ids unique and below the next ids, every reference resolving,
// calibration histories and threshold versions numbered 1..n in order,
// latest values equal to the newest points, at most one open alert per
// (site, parameter, level), and every field well-formed. Addresses are
// checked by ValidateAddresses. Maps here are only looked up, never iterated.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextSiteId == 0 || gs.NextBatchId == 0 || gs.NextAlertId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_site_id, next_batch_id and next_alert_id start at 1")
	}
	fail := func(format string, args ...any) error { return errorsmod.Wrapf(ErrInvalidGenesis, format, args...) }

	sites := make(map[uint64]Site, len(gs.Sites))
	for _, s := range gs.Sites {
		if err := genesisio.CheckID("site", s.Id, gs.NextSiteId, sites); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validateSiteFields(s); err != nil {
			return fail("site %d: %s", s.Id, err)
		}
		if s.UpstreamSiteId != 0 {
			if _, ok := sites[s.UpstreamSiteId]; !ok || s.UpstreamSiteId >= s.Id {
				return fail("site %d: upstream site %d must be an earlier site", s.Id, s.UpstreamSiteId)
			}
		}
		sites[s.Id] = s
	}

	sensors := make(map[string]Sensor, len(gs.Sensors))
	for _, s := range gs.Sensors {
		if _, dup := sensors[s.Address]; dup {
			return fail("sensor %s listed twice", text.Quote(s.Address))
		}
		site, ok := sites[s.SiteId]
		if !ok {
			return fail("sensor %s: unknown site %d", text.Quote(s.Address), s.SiteId)
		}
		if site.AgencyId != s.AgencyId {
			return fail("sensor %s of agency %q is at site %d of agency %q", text.Quote(s.Address), s.AgencyId, s.SiteId, site.AgencyId)
		}
		if err := validateSensorFields(s); err != nil {
			return fail("sensor %s: %s", text.Quote(s.Address), err)
		}
		sensors[s.Address] = s
	}

	lastSeq := make(map[string]CalibrationRecord, len(gs.Sensors))
	for _, c := range gs.Calibrations {
		if _, ok := sensors[c.Sensor]; !ok {
			return fail("calibration %d: unknown sensor %s", c.Seq, text.Quote(c.Sensor))
		}
		if c.Seq != lastSeq[c.Sensor].Seq+1 {
			return fail("sensor %s: calibration seq %d follows %d", text.Quote(c.Sensor), c.Seq, lastSeq[c.Sensor].Seq)
		}
		if err := ValidateCalibration(c.Calibration); err != nil {
			return fail("sensor %s calibration %d: %s", text.Quote(c.Sensor), c.Seq, err)
		}
		if c.RecordedAt.IsZero() {
			return fail("sensor %s calibration %d: recorded_at is required", text.Quote(c.Sensor), c.Seq)
		}
		lastSeq[c.Sensor] = c
	}
	for _, s := range gs.Sensors {
		last := lastSeq[s.Address]
		if last.Seq != s.CalibrationCount {
			return fail("sensor %s: calibration_count is %d but its history has %d entries", text.Quote(s.Address), s.CalibrationCount, last.Seq)
		}
		if !sameCalibration(last.Calibration, s.Calibration) {
			return fail("sensor %s: its calibration is not the last of its history", text.Quote(s.Address))
		}
	}

	heads := make(map[string]time.Time, len(gs.SensorHeads))
	for _, h := range gs.SensorHeads {
		if _, ok := sensors[h.Sensor]; !ok {
			return fail("sensor head: unknown sensor %s", text.Quote(h.Sensor))
		}
		if _, dup := heads[h.Sensor]; dup {
			return fail("sensor %s has two heads", text.Quote(h.Sensor))
		}
		heads[h.Sensor] = h.Head.LastTime
	}

	if err := validateGenesisThresholds(gs.Thresholds); err != nil {
		return err
	}

	bands := make(map[seriesKey]struct{}, len(gs.Bands))
	for _, b := range gs.Bands {
		if _, ok := sites[b.SiteId]; !ok {
			return fail("band: unknown site %d", b.SiteId)
		}
		k := seriesKey{b.SiteId, b.Parameter}
		if _, dup := bands[k]; dup {
			return fail("site %d has two %s bands", b.SiteId, b.Parameter.Label())
		}
		bands[k] = struct{}{}
		if err := ValidateParameter(b.Parameter); err != nil {
			return fail("site %d band: %s", b.SiteId, err)
		}
		if err := ValidateLimits(b.Parameter, b.Min, b.Max, false); err != nil {
			return fail("site %d %s band: %s", b.SiteId, b.Parameter.Label(), err)
		}
		if b.Version == 0 || b.SetAt.IsZero() {
			return fail("site %d %s band: version and set_at are required", b.SiteId, b.Parameter.Label())
		}
	}

	batches := make(map[uint64]Batch, len(gs.Batches))
	for _, b := range gs.Batches {
		if err := genesisio.CheckID("batch", b.Id, gs.NextBatchId, batches); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		s, ok := sensors[b.Sensor]
		if !ok || s.SiteId != b.SiteId {
			return fail("batch %d: sensor %s is not a sensor of site %d", b.Id, text.Quote(b.Sensor), b.SiteId)
		}
		if err := validateBatchFields(b, gs.Params); err != nil {
			return fail("batch %d: %s", b.Id, err)
		}
		if head, ok := heads[b.Sensor]; !ok || b.WindowEnd.After(head) {
			return fail("batch %d ends after its sensor's head", b.Id)
		}
		batches[b.Id] = b
	}

	points := make(map[pointKey]Observation, len(gs.Observations))
	newest := make(map[seriesKey]Observation, len(gs.Latest))
	for i, o := range gs.Observations {
		if err := validateObservation(o, sites, sensors); err != nil {
			return fail("observation %d: %s", i, err)
		}
		k := pointKey{o.SiteId, o.Parameter, o.PhenomenonTime.UnixNano(), o.Sensor}
		if _, dup := points[k]; dup {
			return fail("observation %d: site %d %s at %s by %s listed twice", i, o.SiteId, o.Parameter.Label(), o.PhenomenonTime.UTC(), o.Sensor)
		}
		points[k] = o
		if o.BatchId != 0 {
			b, ok := batches[o.BatchId]
			if !ok || b.Sensor != o.Sensor || !b.WindowEnd.Equal(o.PhenomenonTime) {
				return fail("observation %d: batch %d is not a batch of %s ending at its time", i, o.BatchId, o.Sensor)
			}
		}
		if head, ok := heads[o.Sensor]; !ok || o.PhenomenonTime.After(head) {
			return fail("observation %d is after its sensor's head", i)
		}
		sk := seriesKey{o.SiteId, o.Parameter}
		if n, ok := newest[sk]; !ok || !o.PhenomenonTime.Before(n.PhenomenonTime) {
			newest[sk] = o
		}
	}
	latest := make(map[seriesKey]struct{}, len(gs.Latest))
	for _, l := range gs.Latest {
		sk := seriesKey{l.SiteId, l.Parameter}
		if _, dup := latest[sk]; dup {
			return fail("latest: site %d %s listed twice", l.SiteId, l.Parameter.Label())
		}
		latest[sk] = struct{}{}
		p, ok := points[pointKey{l.SiteId, l.Parameter, l.PhenomenonTime.UnixNano(), l.Sensor}]
		if !ok || !sameObservation(p, l) {
			return fail("latest of site %d %s is not a stored observation", l.SiteId, l.Parameter.Label())
		}
		if n := newest[sk]; n.PhenomenonTime.After(l.PhenomenonTime) {
			return fail("latest of site %d %s is at %s, a newer observation is at %s", l.SiteId, l.Parameter.Label(), l.PhenomenonTime.UTC(), n.PhenomenonTime.UTC())
		}
	}
	for _, o := range gs.Observations {
		if _, ok := latest[seriesKey{o.SiteId, o.Parameter}]; !ok {
			return fail("site %d %s has observations but no latest", o.SiteId, o.Parameter.Label())
		}
	}

	alerts := make(map[uint64]Alert, len(gs.Alerts))
	open := make(map[openKey]uint64, len(gs.Alerts))
	for _, a := range gs.Alerts {
		if err := genesisio.CheckID("alert", a.Id, gs.NextAlertId, alerts); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		site, ok := sites[a.SiteId]
		if !ok || site.DistrictCode != a.DistrictCode {
			return fail("alert %d: site %d does not exist or is not in district %s", a.Id, a.SiteId, text.Quote(a.DistrictCode))
		}
		if err := validateAlertFields(a); err != nil {
			return fail("alert %d: %s", a.Id, err)
		}
		if a.Status.IsOpen() {
			k := openKey{a.SiteId, a.Parameter, a.Level}
			if other, dup := open[k]; dup {
				return fail("alerts %d and %d are both open for site %d %s %s", other, a.Id, a.SiteId, a.Parameter.Label(), a.Level.Label())
			}
			open[k] = a.Id
		}
		alerts[a.Id] = a
	}
	return nil
}

// validateGenesisThresholds checks the threshold versions: ordered by
// (parameter, standard_class, version), versions 1..n, effective_from
// strictly increasing within a pair, fields well-formed.
func validateGenesisThresholds(ts []Threshold) error {
	for i, t := range ts {
		if err := ValidateParameter(t.Parameter); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %d: %s", i, err)
		}
		if err := ValidateStandardClass(t.StandardClass); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %d: %s", i, err)
		}
		if err := ValidateLimits(t.Parameter, t.Min, t.Max, false); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %s/%s version %d: %s", t.Parameter.Label(), t.StandardClass.Label(), t.Version, err)
		}
		if err := ValidateLegalBasis(t.LegalBasis); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %s/%s version %d: %s", t.Parameter.Label(), t.StandardClass.Label(), t.Version, err)
		}
		want := uint64(1)
		if i > 0 {
			prev := ts[i-1]
			if prev.Parameter > t.Parameter || (prev.Parameter == t.Parameter && prev.StandardClass > t.StandardClass) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "thresholds must be ordered by (parameter, standard_class): %s/%s follows %s/%s",
					t.Parameter.Label(), t.StandardClass.Label(), prev.Parameter.Label(), prev.StandardClass.Label())
			}
			if prev.Parameter == t.Parameter && prev.StandardClass == t.StandardClass {
				want = prev.Version + 1
				if !t.EffectiveFrom.After(prev.EffectiveFrom) {
					return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %s/%s version %d takes effect at %s, not after version %d's %s",
						t.Parameter.Label(), t.StandardClass.Label(), t.Version, t.EffectiveFrom.UTC(), prev.Version, prev.EffectiveFrom.UTC())
				}
			}
		}
		if t.Version != want {
			return errorsmod.Wrapf(ErrInvalidGenesis, "threshold %s/%s: version %d where %d is expected", t.Parameter.Label(), t.StandardClass.Label(), t.Version, want)
		}
	}
	return nil
}

func validateSiteFields(s Site) error {
	if err := agencytypes.ValidateAgencyID(s.AgencyId); err != nil {
		return err
	}
	if err := ValidateSiteKind(s.Kind); err != nil {
		return err
	}
	if err := ValidateSiteName(s.Name); err != nil {
		return err
	}
	if err := ValidateDistrict("district_code", s.DistrictCode); err != nil {
		return err
	}
	if err := ValidateSupplyBlock(s.SupplyBlock); err != nil {
		return err
	}
	if err := ValidateLocation(s.Kind, s.LatUdeg, s.LonUdeg); err != nil {
		return err
	}
	if err := ValidateStandardClass(s.StandardClass); err != nil {
		return err
	}
	if !s.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidStatus, "invalid status %s", s.Status)
	}
	if s.RegisteredAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "registered_at is required")
	}
	if (s.Status == SiteDecommissioned) != (s.DecommissionedAt != nil) {
		return errorsmod.Wrap(ErrInvalidGenesis, "decommissioned_at is set exactly when the site is DECOMMISSIONED")
	}
	return nil
}

func validateSensorFields(s Sensor) error {
	if err := agencytypes.ValidateAgencyID(s.AgencyId); err != nil {
		return err
	}
	if err := ValidateParameters(s.Parameters); err != nil {
		return err
	}
	if err := ValidateCode("model", s.Model, MaxModelLength); err != nil {
		return err
	}
	if err := ValidateDigest("serial_digest", s.SerialDigest); err != nil {
		return err
	}
	if err := ValidateCalibration(s.Calibration); err != nil {
		return err
	}
	if !s.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidStatus, "invalid status %s", s.Status)
	}
	if s.RegisteredAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "registered_at is required")
	}
	return nil
}

func validateBatchFields(b Batch, p Params) error {
	if err := ValidateBatchStats(b.Count, p.MaxBatchCount, b.Stats); err != nil {
		return err
	}
	if b.WindowEnd.Before(b.WindowStart) {
		return errorsmod.Wrap(ErrInvalidBatch, "window_end is before window_start")
	}
	if err := ValidateDigest("merkle_root", b.MerkleRoot); err != nil {
		return err
	}
	if b.SubmittedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "submitted_at is required")
	}
	return nil
}

func validateObservation(o Observation, sites map[uint64]Site, sensors map[string]Sensor) error {
	if _, ok := sites[o.SiteId]; !ok {
		return errorsmod.Wrapf(ErrInvalidGenesis, "unknown site %d", o.SiteId)
	}
	s, ok := sensors[o.Sensor]
	if !ok || s.SiteId != o.SiteId {
		return errorsmod.Wrapf(ErrInvalidGenesis, "sensor %s is not a sensor of site %d", text.Quote(o.Sensor), o.SiteId)
	}
	if err := ValidateValue(o.Parameter, o.Value); err != nil {
		return err
	}
	if o.PhenomenonTime.IsZero() || o.ResultTime.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "phenomenon_time and result_time are required")
	}
	return nil
}

func validateAlertFields(a Alert) error {
	if err := ValidateParameter(a.Parameter); err != nil {
		return err
	}
	if !a.Kind.IsValid() || !a.Level.IsValid() || !a.Source.IsValid() || !a.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidStatus, "kind %s, level %s, source %s and status %s must be named", a.Kind, a.Level, a.Source, a.Status)
	}
	if a.ExceedanceCount == 0 || a.FirstAt.IsZero() || a.LastAt.Before(a.FirstAt) || a.OpenedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "exceedance_count >= 1, first_at <= last_at and opened_at are required")
	}
	acked := a.Status == AlertAcknowledged || a.Status == AlertResolved
	if acked != (a.AcknowledgedAt != nil && a.AcknowledgedBy != "") {
		return errorsmod.Wrapf(ErrInvalidGenesis, "a %s alert has acknowledged_at and acknowledged_by exactly when acknowledged", a.Status.Label())
	}
	resolved := a.Status == AlertResolved
	if resolved != (a.ResolvedAt != nil && a.ResolvedBy != "" && a.CorrectiveActionDigest != "") {
		return errorsmod.Wrapf(ErrInvalidGenesis, "a %s alert has resolved_at, resolved_by and corrective_action_digest exactly when resolved", a.Status.Label())
	}
	if resolved {
		if err := ValidateDigest("corrective_action_digest", a.CorrectiveActionDigest); err != nil {
			return err
		}
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the
// chain's codec and is in its canonical (lowercase) form.
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: invalid address %s: %s", what, text.Quote(addr), err)
		}
		return nil
	}
	optional := func(what, addr string) error {
		if addr == "" {
			return nil
		}
		return check(what, addr)
	}
	for _, s := range gs.Sites {
		if err := check("site registered_by", s.RegisteredBy); err != nil {
			return err
		}
	}
	for _, s := range gs.Sensors {
		if err := check("sensor address", s.Address); err != nil {
			return err
		}
		if err := check("sensor registered_by", s.RegisteredBy); err != nil {
			return err
		}
	}
	for _, c := range gs.Calibrations {
		if err := check("calibration recorded_by", c.RecordedBy); err != nil {
			return err
		}
	}
	for _, t := range gs.Thresholds {
		// A threshold of the genesis file itself has no setter.
		if err := optional("threshold set_by", t.SetBy); err != nil {
			return err
		}
	}
	for _, b := range gs.Bands {
		if err := check("band set_by", b.SetBy); err != nil {
			return err
		}
	}
	for _, a := range gs.Alerts {
		if err := optional("alert acknowledged_by", a.AcknowledgedBy); err != nil {
			return err
		}
		if err := optional("alert resolved_by", a.ResolvedBy); err != nil {
			return err
		}
	}
	return nil
}

// sameCalibration reports whether two calibrations are equal (times by instant).
func sameCalibration(a, b Calibration) bool {
	return a.CertificateDigest == b.CertificateDigest && a.CalibratedAt.Equal(b.CalibratedAt) && a.DueAt.Equal(b.DueAt)
}

// sameObservation reports whether two observations are equal (times by instant).
func sameObservation(a, b Observation) bool {
	return a.SiteId == b.SiteId && a.Parameter == b.Parameter && a.PhenomenonTime.Equal(b.PhenomenonTime) &&
		a.Sensor == b.Sensor && a.Value == b.Value && a.ResultTime.Equal(b.ResultTime) && a.BatchId == b.BatchId
}

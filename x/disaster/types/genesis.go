package types

import (
	"errors"
	"slices"

	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:         DefaultParams(),
		NextIncidentId: 1,
		NextAlertId:    1,
	}
}

// revisionKey identifies a revision record: (incident_id, revision).
type revisionKey struct{ incident, revision uint64 }

// broadcastKey identifies a public alert's broadcast within its incident.
type broadcastKey struct {
	incident uint64
	digest   string
}

// descriptionKey identifies an incident's description within its agency.
type descriptionKey struct{ agency, digest string }

// Validate checks the genesis state is one the msg server could have produced:
// unique ids below the next ids; every incident well-formed, with closed_at set
// exactly when CLOSED and a description unique in its agency; every incident's
// revisions numbered 1..revision, the first carrying the description digest and
// the last equal to the incident's severity and districts; every alert naming
// an existing incident and revision, with districts within that revision's and
// a level at most its severity, each broadcast once per incident; and
// alert_count equal to the alerts of each incident. District lists are held to
// the hard bound MaxDistricts, not to the params (governance may lower a bound
// below what older records hold). Addresses are checked by ValidateAddresses,
// which needs the chain's address codec. Maps here are only looked up, never
// iterated.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextIncidentId == 0 || gs.NextAlertId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_incident_id and next_alert_id start at 1")
	}

	incidents := make(map[uint64]Incident, len(gs.Incidents))
	descriptions := make(map[descriptionKey]uint64, len(gs.Incidents))
	for _, inc := range gs.Incidents {
		if err := genesisio.CheckID("incident", inc.Id, gs.NextIncidentId, incidents); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validateIncidentFields(inc); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: %s", inc.Id, err)
		}
		key := descriptionKey{inc.AgencyId, inc.DescriptionDigest}
		if other, dup := descriptions[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: agency %s already declared incident %d with description %s", inc.Id, text.Quote(inc.AgencyId), other, inc.DescriptionDigest)
		}
		descriptions[key] = inc.Id
		incidents[inc.Id] = inc
	}

	revisions := make(map[revisionKey]IncidentRevision, len(gs.Revisions))
	lastRevision := make(map[uint64]uint64, len(gs.Incidents))
	for _, r := range gs.Revisions {
		inc, ok := incidents[r.IncidentId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "revision %d: unknown incident %d", r.Revision, r.IncidentId)
		}
		if want := lastRevision[r.IncidentId] + 1; r.Revision != want {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: revision %d where %d is expected", r.IncidentId, r.Revision, want)
		}
		if err := validateRevisionFields(r, inc); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d revision %d: %s", r.IncidentId, r.Revision, err)
		}
		revisions[revisionKey{r.IncidentId, r.Revision}] = r
		lastRevision[r.IncidentId] = r.Revision
	}
	for _, inc := range gs.Incidents {
		if lastRevision[inc.Id] != inc.Revision {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: revision is %d but %d revision records name it", inc.Id, inc.Revision, lastRevision[inc.Id])
		}
		last := revisions[revisionKey{inc.Id, inc.Revision}]
		if last.Severity != inc.Severity || !slices.Equal(last.AffectedDistricts, inc.AffectedDistricts) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: severity and districts differ from its revision %d", inc.Id, inc.Revision)
		}
	}

	alerts := make(map[uint64]struct{}, len(gs.Alerts))
	broadcasts := make(map[broadcastKey]uint64, len(gs.Alerts))
	alertCount := make(map[uint64]uint64, len(gs.Incidents))
	for _, a := range gs.Alerts {
		if err := genesisio.CheckID("public alert", a.Id, gs.NextAlertId, alerts); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		alerts[a.Id] = struct{}{}
		if _, ok := incidents[a.IncidentId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "public alert %d: unknown incident %d", a.Id, a.IncidentId)
		}
		rev, ok := revisions[revisionKey{a.IncidentId, a.IncidentRevision}]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "public alert %d: incident %d has no revision %d", a.Id, a.IncidentId, a.IncidentRevision)
		}
		if err := ValidateAlertFields(a, rev); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "public alert %d: %s", a.Id, err)
		}
		key := broadcastKey{a.IncidentId, a.BroadcastDigest}
		if other, dup := broadcasts[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "public alert %d: broadcast %s already recorded for incident %d as alert %d", a.Id, a.BroadcastDigest, a.IncidentId, other)
		}
		broadcasts[key] = a.Id
		alertCount[a.IncidentId]++
	}
	for _, inc := range gs.Incidents {
		if inc.AlertCount != alertCount[inc.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "incident %d: alert_count is %d but %d public alerts name it", inc.Id, inc.AlertCount, alertCount[inc.Id])
		}
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the chain's
// codec and is in its canonical (lowercase) form (accaddr.Parse, as in messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what string, id uint64, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s of %d: invalid address %s: %s", what, id, text.Quote(addr), err)
		}
		return nil
	}
	for _, inc := range gs.Incidents {
		if err := check("incident declared_by", inc.Id, inc.DeclaredBy); err != nil {
			return err
		}
	}
	for _, r := range gs.Revisions {
		if err := check("revision changed_by", r.IncidentId, r.ChangedBy); err != nil {
			return err
		}
	}
	for _, a := range gs.Alerts {
		if err := check("public alert issued_by", a.Id, a.IssuedBy); err != nil {
			return err
		}
	}
	return nil
}

// ValidateAlertFields checks a stored public alert against the incident
// revision it was issued under: districts ascending and within the revision's,
// level at most the revision's severity, a valid message code and broadcast
// digest, issuer and time set. Genesis and the invariants use it.
func ValidateAlertFields(a PublicAlert, rev IncidentRevision) error {
	if err := ValidateStoredDistricts("districts", a.Districts, MaxDistricts); err != nil {
		return err
	}
	if d := FirstMissing(a.Districts, rev.AffectedDistricts); d != "" {
		return errorsmod.Wrapf(ErrDistrictNotAffected, "district %s is not among the affected districts of incident %d revision %d", d, rev.IncidentId, rev.Revision)
	}
	if err := ValidateSeverity("level", a.Level); err != nil {
		return err
	}
	if a.Level > rev.Severity {
		return errorsmod.Wrapf(ErrLevelAboveSeverity, "level %s is above the severity %s of incident %d revision %d", a.Level.Label(), rev.Severity.Label(), rev.IncidentId, rev.Revision)
	}
	if err := ValidateMessageCode(a.MessageCode); err != nil {
		return err
	}
	if err := ValidateDigest("broadcast_digest", a.BroadcastDigest); err != nil {
		return err
	}
	if a.IssuedBy == "" || a.IssuedAt.IsZero() {
		return errors.New("issued_by and issued_at are required")
	}
	return nil
}

func validateIncidentFields(inc Incident) error {
	if err := agencytypes.ValidateAgencyID(inc.AgencyId); err != nil {
		return err
	}
	if err := ValidateType(inc.Type); err != nil {
		return err
	}
	if err := ValidateStoredDistricts("affected_districts", inc.AffectedDistricts, MaxDistricts); err != nil {
		return err
	}
	if err := ValidateSeverity("severity", inc.Severity); err != nil {
		return err
	}
	if err := ValidateDigest("description_digest", inc.DescriptionDigest); err != nil {
		return err
	}
	if !inc.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidStatus, "invalid status %s", inc.Status.Label())
	}
	if inc.DeclaredBy == "" || inc.DeclaredAt.IsZero() {
		return errors.New("declared_by and declared_at are required")
	}
	if inc.UpdatedAt.Before(inc.DeclaredAt) {
		return errors.New("updated_at is before declared_at")
	}
	if (inc.Status == IncidentStatusClosed) == inc.ClosedAt.IsZero() {
		return errors.New("closed_at must be set exactly when the incident is CLOSED")
	}
	if !inc.ClosedAt.IsZero() && !inc.ClosedAt.Equal(inc.UpdatedAt) {
		return errors.New("closed_at must equal updated_at (closing is the last change)")
	}
	if inc.Revision == 0 {
		return errors.New("revision starts at 1 (the declaration)")
	}
	return nil
}

func validateRevisionFields(r IncidentRevision, inc Incident) error {
	if err := ValidateSeverity("severity", r.Severity); err != nil {
		return err
	}
	if err := ValidateStoredDistricts("affected_districts", r.AffectedDistricts, MaxDistricts); err != nil {
		return err
	}
	if err := ValidateDigest("reason_digest", r.ReasonDigest); err != nil {
		return err
	}
	if r.Revision == 1 && (r.ReasonDigest != inc.DescriptionDigest || r.ChangedBy != inc.DeclaredBy || !r.ChangedAt.Equal(inc.DeclaredAt)) {
		return errors.New("revision 1 is the declaration: description_digest as reason_digest, changed by declared_by at declared_at")
	}
	if r.ChangedBy == "" || r.ChangedAt.IsZero() {
		return errors.New("changed_by and changed_at are required")
	}
	return nil
}

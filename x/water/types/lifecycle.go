package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/enum"
	"github.com/civicchain/civic/internal/lifecycle"
)

// SiteTransitions is the site lifecycle: ACTIVE -> DECOMMISSIONED (final).
var SiteTransitions = lifecycle.Table[SiteStatus]{
	{From: SiteActive, To: SiteDecommissioned}, // DecommissionSite
}

// SensorTransitions is the sensor lifecycle: ACTIVE <-> SUSPENDED, either ->
// RETIRED (final). SetSensorStatus takes every edge.
var SensorTransitions = lifecycle.Table[SensorStatus]{
	{From: SensorActive, To: SensorSuspended},
	{From: SensorSuspended, To: SensorActive},
	{From: SensorActive, To: SensorRetired},
	{From: SensorSuspended, To: SensorRetired},
}

// AlertTransitions is the alert lifecycle: OPEN -> ACKNOWLEDGED -> RESOLVED.
var AlertTransitions = lifecycle.Table[AlertStatus]{
	{From: AlertOpen, To: AlertAcknowledged},     // AcknowledgeAlert
	{From: AlertAcknowledged, To: AlertResolved}, // ResolveAlert
}

// ValidateSiteTransition returns ErrInvalidTransition, naming both statuses,
// unless the site lifecycle has the edge from -> to.
func ValidateSiteTransition(from, to SiteStatus) error {
	return invalidTransition(SiteTransitions.Check("site", from, to))
}

// ValidateSensorTransition returns ErrInvalidTransition, naming both
// statuses, unless the sensor lifecycle has the edge from -> to.
func ValidateSensorTransition(from, to SensorStatus) error {
	return invalidTransition(SensorTransitions.Check("sensor", from, to))
}

// ValidateAlertTransition returns ErrInvalidTransition, naming both statuses,
// unless the alert lifecycle has the edge from -> to.
func ValidateAlertTransition(from, to AlertStatus) error {
	return invalidTransition(AlertTransitions.Check("alert", from, to))
}

// invalidTransition wraps a lifecycle.Table.Check failure in ErrInvalidTransition.
func invalidTransition(err error) error {
	if err == nil {
		return nil
	}
	return errorsmod.Wrap(ErrInvalidTransition, err.Error())
}

// IsValid reports whether p is a named parameter other than UNSPECIFIED.
func (p Parameter) IsValid() bool { return enum.Named(Parameter_name, p) }

// Label is the parameter without its enum prefix, e.g. "PH_MILLI".
func (p Parameter) Label() string { return enum.Label(Parameter_name, p) }

// IsValid reports whether k is a named kind other than UNSPECIFIED.
func (k SiteKind) IsValid() bool { return enum.Named(SiteKind_name, k) }

// Label is the kind without its enum prefix, e.g. "TAP".
func (k SiteKind) Label() string { return enum.Label(SiteKind_name, k) }

// IsValid reports whether c is a named class other than UNSPECIFIED.
func (c StandardClass) IsValid() bool { return enum.Named(StandardClass_name, c) }

// Label is the class without its enum prefix, e.g. "TAP_WATER".
func (c StandardClass) Label() string { return enum.Label(StandardClass_name, c) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s SiteStatus) IsValid() bool { return enum.Named(SiteStatus_name, s) }

// Label is the status without its enum prefix, e.g. "ACTIVE".
func (s SiteStatus) Label() string { return enum.Label(SiteStatus_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s SensorStatus) IsValid() bool { return enum.Named(SensorStatus_name, s) }

// Label is the status without its enum prefix, e.g. "SUSPENDED".
func (s SensorStatus) Label() string { return enum.Label(SensorStatus_name, s) }

// IsValid reports whether k is BELOW_MIN or ABOVE_MAX.
func (k AlertKind) IsValid() bool { return enum.Named(AlertKind_name, k) }

// Label is the kind without its enum prefix, e.g. "ABOVE_MAX".
func (k AlertKind) Label() string { return enum.Label(AlertKind_name, k) }

// IsValid reports whether l is LEGAL or WARNING.
func (l AlertLevel) IsValid() bool { return enum.Named(AlertLevel_name, l) }

// Label is the level without its enum prefix, e.g. "LEGAL".
func (l AlertLevel) Label() string { return enum.Label(AlertLevel_name, l) }

// IsValid reports whether s is READING or BATCH.
func (s AlertSource) IsValid() bool { return enum.Named(AlertSource_name, s) }

// Label is the source without its enum prefix, e.g. "BATCH".
func (s AlertSource) Label() string { return enum.Label(AlertSource_name, s) }

// IsValid reports whether s is a named status other than UNSPECIFIED.
func (s AlertStatus) IsValid() bool { return enum.Named(AlertStatus_name, s) }

// Label is the status without its enum prefix, e.g. "ACKNOWLEDGED".
func (s AlertStatus) Label() string { return enum.Label(AlertStatus_name, s) }

// IsOpen reports whether an alert of status s is not yet resolved.
func (s AlertStatus) IsOpen() bool { return s == AlertOpen || s == AlertAcknowledged }

// Label is the compliance without its enum prefix, e.g. "NO_STANDARD".
func (c Compliance) Label() string { return enum.Label(Compliance_name, c) }

// Label is the verdict without its enum prefix, e.g. "NO_RECENT_DATA".
func (v Verdict) Label() string { return enum.Label(Verdict_name, v) }

package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

// Parameter defaults and bounds.
const (
	// MaxDistricts is the hard bound on the districts of an incident or an
	// alert: max_districts_per_incident may not exceed it.
	MaxDistricts uint32 = 64
	// DefaultMaxDistrictsPerIncident allows every si/gun/gu of a large province.
	DefaultMaxDistrictsPerIncident = MaxDistricts
	// DefaultMaxRevisionsPerIncident allows an update an hour for four days.
	DefaultMaxRevisionsPerIncident uint32 = 100
	MaxMaxRevisionsPerIncident     uint32 = 10_000
	// DefaultMaxAlertsPerIncident allows an alert every ten minutes for a week.
	DefaultMaxAlertsPerIncident uint32 = 1_000
	MaxMaxAlertsPerIncident     uint32 = 100_000
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxDistrictsPerIncident: DefaultMaxDistrictsPerIncident,
		MaxRevisionsPerIncident: DefaultMaxRevisionsPerIncident,
		MaxAlertsPerIncident:    DefaultMaxAlertsPerIncident,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := bounds.First(
		bounds.Range("max_districts_per_incident", p.MaxDistrictsPerIncident, 1, MaxDistricts),
		bounds.Range("max_revisions_per_incident", p.MaxRevisionsPerIncident, 1, MaxMaxRevisionsPerIncident),
		bounds.Range("max_alerts_per_incident", p.MaxAlertsPerIncident, 1, MaxMaxAlertsPerIncident),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}

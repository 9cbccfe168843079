package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

const (
	// DefaultMaxMembersPerAgency is the default member bound of an agency.
	DefaultMaxMembersPerAgency uint32 = 1000
	// MaxMembersPerAgencyLimit is the hard ceiling governance may set; it bounds the loop
	// of MsgSetAgencyRoles over an agency's members.
	MaxMembersPerAgencyLimit uint32 = 10_000

	// DefaultOfferTTLSeconds is how long an offer can be accepted by default (7 days).
	DefaultOfferTTLSeconds uint64 = 7 * 24 * 3600
	// MinOfferTTLSeconds and MaxOfferTTLSeconds bound params.offer_ttl_seconds (1 hour to 90 days).
	MinOfferTTLSeconds uint64 = 3600
	MaxOfferTTLSeconds uint64 = 90 * 24 * 3600

	// DefaultMaxPendingOffersPerAgency is the default bound of an agency's pending membership offers.
	DefaultMaxPendingOffersPerAgency uint32 = 100
	// MaxPendingOffersPerAgencyLimit is the hard ceiling governance may set.
	MaxPendingOffersPerAgencyLimit uint32 = 1000
)

// DefaultParams returns the default module params.
func DefaultParams() Params {
	return Params{
		MaxMembersPerAgency:       DefaultMaxMembersPerAgency,
		OfferTtlSeconds:           DefaultOfferTTLSeconds,
		MaxPendingOffersPerAgency: DefaultMaxPendingOffersPerAgency,
	}
}

// Validate checks the params.
func (p Params) Validate() error {
	if err := bounds.First(
		bounds.Range("max_members_per_agency", p.MaxMembersPerAgency, 1, MaxMembersPerAgencyLimit),
		bounds.Range("offer_ttl_seconds", p.OfferTtlSeconds, MinOfferTTLSeconds, MaxOfferTTLSeconds),
		bounds.Range("max_pending_offers_per_agency", p.MaxPendingOffersPerAgency, 1, MaxPendingOffersPerAgencyLimit),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	return nil
}

package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1; InitGenesis opens period 1 at the genesis time.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:        DefaultParams(),
		NextTripId:    1,
		NextBatchId:   1,
		NextDisputeId: 1,
	}
}

// Validate checks the genesis state is one the msg server could have produced.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextTripId == 0 || gs.NextBatchId == 0 || gs.NextDisputeId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_trip_id, next_batch_id and next_dispute_id start at 1")
	}
	for i, p := range gs.Periods {
		if p.Id != uint64(i+1) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "periods[%d] has id %d, want %d (periods are numbered from 1 without gaps)", i, p.Id, i+1)
		}
		last := i == len(gs.Periods)-1
		if last != (p.Status == PeriodOpen) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "period %d is %s: exactly the last period is OPEN", p.Id, p.Status)
		}
	}
	return nil
}

// ValidateAddresses checks every address of the state decodes with ac.
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if addr == "" {
			return nil
		}
		if _, err := ac.StringToBytes(addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: address %q: %s", what, addr, err)
		}
		return nil
	}
	for _, o := range gs.Operators {
		if o.SettlementAccount == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "operator %s has no settlement account", o.AgencyId)
		}
		if err := check("operator "+o.AgencyId, o.SettlementAccount); err != nil {
			return err
		}
	}
	for _, l := range gs.SpendingLimits {
		if l.Payer == "" {
			return errorsmod.Wrap(ErrInvalidGenesis, "spending limit without payer")
		}
		if err := check("spending limit", l.Payer); err != nil {
			return err
		}
	}
	for _, t := range gs.Trips {
		if t.PaymentMethod == PaymentAccount && t.Payer == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "ACCOUNT trip %d without payer", t.Id)
		}
		if err := check("trip payer", t.Payer); err != nil {
			return err
		}
		if err := check("trip recorded_by", t.RecordedBy); err != nil {
			return err
		}
	}
	for _, d := range gs.Disputes {
		if err := check("dispute opened_by", d.OpenedBy); err != nil {
			return err
		}
	}
	return nil
}

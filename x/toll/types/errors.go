package types

import errorsmod "cosmossdk.io/errors"

// x/toll errors, codespace "toll". Codes start at 2 and are append-only:
// never renumber or reuse one.
var (
	ErrInvalidParams         = errorsmod.Register(ModuleName, 2, "invalid parameters")
	ErrInvalidID             = errorsmod.Register(ModuleName, 3, "invalid identifier")
	ErrOperatorNotRegistered = errorsmod.Register(ModuleName, 4, "operator not registered")
	ErrPlazaExists           = errorsmod.Register(ModuleName, 5, "plaza already exists")
	ErrPlazaNotFound         = errorsmod.Register(ModuleName, 6, "plaza not found")
	ErrInvalidSegment        = errorsmod.Register(ModuleName, 7, "invalid segment")
	ErrSegmentOverlap        = errorsmod.Register(ModuleName, 8, "segment overlaps an existing segment")
	ErrRouteNotCovered       = errorsmod.Register(ModuleName, 9, "route stretch not covered by segments")
	ErrInvalidTariff         = errorsmod.Register(ModuleName, 10, "invalid tariff")
	ErrTariffOverlap         = errorsmod.Register(ModuleName, 11, "tariff version overlaps an existing version")
	ErrTariffNotFound        = errorsmod.Register(ModuleName, 12, "no tariff in effect")
	ErrInvalidVehicleClass   = errorsmod.Register(ModuleName, 13, "vehicle class outside 1-5")
	ErrInvalidDiscount       = errorsmod.Register(ModuleName, 14, "invalid discount code")
	ErrInvalidTime           = errorsmod.Register(ModuleName, 15, "invalid time")
	ErrExitBeforeEntry       = errorsmod.Register(ModuleName, 16, "exit time before entry time")
	ErrRouteMismatch         = errorsmod.Register(ModuleName, 17, "entry and exit plazas are on different routes")
	ErrSamePlaza             = errorsmod.Register(ModuleName, 18, "entry and exit plaza are the same")
	ErrInvalidPaymentMethod  = errorsmod.Register(ModuleName, 19, "invalid payment method")
	ErrInvalidDigest         = errorsmod.Register(ModuleName, 20, "invalid digest")
	ErrAmountOverflow        = errorsmod.Register(ModuleName, 21, "amount overflows")
	ErrInvalidAmount         = errorsmod.Register(ModuleName, 22, "invalid amount")
	ErrTripNotFound          = errorsmod.Register(ModuleName, 23, "trip not found")
	ErrTripNotUnpaid         = errorsmod.Register(ModuleName, 24, "trip is not unpaid")
	ErrWrongOperator         = errorsmod.Register(ModuleName, 25, "signer acts for another operator")
	ErrInvalidBatch          = errorsmod.Register(ModuleName, 26, "invalid trip batch")
	ErrBatchNotFound         = errorsmod.Register(ModuleName, 27, "trip batch not found")
	ErrInvalidProof          = errorsmod.Register(ModuleName, 28, "invalid merkle proof")
	ErrPeriodNotFound        = errorsmod.Register(ModuleName, 29, "settlement period not found")
	ErrInvalidTransition     = errorsmod.Register(ModuleName, 30, "illegal period transition")
	ErrNotParticipant        = errorsmod.Register(ModuleName, 31, "operator is not a participant of the period")
	ErrAlreadyConfirmed      = errorsmod.Register(ModuleName, 32, "operator already confirmed the period")
	ErrTotalsMismatch        = errorsmod.Register(ModuleName, 33, "totals do not match the chain's")
	ErrNotSettlementAccount  = errorsmod.Register(ModuleName, 34, "signer is not the operator's settlement account")
	ErrOpenDispute           = errorsmod.Register(ModuleName, 35, "period has an open dispute")
	ErrAlreadySettled        = errorsmod.Register(ModuleName, 36, "period already settled")
	ErrDisputeNotFound       = errorsmod.Register(ModuleName, 37, "dispute not found")
	ErrDisputeExists         = errorsmod.Register(ModuleName, 38, "target already has an open dispute")
	ErrInvalidDispute        = errorsmod.Register(ModuleName, 39, "invalid dispute")
	ErrDisputeResolved       = errorsmod.Register(ModuleName, 40, "dispute already resolved")
	ErrInvalidRefund         = errorsmod.Register(ModuleName, 41, "invalid refund")
	ErrNotDisputant          = errorsmod.Register(ModuleName, 42, "signer may not dispute this target")
	ErrInvalidReason         = errorsmod.Register(ModuleName, 43, "invalid reason code")
	ErrPeriodNotDisputable   = errorsmod.Register(ModuleName, 44, "period no longer accepts disputes")
	ErrTooMany               = errorsmod.Register(ModuleName, 46, "list too long")
	ErrTripTooOld            = errorsmod.Register(ModuleName, 47, "trip exit is too old to record")
	ErrTripInFuture          = errorsmod.Register(ModuleName, 48, "trip exit lies after the block time")
	ErrTripTooLong           = errorsmod.Register(ModuleName, 49, "trip lasts longer than allowed")
)

// ErrInvalidGenesis is a genesis state the msg server could not have produced.
var ErrInvalidGenesis = errorsmod.Register(ModuleName, 50, "invalid genesis state")

var (
	ErrInvalidPosition       = errorsmod.Register(ModuleName, 51, "invalid route position")
	ErrSpendingLimitNotFound = errorsmod.Register(ModuleName, 52, "no spending limit")
	ErrInsufficientFunds     = errorsmod.Register(ModuleName, 53, "insufficient funds")
)

// Settlement hardening (issue 11): codes 54-69.
var (
	ErrPeriodCapExceeded   = errorsmod.Register(ModuleName, 54, "period accrual cap exceeded")
	ErrDisputeDecided      = errorsmod.Register(ModuleName, 55, "target already has a dispute")
	ErrNotAppealable       = errorsmod.Register(ModuleName, 56, "dispute cannot be appealed")
	ErrConfirmationPending = errorsmod.Register(ModuleName, 57, "confirmations pending before the deadline")
	ErrPeriodTooShort      = errorsmod.Register(ModuleName, 58, "period is too short to submit")
)

// Network hardening (issue 11): codes 70-89.
var (
	ErrNotAgencyAdmin       = errorsmod.Register(ModuleName, 70, "signer is not the agency's admin")
	ErrAgencyNotEligible    = errorsmod.Register(ModuleName, 71, "agency may not run as a toll operator")
	ErrRouteExists          = errorsmod.Register(ModuleName, 72, "route already registered")
	ErrRouteNotFound        = errorsmod.Register(ModuleName, 73, "route not registered")
	ErrNotRouteOwner        = errorsmod.Register(ModuleName, 74, "signer does not act for the route's owner")
	ErrSegmentNotFound      = errorsmod.Register(ModuleName, 75, "segment not found")
	ErrSegmentInUse         = errorsmod.Register(ModuleName, 76, "segment carries trips of another operator's plazas")
	ErrDuplicateTrip        = errorsmod.Register(ModuleName, 77, "trip already recorded")
	ErrTariffNoticeTooShort = errorsmod.Register(ModuleName, 78, "tariff takes effect before the minimum notice")
	ErrTariffAboveMax       = errorsmod.Register(ModuleName, 79, "tariff rate above the params maximum")
)

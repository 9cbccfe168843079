package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key, module account and error codespace.
	ModuleName = "welfare"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey                = collections.NewPrefix(0)
	GroupsKey                = collections.NewPrefix(1)
	LastProgramIDKey         = collections.NewPrefix(2)
	ProgramsKey              = collections.NewPrefix(3)
	ProgramsByAgencyKey      = collections.NewPrefix(4)
	LastEnrolmentIDKey       = collections.NewPrefix(5)
	EnrolmentsKey            = collections.NewPrefix(6)
	EnrolmentsByProgramKey   = collections.NewPrefix(7)
	EnrolmentsByStatusKey    = collections.NewPrefix(8)
	SlotsKey                 = collections.NewPrefix(9)
	LastEntitlementIDKey     = collections.NewPrefix(10)
	EntitlementsKey          = collections.NewPrefix(11)
	EntitlementsByProgramKey = collections.NewPrefix(12)
	EntitlementsByPayeeKey   = collections.NewPrefix(13)
	PayeeLiveKey             = collections.NewPrefix(14)
	CyclesKey                = collections.NewPrefix(15)
	PaymentsKey              = collections.NewPrefix(16)
	LastFindingIDKey         = collections.NewPrefix(17)
	FindingsKey              = collections.NewPrefix(18)
	FindingsByProgramKey     = collections.NewPrefix(19)
)

// Reason codes the module writes itself when a write releases a lapsed
// enrolment (EventSlotReleased.reason, Enrolment.exit_reason).
const (
	// ReasonEntitlementExpired: the enrolment's latest entitlement is past valid_until.
	ReasonEntitlementExpired = "ENTITLEMENT_EXPIRED"
	// ReasonProgramClosed: the enrolment's program is CLOSED.
	ReasonProgramClosed = "PROGRAM_CLOSED"
	// ReasonNotEligible: the eligibility decision was NOT_ELIGIBLE.
	ReasonNotEligible = "NOT_ELIGIBLE"
	// ReasonExited: a caseworker exited the enrolment.
	ReasonExited = "EXITED"
	// ReasonEnrolmentExited: an entitlement ended because its enrolment exited.
	ReasonEnrolmentExited = "ENROLMENT_EXITED"
	// ReasonAuditHold and ReasonEnrolmentPaused are the details of a payment skipped as SUSPENDED.
	ReasonAuditHold       = "AUDIT_HOLD"
	ReasonEnrolmentPaused = "ENROLMENT_PAUSED"
	ReasonSuspended       = "SUSPENDED"
)

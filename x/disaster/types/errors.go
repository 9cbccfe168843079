package types

import errorsmod "cosmossdk.io/errors"

// x/disaster errors, codespace "disaster". Codes start at 2 and are
// append-only: never renumber or reuse one.
var (
	ErrInvalidDigest       = errorsmod.Register(ModuleName, 2, "invalid digest")
	ErrInvalidDistrict     = errorsmod.Register(ModuleName, 3, "invalid district code")
	ErrInvalidDistricts    = errorsmod.Register(ModuleName, 4, "invalid district list")
	ErrInvalidType         = errorsmod.Register(ModuleName, 5, "invalid incident type")
	ErrInvalidSeverity     = errorsmod.Register(ModuleName, 6, "invalid severity")
	ErrInvalidStatus       = errorsmod.Register(ModuleName, 7, "invalid incident status")
	ErrInvalidMessageCode  = errorsmod.Register(ModuleName, 8, "invalid message code")
	ErrInvalidID           = errorsmod.Register(ModuleName, 9, "invalid id")
	ErrIncidentNotFound    = errorsmod.Register(ModuleName, 10, "incident not found")
	ErrDuplicateIncident   = errorsmod.Register(ModuleName, 11, "incident already declared")
	ErrDuplicateAlert      = errorsmod.Register(ModuleName, 12, "public alert already recorded")
	ErrWrongAgency         = errorsmod.Register(ModuleName, 13, "signer acts for another agency")
	ErrInvalidTransition   = errorsmod.Register(ModuleName, 14, "illegal status transition")
	ErrIncidentClosed      = errorsmod.Register(ModuleName, 15, "incident is closed")
	ErrNoChange            = errorsmod.Register(ModuleName, 16, "update changes nothing")
	ErrRevisionLimit       = errorsmod.Register(ModuleName, 17, "incident holds the maximum number of revisions")
	ErrAlertLimit          = errorsmod.Register(ModuleName, 18, "incident holds the maximum number of public alerts")
	ErrDistrictNotAffected = errorsmod.Register(ModuleName, 19, "district is not affected by the incident")
	ErrLevelAboveSeverity  = errorsmod.Register(ModuleName, 20, "alert level above the incident's severity")
	ErrGovernanceCloseOnly = errorsmod.Register(ModuleName, 21, "governance may only close an incident")
	ErrInvalidParams       = errorsmod.Register(ModuleName, 22, "invalid params")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 23, "invalid genesis state")
)

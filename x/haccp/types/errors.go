package types

import errorsmod "cosmossdk.io/errors"

// x/haccp errors, codespace "haccp". Codes start at 2 and are append-only:
// never renumber or reuse one.
var (
	ErrInvalidDigest            = errorsmod.Register(ModuleName, 2, "invalid digest")
	ErrFieldTooLong             = errorsmod.Register(ModuleName, 3, "field too long")
	ErrInvalidFacility          = errorsmod.Register(ModuleName, 4, "invalid facility")
	ErrFacilityNotFound         = errorsmod.Register(ModuleName, 5, "facility not found")
	ErrNotOperator              = errorsmod.Register(ModuleName, 6, "signer is not the facility's operator")
	ErrNotFacilityMember        = errorsmod.Register(ModuleName, 7, "signer is neither operator nor staff of the facility")
	ErrStaffExists              = errorsmod.Register(ModuleName, 8, "account is already staff of the facility")
	ErrStaffNotFound            = errorsmod.Register(ModuleName, 9, "account is not staff of the facility")
	ErrTooManyStaff             = errorsmod.Register(ModuleName, 10, "facility has the maximum number of staff")
	ErrInvalidCertNo            = errorsmod.Register(ModuleName, 11, "invalid certificate number")
	ErrInvalidScope             = errorsmod.Register(ModuleName, 12, "invalid certificate scope")
	ErrInvalidPeriod            = errorsmod.Register(ModuleName, 13, "invalid time period")
	ErrCertificateExists        = errorsmod.Register(ModuleName, 14, "certificate already exists")
	ErrCertificateNotFound      = errorsmod.Register(ModuleName, 15, "certificate not found")
	ErrInvalidTransition        = errorsmod.Register(ModuleName, 16, "illegal status transition")
	ErrCertificateExpired       = errorsmod.Register(ModuleName, 17, "certificate has expired")
	ErrCertificateRevoked       = errorsmod.Register(ModuleName, 18, "certificate is revoked")
	ErrWrongAgency              = errorsmod.Register(ModuleName, 19, "signer acts for another agency")
	ErrInvalidAudit             = errorsmod.Register(ModuleName, 20, "invalid audit")
	ErrInvalidReasonCode        = errorsmod.Register(ModuleName, 21, "invalid reason code")
	ErrInvalidCcpRecord         = errorsmod.Register(ModuleName, 22, "invalid CCP record")
	ErrCcpRecordNotFound        = errorsmod.Register(ModuleName, 23, "CCP record not found")
	ErrNoDeviation              = errorsmod.Register(ModuleName, 24, "the CCP record has no deviation")
	ErrCorrectiveActionRecorded = errorsmod.Register(ModuleName, 25, "a corrective action is already recorded")
	ErrInvalidCountry           = errorsmod.Register(ModuleName, 26, "invalid country code")
	ErrInvalidHygieneCert       = errorsmod.Register(ModuleName, 27, "invalid hygiene certificate")
	ErrHygieneCertExists        = errorsmod.Register(ModuleName, 28, "hygiene certificate already received")
	ErrHygieneCertNotFound      = errorsmod.Register(ModuleName, 29, "hygiene certificate not found")
	ErrHygieneCertUnusable      = errorsmod.Register(ModuleName, 30, "hygiene certificate cannot be used")
	ErrInvalidDeclNo            = errorsmod.Register(ModuleName, 31, "invalid declaration number")
	ErrInvalidItem              = errorsmod.Register(ModuleName, 32, "invalid import item")
	ErrInvalidHSCode            = errorsmod.Register(ModuleName, 33, "invalid HS code")
	ErrInvalidTraceNumber       = errorsmod.Register(ModuleName, 34, "invalid livestock trace number")
	ErrDeclarationExists        = errorsmod.Register(ModuleName, 35, "declaration already exists")
	ErrDeclarationNotFound      = errorsmod.Register(ModuleName, 36, "declaration not found")
	ErrNotImporter              = errorsmod.Register(ModuleName, 37, "facility is not an importer")
	ErrInspectionRequired       = errorsmod.Register(ModuleName, 38, "declaration has not passed inspection")
	ErrInvalidInspection        = errorsmod.Register(ModuleName, 39, "invalid inspection result")
	ErrInvalidCustomsRef        = errorsmod.Register(ModuleName, 40, "invalid customs reference")
	ErrCustomsRefUsed           = errorsmod.Register(ModuleName, 41, "customs reference already used")
	ErrInvalidRecall            = errorsmod.Register(ModuleName, 42, "invalid recall")
	ErrRecallNotFound           = errorsmod.Register(ModuleName, 43, "recall not found")
	ErrRecallClosed             = errorsmod.Register(ModuleName, 44, "recall is closed")
	ErrInvalidShare             = errorsmod.Register(ModuleName, 45, "invalid import confirmation share")
	ErrInvalidParams            = errorsmod.Register(ModuleName, 46, "invalid params")
	ErrInvalidGenesis           = errorsmod.Register(ModuleName, 47, "invalid genesis state")
)

// Appended after the first release of the API (codes never renumbered).
var (
	ErrInvalidName = errorsmod.Register(ModuleName, 48, "invalid name or free-text field")
	ErrInvalidLot  = errorsmod.Register(ModuleName, 49, "invalid lot number")
	// ErrHygieneCertMismatch: a declaration names a hygiene certificate issued
	// for another importer or another lot.
	ErrHygieneCertMismatch = errorsmod.Register(ModuleName, 50, "hygiene certificate names another importer or lot")
)

package types

import errorsmod "cosmossdk.io/errors"

// x/evidence errors, codespace "digitalevidence". Codes start at 2 and are
// append-only: never renumber or reuse one.
var (
	ErrInvalidDigest        = errorsmod.Register(ModuleName, 2, "invalid digest")
	ErrFieldTooLong         = errorsmod.Register(ModuleName, 3, "field too long")
	ErrInvalidExhibitNumber = errorsmod.Register(ModuleName, 4, "invalid exhibit number")
	ErrInvalidMediaType     = errorsmod.Register(ModuleName, 5, "invalid media type")
	ErrInvalidLocator       = errorsmod.Register(ModuleName, 6, "invalid locator")
	ErrInvalidAcquisition   = errorsmod.Register(ModuleName, 7, "invalid acquisition")
	ErrInvalidSize          = errorsmod.Register(ModuleName, 8, "invalid size")
	ErrInvalidID            = errorsmod.Register(ModuleName, 9, "invalid id")
	ErrCaseNotFound         = errorsmod.Register(ModuleName, 10, "case not found")
	ErrEvidenceNotFound     = errorsmod.Register(ModuleName, 11, "evidence not found")
	ErrCaseClosed           = errorsmod.Register(ModuleName, 12, "case is closed")
	ErrDuplicateCase        = errorsmod.Register(ModuleName, 13, "case already registered")
	ErrDuplicateExhibit     = errorsmod.Register(ModuleName, 14, "exhibit number already used in the case")
	ErrCaseFull             = errorsmod.Register(ModuleName, 15, "case holds the maximum number of items")
	ErrInvalidParent        = errorsmod.Register(ModuleName, 16, "invalid parent item")
	ErrDerivationTooDeep    = errorsmod.Register(ModuleName, 17, "derivation chain too deep")
	ErrInvalidTransition    = errorsmod.Register(ModuleName, 18, "illegal status transition")
	ErrWrongAgency          = errorsmod.Register(ModuleName, 19, "signer acts for another agency")
	ErrNotCustodian         = errorsmod.Register(ModuleName, 20, "signer is not the current custodian")
	ErrTransferPending      = errorsmod.Register(ModuleName, 21, "a transfer is already open for the item")
	ErrTransferNotFound     = errorsmod.Register(ModuleName, 22, "no open transfer for the item")
	ErrNotReceiver          = errorsmod.Register(ModuleName, 23, "signer is not the transfer's receiver")
	ErrNotProposer          = errorsmod.Register(ModuleName, 24, "signer is not the transfer's proposer")
	ErrInvalidReceiver      = errorsmod.Register(ModuleName, 25, "invalid transfer receiver")
	ErrInvalidDecision      = errorsmod.Register(ModuleName, 26, "invalid court decision")
	ErrInvalidParams        = errorsmod.Register(ModuleName, 27, "invalid params")
	ErrInvalidGenesis       = errorsmod.Register(ModuleName, 28, "invalid genesis state")
	ErrCustodianActive      = errorsmod.Register(ModuleName, 29, "the custodian can still act for the custodian agency")
	ErrIntegrityCheckLimit  = errorsmod.Register(ModuleName, 30, "the item holds the maximum number of integrity checks")
	ErrDuplicateMismatch    = errorsmod.Register(ModuleName, 31, "this integrity mismatch is already recorded")
)

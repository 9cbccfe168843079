package types

import errorsmod "cosmossdk.io/errors"

// x/agency errors. Codes start at 2 and are append-only: never renumber or reuse one.
var (
	ErrInvalidAgencyID         = errorsmod.Register(ModuleName, 2, "invalid agency id")
	ErrInvalidName             = errorsmod.Register(ModuleName, 3, "invalid agency name")
	ErrInvalidRole             = errorsmod.Register(ModuleName, 4, "invalid role")
	ErrUnknownRole             = errorsmod.Register(ModuleName, 5, "unknown role")
	ErrAgencyNotFound          = errorsmod.Register(ModuleName, 6, "agency not found")
	ErrAgencyExists            = errorsmod.Register(ModuleName, 7, "agency already exists")
	ErrAgencyNotActive         = errorsmod.Register(ModuleName, 8, "agency is not active")
	ErrAgencyRetired           = errorsmod.Register(ModuleName, 9, "agency is retired")
	ErrInvalidStatusTransition = errorsmod.Register(ModuleName, 10, "illegal agency status transition")
	ErrInvalidStatus           = errorsmod.Register(ModuleName, 11, "invalid agency status")
	ErrNotAdmin                = errorsmod.Register(ModuleName, 12, "signer is not the agency admin")
	ErrNotMember               = errorsmod.Register(ModuleName, 13, "not a member")
	ErrAlreadyMember           = errorsmod.Register(ModuleName, 14, "already a member")
	ErrAddressAffiliated       = errorsmod.Register(ModuleName, 15, "address already belongs to an agency")
	ErrRoleNotInAgency         = errorsmod.Register(ModuleName, 16, "role not granted to the agency")
	ErrRoleNotHeld             = errorsmod.Register(ModuleName, 17, "role not held")
	ErrMembershipExpired       = errorsmod.Register(ModuleName, 18, "membership expired")
	ErrInvalidExpiry           = errorsmod.Register(ModuleName, 19, "invalid membership expiry")
	ErrMemberLimit             = errorsmod.Register(ModuleName, 20, "agency member limit reached")
	ErrInvalidReason           = errorsmod.Register(ModuleName, 21, "invalid reason")
	ErrInvalidParams           = errorsmod.Register(ModuleName, 22, "invalid params")
	ErrInvalidGenesis          = errorsmod.Register(ModuleName, 23, "invalid genesis state")
	ErrSameAdmin               = errorsmod.Register(ModuleName, 24, "new admin is the current admin")
	ErrOfferNotFound           = errorsmod.Register(ModuleName, 25, "no pending offer")
	ErrOfferExpired            = errorsmod.Register(ModuleName, 26, "offer expired")
	ErrOfferLimit              = errorsmod.Register(ModuleName, 27, "agency pending offer limit reached")
	ErrNotOfferParty           = errorsmod.Register(ModuleName, 28, "signer is neither the agency admin nor the account the offer names")
)

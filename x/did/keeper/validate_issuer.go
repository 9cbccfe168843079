package keeper

import (
	"slices"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Stateless validation of the schema, issuer and status-list messages. Each
// validator checks every bound and grammar before the msg server touches the
// store and returns the decoded signer. Bounds that are parameters
// (max_status_changes, max_status_list_entries) are checked here against their
// largest allowed value, and by the handler against the current parameter.

// MaxSchemaIDsPerMsg bounds each of the grant and revoke lists of one
// MsgSetIssuerSchemas.
const MaxSchemaIDsPerMsg = 64

func validateRegisterSchema(ac address.Codec, msg *types.MsgRegisterSchema) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateSchemaName(msg.Name); err != nil {
		return nil, err
	}
	if err := types.ValidateSchemaVersion(msg.Version); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("json_schema_digest", msg.JsonSchemaDigest); err != nil {
		return nil, err
	}
	if err := types.ValidateLocator("locator", msg.Locator); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateBindIssuer(ac address.Codec, msg *types.MsgBindIssuer) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if err := agencytypes.ValidateAgencyID(msg.AgencyId); err != nil {
		return nil, errorsmod.Wrap(agencytypes.ErrInvalidAgencyID, err.Error())
	}
	if err := types.ValidateDid(msg.Did); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateUnbindIssuer(ac address.Codec, msg *types.MsgUnbindIssuer) (sdk.AccAddress, error) {
	return validateSignerDid(ac, msg.Signer, msg.Did)
}

func validateSetIssuerSchemas(ac address.Codec, msg *types.MsgSetIssuerSchemas) (sdk.AccAddress, error) {
	addr, err := validateSignerDid(ac, msg.Signer, msg.Did)
	if err != nil {
		return nil, err
	}
	if len(msg.Grant) > MaxSchemaIDsPerMsg || len(msg.Revoke) > MaxSchemaIDsPerMsg {
		return nil, errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "grant has %d and revoke %d schema ids, at most %d each",
			len(msg.Grant), len(msg.Revoke), MaxSchemaIDsPerMsg)
	}
	if len(msg.Grant)+len(msg.Revoke) == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidSchemaGrant, "grant or revoke at least one schema id")
	}
	// At most 2*MaxSchemaIDsPerMsg ids: a quadratic scan stays small and needs no map.
	for i, id := range msg.Grant {
		if err := checkSchemaID("grant", id, msg.Grant[:i]); err != nil {
			return nil, err
		}
	}
	for i, id := range msg.Revoke {
		if err := checkSchemaID("revoke", id, msg.Revoke[:i]); err != nil {
			return nil, err
		}
		if slices.Contains(msg.Grant, id) {
			return nil, errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "schema id %d is both granted and revoked", id)
		}
	}
	return addr, nil
}

// checkSchemaID requires a schema id of list to be set and not among the ids
// before it.
func checkSchemaID(list string, id uint64, before []uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "%s lists schema id 0 (ids start at 1)", list)
	}
	if slices.Contains(before, id) {
		return errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "%s lists schema id %d twice", list, id)
	}
	return nil
}

func validateCreateStatusList(ac address.Codec, msg *types.MsgCreateStatusList) (sdk.AccAddress, error) {
	addr, err := validateSignerDid(ac, msg.Signer, msg.IssuerDid)
	if err != nil {
		return nil, err
	}
	if msg.Purpose != types.StatusPurposeRevocation && msg.Purpose != types.StatusPurposeSuspension {
		return nil, errorsmod.Wrapf(types.ErrInvalidStatusList, "purpose must be %s or %s, got %s",
			types.StatusPurposeRevocation, types.StatusPurposeSuspension, msg.Purpose)
	}
	if err := validateListSize(msg.Entries, types.MaxMaxStatusListEntries); err != nil {
		return nil, err
	}
	return addr, nil
}

// validateListSize requires a list size of at least MinStatusListEntries, a
// multiple of StatusChunkBits, at most maxEntries.
func validateListSize(entries, maxEntries uint64) error {
	if entries < types.MinStatusListEntries || entries%types.StatusChunkBits != 0 || entries > maxEntries {
		return errorsmod.Wrapf(types.ErrInvalidStatusList, "entries must be a multiple of %d in %d..%d, got %d",
			types.StatusChunkBits, types.MinStatusListEntries, maxEntries, entries)
	}
	return nil
}

func validateUpdateStatusList(ac address.Codec, msg *types.MsgUpdateStatusList) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "signer", msg.Signer)
	if err != nil {
		return nil, err
	}
	if msg.ListId == 0 {
		return nil, errorsmod.Wrap(types.ErrInvalidStatusList, "list_id must be set (ids start at 1)")
	}
	if err := validateChangeCount(len(msg.Changes), types.MaxMaxStatusChanges); err != nil {
		return nil, err
	}
	// Bounded by MaxMaxStatusChanges; the set is only read, never iterated into state.
	seen := make(map[uint64]struct{}, len(msg.Changes))
	for _, c := range msg.Changes {
		if c.Index >= types.MaxMaxStatusListEntries {
			return nil, errorsmod.Wrapf(types.ErrIndexOutOfRange, "index %d is beyond the largest list size %d", c.Index, types.MaxMaxStatusListEntries)
		}
		if _, dup := seen[c.Index]; dup {
			return nil, errorsmod.Wrapf(types.ErrInvalidStatusList, "index %d is changed twice", c.Index)
		}
		seen[c.Index] = struct{}{}
	}
	return addr, nil
}

// validateChangeCount requires 1..maxChanges changes.
func validateChangeCount(n int, maxChanges uint32) error {
	if n == 0 {
		return errorsmod.Wrap(types.ErrInvalidStatusList, "changes must not be empty")
	}
	if uint64(n) > uint64(maxChanges) {
		return errorsmod.Wrapf(types.ErrTooManyChanges, "%d changes, at most %d (max_status_changes)", n, maxChanges)
	}
	return nil
}

package keeper

import (
	"bytes"
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// BindIssuer binds an issuer DID to an agency. The agency must be ACTIVE and
// the signer both its admin and an account controller of the DID's latest
// document, so neither side is bound without its consent, and the DID must be
// controlled from inside the agency only (agencyControl; see bound.go for
// what binding changes). A DID is bound to at most one agency.
func (m msgServer) BindIssuer(ctx context.Context, msg *types.MsgBindIssuer) (*types.MsgBindIssuerResponse, error) {
	signer, err := validateBindIssuer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agency, err := m.agencyKeeper.GetAgency(ctx, msg.AgencyId)
	if err != nil {
		return nil, err
	}
	if agency.Status != agencytypes.AgencyStatusActive {
		return nil, errorsmod.Wrapf(types.ErrAgencyNotActive, "agency %q is %s", agency.Id, agencytypes.StatusName(agency.Status))
	}
	if err := m.requireAgencyAdmin(signer, msg.Signer, agency); err != nil {
		return nil, err
	}
	latest, err := m.requireActiveDid(ctx, msg.Did)
	if err != nil {
		return nil, err
	}
	if bound, err := m.Issuers.Get(ctx, msg.Did); err == nil {
		return nil, errorsmod.Wrapf(types.ErrIssuerBound, "%s is bound to agency %q", msg.Did, bound.AgencyId)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}
	if !isAccountController(latest.Document, msg.Signer) {
		return nil, errorsmod.Wrapf(types.ErrNotController, "%s is not an account controller of %s", msg.Signer, msg.Did)
	}
	if err := m.agencyControl(ctx, latest.Document, agency); err != nil {
		return nil, err
	}

	is := types.TrustedIssuer{
		Did:      msg.Did,
		AgencyId: agency.Id,
		BoundBy:  msg.Signer,
		BoundAt:  blockctx.Time(ctx),
	}
	if err := m.Issuers.Set(ctx, is.Did, is); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventIssuerBound{Did: is.Did, AgencyId: is.AgencyId, Signer: msg.Signer}, &types.MsgBindIssuerResponse{})
}

// UnbindIssuer removes an issuer binding and every schema grant of it. The
// bound agency's admin or governance may send it, whatever the state of the
// agency or of the DID: unbinding is cleanup, so it is allowed for a
// suspended or retired agency and for a deactivated DID. The issuer's status
// lists stay readable but can no longer be updated (the signer rule needs a
// binding). The grants are removed by walking the (did, *) prefix, which holds
// exactly the schemas that were granted.
func (m msgServer) UnbindIssuer(ctx context.Context, msg *types.MsgUnbindIssuer) (*types.MsgUnbindIssuerResponse, error) {
	signer, err := validateUnbindIssuer(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	is, err := m.getIssuer(ctx, msg.Did)
	if err != nil {
		return nil, err
	}
	if err := m.requireAdminOrAuthority(ctx, signer, msg.Signer, is.AgencyId); err != nil {
		return nil, err
	}
	granted, err := m.grantsOf(ctx, msg.Did, 0)
	if err != nil {
		return nil, err
	}

	for _, id := range granted {
		if err := m.IssuerSchemas.Remove(ctx, collections.Join(msg.Did, id)); err != nil {
			return nil, err
		}
	}
	if err := m.Issuers.Remove(ctx, msg.Did); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventIssuerUnbound{Did: msg.Did, AgencyId: is.AgencyId, Signer: msg.Signer}, &types.MsgUnbindIssuerResponse{})
}

// SetIssuerSchemas grants and revokes schemas of a bound, active issuer DID.
// A schema is its agency's to give (grantSigner, revokeSigner): the admin of
// the schema's agency grants it to the issuers bound to that same agency, and
// revokes it from any issuer; the admin of the agency the DID is bound to may
// also revoke any grant of its own issuer (refusing a power is always
// allowed); governance grants and revokes anything, and is the only one that
// grants a schema to an issuer of another agency. Granting a schema already
// granted, or revoking one not granted, is an error: the message states the
// change it makes.
func (m msgServer) SetIssuerSchemas(ctx context.Context, msg *types.MsgSetIssuerSchemas) (*types.MsgSetIssuerSchemasResponse, error) {
	signer, err := validateSetIssuerSchemas(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	is, err := m.getIssuer(ctx, msg.Did)
	if err != nil {
		return nil, err
	}
	if _, err := m.requireActiveDid(ctx, msg.Did); err != nil {
		return nil, err
	}
	admins := adminCache{k: m.Keeper}
	for _, id := range msg.Grant {
		s, err := m.getSchema(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := m.grantSigner(ctx, &admins, signer, msg.Signer, s, is); err != nil {
			return nil, err
		}
		if has, err := m.IssuerSchemas.Has(ctx, collections.Join(msg.Did, id)); err != nil {
			return nil, err
		} else if has {
			return nil, errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "schema %d is already granted to %s", id, msg.Did)
		}
	}
	for _, id := range msg.Revoke {
		if has, err := m.IssuerSchemas.Has(ctx, collections.Join(msg.Did, id)); err != nil {
			return nil, err
		} else if !has {
			return nil, errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "schema %d is not granted to %s", id, msg.Did)
		}
		s, err := m.getSchema(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := m.revokeSigner(ctx, &admins, signer, msg.Signer, s, is); err != nil {
			return nil, err
		}
	}
	held, err := m.grantsOf(ctx, msg.Did, types.MaxIssuerSchemas+1)
	if err != nil {
		return nil, err
	}
	if after := len(held) + len(msg.Grant) - len(msg.Revoke); after > types.MaxIssuerSchemas {
		return nil, errorsmod.Wrapf(types.ErrInvalidSchemaGrant, "%s would hold %d schemas, at most %d", msg.Did, after, types.MaxIssuerSchemas)
	}

	for _, id := range msg.Grant {
		if err := m.IssuerSchemas.Set(ctx, collections.Join(msg.Did, id), collections.NoValue{}); err != nil {
			return nil, err
		}
	}
	for _, id := range msg.Revoke {
		if err := m.IssuerSchemas.Remove(ctx, collections.Join(msg.Did, id)); err != nil {
			return nil, err
		}
	}
	return blockctx.Reply(ctx, &types.EventIssuerSchemasChanged{
		Did: msg.Did, Granted: msg.Grant, Revoked: msg.Revoke, Signer: msg.Signer,
	}, &types.MsgSetIssuerSchemasResponse{})
}

// grantSigner requires signer to be allowed to grant schema s to the issuer
// is: governance, or the admin of the schema's agency when the issuer is bound
// to that same agency (ErrSchemaNotOwned when the schema is another agency's
// than the issuer's, ErrNotAgencyAdmin when signer is not the admin).
func (k Keeper) grantSigner(ctx context.Context, admins *adminCache, signer sdk.AccAddress, signerStr string, s types.CredentialSchema, is types.TrustedIssuer) error {
	if k.isAuthority(signer) {
		return nil
	}
	if s.AgencyId != is.AgencyId {
		return errorsmod.Wrapf(types.ErrSchemaNotOwned, "schema %d belongs to agency %q but %s is bound to agency %q: only governance grants a schema to another agency's issuer",
			s.Id, s.AgencyId, is.Did, is.AgencyId)
	}
	isAdmin, err := admins.isAdmin(ctx, signer, s.AgencyId)
	if err != nil {
		return err
	}
	if !isAdmin {
		return errorsmod.Wrapf(types.ErrNotAgencyAdmin, "schema %d belongs to agency %q; %s is not its admin", s.Id, s.AgencyId, signerStr)
	}
	return nil
}

// revokeSigner requires signer to be allowed to revoke schema s from the
// issuer is: governance, the admin of the schema's agency, or the admin of
// the agency the issuer is bound to (ErrNotAgencyAdmin otherwise).
func (k Keeper) revokeSigner(ctx context.Context, admins *adminCache, signer sdk.AccAddress, signerStr string, s types.CredentialSchema, is types.TrustedIssuer) error {
	if k.isAuthority(signer) {
		return nil
	}
	for _, agencyID := range []string{s.AgencyId, is.AgencyId} {
		isAdmin, err := admins.isAdmin(ctx, signer, agencyID)
		if err != nil {
			return err
		}
		if isAdmin {
			return nil
		}
	}
	return errorsmod.Wrapf(types.ErrNotAgencyAdmin, "schema %d of agency %q granted to %s of agency %q: %s is the admin of neither",
		s.Id, s.AgencyId, is.Did, is.AgencyId, signerStr)
}

// adminCache answers "is signer the admin of agency id" for one message,
// reading each agency once (the map only finds answers; nothing is iterated).
type adminCache struct {
	k      Keeper
	admins map[string]bool
}

func (c *adminCache) isAdmin(ctx context.Context, signer sdk.AccAddress, agencyID string) (bool, error) {
	if v, ok := c.admins[agencyID]; ok {
		return v, nil
	}
	agency, err := c.k.agencyKeeper.GetAgency(ctx, agencyID)
	if err != nil {
		return false, err
	}
	admin, err := c.k.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return false, err
	}
	if c.admins == nil {
		c.admins = make(map[string]bool)
	}
	c.admins[agencyID] = bytes.Equal(signer, admin)
	return c.admins[agencyID], nil
}

// getSchema loads a schema or fails with ErrSchemaNotFound.
func (k Keeper) getSchema(ctx context.Context, id uint64) (types.CredentialSchema, error) {
	s, err := k.Schemas.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.CredentialSchema{}, errorsmod.Wrapf(types.ErrSchemaNotFound, "schema %d", id)
	}
	return s, err
}

// getIssuer loads an issuer binding or fails with ErrIssuerNotFound.
func (k Keeper) getIssuer(ctx context.Context, did string) (types.TrustedIssuer, error) {
	is, err := k.Issuers.Get(ctx, did)
	if errors.Is(err, collections.ErrNotFound) {
		return types.TrustedIssuer{}, errorsmod.Wrapf(types.ErrIssuerNotFound, "%s is not bound to an agency", did)
	}
	return is, err
}

// requireAgencyAdmin fails with ErrNotAgencyAdmin unless signer is the
// agency's admin, comparing the addresses as bytes.
func (k Keeper) requireAgencyAdmin(signer sdk.AccAddress, signerStr string, agency agencytypes.Agency) error {
	admin, err := k.addressCodec.StringToBytes(agency.Admin)
	if err != nil {
		return err
	}
	if !bytes.Equal(signer, admin) {
		return errorsmod.Wrapf(types.ErrNotAgencyAdmin, "%s is not the admin of agency %q", signerStr, agency.Id)
	}
	return nil
}

// requireAdminOrAuthority lets governance through, and otherwise requires the
// signer to be the admin of agency agencyID.
func (k Keeper) requireAdminOrAuthority(ctx context.Context, signer sdk.AccAddress, signerStr, agencyID string) error {
	if k.isAuthority(signer) {
		return nil
	}
	agency, err := k.agencyKeeper.GetAgency(ctx, agencyID)
	if err != nil {
		return err
	}
	return k.requireAgencyAdmin(signer, signerStr, agency)
}

// grantsOf returns the schema ids granted to did, ascending, at most limit of
// them (0: all). The walk covers the (did, *) prefix only, so it reads exactly
// the grants that were made.
func (k Keeper) grantsOf(ctx context.Context, did string, limit int) ([]uint64, error) {
	var ids []uint64
	err := k.IssuerSchemas.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](did), func(key collections.Pair[string, uint64], _ collections.NoValue) (bool, error) {
		ids = append(ids, key.K2())
		return limit > 0 && len(ids) >= limit, nil
	})
	return ids, err
}

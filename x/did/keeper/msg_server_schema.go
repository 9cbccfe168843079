package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/did/types"
)

// RegisterSchema registers a credential schema for the signer's agency (role
// did.issuer). An agency registers each name@version once; ids count from 1.
func (m msgServer) RegisterSchema(ctx context.Context, msg *types.MsgRegisterSchema) (*types.MsgRegisterSchemaResponse, error) {
	signer, err := validateRegisterSchema(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.agencyKeeper.Authorize(ctx, signer, types.RoleIssuer)
	if err != nil {
		return nil, err
	}
	nameKey := SchemaNameKey(msg.Name, msg.Version)
	if existing, err := m.Schemas.Indexes.Name.MatchExact(ctx, collections.Join(agencyID, nameKey)); err == nil {
		return nil, errorsmod.Wrapf(types.ErrSchemaExists, "agency %q registered %s as schema %d", agencyID, nameKey, existing)
	} else if !errorsmod.IsOf(err, collections.ErrNotFound) {
		return nil, err
	}

	last, err := m.LastSchemaID.Next(ctx)
	if err != nil {
		return nil, err
	}
	s := types.CredentialSchema{
		Id:               last + 1,
		AgencyId:         agencyID,
		Name:             msg.Name,
		Version:          msg.Version,
		JsonSchemaDigest: msg.JsonSchemaDigest,
		Locator:          msg.Locator,
		RegisteredBy:     msg.Signer,
		RegisteredAt:     blockctx.Time(ctx),
	}
	if err := m.Schemas.Set(ctx, s.Id, s); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventSchemaRegistered{
		Id: s.Id, AgencyId: agencyID, Name: s.Name, Version: s.Version, JsonSchemaDigest: s.JsonSchemaDigest, Signer: msg.Signer,
	}, &types.MsgRegisterSchemaResponse{Id: s.Id})
}

package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/welfare/types"
)

// CreateGroup creates an exclusivity group. Only governance may: a group
// binds every agency's programs that list it.
func (m msgServer) CreateGroup(ctx context.Context, msg *types.MsgCreateGroup) (*types.MsgCreateGroupResponse, error) {
	signer, err := validateMsgCreateGroup(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	if err := keeperbase.CheckAuthority(m.addressCodec, m.authority, signer, msg.Authority); err != nil {
		return nil, err
	}
	if has, err := m.Groups.Has(ctx, msg.Id); err != nil {
		return nil, err
	} else if has {
		return nil, errorsmod.Wrapf(types.ErrGroupExists, "group %q already exists", msg.Id)
	}
	g := types.ExclusivityGroup{Id: msg.Id, Description: msg.Description, LegalBasis: msg.LegalBasis, CreatedAt: blockctx.Time(ctx)}
	if err := m.Groups.Set(ctx, g.Id, g); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventGroupCreated{GroupId: g.Id, LegalBasis: g.LegalBasis, Authority: msg.Authority}, &types.MsgCreateGroupResponse{})
}

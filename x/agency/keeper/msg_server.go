package keeper

import (
	"bytes"
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/agency/types"
)

type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the x/agency Msg service. Every handler validates first
// (validate.go; a governance message's authority before that), then checks state, then
// writes, then emits its typed event: a rejected message leaves the store untouched.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the module params (governance only).
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if _, err := validateMsgUpdateParams(m.addressCodec, msg); err != nil {
		return nil, err
	}
	if err := keeperbase.SetParams(ctx, m.Params, msg.Params, &types.EventParamsUpdated{Params: msg.Params}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// GetAgency loads an agency, failing with ErrAgencyNotFound. Other modules read
// an agency's admin and status through it.
func (k Keeper) GetAgency(ctx context.Context, id string) (types.Agency, error) {
	return keeperbase.Get(ctx, k.Agencies, id, types.ErrAgencyNotFound, "agency %q", id)
}

// checkAuthority requires the governance authority as the signer, compared as bytes
// (govtypes.ErrInvalidSigner otherwise).
func (k Keeper) checkAuthority(signer string) error {
	bz, err := parseAuthority(k.addressCodec, signer)
	if err != nil {
		return err
	}
	return keeperbase.CheckAuthority(k.addressCodec, k.authority, bz, signer)
}

// checkCatalog fails with ErrUnknownRole for the first role not in the catalog.
func (k Keeper) checkCatalog(roles []string) error {
	for _, r := range roles {
		if _, ok := k.catalog[r]; !ok {
			return errorsmod.Wrapf(types.ErrUnknownRole, "role %q is not in the role catalog", r)
		}
	}
	return nil
}

// agencyForAdmin loads an agency for an admin message: it must exist, signer (signerStr as
// sent) must be its admin and it must not be RETIRED.
func (k Keeper) agencyForAdmin(ctx context.Context, id string, signerBz sdk.AccAddress, signer string) (types.Agency, error) {
	a, err := k.GetAgency(ctx, id)
	if err != nil {
		return a, err
	}
	adminBz, err := k.addressCodec.StringToBytes(a.Admin)
	if err != nil {
		return a, err
	}
	if !bytes.Equal(signerBz, adminBz) {
		return a, errorsmod.Wrapf(types.ErrNotAdmin, "%s is not the admin of agency %q", signer, id)
	}
	if a.Status == types.AgencyStatusRetired {
		return a, errorsmod.Wrapf(types.ErrAgencyRetired, "agency %q is RETIRED and can no longer change", id)
	}
	return a, nil
}

// checkRolesInAgency fails with ErrRoleNotInAgency for the first role the agency lacks.
func checkRolesInAgency(a types.Agency, roles []string) error {
	for _, r := range roles {
		if !types.HasRole(a.Roles, r) {
			return errorsmod.Wrapf(types.ErrRoleNotInAgency, "agency %q does not have role %q", a.Id, r)
		}
	}
	return nil
}

// Affiliation returns the id of the agency addr belongs to, as a member or as its admin,
// or "" when none. An address belongs to at most one agency: the handlers refuse to make
// it a member or the admin of a second one (ErrAddressAffiliated).
func (k Keeper) Affiliation(ctx context.Context, addr sdk.AccAddress) (string, error) {
	member, err := k.Members.Get(ctx, addr)
	if err == nil {
		return member.AgencyId, nil
	}
	if !errors.Is(err, collections.ErrNotFound) {
		return "", err
	}
	id, err := k.Agencies.Indexes.Admin.MatchExact(ctx, addr)
	if errors.Is(err, collections.ErrNotFound) {
		return "", nil
	}
	return id, err
}

// memberCount returns the number of members of an agency (0 when none).
func (k Keeper) memberCount(ctx context.Context, agencyID string) (uint64, error) {
	return counter(ctx, k.MemberCount, agencyID)
}

// counter reads a per-agency count (MemberCount, OfferCount): 0 when absent.
func counter(ctx context.Context, m collections.Map[string, uint64], agencyID string) (uint64, error) {
	n, err := m.Get(ctx, agencyID)
	if errors.Is(err, collections.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// offerDeadline is the acceptance deadline of an offer made at now.
func offerDeadline(now time.Time, params types.Params) time.Time {
	return now.Add(time.Duration(params.OfferTtlSeconds) * time.Second) //nolint:gosec // bounded by MaxOfferTTLSeconds
}

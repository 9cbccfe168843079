package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// CreateStatusList publishes an empty Bitstring status list of a bound issuer
// DID. Signer rule (authorizeListIssuer): the DID is active and bound, its
// agency ACTIVE, the signer holds did.issuer in that agency and is an account
// controller of the DID. The list starts at version 1 with no set bit and no
// stored chunk.
func (m msgServer) CreateStatusList(ctx context.Context, msg *types.MsgCreateStatusList) (*types.MsgCreateStatusListResponse, error) {
	signer, err := validateCreateStatusList(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := validateListSize(msg.Entries, params.MaxStatusListEntries); err != nil {
		return nil, err
	}
	is, err := m.authorizeListIssuer(ctx, signer, msg.Signer, msg.IssuerDid)
	if err != nil {
		return nil, err
	}

	last, err := m.LastStatusListID.Next(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	l := types.StatusList{
		Id:        last + 1,
		IssuerDid: msg.IssuerDid,
		AgencyId:  is.AgencyId,
		Purpose:   msg.Purpose,
		Entries:   msg.Entries,
		SetCount:  0,
		Version:   1,
		CreatedBy: msg.Signer,
		CreatedAt: now,
		UpdatedAt: now,
	}
	if err := m.StatusLists.Set(ctx, l.Id, l); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventStatusListCreated{
		Id: l.Id, IssuerDid: l.IssuerDid, Purpose: l.Purpose, Entries: l.Entries, Signer: msg.Signer,
	}, &types.MsgCreateStatusListResponse{Id: l.Id})
}

// UpdateStatusList sets and clears indexes of a status list, under the same
// signer rule as CreateStatusList for the list's issuer, which must still be
// bound to the agency the list was published for. On a REVOCATION list a set
// bit is final: clearing it fails, setting it again is allowed and changes
// nothing. Each chunk touched is read once; a chunk that becomes all zero is
// deleted. The version counts every accepted update, also one that changes
// no bit; the event's changed counts the bits that changed.
func (m msgServer) UpdateStatusList(ctx context.Context, msg *types.MsgUpdateStatusList) (*types.MsgUpdateStatusListResponse, error) {
	signer, err := validateUpdateStatusList(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if err := validateChangeCount(len(msg.Changes), params.MaxStatusChanges); err != nil {
		return nil, err
	}
	l, err := m.getStatusList(ctx, msg.ListId)
	if err != nil {
		return nil, err
	}
	for _, c := range msg.Changes {
		if err := checkStatusIndex(l, c.Index); err != nil {
			return nil, err
		}
	}
	is, err := m.authorizeListIssuer(ctx, signer, msg.Signer, l.IssuerDid)
	if err != nil {
		return nil, err
	}
	if is.AgencyId != l.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrNotIssuerOfList, "status list %d was published for agency %q; %s is now bound to agency %q",
			l.Id, l.AgencyId, l.IssuerDid, is.AgencyId)
	}

	// Apply the changes to the touched chunks in memory; nothing is written
	// until every change is known to be allowed.
	chunks := chunkCache{k: m.Keeper, listID: l.Id}
	setCount := l.SetCount
	var changed uint64
	for _, c := range msg.Changes {
		chunkID, b, mask := types.StatusBit(c.Index)
		ch, err := chunks.get(ctx, chunkID)
		if err != nil {
			return nil, err
		}
		isSet := ch.bits[b]&mask != 0
		switch {
		case isSet == c.Value:
			continue
		case isSet && l.Purpose == types.StatusPurposeRevocation:
			return nil, errorsmod.Wrapf(types.ErrRevocationFinal, "index %d of status list %d is revoked", c.Index, l.Id)
		case c.Value:
			ch.bits[b] |= mask
			setCount++
		default:
			ch.bits[b] &^= mask
			setCount--
		}
		ch.dirty = true
		changed++
	}

	if err := chunks.write(ctx); err != nil {
		return nil, err
	}
	l.SetCount = setCount
	l.Version++
	l.UpdatedAt = blockctx.Time(ctx)
	if err := m.StatusLists.Set(ctx, l.Id, l); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventStatusListUpdated{
		Id: l.Id, IssuerDid: l.IssuerDid, Version: l.Version, Changed: changed, SetCount: l.SetCount, Signer: msg.Signer,
	}, &types.MsgUpdateStatusListResponse{Version: l.Version, SetCount: l.SetCount})
}

// authorizeListIssuer is the signer rule of the status-list messages for
// issuer did: the DID is active, bound to an agency, the agency is ACTIVE, the
// signer holds did.issuer in that agency and is an account controller of the
// DID's latest document. It returns the binding.
func (k Keeper) authorizeListIssuer(ctx context.Context, signer sdk.AccAddress, signerStr, did string) (types.TrustedIssuer, error) {
	latest, err := k.requireActiveDid(ctx, did)
	if err != nil {
		return types.TrustedIssuer{}, err
	}
	is, err := k.getIssuer(ctx, did)
	if err != nil {
		return types.TrustedIssuer{}, err
	}
	agency, err := k.agencyKeeper.GetAgency(ctx, is.AgencyId)
	if err != nil {
		return types.TrustedIssuer{}, err
	}
	if agency.Status != agencytypes.AgencyStatusActive {
		return types.TrustedIssuer{}, errorsmod.Wrapf(types.ErrAgencyNotActive, "agency %q of issuer %s is %s", agency.Id, did, agencytypes.StatusName(agency.Status))
	}
	agencyID, err := k.agencyKeeper.Authorize(ctx, signer, types.RoleIssuer)
	if err != nil {
		return types.TrustedIssuer{}, err
	}
	if agencyID != is.AgencyId {
		return types.TrustedIssuer{}, errorsmod.Wrapf(types.ErrNotIssuerOfList, "%s acts for agency %q but %s is bound to agency %q", signerStr, agencyID, did, is.AgencyId)
	}
	if !isAccountController(latest.Document, signerStr) {
		return types.TrustedIssuer{}, errorsmod.Wrapf(types.ErrNotController, "%s is not an account controller of %s", signerStr, did)
	}
	return is, nil
}

// getStatusList loads a status list or fails with ErrStatusListNotFound.
func (k Keeper) getStatusList(ctx context.Context, id uint64) (types.StatusList, error) {
	l, err := k.StatusLists.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.StatusList{}, errorsmod.Wrapf(types.ErrStatusListNotFound, "status list %d", id)
	}
	return l, err
}

// checkStatusIndex requires index to be an entry of list l: ErrIndexOutOfRange
// naming the index, the list and its size otherwise.
func checkStatusIndex(l types.StatusList, index uint64) error {
	if index >= l.Entries {
		return errorsmod.Wrapf(types.ErrIndexOutOfRange, "index %d is outside status list %d of %d entries", index, l.Id, l.Entries)
	}
	return nil
}

// statusSet reads entry index of list listID (an index inside the list) from
// the chunk that holds it; an unstored chunk is all zero.
func (k Keeper) statusSet(ctx context.Context, listID, index uint64) (bool, error) {
	chunk, b, mask := types.StatusBit(index)
	bits, err := k.statusChunk(ctx, listID, chunk)
	if err != nil {
		return false, err
	}
	return bits != nil && bits[b]&mask != 0, nil
}

// statusChunk returns a chunk's bits, or nil when the chunk is all zero (not
// stored).
func (k Keeper) statusChunk(ctx context.Context, listID uint64, chunk uint32) ([]byte, error) {
	b, err := k.StatusChunks.Get(ctx, collections.Join(listID, chunk))
	if errors.Is(err, collections.ErrNotFound) {
		return nil, nil
	}
	return b, err
}

// cachedChunk is a chunk being changed by one message.
type cachedChunk struct {
	id    uint32
	bits  []byte
	dirty bool
}

// chunkCache holds the chunks one MsgUpdateStatusList touches, each read once.
// The chunks are kept in the order first touched and written in that order
// (the map only finds them), so the writes do not depend on map order.
type chunkCache struct {
	k      Keeper
	listID uint64
	order  []*cachedChunk
	byID   map[uint32]*cachedChunk
}

func (c *chunkCache) get(ctx context.Context, id uint32) (*cachedChunk, error) {
	if ch, ok := c.byID[id]; ok {
		return ch, nil
	}
	stored, err := c.k.statusChunk(ctx, c.listID, id)
	if err != nil {
		return nil, err
	}
	// A copy: the store's slice is never changed in place.
	bits := make([]byte, types.StatusChunkBytes)
	copy(bits, stored)
	ch := &cachedChunk{id: id, bits: bits}
	if c.byID == nil {
		c.byID = make(map[uint32]*cachedChunk)
	}
	c.byID[id] = ch
	c.order = append(c.order, ch)
	return ch, nil
}

// write stores every changed chunk, deleting the ones that became all zero.
func (c *chunkCache) write(ctx context.Context) error {
	for _, ch := range c.order {
		if !ch.dirty {
			continue
		}
		key := collections.Join(c.listID, ch.id)
		if types.CountBits(ch.bits) == 0 {
			if err := c.k.StatusChunks.Remove(ctx, key); err != nil {
				return err
			}
			continue
		}
		if err := c.k.StatusChunks.Set(ctx, key, ch.bits); err != nil {
			return err
		}
	}
	return nil
}

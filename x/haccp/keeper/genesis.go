package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/haccp/types"
)

// InitGenesis validates gs (its consistency rules and every address) and
// writes it. The IndexedMaps write their indexes with the records; what
// InitGenesis derives itself is the latest version of each certificate, the
// head of its events, and the active recalls with their recalled lots.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := gs.ValidateAddresses(k.addressCodec); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	// The genesis holds the next id to issue, the sequences the last one issued.
	for _, seq := range []struct {
		last collections.Sequence
		next uint64
	}{
		{k.LastFacilityID, gs.NextFacilityId},
		{k.LastCcpRecordID, gs.NextCcpRecordId},
		{k.LastRecallID, gs.NextRecallId},
		{k.LastShareID, gs.NextShareId},
	} {
		if err := seq.last.Set(ctx, seq.next-1); err != nil {
			return err
		}
	}
	for _, f := range gs.Facilities {
		if err := k.Facilities.Set(ctx, f.Id, f); err != nil {
			return err
		}
	}
	for _, s := range gs.Staff {
		addr, err := k.addressCodec.StringToBytes(s.Address)
		if err != nil {
			return err
		}
		if err := k.FacilityStaff.Set(ctx, collections.Join(s.FacilityId, sdk.AccAddress(addr)), collections.NoValue{}); err != nil {
			return err
		}
	}
	// Ordered by (cert_no, version): the last version written is the latest.
	for _, c := range gs.Certificates {
		if err := k.CertificateVersions.Set(ctx, collections.Join(c.CertNo, c.Version), c); err != nil {
			return err
		}
		if err := k.Certificates.Set(ctx, c.CertNo, c); err != nil {
			return err
		}
	}
	// Ordered by (cert_no, seq): the last event written is the head.
	for _, e := range gs.CertificateEvents {
		if err := k.CertificateEvents.Set(ctx, collections.Join(e.CertNo, e.Seq), e); err != nil {
			return err
		}
		if err := k.CertificateEventHead.Set(ctx, e.CertNo, e.Seq); err != nil {
			return err
		}
	}
	for _, r := range gs.CcpRecords {
		if err := k.CcpRecords.Set(ctx, r.Id, r); err != nil {
			return err
		}
	}
	for _, h := range gs.HygieneCertificates {
		if err := k.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
			return err
		}
	}
	for _, d := range gs.Declarations {
		if err := k.Declarations.Set(ctx, d.DeclNo, d); err != nil {
			return err
		}
	}
	// After the declarations: an active recall's lots include its declarations' items.
	for _, r := range gs.Recalls {
		var lots []string
		if r.Active {
			var err error
			if lots, err = k.recallLotsFromStore(ctx, r); err != nil {
				return err
			}
		}
		if err := k.setRecall(ctx, r, lots); err != nil {
			return err
		}
	}
	for _, s := range gs.Shares {
		if err := k.Shares.Set(ctx, s.Id, s); err != nil {
			return err
		}
	}
	return nil
}

// ExportGenesis writes out the records in key order: facilities, CCP records,
// recalls and shares by id, staff by (facility id, account), certificate
// versions by (cert_no, version), events by (cert_no, seq), hygiene
// certificates by (country, cert_no), declarations by decl_no. Indexes are
// derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: params}
	for _, seq := range []struct {
		last collections.Sequence
		next *uint64
	}{
		{k.LastFacilityID, &gs.NextFacilityId},
		{k.LastCcpRecordID, &gs.NextCcpRecordId},
		{k.LastRecallID, &gs.NextRecallId},
		{k.LastShareID, &gs.NextShareId},
	} {
		last, err := seq.last.Peek(ctx)
		if err != nil {
			return nil, err
		}
		*seq.next = last + 1
	}

	if gs.Facilities, err = walk.Values(ctx, k.Facilities); err != nil {
		return nil, err
	}
	if err := walk.Each(ctx, k.FacilityStaff, func(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) error {
		addr, err := k.addressCodec.BytesToString(key.K2())
		if err != nil {
			return err
		}
		gs.Staff = append(gs.Staff, types.FacilityStaffEntry{FacilityId: key.K1(), Address: addr})
		return nil
	}); err != nil {
		return nil, err
	}
	if gs.Certificates, err = walk.Values(ctx, k.CertificateVersions); err != nil {
		return nil, err
	}
	if gs.CertificateEvents, err = walk.Values(ctx, k.CertificateEvents); err != nil {
		return nil, err
	}
	if gs.CcpRecords, err = walk.Values(ctx, k.CcpRecords); err != nil {
		return nil, err
	}
	if gs.HygieneCertificates, err = walk.Values(ctx, k.HygieneCerts); err != nil {
		return nil, err
	}
	if gs.Declarations, err = walk.Values(ctx, k.Declarations); err != nil {
		return nil, err
	}
	if gs.Recalls, err = walk.Values(ctx, k.Recalls); err != nil {
		return nil, err
	}
	if gs.Shares, err = walk.Values(ctx, k.Shares); err != nil {
		return nil, err
	}
	return gs, nil
}

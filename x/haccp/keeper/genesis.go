package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/x/haccp/types"
)

// InitGenesis validates gs (its consistency rules and every address) and
// writes it. The IndexedMaps write their indexes with the records; what
// InitGenesis derives itself is the latest version of each certificate, the
// head of its events, and the active recalls with their recalled lots.
func (k Keeper) InitGenesis(ctx context.Context, gs *types.GenesisState) error {
	return genesisio.InitGenesis(ctx, gs, k.addressCodec, k.genesis)
}

// ExportGenesis writes out the records in key order: facilities, CCP records,
// recalls and shares by id, staff by (facility id, account), certificate
// versions by (cert_no, version), events by (cert_no, seq), hygiene
// certificates by (country, cert_no), declarations by decl_no. Indexes are
// derived state and are not exported.
func (k Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	return genesisio.ExportGenesis(ctx, k.genesis)
}

// genesis lists the collection that holds each part of gs, in the order
// InitGenesis writes them.
func (k Keeper) genesis(gs *types.GenesisState) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(k.Params, &gs.Params),
		genesisio.NextID(k.LastFacilityID, &gs.NextFacilityId),
		genesisio.NextID(k.LastCcpRecordID, &gs.NextCcpRecordId),
		genesisio.NextID(k.LastRecallID, &gs.NextRecallId),
		genesisio.NextID(k.LastShareID, &gs.NextShareId),
		genesisio.Map(k.Facilities, &gs.Facilities, (*types.Facility).GetId),
		genesisio.Entries(k.FacilityStaff, &gs.Staff, k.staffKey, k.staffEntry),
		// Ordered by (cert_no, version): the last version written is the latest.
		genesisio.Records(k.CertificateVersions, &gs.Certificates, func(ctx context.Context, c types.Certificate) error {
			if err := k.CertificateVersions.Set(ctx, collections.Join(c.CertNo, c.Version), c); err != nil {
				return err
			}
			return k.Certificates.Set(ctx, c.CertNo, c)
		}),
		// Ordered by (cert_no, seq): the last event written is the head.
		genesisio.Records(k.CertificateEvents, &gs.CertificateEvents, func(ctx context.Context, e types.CertificateEvent) error {
			if err := k.CertificateEvents.Set(ctx, collections.Join(e.CertNo, e.Seq), e); err != nil {
				return err
			}
			return k.CertificateEventHead.Set(ctx, e.CertNo, e.Seq)
		}),
		genesisio.Map(k.CcpRecords, &gs.CcpRecords, (*types.CcpRecord).GetId),
		genesisio.Map(k.HygieneCerts, &gs.HygieneCertificates, func(h *types.HygieneCertificate) collections.Pair[string, string] {
			return collections.Join(h.Country, h.CertNo)
		}),
		genesisio.Map(k.Declarations, &gs.Declarations, (*types.ImportDeclaration).GetDeclNo),
		// After the declarations: an active recall's lots include its declarations' items.
		genesisio.Records(k.Recalls, &gs.Recalls, func(ctx context.Context, r types.Recall) error {
			var lots []string
			if r.Active {
				var err error
				if lots, err = k.recallLotsFromStore(ctx, r); err != nil {
					return err
				}
			}
			return k.setRecall(ctx, r, lots)
		}),
		genesisio.Map(k.Shares, &gs.Shares, (*types.ImportConfirmationShare).GetId),
	}
}

// staffKey is the FacilityStaff key of a staff entry.
func (k Keeper) staffKey(s types.FacilityStaffEntry) (collections.Pair[uint64, sdk.AccAddress], collections.NoValue, error) {
	addr, err := k.addressCodec.StringToBytes(s.Address)
	return collections.Join(s.FacilityId, sdk.AccAddress(addr)), collections.NoValue{}, err
}

// staffEntry is the staff entry of a FacilityStaff key.
func (k Keeper) staffEntry(key collections.Pair[uint64, sdk.AccAddress], _ collections.NoValue) (types.FacilityStaffEntry, error) {
	addr, err := k.addressCodec.BytesToString(key.K2())
	return types.FacilityStaffEntry{FacilityId: key.K1(), Address: addr}, err
}

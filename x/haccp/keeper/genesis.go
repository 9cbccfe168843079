package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

// InitGenesis validates gs (its consistency rules and every address) and
// writes it, rebuilding every index from the records: facilities by operator,
// staff both ways, certificates (latest version, versions, by facility),
// certificate events and their head, CCP records by facility, declarations by
// importer, customs reference and trace number, active recalls and their
// recalled lots, and shares by declaration.
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
	// The sequences hold the last id issued.
	for _, seq := range []struct {
		s    collections.Sequence
		next uint64
	}{
		{k.NextFacilityID, gs.NextFacilityId},
		{k.NextCcpRecordID, gs.NextCcpRecordId},
		{k.NextRecallID, gs.NextRecallId},
		{k.NextShareID, gs.NextShareId},
	} {
		if err := seq.s.Set(ctx, seq.next-1); err != nil {
			return err
		}
	}
	for _, f := range gs.Facilities {
		if err := k.restoreFacility(ctx, f); err != nil {
			return err
		}
	}
	for _, s := range gs.Staff {
		if err := k.restoreStaff(ctx, s); err != nil {
			return err
		}
	}
	// Ordered by (cert_no, version): the last version written is the latest.
	for _, c := range gs.Certificates {
		if err := k.restoreCertificateVersion(ctx, c); err != nil {
			return err
		}
	}
	// Ordered by (cert_no, seq): the last event written is the head.
	for _, e := range gs.CertificateEvents {
		if err := k.restoreCertificateEvent(ctx, e); err != nil {
			return err
		}
	}
	for _, r := range gs.CcpRecords {
		if err := k.restoreCcpRecord(ctx, r); err != nil {
			return err
		}
	}
	for _, h := range gs.HygieneCertificates {
		if err := k.HygieneCerts.Set(ctx, collections.Join(h.Country, h.CertNo), h); err != nil {
			return err
		}
	}
	for _, d := range gs.Declarations {
		if err := k.restoreDeclaration(ctx, d); err != nil {
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
		if err := k.restoreRecall(ctx, r, lots); err != nil {
			return err
		}
	}
	for _, s := range gs.Shares {
		if err := k.restoreShare(ctx, s); err != nil {
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
		s    collections.Sequence
		next *uint64
	}{
		{k.NextFacilityID, &gs.NextFacilityId},
		{k.NextCcpRecordID, &gs.NextCcpRecordId},
		{k.NextRecallID, &gs.NextRecallId},
		{k.NextShareID, &gs.NextShareId},
	} {
		last, err := seq.s.Peek(ctx)
		if err != nil {
			return nil, err
		}
		*seq.next = last + 1
	}

	if err := k.Facilities.Walk(ctx, nil, func(_ uint64, f types.Facility) (bool, error) {
		gs.Facilities = append(gs.Facilities, f)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.FacilityStaff.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress]) (bool, error) {
		addr, err := k.addressCodec.BytesToString(key.K2())
		if err != nil {
			return true, err
		}
		gs.Staff = append(gs.Staff, types.FacilityStaffEntry{FacilityId: key.K1(), Address: addr})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.CertificateVersions.Walk(ctx, nil, func(_ collections.Pair[string, uint64], c types.Certificate) (bool, error) {
		gs.Certificates = append(gs.Certificates, c)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.CertificateEvents.Walk(ctx, nil, func(_ collections.Pair[string, uint64], e types.CertificateEvent) (bool, error) {
		gs.CertificateEvents = append(gs.CertificateEvents, e)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.CcpRecords.Walk(ctx, nil, func(_ uint64, r types.CcpRecord) (bool, error) {
		gs.CcpRecords = append(gs.CcpRecords, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.HygieneCerts.Walk(ctx, nil, func(_ collections.Pair[string, string], h types.HygieneCertificate) (bool, error) {
		gs.HygieneCertificates = append(gs.HygieneCertificates, h)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Declarations.Walk(ctx, nil, func(_ string, d types.ImportDeclaration) (bool, error) {
		gs.Declarations = append(gs.Declarations, d)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Recalls.Walk(ctx, nil, func(_ uint64, r types.Recall) (bool, error) {
		gs.Recalls = append(gs.Recalls, r)
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Shares.Walk(ctx, nil, func(_ uint64, s types.ImportConfirmationShare) (bool, error) {
		gs.Shares = append(gs.Shares, s)
		return false, nil
	}); err != nil {
		return nil, err
	}
	return gs, nil
}

// The restore* helpers write one record with its indexes, as InitGenesis
// rebuilds them. The addresses were checked by ValidateAddresses.

func (k Keeper) restoreFacility(ctx context.Context, f types.Facility) error {
	operator, err := k.addressCodec.StringToBytes(f.Operator)
	if err != nil {
		return err
	}
	if err := k.Facilities.Set(ctx, f.Id, f); err != nil {
		return err
	}
	return k.FacilitiesByOperator.Set(ctx, collections.Join(sdk.AccAddress(operator), f.Id))
}

func (k Keeper) restoreStaff(ctx context.Context, s types.FacilityStaffEntry) error {
	addr, err := k.addressCodec.StringToBytes(s.Address)
	if err != nil {
		return err
	}
	if err := k.FacilityStaff.Set(ctx, collections.Join(s.FacilityId, sdk.AccAddress(addr))); err != nil {
		return err
	}
	return k.StaffFacilities.Set(ctx, collections.Join(sdk.AccAddress(addr), s.FacilityId))
}

// restoreCertificateVersion writes a version; called in version order, it
// leaves the latest in Certificates.
func (k Keeper) restoreCertificateVersion(ctx context.Context, c types.Certificate) error {
	if err := k.CertificateVersions.Set(ctx, collections.Join(c.CertNo, c.Version), c); err != nil {
		return err
	}
	if err := k.Certificates.Set(ctx, c.CertNo, c); err != nil {
		return err
	}
	return k.CertificatesByFacility.Set(ctx, collections.Join(c.FacilityId, c.CertNo))
}

// restoreCertificateEvent writes an event; called in seq order, it leaves the
// last seq in CertificateEventHead.
func (k Keeper) restoreCertificateEvent(ctx context.Context, e types.CertificateEvent) error {
	if err := k.CertificateEvents.Set(ctx, collections.Join(e.CertNo, e.Seq), e); err != nil {
		return err
	}
	return k.CertificateEventHead.Set(ctx, e.CertNo, e.Seq)
}

func (k Keeper) restoreCcpRecord(ctx context.Context, r types.CcpRecord) error {
	if err := k.CcpRecords.Set(ctx, r.Id, r); err != nil {
		return err
	}
	return k.CcpRecordsByFacility.Set(ctx, collections.Join(r.FacilityId, r.Id))
}

// restoreDeclaration writes a declaration with its importer, customs
// reference and trace number indexes.
func (k Keeper) restoreDeclaration(ctx context.Context, d types.ImportDeclaration) error {
	if err := k.Declarations.Set(ctx, d.DeclNo, d); err != nil {
		return err
	}
	if err := k.DeclarationsByImporter.Set(ctx, collections.Join(d.ImporterFacilityId, d.DeclNo)); err != nil {
		return err
	}
	if d.CustomsRef != "" {
		if err := k.DeclarationByCustomsRef.Set(ctx, d.CustomsRef, d.DeclNo); err != nil {
			return err
		}
	}
	for _, it := range d.Items {
		if it.LivestockTraceNo == "" {
			continue
		}
		if err := k.DeclarationsByTraceNo.Set(ctx, collections.Join(it.LivestockTraceNo, d.DeclNo)); err != nil {
			return err
		}
	}
	return nil
}

// restoreRecall writes a recall and, when it is active, its ActiveRecalls
// entry and a RecalledLots entry for each of lots (recallLots of the recall).
func (k Keeper) restoreRecall(ctx context.Context, r types.Recall, lots []string) error {
	if err := k.Recalls.Set(ctx, r.Id, r); err != nil {
		return err
	}
	if !r.Active {
		return nil
	}
	if err := k.ActiveRecalls.Set(ctx, r.Id); err != nil {
		return err
	}
	for _, lot := range lots {
		if err := k.RecalledLots.Set(ctx, collections.Join(lot, r.Id)); err != nil {
			return err
		}
	}
	return nil
}

func (k Keeper) restoreShare(ctx context.Context, s types.ImportConfirmationShare) error {
	if err := k.Shares.Set(ctx, s.Id, s); err != nil {
		return err
	}
	return k.SharesByDeclaration.Set(ctx, collections.Join(s.DeclNo, s.Id))
}

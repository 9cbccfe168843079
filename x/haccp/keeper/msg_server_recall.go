package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/haccp/types"
)

// The recall lifecycle (x/haccp/README.md): active -> closed. Issuing a recall
// moves every named declaration CLEARED -> RECALLED and indexes, in
// RecalledLots, every lot it names directly or through a named declaration's
// items; closing it removes those index entries (the declarations stay
// RECALLED).

// IssueRecall issues a recall. The signer is a haccp.certifier or a
// haccp.inspector; its agency becomes the recalling agency. One
// EventRecallIssued lists the declarations moved to RECALLED (no
// EventDeclarationChanged is emitted for them).
func (m msgServer) IssueRecall(ctx context.Context, msg *types.MsgIssueRecall) (*types.MsgIssueRecallResponse, error) {
	signer, err := validateIssueRecall(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if targets := uint64(len(msg.Lots)) + uint64(len(msg.DeclarationNos)); targets > uint64(params.MaxRecallTargets) {
		return nil, errorsmod.Wrapf(types.ErrInvalidRecall, "%d lots and declarations, at most %d (params.max_recall_targets)", targets, params.MaxRecallTargets)
	}
	agencyID, err := m.authorizeRecaller(ctx, signer)
	if err != nil {
		return nil, err
	}
	if msg.FacilityId != 0 {
		if _, err := m.getFacility(ctx, msg.FacilityId); err != nil {
			return nil, err
		}
	}
	decls := make([]types.ImportDeclaration, 0, len(msg.DeclarationNos))
	for _, no := range msg.DeclarationNos {
		d, err := m.loadDeclaration(ctx, no)
		if err != nil {
			return nil, err
		}
		if err := checkDeclarationTransition(d, types.DeclarationStatusRecalled); err != nil {
			return nil, err
		}
		decls = append(decls, d)
	}

	last, err := m.LastRecallID.Next(ctx)
	if err != nil {
		return nil, err
	}
	now := blockctx.Time(ctx)
	r := types.Recall{
		Id:             last + 1,
		Class:          msg.Class,
		ReasonCode:     msg.ReasonCode,
		Lots:           msg.Lots,
		DeclarationNos: msg.DeclarationNos,
		FacilityId:     msg.FacilityId,
		Active:         true,
		AgencyId:       agencyID,
		IssuedBy:       msg.Signer,
		IssuedAt:       now,
	}
	if err := m.setRecall(ctx, r, recallLots(r, decls)); err != nil {
		return nil, err
	}
	for _, d := range decls {
		d.Status = types.DeclarationStatusRecalled
		d.RecallId = r.Id
		d.UpdatedAt = now
		if err := m.Declarations.Set(ctx, d.DeclNo, d); err != nil {
			return nil, err
		}
	}
	if err := blockctx.Emit(ctx, &types.EventRecallIssued{
		Id:             r.Id,
		Class:          r.Class,
		ReasonCode:     r.ReasonCode,
		Lots:           r.Lots,
		DeclarationNos: r.DeclarationNos,
		FacilityId:     r.FacilityId,
		AgencyId:       agencyID,
		Signer:         msg.Signer,
	}); err != nil {
		return nil, err
	}
	return &types.MsgIssueRecallResponse{Id: r.Id}, nil
}

// CloseRecall closes an active recall: the signer is a haccp.certifier or a
// haccp.inspector of the recalling agency. The recall's lots leave
// RecalledLots; its declarations stay RECALLED.
func (m msgServer) CloseRecall(ctx context.Context, msg *types.MsgCloseRecall) (*types.MsgCloseRecallResponse, error) {
	signer, err := validateCloseRecall(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	r, err := m.getRecall(ctx, msg.RecallId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeRecaller(ctx, signer)
	if err != nil {
		return nil, err
	}
	if agencyID != r.AgencyId {
		return nil, errorsmod.Wrapf(types.ErrWrongAgency, "signer acts for agency %q but recall %d belongs to agency %q", agencyID, r.Id, r.AgencyId)
	}
	if !r.Active {
		return nil, errorsmod.Wrapf(types.ErrRecallClosed, "recall %d was closed at %s", r.Id, r.ClosedAt.UTC().Format(time.RFC3339))
	}
	lots, err := m.recallLotsFromStore(ctx, r)
	if err != nil {
		return nil, err
	}

	now := blockctx.Time(ctx)
	r.Active = false
	r.ClosedAt = &now
	if err := m.Recalls.Set(ctx, r.Id, r); err != nil {
		return nil, err
	}
	if err := m.ActiveRecalls.Remove(ctx, r.Id); err != nil {
		return nil, err
	}
	for _, lot := range lots {
		if err := m.RecalledLots.Remove(ctx, collections.Join(lot, r.Id)); err != nil {
			return nil, err
		}
	}
	if err := blockctx.Emit(ctx, &types.EventRecallClosed{Id: r.Id, AgencyId: agencyID, Signer: msg.Signer}); err != nil {
		return nil, err
	}
	return &types.MsgCloseRecallResponse{}, nil
}

// setRecall writes a recall and, when it is active, its ActiveRecalls entry
// and a RecalledLots entry for each of lots (recallLots of the recall).
func (k Keeper) setRecall(ctx context.Context, r types.Recall, lots []string) error {
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

// authorizeRecaller asks x/agency whether addr may recall: as a
// haccp.certifier, or else as a haccp.inspector. It returns the agency addr
// acts for. When addr holds neither role the inspector check's error is
// returned (ErrRoleNotHeld); any other failure (not a member, agency not
// active, membership expired) is the certifier check's.
func (k Keeper) authorizeRecaller(ctx context.Context, addr sdk.AccAddress) (string, error) {
	agencyID, err := k.agencyKeeper.Authorize(ctx, addr, types.RoleCertifier)
	if err == nil {
		return agencyID, nil
	}
	if !errors.Is(err, agencytypes.ErrRoleNotHeld) {
		return "", err
	}
	agencyID, err = k.agencyKeeper.Authorize(ctx, addr, types.RoleInspector)
	if err != nil {
		return "", errorsmod.Wrapf(err, "a recall needs role %q or %q", types.RoleCertifier, types.RoleInspector)
	}
	return agencyID, nil
}

// getRecall loads a recall or fails with ErrRecallNotFound.
func (k Keeper) getRecall(ctx context.Context, id uint64) (types.Recall, error) {
	r, err := k.Recalls.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.Recall{}, errorsmod.Wrapf(types.ErrRecallNotFound, "recall %d", id)
	}
	return r, err
}

// recallLots is every lot a recall covers: the lots it names and the lots of
// its declarations' items, sorted and unique. decls are the declarations r
// names, in any order.
func recallLots(r types.Recall, decls []types.ImportDeclaration) []string {
	lots := append(make([]string, 0, len(r.Lots)), r.Lots...)
	for _, d := range decls {
		for _, it := range d.Items {
			lots = append(lots, it.Lot)
		}
	}
	slices.Sort(lots)
	return slices.Compact(lots)
}

// recallLotsFromStore rebuilds recallLots of a stored recall from its record
// and the declarations it names (their items never change).
func (k Keeper) recallLotsFromStore(ctx context.Context, r types.Recall) ([]string, error) {
	decls := make([]types.ImportDeclaration, 0, len(r.DeclarationNos))
	for _, no := range r.DeclarationNos {
		d, err := k.loadDeclaration(ctx, no)
		if err != nil {
			return nil, err
		}
		decls = append(decls, d)
	}
	return recallLots(r, decls), nil
}

package keeper

import (
	"context"
	"encoding/json"
	"sort"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/haccp/types"
)

// ShareImportConfirmation shares a confirmation of a CLEARED (or RECALLED)
// declaration with a trading partner. The chain fills the disclosed fields
// with their canonical JSON (shareFieldValue) and stores, for every other
// field, the digest the importer committed to off chain. Signer: the importer
// facility's operator or staff.
func (m msgServer) ShareImportConfirmation(ctx context.Context, msg *types.MsgShareImportConfirmation) (*types.MsgShareImportConfirmationResponse, error) {
	signer, err := validateShareImportConfirmation(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	d, err := m.importersDeclaration(ctx, signer, msg.DeclNo)
	if err != nil {
		return nil, err
	}
	if d.Status != types.DeclarationStatusCleared && d.Status != types.DeclarationStatusRecalled {
		return nil, errorsmod.Wrapf(types.ErrInvalidShare, "declaration %q is %s; only a CLEARED or RECALLED declaration is shared",
			d.DeclNo, d.Status.Label())
	}

	values := make([]types.SharedValue, 0, len(msg.Disclose)+len(msg.Undisclosed))
	for _, field := range msg.Disclose {
		value, err := shareFieldValue(d, field)
		if err != nil {
			return nil, err
		}
		v := types.SharedValue{Field: field, Value: value}
		if err := types.ValidateSharedValue(v); err != nil {
			return nil, err
		}
		values = append(values, v)
	}
	for _, v := range msg.Undisclosed {
		values = append(values, types.SharedValue{Field: v.Field, Digest: v.Digest})
	}
	sort.Slice(values, func(i, j int) bool { return values[i].Field < values[j].Field })
	disclosed := append([]types.ShareField(nil), msg.Disclose...)
	sort.Slice(disclosed, func(i, j int) bool { return disclosed[i] < disclosed[j] })

	last, err := m.LastShareID.Next(ctx)
	if err != nil {
		return nil, err
	}
	s := types.ImportConfirmationShare{
		Id:            last + 1,
		DeclNo:        d.DeclNo,
		Partner:       msg.Partner,
		Values:        values,
		StatusAtShare: d.Status,
		SharedBy:      msg.Signer,
		SharedAt:      blockctx.Time(ctx),
	}
	if err := m.Shares.Set(ctx, s.Id, s); err != nil {
		return nil, err
	}
	if err := blockctx.Emit(ctx, &types.EventImportConfirmationShared{
		Id: s.Id, DeclNo: s.DeclNo, Partner: s.Partner, Disclosed: disclosed, Signer: msg.Signer,
	}); err != nil {
		return nil, err
	}
	return &types.MsgShareImportConfirmationResponse{Id: s.Id}, nil
}

// sharedItem is the canonical JSON of one item in SHARE_FIELD_ITEMS (the
// quantities are a field of their own).
type sharedItem struct {
	Product       string `json:"product"`
	HsCode        string `json:"hs_code"`
	OriginCountry string `json:"origin_country"`
	Lot           string `json:"lot"`
	Unit          string `json:"unit"`
}

// sharedHygieneCert is the canonical JSON of SHARE_FIELD_HYGIENE_CERT.
type sharedHygieneCert struct {
	Country string `json:"country"`
	CertNo  string `json:"cert_no"`
}

// shareFieldValue is a declaration field's canonical JSON: encoding/json of a
// fixed shape, the same bytes for the same declaration on every node (and for
// an importer computing its digest off chain):
//
//	ITEMS        [{"product","hs_code","origin_country","lot","unit"}...] in item order
//	QUANTITIES   [quantity...] in item order
//	ORIGIN       sorted unique origin countries
//	HYGIENE_CERT {"country","cert_no"}
//	CUSTOMS_REF  "customs_ref"
//	INSPECTION   "PASS" (the inspection result's label)
func shareFieldValue(d types.ImportDeclaration, field types.ShareField) (string, error) {
	var v any
	switch field {
	case types.ShareFieldItems:
		items := make([]sharedItem, len(d.Items))
		for i, it := range d.Items {
			items[i] = sharedItem{Product: it.Product, HsCode: it.HsCode, OriginCountry: it.OriginCountry, Lot: it.Lot, Unit: it.Unit}
		}
		v = items
	case types.ShareFieldQuantities:
		q := make([]uint64, len(d.Items))
		for i, it := range d.Items {
			q[i] = it.Quantity
		}
		v = q
	case types.ShareFieldOrigin:
		origins := make([]string, 0, len(d.Items))
		seen := make(map[string]bool, len(d.Items))
		for _, it := range d.Items {
			if !seen[it.OriginCountry] {
				seen[it.OriginCountry] = true
				origins = append(origins, it.OriginCountry)
			}
		}
		sort.Strings(origins)
		v = origins
	case types.ShareFieldHygieneCert:
		v = sharedHygieneCert{Country: d.HygieneCertCountry, CertNo: d.HygieneCertNo}
	case types.ShareFieldCustomsRef:
		v = d.CustomsRef
	case types.ShareFieldInspection:
		v = d.Inspection.Label()
	default:
		return "", errorsmod.Wrapf(types.ErrInvalidShare, "field %s is not a share field", field)
	}
	bz, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(bz), nil
}

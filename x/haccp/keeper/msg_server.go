package keeper

import (
	"bytes"
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/haccp/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go), then the reads and checks (record
// exists, Authorize, agency, operator or staff, lifecycle), and only then the
// writes and one typed event. A rejected message therefore writes nothing.
//
// The handlers live by feature: msg_server_facility.go (facilities and staff),
// msg_server_certificate.go (HACCP certificates and audits), msg_server_ccp.go
// (CCP monitoring records and corrective actions), msg_server_hygiene.go
// (foreign hygiene certificates), msg_server_declaration.go (import
// declarations), msg_server_recall.go (recalls) and msg_server_share.go
// (import-confirmation shares).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// getFacility loads a facility or fails with ErrFacilityNotFound.
func (k Keeper) getFacility(ctx context.Context, id uint64) (types.Facility, error) {
	return keeperbase.Get(ctx, k.Facilities, id, types.ErrFacilityNotFound, "facility %d", id)
}

// getCertificate loads the latest version of a certificate or fails with
// ErrCertificateNotFound.
func (k Keeper) getCertificate(ctx context.Context, certNo string) (types.Certificate, error) {
	return keeperbase.Get(ctx, k.Certificates, certNo, types.ErrCertificateNotFound, "certificate %q", certNo)
}

// getCcpRecord loads a CCP record or fails with ErrCcpRecordNotFound.
func (k Keeper) getCcpRecord(ctx context.Context, id uint64) (types.CcpRecord, error) {
	return keeperbase.Get(ctx, k.CcpRecords, id, types.ErrCcpRecordNotFound, "CCP record %d", id)
}

// requireOperator fails with ErrNotOperator unless addr is the facility's operator.
func (k Keeper) requireOperator(addr sdk.AccAddress, f types.Facility) error {
	operator, err := k.addressCodec.StringToBytes(f.Operator)
	if err != nil {
		return err
	}
	if !bytes.Equal(addr, operator) {
		return errorsmod.Wrapf(types.ErrNotOperator, "facility %d is operated by %s", f.Id, f.Operator)
	}
	return nil
}

// requireMember fails with ErrNotFacilityMember unless addr is the facility's
// operator or one of its staff.
func (k Keeper) requireMember(ctx context.Context, addr sdk.AccAddress, f types.Facility) error {
	operator, err := k.addressCodec.StringToBytes(f.Operator)
	if err != nil {
		return err
	}
	if bytes.Equal(addr, operator) {
		return nil
	}
	staff, err := k.FacilityStaff.Has(ctx, collections.Join(f.Id, addr))
	if err != nil {
		return err
	}
	if !staff {
		return errorsmod.Wrapf(types.ErrNotFacilityMember, "facility %d", f.Id)
	}
	return nil
}

// authorizeIn asks x/agency whether addr may act in role, and requires the
// agency it acts for to be agencyID (the certifying agency).
func (k Keeper) authorizeIn(ctx context.Context, addr sdk.AccAddress, role, agencyID, what string) (string, error) {
	got, err := k.agencyKeeper.Authorize(ctx, addr, role)
	if err != nil {
		return "", err
	}
	if got != agencyID {
		return "", errorsmod.Wrapf(types.ErrWrongAgency, "signer acts for agency %q but %s belongs to agency %q", got, what, agencyID)
	}
	return got, nil
}

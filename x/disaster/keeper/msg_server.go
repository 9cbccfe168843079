package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/disaster/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go), then the reads and checks (incident
// exists, Authorize, the incident's agency, lifecycle, params bounds,
// duplicates), and only then the writes and one typed event. A rejected
// message therefore writes nothing.
//
// The handlers live by feature: msg_server_incident.go (declare, update,
// status) and msg_server_alert.go (public alerts).
type msgServer struct {
	Keeper
}

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the module's Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer {
	return msgServer{Keeper: k}
}

// UpdateParams replaces the parameters; only the x/gov authority may.
// Lowering a bound never touches stored records: an incident above a new
// bound keeps what it has and cannot grow further.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.UpdateParams(ctx, m.addressCodec, m.authority, m.Params, msg.Authority, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// authorizeFor asks x/agency whether addr is a disaster.coordinator, and
// requires the agency it acts for to be the incident's: no agency changes
// another agency's incident.
func (k Keeper) authorizeFor(ctx context.Context, addr sdk.AccAddress, inc types.Incident) (string, error) {
	got, err := k.agencyKeeper.Authorize(ctx, addr, types.RoleCoordinator)
	if err != nil {
		return "", err
	}
	if got != inc.AgencyId {
		return "", errorsmod.Wrapf(types.ErrWrongAgency, "signer acts for agency %q but incident %d belongs to agency %q", got, inc.Id, inc.AgencyId)
	}
	return got, nil
}

// requireOpen fails with ErrIncidentClosed for a CLOSED incident.
func requireOpen(inc types.Incident) error {
	if !inc.Status.IsOpen() {
		return errorsmod.Wrapf(types.ErrIncidentClosed, "incident %d is CLOSED", inc.Id)
	}
	return nil
}

// requireWithin fails with ErrInvalidDistricts when a district list is longer
// than params.max_districts_per_incident.
func requireWithin(field string, districts []string, p types.Params) error {
	if uint64(len(districts)) > uint64(p.MaxDistrictsPerIncident) {
		return errorsmod.Wrapf(types.ErrInvalidDistricts, "%s has %d codes, at most %d (params.max_districts_per_incident)", field, len(districts), p.MaxDistrictsPerIncident)
	}
	return nil
}

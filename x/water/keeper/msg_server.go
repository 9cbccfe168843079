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
	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/water/types"
)

// msgServer implements types.MsgServer. Every handler runs in the same order:
// stateless validation (validate.go, which decodes the signer), then the
// reads and checks (record exists, Authorize, agency, lifecycle, times), and
// only then the writes and the typed events. A rejected message therefore
// writes nothing.
//
// The handlers live by feature: msg_server_site.go (sites, operational
// bands), msg_server_sensor.go (sensors and calibrations),
// msg_server_threshold.go (legal thresholds), msg_server_reading.go
// (readings and batches) and msg_server_alert.go (alerts).
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
	if _, err := validateMsgUpdateParams(m.addressCodec, msg, m.authority); err != nil {
		return nil, err
	}
	event := &types.EventParamsUpdated{Authority: msg.Authority, Params: msg.Params}
	if err := keeperbase.SetParams(ctx, m.Params, msg.Params, event); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// isAuthority reports whether signer is the x/gov authority.
func (k Keeper) isAuthority(signer sdk.AccAddress) bool {
	return bytes.Equal(signer, k.authority)
}

// notSensor refuses a registered sensor key as the signer of anything but its
// own readings and batches (a hot device key with no cold powers), even if
// its agency later made it a member.
func (k Keeper) notSensor(ctx context.Context, signer sdk.AccAddress, signerStr string) error {
	has, err := k.Sensors.Has(ctx, signer)
	if err != nil {
		return err
	}
	if has {
		return errorsmod.Wrapf(types.ErrSensorKey, "%s is a registered sensor", text.Quote(signerStr))
	}
	return nil
}

// authorize authorizes signer in role (x/agency), refusing sensor keys
// first, and returns the signer's agency.
func (k Keeper) authorize(ctx context.Context, signer sdk.AccAddress, signerStr, role string) (string, error) {
	if err := k.notSensor(ctx, signer, signerStr); err != nil {
		return "", err
	}
	return k.agencyKeeper.Authorize(ctx, signer, role)
}

// sameAgency fails with ErrWrongAgency unless the signer acts for owner.
func sameAgency(signerAgency, owner, what string) error {
	if signerAgency != owner {
		return errorsmod.Wrapf(types.ErrWrongAgency, "%s belongs to agency %q, the signer acts for %q", what, owner, signerAgency)
	}
	return nil
}

// siteOperator authorizes signer as a water.operator of the site's agency and
// returns the site.
func (k Keeper) siteOperator(ctx context.Context, signer sdk.AccAddress, signerStr string, siteID uint64) (types.Site, error) {
	agencyID, err := k.authorize(ctx, signer, signerStr, types.RoleOperator)
	if err != nil {
		return types.Site{}, err
	}
	site, err := k.getSite(ctx, siteID)
	if err != nil {
		return types.Site{}, err
	}
	if err := sameAgency(agencyID, site.AgencyId, "site "+uintString(siteID)); err != nil {
		return types.Site{}, err
	}
	return site, nil
}

// siteSteward authorizes signer for what must stay possible when the site's
// agency is gone (DecommissionSite, AcknowledgeAlert, ResolveAlert): a
// water.operator of the site's agency, or the x/gov authority, so that a
// suspended or retired agency cannot leave an alert open for good.
func (k Keeper) siteSteward(ctx context.Context, signer sdk.AccAddress, signerStr string, siteID uint64) (types.Site, error) {
	if bytes.Equal(signer, k.authority) {
		return k.getSite(ctx, siteID)
	}
	return k.siteOperator(ctx, signer, signerStr, siteID)
}

// sensorOperator authorizes signer as a water.operator of the sensor's
// agency and returns the sensor.
func (k Keeper) sensorOperator(ctx context.Context, signer sdk.AccAddress, signerStr string, sensor sdk.AccAddress, sensorStr string) (types.Sensor, error) {
	agencyID, err := k.authorize(ctx, signer, signerStr, types.RoleOperator)
	if err != nil {
		return types.Sensor{}, err
	}
	s, err := k.getSensor(ctx, sensor, sensorStr)
	if err != nil {
		return types.Sensor{}, err
	}
	if err := sameAgency(agencyID, s.AgencyId, "sensor "+sensorStr); err != nil {
		return types.Sensor{}, err
	}
	return s, nil
}

// getSite loads a site or fails with ErrSiteNotFound.
func (k Keeper) getSite(ctx context.Context, id uint64) (types.Site, error) {
	return keeperbase.Get(ctx, k.Sites, id, types.ErrSiteNotFound, "site %d", id)
}

// getSensor loads a sensor or fails with ErrSensorNotFound.
func (k Keeper) getSensor(ctx context.Context, addr sdk.AccAddress, addrStr string) (types.Sensor, error) {
	return keeperbase.Get(ctx, k.Sensors, addr, types.ErrSensorNotFound, "sensor %s", text.Quote(addrStr))
}

// getBatch loads a batch or fails with ErrBatchNotFound.
func (k Keeper) getBatch(ctx context.Context, id uint64) (types.Batch, error) {
	return keeperbase.Get(ctx, k.Batches, id, types.ErrBatchNotFound, "batch %d", id)
}

// getAlert loads an alert or fails with ErrAlertNotFound.
func (k Keeper) getAlert(ctx context.Context, id uint64) (types.Alert, error) {
	return keeperbase.Get(ctx, k.Alerts, id, types.ErrAlertNotFound, "alert %d", id)
}

// getOptional loads key of m, with found false (and no error) when absent.
func getOptional[K, V any](ctx context.Context, m interface {
	Get(context.Context, K) (V, error)
}, key K,
) (V, bool, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, false, nil
	}
	return v, err == nil, err
}

// nextID issues the next id of a sequence that holds the last id issued.
func nextID(ctx context.Context, seq collections.Sequence) (uint64, error) {
	last, err := seq.Next(ctx)
	if err != nil {
		return 0, err
	}
	return last + 1, nil
}

// unixNano is the UTC time of a key's Unix nanoseconds.
func unixNano(ns int64) time.Time { return time.Unix(0, ns).UTC() }

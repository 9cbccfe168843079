package keeper_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"
	"cosmossdk.io/x/tx/signing"
	gogoproto "github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/civicchain/civic/internal/pii"
	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

// One test per class of docs threats.md that applies to x/water; the
// per-message rejection tables carry more cases, marked "(threats: ...)".

// Hot keys with cold powers: a sensor key can sign only its own readings and
// batches. Its registration needs its own signature, every other message
// refuses it, and the readings it signs are its own (the message's one
// signer is the sensor field).
func TestThreatHotKeys(t *testing.T) {
	f := withAlert(t)
	sensor := f.s(sensorAddr)
	for name, act := range map[string]func() error{
		"register a site": func() error {
			msg := f.siteMsg(types.SiteKindTap, "Fake Tap", busanjin, 0)
			msg.Signer = sensor
			_, err := f.msg.RegisterSite(f.Ctx, msg)
			return err
		},
		"register another sensor": func() error {
			msg := f.sensorMsg(sensorAddr2, tapID, types.ParameterPH)
			msg.Signer = sensor
			_, err := f.msg.RegisterSensor(f.Ctx, msg)
			return err
		},
		"extend its own calibration": func() error {
			_, err := f.msg.RecordCalibration(f.Ctx, &types.MsgRecordCalibration{Signer: sensor, Sensor: sensor,
				Calibration: types.Calibration{CertificateDigest: fixDigest, CalibratedAt: t0, DueAt: due.Add(time.Hour)}})
			return err
		},
		"widen the band": func() error {
			_, err := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: sensor, SiteId: tapID, Parameter: types.ParameterTurbidity, Max: limit(500)})
			return err
		},
		"resolve its alert": func() error {
			_, err := f.msg.ResolveAlert(f.Ctx, &types.MsgResolveAlert{Signer: sensor, AlertId: 1, CorrectiveActionDigest: fixDigest})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			testkeeper.RequireRejected(t, types.ErrSensorKey, &f.Ctx, f.state, act)
		})
	}

	// even if its agency later makes the device key a member with a role
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, agWater, f.admin, sensorAddr, types.RoleOperator)
	testkeeper.RequireRejected(t, types.ErrSensorKey, &f.Ctx, f.state, func() error {
		_, err := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: sensor, AlertId: 1})
		return err
	})

	// signers: the reading's is the sensor; the registration's the operator and the sensor
	ir, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles:     gogoproto.HybridResolver,
		SigningOptions: signing.Options{AddressCodec: f.k.AddressCodec(), ValidatorAddressCodec: f.k.AddressCodec()},
	})
	require.NoError(t, err)
	types.RegisterInterfaces(ir)
	cdc := codec.NewProtoCodec(ir)
	signers, _, err := cdc.GetMsgV1Signers(&types.MsgSubmitReading{Sensor: sensor, PhenomenonTime: t0, Values: compliant()})
	require.NoError(t, err)
	require.Equal(t, [][]byte{sensorAddr}, signers)
	signers, _, err = cdc.GetMsgV1Signers(f.sensorMsg(sensorAddr2, tapID, types.ParameterPH))
	require.NoError(t, err)
	require.Equal(t, [][]byte{f.op, sensorAddr2}, signers, "no one is made a sensor without its key (threats: squatting)")
}

// Zero-notice changes: a threshold takes effect threshold_min_notice after
// the block that sets it at the earliest, and governance cannot set that
// notice below an hour. (Bands are the operator's own stricter warnings and
// apply at once: they raise only its own WARNING alerts.)
func TestThreatZeroNotice(t *testing.T) {
	f := setup(t)
	testkeeper.RequireRejected(t, types.ErrShortNotice, &f.Ctx, f.state, func() error {
		_, err := f.msg.SetThreshold(f.Ctx, f.turbidityMsg(t0))
		return err
	})
	p := types.DefaultParams()
	p.ThresholdMinNoticeSeconds = types.MinThresholdMinNoticeSeconds - 1
	require.ErrorIs(t, p.Validate(), types.ErrInvalidParams)
}

// Replays and duplicates: a sensor's readings and batch windows follow its
// head strictly, so the same reading or batch is refused the second time.
func TestThreatReplays(t *testing.T) {
	f := withTap(t)
	reading := &types.MsgSubmitReading{Sensor: f.s(sensorAddr), PhenomenonTime: t0.Add(-2 * time.Hour), Values: compliant()}
	_, err := f.msg.SubmitReading(f.Ctx, reading)
	require.NoError(t, err)
	testkeeper.RequireRejected(t, types.ErrOutOfOrder, &f.Ctx, f.state, func() error {
		_, err := f.msg.SubmitReading(f.Ctx, reading)
		return err
	})
	rs := rawReadings(hourStart, 5, func(int) int64 { return 90 })
	batch := f.batchMsg(rs, hourStart, hourStart.Add(4*time.Minute))
	_, err = f.msg.SubmitBatch(f.Ctx, batch)
	require.NoError(t, err)
	testkeeper.RequireRejected(t, types.ErrOutOfOrder, &f.Ctx, f.state, func() error {
		_, err := f.msg.SubmitBatch(f.Ctx, batch)
		return err
	})
}

// Declared numbers overflow later: values are bounded per parameter and a
// batch's count by params, so count x max fits an int64 many times over, and
// a sum no readings can make is refused.
func TestThreatDeclaredNumbers(t *testing.T) {
	top := []types.ParameterStats{{Parameter: types.ParameterConductivity, Min: 200_000_000, Max: 200_000_000,
		Sum: 200_000_000 * int64(types.MaxMaxBatchCount), Mean: 200_000_000}}
	require.NoError(t, types.ValidateBatchStats(types.MaxMaxBatchCount, types.MaxMaxBatchCount, top))
	top[0].Sum = 1 << 62
	require.ErrorIs(t, types.ValidateBatchStats(types.MaxMaxBatchCount, types.MaxMaxBatchCount, top), types.ErrInvalidBatch)
	require.ErrorIs(t, types.ValidateValue(types.ParameterConductivity, 200_000_001), types.ErrInvalidValue)
}

// Keys outlive their holder: sites and sensors belong to the agency, not to
// the member who registered them; a removed member can do nothing, another
// operator of the agency carries on.
func TestThreatKeysOutliveHolder(t *testing.T) {
	f := withAlert(t)
	other := testkeeper.TestAddress("busan-water operator 2")
	testkeeper.AddTestMember(t, f.Agency, f.Ctx, agWater, f.admin, other, types.RoleOperator)
	_, err := agencykeeper.NewMsgServerImpl(f.Agency).RemoveMember(f.Ctx, &agencytypes.MsgRemoveMember{Admin: f.s(f.admin), AgencyId: agWater, Address: f.s(f.op)})
	require.NoError(t, err)

	testkeeper.RequireRejected(t, agencytypes.ErrNotMember, &f.Ctx, f.state, func() error {
		_, err := f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: f.s(f.op), AlertId: 1})
		return err
	})
	_, err = f.msg.AcknowledgeAlert(f.Ctx, &types.MsgAcknowledgeAlert{Signer: f.s(other), AlertId: 1})
	require.NoError(t, err)
	_, err = f.msg.SetSensorStatus(f.Ctx, &types.MsgSetSensorStatus{Signer: f.s(other), Sensor: f.s(sensorAddr), Status: types.SensorSuspended})
	require.NoError(t, err)
}

// Work that grows with others' data: a reading costs the same gas whatever
// the number of threshold versions and of other sites' open alerts (one
// seek each, never a scan).
func TestThreatBoundedWork(t *testing.T) {
	gasOfReading := func(versions, otherAlerts int) storetypes.Gas {
		f := withTap(t)
		for i := range versions {
			f.at(t0.Add(time.Duration(i) * time.Hour))
			msg := f.turbidityMsg(t0.Add(notice + time.Duration(i)*time.Hour))
			msg.Max = limit(400)
			_, err := f.msg.SetThreshold(f.Ctx, msg)
			require.NoError(t, err)
		}
		for i := range otherAlerts {
			addr := testkeeper.TestAddress(fmt.Sprintf("other sensor %d", i))
			site := f.site(f.siteMsg(types.SiteKindTap, fmt.Sprintf("Tap %d", i), busanjin, 0))
			f.sensor(addr, site, types.ParameterTurbidity)
			_, err := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(addr), PhenomenonTime: t0, Values: []types.Measurement{m(types.ParameterTurbidity, 900)}})
			require.NoError(t, err)
		}
		now := t0.Add(notice + 100*time.Hour)
		f.at(now)
		f.Ctx = f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		f.reading(now, m(types.ParameterTurbidity, 350))
		return f.Ctx.GasMeter().GasConsumed()
	}
	base := gasOfReading(2, 2)
	require.Equal(t, base, gasOfReading(12, 2), "threshold history is not scanned")
	require.Equal(t, base, gasOfReading(2, 12), "other sites' alerts are not scanned")
}

// Personal data by the back door: after a full run (sites, sensors, a
// reading, a batch, an alert acknowledged and resolved, a band), no string in
// the exported state has the shape of a resident registration number, a
// telephone number or an e-mail address; the grammars refusing them are in
// the rejection tables (site name, model, serial digest, legal basis, report digest).
func TestThreatNoPersonalData(t *testing.T) {
	f := withAcknowledged(t)
	_, err := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Max: limit(8000)})
	require.NoError(t, err)
	f.reading(t0.Add(2*time.Minute), compliant()...)
	_, err = f.msg.ResolveAlert(f.Ctx, f.resolveMsg(1))
	require.NoError(t, err)
	f.at(t0.Add(time.Hour))
	rs := rawReadings(t0.Add(3*time.Minute), 5, func(int) int64 { return 90 })
	_, err = f.msg.SubmitBatch(f.Ctx, f.batchMsg(rs, t0.Add(3*time.Minute), t0.Add(7*time.Minute)))
	require.NoError(t, err)

	gs, err := f.k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	bz, err := moduletestutil.MakeTestEncodingConfig().Codec.MarshalJSON(gs)
	require.NoError(t, err)
	var doc any
	require.NoError(t, json.Unmarshal(bz, &doc))
	var strs []string
	collectStrings(doc, &strs)
	require.NotEmpty(t, strs)
	for _, s := range strs {
		require.Empty(t, pii.Find(s), "%q", s)
	}
}

// collectStrings gathers every string of a decoded JSON document.
func collectStrings(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case []any:
		for _, e := range x {
			collectStrings(e, out)
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, out)
		}
	}
}

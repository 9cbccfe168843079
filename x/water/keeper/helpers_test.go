package keeper_test

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	disastertypes "github.com/civicchain/civic/x/disaster/types"
	"github.com/civicchain/civic/x/water/keeper"
	"github.com/civicchain/civic/x/water/types"
)

// The water fixture, registered through the real x/agency Msg service
// (testkeeper.NewFixture with WithAgency):
//
//	agency busan-water   water.operator        member = the operator (f.op)
//	agency gimhae-water  water.operator        member = another agency's operator (f.otherOp)
//	agency me            water.regulator       member = the regulator (f.regulator)
//	agency busan-safety  disaster.coordinator  member = the coordinator (f.coordinator)
//
// Each agency's admin holds no role. The block time starts at t0
// (testkeeper.BlockTime); sensor calibrations run from t0-30d to t0+180d.
const (
	agWater  = "busan-water"
	agOther  = "gimhae-water"
	agMe     = "me"
	agSafety = "busan-safety"

	// district codes: Busanjin-gu, Buk-gu (Busan), Gimhae.
	busanjin = "26230"
	bukgu    = "26320"
	gimhae   = "48250"
)

var (
	t0          = testkeeper.BlockTime
	calibrated  = t0.Add(-30 * 24 * time.Hour)
	due         = t0.Add(180 * 24 * time.Hour)
	sensorAddr  = testkeeper.TestAddress("sensor 1")
	sensorAddr2 = testkeeper.TestAddress("sensor 2")
	stranger    = testkeeper.TestAddress("stranger")
	certDigest  = strings.Repeat("c1", 32)
	serial      = strings.Repeat("5e", 32)
	fixDigest   = strings.Repeat("f1", 32)
	root        = strings.Repeat("ab", 32)
)

type wf struct {
	*testkeeper.Fixture
	t           *testing.T
	k           keeper.Keeper
	msg         types.MsgServer
	q           types.QueryServer
	op          sdk.AccAddress
	admin       sdk.AccAddress
	otherOp     sdk.AccAddress
	regulator   sdk.AccAddress
	coordinator sdk.AccAddress
}

// setup builds the fixture with the four agencies and nothing in x/water
// but the default genesis.
func setup(t *testing.T) *wf {
	t.Helper()
	f := testkeeper.NewFixture(t,
		testkeeper.WithAgency(agWater, types.RoleOperator),
		testkeeper.WithAgency(agOther, types.RoleOperator),
		testkeeper.WithAgency(agMe, types.RoleRegulator),
		testkeeper.WithAgency(agSafety, disastertypes.RoleCoordinator),
	)
	return &wf{
		Fixture: f, t: t, k: f.Water,
		msg: keeper.NewMsgServerImpl(f.Water), q: keeper.NewQueryServerImpl(f.Water),
		op: f.Agencies[agWater].Member, admin: f.Agencies[agWater].Admin, otherOp: f.Agencies[agOther].Member,
		regulator: f.Agencies[agMe].Member, coordinator: f.Agencies[agSafety].Member,
	}
}

// s is a's bech32 string.
func (f *wf) s(a sdk.AccAddress) string {
	f.t.Helper()
	str, err := f.k.AddressCodec().BytesToString(a)
	require.NoError(f.t, err)
	return str
}

// at moves the block time to t.
func (f *wf) at(t time.Time) { f.Ctx = f.Ctx.WithBlockTime(t) }

// fresh empties the event manager.
func (f *wf) fresh() { f.Ctx = f.Events.Fresh(f.Ctx) }

// events are the typed x/water events emitted since fresh.
func (f *wf) events() []any {
	var out []any
	for _, e := range f.Events.Read(f.Ctx, "civic.water.v1") {
		out = append(out, e)
	}
	return out
}

// state is every x/water collection and index, for "nothing written".
type state struct {
	Params                         types.Params
	Seqs                           [3]uint64
	Sites, Sensors, Calibrations   any
	Heads, Thresholds, Bands       any
	Points, Latest, Batches        any
	Alerts, SiteIdx, SensorIdx     any
	DueIdx, ThresholdIdx, BatchIdx any
	AlertIdx, OpenSiteIdx, OpenDis any
	OpenIdx, LastVersionIdx        any
}

func (f *wf) state() state {
	t, ctx, k := f.t, f.Ctx, f.k
	p, err := k.Params.Get(ctx)
	require.NoError(t, err)
	var seqs [3]uint64
	for i, s := range []collections.Sequence{k.LastSiteID, k.LastBatchID, k.LastAlertID} {
		seqs[i], err = s.Peek(ctx)
		require.NoError(t, err)
	}
	return state{
		Params: p, Seqs: seqs,
		Sites: testkeeper.EntriesOf(t, ctx, k.Sites), Sensors: testkeeper.EntriesOf(t, ctx, k.Sensors),
		Calibrations: testkeeper.EntriesOf(t, ctx, k.Calibrations), Heads: testkeeper.EntriesOf(t, ctx, k.SensorHeads),
		Thresholds: testkeeper.EntriesOf(t, ctx, k.Thresholds), Bands: testkeeper.EntriesOf(t, ctx, k.Bands),
		Points: testkeeper.EntriesOf(t, ctx, k.Points), Latest: testkeeper.EntriesOf(t, ctx, k.Latest),
		Batches: testkeeper.EntriesOf(t, ctx, k.Batches), Alerts: testkeeper.EntriesOf(t, ctx, k.Alerts),
		SiteIdx:        testkeeper.KeysOf(t, ctx, k.Sites.Indexes.ByDistrict),
		SensorIdx:      testkeeper.KeysOf(t, ctx, k.Sensors.Indexes.BySite),
		DueIdx:         testkeeper.KeysOf(t, ctx, k.Sensors.Indexes.ByDue),
		ThresholdIdx:   testkeeper.EntriesOf(t, ctx, k.Thresholds.Indexes.ByTime),
		LastVersionIdx: testkeeper.EntriesOf(t, ctx, k.Thresholds.Indexes.LastVersion),
		OpenIdx:        testkeeper.EntriesOf(t, ctx, k.Alerts.Indexes.Open),
		BatchIdx:       testkeeper.KeysOf(t, ctx, k.Batches.Indexes.BySensor),
		AlertIdx:       testkeeper.KeysOf(t, ctx, k.Alerts.Indexes.BySite),
		OpenSiteIdx:    testkeeper.KeysOf(t, ctx, k.Alerts.Indexes.OpenBySite),
		OpenDis:        testkeeper.KeysOf(t, ctx, k.Alerts.Indexes.OpenByDistrict),
	}
}

// rejection is a message that must be refused with want; arrange (optional)
// prepares the fixture first.
type rejection struct {
	name    string
	want    error
	arrange func(f *wf)
	act     func(f *wf) error
}

// runRejections runs every case on a fresh fixture built by build: ARRANGE,
// then ACT must fail with its error, write nothing and emit nothing.
func runRejections(t *testing.T, build func(t *testing.T) *wf, cases []rejection) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := build(t)
			if c.arrange != nil {
				c.arrange(f)
			}
			testkeeper.RequireRejected(t, c.want, &f.Ctx, f.state, func() error { return c.act(f) })
		})
	}
}

// siteMsg is a TAP_WATER site of kind k in district, signed by the operator.
func (f *wf) siteMsg(kind types.SiteKind, name, district string, upstream uint64) *types.MsgRegisterSite {
	return &types.MsgRegisterSite{
		Signer: f.s(f.op), Kind: kind, Name: name, DistrictCode: district, SupplyBlock: "BJ-03",
		UpstreamSiteId: upstream, LatUdeg: 35_163_000, LonUdeg: 129_053_000, StandardClass: types.StandardClassTapWater,
	}
}

// site registers a site and returns its id.
func (f *wf) site(msg *types.MsgRegisterSite) uint64 {
	f.t.Helper()
	res, err := f.msg.RegisterSite(f.Ctx, msg)
	require.NoError(f.t, err)
	return res.SiteId
}

// chain registers plant (Buk-gu) -> reservoir -> tap (Busanjin-gu) and returns their ids.
func (f *wf) chain() (plant, reservoir, tap uint64) {
	f.t.Helper()
	plant = f.site(f.siteMsg(types.SiteKindPurificationPlant, "Hwamyeong Purification Plant", bukgu, 0))
	reservoir = f.site(f.siteMsg(types.SiteKindReservoir, "Busanjin Reservoir", busanjin, plant))
	tap = f.site(f.siteMsg(types.SiteKindTap, "Busanjin-gu Office Tap", busanjin, reservoir))
	return plant, reservoir, tap
}

// calibration is the fixture calibration.
func calibration() types.Calibration {
	return types.Calibration{CertificateDigest: certDigest, CalibratedAt: calibrated, DueAt: due}
}

// sensorMsg registers addr at site measuring params.
func (f *wf) sensorMsg(addr sdk.AccAddress, site uint64, params ...types.Parameter) *types.MsgRegisterSensor {
	return &types.MsgRegisterSensor{
		Signer: f.s(f.op), Sensor: f.s(addr), SiteId: site, Parameters: params,
		Model: "YSI-EXO2", SerialDigest: serial, Calibration: calibration(),
	}
}

// sensor registers addr at site measuring params.
func (f *wf) sensor(addr sdk.AccAddress, site uint64, params ...types.Parameter) {
	f.t.Helper()
	_, err := f.msg.RegisterSensor(f.Ctx, f.sensorMsg(addr, site, params...))
	require.NoError(f.t, err)
}

// allParams is every parameter, in order.
var allParams = types.AllParameters

// withTap is the fixture with the plant -> reservoir -> tap chain and sensor
// 1 at the tap measuring every parameter; it returns the tap's id in f.
func withTap(t *testing.T) *wf {
	f := setup(t)
	_, _, tap := f.chain()
	require.Equal(t, uint64(3), tap)
	f.sensor(sensorAddr, tap, allParams...)
	return f
}

// tapID is the tap's id in withTap.
const tapID = uint64(3)

// reading submits one reading of sensor 1 at time at.
func (f *wf) reading(at time.Time, values ...types.Measurement) *types.MsgSubmitReadingResponse {
	f.t.Helper()
	res, err := f.msg.SubmitReading(f.Ctx, &types.MsgSubmitReading{Sensor: f.s(sensorAddr), PhenomenonTime: at, Values: values})
	require.NoError(f.t, err)
	return res
}

// m is a measurement.
func m(p types.Parameter, v int64) types.Measurement {
	return types.Measurement{Parameter: p, Value: v}
}

// limit is a *Limit of v.
func limit(v int64) *types.Limit { return &types.Limit{Value: v} }

// setParams replaces the params through MsgUpdateParams.
func (f *wf) setParams(edit func(*types.Params)) {
	f.t.Helper()
	p, err := f.k.Params.Get(f.Ctx)
	require.NoError(f.t, err)
	edit(&p)
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
	require.NoError(f.t, err)
}

// alert loads alert id.
func (f *wf) alert(id uint64) types.Alert {
	f.t.Helper()
	a, err := f.k.Alerts.Get(f.Ctx, id)
	require.NoError(f.t, err)
	return a
}

// collectionsPair is the (site, parameter) key of bands and latest values.
func collectionsPair(site uint64, p types.Parameter) collections.Pair[uint64, int32] {
	return collections.Join(site, int32(p))
}

// pageKeyOf is a page's next_key.
func pageKeyOf[R interface{ GetPagination() *query.PageResponse }](res R) []byte {
	return res.GetPagination().NextKey
}

// requireCode asserts err is a gRPC status with the named code.
func requireCode(t *testing.T, err error, code string) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, code, status.Code(err).String(), err.Error())
}

// mustHex decodes hex.
func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	bz, err := hex.DecodeString(s)
	require.NoError(t, err)
	return bz
}

package bench

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	watertypes "github.com/civicchain/civic/x/water/types"
)

// The water workloads send what the chain accepts statelessly and in order: the
// sensor is the signer, values of all five parameters in range, times strictly
// increasing within the clock-skew and backfill bounds; a batch's count, stats and
// root are those of its raw readings, its windows follow one another.
func TestWaterWorkloads(t *testing.T) {
	accts := loadAccounts(t, 2)
	env := NewEnv(accts, "ucivic")
	before := time.Now()
	inBounds := func(what string, at time.Time) {
		t.Helper()
		if at.Before(before.Add(-waterLead-time.Second)) || at.After(time.Now().Add(time.Duration(watertypes.DefaultMaxClockSkewSeconds)*time.Second)) {
			t.Fatalf("%s at %s is outside the skew and backfill bounds", what, at)
		}
	}

	var last time.Time
	for i, m := range (SubmitReading{}).Msgs(env, 1, 50) {
		msg := m.(*watertypes.MsgSubmitReading)
		if msg.Sensor != accts[1].Address {
			t.Fatalf("reading %d: sensor %s", i, msg.Sensor)
		}
		if err := watertypes.ValidateMeasurements(msg.Values); err != nil || len(msg.Values) != watertypes.NumParameters {
			t.Fatalf("reading %d: %d values: %v", i, len(msg.Values), err)
		}
		if !msg.PhenomenonTime.After(last) {
			t.Fatalf("reading %d at %s is not after %s", i, msg.PhenomenonTime, last)
		}
		last = msg.PhenomenonTime
		inBounds("reading", last)
	}

	last = time.Time{}
	for i, m := range (SubmitBatch{}).Msgs(env, 0, 50) {
		msg := m.(*watertypes.MsgSubmitBatch)
		if msg.Sensor != accts[0].Address || msg.Count != BenchWaterBatchCount {
			t.Fatalf("batch %d: sensor %s count %d", i, msg.Sensor, msg.Count)
		}
		if err := watertypes.ValidateBatchStats(msg.Count, watertypes.DefaultMaxBatchCount, msg.Stats); err != nil || len(msg.Stats) != watertypes.NumParameters {
			t.Fatalf("batch %d: %d stats: %v", i, len(msg.Stats), err)
		}
		if err := watertypes.ValidateDigest("merkle_root", msg.MerkleRoot); err != nil {
			t.Fatal(err)
		}
		if !msg.WindowStart.After(last) || msg.WindowEnd.Before(msg.WindowStart) {
			t.Fatalf("batch %d: window %s..%s after %s", i, msg.WindowStart, msg.WindowEnd, last)
		}
		last = msg.WindowEnd
		inBounds("batch window end", last)
		// The root and stats are the raw readings': each one's proof verifies against the batch.
		batch := watertypes.Batch{WindowStart: msg.WindowStart, WindowEnd: msg.WindowEnd, Count: msg.Count, Stats: msg.Stats, MerkleRoot: msg.MerkleRoot}
		raw := watertypes.RawReading{PhenomenonTime: msg.WindowStart, Values: waterValues(i * BenchWaterBatchCount)}
		readings := []watertypes.RawReading{raw}
		for j := 1; j < BenchWaterBatchCount; j++ {
			readings = append(readings, watertypes.RawReading{PhenomenonTime: msg.WindowStart.Add(time.Duration(j) * waterRawGap), Values: waterValues(i*BenchWaterBatchCount + j)})
		}
		proof, err := watertypes.BatchProof(readings, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := watertypes.VerifyBatchReading(batch, 0, raw, proof); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
	}
	if (SubmitReading{}).Name() == (SubmitBatch{}).Name() {
		t.Fatal("the two water workloads share a name")
	}
}

// Signed later (each workload runs for its duration), a workload's first time is
// after the other's last one, whichever ran first.
func TestWaterWorkloadsFollowEachOther(t *testing.T) {
	env := NewEnv(loadAccounts(t, 1), "ucivic")
	readings := (SubmitReading{}).Msgs(env, 0, 300)
	batches := (SubmitBatch{}).Msgs(env, 0, 300)
	lastReading := readings[len(readings)-1].(*watertypes.MsgSubmitReading).PhenomenonTime
	lastBatch := batches[len(batches)-1].(*watertypes.MsgSubmitBatch).WindowEnd
	firstReading := readings[0].(*watertypes.MsgSubmitReading).PhenomenonTime
	firstBatch := batches[0].(*watertypes.MsgSubmitBatch).WindowStart
	// The base is truncated to the second: a workload signed 2 s later starts at least a
	// second later, after the other's 300 messages.
	if d := lastReading.Sub(firstReading); d >= time.Second {
		t.Fatalf("300 readings span %s", d)
	}
	if d := lastBatch.Sub(firstBatch); d >= time.Second {
		t.Fatalf("300 batches span %s", d)
	}
}

// ExtendGenesis writes a site and a sensor per load account: a valid x/water
// genesis whose sites belong to the load agency, which gets water.operator.
func TestExtendGenesisWaterSensors(t *testing.T) {
	accts := loadAccounts(t, 3)
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	var out struct {
		AppState struct {
			Water  json.RawMessage `json:"water"`
			Agency struct {
				Agencies []struct {
					Roles []string `json:"roles"`
				} `json:"agencies"`
			} `json:"agency"`
		} `json:"app_state"`
	}
	extendGenesis(t, map[string]any{
		"auth": map[string]any{"accounts": []any{}},
		"bank": map[string]any{"balances": []any{}, "supply": []any{}},
		"agency": map[string]any{"members": []any{}, "agencies": []any{
			map[string]any{"id": "knpa", "roles": []any{"evidence.investigator"}},
		}},
		"water": moduleGenesis(t, cdc, watertypes.DefaultGenesis()),
	}, accts, LoadRoles, 1, &out)
	if roles := out.AppState.Agency.Agencies[0].Roles; !slices.Equal(roles, []string{"evidence.investigator", "water.operator"}) {
		t.Fatalf("agency roles %v", roles)
	}
	var gs watertypes.GenesisState
	if err := cdc.UnmarshalJSON(out.AppState.Water, &gs); err != nil {
		t.Fatal(err)
	}
	if len(gs.Sites) != len(accts) || len(gs.Sensors) != len(accts) || len(gs.Calibrations) != len(accts) || gs.NextSiteId != BenchWaterSiteID(len(accts)) {
		t.Fatalf("sites %d sensors %d calibrations %d next site %d", len(gs.Sites), len(gs.Sensors), len(gs.Calibrations), gs.NextSiteId)
	}
	for i, s := range gs.Sensors {
		if s.Address != accts[i].Address || s.SiteId != BenchWaterSiteID(i) || s.AgencyId != "knpa" || !slices.Equal(s.Parameters, watertypes.AllParameters) {
			t.Fatalf("sensor %d: %+v", i, s)
		}
		if want := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC); !s.Calibration.DueAt.Equal(want) {
			t.Fatalf("sensor %d due at %s", i, s.Calibration.DueAt)
		}
	}
	if got, want := moduleGenesis(t, cdc, &watertypes.GenesisState{Thresholds: gs.Thresholds}), moduleGenesis(t, cdc, &watertypes.GenesisState{Thresholds: watertypes.DefaultThresholds()}); string(got) != string(want) {
		t.Fatalf("the default thresholds are kept: %s", got)
	}
	if err := gs.Validate(); err != nil {
		t.Fatal(err)
	}
	var ac address.Codec = addresscodec.NewBech32Codec(Bech32Prefix)
	if err := gs.ValidateAddresses(ac); err != nil {
		t.Fatal(err)
	}
}

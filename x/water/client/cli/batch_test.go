package cli_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/civicchain/civic/x/water/client/cli"
	"github.com/civicchain/civic/x/water/types"
)

// readingsJSON is a batch file of three raw readings of a pH and turbidity
// sensor, in proto JSON (64-bit integers as strings or numbers, enums by
// name or number).
const readingsJSON = `[
  {"phenomenon_time": "2026-07-01T10:00:00Z", "values": [
    {"parameter": "PARAMETER_PH_MILLI", "value": "7250"}, {"parameter": "PARAMETER_TURBIDITY_MNTU", "value": "120"}]},
  {"phenomenon_time": "2026-07-01T10:20:00Z", "values": [
    {"parameter": "PARAMETER_PH_MILLI", "value": 7310}, {"parameter": 3, "value": 95}]},
  {"phenomenon_time": "2026-07-01T10:40:00.5+09:00", "values": [
    {"parameter": "PARAMETER_PH_MILLI", "value": "7181"}, {"parameter": "PARAMETER_TURBIDITY_MNTU", "value": "140"}]}
]`

var (
	t0 = time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)
	// t2 is the third reading's time: 10:40:00.5 in Korea is 01:40:00.5 UTC,
	// so readingsJSON is out of order unless rewritten (inOrderJSON).
	t2 = time.Date(2026, 7, 1, 1, 40, 0, 500_000_000, time.UTC)
)

// inOrderJSON is readingsJSON with the third reading at 10:40:00.5 UTC.
var inOrderJSON = strings.Replace(readingsJSON, "10:40:00.5+09:00", "10:40:00.5Z", 1)

func testCodec() codec.Codec {
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	return enc.Codec
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "readings.json")
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func parse(t *testing.T, content string) []types.RawReading {
	t.Helper()
	rs, err := cli.ParseReadings(testCodec(), []byte(content))
	require.NoError(t, err)
	return rs
}

func TestParseReadings(t *testing.T) {
	rs := parse(t, readingsJSON)
	require.Len(t, rs, 3)
	require.True(t, t0.Equal(rs[0].PhenomenonTime))
	require.Equal(t, []types.Measurement{{Parameter: types.ParameterPH, Value: 7250}, {Parameter: types.ParameterTurbidity, Value: 120}}, rs[0].Values)
	require.Equal(t, []types.Measurement{{Parameter: types.ParameterPH, Value: 7310}, {Parameter: types.ParameterTurbidity, Value: 95}}, rs[1].Values)
	require.True(t, t2.Equal(rs[2].PhenomenonTime), "an offset is read as the instant it names")

	for in, want := range map[string]string{
		`{"phenomenon_time":"2026-07-01T10:00:00Z"}`: "not a JSON array of readings",
		`[]`: "no readings",
		`[{"phenomenon_time":"2026-07-01T10:00:00Z","site":"Busanjin"}]`: "readings[0]",
		`[{"values":[{"parameter":"PARAMETER_SALINITY","value":"1"}]}]`:  "readings[0]",
		`[{"phenomenon_time":"yesterday"}]`:                              "readings[0]",
		`[{"values":[]}] [{"values":[]}]`:                                "trailing data",
		`not json`:                                                       "not a JSON array of readings",
	} {
		_, err := cli.ParseReadings(testCodec(), []byte(in))
		require.ErrorContains(t, err, want, in)
	}
}

func TestReadReadingsFile(t *testing.T) {
	rs, err := cli.ReadReadingsFile(testCodec(), writeFile(t, readingsJSON))
	require.NoError(t, err)
	require.Len(t, rs, 3)

	_, err = cli.ReadReadingsFile(testCodec(), writeFile(t, `[{"values":true}]`))
	require.ErrorContains(t, err, "readings.json: readings[0]")
	_, err = cli.ReadReadingsFile(testCodec(), filepath.Join(t.TempDir(), "missing.json"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestBatchMsg(t *testing.T) {
	rs := parse(t, inOrderJSON)
	root, err := types.BatchRoot(rs)
	require.NoError(t, err)
	last := time.Date(2026, 7, 1, 10, 40, 0, 500_000_000, time.UTC)

	msg, err := cli.BatchMsg("civic1sensor", rs, nil, nil)
	require.NoError(t, err)
	require.Equal(t, &types.MsgSubmitBatch{
		Sensor:      "civic1sensor",
		WindowStart: t0,
		WindowEnd:   last,
		Count:       3,
		Stats: []types.ParameterStats{
			// 7250 + 7310 + 7181 = 21741, floor(21741 / 3) = 7247
			{Parameter: types.ParameterPH, Min: 7181, Max: 7310, Sum: 21741, Mean: 7247},
			// 120 + 95 + 140 = 355, floor(355 / 3) = 118
			{Parameter: types.ParameterTurbidity, Min: 95, Max: 140, Sum: 355, Mean: 118},
		},
		MerkleRoot: root,
	}, msg)
	require.Len(t, msg.MerkleRoot, 64)
	// The chain's own check of the declared statistics accepts them.
	require.NoError(t, types.ValidateBatchStats(msg.Count, types.DefaultMaxBatchCount, msg.Stats))

	// An hourly window around the readings.
	start, end := t0.Add(-time.Minute), time.Date(2026, 7, 1, 10, 59, 59, 0, time.UTC)
	msg, err = cli.BatchMsg("civic1sensor", rs, &start, &end)
	require.NoError(t, err)
	require.Equal(t, start, msg.WindowStart)
	require.Equal(t, end, msg.WindowEnd)
	require.Equal(t, root, msg.MerkleRoot, "the window is not part of the tree")

	// The window must hold every reading.
	late := t0.Add(time.Second)
	_, err = cli.BatchMsg("civic1sensor", rs, &late, nil)
	require.ErrorContains(t, err, "window start 2026-07-01T10:00:01Z is after the first reading at 2026-07-01T10:00:00Z")
	early := last.Add(-time.Nanosecond)
	_, err = cli.BatchMsg("civic1sensor", rs, nil, &early)
	require.ErrorContains(t, err, "is before the last reading at 2026-07-01T10:40:00.5Z")

	// Readings out of order (the +09:00 reading is the earliest), repeated or without a time.
	_, err = cli.BatchMsg("civic1sensor", parse(t, readingsJSON), nil, nil)
	require.ErrorContains(t, err, "readings[2] at 2026-07-01T01:40:00.5Z is not after readings[1] at 2026-07-01T10:20:00Z")
	_, err = cli.BatchMsg("civic1sensor", []types.RawReading{rs[0], rs[0]}, nil, nil)
	require.ErrorContains(t, err, "readings[1] at 2026-07-01T10:00:00Z is not after readings[0]")
	_, err = cli.BatchMsg("civic1sensor", parse(t, `[{"values":[{"parameter":1,"value":7000}]}]`), nil, nil)
	require.ErrorIs(t, err, types.ErrInvalidTime)
	_, err = cli.BatchMsg("civic1sensor", nil, nil, nil)
	require.ErrorContains(t, err, "no readings")

	// Values the chain refuses, and readings that differ in their parameters.
	bad := parse(t, inOrderJSON)
	bad[1].Values[0].Value = 14_001
	_, err = cli.BatchMsg("civic1sensor", bad, nil, nil)
	require.ErrorIs(t, err, types.ErrInvalidValue)
	bad = parse(t, inOrderJSON)
	bad[2].Values = bad[2].Values[:1]
	_, err = cli.BatchMsg("civic1sensor", bad, nil, nil)
	require.ErrorIs(t, err, types.ErrInvalidBatch)
	require.ErrorContains(t, err, "readings[2] has 1 values, readings[0] 2")
}

func TestBatchMsgFloorsNegativeMeans(t *testing.T) {
	rs := parse(t, `[
	  {"phenomenon_time": "2026-01-10T06:00:00Z", "values": [{"parameter": "PARAMETER_TEMPERATURE_MDEG_C", "value": "-1"}]},
	  {"phenomenon_time": "2026-01-10T06:10:00Z", "values": [{"parameter": "PARAMETER_TEMPERATURE_MDEG_C", "value": "-2"}]}
	]`)
	msg, err := cli.BatchMsg("civic1sensor", rs, nil, nil)
	require.NoError(t, err)
	// floor(-3 / 2) = -2, where Go's -3 / 2 would be -1.
	require.Equal(t, []types.ParameterStats{{Parameter: types.ParameterTemperature, Min: -2, Max: -1, Sum: -3, Mean: -2}}, msg.Stats)
	require.NoError(t, types.ValidateBatchStats(msg.Count, types.DefaultMaxBatchCount, msg.Stats))
}

func TestBuildBatchProof(t *testing.T) {
	cdc := testCodec()
	rs := parse(t, inOrderJSON)
	msg, err := cli.BatchMsg("civic1sensor", rs, nil, nil)
	require.NoError(t, err)
	batch := types.Batch{WindowStart: msg.WindowStart, WindowEnd: msg.WindowEnd, Count: msg.Count, Stats: msg.Stats, MerkleRoot: msg.MerkleRoot}

	for i := range rs {
		proof, err := cli.BuildBatchProof(cdc, rs, uint64(i))
		require.NoError(t, err)
		require.Equal(t, msg.MerkleRoot, proof.Root)
		require.Equal(t, uint64(3), proof.Count)
		require.Equal(t, uint64(i), proof.Index)

		// The printed reading encodes as the same leaf, and the proof
		// verifies against the batch as the chain checks it.
		var r types.RawReading
		require.NoError(t, cdc.UnmarshalJSON(proof.Reading, &r))
		want, err := types.LeafData(rs[i])
		require.NoError(t, err)
		got, err := types.LeafData(r)
		require.NoError(t, err)
		require.Equal(t, want, got)
		leaf, err := types.VerifyBatchReading(batch, proof.Index, r, proof.Siblings)
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(leaf), proof.LeafHash)
	}

	_, err = cli.BuildBatchProof(cdc, rs, 3)
	require.ErrorContains(t, err, "index 3 outside a batch of 3 readings")

	// One reading: no siblings, printed as [] for verify-reading; the leaf is the root.
	one, err := cli.BuildBatchProof(cdc, rs[:1], 0)
	require.NoError(t, err)
	bz, err := json.Marshal(one)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"siblings":[]`)
	require.Equal(t, one.LeafHash, one.Root)
}

// withClientContext runs cmd with args under clientCtx, as the root command's
// PersistentPreRunE would set it, and returns what it printed.
func withClientContext(t *testing.T, clientCtx client.Context, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	clientCtx = clientCtx.WithOutput(&out)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	cmd.SetContext(context.WithValue(context.Background(), client.ClientContextKey, &clientCtx))
	err := cmd.Execute()
	return out.String(), err
}

func TestBatchProofCommand(t *testing.T) {
	cdc := testCodec()
	path := writeFile(t, inOrderJSON)

	out, err := withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "2")
	require.NoError(t, err)

	var proof cli.BatchProof
	require.NoError(t, json.Unmarshal([]byte(out), &proof))
	require.Equal(t, uint64(2), proof.Index)
	require.Len(t, proof.Siblings, 1) // leaf 2 of 3 is the right child of the root
	var r types.RawReading
	require.NoError(t, cdc.UnmarshalJSON(proof.Reading, &r))
	require.Equal(t, int64(7181), r.Values[0].Value)
	msg, err := cli.BatchMsg("civic1sensor", parse(t, inOrderJSON), nil, nil)
	require.NoError(t, err)
	batch := types.Batch{WindowStart: msg.WindowStart, WindowEnd: msg.WindowEnd, Count: proof.Count, Stats: msg.Stats, MerkleRoot: proof.Root}
	_, err = types.VerifyBatchReading(batch, proof.Index, r, proof.Siblings)
	require.NoError(t, err)

	// The printed object is a QueryVerifyReadingRequest body (its other fields aside).
	var req types.QueryVerifyReadingRequest
	require.NoError(t, cdc.UnmarshalJSON(requestBody(t, out), &req))
	require.Equal(t, uint64(2), req.Index)
	require.Equal(t, proof.Siblings, req.Siblings)
	require.True(t, r.PhenomenonTime.Equal(req.Reading.PhenomenonTime))

	_, err = withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "x")
	require.ErrorContains(t, err, `index "x" is not an unsigned integer`)
	_, err = withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "3")
	require.ErrorContains(t, err, "outside a batch of 3 readings")
}

// requestBody keeps the fields of a batch-proof output that
// QueryVerifyReadingRequest has (the REST gateway ignores the others).
func requestBody(t *testing.T, out string) []byte {
	t.Helper()
	var all map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &all))
	bz, err := json.Marshal(map[string]json.RawMessage{"index": all["index"], "reading": all["reading"], "siblings": all["siblings"]})
	require.NoError(t, err)
	return bz
}

func TestSubmitBatchFileGenerateOnly(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	clientCtx := client.Context{}.
		WithCodec(enc.Codec).
		WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).
		WithKeyring(keyring.NewInMemory(enc.Codec))
	sensor := sdk.AccAddress(bytes.Repeat([]byte{7}, 20)).String()
	start, end := time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 10, 59, 59, 0, time.UTC)
	want, err := cli.BatchMsg(sensor, parse(t, inOrderJSON), &start, &end)
	require.NoError(t, err)

	out, err := withClientContext(t, clientCtx, cli.CmdSubmitBatchFile(), writeFile(t, inOrderJSON),
		"--window-start", "2026-07-01T19:00:00+09:00", "--window-end", "2026-07-01T10:59:59Z",
		"--from", sensor, "--generate-only", "--chain-id", "civic-test-1")
	require.NoError(t, err)

	tx, err := enc.TxConfig.TxJSONDecoder()([]byte(out))
	require.NoError(t, err, out)
	msgs := tx.GetMsgs()
	require.Len(t, msgs, 1)
	got, ok := msgs[0].(*types.MsgSubmitBatch)
	require.True(t, ok)
	require.True(t, want.WindowStart.Equal(got.WindowStart))
	got.WindowStart = want.WindowStart
	require.Equal(t, want, got)

	_, err = withClientContext(t, clientCtx, cli.CmdSubmitBatchFile(), writeFile(t, readingsJSON),
		"--from", sensor, "--generate-only", "--chain-id", "civic-test-1")
	require.ErrorContains(t, err, "strictly increasing phenomenon_time")
	_, err = withClientContext(t, clientCtx, cli.CmdSubmitBatchFile(), writeFile(t, inOrderJSON),
		"--window-end", "11:00", "--from", sensor, "--generate-only", "--chain-id", "civic-test-1")
	require.ErrorContains(t, err, `--window-end "11:00" is not an RFC 3339 time`)
}

func TestCommandTrees(t *testing.T) {
	tx := cli.GetTxCmd()
	require.Equal(t, types.ModuleName, tx.Name())
	c, _, err := tx.Find([]string{"submit-batch-file"})
	require.NoError(t, err)
	require.NotNil(t, c.Flags().Lookup("from"))
	require.NotNil(t, c.Flags().Lookup(cli.FlagWindowStart))
	require.NotNil(t, c.Flags().Lookup(cli.FlagWindowEnd))

	q := cli.GetQueryCmd()
	require.Equal(t, types.ModuleName, q.Name())
	c, _, err = q.Find([]string{"batch-proof"})
	require.NoError(t, err)
	require.Equal(t, "batch-proof", c.Name())
}

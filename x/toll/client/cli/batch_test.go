package cli_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/civicchain/civic/x/toll/client/cli"
	"github.com/civicchain/civic/x/toll/types"
)

// tripsJSON is a batch file of three trips exiting at seoul-tg, in proto JSON
// (64-bit integers as strings or numbers, enums by name).
const tripsJSON = `[
  {"entry_plaza": "daejeon-tg", "exit_plaza": "seoul-tg", "vehicle_class": 1, "entry_unix": "1767225600", "exit_unix": "1767229200",
   "discount_codes": ["DISCOUNT_CODE_COMPACT"], "vehicle_ref": "` + ref1 + `", "fare": "9100",
   "shares": [{"operator": "kec", "amount": "5000"}, {"operator": "sjr", "amount": "4100"}]},
  {"entry_plaza": "osan-tg", "exit_plaza": "seoul-tg", "vehicle_class": 2, "entry_unix": 1767225700, "exit_unix": 1767227000,
   "vehicle_ref": "` + ref2 + `", "fare": 3000, "shares": [{"operator": "kec", "amount": 3000}]},
  {"entry_plaza": "daejeon-tg", "exit_plaza": "seoul-tg", "vehicle_class": 1, "entry_unix": "1767225800", "exit_unix": "1767229300",
   "vehicle_ref": "` + ref3 + `", "fare": "9200", "shares": [{"operator": "kec", "amount": "5100"}, {"operator": "sjr", "amount": "4100"}]}
]`

const (
	ref1 = "1111111111111111111111111111111111111111111111111111111111111111"
	ref2 = "2222222222222222222222222222222222222222222222222222222222222222"
	ref3 = "3333333333333333333333333333333333333333333333333333333333333333"
)

func testCodec() codec.Codec {
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	return enc.Codec
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "trips.json")
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func TestParseBatchTrips(t *testing.T) {
	trips, err := cli.ParseBatchTrips(testCodec(), []byte(tripsJSON))
	require.NoError(t, err)
	require.Len(t, trips, 3)
	require.Equal(t, types.BatchTrip{
		EntryPlaza: "daejeon-tg", ExitPlaza: "seoul-tg", VehicleClass: 1, EntryUnix: 1767225600, ExitUnix: 1767229200,
		DiscountCodes: []types.DiscountCode{types.DiscountCompact}, VehicleRef: ref1, Fare: 9100,
		Shares: []types.OperatorAmount{{Operator: "kec", Amount: 5000}, {Operator: "sjr", Amount: 4100}},
	}, trips[0])
	require.Equal(t, uint64(3000), trips[1].Fare)
	require.Equal(t, int64(1767227000), trips[1].ExitUnix)

	for in, want := range map[string]string{
		`{"exit_plaza":"seoul-tg"}`: "not a JSON array of trips",
		`[]`:                        "no trips",
		`[{"exit_plaza":"seoul-tg","plate":"12가3456"}]`: "trips[0]",
		`[{"fare":"-1"}]`:               "trips[0]",
		`[{"fare":"1"}] [{"fare":"2"}]`: "trailing data",
		`not json`:                      "not a JSON array of trips",
	} {
		_, err := cli.ParseBatchTrips(testCodec(), []byte(in))
		require.ErrorContains(t, err, want, in)
	}
}

func TestReadBatchFile(t *testing.T) {
	trips, err := cli.ReadBatchFile(testCodec(), writeFile(t, tripsJSON))
	require.NoError(t, err)
	require.Len(t, trips, 3)

	_, err = cli.ReadBatchFile(testCodec(), writeFile(t, `[{"fare":true}]`))
	require.ErrorContains(t, err, "trips.json: trips[0]")
	_, err = cli.ReadBatchFile(testCodec(), filepath.Join(t.TempDir(), "missing.json"))
	require.Error(t, err)
}

func TestBatchMsg(t *testing.T) {
	trips, err := cli.ParseBatchTrips(testCodec(), []byte(tripsJSON))
	require.NoError(t, err)
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)

	msg, err := cli.BatchMsg("civic1signer", "seoul-tg", trips)
	require.NoError(t, err)
	require.Equal(t, &types.MsgSubmitTripBatch{
		Signer:     "civic1signer",
		PlazaId:    "seoul-tg",
		MerkleRoot: root.Hash,
		Count:      3,
		Totals:     []types.OperatorAmount{{Operator: "kec", Amount: 13100}, {Operator: "sjr", Amount: 8200}},
	}, msg)
	require.Len(t, msg.MerkleRoot, 64)

	_, err = cli.BatchMsg("civic1signer", "osan-tg", trips)
	require.ErrorContains(t, err, `trips[0] exits at plaza "seoul-tg", not "osan-tg"`)
	_, err = cli.BatchMsg("civic1signer", "seoul tg", trips)
	require.ErrorIs(t, err, types.ErrInvalidID)
	trips[2].Fare = 1
	_, err = cli.BatchMsg("civic1signer", "seoul-tg", trips)
	require.ErrorContains(t, err, "trips[2]: shares sum to 9200, fare is 1")
}

func TestBuildBatchProof(t *testing.T) {
	cdc := testCodec()
	trips, err := cli.ParseBatchTrips(cdc, []byte(tripsJSON))
	require.NoError(t, err)
	root, err := types.BatchRoot(trips)
	require.NoError(t, err)
	batch := types.TripBatch{MerkleRoot: root.Hash, Count: root.Count, DeclaredTotals: root.Sums}

	for i := range trips {
		proof, err := cli.BuildBatchProof(cdc, trips, uint64(i))
		require.NoError(t, err)
		require.Equal(t, root.Hash, proof.Root)
		require.Equal(t, uint64(3), proof.Count)
		require.Equal(t, []string{`{"operator":"kec","amount":"13100"}`, `{"operator":"sjr","amount":"8200"}`}, rawStrings(proof.Totals))
		require.Equal(t, uint64(i), proof.Index)

		// The printed trip encodes as the same trip, and the proof verifies.
		var trip types.BatchTrip
		require.NoError(t, cdc.UnmarshalJSON(proof.Trip, &trip))
		require.Equal(t, trips[i].VehicleRef, trip.VehicleRef)
		want, err := trips[i].Marshal()
		require.NoError(t, err)
		got, err := trip.Marshal()
		require.NoError(t, err)
		require.Equal(t, want, got)
		leaf, err := types.VerifyBatchTrip(batch, proof.Index, trip, decodeSiblings(t, cdc, proof.Siblings))
		require.NoError(t, err)
		require.Equal(t, hex.EncodeToString(leaf), proof.LeafHash)
	}

	_, err = cli.BuildBatchProof(cdc, trips, 3)
	require.ErrorContains(t, err, "index 3 outside a batch of 3 trips")

	// One trip: no siblings, printed as [] for verify-trip.
	one, err := cli.BuildBatchProof(cdc, trips[:1], 0)
	require.NoError(t, err)
	bz, err := json.Marshal(one)
	require.NoError(t, err)
	require.Contains(t, string(bz), `"siblings":[]`)
	require.Equal(t, one.LeafHash, one.Root)
}

// rawStrings is the JSON of each element.
func rawStrings(raws []json.RawMessage) []string {
	out := make([]string, len(raws))
	for i, r := range raws {
		out[i] = string(r)
	}
	return out
}

// decodeSiblings reads the proto JSON siblings batch-proof prints.
func decodeSiblings(t *testing.T, cdc codec.JSONCodec, raws []json.RawMessage) []types.MerkleSumNode {
	t.Helper()
	out := make([]types.MerkleSumNode, len(raws))
	for i, r := range raws {
		require.NoError(t, cdc.UnmarshalJSON(r, &out[i]))
	}
	return out
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
	path := writeFile(t, tripsJSON)

	out, err := withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "2")
	require.NoError(t, err)

	var proof cli.BatchProof
	require.NoError(t, json.Unmarshal([]byte(out), &proof))
	require.Equal(t, uint64(2), proof.Index)
	require.Len(t, proof.Siblings, 1) // leaf 2 of 3 is the right child of the root
	siblings := decodeSiblings(t, cdc, proof.Siblings)
	require.Equal(t, uint64(2), siblings[0].Count, "its sibling is the node of trips 0 and 1")
	var trip types.BatchTrip
	require.NoError(t, cdc.UnmarshalJSON(proof.Trip, &trip))
	require.Equal(t, ref3, trip.VehicleRef)
	totals := make([]types.OperatorAmount, len(proof.Totals))
	for i, raw := range proof.Totals {
		require.NoError(t, cdc.UnmarshalJSON(raw, &totals[i]))
	}
	_, err = types.VerifyBatchTrip(types.TripBatch{MerkleRoot: proof.Root, Count: proof.Count, DeclaredTotals: totals}, proof.Index, trip, siblings)
	require.NoError(t, err)

	_, err = withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "x")
	require.ErrorContains(t, err, `index "x" is not an unsigned integer`)
	_, err = withClientContext(t, client.Context{}.WithCodec(cdc), cli.CmdBatchProof(), path, "3")
	require.ErrorContains(t, err, "outside a batch of 3 trips")
}

func TestSubmitBatchFileGenerateOnly(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	clientCtx := client.Context{}.
		WithCodec(enc.Codec).
		WithInterfaceRegistry(enc.InterfaceRegistry).
		WithTxConfig(enc.TxConfig).
		WithKeyring(keyring.NewInMemory(enc.Codec))
	signer := sdk.AccAddress(bytes.Repeat([]byte{7}, 20)).String()
	trips, err := cli.ParseBatchTrips(enc.Codec, []byte(tripsJSON))
	require.NoError(t, err)
	want, err := cli.BatchMsg(signer, "seoul-tg", trips)
	require.NoError(t, err)

	out, err := withClientContext(t, clientCtx, cli.CmdSubmitBatchFile(), "seoul-tg", writeFile(t, tripsJSON),
		"--from", signer, "--generate-only", "--chain-id", "civic-test-1")
	require.NoError(t, err)

	tx, err := enc.TxConfig.TxJSONDecoder()([]byte(out))
	require.NoError(t, err, out)
	msgs := tx.GetMsgs()
	require.Len(t, msgs, 1)
	require.Equal(t, want, msgs[0])

	_, err = withClientContext(t, clientCtx, cli.CmdSubmitBatchFile(), "osan-tg", writeFile(t, tripsJSON),
		"--from", signer, "--generate-only", "--chain-id", "civic-test-1")
	require.ErrorContains(t, err, "exits at plaza")
}

func TestCommandTrees(t *testing.T) {
	tx := cli.GetTxCmd()
	require.Equal(t, types.ModuleName, tx.Name())
	c, _, err := tx.Find([]string{"submit-batch-file"})
	require.NoError(t, err)
	require.NotNil(t, c.Flags().Lookup("from"))

	q := cli.GetQueryCmd()
	require.Equal(t, types.ModuleName, q.Name())
	c, _, err = q.Find([]string{"batch-proof"})
	require.NoError(t, err)
	require.Equal(t, "batch-proof", c.Name())
}

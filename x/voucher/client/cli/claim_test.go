package cli_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	didtypes "github.com/civicchain/civic/x/did/types"
	"github.com/civicchain/civic/x/voucher/client/cli"
	"github.com/civicchain/civic/x/voucher/types"
)

const (
	issuerDid = "did:civic:3f0c7a5e-8a47-4c1e-9b52-0d6f2e9a41c7"
	method    = issuerDid + "#key-1"
	holder    = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du"
)

// claimJSON is a claim as "tx voucher claim" takes it: proto JSON, 64-bit
// integers as strings, valid_until RFC 3339 (here with an offset).
const claimJSON = `{"chain_id":"civic-local-1","program_id":"2","holder":"` + holder + `",
  "district_code":"26230","class":"HOUSEHOLD_1","status_list_id":"1","status_index":"1",
  "valid_until":"2026-09-01T09:00:00+09:00"}`

func testCodec() codec.Codec {
	enc := moduletestutil.MakeTestEncodingConfig()
	types.RegisterInterfaces(enc.InterfaceRegistry)
	return enc.Codec
}

func wantClaim() types.Claim {
	return types.Claim{
		ChainId: "civic-local-1", ProgramId: 2, Holder: holder, DistrictCode: "26230", Class: "HOUSEHOLD_1",
		StatusListId: 1, StatusIndex: 1, ValidUntil: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
	}
}

// run runs cmd with args under a client context holding cdc, as the root
// command's PersistentPreRunE would set it, and returns what it printed.
func run(t *testing.T, cdc codec.Codec, cmd *cobra.Command, args ...string) ([]byte, error) {
	t.Helper()
	var out bytes.Buffer
	clientCtx := client.Context{}.WithCodec(cdc).WithOutput(&out)
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	cmd.SetContext(context.WithValue(context.Background(), client.ClientContextKey, &clientCtx))
	err := cmd.Execute()
	return out.Bytes(), err
}

func TestReadClaim(t *testing.T) {
	cdc := testCodec()
	c, err := cli.ReadClaim(cdc, claimJSON)
	require.NoError(t, err)
	require.True(t, c.ValidUntil.Equal(wantClaim().ValidUntil))
	c.ValidUntil = wantClaim().ValidUntil
	require.Equal(t, wantClaim(), c)

	path := filepath.Join(t.TempDir(), "claim.json")
	require.NoError(t, os.WriteFile(path, []byte(claimJSON), 0o600))
	fromFile, err := cli.ReadClaim(cdc, path)
	require.NoError(t, err)
	require.True(t, fromFile.ValidUntil.Equal(c.ValidUntil))

	_, err = cli.ReadClaim(cdc, `{"chain_id":"civic-local-1","unknown":1}`)
	require.ErrorContains(t, err, "claim is not a Claim in proto JSON")
	_, err = cli.ReadClaim(cdc, filepath.Join(t.TempDir(), "missing.json"))
	require.ErrorIs(t, err, os.ErrNotExist)
	big := filepath.Join(t.TempDir(), "big.json")
	require.NoError(t, os.WriteFile(big, []byte(strings.Repeat(" ", cli.MaxClaimFileBytes+1)), 0o600))
	_, err = cli.ReadClaim(cdc, big)
	require.ErrorContains(t, err, "more than")
}

// TestClaimSignBytesCommand: the command prints exactly what MsgClaim's
// check (x/did VerifyAssertion over the claim's protobuf encoding) verifies
// a signature against, with no newline after it.
func TestClaimSignBytesCommand(t *testing.T) {
	cdc := testCodec()
	out, err := run(t, cdc, cli.CmdClaimSignBytes(), claimJSON, issuerDid, method)
	require.NoError(t, err)

	c := wantClaim()
	payload, err := c.Marshal()
	require.NoError(t, err)
	require.Equal(t, didtypes.AssertionSignBytes("civic-local-1", issuerDid, method, payload), out)
	digest := sha256.Sum256(payload)
	require.Equal(t, "civic-did-assertion/v1\ncivic-local-1\n"+issuerDid+"\n"+method+"\n"+hex.EncodeToString(digest[:]), string(out))

	// An issuer's signature of the printed bytes is what the chain accepts.
	seed := sha256.Sum256([]byte("busan-district-office key-1"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	vm := didtypes.VerificationMethod{Id: method, Type: didtypes.KeyTypeEd25519, Controller: issuerDid,
		PublicKeyMultibase: didtypes.Ed25519Multibase(priv.Public().(ed25519.PublicKey))}
	require.NoError(t, didtypes.VerifyProof(vm, didtypes.AssertionSignBytes("civic-local-1", issuerDid, method, payload), ed25519.Sign(priv, out)))

	// Another holder, class or entry is another payload.
	other := strings.Replace(claimJSON, `"status_index":"1"`, `"status_index":"2"`, 1)
	out2, err := run(t, cdc, cli.CmdClaimSignBytes(), other, issuerDid, method)
	require.NoError(t, err)
	require.NotEqual(t, out, out2)
}

func TestClaimSignBytesRejected(t *testing.T) {
	cdc := testCodec()
	for _, tc := range []struct {
		name, claim, did, vm, want string
	}{
		{"no chain id", strings.Replace(claimJSON, `"chain_id":"civic-local-1",`, "", 1), issuerDid, method, "chain_id must be set"},
		{"not a claim", `{"program":"2"}`, issuerDid, method, "claim is not a Claim"},
		{"bad DID", claimJSON, "did:example:1", method, "invalid DID"},
		{"relative method", claimJSON, issuerDid, "#key-1", "invalid DID"},
		{"another DID's key", claimJSON, issuerDid, "did:civic:0b1e4f1c-2d0e-4d7a-9a51-3a7b0f0e6c11#key-1", "is not a key of issuer_did"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, cdc, cli.CmdClaimSignBytes(), tc.claim, tc.did, tc.vm)
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err := run(t, cdc, cli.CmdClaimSignBytes(), claimJSON, issuerDid)
	require.ErrorContains(t, err, "accepts 3 arg(s), received 2")
}

func TestQueryCommandTree(t *testing.T) {
	q := cli.GetQueryCmd()
	require.Equal(t, types.ModuleName, q.Name())
	c, _, err := q.Find([]string{"claim-sign-bytes"})
	require.NoError(t, err)
	require.Equal(t, "claim-sign-bytes", c.Name())
}

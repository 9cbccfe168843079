// Package network_test runs civic on an in-process network of real CometBFT
// validators: an agency is onboarded by a governance proposal the validators
// vote on, its admin adds a member, and evidence moves between two agencies,
// its custody history read back over gRPC and REST.
package network_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/crypto/hd"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdknetwork "github.com/cosmos/cosmos-sdk/testutil/network"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/testutil/network"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

const (
	votingPeriod = 6 * time.Second
	txTimeout    = 30 * time.Second
)

func TestAgencyOnboardingAndCustodyOverGRPCAndREST(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an in-process network")
	}
	// ARRANGE: two validators, a short voting period.
	cfg := network.DefaultConfig()
	cfg.NumValidators = 2
	var govGen govv1.GenesisState
	cfg.Codec.MustUnmarshalJSON(cfg.GenesisState[govtypes.ModuleName], &govGen)
	vp, evp := votingPeriod, votingPeriod/2
	govGen.Params.VotingPeriod, govGen.Params.ExpeditedVotingPeriod = &vp, &evp
	cfg.GenesisState[govtypes.ModuleName] = cfg.Codec.MustMarshalJSON(&govGen)

	net := network.New(t, cfg)
	c := chain{net}
	val0, val1 := net.Validators[0], net.Validators[1]

	investigator := newKey(t, val0.ClientCtx.Keyring, "investigator")
	analyst := newKey(t, val0.ClientCtx.Keyring, "analyst")
	fund := sdk.NewCoins(sdk.NewCoin(app.BondDenom, math.NewInt(10_000_000)))
	c.deliver(t, val0, "node0",
		banktypes.NewMsgSend(val0.Address, investigator, fund),
		banktypes.NewMsgSend(val0.Address, analyst, fund))

	// ACT 1: a proposal onboards the police and the forensic lab; both validators vote yes.
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	proposal, err := govv1.NewMsgSubmitProposal(
		[]sdk.Msg{
			&agencytypes.MsgRegisterAgency{Authority: gov, Id: "knpa", Name: "Korean National Police Agency", Admin: val0.Address.String(),
				Roles: []string{"evidence.custodian", "evidence.investigator"}},
			&agencytypes.MsgRegisterAgency{Authority: gov, Id: "nfs", Name: "National Forensic Service", Admin: val1.Address.String(),
				Roles: []string{"evidence.analyst", "evidence.custodian"}},
		},
		govGen.Params.MinDeposit, val0.Address.String(), "", "Onboard KNPA and NFS", "Evidence custody pilot", false)
	require.NoError(t, err)
	res := c.deliver(t, val0, "node0", proposal)
	proposalID := proposalIDFrom(t, res)
	c.deliver(t, val0, "node0", govv1.NewMsgVote(val0.Address, proposalID, govv1.OptionYes, ""))
	c.deliver(t, val1, "node1", govv1.NewMsgVote(val1.Address, proposalID, govv1.OptionYes, ""))

	conn := grpcConn(t, val0)
	govQuery := govv1.NewQueryClient(conn)
	agencyQuery := agencytypes.NewQueryClient(conn)
	waitFor(t, votingPeriod+15*time.Second, func() bool {
		p, err := govQuery.Proposal(context.Background(), &govv1.QueryProposalRequest{ProposalId: proposalID})
		require.NoError(t, err)
		require.NotEqual(t, govv1.StatusRejected, p.Proposal.Status, "proposal rejected: %s", p.Proposal.FailedReason)
		require.NotEqual(t, govv1.StatusFailed, p.Proposal.Status, "proposal failed: %s", p.Proposal.FailedReason)
		return p.Proposal.Status == govv1.StatusPassed
	})

	// ASSERT 1: both agencies are ACTIVE.
	for _, id := range []string{"knpa", "nfs"} {
		got, err := agencyQuery.Agency(context.Background(), &agencytypes.QueryAgencyRequest{Id: id})
		require.NoError(t, err)
		require.Equal(t, agencytypes.AgencyStatusActive, got.Agency.Status, id)
	}

	// ACT 2: the admins offer memberships and the accounts accept them; evidence is
	// registered, handed to the lab and analysed.
	c.deliver(t, val0, "node0", &agencytypes.MsgAddMember{Admin: val0.Address.String(), AgencyId: "knpa", Address: investigator.String(),
		Roles: []string{"evidence.custodian", "evidence.investigator"}})
	c.deliver(t, val1, "node1", &agencytypes.MsgAddMember{Admin: val1.Address.String(), AgencyId: "nfs", Address: analyst.String(),
		Roles: []string{"evidence.analyst", "evidence.custodian"}})
	c.deliver(t, val0, "investigator", &agencytypes.MsgAcceptMembership{Address: investigator.String(), AgencyId: "knpa"})
	c.deliver(t, val0, "analyst", &agencytypes.MsgAcceptMembership{Address: analyst.String(), AgencyId: "nfs"})

	digest := sha256Hex("disk image of exhibit 1")
	caseRes := c.deliver(t, val0, "investigator", &evidencetypes.MsgOpenCase{Investigator: investigator.String(), ReferenceDigest: sha256Hex("2026-Seoul-0001")})
	var opened evidencetypes.MsgOpenCaseResponse
	msgResponse(t, caseRes, &opened)
	regRes := c.deliver(t, val0, "investigator", &evidencetypes.MsgRegisterEvidence{
		Investigator: investigator.String(), CaseId: opened.CaseId, ExhibitNumber: "EX-1", Digest: digest,
		SizeBytes: 512 << 20, MediaType: "application/octet-stream", Locator: "s3://knpa-evidence/2026/ex-1.img",
		Acquisition: evidencetypes.Acquisition{Method: evidencetypes.AcquisitionMethodForensicImage, Tool: "ftk-imager", ToolVersion: "4.7", AcquiredAt: time.Unix(1_790_000_000, 0).UTC()},
	})
	var registered evidencetypes.MsgRegisterEvidenceResponse
	msgResponse(t, regRes, &registered)
	id := registered.EvidenceId
	c.deliver(t, val0, "investigator", &evidencetypes.MsgTakeCustody{Custodian: investigator.String(), EvidenceId: id})
	c.deliver(t, val0, "investigator", &evidencetypes.MsgProposeTransfer{Custodian: investigator.String(), EvidenceId: id, Receiver: analyst.String()})
	c.deliver(t, val0, "analyst", &evidencetypes.MsgAcceptTransfer{Receiver: analyst.String(), EvidenceId: id})
	c.deliver(t, val0, "analyst", &evidencetypes.MsgStartAnalysis{Analyst: analyst.String(), EvidenceId: id})

	// ASSERT 2: the custody history, read over gRPC and over REST, is the same and complete.
	evQuery := evidencetypes.NewQueryClient(conn)
	byGRPC, err := evQuery.CustodyHistory(context.Background(), &evidencetypes.QueryCustodyHistoryRequest{EvidenceId: id})
	require.NoError(t, err)
	var byREST evidencetypes.QueryCustodyHistoryResponse
	restGet(t, val0, fmt.Sprintf("/civic/evidence/v1/evidence/%d/custody", id), &byREST)
	require.Equal(t, byGRPC.Events, byREST.Events)

	wantActions := []evidencetypes.CustodyAction{
		evidencetypes.CustodyActionRegistered, evidencetypes.CustodyActionCustodyTaken,
		evidencetypes.CustodyActionTransferProposed, evidencetypes.CustodyActionTransferAccepted,
		evidencetypes.CustodyActionAnalysisStarted,
	}
	require.Len(t, byGRPC.Events, len(wantActions))
	for i, ev := range byGRPC.Events {
		require.Equal(t, uint64(i+1), ev.Seq, "custody log must number entries from 1 without gaps")
		require.Equal(t, wantActions[i], ev.Action, "entry %d", i+1)
	}
	require.Equal(t, "nfs", byGRPC.Events[4].AgencyId)

	item, err := evQuery.Evidence(context.Background(), &evidencetypes.QueryEvidenceRequest{Id: id})
	require.NoError(t, err)
	require.Equal(t, evidencetypes.EvidenceStatusInAnalysis, item.Evidence.Status)
	require.Equal(t, analyst.String(), item.Evidence.Custodian)
	require.Equal(t, "nfs", item.Evidence.CustodianAgency)

	// ASSERT 3: a member without the investigator role is refused, and nothing is written.
	failed := c.broadcast(t, val0, "analyst", &evidencetypes.MsgOpenCase{Investigator: analyst.String(), ReferenceDigest: sha256Hex("2026-Seoul-0002")})
	require.Equal(t, agencytypes.ModuleName, failed.Codespace, failed.RawLog)
	require.Equal(t, agencytypes.ErrRoleNotHeld.ABCICode(), failed.Code, failed.RawLog)
	cases, err := evQuery.CasesByAgency(context.Background(), &evidencetypes.QueryCasesByAgencyRequest{AgencyId: "nfs"})
	require.NoError(t, err)
	require.Empty(t, cases.Cases)
}

// newKey creates a key in kr and returns its address.
func newKey(t *testing.T, kr keyring.Keyring, name string) sdk.AccAddress {
	t.Helper()
	rec, _, err := kr.NewMnemonic(name, keyring.English, sdk.FullFundraiserPath, keyring.DefaultBIP39Passphrase, hd.Secp256k1)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)
	return addr
}

// chain sends transactions to a running network. Only the first validator
// serves RPC, so every transaction goes through it, whoever signs.
type chain struct{ net *network.Network }

// deliver signs msgs with the key `from` of val's keyring, broadcasts them and
// waits until the transaction is in a block; it fails the test unless the
// transaction succeeded.
func (c chain) deliver(t *testing.T, val *sdknetwork.Validator, from string, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	res := c.broadcast(t, val, from, msgs...)
	require.Zero(t, res.Code, "tx failed: %s", res.RawLog)
	return res
}

// broadcast is deliver without the success check: it returns the committed
// result (or the CheckTx rejection) for the caller to inspect.
func (c chain) broadcast(t *testing.T, val *sdknetwork.Validator, from string, msgs ...sdk.Msg) *sdk.TxResponse {
	t.Helper()
	clientCtx := val.ClientCtx.WithClient(c.net.Validators[0].RPCClient)
	rec, err := clientCtx.Keyring.Key(from)
	require.NoError(t, err)
	addr, err := rec.GetAddress()
	require.NoError(t, err)
	clientCtx = clientCtx.WithFromName(from).WithFromAddress(addr)

	acc, err := clientCtx.AccountRetriever.GetAccount(clientCtx, addr)
	require.NoError(t, err)
	txf := clienttx.Factory{}.
		WithChainID(clientCtx.ChainID).
		WithKeybase(clientCtx.Keyring).
		WithTxConfig(clientCtx.TxConfig).
		WithAccountRetriever(clientCtx.AccountRetriever).
		WithAccountNumber(acc.GetAccountNumber()).
		WithSequence(acc.GetSequence()).
		WithGas(2_000_000).
		WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	builder, err := txf.BuildUnsignedTx(msgs...)
	require.NoError(t, err)
	require.NoError(t, clienttx.Sign(context.Background(), txf, from, builder, true))
	txBytes, err := clientCtx.TxConfig.TxEncoder()(builder.GetTx())
	require.NoError(t, err)

	res, err := clientCtx.BroadcastTxSync(txBytes)
	require.NoError(t, err)
	if res.Code != 0 {
		return res
	}
	return waitForTx(t, clientCtx, res.TxHash)
}

func waitForTx(t *testing.T, clientCtx client.Context, hash string) *sdk.TxResponse {
	t.Helper()
	hashBytes, err := hex.DecodeString(hash)
	require.NoError(t, err)
	var out *sdk.TxResponse
	waitFor(t, txTimeout, func() bool {
		res, err := clientCtx.Client.Tx(context.Background(), hashBytes, false)
		if err != nil {
			return false // not yet in a block
		}
		out = &sdk.TxResponse{
			Height: res.Height, TxHash: hash, Codespace: res.TxResult.Codespace, Code: res.TxResult.Code,
			Data: hex.EncodeToString(res.TxResult.Data), RawLog: res.TxResult.Log, Events: res.TxResult.Events,
		}
		return true
	})
	return out
}

// proposalIDFrom reads the proposal id from a MsgSubmitProposal result.
func proposalIDFrom(t *testing.T, res *sdk.TxResponse) uint64 {
	t.Helper()
	var out govv1.MsgSubmitProposalResponse
	msgResponse(t, res, &out)
	require.NotZero(t, out.ProposalId)
	return out.ProposalId
}

// msgResponse decodes the first message response of a committed transaction.
func msgResponse(t *testing.T, res *sdk.TxResponse, out proto.Message) {
	t.Helper()
	data, err := hex.DecodeString(res.Data)
	require.NoError(t, err)
	var txMsgData sdk.TxMsgData
	require.NoError(t, proto.Unmarshal(data, &txMsgData))
	require.NotEmpty(t, txMsgData.MsgResponses)
	require.NoError(t, proto.Unmarshal(txMsgData.MsgResponses[0].Value, out))
}

func grpcConn(t *testing.T, val *sdknetwork.Validator) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(val.AppConfig.GRPC.Address,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec.NewProtoCodec(val.ClientCtx.InterfaceRegistry).GRPCCodec())))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func restGet(t *testing.T, val *sdknetwork.Validator, path string, out proto.Message) {
	t.Helper()
	resp, err := http.Get(val.APIAddress + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.NoError(t, val.ClientCtx.Codec.UnmarshalJSON(body, out))
}

func waitFor(t *testing.T, timeout time.Duration, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", timeout)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

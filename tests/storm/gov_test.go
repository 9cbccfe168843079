package storm

import (
	"fmt"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/gogoproto/proto"

	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// testOverlongAgencyNameByGovernance: only x/gov may register an agency, so an
// over-long agency name reaches x/agency's validation only through a passed
// proposal; its execution must fail with ErrInvalidName and register nothing.
func testOverlongAgencyNameByGov(t *testing.T, c *chain) {
	gov := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	citizen, validator := c.account("citizen"), c.account("validator")
	reg := &agencytypes.MsgRegisterAgency{Authority: gov, Id: "longname", Name: strings.Repeat("N", 129),
		Admin: c.Net.Addresses["kcg-admin"], Roles: []string{"evidence.custodian"}}
	submit, err := govv1.NewMsgSubmitProposal([]sdk.Msg{reg}, coins(50_000_000), citizen.addr, "", "over-long name", "storm", true)
	if err != nil {
		t.Fatal(err)
	}
	c.mustCommit(t, citizen, submit)

	var props struct {
		Proposals []struct {
			ID           string `json:"id"`
			Status       string `json:"status"`
			FailedReason string `json:"failed_reason"`
		} `json:"proposals"`
	}
	if _, err := c.restGet("/cosmos/gov/v1/proposals?pagination.reverse=true&pagination.limit=1", &props); err != nil || len(props.Proposals) != 1 {
		t.Fatalf("latest proposal: %v %+v", err, props)
	}
	id := props.Proposals[0].ID
	var pid uint64
	if _, err := fmt.Sscan(id, &pid); err != nil {
		t.Fatal(err)
	}
	c.mustCommit(t, validator, govv1.NewMsgVote(sdk.MustAccAddressFromBech32(validator.addr), pid, govv1.OptionYes, ""))

	deadline := time.Now().Add(60 * time.Second)
	for {
		var one struct {
			Proposal struct {
				Status       string `json:"status"`
				FailedReason string `json:"failed_reason"`
			} `json:"proposal"`
		}
		if _, err := c.restGet("/cosmos/gov/v1/proposals/"+id, &one); err != nil {
			t.Fatal(err)
		}
		p := one.Proposal
		if p.Status != "PROPOSAL_STATUS_VOTING_PERIOD" {
			if p.Status != "PROPOSAL_STATUS_FAILED" || !strings.Contains(p.FailedReason, agencytypes.ErrInvalidName.Error()) {
				t.Fatalf("proposal %s: status %s, failed_reason %q; want FAILED with %q", id, p.Status, p.FailedReason, agencytypes.ErrInvalidName)
			}
			t.Logf("proposal %s failed as expected: %s", id, p.FailedReason)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("proposal %s still %s", id, p.Status)
		}
		time.Sleep(time.Second)
	}
	if code, _ := c.restGet("/civic/agency/v1/agencies/longname", &struct{}{}); code != 404 {
		t.Fatalf("agency longname: HTTP %d, want 404", code)
	}
}

// mustCommit signs msg from a, broadcasts it and waits until it is in a block with code 0.
func (c *chain) mustCommit(t *testing.T, a *account, msg proto.Message) {
	t.Helper()
	tx, err := c.build(txSpec{from: a, msgs: []proto.Message{msg}, gas: 1_000_000})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.broadcast(tx)
	if err != nil || res.Code != 0 || res.RPCError != "" {
		t.Fatalf("CheckTx: %v code %d %s: %s%s", err, res.Code, res.Codespace, res.Log, res.RPCError)
	}
	a.seq++
	for try := 0; try < 60; try++ {
		r, found, err := c.txResult(res.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if found {
			if r.Code != 0 {
				t.Fatalf("tx %s failed: %s/%d %s", res.Hash, r.Codespace, r.Code, r.Log)
			}
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("tx %s not committed", res.Hash)
}

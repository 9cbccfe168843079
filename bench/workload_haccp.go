package bench

import (
	"fmt"
	"strconv"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"

	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// The foreign hygiene certificate ExtendGenesis puts in the bench chain's
// genesis (status RECEIVED): every DeclareImport names it. A declaration only
// needs the certificate to exist and be unused; clearance would use it up.
const (
	BenchHygieneCountry = "AU"
	BenchHygieneCertNo  = "BENCH-HC-1"
)

// RegisterFacility: x/haccp MsgRegisterFacility. Every load account registers
// IMPORTER facilities it operates (no x/agency role needed); DeclareImport
// uses them.
type RegisterFacility struct{}

func (RegisterFacility) Name() string { return "haccp-register-facility" }

func (RegisterFacility) Msgs(env *Env, acct, max int) []sdk.Msg {
	out := make([]sdk.Msg, max)
	for i := range out {
		out[i] = &haccptypes.MsgRegisterFacility{
			Operator:                   env.Accounts[acct].Address,
			BusinessRegistrationDigest: digestOf(fmt.Sprintf("brn/%s/%d/%d", env.RunID, acct, i)),
			Type:                       haccptypes.FacilityTypeImporter,
			Name:                       fmt.Sprintf("Bench Importer %d-%d", acct, i),
			RegionCode:                 "11110",
		}
	}
	return out
}

func (RegisterFacility) Committed(env *Env, acct int, _ sdk.Msg, events []Event) {
	for _, e := range events {
		if e.Type == "civic.haccp.v1.EventFacilityRegistered" {
			if id, err := strconv.ParseUint(e.Attrs["facility_id"], 10, 64); err == nil {
				env.mu.Lock()
				env.Facilities[acct] = append(env.Facilities[acct], id)
				env.mu.Unlock()
			}
		}
	}
}

// DeclareImport: x/haccp MsgDeclareImport by the operator of the account's
// first facility: one frozen-beef item (HS 020130, so a livestock trace number
// is required and checked) under the genesis hygiene certificate; a fresh
// declaration number per message.
type DeclareImport struct{}

func (DeclareImport) Name() string { return "haccp-declare-import" }

func (DeclareImport) Msgs(env *Env, acct, max int) []sdk.Msg {
	env.mu.Lock()
	facilities := env.Facilities[acct]
	env.mu.Unlock()
	if len(facilities) == 0 {
		return nil
	}
	out := make([]sdk.Msg, max)
	for i := range out {
		out[i] = &haccptypes.MsgDeclareImport{
			Signer:             env.Accounts[acct].Address,
			DeclNo:             BenchDeclNo(env.RunID, acct, i),
			ImporterFacilityId: facilities[0],
			Items: []haccptypes.ImportItem{{
				Product:          "Frozen beef",
				HsCode:           "020130",
				OriginCountry:    BenchHygieneCountry,
				Lot:              fmt.Sprintf("LOT-%d-%d", acct, i),
				Quantity:         1000,
				Unit:             "KG",
				LivestockTraceNo: fmt.Sprintf("L%014d", acct*1_000_000+i),
			}},
			HygieneCertCountry: BenchHygieneCountry,
			HygieneCertNo:      BenchHygieneCertNo,
		}
	}
	return out
}

// BenchDeclNo is a declaration number unique per run, account and counter:
// "D" + the first 20 hex digits of a digest, upper case (21 characters).
func BenchDeclNo(runID string, acct, i int) string {
	return "D" + strings.ToUpper(digestOf(fmt.Sprintf("decl/%s/%d/%d", runID, acct, i))[:20])
}

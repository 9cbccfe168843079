package bench

import (
	"fmt"
	"strings"

	sdk "github.com/cosmos/cosmos-sdk/types"

	haccptypes "github.com/civicchain/civic/x/haccp/types"
)

// ExtendGenesis gives every load account an IMPORTER facility it operates
// (id BenchFacilityID(acct)) and, for it, foreign hygiene certificates
// (status RECEIVED) BenchHygieneCertNo(acct, i) for lots BenchLot(acct, i):
// a hygiene certificate names its consignee facility and lot, and one
// declaration holds it (x/haccp), so DeclareImport's i-th message of an
// account names the account's i-th certificate.
const (
	BenchHygieneCountry = "AU"
	// BenchFacilityBase is the id of load account 0's genesis facility; ids
	// above the local network's own facilities.
	BenchFacilityBase uint64 = 1_000_000
)

// BenchFacilityID is load account acct's genesis IMPORTER facility.
func BenchFacilityID(acct int) uint64 { return BenchFacilityBase + uint64(acct) } //nolint:gosec // acct >= 0

// BenchHygieneCertNo is the i-th genesis hygiene certificate of load account acct.
func BenchHygieneCertNo(acct, i int) string { return fmt.Sprintf("BENCH-HC-%d-%d", acct, i) }

// BenchLot is the lot of BenchHygieneCertNo(acct, i).
func BenchLot(acct, i int) string { return fmt.Sprintf("LOT-%d-%d", acct, i) }

// RegisterFacility: x/haccp MsgRegisterFacility. Every load account registers
// IMPORTER facilities it operates (no x/agency role needed).
type RegisterFacility struct{}

func (RegisterFacility) Name() string { return "haccp-register-facility" }

func (RegisterFacility) Msgs(env *Env, acct, max int) []sdk.Msg {
	return makeMsgs(max, func(i int) sdk.Msg {
		return &haccptypes.MsgRegisterFacility{
			Operator:                   env.Accounts[acct].Address,
			BusinessRegistrationDigest: digestOf(fmt.Sprintf("brn/%s/%d/%d", env.RunID, acct, i)),
			Type:                       haccptypes.FacilityTypeImporter,
			Name:                       fmt.Sprintf("Bench Importer %d-%d", acct, i),
			RegionCode:                 "11110",
		}
	})
}

// DeclareImport: x/haccp MsgDeclareImport by the operator of the account's
// genesis facility: one frozen-beef item (HS 020130, so a livestock trace
// number is required and checked) of the lot of the account's next genesis
// hygiene certificate, which the declaration then holds; a fresh declaration
// number per message. ExtendGenesis makes max certificates per account.
type DeclareImport struct{}

func (DeclareImport) Name() string { return "haccp-declare-import" }

func (DeclareImport) Msgs(env *Env, acct, max int) []sdk.Msg {
	return makeMsgs(max, func(i int) sdk.Msg {
		return &haccptypes.MsgDeclareImport{
			Signer:             env.Accounts[acct].Address,
			DeclNo:             BenchDeclNo(env.RunID, acct, i),
			ImporterFacilityId: BenchFacilityID(acct),
			Items: []haccptypes.ImportItem{{
				Product:          "Frozen beef",
				HsCode:           "020130",
				OriginCountry:    BenchHygieneCountry,
				Lot:              BenchLot(acct, i),
				Quantity:         1000,
				Unit:             "KG",
				LivestockTraceNo: fmt.Sprintf("L%014d", acct*1_000_000+i),
			}},
			HygieneCertCountry: BenchHygieneCountry,
			HygieneCertNo:      BenchHygieneCertNo(acct, i),
		}
	})
}

// BenchDeclNo is a declaration number unique per run, account and counter:
// "D" + the first 20 hex digits of a digest written as the letters A..P (21
// characters). Letters only: a digit run of a digest can have the shape of a
// telephone number, which x/haccp refuses in any code.
func BenchDeclNo(runID string, acct, i int) string {
	return "D" + strings.Map(func(r rune) rune {
		if r <= '9' {
			return 'A' + r - '0'
		}
		return 'K' + r - 'a'
	}, digestOf(fmt.Sprintf("decl/%s/%d/%d", runID, acct, i))[:20])
}

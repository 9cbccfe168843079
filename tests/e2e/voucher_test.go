package e2e

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	didtypes "github.com/civicchain/civic/x/did/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
)

// The x/voucher worked example of x/voucher/README.md (§16 Worked example),
// run through the real civicd against one chain built from config.yml: Busan
// Metropolitan City (agency busan) runs a 동백전-style local currency
// (program 1: funded in ukrw, a grocery approved and a department store
// refused for its excluded MCC, allocated to two holders, paid, refused off
// its edges), then after a typhoon declared by busan-safety-coordinator a
// relief program (program 2) whose households claim with credentials the
// district office's issuer DID signs (the sign bytes from civicd's
// claim-sign-bytes); merchants redeem for won, both programs expire, sweeps
// burn the rest and close them with their escrow returned. After every step
// each program's Budget (REST) must equal what the test expects, and x/bank
// must agree with it: the voucher denom's supply is outstanding, the holders'
// and merchants' balances add up to it, the module account holds Σ escrow,
// and the city's and the grocery's won are what funding, redemption and
// refunds left. The refusals: an excluded MCC approved, a payment to an
// unapproved merchant, a sweep before expiry, a bank MsgSend of vouchers
// between holders, a claim reusing a status entry, a payment after expiry
// and a redemption after redeem_until, each with its registered error in a
// block. Transactions of different accounts that follow one another in the
// README share a block here (sameBlock).

const (
	voucherAPI       = "/civic/voucher/v1"
	voucherAdmin     = "busan-admin"
	voucherIssuer    = "busan-issuer"
	voucherDesk      = "busan-merchant-desk"
	voucherOffice    = "busan-district-office"
	voucherMerchant1 = "merchant-1" // a grocery in Busanjin-gu (MCC 5411)
	voucherMerchant2 = "merchant-2" // a department store in Haeundae-gu (MCC 5311, excluded)
	voucherHolder1   = "holder-1"   // Busanjin-gu
	voucherHolder2   = "holder-2"   // Buk-gu
	// krw is ukrw per KRW.
	krw = int64(1_000_000)
	// voucherIssuerUkrw is busan-issuer's ukrw at genesis (config.yml): 10,000,000 KRW.
	voucherIssuerUkrw = 10_000_000 * krw
	// Program 1 expires 25 s after its creation and takes redemptions 12 s
	// longer; program 2 expires and stops redemptions 25 s after its
	// creation. Steps 1-11 take about 16 s on a quiet machine and 26 s under
	// make test's load, so what must happen before an expiry has room, and the
	// sweep of step 12 (holders only) reaches its block well before
	// redeem_until (with 4 s it did not under load: it swept the merchants
	// too and closed the program). The README, sending its 34 transactions
	// one a block, gives 45, 52 and 25 s.
	voucherP1Expires = 25 * time.Second
	voucherP1Redeem  = 37 * time.Second
	voucherP2Expires = 25 * time.Second
	voucherExcluded  = "5311,5813,7995"
)

// voucherAccounts are the accounts vouchers can be held by in the example.
var voucherAccounts = []string{voucherHolder1, voucherHolder2, voucherMerchant1, voucherMerchant2}

// voucherBudget is a program's Budget, in ukrw.
type voucherBudget struct {
	Funded, Escrow, Issued, Outstanding, Redeemed, Swept, Refunded int64
}

// voucherExample is the state the steps share and what the test expects the
// chain to hold: each program's Budget, each account's voucher balance per
// program and the ukrw of the accounts won moves between.
type voucherExample struct {
	dir           string // files of the example (the claims, their signatures)
	p1, p2        string // program ids
	exp1, red1    time.Time
	exp2          time.Time
	incident      string
	did           string
	key           ed25519.PrivateKey
	schema, list  string
	claims        [4]string // claim files 1..3
	sigs          [4]string // their signatures
	programs      []string
	budget        map[string]*voucherBudget
	vouchers      map[string]map[string]int64 // program -> account -> balance
	ukrw          map[string]int64            // account -> balance
	moduleAccount string
}

func TestVoucher(t *testing.T) {
	c, run := startExample(t, "voucher e2e")
	ex := &voucherExample{
		dir:           t.TempDir(),
		budget:        map[string]*voucherBudget{},
		vouchers:      map[string]map[string]int64{},
		ukrw:          map[string]int64{},
		moduleAccount: authtypes.NewModuleAddress(vouchertypes.ModuleName).String(),
	}
	ex.ukrw[voucherIssuer] = c.balanceOf(t, c.addr(voucherIssuer), "ukrw")
	mustEqual(t, "busan-issuer's ukrw at genesis", ex.ukrw[voucherIssuer], voucherIssuerUkrw)
	ex.ukrw[voucherMerchant1] = c.balanceOf(t, c.addr(voucherMerchant1), "ukrw")
	step := func(name string, f func(t *testing.T)) {
		run(name, func(t *testing.T) {
			f(t)
			ex.check(t, c)
		})
	}

	step("1 동백전 program created", func(t *testing.T) { voucherCreateLocal(t, c, ex) })
	step("2 funded, two shops apply", func(t *testing.T) { voucherFundAndApply(t, c, ex) })
	step("3 activated, grocery approved", func(t *testing.T) {
		sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "activate-program", ex.p1),
			deliver(voucherDesk, "tx", "voucher", "decide-merchant", ex.p1, c.addr(voucherMerchant1), "approve"))
		mustEqual(t, "program 1", voucherProgramStatus(t, c, ex.p1), "PROGRAM_STATUS_ACTIVE")
	})
	step("4 excluded MCC refused, allocation", func(t *testing.T) { voucherAllocate(t, c, ex) })
	step("5 holder pays the grocery", func(t *testing.T) {
		sameBlock(t, c, deliver(voucherHolder1, "tx", "voucher", "pay", ex.p1, c.addr(voucherMerchant1), amount(45_000), sha256Hex("receipt 2026-08-11 0001")))
		ex.pay(ex.p1, voucherHolder1, voucherMerchant1, 45_000*krw)
	})
	step("6 refused: unapproved, early sweep, MsgSend", func(t *testing.T) {
		sameBlock(t, c,
			refuse(vouchertypes.ErrMerchantNotApproved, voucherHolder2, "tx", "voucher", "pay", ex.p1, c.addr(voucherMerchant2), amount(10_000), sha256Hex("receipt 2026-08-11 0002")),
			refuse(vouchertypes.ErrNotExpired, voucherIssuer, "tx", "voucher", "sweep", ex.p1, "100"),
			refuse(vouchertypes.ErrVoucherTransfer, voucherHolder1, "tx", "bank", "send", voucherHolder1, c.addr(voucherHolder2), fmt.Sprintf("%dvoucher/%s", 10_000*krw, ex.p1)))
	})
	step("7 typhoon, the district office's DID", func(t *testing.T) { voucherTyphoonAndDid(t, c, ex) })
	step("8 schema granted, status list, relief program", func(t *testing.T) { voucherCreateRelief(t, c, ex) })
	step("9 relief funded, grocery approved", func(t *testing.T) {
		sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "fund-program", ex.p2, amount(2_000_000)),
			deliver(voucherMerchant1, "tx", "voucher", "apply-merchant", ex.p2, sha256Hex("salt 7f3a9c|605-81-12345"), busanjinGu, "5411", c.addr(voucherMerchant1)))
		ex.fund(ex.p2, 2_000_000*krw)
		sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "activate-program", ex.p2),
			deliver(voucherDesk, "tx", "voucher", "decide-merchant", ex.p2, c.addr(voucherMerchant1), "approve"))
		mustEqual(t, "program 2", voucherProgramStatus(t, c, ex.p2), "PROGRAM_STATUS_ACTIVE")
	})
	step("10 claims signed by the district office", func(t *testing.T) { voucherClaims(t, c, ex) })
	step("11 entry reused refused, pay, redeem", func(t *testing.T) { voucherReliefPayRedeem(t, c, ex) })
	step("12 program 1 expires, sweep, redeem", func(t *testing.T) { voucherExpire(t, c, ex) })
	step("13 program 1 closes", func(t *testing.T) {
		c.waitBlockTime(t, ex.red1)
		sameBlock(t, c,
			refuse(vouchertypes.ErrRedeemPeriodOver, voucherMerchant1, "tx", "voucher", "redeem", ex.p1, amount(1)),
			deliver(voucherIssuer, "tx", "voucher", "sweep", ex.p1, "100"))
		ex.sweep(ex.p1)
		ex.close(ex.p1)
		mustEqual(t, "program 1", voucherProgramStatus(t, c, ex.p1), "PROGRAM_STATUS_CLOSED")
	})
	step("14 program 2 closes", func(t *testing.T) {
		c.waitBlockTime(t, ex.exp2)
		res := sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "sweep", ex.p2, "100"))[0]
		mustEqual(t, "EventProgramClosed", res.attr("civic.voucher.v1.EventProgramClosed", "program_id"), ex.p2)
		ex.sweep(ex.p2, voucherHolder1, voucherHolder2)
		ex.close(ex.p2)
		mustEqual(t, "program 2", voucherProgramStatus(t, c, ex.p2), "PROGRAM_STATUS_CLOSED")
		// The city spent exactly what merchants redeemed: 45,000 + 120,000 KRW.
		mustEqual(t, "busan-issuer's ukrw", ex.ukrw[voucherIssuer], voucherIssuerUkrw-165_000*krw)
		voucherUsage(t, c, ex)
	})
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

// amount is a number of KRW in ukrw, as the CLI takes it.
func amount(won int64) string { return strconv.FormatInt(won*krw, 10) }

// rfc3339 is a time as the README's t() writes it.
func rfc3339(at time.Time) string { return at.UTC().Format(time.RFC3339) }

func voucherCreateLocal(t *testing.T, c *chain, ex *voucherExample) {
	now := time.Now().UTC().Truncate(time.Second)
	ex.exp1, ex.red1 = now.Add(voucherP1Expires), now.Add(voucherP1Redeem)
	res := sameBlock(t, c, deliver(voucherIssuer, "tx", "voucher", "create-program", "local-currency", "ukrw",
		amount(1_000_000), amount(500_000), "allocation", rfc3339(now), rfc3339(ex.exp1), rfc3339(ex.red1), c.addr(voucherIssuer),
		"--holder-districts", busanjinGu+","+bukGu+","+haeundaeGu, "--merchant-districts", busanjinGu+","+bukGu+","+haeundaeGu,
		"--excluded-mccs", voucherExcluded))[0]
	ex.p1 = res.attr("civic.voucher.v1.EventProgramCreated", "program_id")
	mustEqual(t, "EventProgramCreated.denom", res.attr("civic.voucher.v1.EventProgramCreated", "denom"), "voucher/"+ex.p1)
	ex.addProgram(ex.p1)
	mustEqual(t, "program 1", voucherProgramStatus(t, c, ex.p1), "PROGRAM_STATUS_DRAFT")
}

func voucherFundAndApply(t *testing.T, c *chain, ex *voucherExample) {
	sameBlock(t, c,
		deliver(voucherIssuer, "tx", "voucher", "fund-program", ex.p1, amount(1_000_000)),
		deliver(voucherMerchant1, "tx", "voucher", "apply-merchant", ex.p1, sha256Hex("salt 7f3a9c|605-81-12345"), busanjinGu, "5411", c.addr(voucherMerchant1)),
		deliver(voucherMerchant2, "tx", "voucher", "apply-merchant", ex.p1, sha256Hex("salt c21e04|617-85-67890"), haeundaeGu, "5311", c.addr(voucherMerchant2)))
	ex.fund(ex.p1, 1_000_000*krw)
}

func voucherAllocate(t *testing.T, c *chain, ex *voucherExample) {
	entry := func(holder string, won int64, district string) string {
		return fmt.Sprintf(`{"address":%q,"amount":%q,"district_code":%q}`, c.addr(holder), amount(won), district)
	}
	sameBlock(t, c,
		refuse(vouchertypes.ErrMccExcluded, voucherDesk, "tx", "voucher", "decide-merchant", ex.p1, c.addr(voucherMerchant2), "approve"),
		deliver(voucherIssuer, "tx", "voucher", "allocate", ex.p1, entry(voucherHolder1, 300_000, busanjinGu), entry(voucherHolder2, 200_000, bukGu)))
	ex.issue(ex.p1, voucherHolder1, 300_000*krw)
	ex.issue(ex.p1, voucherHolder2, 200_000*krw)

	var approved struct {
		Merchants []struct {
			Address string `json:"address"`
			Status  string `json:"status"`
		} `json:"merchants"`
	}
	c.restGet(voucherAPI+"/programs/"+ex.p1+"/merchants?status=MERCHANT_STATUS_APPROVED", &approved)
	if len(approved.Merchants) != 1 || approved.Merchants[0].Address != c.addr(voucherMerchant1) {
		t.Fatalf("approved merchants of program 1: %+v, want merchant-1 only", approved.Merchants)
	}
}

func voucherTyphoonAndDid(t *testing.T, c *chain, ex *voucherExample) {
	seed := sha256.Sum256([]byte("civic-e2e-voucher/office-key-1"))
	ex.key = ed25519.NewKeyFromSeed(seed[:])
	u := sha256.Sum256([]byte("civic-e2e-voucher/" + strconv.FormatInt(time.Now().UnixNano(), 10)))
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:16])
	ex.did = "did:civic:" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	method := ex.did + "#key-1"
	doc := writeJSON(t, "office-did.json", map[string]any{
		"@context":   []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1"},
		"id":         ex.did,
		"controller": []string{c.addr(voucherAdmin), c.addr(voucherOffice)},
		"verificationMethod": []map[string]any{{
			"id": method, "type": "Ed25519VerificationKey2020", "controller": ex.did,
			"publicKeyMultibase": multibaseEd25519(ex.key.Public().(ed25519.PublicKey)),
		}},
		"authentication":  []string{method},
		"assertionMethod": []string{method},
	})

	res := sameBlock(t, c,
		deliver(disasterCoordinator, "tx", "disaster", "declare-incident", "typhoon", "alert",
			sha256Hex("Typhoon Khanun: landfall near Busan, 2026-08-10 03:00"), busanjinGu, bukGu),
		deliver(voucherOffice, "tx", "did", "create", doc))
	ex.incident = res[0].attr("civic.disaster.v1.EventIncidentDeclared", "incident_id")
	mustEqual(t, "EventDidCreated.did", res[1].attr("civic.did.v1.EventDidCreated", "did"), ex.did)

	res = sameBlock(t, c, deliver(voucherOffice, "tx", "did", "register-schema", "ReliefEntitlement", "1.0.0",
		sha256Hex(`{"title":"ReliefEntitlement","type":"object"}`), "https://schemas.busan.go.kr/relief-entitlement/1.0.0.json"))
	ex.schema = res[0].attr("civic.did.v1.EventSchemaRegistered", "id")
	sameBlock(t, c, deliver(voucherAdmin, "tx", "did", "bind-issuer", "busan", ex.did))
}

func voucherCreateRelief(t *testing.T, c *chain, ex *voucherExample) {
	now := time.Now().UTC().Truncate(time.Second)
	ex.exp2 = now.Add(voucherP2Expires)
	res := sameBlock(t, c,
		deliver(voucherAdmin, "tx", "did", "set-issuer-schemas", ex.did, "--grant", ex.schema),
		deliver(voucherOffice, "tx", "did", "create-status-list", ex.did, "revocation", strconv.FormatUint(didtypes.MinStatusListEntries, 10)),
		deliver(voucherIssuer, "tx", "voucher", "create-program", "relief", "ukrw", amount(2_000_000), amount(1_000_000), "credential",
			rfc3339(now), rfc3339(ex.exp2), rfc3339(ex.exp2), c.addr(voucherIssuer),
			"--holder-districts", busanjinGu+","+bukGu, "--merchant-districts", busanjinGu+","+bukGu, "--excluded-mccs", voucherExcluded,
			"--schema-id", ex.schema, "--incident-id", ex.incident,
			"--amount-by-class", fmt.Sprintf(`{"class":"HOUSEHOLD_1","amount":%q}`, amount(400_000)),
			"--amount-by-class", fmt.Sprintf(`{"class":"HOUSEHOLD_4","amount":%q}`, amount(1_000_000))))
	ex.list = res[1].attr("civic.did.v1.EventStatusListCreated", "id")
	ex.p2 = res[2].attr("civic.voucher.v1.EventProgramCreated", "program_id")
	mustEqual(t, "EventProgramCreated.incident_id", res[2].attr("civic.voucher.v1.EventProgramCreated", "incident_id"), ex.incident)
	ex.addProgram(ex.p2)

	var trusted isTrusted
	c.restGet("/civic/did/v1/issuers/"+ex.did+"/schemas/"+ex.schema, &trusted)
	if !trusted.Trusted || trusted.AgencyID != "busan" {
		t.Fatalf("the district office's DID for schema %s: %+v, want trusted for busan", ex.schema, trusted)
	}
	var byIncident struct {
		Programs []struct {
			ID string `json:"id"`
		} `json:"programs"`
	}
	c.restGet(voucherAPI+"/programs?incident_id="+ex.incident, &byIncident)
	if len(byIncident.Programs) != 1 || byIncident.Programs[0].ID != ex.p2 {
		t.Fatalf("programs of incident %s: %+v, want program %s", ex.incident, byIncident.Programs, ex.p2)
	}
}

// signClaim writes claim n for holder as the README's c() does, has civicd
// print its sign bytes (claim-sign-bytes) and signs them with the office's key,
// as the README's openssl does.
func (ex *voucherExample) signClaim(t *testing.T, c *chain, n int, holder, district, class string, index int) {
	t.Helper()
	claim := fmt.Sprintf(`{"chain_id":%q,"program_id":%q,"holder":%q,"district_code":%q,"class":%q,"status_list_id":%q,"status_index":"%d","valid_until":%q}`,
		c.Net.ChainID, ex.p2, c.addr(holder), district, class, ex.list, index, rfc3339(time.Now().Add(24*time.Hour)))
	ex.claims[n] = filepath.Join(ex.dir, fmt.Sprintf("claim-%d.json", n))
	if err := os.WriteFile(ex.claims[n], []byte(claim), 0o600); err != nil {
		t.Fatal(err)
	}
	method := ex.did + "#key-1"
	signBytes := c.cli("query", "voucher", "claim-sign-bytes", ex.claims[n], ex.did, method)
	prefix := "civic-did-assertion/v1\n" + c.Net.ChainID + "\n" + ex.did + "\n" + method + "\n"
	if !strings.HasPrefix(string(signBytes), prefix) || len(signBytes) != len(prefix)+64 {
		t.Fatalf("claim-sign-bytes printed %q, want %q and a SHA-256 in hex", signBytes, prefix)
	}
	ex.sigs[n] = filepath.Join(ex.dir, fmt.Sprintf("claim-%d.sig", n))
	if err := os.WriteFile(ex.sigs[n], ed25519.Sign(ex.key, signBytes), 0o600); err != nil {
		t.Fatal(err)
	}
}

// claim is the README's tx voucher claim of claim n.
func (ex *voucherExample) claim(n int) []string {
	return []string{"tx", "voucher", "claim", ex.p2, ex.claims[n], ex.did, ex.did + "#key-1", ex.sigs[n]}
}

func voucherClaims(t *testing.T, c *chain, ex *voucherExample) {
	ex.signClaim(t, c, 1, voucherHolder1, busanjinGu, "HOUSEHOLD_1", 1)
	ex.signClaim(t, c, 2, voucherHolder2, bukGu, "HOUSEHOLD_4", 2)
	ex.signClaim(t, c, 3, voucherHolder2, bukGu, "HOUSEHOLD_4", 1) // holder-1's status entry
	res := sameBlock(t, c, deliver(voucherHolder1, ex.claim(1)...), deliver(voucherHolder2, ex.claim(2)...))
	mustEqual(t, "claim 1 amount", res[0].attr("civic.voucher.v1.EventVouchersClaimed", "amount"), amount(400_000))
	mustEqual(t, "claim 2 amount", res[1].attr("civic.voucher.v1.EventVouchersClaimed", "amount"), amount(1_000_000))
	ex.issue(ex.p2, voucherHolder1, 400_000*krw)
	ex.issue(ex.p2, voucherHolder2, 1_000_000*krw)
}

func voucherReliefPayRedeem(t *testing.T, c *chain, ex *voucherExample) {
	sameBlock(t, c,
		refuse(vouchertypes.ErrAlreadyClaimed, voucherHolder2, ex.claim(3)...),
		deliver(voucherHolder1, "tx", "voucher", "pay", ex.p2, c.addr(voucherMerchant1), amount(120_000), sha256Hex("receipt 2026-08-12 0001")))
	ex.pay(ex.p2, voucherHolder1, voucherMerchant1, 120_000*krw)
	var claimed struct {
		Claimed bool `json:"claimed"`
	}
	c.restGet(voucherAPI+"/programs/"+ex.p2+"/claimed/"+ex.list+"/1", &claimed)
	mustEqual(t, "status entry 1 claimed", claimed.Claimed, true)
	ex.check(t, c)

	sameBlock(t, c, deliver(voucherMerchant1, "tx", "voucher", "redeem", ex.p2, amount(120_000)))
	ex.redeem(ex.p2, voucherMerchant1, 120_000*krw)
}

func voucherExpire(t *testing.T, c *chain, ex *voucherExample) {
	c.waitBlockTime(t, ex.exp1)
	mustEqual(t, "program 1 after expires_at", voucherProgramStatus(t, c, ex.p1), "PROGRAM_STATUS_EXPIRED")
	sameBlock(t, c,
		refuse(vouchertypes.ErrProgramExpired, voucherHolder1, "tx", "voucher", "pay", ex.p1, c.addr(voucherMerchant1), amount(1_000), sha256Hex("receipt 2026-08-12 0002")),
		deliver(voucherIssuer, "tx", "voucher", "sweep", ex.p1, "100"))
	ex.sweep(ex.p1, voucherHolder1, voucherHolder2)
	ex.check(t, c)

	sameBlock(t, c, deliver(voucherMerchant1, "tx", "voucher", "redeem", ex.p1, amount(45_000)))
	ex.redeem(ex.p1, voucherMerchant1, 45_000*krw)
}

func voucherUsage(t *testing.T, c *chain, ex *voucherExample) {
	var u struct {
		Payments struct {
			Count  string `json:"count"`
			Amount string `json:"amount"`
		} `json:"payments"`
		ClaimsCount    string `json:"claims_count"`
		Issued         string `json:"issued"`
		DistrictClaims struct {
			Count  string `json:"count"`
			Amount string `json:"amount"`
		} `json:"district_claims"`
	}
	c.restGet(voucherAPI+"/programs/"+ex.p2+"/usage?district="+busanjinGu, &u)
	mustEqual(t, "program 2 usage", fmt.Sprint(u.Payments.Count, " ", u.Payments.Amount, " ", u.ClaimsCount, " ", u.Issued, " ", u.DistrictClaims.Count, " ", u.DistrictClaims.Amount),
		fmt.Sprint("1 ", amount(120_000), " 2 ", amount(1_400_000), " 1 ", amount(400_000)))
}

// voucherProgramStatus is a program's status over REST (EXPIRED computed).
func voucherProgramStatus(t *testing.T, c *chain, id string) string {
	t.Helper()
	var r struct {
		Program struct {
			Status string `json:"status"`
		} `json:"program"`
	}
	c.restGet(voucherAPI+"/programs/"+id, &r)
	return r.Program.Status
}

// The expected ledger: each method does to the test's expectation what the
// chain is expected to do.

func (ex *voucherExample) addProgram(p string) {
	ex.programs = append(ex.programs, p)
	ex.budget[p] = &voucherBudget{}
	ex.vouchers[p] = map[string]int64{}
}

func (ex *voucherExample) fund(p string, n int64) {
	ex.budget[p].Funded += n
	ex.budget[p].Escrow += n
	ex.ukrw[voucherIssuer] -= n
}

func (ex *voucherExample) issue(p, holder string, n int64) {
	ex.budget[p].Issued += n
	ex.budget[p].Outstanding += n
	ex.vouchers[p][holder] += n
}

func (ex *voucherExample) pay(p, holder, merchant string, n int64) {
	ex.vouchers[p][holder] -= n
	ex.vouchers[p][merchant] += n
}

// redeem: the merchant is its own settlement address.
func (ex *voucherExample) redeem(p, merchant string, n int64) {
	ex.vouchers[p][merchant] -= n
	b := ex.budget[p]
	b.Outstanding -= n
	b.Redeemed += n
	b.Escrow -= n
	ex.ukrw[merchant] += n
}

// sweep burns the accounts' balances; busan-issuer is the refund address.
func (ex *voucherExample) sweep(p string, accounts ...string) {
	var burned int64
	for _, a := range accounts {
		burned += ex.vouchers[p][a]
		ex.vouchers[p][a] = 0
	}
	b := ex.budget[p]
	b.Outstanding -= burned
	b.Swept += burned
	b.Escrow -= burned
	b.Refunded += burned
	ex.ukrw[voucherIssuer] += burned
}

// close returns the rest of the escrow to the refund address.
func (ex *voucherExample) close(p string) {
	b := ex.budget[p]
	b.Refunded += b.Escrow
	ex.ukrw[voucherIssuer] += b.Escrow
	b.Escrow = 0
}

// check compares the chain with the expectation: every program's Budget over
// REST, its two identities, the supply of its denom (= outstanding), every
// account's balance of it (adding up to outstanding), the module account's
// ukrw (= Σ escrow) and the city's and the grocery's ukrw.
func (ex *voucherExample) check(t *testing.T, c *chain) {
	t.Helper()
	var escrow int64
	for _, p := range ex.programs {
		var r struct {
			FundingDenom string            `json:"funding_denom"`
			Denom        string            `json:"denom"`
			Budget       map[string]string `json:"budget"`
		}
		c.restGet(voucherAPI+"/programs/"+p+"/budget", &r)
		denom := "voucher/" + p
		mustEqual(t, "program "+p+" denom", r.Denom, denom)
		mustEqual(t, "program "+p+" funding denom", r.FundingDenom, "ukrw")
		n := func(field string) int64 {
			v, err := strconv.ParseInt(r.Budget[field], 10, 64)
			if err != nil {
				t.Fatalf("program %s budget.%s = %q", p, field, r.Budget[field])
			}
			return v
		}
		got := voucherBudget{Funded: n("funded"), Escrow: n("escrow"), Issued: n("issued"), Outstanding: n("outstanding"),
			Redeemed: n("redeemed"), Swept: n("swept"), Refunded: n("refunded")}
		mustEqual(t, "program "+p+" Budget", got, *ex.budget[p])
		mustEqual(t, "program "+p+" funded = escrow + redeemed + refunded", got.Funded, got.Escrow+got.Redeemed+got.Refunded)
		mustEqual(t, "program "+p+" issued = outstanding + redeemed + swept", got.Issued, got.Outstanding+got.Redeemed+got.Swept)

		var supply struct {
			Amount struct {
				Amount string `json:"amount"`
			} `json:"amount"`
		}
		c.restGet("/cosmos/bank/v1beta1/supply/by_denom?denom="+denom, &supply)
		mustEqual(t, denom+" supply = outstanding", supply.Amount.Amount, strconv.FormatInt(got.Outstanding, 10))
		var held int64
		for _, a := range voucherAccounts {
			bal := c.balanceOf(t, c.addr(a), denom)
			mustEqual(t, a+" "+denom, bal, ex.vouchers[p][a])
			held += bal
		}
		mustEqual(t, denom+" held by holders and merchants = outstanding", held, got.Outstanding)
		escrow += got.Escrow
	}
	mustEqual(t, "module account ukrw = Σ escrow", c.balanceOf(t, ex.moduleAccount, "ukrw"), escrow)
	for _, a := range []string{voucherIssuer, voucherMerchant1} {
		mustEqual(t, a+" ukrw", c.balanceOf(t, c.addr(a), "ukrw"), ex.ukrw[a])
	}
}

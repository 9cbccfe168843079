package keeper

import (
	"regexp"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/haccp/types"
)

// Native Go fuzz targets over the stateless message validation. The seed
// corpus below runs in every `go test`; `go test -fuzz FuzzValidateIssueCertificate`
// explores further.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	certNoRe  = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{3,31}$`)
	ccpCodeRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{0,31}$`)
	digestRe  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	reasonRe  = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,31}$`)
)

func FuzzValidateIssueCertificate(f *testing.F) {
	certifier := sample.Addr("certifier")
	f.Add(certifier, "HACCP-2026-0001", uint64(1), "beverages,dairy", sample.Now.Add(-time.Hour).Unix(), sample.Now.Add(time.Hour).Unix())
	f.Add(certifier, "haccp-1", uint64(1), "beverages", int64(0), int64(1))
	f.Add(certifier, "ABCD", uint64(0), "", sample.Now.Unix(), sample.Now.Unix())
	f.Add("", "ABCD", uint64(7), "b,a", int64(-5), int64(99999999999))
	f.Add(strings.ToUpper(certifier), "A-B-C-D", uint64(3), "x.y_z-1", int64(1), sample.Now.Add(24*time.Hour).Unix())
	f.Fuzz(func(t *testing.T, signer, certNo string, facilityID uint64, scope string, from, until int64) {
		msg := &types.MsgIssueCertificate{
			Certifier: signer, CertNo: certNo, FacilityId: facilityID, Scope: strings.Split(scope, ","),
			ValidFrom: time.Unix(from, 0).UTC(), ValidUntil: time.Unix(until, 0).UTC(),
		}
		addr, err := validateIssueCertificate(sample.Codec, msg, sample.Now)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if len(addr) == 0 || !certNoRe.MatchString(certNo) || facilityID == 0 {
			t.Fatalf("accepted signer %q cert_no %q facility %d", signer, certNo, facilityID)
		}
		if !msg.ValidFrom.Before(msg.ValidUntil) || !msg.ValidUntil.After(sample.Now) {
			t.Fatalf("accepted period [%s, %s)", msg.ValidFrom, msg.ValidUntil)
		}
		if len(msg.Scope) == 0 || len(msg.Scope) > types.MaxScopeEntries {
			t.Fatalf("accepted %d scope entries", len(msg.Scope))
		}
	})
}

func FuzzValidateSuspendCertificate(f *testing.F) {
	certifier := sample.Addr("certifier")
	f.Add(certifier, "HACCP-2026-0001", "CCP_DEVIATION")
	f.Add(certifier, "HACCP-2026-0001", "")
	f.Add(certifier, "HACCP-2026-0001", "ccp deviation")
	f.Add(certifier, "X", "A1")
	f.Fuzz(func(t *testing.T, signer, certNo, reason string) {
		_, err := validateSuspendCertificate(sample.Codec, &types.MsgSuspendCertificate{Certifier: signer, CertNo: certNo, ReasonCode: reason})
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if !certNoRe.MatchString(certNo) || !reasonRe.MatchString(reason) {
			t.Fatalf("accepted cert_no %q reason %q", certNo, reason)
		}
	})
}

func FuzzValidateAnchorCcpRecord(f *testing.F) {
	op := sample.Addr("operator")
	digest := strings.Repeat("ab", 32)
	f.Add(op, uint64(1), "CCP-1B", sample.Now.Add(-time.Hour).Unix(), sample.Now.Unix(), digest)
	f.Add(op, uint64(1), "ccp-1b", sample.Now.Add(-time.Hour).Unix(), sample.Now.Add(time.Second).Unix(), digest)
	f.Add(op, uint64(0), "C", int64(1), int64(2), strings.ToUpper(digest))
	f.Add("", uint64(9), "-", int64(2), int64(1), "")
	f.Fuzz(func(t *testing.T, signer string, facilityID uint64, code string, start, end int64, digest string) {
		msg := &types.MsgAnchorCcpRecord{
			Signer: signer, FacilityId: facilityID, CcpCode: code,
			PeriodStart: time.Unix(start, 0).UTC(), PeriodEnd: time.Unix(end, 0).UTC(), LogDigest: digest,
		}
		_, err := validateAnchorCcpRecord(sample.Codec, msg, sample.Now)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if facilityID == 0 || !ccpCodeRe.MatchString(code) || !digestRe.MatchString(digest) {
			t.Fatalf("accepted facility %d code %q digest %q", facilityID, code, digest)
		}
		if !msg.PeriodStart.Before(msg.PeriodEnd) || msg.PeriodEnd.After(sample.Now) {
			t.Fatalf("accepted period [%s, %s]", msg.PeriodStart, msg.PeriodEnd)
		}
	})
}

func FuzzValidateRegisterFacility(f *testing.F) {
	op := sample.Addr("operator")
	digest := strings.Repeat("cd", 32)
	f.Add(op, digest, int32(1), "Hanbit Foods", "41500")
	f.Add(op, digest, int32(0), "Hanbit Foods", "41500")
	f.Add(op, digest, int32(7), " padded ", "4150a")
	f.Add(op, "", int32(3), "", "")
	f.Add(op, digest, int32(1), "홍길동 010-1234-5678", "41500")
	f.Add(op, digest, int32(1), "한빛식품 이천공장", "41500")
	f.Fuzz(func(t *testing.T, signer, digest string, typ int32, name, region string) {
		msg := &types.MsgRegisterFacility{
			Operator: signer, BusinessRegistrationDigest: digest, Type: types.FacilityType(typ), Name: name, RegionCode: region,
		}
		_, err := validateRegisterFacility(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if !digestRe.MatchString(digest) || !msg.Type.IsValid() || len(name) == 0 || len(name) > types.MaxFacilityNameLength || len(region) != 5 ||
			pii.FindInText(name) != "" {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateAddFacilityStaff(f *testing.F) {
	op, member := sample.Addr("operator"), sample.Addr("staff")
	f.Add(op, uint64(1), member)
	f.Add(op, uint64(1), op)
	f.Add(op, uint64(0), member)
	f.Add(op, uint64(1), "civic1nope")
	f.Add("", uint64(1), member)
	f.Fuzz(func(t *testing.T, operator string, facilityID uint64, staff string) {
		msg := &types.MsgAddFacilityStaff{Operator: operator, FacilityId: facilityID, Staff: staff}
		signer, err := validateAddFacilityStaff(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		member, err := sample.Codec.StringToBytes(staff)
		if err != nil || facilityID == 0 || signer.Equals(sdk.AccAddress(member)) {
			t.Fatalf("accepted %+v", msg)
		}
		if got, _ := sample.Codec.BytesToString(signer); got != operator {
			t.Fatalf("signer %s decoded from operator %q", got, operator)
		}
	})
}

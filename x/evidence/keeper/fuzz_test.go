package keeper

import (
	"regexp"
	"strings"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/evidence/types"
)

// Native Go fuzz targets over the stateless message validation. The seed
// corpus below runs in every `go test`; `go test -fuzz FuzzValidateRegisterEvidence`
// explores further.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	digestRe    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	exhibitRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$`)
	mediaTypeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$`)
	locatorRe   = regexp.MustCompile(`^(urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|` +
		`(s3|gs|https|ipfs)://[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?(/[A-Za-z0-9._~-]{1,128})*)$`)
	dotSegmentRe = regexp.MustCompile(`/\.\.?(/|$)`)
)

// locatorOK is the locator oracle: the regular expression, no "." or ".."
// segment, no personal-data shape, at most 512 bytes.
func locatorOK(s string) bool {
	return len(s) <= types.MaxLocatorLength && locatorRe.MatchString(s) && !dotSegmentRe.MatchString(s) && pii.Find(s) == ""
}

func FuzzValidateRegisterEvidence(f *testing.F) {
	inv := sample.Addr("investigator")
	digest := strings.Repeat("ab", 32)
	acquired := sample.Now.Add(-time.Hour).Unix()
	f.Add(inv, uint64(1), "E-001", digest, uint64(1024), "application/octet-stream", "s3://bucket/e-001.dd", uint64(0), int32(3), "ftk-imager", "4.7", acquired)
	f.Add(inv, uint64(7), "2024-17/HDD.3", digest, uint64(1), "image/jpeg", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", uint64(2), int32(5), "", "", acquired)
	f.Add(inv, uint64(0), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add("civic1invalid", uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(strings.ToUpper(inv), uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E 001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), strings.Repeat("E", 33), digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", strings.ToUpper(digest), uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest[:63], uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(0), "text/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain;charset=utf-8", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "/plain", "https://x", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "no-scheme", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "s3:", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "s3://a b", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "1s3://a", uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "s3://"+strings.Repeat("k", 600), uint64(0), int32(1), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(0), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(99), "", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "1.0", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "tool\x00", "", acquired)
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", sample.Now.Add(time.Second).Unix())
	f.Add(inv, uint64(1), "E-001", digest, uint64(1), "text/plain", "https://x", uint64(0), int32(1), "", "", int64(0))

	f.Fuzz(func(t *testing.T, signer string, caseID uint64, exhibit, digest string, size uint64, mediaType, locator string,
		parentID uint64, method int32, tool, toolVersion string, acquiredUnix int64,
	) {
		msg := &types.MsgRegisterEvidence{
			Investigator: signer, CaseId: caseID, ExhibitNumber: exhibit, Digest: digest, SizeBytes: size,
			MediaType: mediaType, Locator: locator, ParentId: parentID,
			Acquisition: types.Acquisition{
				Method: types.AcquisitionMethod(method), Tool: tool, ToolVersion: toolVersion,
				AcquiredAt: time.Unix(acquiredUnix, 0).UTC(),
			},
		}
		addr, err := validateRegisterEvidence(sample.Codec, msg, sample.Now)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		// Accepted: every field keeps the grammar and bounds the spec states.
		canonical, _ := sample.Codec.BytesToString(addr)
		if canonical != signer || caseID == 0 || size == 0 {
			t.Fatalf("accepted signer %q case %d size %d", signer, caseID, size)
		}
		if !digestRe.MatchString(digest) || !exhibitRe.MatchString(exhibit) {
			t.Fatalf("accepted digest %q exhibit %q", digest, exhibit)
		}
		if len(mediaType) > types.MaxMediaTypeLength || !mediaTypeRe.MatchString(mediaType) {
			t.Fatalf("accepted media type %q", mediaType)
		}
		if !locatorOK(locator) {
			t.Fatalf("accepted locator %q", locator)
		}
		if _, ok := types.AcquisitionMethod_name[method]; !ok || method == 0 || msg.Acquisition.AcquiredAt.After(sample.Now) {
			t.Fatalf("accepted acquisition %+v", msg.Acquisition)
		}
		if len(tool) > types.MaxToolLength || len(toolVersion) > types.MaxToolVersionLength {
			t.Fatalf("accepted oversize tool %q %q", tool, toolVersion)
		}
	})
}

// FuzzValidateGrammar cross-checks each string grammar against its regular
// expression oracle in both directions: accepted iff the oracle matches.
func FuzzValidateGrammar(f *testing.F) {
	for _, s := range []string{
		"", "a", "E-001", "e/1", "-E", strings.Repeat("x", 32), strings.Repeat("x", 33),
		strings.Repeat("0", 64), strings.Repeat("F", 64), strings.Repeat("a", 65),
		"application/octet-stream", "application/vnd.ms-excel", "image/svg+xml", "text/", "a/b/c", "x/y z",
		"s3://bucket/key", "urn:uuid:1", "ipfs:bafy", "https:", ":x", "a:b c", "h\u00e9:x", "C:\\evidence\\a.dd",
		"urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "https://u:p@host/x", "s3://b/x?q=1", "s3://b/../x", "s3://b/",
		"s3://b/900101-1234567", "010-1234-5678", "E-900101-1234567", "s3://b/" + strings.Repeat("k", 129),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(name string, err error, want bool) {
			if (err == nil) != want {
				t.Fatalf("%s(%q) = %v, oracle says valid=%v", name, s, err, want)
			}
			if err != nil {
				sample.RequireModuleError(t, types.ModuleName, err)
			}
		}
		check("ValidateDigest", types.ValidateDigest("digest", s), digestRe.MatchString(s))
		check("ValidateExhibitNumber", types.ValidateExhibitNumber(s), exhibitRe.MatchString(s) && pii.Find(s) == "")
		check("ValidateMediaType", types.ValidateMediaType(s), len(s) <= types.MaxMediaTypeLength && mediaTypeRe.MatchString(s))
		check("ValidateLocator", types.ValidateLocator(s), locatorOK(s))
	})
}

func FuzzValidateProposeTransfer(f *testing.F) {
	cust, recv := sample.Addr("custodian"), sample.Addr("receiver")
	note := strings.Repeat("0f", 32)
	f.Add(cust, uint64(1), recv, "")
	f.Add(cust, uint64(1), recv, note)
	f.Add(cust, uint64(1), cust, "")
	f.Add(cust, uint64(0), recv, "")
	f.Add(cust, uint64(1), "", "")
	f.Add(cust, uint64(1), recv, "0F")
	f.Add(strings.Repeat("c", 200), uint64(1), recv, "")
	f.Fuzz(func(t *testing.T, custodian string, id uint64, receiver, noteDigest string) {
		msg := &types.MsgProposeTransfer{Custodian: custodian, EvidenceId: id, Receiver: receiver, NoteDigest: noteDigest}
		signer, err := validateProposeTransfer(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		to, err := sample.Codec.StringToBytes(receiver)
		if err != nil {
			t.Fatalf("accepted receiver %q that does not decode: %v", receiver, err)
		}
		if id == 0 || signer.Equals(sdk.AccAddress(to)) || (noteDigest != "" && !digestRe.MatchString(noteDigest)) {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateVerifyIntegrity(f *testing.F) {
	v := sample.Addr("auditor")
	f.Add(v, uint64(3), strings.Repeat("1", 64))
	f.Add(v, uint64(3), "sha256:"+strings.Repeat("1", 64))
	f.Add(v, uint64(0), strings.Repeat("1", 64))
	f.Add("", uint64(3), "")
	f.Fuzz(func(t *testing.T, verifier string, id uint64, digest string) {
		_, err := validateVerifyIntegrity(sample.Codec, &types.MsgVerifyIntegrity{Verifier: verifier, EvidenceId: id, Digest: digest})
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if id == 0 || !digestRe.MatchString(digest) {
			t.Fatalf("accepted id %d digest %q", id, digest)
		}
	})
}

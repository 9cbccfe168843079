package types_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/civicchain/civic/x/did/types"
)

func FuzzValidateDid(f *testing.F) {
	for _, s := range []string{
		testDid(1), "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66", "did:civic:", "did:web:example.com",
		"did:civic:" + strings.Repeat("z", 44), "did:civic:" + strings.Repeat("z", 45), "did:civic:0OIl",
		"did:civic:6E8BC430-9C3A-11D9-9669-0800200C9A66", testDid(1) + "#key-1", "", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := types.ValidateDid(s)
		if err != nil {
			return
		}
		if len(s) > types.MaxDidLength || !strings.HasPrefix(s, types.DidMethodPrefix) || strings.ContainsAny(s[len(types.DidMethodPrefix):], "#/?: \x00") {
			t.Fatalf("accepted %q", s)
		}
		if did, frag, err := types.ParseDidURL(s + "#k"); err != nil || did != s || frag != "k" {
			t.Fatalf("valid DID %q does not make a DID URL: %v", s, err)
		}
	})
}

func FuzzParseDidURL(f *testing.F) {
	for _, s := range []string{
		testDid(1) + "#key-1", testDid(1), testDid(1) + "#", testDid(1) + "#a#b", testDid(1) + "/p#k",
		testDid(1) + "?q=1#k", "#k", "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66#aZ09._~-", testDid(1) + "#" + strings.Repeat("f", 65),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		did, frag, err := types.ParseDidURL(s)
		if err != nil {
			if did != "" || frag != "" {
				t.Fatalf("error with results for %q", s)
			}
			return
		}
		if did+"#"+frag != s || len(s) > types.MaxDidURLLength || frag == "" || len(frag) > types.MaxFragmentLength {
			t.Fatalf("ParseDidURL(%q) = %q, %q", s, did, frag)
		}
		if err := types.ValidateDid(did); err != nil {
			t.Fatalf("ParseDidURL(%q) returned an invalid DID: %v", s, err)
		}
	})
}

// FuzzValidateDocument feeds JSON documents (encoding/json into DidDocument):
// ValidateDocument must never panic, and an accepted document must survive a
// protobuf round trip, still validate and render as W3C JSON.
func FuzzValidateDocument(f *testing.F) {
	seeds := []types.DidDocument{fullDocument(f), selfDocument(2), atBounds(f), {}, {Id: testDid(1)}}
	bad := fullDocument(f)
	bad.Authentication = append(bad.Authentication, bad.Id+"#nope")
	seeds = append(seeds, bad)
	bad = fullDocument(f)
	bad.VerificationMethod[3].PublicKeyJwk.Y = bad.VerificationMethod[3].PublicKeyJwk.X
	seeds = append(seeds, bad)
	bad = fullDocument(f)
	bad.VerificationMethod[0].PublicKeyMultibase = "z" + strings.Repeat("1", 40)
	seeds = append(seeds, bad)
	for _, d := range seeds {
		bz, err := json.Marshal(d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(bz)
	}
	f.Add([]byte(`{"id":"did:civic:zzzzzzzzzzzzzzzzzzzzzz","verification_method":[{"id":"did:civic:zzzzzzzzzzzzzzzzzzzzzz#a","type":"JsonWebKey2020","controller":"did:civic:zzzzzzzzzzzzzzzzzzzzzz","public_key_jwk":{"kty":"EC","crv":"P-256","x":"","y":""}}],"authentication":["did:civic:zzzzzzzzzzzzzzzzzzzzzz#a"]}`))
	f.Add([]byte(`{"id":"did:civic:zzzzzzzzzzzzzzzzzzzzzz","verification_method":[{"id":"did:civic:zzzzzzzzzzzzzzzzzzzzzz#a","type":"EcdsaSecp256k1VerificationKey2019","controller":"did:civic:zzzzzzzzzzzzzzzzzzzzzz","public_key_multibase":"z"}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"controller":[""],"service":[{"service_endpoint":[]}]}`))

	f.Fuzz(func(t *testing.T, bz []byte) {
		var d types.DidDocument
		if err := json.Unmarshal(bz, &d); err != nil {
			return
		}
		if err := types.ValidateDocument(d, int(types.MaxMaxDocumentBytes), ac); err != nil {
			return
		}
		pb, err := d.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		var back types.DidDocument
		if err := back.Unmarshal(pb); err != nil {
			t.Fatal(err)
		}
		if err := types.ValidateDocument(back, int(types.MaxMaxDocumentBytes), ac); err != nil {
			t.Fatalf("accepted document fails after a protobuf round trip: %v", err)
		}
		out, err := types.DocumentJSON(d, "civic-local-1")
		if err != nil {
			t.Fatalf("accepted document does not render: %v", err)
		}
		var obj map[string]any
		if err := json.Unmarshal(out, &obj); err != nil {
			t.Fatalf("bad JSON %s: %v", out, err)
		}
		checkW3CDocument(t, obj)
		for _, vm := range d.VerificationMethod {
			// VerifyProof must not panic on any accepted key.
			_ = types.VerifyProof(vm, []byte("x"), make([]byte, types.ProofSignatureLength))
		}
	})
}

func FuzzBase58(f *testing.F) {
	for _, s := range []string{"", "1", "11z", "2NEpo7TZRRrLZSi2U", "0", strings.Repeat("z", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 512 {
			return
		}
		b, ok := types.Base58Decode(s)
		if !ok {
			return
		}
		if enc := types.Base58Encode(b); enc != s {
			t.Fatalf("decode(%q) = %x encodes to %q", s, b, enc)
		}
	})
}

func FuzzSchemaFields(f *testing.F) {
	for _, s := range []string{"1.2.3", "01.2.3", "name", "https://x", strings.Repeat("a", 64), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = types.ValidateSchemaName(s)
		if types.ValidateSchemaVersion(s) == nil && (strings.Count(s, ".") != 2 || len(s) > types.MaxSchemaVersionLength) {
			t.Fatalf("accepted version %q", s)
		}
		_ = types.ValidateDigest("d", s)
		_ = types.ValidateLocator("l", s)
	})
}

package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/client/cli"
	"github.com/civicchain/civic/x/did/types"
)

const (
	did  = "did:civic:7Nq3fJtM1xXkZ4m9v2Wc8R"
	addr = "civic1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjn2xl2"
)

func TestParseDocument(t *testing.T) {
	doc, err := cli.ParseDocument([]byte(`{
  "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1"],
  "id": "`+did+`",
  "controller": ["`+did+`", "did:pkh:cosmos:civic-test-1:`+addr+`", "`+addr+`"],
  "verificationMethod": [
    {"id": "#key-1", "type": "Ed25519VerificationKey2020", "controller": "`+did+`", "publicKeyMultibase": "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
    {"id": "`+did+`#key-2", "type": "JsonWebKey2020", "controller": "`+did+`", "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}
  ],
  "authentication": ["#key-1"],
  "assertionMethod": ["`+did+`#key-2"],
  "keyAgreement": [],
  "capabilityInvocation": ["#key-1"],
  "capabilityDelegation": ["#key-1"],
  "service": [
    {"id": "#files", "type": "LinkedDomains", "serviceEndpoint": "https://mfds.go.kr"},
    {"id": "#hub", "type": "DIDCommMessaging", "serviceEndpoint": ["https://a.example", "https://b.example"]}
  ],
  "alsoKnownAs": ["https://mfds.go.kr"]
}`), "civic-test-1")
	require.NoError(t, err)
	require.Equal(t, types.DidDocument{
		Id:         did,
		Controller: []string{did, addr, addr},
		VerificationMethod: []types.VerificationMethod{
			{Id: did + "#key-1", Type: "Ed25519VerificationKey2020", Controller: did, PublicKeyMultibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"},
			{Id: did + "#key-2", Type: "JsonWebKey2020", Controller: did, PublicKeyJwk: &types.Jwk{Kty: "OKP", Crv: "Ed25519", X: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}},
		},
		Authentication:       []string{did + "#key-1"},
		AssertionMethod:      []string{did + "#key-2"},
		CapabilityInvocation: []string{did + "#key-1"},
		CapabilityDelegation: []string{did + "#key-1"},
		Service: []types.Service{
			{Id: did + "#files", Type: "LinkedDomains", ServiceEndpoint: []string{"https://mfds.go.kr"}},
			{Id: did + "#hub", Type: "DIDCommMessaging", ServiceEndpoint: []string{"https://a.example", "https://b.example"}},
		},
		AlsoKnownAs: []string{"https://mfds.go.kr"},
	}, doc)

	// a single controller may be a string
	doc, err = cli.ParseDocument([]byte(`{"id":"`+did+`","controller":"`+addr+`"}`), "")
	require.NoError(t, err)
	require.Equal(t, []string{addr}, doc.Controller)
}

func TestParseDocumentRejects(t *testing.T) {
	cases := map[string]string{
		`{"id":"` + did + `","publicKeyBase58":"x"}`:                                                          "unknown field",
		`{"controller":"` + addr + `"}`:                                                                       "no id",
		`{"id":"` + did + `","authentication":[{"id":"#k","type":"Ed25519VerificationKey2020"}]}`:             "embedded verification methods",
		`{"id":"` + did + `","service":[{"id":"#s","type":"X","serviceEndpoint":{"origins":["https://a"]}}]}`: "a string or an array of strings",
		`{"id":"` + did + `","service":[{"id":"#s","type":"X"}]}`:                                             "no serviceEndpoint",
		`{"id":"` + did + `","verificationMethod":[{"id":"#k","type":"Ed25519VerificationKey2020"}]}`:         "has no controller",
		`{"id":"` + did + `","controller":"did:pkh:cosmos:other-1:` + addr + `"}`:                             "names chain \"other-1\"",
		`{"id":"` + did + `","controller":"did:pkh:cosmos:` + addr + `"}`:                                     "is not did:pkh:cosmos",
		`{"id":"` + did + `"} {}`: "trailing data",
		`[1]`:                     "not a W3C JSON DID document",
	}
	for in, want := range cases {
		_, err := cli.ParseDocument([]byte(in), "civic-test-1")
		require.ErrorContains(t, err, want, in)
	}
}

func TestReadDocumentFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "did.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"id":"`+did+`","controller":"`+addr+`"}`), 0o600))
	doc, err := cli.ReadDocumentFile(p, "")
	require.NoError(t, err)
	require.Equal(t, did, doc.Id)

	big := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(big, make([]byte, 1<<20+1), 0o600))
	_, err = cli.ReadDocumentFile(big, "")
	require.ErrorContains(t, err, "larger than")

	_, err = cli.ReadDocumentFile(filepath.Join(dir, "missing.json"), "")
	require.Error(t, err)
}

func TestParseStatusChanges(t *testing.T) {
	got, err := cli.ParseStatusChanges([]string{"94567=1", "1203=1,88=0", " 5 = 0 ,"})
	require.NoError(t, err)
	require.Equal(t, []types.StatusChange{{Index: 94567, Value: true}, {Index: 1203, Value: true}, {Index: 88}, {Index: 5}}, got)

	for in, want := range map[string]string{
		"5":       "is not index=0 or index=1",
		"x=1":     "is not an unsigned integer",
		"-1=1":    "is not an unsigned integer",
		"5=2":     "is not 0 or 1",
		"5=true":  "is not 0 or 1",
		"5=1,5=0": "index 5 is changed twice",
		",":       "no status change",
	} {
		_, err := cli.ParseStatusChanges([]string{in})
		require.ErrorContains(t, err, want, in)
	}
}

func TestParseProofs(t *testing.T) {
	got, err := cli.ParseProofs([]string{did + "#key-1=AAEC/w==", did + "#key-2=AAEC_w"})
	require.NoError(t, err)
	require.Equal(t, []types.DidProof{
		{VerificationMethod: did + "#key-1", Signature: []byte{0, 1, 2, 255}},
		{VerificationMethod: did + "#key-2", Signature: []byte{0, 1, 2, 255}},
	}, got)
	for _, in := range []string{did + "#key-1", "=AAEC", did + "#key-1=", did + "#key-1=!!"} {
		_, err := cli.ParseProofs([]string{in})
		require.Error(t, err, in)
	}
}

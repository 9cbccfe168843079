package types_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

// W3C DID Core syntax (section 3.1) of a DID and of a DID URL with a fragment.
var (
	w3cDidRe    = regexp.MustCompile(`^did:[a-z0-9]+:(?:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})*:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$`)
	w3cDidURLRe = regexp.MustCompile(`^did:[a-z0-9]+:[^#/?]+#[A-Za-z0-9._~!$&'()*+,;=:@/?%-]+$`)
	w3cURIRe    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:\S+$`)
	// DID Core 7.3.1: an XML datetime normalised to UTC, without sub-second decimals.
	w3cTimeRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
)

const testChainID = "civic-local-1"

func fullResolution(t testing.TB) types.DidResolution {
	d := fullDocument(t)
	created := time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.FixedZone("KST", 9*3600))
	return types.DidResolution{
		DidDocument: &d,
		DidDocumentMetadata: types.DidDocumentMetadata{
			Created:           created,
			Updated:           created.Add(48 * time.Hour),
			VersionId:         "2",
			PreviousVersionId: "1",
			NextVersionId:     "3",
		},
		DidResolutionMetadata: types.DidResolutionMetadata{ContentType: types.ContentTypeDidJSON},
	}
}

func decodeObject(t *testing.T, bz []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(bz, &m), string(bz))
	return m
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func requireString(t *testing.T, v any, what string) string {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "%s is %T, want a string", what, v)
	require.NotEmpty(t, s, "%s is an empty string", what)
	return s
}

// requireStrings accepts an array of non-empty strings.
func requireStrings(t *testing.T, v any, what string) []string {
	t.Helper()
	arr, ok := v.([]any)
	require.True(t, ok, "%s is %T, want an array", what, v)
	require.NotEmpty(t, arr, "%s is an empty array", what)
	out := make([]string, len(arr))
	for i, e := range arr {
		out[i] = requireString(t, e, what)
	}
	return out
}

// requireStringOrStrings accepts a string or a non-empty array of strings
// (DID Core: "a string or a set of strings").
func requireStringOrStrings(t *testing.T, v any, what string) []string {
	t.Helper()
	if s, ok := v.(string); ok {
		require.NotEmpty(t, s, what)
		return []string{s}
	}
	return requireStrings(t, v, what)
}

// requireNoNullOrEmpty walks a JSON value: no nulls, no empty strings, arrays or objects.
func requireNoNullOrEmpty(t *testing.T, v any, path string) {
	t.Helper()
	switch x := v.(type) {
	case nil:
		t.Fatalf("%s is null", path)
	case string:
		require.NotEmpty(t, x, "%s is an empty string", path)
	case []any:
		require.NotEmpty(t, x, "%s is an empty array", path)
		for i, e := range x {
			requireNoNullOrEmpty(t, e, path+"["+strconv.Itoa(i)+"]")
		}
	case map[string]any:
		require.NotEmpty(t, x, "%s is an empty object", path)
		for k, e := range x {
			requireNoNullOrEmpty(t, e, path+"."+k)
		}
	}
}

// checkW3CDocument checks a didDocument against the W3C DID Core JSON
// representation (sections 4, 5 and 6.2) as far as this method uses it.
func checkW3CDocument(t *testing.T, doc map[string]any) {
	t.Helper()
	requireNoNullOrEmpty(t, doc, "didDocument")
	allowed := map[string]bool{
		"@context": true, "id": true, "alsoKnownAs": true, "controller": true, "verificationMethod": true,
		"authentication": true, "assertionMethod": true, "keyAgreement": true,
		"capabilityInvocation": true, "capabilityDelegation": true, "service": true,
	}
	for k := range doc {
		require.True(t, allowed[k], "unexpected property %q", k)
	}

	ctx := requireStringOrStrings(t, doc["@context"], "@context")
	require.Equal(t, "https://www.w3.org/ns/did/v1", ctx[0], "the DID context comes first")
	for _, c := range ctx {
		require.Regexp(t, w3cURIRe, c)
	}

	id := requireString(t, doc["id"], "id")
	require.Regexp(t, w3cDidRe, id)

	if c, ok := doc["controller"]; ok {
		for _, ctrl := range requireStringOrStrings(t, c, "controller") {
			require.Regexp(t, w3cDidRe, ctrl, "every controller is a DID")
		}
	}

	vmIDs := map[string]bool{}
	if v, ok := doc["verificationMethod"]; ok {
		arr, ok := v.([]any)
		require.True(t, ok, "verificationMethod is %T, want an array", v)
		for _, e := range arr {
			vm, ok := e.(map[string]any)
			require.True(t, ok, "verificationMethod entry is %T, want an object", e)
			for k := range vm {
				require.Contains(t, []string{"id", "type", "controller", "publicKeyMultibase", "publicKeyJwk"}, k)
			}
			vmID := requireString(t, vm["id"], "verificationMethod.id")
			require.Regexp(t, w3cDidURLRe, vmID)
			require.False(t, vmIDs[vmID], "verificationMethod ids are unique")
			vmIDs[vmID] = true
			requireString(t, vm["type"], "verificationMethod.type")
			require.Regexp(t, w3cDidRe, requireString(t, vm["controller"], "verificationMethod.controller"))
			_, hasMB := vm["publicKeyMultibase"]
			_, hasJWK := vm["publicKeyJwk"]
			require.True(t, hasMB != hasJWK, "exactly one of publicKeyMultibase, publicKeyJwk")
			if hasMB {
				mb := requireString(t, vm["publicKeyMultibase"], "publicKeyMultibase")
				require.Equal(t, byte('z'), mb[0])
			}
			if hasJWK {
				jwk, ok := vm["publicKeyJwk"].(map[string]any)
				require.True(t, ok, "publicKeyJwk is %T, want an object", vm["publicKeyJwk"])
				for k, val := range jwk {
					require.Contains(t, []string{"kty", "crv", "x", "y", "kid"}, k, "no private key members (d) or others")
					requireString(t, val, "publicKeyJwk."+k)
				}
				requireString(t, jwk["kty"], "publicKeyJwk.kty")
				requireString(t, jwk["crv"], "publicKeyJwk.crv")
				requireString(t, jwk["x"], "publicKeyJwk.x")
			}
		}
	}

	for _, rel := range []string{"authentication", "assertionMethod", "keyAgreement", "capabilityInvocation", "capabilityDelegation"} {
		v, ok := doc[rel]
		if !ok {
			continue
		}
		for _, ref := range requireStrings(t, v, rel) {
			require.Regexp(t, w3cDidURLRe, ref)
			require.True(t, vmIDs[ref], "%s entry %s references a verification method of the document", rel, ref)
		}
	}

	if v, ok := doc["service"]; ok {
		arr, ok := v.([]any)
		require.True(t, ok, "service is %T, want an array", v)
		for _, e := range arr {
			s, ok := e.(map[string]any)
			require.True(t, ok, "service entry is %T, want an object", e)
			require.ElementsMatch(t, []string{"id", "type", "serviceEndpoint"}, keys(s))
			require.Regexp(t, w3cURIRe, requireString(t, s["id"], "service.id"))
			requireStringOrStrings(t, s["type"], "service.type")
			for _, ep := range requireStringOrStrings(t, s["serviceEndpoint"], "service.serviceEndpoint") {
				require.Regexp(t, w3cURIRe, ep)
			}
		}
	}

	if v, ok := doc["alsoKnownAs"]; ok {
		for _, u := range requireStrings(t, v, "alsoKnownAs") {
			require.Regexp(t, w3cURIRe, u)
		}
	}
}

func TestResolutionJSONW3CShape(t *testing.T) {
	bz, err := types.ResolutionJSON(fullResolution(t), testChainID)
	require.NoError(t, err)
	res := decodeObject(t, bz)
	require.Equal(t, []string{"@context", "didDocument", "didDocumentMetadata", "didResolutionMetadata"}, keys(res))
	require.Equal(t, "https://w3id.org/did-resolution/v1", res["@context"])

	doc, ok := res["didDocument"].(map[string]any)
	require.True(t, ok, "didDocument is %T", res["didDocument"])
	checkW3CDocument(t, doc)
	// The full document uses every property.
	require.Equal(t, []string{"@context", "alsoKnownAs", "assertionMethod", "authentication", "capabilityDelegation",
		"capabilityInvocation", "controller", "id", "keyAgreement", "service", "verificationMethod"}, keys(doc))

	meta, ok := res["didDocumentMetadata"].(map[string]any)
	require.True(t, ok)
	require.Equal(t, []string{"created", "nextVersionId", "previousVersionId", "updated", "versionId"}, keys(meta))
	for _, k := range []string{"created", "updated"} {
		s := requireString(t, meta[k], k)
		require.Regexp(t, w3cTimeRe, s)
		_, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
	}
	require.Equal(t, "2026-03-01T00:30:15Z", meta["created"], "UTC, seconds precision")
	require.Equal(t, "2026-03-03T00:30:15Z", meta["updated"])
	for _, k := range []string{"versionId", "previousVersionId", "nextVersionId"} {
		requireString(t, meta[k], k)
	}

	rmeta, ok := res["didResolutionMetadata"].(map[string]any)
	require.True(t, ok)
	require.Equal(t, map[string]any{"contentType": "application/did+json"}, rmeta)
}

func TestDocumentJSONEqualsResolutionDocument(t *testing.T) {
	r := fullResolution(t)
	docBz, err := types.DocumentJSON(*r.DidDocument, testChainID)
	require.NoError(t, err)
	checkW3CDocument(t, decodeObject(t, docBz))
	resBz, err := types.ResolutionJSON(r, testChainID)
	require.NoError(t, err)
	var res struct {
		DidDocument json.RawMessage `json:"didDocument"`
	}
	require.NoError(t, json.Unmarshal(resBz, &res))
	require.JSONEq(t, string(docBz), string(res.DidDocument))
	require.Contains(t, string(resBz), string(docBz), "rendered identically inside the resolution")
}

func TestDocumentJSONGolden(t *testing.T) {
	d := selfDocument(1)
	d.Controller = []string{testAccount(1)}
	d.Service = []types.Service{{Id: d.Id + "#hub", Type: "LinkedDomains", ServiceEndpoint: []string{"https://example.go.kr"}}}
	bz, err := types.DocumentJSON(d, testChainID)
	require.NoError(t, err)
	want := `{"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/suites/ed25519-2020/v1"],` +
		`"id":"` + d.Id + `","controller":"did:pkh:cosmos:civic-local-1:` + testAccount(1) + `",` +
		`"verificationMethod":[{"id":"` + d.Id + `#key-1","type":"Ed25519VerificationKey2020","controller":"` + d.Id + `","publicKeyMultibase":"` + types.Ed25519Multibase(edPub(1)) + `"}],` +
		`"authentication":["` + d.Id + `#key-1"],` +
		`"service":[{"id":"` + d.Id + `#hub","type":"LinkedDomains","serviceEndpoint":"https://example.go.kr"}]}`
	require.Equal(t, want, string(bz))

	// Deterministic.
	for i := 0; i < 5; i++ {
		again, err := types.DocumentJSON(d, testChainID)
		require.NoError(t, err)
		require.Equal(t, bz, again)
	}
}

func TestDocumentJSONDetails(t *testing.T) {
	full := fullDocument(t)
	bz, err := types.DocumentJSON(full, testChainID)
	require.NoError(t, err)
	doc := decodeObject(t, bz)

	// All three suites, in the fixed order.
	require.Equal(t, []any{types.ContextDidV1, types.ContextEd25519_2020, types.ContextJWS2020, types.ContextSecp256k1_2019}, doc["@context"])
	// Several controllers: an array, the account as did:pkh.
	require.Equal(t, []any{full.Id, "did:pkh:cosmos:civic-local-1:" + testAccount(7), testDid(2)}, doc["controller"])
	// One endpoint: a string; several: an array.
	svc := doc["service"].([]any)
	require.Equal(t, "https://example.go.kr", svc[0].(map[string]any)["serviceEndpoint"])
	require.Equal(t, []any{"https://a.example/inbox", "https://inbox.example.go.kr/didcomm"}, svc[1].(map[string]any)["serviceEndpoint"])
	// JWK members: kty, crv, x, y, kid in that order, y and kid only when set.
	require.Contains(t, string(bz), `"publicKeyJwk":{"kty":"EC","crv":"P-256","x":"`)
	require.Contains(t, string(bz), `","kid":"p256-1"}`)
	require.Contains(t, string(bz), `"publicKeyJwk":{"kty":"OKP","crv":"Ed25519","x":"`+types.Ed25519JWK(edPub(5)).X+`"}`)

	// Only the suites in use.
	jwkOnly := types.DidDocument{Id: full.Id, Controller: []string{testDid(2)}, VerificationMethod: []types.VerificationMethod{full.VerificationMethod[3]}}
	bz, err = types.DocumentJSON(jwkOnly, "")
	require.NoError(t, err)
	require.Equal(t, []any{types.ContextDidV1, types.ContextJWS2020}, decodeObject(t, bz)["@context"])

	// A bare document: only @context and id; the controller is a string.
	bz, err = types.DocumentJSON(types.DidDocument{Id: full.Id}, "")
	require.NoError(t, err)
	require.Equal(t, `{"@context":["https://www.w3.org/ns/did/v1"],"id":"`+full.Id+`"}`, string(bz))

	// An account controller needs the chain id.
	_, err = types.DocumentJSON(types.DidDocument{Id: full.Id, Controller: []string{testAccount(1)}}, "")
	require.ErrorIs(t, err, types.ErrInvalidDocument)
	_, err = types.ResolutionJSON(types.DidResolution{DidDocument: &types.DidDocument{Id: full.Id, Controller: []string{testAccount(1)}}}, "")
	require.ErrorIs(t, err, types.ErrInvalidDocument)
}

func TestResolutionJSONFailureAndDeactivated(t *testing.T) {
	bz, err := types.ResolutionJSON(types.DidResolution{
		DidResolutionMetadata: types.DidResolutionMetadata{Error: "notFound", ErrorMessage: "DID " + testDid(1) + " not found"},
	}, testChainID)
	require.NoError(t, err)
	require.Equal(t, `{"@context":"https://w3id.org/did-resolution/v1","didDocument":null,"didDocumentMetadata":{},`+
		`"didResolutionMetadata":{"error":"notFound","errorMessage":"DID `+testDid(1)+` not found"}}`, string(bz))

	r := fullResolution(t)
	r.DidDocumentMetadata.Deactivated = true
	r.DidDocumentMetadata.NextVersionId = ""
	r.DidResolutionMetadata.ContentType = ""
	bz, err = types.ResolutionJSON(r, testChainID)
	require.NoError(t, err)
	res := decodeObject(t, bz)
	meta := res["didDocumentMetadata"].(map[string]any)
	require.Equal(t, true, meta["deactivated"])
	require.NotContains(t, meta, "nextVersionId")
	require.Equal(t, "application/did+json", res["didResolutionMetadata"].(map[string]any)["contentType"], "defaulted when a document is returned")
	checkW3CDocument(t, res["didDocument"].(map[string]any))

	// deactivated:false is omitted; so are unset timestamps.
	r = fullResolution(t)
	r.DidDocumentMetadata.Created = time.Time{}
	r.DidDocumentMetadata.Updated = time.Unix(0, 0)
	bz, err = types.ResolutionJSON(r, testChainID)
	require.NoError(t, err)
	meta = decodeObject(t, bz)["didDocumentMetadata"].(map[string]any)
	require.NotContains(t, meta, "deactivated")
	require.NotContains(t, meta, "created")
	require.NotContains(t, meta, "updated")
}

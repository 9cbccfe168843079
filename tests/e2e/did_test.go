package e2e

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/bits"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
)

// The x/did worked example of x/did/README.md ("Worked example") and of the
// README's x/did section, run through the real civicd against a chain built
// from config.yml: the Ministry of the Interior and Safety (agency mois, role
// did.issuer) creates an issuer DID, updates it, resolves the old version,
// registers a credential schema, binds the DID as its issuer, grants it the
// schema, publishes a revocation list, revokes an index, checks the status and
// deactivates the DID. Between the steps it checks the refusals (stale
// version, non-controller, missing role, a member's key swap of the bound DID,
// un-revoking, writes after deactivation), resolution by versionId and
// versionTime, and the representations the Accept header selects.

const (
	didCodespace = "did"
	didAgency    = "mois"
	didAdmin     = "mois-admin"  // agency admin: binds the issuer, grants schemas
	didIssuer    = "mois-issuer" // did.issuer member: creates the DID, schemas, status lists
	revokedIndex = 94567         // the credential index the example revokes
)

// w3cResolution is the W3C DID Resolution JSON of GET /civic/did/v1/identifiers/{did}.
type w3cResolution struct {
	DidDocument           map[string]json.RawMessage `json:"didDocument"`
	DidDocumentMetadata   map[string]json.RawMessage `json:"didDocumentMetadata"`
	DidResolutionMetadata map[string]json.RawMessage `json:"didResolutionMetadata"`
}

func (r w3cResolution) docString(t *testing.T, key string) string {
	t.Helper()
	return rawString(t, "didDocument."+key, r.DidDocument[key])
}

func (r w3cResolution) metaString(t *testing.T, key string) string {
	t.Helper()
	return rawString(t, "didDocumentMetadata."+key, r.DidDocumentMetadata[key])
}

func rawString(t *testing.T, what string, raw json.RawMessage) string {
	t.Helper()
	if raw == nil {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s is not a string: %s", what, raw)
	}
	return s
}

func rawStrings(t *testing.T, what string, raw json.RawMessage) []string {
	t.Helper()
	if raw == nil {
		return nil
	}
	var s []string
	if err := json.Unmarshal(raw, &s); err != nil {
		// W3C allows a single string where a set is expected (controller).
		var one string
		if json.Unmarshal(raw, &one) == nil {
			return []string{one}
		}
		t.Fatalf("%s is not a list of strings: %s", what, raw)
	}
	return s
}

// didExample is the state the steps of the worked example share.
type didExample struct {
	did       string
	key1      ed25519.PublicKey
	key2      ed25519.PublicKey
	schemaID  string
	listID    string
	created   string // didDocumentMetadata.created of version 1
	versionV2 string
}

func TestDid(t *testing.T) {
	c, run := startExample(t, "did e2e")
	ex := &didExample{}
	run("create DID", func(t *testing.T) { didCreate(t, c, ex) })
	run("update DID", func(t *testing.T) { didUpdate(t, c, ex) })
	run("resolve old version over REST", func(t *testing.T) { didResolveOld(t, c, ex) })
	run("resolution errors", func(t *testing.T) { didResolutionErrors(t, c) })
	run("register schema", func(t *testing.T) { didRegisterSchema(t, c, ex) })
	run("bind issuer and grant schema", func(t *testing.T) { didBindAndGrant(t, c, ex) })
	run("publish status list and revoke", func(t *testing.T) { didStatusList(t, c, ex) })
	run("deactivate", func(t *testing.T) { didDeactivate(t, c, ex) })
	run("privacy scan", func(t *testing.T) { privacyScan(t, c) })
}

// didKey is a deterministic Ed25519 public key for the test.
func didKey(label string) ed25519.PublicKey {
	seed := sha256.Sum256([]byte("civic-e2e-did/" + label))
	return ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
}

// multibaseEd25519 is the publicKeyMultibase of an Ed25519VerificationKey2020:
// 'z' + base58btc(0xed 0x01 || key), spelled out here rather than taken from
// x/did/types so that the test checks the encoding the chain expects.
func multibaseEd25519(pub ed25519.PublicKey) string {
	return "z" + didtypes.Base58Encode(append([]byte{0xed, 0x01}, pub...))
}

// pkh is how the W3C JSON spells an account controller.
func (c *chain) pkh(account string) string {
	return "did:pkh:cosmos:" + c.Net.ChainID + ":" + c.addr(account)
}

// w3cDocument is a DID document in W3C JSON, as `civicd tx did create` reads it.
// With services it also has a service endpoint and spells the account
// controllers as the resolver renders them (did:pkh), as a client editing a
// resolved document sends it back.
func (c *chain) w3cDocument(did string, keys []ed25519.PublicKey, services bool) map[string]any {
	var vms []map[string]any
	var refs []string
	for i, k := range keys {
		id := fmt.Sprintf("%s#key-%d", did, i+1)
		vms = append(vms, map[string]any{
			"id":                 id,
			"type":               "Ed25519VerificationKey2020",
			"controller":         did,
			"publicKeyMultibase": multibaseEd25519(k),
		})
		refs = append(refs, id)
	}
	doc := map[string]any{
		"@context":           []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2020/v1"},
		"id":                 did,
		"controller":         []string{c.addr(didAdmin), c.addr(didIssuer)}, // account controllers in bech32
		"verificationMethod": vms,
		"authentication":     refs[:1],
		"assertionMethod":    refs,
	}
	if services {
		doc["controller"] = []string{c.pkh(didAdmin), c.pkh(didIssuer)}
		doc["service"] = []map[string]any{{
			"id":              did + "#credentials",
			"type":            "CredentialRegistry",
			"serviceEndpoint": "https://credentials.mois.go.kr/issuer",
		}}
	}
	return doc
}

func didCreate(t *testing.T, c *chain, ex *didExample) {
	// A random (version 4) UUID as the method-specific id, as the README's
	// example makes it; the bench's did-create uses the base58 form.
	u := sha256.Sum256([]byte("civic-e2e-did/" + strconv.FormatInt(time.Now().UnixNano(), 10)))
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:16])
	ex.did = "did:civic:" + h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	ex.key1 = didKey("key-1")

	path := writeJSON(t, "did-v1.json", c.w3cDocument(ex.did, []ed25519.PublicKey{ex.key1}, false))
	res := c.tx(didIssuer, "tx", "did", "create", path)
	mustEqual(t, "EventDidCreated.did", res.attr("civic.did.v1.EventDidCreated", "did"), ex.did)
	mustEqual(t, "EventDidCreated.version_id", res.attr("civic.did.v1.EventDidCreated", "version_id"), "1")
	mustEqual(t, "EventDidCreated.signer", res.attr("civic.did.v1.EventDidCreated", "signer"), c.addr(didIssuer))

	// Creating it again fails: the DID exists.
	again := c.txFixedGas(didIssuer, 400000, "tx", "did", "create", path)
	mustRejectDid(t, "second create", again, didtypes.ErrDidExists.ABCICode())

	var r w3cResolution
	c.restGet("/civic/did/v1/identifiers/"+ex.did, &r)
	mustEqual(t, "latest versionId after create", r.metaString(t, "versionId"), "1")
	ex.created = r.metaString(t, "created")
	if ex.created == "" {
		t.Fatalf("didDocumentMetadata has no created: %v", r.DidDocumentMetadata)
	}
}

func didUpdate(t *testing.T, c *chain, ex *didExample) {
	ex.key2 = didKey("key-2")
	path := writeJSON(t, "did-v2.json", c.w3cDocument(ex.did, []ed25519.PublicKey{ex.key1, ex.key2}, true))

	// An account that is no controller may not update.
	res := c.txFixedGas("citizen", 400000, "tx", "did", "update", path, "1")
	mustRejectDid(t, "update by a non-controller", res, didtypes.ErrNotController.ABCICode())

	res = c.tx(didIssuer, "tx", "did", "update", path, "1")
	mustEqual(t, "EventDidUpdated.version_id", res.attr("civic.did.v1.EventDidUpdated", "version_id"), "2")
	mustEqual(t, "EventDidUpdated.previous_version_id", res.attr("civic.did.v1.EventDidUpdated", "previous_version_id"), "1")
	ex.versionV2 = "2"

	// The did:pkh controllers of the update are stored as bech32.
	var latest struct {
		Resolution struct {
			DidDocument struct {
				Controller []string `json:"controller"`
			} `json:"did_document"`
		} `json:"resolution"`
	}
	c.restGet("/civic/did/v1/resolve/"+ex.did, &latest)
	mustEqualSlices(t, "controllers stored by the update", latest.Resolution.DidDocument.Controller, []string{c.addr(didAdmin), c.addr(didIssuer)})

	// Replaying the update against version 1 is stale now.
	res = c.txFixedGas(didIssuer, 400000, "tx", "did", "update", path, "1")
	mustRejectDid(t, "stale update", res, didtypes.ErrStaleVersion.ABCICode())
}

func didResolveOld(t *testing.T, c *chain, ex *didExample) {
	// W3C JSON, version 1.
	status, body := c.restRaw("/civic/did/v1/identifiers/" + ex.did + "?versionId=1")
	if status != http.StatusOK {
		t.Fatalf("GET identifiers/%s?versionId=1: %d %s", ex.did, status, body)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		t.Fatalf("W3C resolution is not JSON: %v\n%s", err, body)
	}
	for _, k := range []string{"didDocument", "didDocumentMetadata", "didResolutionMetadata"} {
		if _, ok := top[k]; !ok {
			t.Fatalf("W3C resolution has no %q: %s", k, body)
		}
	}
	var v1 w3cResolution
	if err := json.Unmarshal(body, &v1); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "v1 id", v1.docString(t, "id"), ex.did)
	if ctx := rawStrings(t, "@context", v1.DidDocument["@context"]); len(ctx) == 0 || ctx[0] != "https://www.w3.org/ns/did/v1" {
		t.Fatalf("v1 @context %v does not start with the DID v1 context", ctx)
	}
	mustEqualSlices(t, "v1 controller (did:pkh)", rawStrings(t, "controller", v1.DidDocument["controller"]),
		[]string{c.pkh(didAdmin), c.pkh(didIssuer)})
	var vms []map[string]any
	if err := json.Unmarshal(v1.DidDocument["verificationMethod"], &vms); err != nil || len(vms) != 1 {
		t.Fatalf("v1 verificationMethod: want one key, got %s (%v)", v1.DidDocument["verificationMethod"], err)
	}
	mustEqual(t, "v1 key id", vms[0]["id"], any(ex.did+"#key-1"))
	mustEqual(t, "v1 key type", vms[0]["type"], any("Ed25519VerificationKey2020"))
	mustEqual(t, "v1 key", vms[0]["publicKeyMultibase"], any(multibaseEd25519(ex.key1)))
	mustEqualSlices(t, "v1 authentication", rawStrings(t, "authentication", v1.DidDocument["authentication"]), []string{ex.did + "#key-1"})
	if _, ok := v1.DidDocument["service"]; ok {
		t.Fatalf("version 1 has no service, got %s", v1.DidDocument["service"])
	}
	mustEqual(t, "v1 versionId", v1.metaString(t, "versionId"), "1")
	mustEqual(t, "v1 nextVersionId", v1.metaString(t, "nextVersionId"), "2")
	mustEqual(t, "v1 created", v1.metaString(t, "created"), ex.created)
	mustEqual(t, "v1 previousVersionId", v1.metaString(t, "previousVersionId"), "")
	mustEqual(t, "v1 contentType", rawString(t, "contentType", v1.DidResolutionMetadata["contentType"]), "application/did+json")
	if e := rawString(t, "error", v1.DidResolutionMetadata["error"]); e != "" {
		t.Fatalf("v1 resolution error %q", e)
	}

	// The latest version, W3C JSON.
	var latest w3cResolution
	c.restGet("/civic/did/v1/identifiers/"+ex.did, &latest)
	mustEqual(t, "latest versionId", latest.metaString(t, "versionId"), "2")
	mustEqual(t, "latest previousVersionId", latest.metaString(t, "previousVersionId"), "1")
	mustEqual(t, "latest nextVersionId", latest.metaString(t, "nextVersionId"), "")
	mustEqual(t, "latest created", latest.metaString(t, "created"), ex.created)
	if latest.metaString(t, "updated") == "" {
		t.Fatal("latest version has no updated")
	}
	var svc []map[string]any
	if err := json.Unmarshal(latest.DidDocument["service"], &svc); err != nil || len(svc) != 1 || svc[0]["id"] != ex.did+"#credentials" {
		t.Fatalf("latest service: %s (%v)", latest.DidDocument["service"], err)
	}

	// The same version through the gRPC gateway (proto JSON, bech32 controllers).
	var gw struct {
		Resolution struct {
			DidDocument struct {
				ID                 string   `json:"id"`
				Controller         []string `json:"controller"`
				VerificationMethod []struct {
					ID                 string `json:"id"`
					Type               string `json:"type"`
					PublicKeyMultibase string `json:"public_key_multibase"`
				} `json:"verification_method"`
				Service []json.RawMessage `json:"service"`
			} `json:"did_document"`
			DidDocumentMetadata struct {
				VersionID     string `json:"version_id"`
				NextVersionID string `json:"next_version_id"`
				Deactivated   bool   `json:"deactivated"`
			} `json:"did_document_metadata"`
			DidResolutionMetadata struct {
				Error string `json:"error"`
			} `json:"did_resolution_metadata"`
		} `json:"resolution"`
	}
	c.restGet("/civic/did/v1/resolve/"+ex.did+"?version_id=1", &gw)
	r := gw.Resolution
	mustEqual(t, "gateway id", r.DidDocument.ID, ex.did)
	mustEqualSlices(t, "gateway controller (bech32)", r.DidDocument.Controller, []string{c.addr(didAdmin), c.addr(didIssuer)})
	if len(r.DidDocument.VerificationMethod) != 1 || r.DidDocument.VerificationMethod[0].PublicKeyMultibase != multibaseEd25519(ex.key1) {
		t.Fatalf("gateway verification_method: %+v", r.DidDocument.VerificationMethod)
	}
	mustEqual(t, "gateway services of v1", len(r.DidDocument.Service), 0)
	mustEqual(t, "gateway version_id", r.DidDocumentMetadata.VersionID, "1")
	mustEqual(t, "gateway next_version_id", r.DidDocumentMetadata.NextVersionID, "2")
	mustEqual(t, "gateway error", r.DidResolutionMetadata.Error, "")

	// DidVersions lists both, oldest first.
	var versions struct {
		Versions []struct {
			VersionID         string    `json:"version_id"`
			PreviousVersionID string    `json:"previous_version_id"`
			Updated           time.Time `json:"updated"`
			Signer            string    `json:"signer"`
			Deactivated       bool      `json:"deactivated"`
		} `json:"versions"`
	}
	c.restGet("/civic/did/v1/identifiers/"+ex.did+"/versions", &versions)
	if len(versions.Versions) != 2 || versions.Versions[0].VersionID != "1" || versions.Versions[1].VersionID != "2" ||
		versions.Versions[1].PreviousVersionID != "1" || versions.Versions[1].Signer != c.addr(didIssuer) {
		t.Fatalf("versions: %+v", versions.Versions)
	}

	// versionTime: the version that was the latest at that time (block times
	// of the two versions, and just before the first).
	v1At, v2At := versions.Versions[0].Updated, versions.Versions[1].Updated
	for _, tc := range []struct {
		at     time.Time
		status int
		want   string
	}{
		{v1At, http.StatusOK, "1"},
		{v2At.Add(-time.Nanosecond), http.StatusOK, "1"},
		{v2At, http.StatusOK, "2"},
		{v1At.Add(-time.Nanosecond), http.StatusNotFound, ""},
	} {
		q := url.Values{"versionTime": {tc.at.UTC().Format(time.RFC3339Nano)}}
		status, body := c.restRaw("/civic/did/v1/identifiers/" + ex.did + "?" + q.Encode())
		var r w3cResolution
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("versionTime %s: not JSON (%d): %s", tc.at, status, body)
		}
		mustEqual(t, "versionTime "+tc.at.Format(time.RFC3339Nano)+" status", status, tc.status)
		mustEqual(t, "versionTime "+tc.at.Format(time.RFC3339Nano)+" versionId", r.metaString(t, "versionId"), tc.want)
	}

	// And from the CLI (autocli), version 1.
	var cli struct {
		Resolution struct {
			DidDocumentMetadata struct {
				VersionID string `json:"version_id"`
			} `json:"did_document_metadata"`
		} `json:"resolution"`
	}
	c.queryJSON(&cli, "query", "did", "resolve", ex.did, "--version-id", "1")
	mustEqual(t, "CLI resolve --version-id 1", cli.Resolution.DidDocumentMetadata.VersionID, "1")
}

func didResolutionErrors(t *testing.T, c *chain) {
	for _, tc := range []struct {
		did, wantErr string
		wantStatus   int
	}{
		{"did:civic:" + strings.Repeat("z", 22), "notFound", http.StatusNotFound},
		{"did:civic:0OIl" + strings.Repeat("z", 20), "invalidDid", http.StatusBadRequest},
		{"did:example:123456789abcdefghijkmn", "invalidDid", http.StatusBadRequest},
	} {
		status, body := c.restRaw("/civic/did/v1/identifiers/" + url.PathEscape(tc.did))
		var r w3cResolution
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("%s: resolution is not JSON (%d): %s", tc.did, status, body)
		}
		mustEqual(t, tc.did+" HTTP status", status, tc.wantStatus)
		mustEqual(t, tc.did+" error", rawString(t, "error", r.DidResolutionMetadata["error"]), tc.wantErr)
		if len(r.DidDocument) != 0 {
			t.Fatalf("%s: a failed resolution has a didDocument: %s", tc.did, body)
		}
	}
	// The gateway route reports the error in the metadata too.
	var gw struct {
		Resolution struct {
			DidResolutionMetadata struct {
				Error string `json:"error"`
			} `json:"did_resolution_metadata"`
		} `json:"resolution"`
	}
	c.restGet("/civic/did/v1/resolve/did:civic:"+strings.Repeat("z", 22), &gw)
	mustEqual(t, "gateway notFound", gw.Resolution.DidResolutionMetadata.Error, "notFound")
}

func didRegisterSchema(t *testing.T, c *chain, ex *didExample) {
	digest := sha256Hex(`{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"ResidentCard"}`)
	res := c.tx(didIssuer, "tx", "did", "register-schema", "ResidentCard", "1.0.0", digest,
		"https://schemas.mois.go.kr/resident-card/1.0.0.json")
	ex.schemaID = res.attr("civic.did.v1.EventSchemaRegistered", "id")
	if ex.schemaID == "" {
		t.Fatalf("no id in EventSchemaRegistered: %+v", res.Events)
	}
	mustEqual(t, "schema agency", res.attr("civic.did.v1.EventSchemaRegistered", "agency_id"), didAgency)

	// x/agency's Authorize refuses the others: the admin manages members but
	// is none (ErrNotMember); a police investigator is a member without the
	// role (ErrRoleNotHeld, naming it).
	res = c.txFixedGas(didAdmin, 400000, "tx", "did", "register-schema", "ResidentCard", "2.0.0", digest,
		"https://schemas.mois.go.kr/resident-card/2.0.0.json")
	mustReject(t, "register-schema by the admin", res, agencytypes.ModuleName, agencytypes.ErrNotMember.ABCICode())
	res = c.txFixedGas("knpa-investigator", 400000, "tx", "did", "register-schema", "ResidentCard", "2.0.0", digest,
		"https://schemas.mois.go.kr/resident-card/2.0.0.json")
	mustReject(t, "register-schema without did.issuer", res, agencytypes.ModuleName, agencytypes.ErrRoleNotHeld.ABCICode())
	if !strings.Contains(res.RawLog, didtypes.RoleIssuer) {
		t.Fatalf("ErrRoleNotHeld does not name %s: %s", didtypes.RoleIssuer, res.RawLog)
	}

	var s struct {
		Schema struct {
			ID               string `json:"id"`
			AgencyID         string `json:"agency_id"`
			Name             string `json:"name"`
			Version          string `json:"version"`
			JSONSchemaDigest string `json:"json_schema_digest"`
			RegisteredBy     string `json:"registered_by"`
		} `json:"schema"`
	}
	c.restGet("/civic/did/v1/schemas/"+ex.schemaID, &s)
	mustEqual(t, "schema name", s.Schema.Name, "ResidentCard")
	mustEqual(t, "schema digest", s.Schema.JSONSchemaDigest, digest)
	mustEqual(t, "schema registered_by", s.Schema.RegisteredBy, c.addr(didIssuer))
}

type isTrusted struct {
	Trusted  bool   `json:"trusted"`
	Reason   string `json:"reason"`
	AgencyID string `json:"agency_id"`
	Height   string `json:"height"`
}

func didBindAndGrant(t *testing.T, c *chain, ex *didExample) {
	// The member is a controller of the DID but not the agency admin.
	res := c.txFixedGas(didIssuer, 400000, "tx", "did", "bind-issuer", didAgency, ex.did)
	mustRejectDid(t, "bind-issuer by a non-admin", res, didtypes.ErrNotAgencyAdmin.ABCICode())

	res = c.tx(didAdmin, "tx", "did", "bind-issuer", didAgency, ex.did)
	mustEqual(t, "EventIssuerBound.agency_id", res.attr("civic.did.v1.EventIssuerBound", "agency_id"), didAgency)

	var before isTrusted
	c.restGet("/civic/did/v1/issuers/"+ex.did+"/schemas/"+ex.schemaID, &before)
	if before.Trusted || before.Reason == "" {
		t.Fatalf("bound but not granted: want untrusted with a reason, got %+v", before)
	}

	res = c.tx(didAdmin, "tx", "did", "set-issuer-schemas", ex.did, "--grant", ex.schemaID)
	mustEqual(t, "EventIssuerSchemasChanged.did", res.attr("civic.did.v1.EventIssuerSchemasChanged", "did"), ex.did)

	var yes isTrusted
	c.restGet("/civic/did/v1/issuers/"+ex.did+"/schemas/"+ex.schemaID, &yes)
	if !yes.Trusted || yes.AgencyID != didAgency || yes.Reason != "" {
		t.Fatalf("IsTrustedIssuer after the grant: %+v", yes)
	}
	var cliYes isTrusted
	c.queryJSON(&cliYes, "query", "did", "is-trusted-issuer", ex.did, ex.schemaID)
	if !cliYes.Trusted {
		t.Fatalf("CLI is-trusted-issuer: %+v", cliYes)
	}

	// Bound, the DID follows the agency: the member, a controller with
	// did.issuer, may no longer swap its keys; only the admin may.
	path := writeJSON(t, "did-v3-rekeyed.json", c.w3cDocument(ex.did, []ed25519.PublicKey{ex.key2}, true))
	res = c.txFixedGas(didIssuer, 400000, "tx", "did", "update", path, ex.versionV2)
	mustRejectDid(t, "key swap of a bound DID by a member", res, didtypes.ErrNotAgencyAdmin.ABCICode())

	var issuers struct {
		Issuers []struct {
			Did      string `json:"did"`
			AgencyID string `json:"agency_id"`
			BoundBy  string `json:"bound_by"`
		} `json:"issuers"`
	}
	c.restGet("/civic/did/v1/schemas/"+ex.schemaID+"/issuers", &issuers)
	if len(issuers.Issuers) != 1 || issuers.Issuers[0].Did != ex.did || issuers.Issuers[0].BoundBy != c.addr(didAdmin) {
		t.Fatalf("TrustedIssuers(%s): %+v", ex.schemaID, issuers.Issuers)
	}
}

func didStatusList(t *testing.T, c *chain, ex *didExample) {
	const entries = didtypes.MinStatusListEntries
	res := c.tx(didIssuer, "tx", "did", "create-status-list", ex.did, "revocation", strconv.FormatUint(entries, 10))
	ex.listID = res.attr("civic.did.v1.EventStatusListCreated", "id")
	if ex.listID == "" {
		t.Fatalf("no id in EventStatusListCreated: %+v", res.Events)
	}

	idx := strconv.Itoa(revokedIndex)
	res = c.tx(didIssuer, "tx", "did", "status-update", ex.listID, idx+"=1")
	mustEqual(t, "EventStatusListUpdated.changed", res.attr("civic.did.v1.EventStatusListUpdated", "changed"), "1")
	mustEqual(t, "EventStatusListUpdated.set_count", res.attr("civic.did.v1.EventStatusListUpdated", "set_count"), "1")
	mustEqual(t, "EventStatusListUpdated.version", res.attr("civic.did.v1.EventStatusListUpdated", "version"), "2")

	type credStatus struct {
		Set         bool   `json:"set"`
		Purpose     string `json:"purpose"`
		IssuerDid   string `json:"issuer_did"`
		ListVersion string `json:"list_version"`
	}
	var revoked, other credStatus
	c.restGet("/civic/did/v1/status-lists/"+ex.listID+"/entries/"+idx, &revoked)
	if !revoked.Set || revoked.Purpose != "STATUS_PURPOSE_REVOCATION" || revoked.IssuerDid != ex.did || revoked.ListVersion != "2" {
		t.Fatalf("CredentialStatus(%s, %s): %+v", ex.listID, idx, revoked)
	}
	c.restGet("/civic/did/v1/status-lists/"+ex.listID+"/entries/"+strconv.Itoa(revokedIndex+1), &other)
	if other.Set {
		t.Fatalf("CredentialStatus(%s, %d) is set", ex.listID, revokedIndex+1)
	}
	var cliStatus credStatus
	c.queryJSON(&cliStatus, "query", "did", "credential-status", ex.listID, idx)
	if !cliStatus.Set {
		t.Fatalf("CLI credential-status: %+v", cliStatus)
	}
	if status, body := c.restRaw("/civic/did/v1/status-lists/" + ex.listID + "/entries/" + strconv.FormatUint(entries, 10)); status != http.StatusBadRequest && status != http.StatusNotFound {
		t.Fatalf("index = entries: want 400 or 404, got %d %s", status, body)
	}

	// The W3C encodedList: 'u' + base64url(GZIP(bitstring)), MSB first.
	var sl struct {
		StatusList struct {
			Entries  string `json:"entries"`
			SetCount string `json:"set_count"`
			Version  string `json:"version"`
			AgencyID string `json:"agency_id"`
		} `json:"status_list"`
		EncodedList string `json:"encoded_list"`
	}
	c.restGet("/civic/did/v1/status-lists/"+ex.listID, &sl)
	mustEqual(t, "status list entries", sl.StatusList.Entries, strconv.FormatUint(entries, 10))
	mustEqual(t, "status list set_count", sl.StatusList.SetCount, "1")
	mustEqual(t, "status list agency", sl.StatusList.AgencyID, didAgency)
	bitstring := decodeEncodedList(t, sl.EncodedList)
	if uint64(len(bitstring)) != entries/8 {
		t.Fatalf("encodedList inflates to %d bytes, want %d", len(bitstring), entries/8)
	}
	if bitstring[revokedIndex/8]&(0x80>>(revokedIndex%8)) == 0 {
		t.Fatalf("bit %d (byte %d, MSB first) is not set in encodedList", revokedIndex, revokedIndex/8)
	}
	var ones int
	for _, b := range bitstring {
		ones += bits.OnesCount8(b)
	}
	mustEqual(t, "set bits in encodedList", ones, 1)

	// A revocation is final: clearing the bit is refused and changes nothing.
	res = c.txFixedGas(didIssuer, 400000, "tx", "did", "status-update", ex.listID, idx+"=0")
	mustRejectDid(t, "un-revoke", res, didtypes.ErrRevocationFinal.ABCICode())
	// The admin is a controller of the DID but no member with did.issuer.
	res = c.txFixedGas(didAdmin, 400000, "tx", "did", "status-update", ex.listID, strconv.Itoa(revokedIndex+1)+"=1")
	mustReject(t, "status-update by the admin", res, agencytypes.ModuleName, agencytypes.ErrNotMember.ABCICode())
	c.restGet("/civic/did/v1/status-lists/"+ex.listID+"/entries/"+idx, &revoked)
	if !revoked.Set || revoked.ListVersion != "2" {
		t.Fatalf("refused updates changed the list: %+v", revoked)
	}
}

// decodeEncodedList undoes the W3C encodedList: multibase 'u' (base64url, no
// padding), then GZIP.
func decodeEncodedList(t *testing.T, enc string) []byte {
	t.Helper()
	if !strings.HasPrefix(enc, "u") {
		t.Fatalf("encodedList %.40q... has no multibase 'u' prefix", enc)
	}
	gz, err := base64.RawURLEncoding.DecodeString(enc[1:])
	if err != nil {
		t.Fatalf("encodedList is not base64url without padding: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatalf("encodedList is not GZIP: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("encodedList GZIP: %v", err)
	}
	return raw
}

func didDeactivate(t *testing.T, c *chain, ex *didExample) {
	res := c.tx(didIssuer, "tx", "did", "deactivate", ex.did, ex.versionV2)
	mustEqual(t, "EventDidDeactivated.version_id", res.attr("civic.did.v1.EventDidDeactivated", "version_id"), "3")

	// Every later write for the DID is refused with ErrDidDeactivated.
	path := writeJSON(t, "did-v4.json", c.w3cDocument(ex.did, []ed25519.PublicKey{ex.key1}, false))
	res = c.txFixedGas(didIssuer, 400000, "tx", "did", "update", path, "3")
	mustRejectDid(t, "update after deactivation", res, didtypes.ErrDidDeactivated.ABCICode())
	res = c.txFixedGas(didIssuer, 400000, "tx", "did", "status-update", ex.listID, strconv.Itoa(revokedIndex+1)+"=1")
	mustRejectDid(t, "status list update after deactivation", res, didtypes.ErrDidDeactivated.ABCICode())

	// Resolution says deactivated; the issuer is no longer trusted.
	status, body := c.restRaw("/civic/did/v1/identifiers/" + ex.did)
	var r w3cResolution
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("resolution of a deactivated DID is not JSON (%d): %s", status, body)
	}
	mustEqual(t, "deactivated HTTP status", status, http.StatusGone)
	var deactivated bool
	_ = json.Unmarshal(r.DidDocumentMetadata["deactivated"], &deactivated)
	if !deactivated || r.metaString(t, "versionId") != "3" {
		t.Fatalf("deactivated DID metadata: %v", r.DidDocumentMetadata)
	}
	// W3C DID Resolution: a deactivated DID resolves, with no error beside its document.
	if _, has := r.DidResolutionMetadata["error"]; has {
		t.Fatalf("a deactivated DID resolves without an error, got %s", body)
	}
	mustEqual(t, "deactivated contentType", rawString(t, "contentType", r.DidResolutionMetadata["contentType"]), "application/did+json")

	// The Accept header selects the representation: the document alone ...
	status, body, contentType := didGetAccept(t, c, "/civic/did/v1/identifiers/"+ex.did, "application/did+json")
	mustEqual(t, "did+json HTTP status", status, http.StatusGone)
	mustEqual(t, "did+json Content-Type", contentType, "application/did+json")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil || rawString(t, "id", doc["id"]) != ex.did {
		t.Fatalf("did+json body is not the document (%v): %s", err, body)
	}
	// ... and an unsupported one is representationNotSupported (406).
	status, body, _ = didGetAccept(t, c, "/civic/did/v1/identifiers/"+ex.did, "text/html")
	mustEqual(t, "text/html HTTP status", status, http.StatusNotAcceptable)
	var unsupported w3cResolution
	if err := json.Unmarshal(body, &unsupported); err != nil {
		t.Fatalf("406 body is not a resolution result (%v): %s", err, body)
	}
	mustEqual(t, "406 error", rawString(t, "error", unsupported.DidResolutionMetadata["error"]), "representationNotSupported")

	var no isTrusted
	c.restGet("/civic/did/v1/issuers/"+ex.did+"/schemas/"+ex.schemaID, &no)
	if no.Trusted || no.Reason == "" {
		t.Fatalf("IsTrustedIssuer of a deactivated DID: %+v", no)
	}
	// The revocation stays readable.
	var st struct {
		Set bool `json:"set"`
	}
	c.restGet("/civic/did/v1/status-lists/"+ex.listID+"/entries/"+strconv.Itoa(revokedIndex), &st)
	if !st.Set {
		t.Fatal("the revoked index reads unset after the issuer's deactivation")
	}
}

// mustRejectDid requires a transaction refused in a block by x/did with code.
func mustRejectDid(t *testing.T, what string, res txResult, code uint32) {
	t.Helper()
	mustReject(t, what, res, didCodespace, code)
}

// mustReject requires a transaction refused in a block (by a message
// handler, not CheckTx) with that codespace and code.
func mustReject(t *testing.T, what string, res txResult, codespace string, code uint32) {
	t.Helper()
	if res.Code != code || res.Codespace != codespace || res.Height == "0" || res.Height == "" {
		t.Fatalf("%s: want code %d of codespace %q in a block, got code %d codespace %q height %q: %s",
			what, code, codespace, res.Code, res.Codespace, res.Height, res.RawLog)
	}
	t.Logf("%s refused: %s/%d: %s", what, res.Codespace, res.Code, res.RawLog)
}

// didGetAccept GETs a REST path with an Accept header and returns the status,
// the body and the Content-Type.
func didGetAccept(t *testing.T, c *chain, path, accept string) (int, []byte, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(c.Ctx, http.MethodGet, c.Net.APIURL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", accept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body, resp.Header.Get("Content-Type")
}

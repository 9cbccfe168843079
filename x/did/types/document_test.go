package types_test

import (
	"encoding/base64"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

const testMaxBytes = int(types.DefaultMaxDocumentBytes)

func TestValidateDocumentAccepts(t *testing.T) {
	did := testDid(1)
	for _, tc := range []struct {
		name string
		doc  func() types.DidDocument
	}{
		{"full document", func() types.DidDocument { return fullDocument(t) }},
		{"self-controlled, empty controller list", func() types.DidDocument { return selfDocument(3) }},
		{"self listed with an authentication key", func() types.DidDocument {
			d := selfDocument(3)
			d.Controller = []string{d.Id}
			return d
		}},
		{"only an account controller, no keys", func() types.DidDocument {
			return types.DidDocument{Id: did, Controller: []string{testAccount(1)}}
		}},
		{"only another DID as controller, no keys", func() types.DidDocument {
			return types.DidDocument{Id: did, Controller: []string{testDid(9)}}
		}},
		{"self and another DID, no authentication", func() types.DidDocument {
			return types.DidDocument{Id: did, Controller: []string{did, testDid(9)}}
		}},
		{"uuid DID", func() types.DidDocument {
			d := "did:civic:6e8bc430-9c3a-11d9-9669-0800200c9a66"
			return types.DidDocument{
				Id:                 d,
				VerificationMethod: []types.VerificationMethod{{Id: d + "#k", Type: types.KeyTypeJWK, Controller: d, PublicKeyJwk: types.Ed25519JWK(edPub(1))}},
				Authentication:     []string{d + "#k"},
			}
		}},
		{"secp256k1 authentication key only", func() types.DidDocument {
			d := selfDocument(4)
			d.VerificationMethod[0].Type = types.KeyTypeSecp256k1
			d.VerificationMethod[0].PublicKeyMultibase = types.Secp256k1Multibase(secpPub(4))
			return d
		}},
		{"P-256 authentication key only", func() types.DidDocument {
			d := selfDocument(4)
			jwk, err := types.P256JWK(&p256Key(t, 4).PublicKey)
			require.NoError(t, err)
			d.VerificationMethod[0] = types.VerificationMethod{Id: d.Id + "#key-1", Type: types.KeyTypeJWK, Controller: d.Id, PublicKeyJwk: jwk}
			return d
		}},
		{"at every count bound", func() types.DidDocument { return atBounds(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, types.ValidateDocument(tc.doc(), int(types.MaxMaxDocumentBytes), ac))
		})
	}
}

// atBounds is a valid document with every list at its maximum count.
func atBounds(t testing.TB) types.DidDocument {
	d := fullDocument(t)
	d.Controller = nil
	for i := 0; i < types.MaxControllers; i++ {
		d.Controller = append(d.Controller, testAccount(byte(i+1)))
	}
	d.VerificationMethod = nil
	// A relationship lists each method at most once, so it reaches at most
	// MaxVerificationMethods entries here; MaxRelationshipEntries bounds input.
	d.Authentication, d.AssertionMethod, d.KeyAgreement, d.CapabilityInvocation, d.CapabilityDelegation = nil, nil, nil, nil, nil
	for i := 0; i < types.MaxVerificationMethods; i++ {
		id := d.Id + "#k" + strings.Repeat("x", i)
		d.VerificationMethod = append(d.VerificationMethod, types.VerificationMethod{Id: id, Type: types.KeyTypeEd25519, Controller: d.Id, PublicKeyMultibase: types.Ed25519Multibase(edPub(byte(i)))})
		d.Authentication = append(d.Authentication, id)
	}
	d.Service = nil
	for i := 0; i < types.MaxServices; i++ {
		s := types.Service{Id: d.Id + "#s" + strings.Repeat("x", i), Type: types.ServiceTypes[i%len(types.ServiceTypes)]}
		for j := 0; j < types.MaxServiceEndpoints; j++ {
			s.ServiceEndpoint = append(s.ServiceEndpoint, "https://e.example/"+strings.Repeat("p", j))
		}
		d.Service = append(d.Service, s)
	}
	d.AlsoKnownAs = nil
	for i := 0; i < types.MaxAlsoKnownAs; i++ {
		d.AlsoKnownAs = append(d.AlsoKnownAs, "https://e.example/"+strings.Repeat("a", i+1))
	}
	return d
}

func TestValidateDocumentRejects(t *testing.T) {
	base := fullDocument(t)
	did := base.Id
	vm0 := base.VerificationMethod[0]
	secpJwk := *base.VerificationMethod[2].PublicKeyJwk
	p256Jwk := *base.VerificationMethod[3].PublicKeyJwk
	okpJwk := *base.VerificationMethod[4].PublicKeyJwk
	cosmosAddr, err := addresscodec.NewBech32Codec("cosmos").BytesToString(make([]byte, 20))
	require.NoError(t, err)
	long := func(n int) string { return strings.Repeat("a", n) }
	jwkVM := func(typ string, j types.Jwk) func(d *types.DidDocument) {
		return func(d *types.DidDocument) {
			d.VerificationMethod[0].Type = typ
			d.VerificationMethod[0].PublicKeyMultibase = ""
			d.VerificationMethod[0].PublicKeyJwk = &j
		}
	}
	mbVM := func(typ, mb string) func(d *types.DidDocument) {
		return func(d *types.DidDocument) {
			d.VerificationMethod[0].Type = typ
			d.VerificationMethod[0].PublicKeyMultibase = mb
			d.VerificationMethod[0].PublicKeyJwk = nil
		}
	}
	multibase := func(header []byte, key []byte) string {
		return "z" + types.Base58Encode(append(append([]byte{}, header...), key...))
	}
	b64 := base64.RawURLEncoding.EncodeToString

	for _, tc := range []struct {
		name    string
		mutate  func(d *types.DidDocument)
		want    *errorsmod.Error
		wantMsg string
	}{
		// id
		{"id not a DID", func(d *types.DidDocument) { d.Id = "did:web:example.com" }, types.ErrInvalidDid, "document id"},
		{"id empty", func(d *types.DidDocument) { d.Id = "" }, types.ErrInvalidDid, "document id"},

		// counts, checked before anything is parsed
		{"17 controllers", func(d *types.DidDocument) {
			d.Controller = make([]string, types.MaxControllers+1) // all empty: not parsed
		}, types.ErrTooManyEntries, "controller has 17 entries, at most 16"},
		{"33 verification methods", func(d *types.DidDocument) {
			d.VerificationMethod = make([]types.VerificationMethod, types.MaxVerificationMethods+1)
		}, types.ErrTooManyEntries, "verificationMethod has 33 entries, at most 32"},
		{"65 authentication", func(d *types.DidDocument) { d.Authentication = make([]string, 65) }, types.ErrTooManyEntries, "authentication has 65"},
		{"65 assertionMethod", func(d *types.DidDocument) { d.AssertionMethod = make([]string, 65) }, types.ErrTooManyEntries, "assertionMethod has 65"},
		{"65 keyAgreement", func(d *types.DidDocument) { d.KeyAgreement = make([]string, 65) }, types.ErrTooManyEntries, "keyAgreement has 65"},
		{"65 capabilityInvocation", func(d *types.DidDocument) { d.CapabilityInvocation = make([]string, 65) }, types.ErrTooManyEntries, "capabilityInvocation has 65"},
		{"65 capabilityDelegation", func(d *types.DidDocument) { d.CapabilityDelegation = make([]string, 65) }, types.ErrTooManyEntries, "capabilityDelegation has 65"},
		{"17 services", func(d *types.DidDocument) { d.Service = make([]types.Service, 17) }, types.ErrTooManyEntries, "service has 17"},
		{"9 endpoints", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint = make([]string, 9) }, types.ErrTooManyEntries, "service[1].serviceEndpoint has 9"},
		{"17 alsoKnownAs", func(d *types.DidDocument) { d.AlsoKnownAs = make([]string, 17) }, types.ErrTooManyEntries, "alsoKnownAs has 17"},

		// lengths, checked before anything is parsed
		{"controller 129 bytes", func(d *types.DidDocument) { d.Controller[1] = long(129) }, types.ErrFieldTooLong, "controller[1] is 129 bytes, at most 128"},
		{"vm id 129 bytes", func(d *types.DidDocument) { d.VerificationMethod[2].Id = long(129) }, types.ErrFieldTooLong, "verificationMethod.id[2] is 129 bytes"},
		{"vm type 65 bytes", func(d *types.DidDocument) { d.VerificationMethod[0].Type = long(65) }, types.ErrFieldTooLong, "verificationMethod.type[0] is 65 bytes, at most 64"},
		{"vm controller 129 bytes", func(d *types.DidDocument) { d.VerificationMethod[0].Controller = long(129) }, types.ErrFieldTooLong, "verificationMethod.controller[0]"},
		{"multibase 257 bytes", func(d *types.DidDocument) { d.VerificationMethod[0].PublicKeyMultibase = long(257) }, types.ErrFieldTooLong, "publicKeyMultibase[0] is 257 bytes, at most 256"},
		{"jwk x 129 bytes", func(d *types.DidDocument) { d.VerificationMethod[2].PublicKeyJwk.X = long(129) }, types.ErrFieldTooLong, "publicKeyJwk.x is 129 bytes, at most 128"},
		{"jwk kid 129 bytes", func(d *types.DidDocument) { d.VerificationMethod[3].PublicKeyJwk.Kid = long(129) }, types.ErrFieldTooLong, "verificationMethod[3]: publicKeyJwk.kid"},
		{"relationship entry 129 bytes", func(d *types.DidDocument) { d.KeyAgreement[0] = long(129) }, types.ErrFieldTooLong, "keyAgreement[0] is 129 bytes"},
		{"service id 129 bytes", func(d *types.DidDocument) { d.Service[0].Id = long(129) }, types.ErrFieldTooLong, "service.id[0]"},
		{"service type 65 bytes", func(d *types.DidDocument) { d.Service[0].Type = long(65) }, types.ErrFieldTooLong, "service.type[0]"},
		{"endpoint 257 bytes", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[1] = "https://" + long(249) }, types.ErrFieldTooLong, "service[1].serviceEndpoint[1] is 257 bytes, at most 256"},
		{"alsoKnownAs 257 bytes", func(d *types.DidDocument) { d.AlsoKnownAs[0] = "https://" + long(249) }, types.ErrFieldTooLong, "alsoKnownAs[0]"},

		// controllers
		{"empty controller", func(d *types.DidDocument) { d.Controller[1] = "" }, types.ErrInvalidDocument, "controller[1] is empty"},
		{"controller of another method", func(d *types.DidDocument) { d.Controller[1] = "did:web:example.com" }, types.ErrInvalidDid, "controller[1]"},
		{"controller malformed DID", func(d *types.DidDocument) { d.Controller[2] = "did:civic:short" }, types.ErrInvalidDid, "controller[2]"},
		{"controller not an address", func(d *types.DidDocument) { d.Controller[1] = "alice" }, sdkerrors.ErrInvalidAddress, "controller[1]"},
		{"controller of another chain prefix", func(d *types.DidDocument) { d.Controller[1] = cosmosAddr }, sdkerrors.ErrInvalidAddress, "controller[1]"},
		{"controller uppercase bech32", func(d *types.DidDocument) { d.Controller[1] = strings.ToUpper(d.Controller[1]) }, sdkerrors.ErrInvalidAddress, "canonical form"},
		{"duplicate controller DID", func(d *types.DidDocument) { d.Controller[2] = d.Controller[0] }, types.ErrInvalidDocument, "controller[2]"},
		{"duplicate controller account", func(d *types.DidDocument) { d.Controller = append(d.Controller, d.Controller[1]) }, types.ErrInvalidDocument, "controller[3]"},

		// verification method ids
		{"vm id without fragment", func(d *types.DidDocument) { d.VerificationMethod[1].Id = did }, types.ErrInvalidDidURL, "verificationMethod[1]"},
		{"vm id of another DID", func(d *types.DidDocument) { d.VerificationMethod[1].Id = testDid(2) + "#key-2" }, types.ErrInvalidVerification, "verificationMethod[1]"},
		{"duplicate vm id", func(d *types.DidDocument) {
			d.VerificationMethod[1].Id = d.VerificationMethod[0].Id
		}, types.ErrDuplicateID, "verificationMethod[1]"},
		{"service id equal to a vm id", func(d *types.DidDocument) { d.Service[0].Id = did + "#key-1" }, types.ErrDuplicateID, "service[0]"},
		{"duplicate service id", func(d *types.DidDocument) { d.Service[1].Id = d.Service[0].Id }, types.ErrDuplicateID, "service[1]"},

		// verification method controller and type
		{"vm controller empty", func(d *types.DidDocument) { d.VerificationMethod[0].Controller = "" }, types.ErrInvalidDid, "verificationMethod[0]"},
		{"vm controller an account", func(d *types.DidDocument) { d.VerificationMethod[0].Controller = testAccount(7) }, types.ErrInvalidDid, "controller"},
		{"vm type RSA", func(d *types.DidDocument) { d.VerificationMethod[0].Type = "RsaVerificationKey2018" }, types.ErrUnsupportedKeyType, "RsaVerificationKey2018"},
		{"vm type Ed25519 2018", func(d *types.DidDocument) { d.VerificationMethod[0].Type = "Ed25519VerificationKey2018" }, types.ErrUnsupportedKeyType, "verificationMethod[0]"},
		{"vm type empty", func(d *types.DidDocument) { d.VerificationMethod[0].Type = "" }, types.ErrUnsupportedKeyType, "verificationMethod[0]"},

		// key forms
		{"both key forms", func(d *types.DidDocument) { d.VerificationMethod[2].PublicKeyMultibase = vm0.PublicKeyMultibase }, types.ErrInvalidVerification, "exactly one"},
		{"no key", func(d *types.DidDocument) { d.VerificationMethod[2].PublicKeyJwk = nil }, types.ErrInvalidVerification, "verificationMethod[2]"},
		{"Ed25519VerificationKey2020 with a JWK", jwkVM(types.KeyTypeEd25519, okpJwk), types.ErrInvalidVerification, "takes publicKeyMultibase"},
		{"JsonWebKey2020 with multibase", mbVM(types.KeyTypeJWK, vm0.PublicKeyMultibase), types.ErrInvalidVerification, "takes publicKeyJwk"},

		// multibase keys
		{"multibase not base58btc", mbVM(types.KeyTypeEd25519, "f"+vm0.PublicKeyMultibase[1:]), types.ErrInvalidKey, "prefix 'z'"},
		{"multibase bad base58", mbVM(types.KeyTypeEd25519, "z0OIl"), types.ErrInvalidKey, "not valid base58btc"},
		{"Ed25519 key with secp256k1 header", mbVM(types.KeyTypeEd25519, types.Secp256k1Multibase(secpPub(1))), types.ErrInvalidKey, "Ed25519 (0xed01)"},
		{"Ed25519 key 31 bytes", mbVM(types.KeyTypeEd25519, multibase([]byte{0xed, 0x01}, make([]byte, 31))), types.ErrInvalidKey, "32 key bytes"},
		{"Ed25519 key 33 bytes", mbVM(types.KeyTypeEd25519, multibase([]byte{0xed, 0x01}, make([]byte, 33))), types.ErrInvalidKey, "32 key bytes"},
		{"Ed25519 key without header", mbVM(types.KeyTypeEd25519, "z"+types.Base58Encode(edPub(1))), types.ErrInvalidKey, "multicodec header"},
		{"secp256k1 multibase with Ed25519 header", mbVM(types.KeyTypeSecp256k1, vm0.PublicKeyMultibase), types.ErrInvalidKey, "secp256k1 (0xe701)"},
		{"secp256k1 multibase uncompressed", mbVM(types.KeyTypeSecp256k1, multibase([]byte{0xe7, 0x01}, append([]byte{4}, make([]byte, 64)...))), types.ErrInvalidKey, "33 key bytes"},
		{"secp256k1 multibase bad prefix byte", mbVM(types.KeyTypeSecp256k1, multibase([]byte{0xe7, 0x01}, append([]byte{5}, secpPub(1)[1:]...))), types.ErrInvalidKey, "compressed point"},
		{"secp256k1 multibase off curve", mbVM(types.KeyTypeSecp256k1, multibase([]byte{0xe7, 0x01}, append([]byte{2}, []byte(strings.Repeat("\xff", 32))...))), types.ErrInvalidKey, "not on the curve"},

		// JWK keys
		{"secp256k1 type with OKP JWK", jwkVM(types.KeyTypeSecp256k1, okpJwk), types.ErrInvalidKey, "kty EC, crv secp256k1"},
		{"secp256k1 type with P-256 JWK", jwkVM(types.KeyTypeSecp256k1, p256Jwk), types.ErrInvalidKey, "kty EC, crv secp256k1"},
		{"JWK X25519", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "X25519", X: okpJwk.X}), types.ErrInvalidKey, "not one of OKP/Ed25519"},
		{"JWK RSA", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "RSA", Crv: "", X: okpJwk.X}), types.ErrInvalidKey, "not one of"},
		{"JWK lowercase kty", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "ec", Crv: "P-256", X: p256Jwk.X, Y: p256Jwk.Y}), types.ErrInvalidKey, "not one of"},
		{"JWK empty", jwkVM(types.KeyTypeJWK, types.Jwk{}), types.ErrInvalidKey, "not one of"},
		{"OKP with y", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: okpJwk.X, Y: okpJwk.X}), types.ErrInvalidKey, "has no y"},
		{"OKP x 31 bytes", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: b64(make([]byte, 31))}), types.ErrInvalidKey, "publicKeyJwk.x is 31 bytes, want 32"},
		{"OKP x padded", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: okpJwk.X + "="}), types.ErrInvalidKey, "without padding"},
		{"OKP x standard base64", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: strings.Repeat("+/", 21) + "A"}), types.ErrInvalidKey, "base64url"},
		{"OKP x non-canonical trailing bits", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: okpJwk.X[:42] + "B"}), types.ErrInvalidKey, "base64url"},
		{"EC without y", jwkVM(types.KeyTypeSecp256k1, types.Jwk{Kty: "EC", Crv: "secp256k1", X: secpJwk.X}), types.ErrInvalidKey, "publicKeyJwk.y is 0 bytes"},
		{"secp256k1 JWK off curve", jwkVM(types.KeyTypeSecp256k1, types.Jwk{Kty: "EC", Crv: "secp256k1", X: secpJwk.X, Y: secpJwk.X}), types.ErrInvalidKey, "not a secp256k1 point"},
		{"P-256 JWK off curve", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "EC", Crv: "P-256", X: p256Jwk.X, Y: p256Jwk.X}), types.ErrInvalidKey, "not a P-256 point"},
		{"P-256 JWK coordinate 33 bytes", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "EC", Crv: "P-256", X: b64(make([]byte, 33)), Y: p256Jwk.Y}), types.ErrInvalidKey, "want 32"},
		{"JWK kid with space", jwkVM(types.KeyTypeJWK, types.Jwk{Kty: "OKP", Crv: "Ed25519", X: okpJwk.X, Kid: "a b"}), types.ErrInvalidKey, "kid"},

		// verification relationships
		{"relationship entry not a DID URL", func(d *types.DidDocument) { d.Authentication[1] = "key-1" }, types.ErrInvalidDidURL, "authentication[1]"},
		{"relationship relative reference", func(d *types.DidDocument) { d.AssertionMethod[0] = "#key-1" }, types.ErrInvalidDidURL, "assertionMethod[0]"},
		{"relationship dangling", func(d *types.DidDocument) { d.AssertionMethod[1] = did + "#nope" }, types.ErrDanglingReference, "assertionMethod[1]"},
		{"relationship to another DID's key", func(d *types.DidDocument) { d.KeyAgreement[0] = testDid(2) + "#key-1" }, types.ErrDanglingReference, "keyAgreement[0]"},
		{"relationship to a service", func(d *types.DidDocument) { d.CapabilityInvocation[0] = did + "#hub" }, types.ErrDanglingReference, "capabilityInvocation[0]"},
		{"authentication duplicate", func(d *types.DidDocument) { d.Authentication[1] = d.Authentication[0] }, types.ErrDuplicateID, "authentication[1]"},
		{"capabilityDelegation duplicate", func(d *types.DidDocument) { d.CapabilityDelegation[1] = d.CapabilityDelegation[0] }, types.ErrDuplicateID, "capabilityDelegation[1]"},

		// services
		{"service id not a DID URL", func(d *types.DidDocument) { d.Service[0].Id = "hub" }, types.ErrInvalidDidURL, "service[0]"},
		{"service id of another DID", func(d *types.DidDocument) { d.Service[0].Id = testDid(2) + "#hub" }, types.ErrInvalidServiceEntry, "service[0]"},
		{"service type empty", func(d *types.DidDocument) { d.Service[1].Type = "" }, types.ErrInvalidServiceEntry, "service[1]"},
		{"service type with space", func(d *types.DidDocument) { d.Service[1].Type = "Linked Domains" }, types.ErrInvalidServiceEntry, "type"},
		{"service type non-ASCII", func(d *types.DidDocument) { d.Service[1].Type = "서비스" }, types.ErrInvalidServiceEntry, "is not one of"},
		{"service type outside the vocabulary", func(d *types.DidDocument) { d.Service[1].Type = "HongGildong" }, types.ErrInvalidServiceEntry, "is not one of"},
		{"service without endpoints", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint = nil }, types.ErrInvalidServiceEntry, "serviceEndpoint is empty"},
		{"endpoint empty", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[1] = "" }, types.ErrInvalidServiceEntry, "serviceEndpoint[1]"},
		{"endpoint without scheme", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "example.com/inbox" }, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint only a scheme", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https:" }, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint http", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "http://a.example/inbox" }, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint urn", func(d *types.DidDocument) {
			d.Service[1].ServiceEndpoint[0] = "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"
		}, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint mailto", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "mailto:hong@example.kr" }, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint tel", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "tel:+82-10-1234-5678" }, types.ErrInvalidServiceEntry, "not an https URL"},
		{"endpoint with user information", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://hong.gildong@a.example/inbox" }, types.ErrInvalidServiceEntry, "no user information"},
		{"endpoint with a query", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://a.example/inbox?name=hong" }, types.ErrInvalidServiceEntry, "outside [A-Za-z0-9._~-]"},
		{"endpoint with a phone number", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://a.example/010-1234-5678" }, types.ErrInvalidServiceEntry, "run of more than 8 digits"},
		{"endpoint with space", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://a.example/a b" }, types.ErrInvalidServiceEntry, "outside [A-Za-z0-9._~-]"},
		{"endpoint percent-encoded", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://a.example/%ED%99%8D" }, types.ErrInvalidServiceEntry, "outside [A-Za-z0-9._~-]"},
		{"endpoint non-ASCII", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://例え.jp" }, types.ErrInvalidServiceEntry, "outside lowercase"},
		{"endpoint an IP address", func(d *types.DidDocument) { d.Service[1].ServiceEndpoint[0] = "https://192.168.0.1/inbox" }, types.ErrInvalidServiceEntry, "IP address"},

		// alsoKnownAs
		{"alsoKnownAs not a URI", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "agency 7" }, types.ErrInvalidDocument, "alsoKnownAs[1]"},
		{"alsoKnownAs duplicate", func(d *types.DidDocument) { d.AlsoKnownAs[1] = d.AlsoKnownAs[0] }, types.ErrInvalidDocument, "alsoKnownAs[1]"},
		{"alsoKnownAs a name", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "urn:name:hong-gildong" }, types.ErrInvalidDocument, "not a did:civic, did:web or did:key DID or an https URL"},
		{"alsoKnownAs mailto", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "mailto:hong@example.kr" }, types.ErrInvalidDocument, "not a did:civic"},
		{"alsoKnownAs tel", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "tel:+82-10-1234-5678" }, types.ErrInvalidDocument, "not a did:civic"},
		{"alsoKnownAs resident number in a URL", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "https://example.go.kr/900101-1234567" }, types.ErrInvalidDocument, "run of more than 8 digits"},
		{"alsoKnownAs another DID method", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "did:example:hong" }, types.ErrInvalidDocument, "not a did:civic"},
		{"alsoKnownAs bad did:civic", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "did:civic:hong" }, types.ErrInvalidDocument, "did:civic"},
		{"alsoKnownAs did:web with a phone number", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "did:web:example.go.kr:01012345678" }, types.ErrInvalidDocument, "run of more than 8 digits"},
		{"alsoKnownAs did:web uppercase host", func(d *types.DidDocument) { d.AlsoKnownAs[1] = "did:web:Example.go.kr" }, types.ErrInvalidDocument, "outside lowercase"},
		{"alsoKnownAs did:key not a key", func(d *types.DidDocument) {
			d.AlsoKnownAs[1] = "did:key:z" + types.Base58Encode([]byte("Hong Gildong 010-1234-5678"))
		}, types.ErrInvalidDocument, "not a did:key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := clone(t, base)
			tc.mutate(&d)
			err := types.ValidateDocument(d, int(types.MaxMaxDocumentBytes), ac)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.wantMsg)
		})
	}
}

func TestValidateDocumentBoundsBeforeParsing(t *testing.T) {
	// Invalid everything, but one count too many: the count is reported.
	d := types.DidDocument{Id: testDid(1), Controller: make([]string, 17), Authentication: []string{"x"}}
	require.ErrorIs(t, types.ValidateDocument(d, testMaxBytes, ac), types.ErrTooManyEntries)
	// Invalid key and id, but a field too long: the length is reported.
	d = types.DidDocument{Id: testDid(1), VerificationMethod: []types.VerificationMethod{{Id: "x", Type: strings.Repeat("T", 65), PublicKeyMultibase: "?"}}}
	require.ErrorIs(t, types.ValidateDocument(d, testMaxBytes, ac), types.ErrFieldTooLong)
	// The size is checked before the controllers are parsed.
	d = fullDocument(t)
	d.Controller[1] = "not an address"
	require.ErrorIs(t, types.ValidateDocument(d, d.Size()-1, ac), types.ErrDocumentTooLarge)
}

func TestValidateDocumentSize(t *testing.T) {
	d := fullDocument(t)
	require.NoError(t, types.ValidateDocument(d, d.Size(), ac))
	err := types.ValidateDocument(d, d.Size()-1, ac)
	require.ErrorIs(t, err, types.ErrDocumentTooLarge)
	require.ErrorContains(t, err, d.Id)
	require.ErrorIs(t, types.ValidateDocument(d, 0, ac), types.ErrInvalidParams)
	require.ErrorIs(t, types.ValidateDocument(d, -1, ac), types.ErrInvalidParams)
	// The largest document the bounds allow is checked by size, not by count.
	big := atBounds(t)
	require.ErrorIs(t, types.ValidateDocument(big, testMaxBytes/4, ac), types.ErrDocumentTooLarge)
}

func TestValidateDocumentNilCodec(t *testing.T) {
	d := types.DidDocument{Id: testDid(1), Controller: []string{testAccount(1)}}
	require.ErrorIs(t, types.ValidateDocument(d, testMaxBytes, nil), sdkerrors.ErrInvalidAddress)
}

func TestValidateDocumentLockout(t *testing.T) {
	did := testDid(1)
	vm := types.VerificationMethod{Id: did + "#key-1", Type: types.KeyTypeEd25519, Controller: did, PublicKeyMultibase: types.Ed25519Multibase(edPub(1))}
	for _, tc := range []struct {
		name string
		doc  types.DidDocument
		ok   bool
	}{
		{"empty document", types.DidDocument{Id: did}, false},
		{"self-controlled with keys but no authentication", types.DidDocument{Id: did, VerificationMethod: []types.VerificationMethod{vm}, AssertionMethod: []string{vm.Id}}, false},
		{"self listed with keys but no authentication", types.DidDocument{Id: did, Controller: []string{did}, VerificationMethod: []types.VerificationMethod{vm}, CapabilityInvocation: []string{vm.Id}}, false},
		{"self-controlled with authentication", types.DidDocument{Id: did, VerificationMethod: []types.VerificationMethod{vm}, Authentication: []string{vm.Id}}, true},
		{"self listed with authentication", types.DidDocument{Id: did, Controller: []string{did}, VerificationMethod: []types.VerificationMethod{vm}, Authentication: []string{vm.Id}}, true},
		{"account controller", types.DidDocument{Id: did, Controller: []string{testAccount(3)}}, true},
		{"other DID controller", types.DidDocument{Id: did, Controller: []string{testDid(3)}}, true},
		{"self and account, no keys", types.DidDocument{Id: did, Controller: []string{did, testAccount(3)}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := types.ValidateDocument(tc.doc, testMaxBytes, ac)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrControllerLockout)
			require.ErrorContains(t, err, did)
		})
	}
}

func TestDocumentHelpers(t *testing.T) {
	d := fullDocument(t)
	did := d.Id

	vm, ok := d.Method(did + "#key-3")
	require.True(t, ok)
	require.Equal(t, types.KeyTypeSecp256k1, vm.Type)
	_, ok = d.Method(did + "#hub")
	require.False(t, ok)
	_, ok = d.Method("")
	require.False(t, ok)

	require.True(t, d.IsAuthentication(did+"#key-1"))
	require.True(t, d.IsAuthentication(did+"#key-3"))
	require.False(t, d.IsAuthentication(did+"#key-2"), "assertion only")
	require.False(t, d.IsAuthentication(did+"#none"))
	dangling := d
	dangling.Authentication = []string{did + "#gone"}
	require.False(t, dangling.IsAuthentication(did+"#gone"), "listed but no such method")

	require.True(t, d.IsAssertionMethod(did+"#key-2"))
	require.True(t, d.IsAssertionMethod(did+"#key-4"))
	require.False(t, d.IsAssertionMethod(did+"#key-1"), "authentication only")
	require.False(t, d.IsAssertionMethod(did+"#none"))
	require.False(t, d.IsAssertionMethod("#key-2"), "relative ids are not resolved here")
	dangling.AssertionMethod = []string{did + "#gone"}
	require.False(t, dangling.IsAssertionMethod(did+"#gone"), "listed but no such method")

	require.Equal(t, []string{testAccount(7)}, d.AccountControllers())
	require.Equal(t, []string{did, testDid(2)}, d.DidControllers())
	require.True(t, d.SelfControlled())

	self := selfDocument(2)
	require.Empty(t, self.AccountControllers())
	require.Equal(t, []string{self.Id}, self.DidControllers())
	require.True(t, self.SelfControlled())

	other := types.DidDocument{Id: did, Controller: []string{testAccount(1), testDid(5)}}
	require.Equal(t, []string{testDid(5)}, other.DidControllers())
	require.False(t, other.SelfControlled())
	accountOnly := types.DidDocument{Id: did, Controller: []string{testAccount(1)}}
	require.Empty(t, accountOnly.DidControllers())
	require.False(t, accountOnly.SelfControlled())

	require.True(t, types.IsDidController("did:civic:x"))
	require.True(t, types.IsDidController("did:web:x"))
	require.False(t, types.IsDidController(testAccount(1)))
	require.True(t, types.IsAccountAddress(testAccount(1)))
	require.False(t, types.IsAccountAddress(""))
	require.False(t, types.IsAccountAddress(did))

	for _, vm := range d.VerificationMethod {
		require.True(t, types.CanSignProofs(vm), vm.Id)
	}
	require.False(t, types.CanSignProofs(types.VerificationMethod{Type: "RsaVerificationKey2018", PublicKeyMultibase: "zabc"}))
	require.False(t, types.CanSignProofs(types.VerificationMethod{Type: types.KeyTypeEd25519, PublicKeyMultibase: "z" + strings.Repeat("2", 300)}))

	require.True(t, types.IsSupportedKeyType(types.KeyTypeEd25519))
	require.True(t, types.IsSupportedKeyType(types.KeyTypeJWK))
	require.True(t, types.IsSupportedKeyType(types.KeyTypeSecp256k1))
	require.False(t, types.IsSupportedKeyType("X25519KeyAgreementKey2020"))
}

func TestValidateAccountAddress(t *testing.T) {
	require.NoError(t, types.ValidateAccountAddress(ac, testAccount(1)))
	for _, s := range []string{"", "civic1", strings.ToUpper(testAccount(1)), testAccount(1) + "x", "did:civic:x"} {
		require.ErrorIs(t, types.ValidateAccountAddress(ac, s), sdkerrors.ErrInvalidAddress, "%q", s)
	}
	require.ErrorIs(t, types.ValidateAccountAddress(nil, testAccount(1)), sdkerrors.ErrInvalidAddress)
}

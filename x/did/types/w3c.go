package types

import (
	"encoding/json"
	"time"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/text"
)

// JSON-LD contexts of the W3C rendering.
const (
	ContextDidV1           = "https://www.w3.org/ns/did/v1"
	ContextEd25519_2020    = "https://w3id.org/security/suites/ed25519-2020/v1"
	ContextJWS2020         = "https://w3id.org/security/suites/jws-2020/v1"
	ContextSecp256k1_2019  = "https://w3id.org/security/suites/secp256k1-2019/v1"
	ContextDidResolutionV1 = "https://w3id.org/did-resolution/v1"
	// ContentTypeDidJSON is the media type of the document representation.
	ContentTypeDidJSON = "application/did+json"
	// PkhCosmosPrefix starts the did:pkh DID of an account controller:
	// did:pkh:cosmos:<chain id>:<bech32 address>.
	PkhCosmosPrefix = "did:pkh:cosmos:"
	// w3cTimeLayout is RFC 3339 in UTC with seconds precision.
	w3cTimeLayout = "2006-01-02T15:04:05Z"
)

// The W3C JSON shapes. Field order is the output order; empty values are
// omitted, so no empty string, empty list or null appears in a document.
type (
	w3cResolution struct {
		Context               string                `json:"@context"`
		DidDocument           *w3cDocument          `json:"didDocument"`
		DidDocumentMetadata   w3cDocumentMetadata   `json:"didDocumentMetadata"`
		DidResolutionMetadata w3cResolutionMetadata `json:"didResolutionMetadata"`
	}
	w3cDocument struct {
		Context              []string          `json:"@context"`
		ID                   string            `json:"id"`
		Controller           any               `json:"controller,omitempty"`
		VerificationMethod   []w3cVerification `json:"verificationMethod,omitempty"`
		Authentication       []string          `json:"authentication,omitempty"`
		AssertionMethod      []string          `json:"assertionMethod,omitempty"`
		KeyAgreement         []string          `json:"keyAgreement,omitempty"`
		CapabilityInvocation []string          `json:"capabilityInvocation,omitempty"`
		CapabilityDelegation []string          `json:"capabilityDelegation,omitempty"`
		Service              []w3cService      `json:"service,omitempty"`
		AlsoKnownAs          []string          `json:"alsoKnownAs,omitempty"`
	}
	w3cVerification struct {
		ID                 string  `json:"id"`
		Type               string  `json:"type"`
		Controller         string  `json:"controller"`
		PublicKeyMultibase string  `json:"publicKeyMultibase,omitempty"`
		PublicKeyJwk       *w3cJwk `json:"publicKeyJwk,omitempty"`
	}
	w3cJwk struct {
		Kty string `json:"kty"`
		Crv string `json:"crv"`
		X   string `json:"x"`
		Y   string `json:"y,omitempty"`
		Kid string `json:"kid,omitempty"`
	}
	w3cService struct {
		ID              string `json:"id"`
		Type            string `json:"type"`
		ServiceEndpoint any    `json:"serviceEndpoint"`
	}
	w3cDocumentMetadata struct {
		Created           string `json:"created,omitempty"`
		Updated           string `json:"updated,omitempty"`
		Deactivated       bool   `json:"deactivated,omitempty"`
		VersionID         string `json:"versionId,omitempty"`
		PreviousVersionID string `json:"previousVersionId,omitempty"`
		NextVersionID     string `json:"nextVersionId,omitempty"`
	}
	w3cResolutionMetadata struct {
		ContentType  string `json:"contentType,omitempty"`
		Error        string `json:"error,omitempty"`
		ErrorMessage string `json:"errorMessage,omitempty"`
	}
)

// DocumentJSON renders d in the W3C DID Core JSON representation
// (application/did+json): "@context" (DID v1 and the suites its key types
// need, in a fixed order), "id", "controller" (a string for one entry, else an
// array; account controllers rendered as did:pkh:cosmos:<chainID>:<address>),
// "verificationMethod", the verification relationships, "service" (one
// endpoint as a string, several as an array) and "alsoKnownAs"; empty
// properties are omitted. The output is deterministic. chainID is required
// when d has account controllers.
func DocumentJSON(d DidDocument, chainID string) ([]byte, error) {
	w, err := w3cDocumentOf(d, chainID)
	if err != nil {
		return nil, err
	}
	return json.Marshal(w)
}

// ResolutionJSON renders a W3C DID resolution result: "@context",
// "didDocument" (null when the resolution failed), "didDocumentMetadata"
// (created/updated as RFC 3339 UTC seconds, deactivated only when true,
// versionId/previousVersionId/nextVersionId when set) and
// "didResolutionMetadata" (contentType only beside a document, error and
// errorMessage when the resolution failed). The output is deterministic.
func ResolutionJSON(r DidResolution, chainID string) ([]byte, error) {
	out := w3cResolution{
		Context: ContextDidResolutionV1,
		DidDocumentMetadata: w3cDocumentMetadata{
			Created:           w3cTime(r.DidDocumentMetadata.Created),
			Updated:           w3cTime(r.DidDocumentMetadata.Updated),
			Deactivated:       r.DidDocumentMetadata.Deactivated,
			VersionID:         r.DidDocumentMetadata.VersionId,
			PreviousVersionID: r.DidDocumentMetadata.PreviousVersionId,
			NextVersionID:     r.DidDocumentMetadata.NextVersionId,
		},
		DidResolutionMetadata: w3cResolutionMetadata{
			Error:        r.DidResolutionMetadata.Error,
			ErrorMessage: r.DidResolutionMetadata.ErrorMessage,
		},
	}
	if r.DidDocument != nil {
		doc, err := w3cDocumentOf(*r.DidDocument, chainID)
		if err != nil {
			return nil, err
		}
		out.DidDocument = &doc
		out.DidResolutionMetadata.ContentType = r.DidResolutionMetadata.ContentType
		if out.DidResolutionMetadata.ContentType == "" {
			out.DidResolutionMetadata.ContentType = ContentTypeDidJSON
		}
	}
	return json.Marshal(out)
}

// PkhCosmosDid returns the did:pkh DID of a Cosmos account on chainID.
func PkhCosmosDid(chainID, address string) string {
	return PkhCosmosPrefix + chainID + ":" + address
}

// w3cDocumentOf builds the W3C shape of d.
func w3cDocumentOf(d DidDocument, chainID string) (w3cDocument, error) {
	w := w3cDocument{
		Context:              documentContexts(d),
		ID:                   d.Id,
		Authentication:       nonEmpty(d.Authentication),
		AssertionMethod:      nonEmpty(d.AssertionMethod),
		KeyAgreement:         nonEmpty(d.KeyAgreement),
		CapabilityInvocation: nonEmpty(d.CapabilityInvocation),
		CapabilityDelegation: nonEmpty(d.CapabilityDelegation),
		AlsoKnownAs:          nonEmpty(d.AlsoKnownAs),
	}
	if len(d.Controller) > 0 {
		ctrls := make([]string, 0, len(d.Controller))
		for _, c := range d.Controller {
			if IsAccountAddress(c) {
				if chainID == "" {
					return w3cDocument{}, errorsmod.Wrapf(ErrInvalidDocument, "%s: a chain id is needed to render the account controller %s as did:pkh", d.Id, text.Quote(c))
				}
				c = PkhCosmosDid(chainID, c)
			}
			ctrls = append(ctrls, c)
		}
		if len(ctrls) == 1 {
			w.Controller = ctrls[0]
		} else {
			w.Controller = ctrls
		}
	}
	for _, vm := range d.VerificationMethod {
		v := w3cVerification{ID: vm.Id, Type: vm.Type, Controller: vm.Controller, PublicKeyMultibase: vm.PublicKeyMultibase}
		if vm.PublicKeyJwk != nil {
			j := vm.PublicKeyJwk
			v.PublicKeyJwk = &w3cJwk{Kty: j.Kty, Crv: j.Crv, X: j.X, Y: j.Y, Kid: j.Kid}
		}
		w.VerificationMethod = append(w.VerificationMethod, v)
	}
	for _, s := range d.Service {
		ws := w3cService{ID: s.Id, Type: s.Type}
		if len(s.ServiceEndpoint) == 1 {
			ws.ServiceEndpoint = s.ServiceEndpoint[0]
		} else {
			ws.ServiceEndpoint = append([]string{}, s.ServiceEndpoint...)
		}
		w.Service = append(w.Service, ws)
	}
	return w, nil
}

// documentContexts returns the DID v1 context and the suite contexts of the
// key types d uses, in a fixed order.
func documentContexts(d DidDocument) []string {
	var ed, jws, secp bool
	for _, vm := range d.VerificationMethod {
		switch vm.Type {
		case KeyTypeEd25519:
			ed = true
		case KeyTypeJWK:
			jws = true
		case KeyTypeSecp256k1:
			secp = true
		}
	}
	ctx := []string{ContextDidV1}
	if ed {
		ctx = append(ctx, ContextEd25519_2020)
	}
	if jws {
		ctx = append(ctx, ContextJWS2020)
	}
	if secp {
		ctx = append(ctx, ContextSecp256k1_2019)
	}
	return ctx
}

// w3cTime spells t as RFC 3339 UTC with seconds precision; "" (omitted) for
// the zero time and the Unix epoch, which mean "not set".
func w3cTime(t time.Time) string {
	if t.IsZero() || t.Unix() == 0 {
		return ""
	}
	return t.UTC().Format(w3cTimeLayout)
}

// nonEmpty returns nil for an empty list, so that omitempty drops it.
func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/civicchain/civic/x/did/types"
)

// w3cDocument is a W3C DID Core document in its JSON representation, as far as
// types.DidDocument holds it.
type w3cDocument struct {
	Context              json.RawMessage   `json:"@context,omitempty"`
	ID                   string            `json:"id"`
	Controller           stringOrList      `json:"controller,omitempty"`
	VerificationMethod   []w3cMethod       `json:"verificationMethod,omitempty"`
	Authentication       []json.RawMessage `json:"authentication,omitempty"`
	AssertionMethod      []json.RawMessage `json:"assertionMethod,omitempty"`
	KeyAgreement         []json.RawMessage `json:"keyAgreement,omitempty"`
	CapabilityInvocation []json.RawMessage `json:"capabilityInvocation,omitempty"`
	CapabilityDelegation []json.RawMessage `json:"capabilityDelegation,omitempty"`
	Service              []w3cService      `json:"service,omitempty"`
	AlsoKnownAs          []string          `json:"alsoKnownAs,omitempty"`
}

type w3cMethod struct {
	ID                 string  `json:"id"`
	Type               string  `json:"type"`
	Controller         string  `json:"controller"`
	PublicKeyMultibase string  `json:"publicKeyMultibase,omitempty"`
	PublicKeyJwk       *w3cJwk `json:"publicKeyJwk,omitempty"`
}

type w3cJwk struct {
	Kty string `json:"kty"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
	Kid string `json:"kid,omitempty"`
}

type w3cService struct {
	ID              string       `json:"id"`
	Type            string       `json:"type"`
	ServiceEndpoint stringOrList `json:"serviceEndpoint"`
}

// stringOrList is a JSON string or an array of strings (W3C controller, serviceEndpoint).
type stringOrList []string

func (s *stringOrList) UnmarshalJSON(bz []byte) error {
	bz = bytes.TrimSpace(bz)
	if len(bz) > 0 && bz[0] == '"' {
		var one string
		if err := json.Unmarshal(bz, &one); err != nil {
			return err
		}
		*s = stringOrList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(bz, &many); err != nil {
		return errors.New("expected a string or an array of strings")
	}
	*s = many
	return nil
}

// ParseDocument reads a W3C JSON DID document into a types.DidDocument. "@context" is
// accepted and dropped; an unknown property, an embedded verification method in a
// relationship or a service endpoint map is an error. Ids and references starting with "#"
// are made absolute with the document's id. An account controller may be given as its
// bech32 address or as did:pkh:cosmos:<chain id>:<address>, the way the resolver renders
// it (types.ResolutionJSON), so that a resolved document can be edited and sent back;
// chainID, when not empty, must then be the chain id it names. The chain validates the rest.
func ParseDocument(bz []byte, chainID string) (types.DidDocument, error) {
	dec := json.NewDecoder(bytes.NewReader(bz))
	dec.DisallowUnknownFields()
	var w w3cDocument
	if err := dec.Decode(&w); err != nil {
		return types.DidDocument{}, fmt.Errorf("not a W3C JSON DID document (supported properties: @context, id, controller, verificationMethod, authentication, assertionMethod, keyAgreement, capabilityInvocation, capabilityDelegation, service, alsoKnownAs): %w", err)
	}
	if dec.More() {
		return types.DidDocument{}, errors.New("trailing data after the document")
	}
	if w.ID == "" {
		return types.DidDocument{}, errors.New("the document has no id")
	}
	abs := func(ref string) string {
		if strings.HasPrefix(ref, "#") {
			return w.ID + ref
		}
		return ref
	}
	doc := types.DidDocument{Id: w.ID, AlsoKnownAs: w.AlsoKnownAs}
	for _, c := range w.Controller {
		if rest, ok := strings.CutPrefix(c, types.PkhCosmosPrefix); ok {
			i := strings.LastIndexByte(rest, ':')
			if i <= 0 || i == len(rest)-1 {
				return types.DidDocument{}, fmt.Errorf("controller %q is not did:pkh:cosmos:<chain id>:<address>", c)
			}
			if chainID != "" && rest[:i] != chainID {
				return types.DidDocument{}, fmt.Errorf("controller %q names chain %q, not this chain (%s)", c, rest[:i], chainID)
			}
			c = rest[i+1:]
		}
		doc.Controller = append(doc.Controller, c)
	}
	for i, m := range w.VerificationMethod {
		vm := types.VerificationMethod{
			Id:                 abs(m.ID),
			Type:               m.Type,
			Controller:         m.Controller,
			PublicKeyMultibase: m.PublicKeyMultibase,
		}
		if vm.Controller == "" {
			return types.DidDocument{}, fmt.Errorf("verificationMethod[%d] (%s) has no controller", i, m.ID)
		}
		if m.PublicKeyJwk != nil {
			vm.PublicKeyJwk = &types.Jwk{Kty: m.PublicKeyJwk.Kty, Crv: m.PublicKeyJwk.Crv, X: m.PublicKeyJwk.X, Y: m.PublicKeyJwk.Y, Kid: m.PublicKeyJwk.Kid}
		}
		doc.VerificationMethod = append(doc.VerificationMethod, vm)
	}
	rels := []struct {
		name string
		in   []json.RawMessage
		out  *[]string
	}{
		{"authentication", w.Authentication, &doc.Authentication},
		{"assertionMethod", w.AssertionMethod, &doc.AssertionMethod},
		{"keyAgreement", w.KeyAgreement, &doc.KeyAgreement},
		{"capabilityInvocation", w.CapabilityInvocation, &doc.CapabilityInvocation},
		{"capabilityDelegation", w.CapabilityDelegation, &doc.CapabilityDelegation},
	}
	for _, rel := range rels {
		for i, raw := range rel.in {
			var ref string
			if err := json.Unmarshal(raw, &ref); err != nil {
				return types.DidDocument{}, fmt.Errorf("%s[%d]: only references (DID URLs of verificationMethod entries) are supported, not embedded verification methods", rel.name, i)
			}
			*rel.out = append(*rel.out, abs(ref))
		}
	}
	for i, s := range w.Service {
		if len(s.ServiceEndpoint) == 0 {
			return types.DidDocument{}, fmt.Errorf("service[%d] (%s) has no serviceEndpoint", i, s.ID)
		}
		doc.Service = append(doc.Service, types.Service{Id: abs(s.ID), Type: s.Type, ServiceEndpoint: []string(s.ServiceEndpoint)})
	}
	return doc, nil
}

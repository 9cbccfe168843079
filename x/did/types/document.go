package types

import (
	"slices"
	"strconv"
	"strings"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/internal/uri"
)

// Bounds of a DID document. ValidateDocument checks every count and then
// every length before it parses anything, so that the work it does is bounded
// by these numbers.
const (
	// MaxControllers bounds DidDocument.controller.
	MaxControllers = 16
	// MaxVerificationMethods bounds DidDocument.verificationMethod.
	MaxVerificationMethods = 32
	// MaxRelationshipEntries bounds each verification relationship.
	MaxRelationshipEntries = 64
	// MaxServices bounds DidDocument.service.
	MaxServices = 16
	// MaxServiceEndpoints bounds the endpoints of one service.
	MaxServiceEndpoints = 8
	// MaxAlsoKnownAs bounds DidDocument.alsoKnownAs.
	MaxAlsoKnownAs = 16
	// MaxTypeLength bounds a verification method or service type.
	MaxTypeLength = 64
	// MaxURILength bounds a service endpoint, an alsoKnownAs entry and a locator.
	MaxURILength = uri.MaxLength
	// MaxJwkFieldLength bounds each member of a publicKeyJwk.
	MaxJwkFieldLength = 128
	// MaxMultibaseLength bounds publicKeyMultibase.
	MaxMultibaseLength = 256
)

// Service types a document may declare: the W3C DID Specification Registries'
// service types an institution's issuer or verifier publishes, and
// CredentialRegistry. A code from this vocabulary, never free text.
var ServiceTypes = []string{
	"CredentialRegistry",
	"DIDCommMessaging",
	"DecentralizedWebNode",
	"LinkedDomains",
	"LinkedVerifiablePresentation",
	"OID4VCI",
	"OID4VP",
}

// Verification relationship names, as W3C DID Core spells them.
const (
	RelAuthentication       = "authentication"
	RelAssertionMethod      = "assertionMethod"
	RelKeyAgreement         = "keyAgreement"
	RelCapabilityInvocation = "capabilityInvocation"
	RelCapabilityDelegation = "capabilityDelegation"
)

// relationship is one verification relationship of a document.
type relationship struct {
	name    string
	entries []string
}

// relationships lists the document's verification relationships in W3C order.
func (d DidDocument) relationships() [5]relationship {
	return [5]relationship{
		{RelAuthentication, d.Authentication},
		{RelAssertionMethod, d.AssertionMethod},
		{RelKeyAgreement, d.KeyAgreement},
		{RelCapabilityInvocation, d.CapabilityInvocation},
		{RelCapabilityDelegation, d.CapabilityDelegation},
	}
}

// ValidateDocument runs every stateless check of a DID document, in this order:
//
//  1. id is a did:civic DID (ErrInvalidDid);
//  2. counts, then lengths, against the Max* bounds (ErrTooManyEntries,
//     ErrFieldTooLong), then the protobuf size against maxBytes
//     (ErrDocumentTooLarge);
//  3. controllers: each either a did:civic DID (a malformed DID or another
//     method: ErrInvalidDid) or a canonical bech32 account address of ac (a
//     malformed or non-canonical address: sdkerrors.ErrInvalidAddress); an
//     empty or repeated entry: ErrInvalidDocument;
//  4. verification methods: id a DID URL of this document (ErrInvalidDidURL,
//     ErrInvalidVerification), unique across methods and services
//     (ErrDuplicateID), controller a did:civic DID (ErrInvalidDid), type
//     supported (ErrUnsupportedKeyType), exactly one key form fitting the type
//     (ErrInvalidVerification) and a key that decodes (ErrInvalidKey);
//  5. verification relationships: DID URLs (ErrInvalidDidURL) of this
//     document's methods (ErrDanglingReference), none twice in one
//     relationship (ErrDuplicateID);
//  6. services: id a DID URL of this document, unique (ErrDuplicateID), type
//     one of ServiceTypes, 1..8 endpoints each an https URL of the strict
//     grammar of internal/uri: no user information, query, fragment,
//     percent-encoding or digit run of a phone or registration number
//     (ErrInvalidServiceEntry);
//  7. alsoKnownAs: a did:civic DID, a did:web DID, a did:key DID of a key,
//     or an https URL as for endpoints; none twice (ErrInvalidDocument);
//  8. someone can still change the document (ErrControllerLockout): an
//     account controller, or a controller DID other than the document itself
//     (whose existence the keeper checks), or a self-controlled document
//     (listed, or an empty controller list) with an authentication key that
//     can sign proofs.
//
// Every error names the offending entry.
func ValidateDocument(doc DidDocument, maxBytes int, ac address.Codec) error {
	return validateDocument(doc, maxBytes, ac, true)
}

// validateDocument is ValidateDocument, with the lockout rule (8) only when
// lockout is set: a deactivated version is final and need not be changeable.
func validateDocument(doc DidDocument, maxBytes int, ac address.Codec, lockout bool) error {
	if err := ValidateDid(doc.Id); err != nil {
		return errorsmod.Wrap(err, "document id")
	}
	if err := checkDocumentBounds(doc); err != nil {
		return err
	}
	if maxBytes <= 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "max document bytes must be positive, got %d", maxBytes)
	}
	if n := doc.Size(); n > maxBytes {
		return errorsmod.Wrapf(ErrDocumentTooLarge, "document %s is %d bytes, at most %d", doc.Id, n, maxBytes)
	}
	if err := validateControllers(doc, ac); err != nil {
		return err
	}
	ids := make(map[string]struct{}, len(doc.VerificationMethod)+len(doc.Service))
	for i, vm := range doc.VerificationMethod {
		if err := validateVerificationMethod(doc.Id, vm); err != nil {
			return errorsmod.Wrapf(err, "verificationMethod[%d] %s", i, text.Quote(vm.Id))
		}
		if _, dup := ids[vm.Id]; dup {
			return errorsmod.Wrapf(ErrDuplicateID, "verificationMethod[%d]: id %s is used twice", i, text.Quote(vm.Id))
		}
		ids[vm.Id] = struct{}{}
	}
	methods := ids // only methods so far; services are added below
	for _, rel := range doc.relationships() {
		seen := make(map[string]struct{}, len(rel.entries))
		for i, ref := range rel.entries {
			if _, _, err := ParseDidURL(ref); err != nil {
				return errorsmod.Wrapf(err, "%s[%d]", rel.name, i)
			}
			if _, ok := methods[ref]; !ok {
				return errorsmod.Wrapf(ErrDanglingReference, "%s[%d] %s names no verification method of %s", rel.name, i, text.Quote(ref), doc.Id)
			}
			if _, dup := seen[ref]; dup {
				return errorsmod.Wrapf(ErrDuplicateID, "%s[%d]: %s is listed twice", rel.name, i, text.Quote(ref))
			}
			seen[ref] = struct{}{}
		}
	}
	for i, s := range doc.Service {
		if err := validateService(doc.Id, s); err != nil {
			return errorsmod.Wrapf(err, "service[%d] %s", i, text.Quote(s.Id))
		}
		if _, dup := ids[s.Id]; dup {
			return errorsmod.Wrapf(ErrDuplicateID, "service[%d]: id %s is already used by a verification method or service", i, text.Quote(s.Id))
		}
		ids[s.Id] = struct{}{}
	}
	aka := make(map[string]struct{}, len(doc.AlsoKnownAs))
	for i, u := range doc.AlsoKnownAs {
		if err := validateAlsoKnownAs(u); err != nil {
			return errorsmod.Wrapf(err, "alsoKnownAs[%d]", i)
		}
		if _, dup := aka[u]; dup {
			return errorsmod.Wrapf(ErrInvalidDocument, "alsoKnownAs[%d]: %s is listed twice", i, text.Quote(u))
		}
		aka[u] = struct{}{}
	}
	if !lockout {
		return nil
	}
	return checkControllerLockout(doc)
}

// checkDocumentBounds checks every count and then every length of doc.
func checkDocumentBounds(doc DidDocument) error {
	count := func(what string, n, max int) error {
		if n > max {
			return errorsmod.Wrapf(ErrTooManyEntries, "%s has %d entries, at most %d", what, n, max)
		}
		return nil
	}
	if err := count("controller", len(doc.Controller), MaxControllers); err != nil {
		return err
	}
	if err := count("verificationMethod", len(doc.VerificationMethod), MaxVerificationMethods); err != nil {
		return err
	}
	for _, rel := range doc.relationships() {
		if err := count(rel.name, len(rel.entries), MaxRelationshipEntries); err != nil {
			return err
		}
	}
	if err := count("service", len(doc.Service), MaxServices); err != nil {
		return err
	}
	for i, s := range doc.Service {
		if err := count("service["+strconv.Itoa(i)+"].serviceEndpoint", len(s.ServiceEndpoint), MaxServiceEndpoints); err != nil {
			return err
		}
	}
	if err := count("alsoKnownAs", len(doc.AlsoKnownAs), MaxAlsoKnownAs); err != nil {
		return err
	}

	length := func(what string, i int, s string, max int) error {
		if len(s) > max {
			return errorsmod.Wrapf(ErrFieldTooLong, "%s[%d] is %d bytes, at most %d", what, i, len(s), max)
		}
		return nil
	}
	for i, c := range doc.Controller {
		if err := length("controller", i, c, MaxDidURLLength); err != nil {
			return err
		}
	}
	for i, vm := range doc.VerificationMethod {
		if err := length("verificationMethod.id", i, vm.Id, MaxDidURLLength); err != nil {
			return err
		}
		if err := length("verificationMethod.type", i, vm.Type, MaxTypeLength); err != nil {
			return err
		}
		if err := length("verificationMethod.controller", i, vm.Controller, MaxDidURLLength); err != nil {
			return err
		}
		if err := length("verificationMethod.publicKeyMultibase", i, vm.PublicKeyMultibase, MaxMultibaseLength); err != nil {
			return err
		}
		if vm.PublicKeyJwk != nil {
			if err := checkJwkBounds(*vm.PublicKeyJwk); err != nil {
				return errorsmod.Wrapf(err, "verificationMethod[%d]", i)
			}
		}
	}
	for _, rel := range doc.relationships() {
		for i, ref := range rel.entries {
			if err := length(rel.name, i, ref, MaxDidURLLength); err != nil {
				return err
			}
		}
	}
	for i, s := range doc.Service {
		if err := length("service.id", i, s.Id, MaxDidURLLength); err != nil {
			return err
		}
		if err := length("service.type", i, s.Type, MaxTypeLength); err != nil {
			return err
		}
		for j, e := range s.ServiceEndpoint {
			if err := length("service["+strconv.Itoa(i)+"].serviceEndpoint", j, e, MaxURILength); err != nil {
				return err
			}
		}
	}
	for i, u := range doc.AlsoKnownAs {
		if err := length("alsoKnownAs", i, u, MaxURILength); err != nil {
			return err
		}
	}
	return nil
}

// validateControllers checks the controller list (see ValidateDocument, 3).
func validateControllers(doc DidDocument, ac address.Codec) error {
	seen := make(map[string]struct{}, len(doc.Controller))
	for i, c := range doc.Controller {
		switch {
		case c == "":
			return errorsmod.Wrapf(ErrInvalidDocument, "controller[%d] is empty", i)
		case IsDidController(c):
			if err := ValidateDid(c); err != nil {
				return errorsmod.Wrapf(err, "controller[%d]", i)
			}
		default:
			if err := ValidateAccountAddress(ac, c); err != nil {
				return errorsmod.Wrapf(err, "controller[%d]", i)
			}
		}
		if _, dup := seen[c]; dup {
			return errorsmod.Wrapf(ErrInvalidDocument, "controller[%d]: %s is listed twice", i, text.Quote(c))
		}
		seen[c] = struct{}{}
	}
	return nil
}

// ValidateAccountAddress checks that s is an account address of ac in its
// canonical spelling (bech32, lowercase), so that one account has one entry
// string. It fails with sdkerrors.ErrInvalidAddress.
func ValidateAccountAddress(ac address.Codec, s string) error {
	if ac == nil {
		return errorsmod.Wrap(sdkerrors.ErrInvalidAddress, "no address codec")
	}
	bz, err := ac.StringToBytes(s)
	if err != nil {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s is neither a did:civic DID nor an account address: %s", text.Quote(s), err)
	}
	if len(bz) == 0 {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s is an empty address", text.Quote(s))
	}
	canonical, err := ac.BytesToString(bz)
	if err != nil || canonical != s {
		return errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "account address %s is not in its canonical form %s", text.Quote(s), text.Quote(canonical))
	}
	return nil
}

// checkEntryID requires the id of an entry of the document did (a method or a
// service) to be a DID URL of did; a DID URL of another DID fails with
// errType.
func checkEntryID(did, id string, errType *errorsmod.Error) error {
	idDid, _, err := ParseDidURL(id)
	if err != nil {
		return errorsmod.Wrap(err, "id")
	}
	if idDid != did {
		return errorsmod.Wrapf(errType, "id must be a DID URL of %s (%s#<fragment>)", did, did)
	}
	return nil
}

// validateVerificationMethod checks one method of the document did.
func validateVerificationMethod(did string, vm VerificationMethod) error {
	if err := checkEntryID(did, vm.Id, ErrInvalidVerification); err != nil {
		return err
	}
	if err := ValidateDid(vm.Controller); err != nil {
		return errorsmod.Wrap(err, "controller")
	}
	if _, err := decodeVerificationKey(vm); err != nil {
		return err
	}
	return nil
}

// validateService checks one service of the document did.
func validateService(did string, s Service) error {
	if err := checkEntryID(did, s.Id, ErrInvalidServiceEntry); err != nil {
		return err
	}
	if !slices.Contains(ServiceTypes, s.Type) {
		return errorsmod.Wrapf(ErrInvalidServiceEntry, "type %s is not one of %s", text.Quote(s.Type), strings.Join(ServiceTypes, ", "))
	}
	if len(s.ServiceEndpoint) == 0 {
		return errorsmod.Wrap(ErrInvalidServiceEntry, "serviceEndpoint is empty (want 1 to 8 https URLs)")
	}
	for i, e := range s.ServiceEndpoint {
		if err := uri.HTTPS("serviceEndpoint["+strconv.Itoa(i)+"]", e); err != nil {
			return errorsmod.Wrap(ErrInvalidServiceEntry, err.Error())
		}
	}
	return nil
}

// Prefixes of the DIDs alsoKnownAs accepts besides did:civic.
const (
	didWebPrefix = "did:web:"
	didKeyPrefix = "did:key:"
)

// validateAlsoKnownAs checks an alsoKnownAs entry: another name of the same
// institution, so one of
//
//	did:civic:<id>                 a DID of this method (ValidateDid)
//	did:web:<host>(:<segment>)*    host a DNS name, segments of [A-Za-z0-9._~-] (internal/uri)
//	did:key:z<base58btc>           an Ed25519 or secp256k1 public key
//	https://<host>/<path>          the strict https grammar of internal/uri
//
// Anything else — a name, a number, a mailto: or tel: URI — fails with
// ErrInvalidDocument.
func validateAlsoKnownAs(u string) error {
	switch {
	case strings.HasPrefix(u, DidMethodPrefix):
		if err := ValidateDid(u); err != nil {
			return errorsmod.Wrap(ErrInvalidDocument, err.Error())
		}
	case strings.HasPrefix(u, didWebPrefix):
		parts := strings.Split(u[len(didWebPrefix):], ":")
		if err := uri.DNSName("did:web host", parts[0]); err != nil {
			return errorsmod.Wrap(ErrInvalidDocument, err.Error())
		}
		for i, seg := range parts[1:] {
			if err := uri.Segment("did:web path segment "+strconv.Itoa(i+1), seg, MaxFragmentLength); err != nil {
				return errorsmod.Wrap(ErrInvalidDocument, err.Error())
			}
		}
	case strings.HasPrefix(u, didKeyPrefix):
		mb := u[len(didKeyPrefix):]
		ed := VerificationMethod{Type: KeyTypeEd25519, PublicKeyMultibase: mb}
		secp := VerificationMethod{Type: KeyTypeSecp256k1, PublicKeyMultibase: mb}
		if _, err := decodeVerificationKey(ed); err != nil {
			if _, err := decodeVerificationKey(secp); err != nil {
				return errorsmod.Wrapf(ErrInvalidDocument, "%s is not a did:key of an Ed25519 or secp256k1 key", text.Quote(u))
			}
		}
	case strings.HasPrefix(u, "https:"):
		if err := uri.HTTPS("URL", u); err != nil {
			return errorsmod.Wrap(ErrInvalidDocument, err.Error())
		}
	default:
		return errorsmod.Wrapf(ErrInvalidDocument, "%s is not a did:civic, did:web or did:key DID or an https URL", text.Quote(u))
	}
	return nil
}

// checkControllerLockout fails with ErrControllerLockout unless someone can
// still change doc (ValidateDocument, 8). doc's references are expected to be
// validated already.
func checkControllerLockout(doc DidDocument) error {
	if len(doc.AccountControllers()) > 0 {
		return nil
	}
	for _, c := range doc.DidControllers() {
		if c != doc.Id {
			return nil
		}
	}
	for _, ref := range doc.Authentication {
		if vm, ok := doc.Method(ref); ok && CanSignProofs(vm) {
			return nil
		}
	}
	return errorsmod.Wrapf(ErrControllerLockout,
		"%s would have no account controller, no other controller DID and no authentication key of its own that can sign a proof", doc.Id)
}

// CanSignProofs reports whether vm holds a key that can sign DID proofs: a
// valid Ed25519, secp256k1 or P-256 key of a supported type.
func CanSignProofs(vm VerificationMethod) bool {
	if len(vm.PublicKeyMultibase) > MaxMultibaseLength || (vm.PublicKeyJwk != nil && checkJwkBounds(*vm.PublicKeyJwk) != nil) {
		return false
	}
	pk, err := decodeVerificationKey(vm)
	return err == nil && (pk.algo == algoEd25519 || pk.algo == algoSecp256k1 || pk.algo == algoP256)
}

// Method returns the verification method of d with the DID URL id.
func (d DidDocument) Method(id string) (VerificationMethod, bool) {
	for _, vm := range d.VerificationMethod {
		if vm.Id == id {
			return vm, true
		}
	}
	return VerificationMethod{}, false
}

// IsAuthentication reports whether vmID is listed in d's authentication
// relationship and names one of d's verification methods.
func (d DidDocument) IsAuthentication(vmID string) bool {
	return d.inRelationship(d.Authentication, vmID)
}

// IsAssertionMethod reports whether vmID is listed in d's assertionMethod
// relationship and names one of d's verification methods.
func (d DidDocument) IsAssertionMethod(vmID string) bool {
	return d.inRelationship(d.AssertionMethod, vmID)
}

// inRelationship reports whether vmID is one of refs (a relationship of d)
// and names one of d's verification methods.
func (d DidDocument) inRelationship(refs []string, vmID string) bool {
	if !slices.Contains(refs, vmID) {
		return false
	}
	_, ok := d.Method(vmID)
	return ok
}

// AccountControllers returns the account-address entries of d.controller, in order.
func (d DidDocument) AccountControllers() []string {
	var out []string
	for _, c := range d.Controller {
		if IsAccountAddress(c) {
			out = append(out, c)
		}
	}
	return out
}

// DidControllers returns the DID entries of d.controller, in order (d's own
// id included when it is listed). An empty controller list means the DID
// controls itself, so then it returns d's own id.
func (d DidDocument) DidControllers() []string {
	if len(d.Controller) == 0 {
		return []string{d.Id}
	}
	var out []string
	for _, c := range d.Controller {
		if IsDidController(c) {
			out = append(out, c)
		}
	}
	return out
}

// SelfControlled reports whether d controls itself: its own id is listed as a
// controller, or the controller list is empty.
func (d DidDocument) SelfControlled() bool {
	for _, c := range d.DidControllers() {
		if c == d.Id {
			return true
		}
	}
	return false
}

// IsDidController reports whether a controller entry is spelled as a DID
// ("did:" prefix). It classifies; ValidateDocument checks the entry is valid.
func IsDidController(s string) bool { return strings.HasPrefix(s, "did:") }

// IsAccountAddress reports whether a controller entry is spelled as an
// account address (non-empty, not a DID). It classifies; ValidateDocument
// checks the address decodes in its canonical form.
func IsAccountAddress(s string) bool { return s != "" && !IsDidController(s) }

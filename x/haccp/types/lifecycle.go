package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/lifecycle"
)

// CertificateTransitions is THE certificate lifecycle: the only stored status
// changes a certificate version may make. EXPIRED is never stored (it is read
// from valid_until), and RENEW writes a new ACTIVE version instead of changing
// the status of the old one.
var CertificateTransitions = lifecycle.Table[CertificateStatus]{
	{From: CertificateStatusActive, To: CertificateStatusSuspended},  // SuspendCertificate
	{From: CertificateStatusSuspended, To: CertificateStatusActive},  // ReinstateCertificate
	{From: CertificateStatusActive, To: CertificateStatusRevoked},    // RevokeCertificate
	{From: CertificateStatusSuspended, To: CertificateStatusRevoked}, // RevokeCertificate
}

// DeclarationTransitions is THE import declaration lifecycle. RecordInspection
// with PASS keeps the declaration INSPECTING (the inspection result changes).
// Every status that is not final has a way out that does not depend on one
// party: the importer may withdraw until a decision, the inspector decides the
// inspection, and customs either clears or refuses clearance.
var DeclarationTransitions = lifecycle.Table[DeclarationStatus]{
	{From: DeclarationStatusDeclared, To: DeclarationStatusInspecting},  // StartInspection
	{From: DeclarationStatusInspecting, To: DeclarationStatusRejected},  // RecordInspection(FAIL), RefuseClearance (after PASS)
	{From: DeclarationStatusInspecting, To: DeclarationStatusCleared},   // ClearDeclaration (after PASS)
	{From: DeclarationStatusCleared, To: DeclarationStatusRecalled},     // IssueRecall naming it
	{From: DeclarationStatusDeclared, To: DeclarationStatusWithdrawn},   // WithdrawDeclaration
	{From: DeclarationStatusInspecting, To: DeclarationStatusWithdrawn}, // WithdrawDeclaration
}

// HygieneCertTransitions is THE hygiene certificate lifecycle.
var HygieneCertTransitions = lifecycle.Table[HygieneCertStatus]{
	{From: HygieneCertStatusReceived, To: HygieneCertStatusVerified}, // VerifyHygieneCert(accept)
	{From: HygieneCertStatusReceived, To: HygieneCertStatusRejected}, // VerifyHygieneCert(reject)
	{From: HygieneCertStatusVerified, To: HygieneCertStatusUsed},     // ClearDeclaration
}

// CoversLot reports whether a declaration's items include the lot a hygiene
// certificate was issued for: a certificate serves only a declaration of its
// lot.
func CoversLot(h HygieneCertificate, items []ImportItem) bool {
	for _, it := range items {
		if it.Lot == h.Lot {
			return true
		}
	}
	return false
}

// CanTransitionCertificate reports whether the certificate lifecycle has the edge from -> to.
func CanTransitionCertificate(from, to CertificateStatus) bool {
	return CertificateTransitions.Allows(from, to)
}

// ValidateCertificateTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateCertificateTransition(from, to CertificateStatus) error {
	return invalidTransition(CertificateTransitions.Check("certificate", from, to))
}

// CanTransitionDeclaration reports whether the declaration lifecycle has the edge from -> to.
func CanTransitionDeclaration(from, to DeclarationStatus) bool {
	return DeclarationTransitions.Allows(from, to)
}

// ValidateDeclarationTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateDeclarationTransition(from, to DeclarationStatus) error {
	return invalidTransition(DeclarationTransitions.Check("declaration", from, to))
}

// CanTransitionHygieneCert reports whether the hygiene certificate lifecycle has the edge from -> to.
func CanTransitionHygieneCert(from, to HygieneCertStatus) bool {
	return HygieneCertTransitions.Allows(from, to)
}

// ValidateHygieneCertTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateHygieneCertTransition(from, to HygieneCertStatus) error {
	return invalidTransition(HygieneCertTransitions.Check("hygiene certificate", from, to))
}

// invalidTransition wraps a lifecycle.Table.Check failure in ErrInvalidTransition.
func invalidTransition(err error) error {
	if err == nil {
		return nil
	}
	return errorsmod.Wrap(ErrInvalidTransition, err.Error())
}

package types

import errorsmod "cosmossdk.io/errors"

// CertificateTransition is one legal edge of the certificate lifecycle.
type CertificateTransition struct {
	From CertificateStatus
	To   CertificateStatus
}

// CertificateTransitions is THE certificate lifecycle: the only stored status
// changes a certificate version may make. EXPIRED is never stored (it is read
// from valid_until), and RENEW writes a new ACTIVE version instead of changing
// the status of the old one.
var CertificateTransitions = []CertificateTransition{
	{CertificateStatusActive, CertificateStatusSuspended},  // SuspendCertificate
	{CertificateStatusSuspended, CertificateStatusActive},  // ReinstateCertificate
	{CertificateStatusActive, CertificateStatusRevoked},    // RevokeCertificate
	{CertificateStatusSuspended, CertificateStatusRevoked}, // RevokeCertificate
}

// DeclarationTransition is one legal edge of the import declaration lifecycle.
type DeclarationTransition struct {
	From DeclarationStatus
	To   DeclarationStatus
}

// DeclarationTransitions is THE import declaration lifecycle. RecordInspection
// with PASS keeps the declaration INSPECTING (the inspection result changes).
// Every status that is not final has a way out that does not depend on one
// party: the importer may withdraw until a decision, the inspector decides the
// inspection, and customs either clears or refuses clearance.
var DeclarationTransitions = []DeclarationTransition{
	{DeclarationStatusDeclared, DeclarationStatusInspecting},  // StartInspection
	{DeclarationStatusInspecting, DeclarationStatusRejected},  // RecordInspection(FAIL), RefuseClearance (after PASS)
	{DeclarationStatusInspecting, DeclarationStatusCleared},   // ClearDeclaration (after PASS)
	{DeclarationStatusCleared, DeclarationStatusRecalled},     // IssueRecall naming it
	{DeclarationStatusDeclared, DeclarationStatusWithdrawn},   // WithdrawDeclaration
	{DeclarationStatusInspecting, DeclarationStatusWithdrawn}, // WithdrawDeclaration
}

// HygieneCertTransition is one legal edge of the hygiene certificate lifecycle.
type HygieneCertTransition struct {
	From HygieneCertStatus
	To   HygieneCertStatus
}

// HygieneCertTransitions is THE hygiene certificate lifecycle.
var HygieneCertTransitions = []HygieneCertTransition{
	{HygieneCertStatusReceived, HygieneCertStatusVerified}, // VerifyHygieneCert(accept)
	{HygieneCertStatusReceived, HygieneCertStatusRejected}, // VerifyHygieneCert(reject)
	{HygieneCertStatusVerified, HygieneCertStatusUsed},     // ClearDeclaration
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
	for _, t := range CertificateTransitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// ValidateCertificateTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateCertificateTransition(from, to CertificateStatus) error {
	if !CanTransitionCertificate(from, to) {
		return errorsmod.Wrapf(ErrInvalidTransition, "certificate cannot go from %s to %s", from.Label(), to.Label())
	}
	return nil
}

// CanTransitionDeclaration reports whether the declaration lifecycle has the edge from -> to.
func CanTransitionDeclaration(from, to DeclarationStatus) bool {
	for _, t := range DeclarationTransitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// ValidateDeclarationTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateDeclarationTransition(from, to DeclarationStatus) error {
	if !CanTransitionDeclaration(from, to) {
		return errorsmod.Wrapf(ErrInvalidTransition, "declaration cannot go from %s to %s", from.Label(), to.Label())
	}
	return nil
}

// CanTransitionHygieneCert reports whether the hygiene certificate lifecycle has the edge from -> to.
func CanTransitionHygieneCert(from, to HygieneCertStatus) bool {
	for _, t := range HygieneCertTransitions {
		if t.From == from && t.To == to {
			return true
		}
	}
	return false
}

// ValidateHygieneCertTransition returns ErrInvalidTransition, naming the
// current and the requested status, unless the lifecycle has the edge.
func ValidateHygieneCertTransition(from, to HygieneCertStatus) error {
	if !CanTransitionHygieneCert(from, to) {
		return errorsmod.Wrapf(ErrInvalidTransition, "hygiene certificate cannot go from %s to %s", from.Label(), to.Label())
	}
	return nil
}

package keeper

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

// Stateless validation of the import messages: hygiene certificates,
// declarations, inspection, clearance and import-confirmation shares. Like
// validate.go, every bound and grammar is checked before the msg server
// touches the store, and the decoded signer is returned.

// ---- hygiene certificates ----

func validateReceiveHygieneCert(ac address.Codec, msg *types.MsgReceiveHygieneCert) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer,
		validateHygieneCertRef(msg.Country, msg.CertNo),
		types.ValidateName("issuing_authority", msg.IssuingAuthority, types.MaxIssuingAuthorityLength),
		types.ValidateName("product", msg.Product, types.MaxProductLength),
		types.ValidateLot(msg.Lot),
		types.ValidateDigest("document_digest", msg.DocumentDigest),
		requireFacilityID("importer_facility_id", msg.ImporterFacilityId),
	)
}

// validateVerifyHygieneCert requires a reason code when rejecting; it is
// optional when verifying.
func validateVerifyHygieneCert(ac address.Codec, msg *types.MsgVerifyHygieneCert) (sdk.AccAddress, error) {
	return validSigner(ac, "inspector", msg.Inspector,
		validateHygieneCertRef(msg.Country, msg.CertNo),
		reasonCode(msg.ReasonCode, !msg.Verified),
	)
}

// validateHygieneCertRef checks the key of a hygiene certificate: its
// issuing country and its number there.
func validateHygieneCertRef(country, certNo string) error {
	if err := types.ValidateCountry(country); err != nil {
		return err
	}
	return types.ValidateHygieneCertNo(certNo)
}

// ---- declarations ----

// validateDeclareImport checks a declaration against the hard bound of
// params (types.MaxMaxItemsPerDeclaration items); the msg server then checks
// the item count against the current params.max_items_per_declaration.
func validateDeclareImport(ac address.Codec, msg *types.MsgDeclareImport) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer,
		types.ValidateDeclNo(msg.DeclNo),
		requireFacilityID("importer_facility_id", msg.ImporterFacilityId),
		types.ValidateItems(msg.Items, types.MaxMaxItemsPerDeclaration),
		validateHygieneCertRef(msg.HygieneCertCountry, msg.HygieneCertNo),
	)
}

func validateStartInspection(ac address.Codec, msg *types.MsgStartInspection) (sdk.AccAddress, error) {
	return validSigner(ac, "inspector", msg.Inspector, types.ValidateDeclNo(msg.DeclNo))
}

// validateRecordInspection accepts only PASS or FAIL, with a report digest.
func validateRecordInspection(ac address.Codec, msg *types.MsgRecordInspection) (sdk.AccAddress, error) {
	return validSigner(ac, "inspector", msg.Inspector,
		types.ValidateDeclNo(msg.DeclNo),
		validateInspectionResult(msg.Result),
		types.ValidateDigest("report_digest", msg.ReportDigest),
	)
}

func validateInspectionResult(r types.InspectionResult) error {
	if r != types.InspectionResultPass && r != types.InspectionResultFail {
		return errorsmod.Wrapf(types.ErrInvalidInspection, "result must be PASS or FAIL, got %s", r)
	}
	return nil
}

func validateClearDeclaration(ac address.Codec, msg *types.MsgClearDeclaration) (sdk.AccAddress, error) {
	return validSigner(ac, "customs", msg.Customs, types.ValidateDeclNo(msg.DeclNo), types.ValidateCustomsRef(msg.CustomsRef))
}

func validateWithdrawDeclaration(ac address.Codec, msg *types.MsgWithdrawDeclaration) (sdk.AccAddress, error) {
	return validSigner(ac, "signer", msg.Signer, types.ValidateDeclNo(msg.DeclNo))
}

func validateRefuseClearance(ac address.Codec, msg *types.MsgRefuseClearance) (sdk.AccAddress, error) {
	return validSigner(ac, "customs", msg.Customs, types.ValidateDeclNo(msg.DeclNo), types.ValidateReasonCode(msg.ReasonCode))
}

// ---- shares ----

// shareFieldCount is the number of named share fields, ITEMS (1) .. INSPECTION (6).
const shareFieldCount = int(types.ShareFieldInspection)

// validateShareImportConfirmation checks the disclosed fields (1..6, named,
// unique) and that undisclosed carries exactly one digest for every other
// field and none for a disclosed one.
func validateShareImportConfirmation(ac address.Codec, msg *types.MsgShareImportConfirmation) (sdk.AccAddress, error) {
	addr, err := validSigner(ac, "signer", msg.Signer, types.ValidateDeclNo(msg.DeclNo), types.ValidatePartner(msg.Partner))
	if err != nil {
		return nil, err
	}
	if len(msg.Disclose) == 0 || len(msg.Disclose) > shareFieldCount {
		return nil, errorsmod.Wrapf(types.ErrInvalidShare, "disclose must name 1..%d fields, got %d", shareFieldCount, len(msg.Disclose))
	}
	disclosed := make(map[types.ShareField]bool, len(msg.Disclose))
	for i, field := range msg.Disclose {
		if !field.IsValid() {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "disclose[%d] %s is not a share field", i, field)
		}
		if disclosed[field] {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "disclose names %s twice", field.Label())
		}
		disclosed[field] = true
	}
	if len(msg.Undisclosed) > shareFieldCount {
		return nil, errorsmod.Wrapf(types.ErrInvalidShare, "undisclosed has %d entries, at most %d", len(msg.Undisclosed), shareFieldCount)
	}
	committed := make(map[types.ShareField]bool, len(msg.Undisclosed))
	for i, v := range msg.Undisclosed {
		if !v.Field.IsValid() {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "undisclosed[%d] field %s is not a share field", i, v.Field)
		}
		if disclosed[v.Field] {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "field %s is disclosed and must have no digest", v.Field.Label())
		}
		if committed[v.Field] {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "field %s has more than one digest", v.Field.Label())
		}
		if v.Value != "" {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "field %s is not disclosed: it carries a digest, not a value", v.Field.Label())
		}
		if err := types.ValidateSharedValue(v); err != nil {
			return nil, err
		}
		committed[v.Field] = true
	}
	for n := 1; n <= shareFieldCount; n++ {
		field := types.ShareField(n)
		if !disclosed[field] && !committed[field] {
			return nil, errorsmod.Wrapf(types.ErrInvalidShare, "field %s is neither disclosed nor given a digest", field.Label())
		}
	}
	return addr, nil
}

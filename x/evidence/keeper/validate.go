package keeper

import (
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/x/evidence/types"
)

// Stateless validation of every message. Each validator checks every bound and
// grammar before the msg server touches the store, and returns the decoded
// signer. It needs no state, so FuzzValidate* can drive it directly.

// parseAddress is accaddr.Parse: a message's account address, canonical.
func parseAddress(ac address.Codec, field, addr string) (sdk.AccAddress, error) {
	return accaddr.Parse(ac, field, addr)
}

func requireID(field string, id uint64) error {
	if id == 0 {
		return errorsmod.Wrapf(types.ErrInvalidID, "%s must be set (ids start at 1)", field)
	}
	return nil
}

// evidenceAction is the shape of the messages that act on one item with an
// optional note: TakeCustody, Accept/Reject/CancelTransfer, StartAnalysis,
// Archive, Dispose, Return.
func validateEvidenceAction(ac address.Codec, signerField, signer string, evidenceID uint64, noteDigest string) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, signerField, signer)
	if err != nil {
		return nil, err
	}
	if err := requireID("evidence_id", evidenceID); err != nil {
		return nil, err
	}
	if err := types.ValidateOptionalDigest("note_digest", noteDigest); err != nil {
		return nil, err
	}
	return addr, nil
}

// evidenceDigest is the shape of the messages that act on one item and record
// a required digest instead of a note: CompleteAnalysis, SubmitToCourt,
// VerifyIntegrity.
func validateEvidenceDigest(ac address.Codec, signerField, signer string, evidenceID uint64, digestField, digest string) (sdk.AccAddress, error) {
	addr, err := validateEvidenceAction(ac, signerField, signer, evidenceID, "")
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateDigest(digestField, digest)
}

func validateOpenCase(ac address.Codec, msg *types.MsgOpenCase) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "investigator", msg.Investigator)
	if err != nil {
		return nil, err
	}
	return addr, types.ValidateDigest("reference_digest", msg.ReferenceDigest)
}

func validateCloseCase(ac address.Codec, msg *types.MsgCloseCase) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "investigator", msg.Investigator)
	if err != nil {
		return nil, err
	}
	return addr, requireID("case_id", msg.CaseId)
}

func validateRegisterEvidence(ac address.Codec, msg *types.MsgRegisterEvidence, now time.Time) (sdk.AccAddress, error) {
	addr, err := parseAddress(ac, "investigator", msg.Investigator)
	if err != nil {
		return nil, err
	}
	if err := requireID("case_id", msg.CaseId); err != nil {
		return nil, err
	}
	if err := types.ValidateExhibitNumber(msg.ExhibitNumber); err != nil {
		return nil, err
	}
	if err := types.ValidateDigest("digest", msg.Digest); err != nil {
		return nil, err
	}
	if err := types.ValidateSize(msg.SizeBytes); err != nil {
		return nil, err
	}
	if err := types.ValidateMediaType(msg.MediaType); err != nil {
		return nil, err
	}
	if err := types.ValidateLocator(msg.Locator); err != nil {
		return nil, err
	}
	if err := types.ValidateAcquisition(msg.Acquisition, now); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateTakeCustody(ac address.Codec, msg *types.MsgTakeCustody) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "custodian", msg.Custodian, msg.EvidenceId, msg.NoteDigest)
}

// validateProposeTransfer also requires the receiver to be a canonical address
// other than the signer's; the handler decodes it again for x/agency.
func validateProposeTransfer(ac address.Codec, msg *types.MsgProposeTransfer) (sdk.AccAddress, error) {
	signer, err := validateEvidenceAction(ac, "custodian", msg.Custodian, msg.EvidenceId, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	receiver, err := parseAddress(ac, "receiver", msg.Receiver)
	if err != nil {
		return nil, err
	}
	if signer.Equals(receiver) {
		return nil, errorsmod.Wrap(types.ErrInvalidReceiver, "receiver is the custodian proposing the transfer")
	}
	return signer, nil
}

func validateAcceptTransfer(ac address.Codec, msg *types.MsgAcceptTransfer) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "receiver", msg.Receiver, msg.EvidenceId, msg.NoteDigest)
}

func validateRejectTransfer(ac address.Codec, msg *types.MsgRejectTransfer) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "receiver", msg.Receiver, msg.EvidenceId, msg.NoteDigest)
}

func validateCancelTransfer(ac address.Codec, msg *types.MsgCancelTransfer) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "proposer", msg.Proposer, msg.EvidenceId, msg.NoteDigest)
}

func validateStartAnalysis(ac address.Codec, msg *types.MsgStartAnalysis) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "analyst", msg.Analyst, msg.EvidenceId, msg.NoteDigest)
}

func validateCompleteAnalysis(ac address.Codec, msg *types.MsgCompleteAnalysis) (sdk.AccAddress, error) {
	return validateEvidenceDigest(ac, "analyst", msg.Analyst, msg.EvidenceId, "report_digest", msg.ReportDigest)
}

func validateSubmitToCourt(ac address.Codec, msg *types.MsgSubmitToCourt) (sdk.AccAddress, error) {
	return validateEvidenceDigest(ac, "prosecutor", msg.Prosecutor, msg.EvidenceId, "court_ref_digest", msg.CourtRefDigest)
}

func validateRecordCourtDecision(ac address.Codec, msg *types.MsgRecordCourtDecision) (sdk.AccAddress, error) {
	addr, err := validateEvidenceAction(ac, "prosecutor", msg.Prosecutor, msg.EvidenceId, msg.NoteDigest)
	if err != nil {
		return nil, err
	}
	if _, err := msg.Decision.Status(); err != nil {
		return nil, err
	}
	return addr, nil
}

func validateArchive(ac address.Codec, msg *types.MsgArchive) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "custodian", msg.Custodian, msg.EvidenceId, msg.NoteDigest)
}

func validateDispose(ac address.Codec, msg *types.MsgDispose) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "custodian", msg.Custodian, msg.EvidenceId, msg.NoteDigest)
}

func validateReturn(ac address.Codec, msg *types.MsgReturn) (sdk.AccAddress, error) {
	return validateEvidenceAction(ac, "custodian", msg.Custodian, msg.EvidenceId, msg.NoteDigest)
}

func validateVerifyIntegrity(ac address.Codec, msg *types.MsgVerifyIntegrity) (sdk.AccAddress, error) {
	return validateEvidenceDigest(ac, "verifier", msg.Verifier, msg.EvidenceId, "digest", msg.Digest)
}

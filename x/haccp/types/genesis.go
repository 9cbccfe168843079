package types

import (
	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:          DefaultParams(),
		NextFacilityId:  1,
		NextCcpRecordId: 1,
		NextRecallId:    1,
		NextShareId:     1,
	}
}

// hygieneKey identifies a hygiene certificate: (country, cert_no).
type hygieneKey struct{ country, certNo string }

// Validate checks the genesis state is one the msg server could have produced:
// unique ids below the next ids, every reference resolving (staff, certificate,
// CCP record and recall to a facility; certificate events to a certificate
// version; a declaration to an IMPORTER facility and its hygiene certificate;
// recalls and shares to declarations), certificate versions numbered 1..n and
// events 1..n in (cert_no, ·) order, unique customs references, and every field
// well-formed. Addresses are checked by ValidateAddresses, which needs the
// chain's address codec. Maps here are only looked up, never iterated.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextFacilityId == 0 || gs.NextCcpRecordId == 0 || gs.NextRecallId == 0 || gs.NextShareId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_facility_id, next_ccp_record_id, next_recall_id and next_share_id start at 1")
	}

	// Facilities and staff.
	facilities := make(map[uint64]Facility, len(gs.Facilities))
	for _, f := range gs.Facilities {
		if err := genesisio.CheckID("facility", f.Id, gs.NextFacilityId, facilities); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validateFacilityFields(f); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: %s", f.Id, err)
		}
		facilities[f.Id] = f
	}
	staff := make(map[FacilityStaffEntry]struct{}, len(gs.Staff))
	staffCount := make(map[uint64]uint64, len(gs.Facilities))
	for _, s := range gs.Staff {
		f, ok := facilities[s.FacilityId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "staff %s: unknown facility %d", text.Quote(s.Address), s.FacilityId)
		}
		if s.Address == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: staff address is empty", s.FacilityId)
		}
		if s.Address == f.Operator {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: the operator %s is listed as staff", s.FacilityId, text.Quote(s.Address))
		}
		if _, dup := staff[s]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: staff %s listed twice", s.FacilityId, text.Quote(s.Address))
		}
		staff[s] = struct{}{}
		staffCount[s.FacilityId]++
	}
	for _, f := range gs.Facilities {
		if f.StaffCount != staffCount[f.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: staff_count is %d but %d staff entries name it", f.Id, f.StaffCount, staffCount[f.Id])
		}
		if f.StaffCount > uint64(gs.Params.MaxStaffPerFacility) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "facility %d: %d staff, at most %d", f.Id, f.StaffCount, gs.Params.MaxStaffPerFacility)
		}
	}

	// Certificates: every version, ordered by (cert_no, version), versions 1..n.
	latest := make(map[string]Certificate, len(gs.Certificates))
	for i, c := range gs.Certificates {
		if err := validateCertificateFields(c); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s version %d: %s", text.Quote(c.CertNo), c.Version, err)
		}
		if _, ok := facilities[c.FacilityId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s version %d: unknown facility %d", text.Quote(c.CertNo), c.Version, c.FacilityId)
		}
		prev, seen := latest[c.CertNo]
		if i > 0 && gs.Certificates[i-1].CertNo > c.CertNo {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificates must be ordered by cert_no: %s follows %s", text.Quote(c.CertNo), text.Quote(gs.Certificates[i-1].CertNo))
		}
		if seen && gs.Certificates[i-1].CertNo != c.CertNo {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s: versions are not contiguous", text.Quote(c.CertNo))
		}
		want := uint64(1)
		if seen {
			want = prev.Version + 1
			if prev.FacilityId != c.FacilityId {
				return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s version %d: facility %d differs from version %d's facility %d", text.Quote(c.CertNo), c.Version, c.FacilityId, prev.Version, prev.FacilityId)
			}
			if c.ValidFrom.Before(prev.ValidFrom) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s version %d starts before version %d (IsCertValid searches versions by valid_from)", text.Quote(c.CertNo), c.Version, prev.Version)
			}
		}
		if c.Version != want {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s: version %d where %d is expected", text.Quote(c.CertNo), c.Version, want)
		}
		latest[c.CertNo] = c
	}

	// Certificate events: ordered by (cert_no, seq), seq 1..n, for existing certificates.
	lastSeq := make(map[string]uint64, len(latest))
	lastEvent := make(map[string]CertificateEvent, len(latest))
	for i, e := range gs.CertificateEvents {
		c, ok := latest[e.CertNo]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate event %d: unknown certificate %s", e.Seq, text.Quote(e.CertNo))
		}
		if i > 0 && gs.CertificateEvents[i-1].CertNo > e.CertNo {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate events must be ordered by cert_no: %s follows %s", text.Quote(e.CertNo), text.Quote(gs.CertificateEvents[i-1].CertNo))
		}
		if e.Seq != lastSeq[e.CertNo]+1 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s: event seq %d follows %d (want %d)", text.Quote(e.CertNo), e.Seq, lastSeq[e.CertNo], lastSeq[e.CertNo]+1)
		}
		if err := validateCertificateEventFields(e); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s event %d: %s", text.Quote(e.CertNo), e.Seq, err)
		}
		if e.Version == 0 || e.Version > c.Version {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s event %d: version %d must be in 1..%d", text.Quote(e.CertNo), e.Seq, e.Version, c.Version)
		}
		if prev, ok := lastEvent[e.CertNo]; ok && e.Version < prev.Version {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s event %d: version %d goes back from %d", text.Quote(e.CertNo), e.Seq, e.Version, prev.Version)
		}
		if prev, ok := lastEvent[e.CertNo]; ok && e.Time.Before(prev.Time) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s event %d is older than event %d (block times never go back)", text.Quote(e.CertNo), e.Seq, prev.Seq)
		}
		lastSeq[e.CertNo] = e.Seq
		lastEvent[e.CertNo] = e
	}
	for i, c := range gs.Certificates {
		if i+1 < len(gs.Certificates) && gs.Certificates[i+1].CertNo == c.CertNo {
			continue // only the latest version carries the current status
		}
		ev, ok := lastEvent[c.CertNo]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s has no events", text.Quote(c.CertNo))
		}
		if ev.Version != c.Version || ev.Status != c.Status {
			return errorsmod.Wrapf(ErrInvalidGenesis, "certificate %s is version %d %s but its last event says version %d %s", text.Quote(c.CertNo), c.Version, c.Status.Label(), ev.Version, ev.Status.Label())
		}
	}

	// CCP records.
	ccpIDs := make(map[uint64]struct{}, len(gs.CcpRecords))
	for _, r := range gs.CcpRecords {
		if err := genesisio.CheckID("CCP record", r.Id, gs.NextCcpRecordId, ccpIDs); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		ccpIDs[r.Id] = struct{}{}
		if _, ok := facilities[r.FacilityId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CCP record %d: unknown facility %d", r.Id, r.FacilityId)
		}
		if err := validateCcpRecordFields(r); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "CCP record %d: %s", r.Id, err)
		}
	}

	// Hygiene certificates, unique by (country, cert_no).
	hygiene := make(map[hygieneKey]HygieneCertificate, len(gs.HygieneCertificates))
	for _, h := range gs.HygieneCertificates {
		k := hygieneKey{h.Country, h.CertNo}
		if err := validateHygieneCertFields(h); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "hygiene certificate %s/%s: %s", text.Quote(h.Country), text.Quote(h.CertNo), err)
		}
		if _, dup := hygiene[k]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate hygiene certificate %s/%s", h.Country, h.CertNo)
		}
		if f, ok := facilities[h.ImporterFacilityId]; !ok || f.Type != FacilityTypeImporter {
			return errorsmod.Wrapf(ErrInvalidGenesis, "hygiene certificate %s/%s: importer facility %d is not an IMPORTER facility", h.Country, h.CertNo, h.ImporterFacilityId)
		}
		hygiene[k] = h
	}

	// Declarations.
	decls := make(map[string]ImportDeclaration, len(gs.Declarations))
	customsRefs := make(map[string]string, len(gs.Declarations))
	for _, d := range gs.Declarations {
		if err := ValidateDeclNo(d.DeclNo); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if _, dup := decls[d.DeclNo]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate declaration %s", d.DeclNo)
		}
		f, ok := facilities[d.ImporterFacilityId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s: unknown importer facility %d", d.DeclNo, d.ImporterFacilityId)
		}
		if f.Type != FacilityTypeImporter {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s: facility %d is %s, not IMPORTER", d.DeclNo, f.Id, f.Type.Label())
		}
		if err := validateDeclarationFields(d, gs.Params.MaxItemsPerDeclaration); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s: %s", d.DeclNo, err)
		}
		h, ok := hygiene[hygieneKey{d.HygieneCertCountry, d.HygieneCertNo}]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s: unknown hygiene certificate %s/%s", d.DeclNo, text.Quote(d.HygieneCertCountry), text.Quote(d.HygieneCertNo))
		}
		if h.ImporterFacilityId != d.ImporterFacilityId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s of facility %d names hygiene certificate %s/%s of facility %d", d.DeclNo, d.ImporterFacilityId, h.Country, h.CertNo, h.ImporterFacilityId)
		}
		if !CoversLot(h, d.Items) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s declares no item of hygiene certificate %s/%s's lot %s", d.DeclNo, h.Country, h.CertNo, text.Quote(h.Lot))
		}
		if (d.Status != DeclarationStatusWithdrawn) != (h.HeldBy == d.DeclNo) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s is %s but hygiene certificate %s/%s is held by %s (a declaration holds its certificate until withdrawn)", d.DeclNo, d.Status.Label(), h.Country, h.CertNo, text.Quote(h.HeldBy))
		}
		cleared := d.Status == DeclarationStatusCleared || d.Status == DeclarationStatusRecalled
		if cleared && (h.Status != HygieneCertStatusUsed || h.UsedBy != d.DeclNo) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s is %s but hygiene certificate %s/%s is %s used by %s", d.DeclNo, d.Status.Label(), h.Country, h.CertNo, h.Status.Label(), text.Quote(h.UsedBy))
		}
		if d.CustomsRef != "" {
			if other, dup := customsRefs[d.CustomsRef]; dup {
				return errorsmod.Wrapf(ErrInvalidGenesis, "declarations %s and %s share customs_ref %s", other, d.DeclNo, d.CustomsRef)
			}
			customsRefs[d.CustomsRef] = d.DeclNo
		}
		decls[d.DeclNo] = d
	}
	for _, h := range gs.HygieneCertificates {
		if h.HeldBy != "" {
			if d, ok := decls[h.HeldBy]; !ok || d.HygieneCertCountry != h.Country || d.HygieneCertNo != h.CertNo {
				return errorsmod.Wrapf(ErrInvalidGenesis, "hygiene certificate %s/%s: held_by %s is not a declaration naming it", h.Country, h.CertNo, text.Quote(h.HeldBy))
			}
		}
		if h.UsedBy == "" {
			continue
		}
		d, ok := decls[h.UsedBy]
		if !ok || d.HygieneCertCountry != h.Country || d.HygieneCertNo != h.CertNo ||
			(d.Status != DeclarationStatusCleared && d.Status != DeclarationStatusRecalled) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "hygiene certificate %s/%s: used_by %s is not a cleared declaration using it", h.Country, h.CertNo, text.Quote(h.UsedBy))
		}
	}

	// Recalls.
	recalls := make(map[uint64]Recall, len(gs.Recalls))
	for _, r := range gs.Recalls {
		if err := genesisio.CheckID("recall", r.Id, gs.NextRecallId, recalls); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validateRecallFields(r, gs.Params.MaxRecallTargets); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "recall %d: %s", r.Id, err)
		}
		if r.FacilityId != 0 {
			if _, ok := facilities[r.FacilityId]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "recall %d: unknown facility %d", r.Id, r.FacilityId)
			}
		}
		for _, no := range r.DeclarationNos {
			if _, ok := decls[no]; !ok {
				return errorsmod.Wrapf(ErrInvalidGenesis, "recall %d: unknown declaration %s", r.Id, text.Quote(no))
			}
		}
		recalls[r.Id] = r
	}
	for _, d := range gs.Declarations {
		if (d.Status == DeclarationStatusRecalled) != (d.RecallId != 0) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s is %s: recall_id is set exactly for RECALLED declarations", d.DeclNo, d.Status.Label())
		}
		if d.RecallId == 0 {
			continue
		}
		r, ok := recalls[d.RecallId]
		if !ok || !containsString(r.DeclarationNos, d.DeclNo) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "declaration %s: recall %d does not exist or does not name it", d.DeclNo, d.RecallId)
		}
	}

	// Shares.
	shares := make(map[uint64]struct{}, len(gs.Shares))
	for _, s := range gs.Shares {
		if err := genesisio.CheckID("share", s.Id, gs.NextShareId, shares); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		shares[s.Id] = struct{}{}
		if _, ok := decls[s.DeclNo]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "share %d: unknown declaration %s", s.Id, text.Quote(s.DeclNo))
		}
		if err := validateShareFields(s); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "share %d: %s", s.Id, err)
		}
	}
	return nil
}

// ValidateAddresses checks every address in the state decodes with the chain's codec
// and is in its canonical (lowercase) form (accaddr.Parse, as in messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: invalid address %s: %s", what, text.Quote(addr), err)
		}
		return nil
	}
	optional := func(what, addr string) error {
		if addr == "" {
			return nil
		}
		return check(what, addr)
	}
	for _, f := range gs.Facilities {
		if err := check("facility operator", f.Operator); err != nil {
			return err
		}
	}
	for _, s := range gs.Staff {
		if err := check("facility staff", s.Address); err != nil {
			return err
		}
	}
	for _, c := range gs.Certificates {
		if err := check("certificate certifier", c.Certifier); err != nil {
			return err
		}
	}
	for _, e := range gs.CertificateEvents {
		if err := check("certificate event actor", e.Actor); err != nil {
			return err
		}
	}
	for _, r := range gs.CcpRecords {
		if err := check("CCP record recorded_by", r.RecordedBy); err != nil {
			return err
		}
		if r.CorrectiveAction != nil {
			if err := check("corrective action recorded_by", r.CorrectiveAction.RecordedBy); err != nil {
				return err
			}
		}
	}
	for _, h := range gs.HygieneCertificates {
		if err := check("hygiene certificate received_by", h.ReceivedBy); err != nil {
			return err
		}
	}
	for _, d := range gs.Declarations {
		if err := check("declaration declared_by", d.DeclaredBy); err != nil {
			return err
		}
		if err := optional("declaration inspected_by", d.InspectedBy); err != nil {
			return err
		}
		if err := optional("declaration cleared_by", d.ClearedBy); err != nil {
			return err
		}
	}
	for _, r := range gs.Recalls {
		if err := check("recall issued_by", r.IssuedBy); err != nil {
			return err
		}
	}
	for _, s := range gs.Shares {
		if err := check("share shared_by", s.SharedBy); err != nil {
			return err
		}
	}
	return nil
}

func validateFacilityFields(f Facility) error {
	if f.Operator == "" {
		return errorsmod.Wrap(ErrInvalidFacility, "operator is required")
	}
	if err := ValidateDigest("business_registration_digest", f.BusinessRegistrationDigest); err != nil {
		return err
	}
	if !f.Type.IsValid() {
		return errorsmod.Wrapf(ErrInvalidFacility, "invalid type %s", f.Type)
	}
	if err := ValidateName("name", f.Name, MaxFacilityNameLength); err != nil {
		return err
	}
	if err := ValidateRegionCode(f.RegionCode); err != nil {
		return err
	}
	if f.RegisteredAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidFacility, "registered_at is required")
	}
	return nil
}

func validateCertificateFields(c Certificate) error {
	if err := ValidateCertNo(c.CertNo); err != nil {
		return err
	}
	if err := ValidateScope(c.Scope); err != nil {
		return err
	}
	if err := ValidatePeriod(c.ValidFrom, c.ValidUntil); err != nil {
		return err
	}
	if !c.Status.IsStored() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "status %s is not a stored status", c.Status)
	}
	if c.LastAudit != nil {
		if !c.LastAudit.Result.IsValid() || c.LastAudit.At.IsZero() {
			return errorsmod.Wrap(ErrInvalidAudit, "last_audit needs a result and a time")
		}
		if err := ValidateDigest("last_audit.report_digest", c.LastAudit.ReportDigest); err != nil {
			return err
		}
	}
	if err := agencytypes.ValidateAgencyID(c.AgencyId); err != nil {
		return err
	}
	if c.Certifier == "" {
		return errorsmod.Wrap(ErrInvalidGenesis, "certifier is required")
	}
	return ValidateOptionalReasonCode(c.ReasonCode)
}

func validateCertificateEventFields(e CertificateEvent) error {
	if !e.Action.IsValid() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "invalid action %s", e.Action)
	}
	if !e.Status.IsStored() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "status %s is not a stored status", e.Status)
	}
	if (e.Seq == 1) != (e.Action == CertificateActionIssued) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "the first event, and only it, is ISSUED (got %s)", e.Action.Label())
	}
	if e.Actor == "" || e.Time.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "actor and time are required")
	}
	return ValidateOptionalReasonCode(e.ReasonCode)
}

func validateCcpRecordFields(r CcpRecord) error {
	if err := ValidateCcpCode(r.CcpCode); err != nil {
		return err
	}
	if r.RecordedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidCcpRecord, "recorded_at is required")
	}
	if err := ValidateCcpPeriod(r.PeriodStart, r.PeriodEnd, r.RecordedAt); err != nil {
		return err
	}
	if err := ValidateDigest("log_digest", r.LogDigest); err != nil {
		return err
	}
	if r.RecordedBy == "" {
		return errorsmod.Wrap(ErrInvalidCcpRecord, "recorded_by is required")
	}
	if ca := r.CorrectiveAction; ca != nil {
		if !r.Deviation {
			return errorsmod.Wrap(ErrNoDeviation, "a corrective action without a deviation")
		}
		if err := ValidateDigest("corrective_action.action_digest", ca.ActionDigest); err != nil {
			return err
		}
		if ca.RecordedBy == "" || ca.RecordedAt.IsZero() {
			return errorsmod.Wrap(ErrInvalidCcpRecord, "corrective_action needs recorded_by and recorded_at")
		}
	}
	return nil
}

func validateHygieneCertFields(h HygieneCertificate) error {
	if err := ValidateCountry(h.Country); err != nil {
		return err
	}
	if err := ValidateHygieneCertNo(h.CertNo); err != nil {
		return err
	}
	if err := ValidateName("issuing_authority", h.IssuingAuthority, MaxIssuingAuthorityLength); err != nil {
		return err
	}
	if err := ValidateName("product", h.Product, MaxProductLength); err != nil {
		return err
	}
	if err := ValidateLot(h.Lot); err != nil {
		return err
	}
	if err := ValidateDigest("document_digest", h.DocumentDigest); err != nil {
		return err
	}
	if !h.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidHygieneCert, "invalid status %s", h.Status)
	}
	if err := agencytypes.ValidateAgencyID(h.AgencyId); err != nil {
		return err
	}
	if h.ReceivedBy == "" || h.ReceivedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidHygieneCert, "received_by and received_at are required")
	}
	if (h.Status == HygieneCertStatusUsed) != (h.UsedBy != "") {
		return errorsmod.Wrapf(ErrInvalidHygieneCert, "status %s: used_by is set exactly for USED certificates", h.Status.Label())
	}
	if h.UsedBy != "" && h.HeldBy != h.UsedBy {
		return errorsmod.Wrapf(ErrInvalidHygieneCert, "used by %s but held by %s", text.Quote(h.UsedBy), text.Quote(h.HeldBy))
	}
	if h.HeldBy != "" {
		if err := ValidateDeclNo(h.HeldBy); err != nil {
			return err
		}
	}
	return ValidateOptionalReasonCode(h.ReasonCode)
}

func validateDeclarationFields(d ImportDeclaration, maxItems uint32) error {
	if err := ValidateItems(d.Items, maxItems); err != nil {
		return err
	}
	if err := ValidateCountry(d.HygieneCertCountry); err != nil {
		return err
	}
	if err := ValidateHygieneCertNo(d.HygieneCertNo); err != nil {
		return err
	}
	if !d.Status.IsValid() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "invalid status %s", d.Status)
	}
	if d.Inspection != InspectionResultUnspecified && !d.Inspection.IsValid() {
		return errorsmod.Wrapf(ErrInvalidInspection, "invalid inspection result %s", d.Inspection)
	}
	cleared := d.Status == DeclarationStatusCleared || d.Status == DeclarationStatusRecalled
	if cleared {
		if d.Inspection != InspectionResultPass {
			return errorsmod.Wrapf(ErrInspectionRequired, "status %s needs inspection PASS, got %s", d.Status.Label(), d.Inspection.Label())
		}
		if d.CustomsRef == "" || d.ClearedBy == "" {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status %s needs customs_ref and cleared_by", d.Status.Label())
		}
	} else if d.CustomsRef != "" || d.ClearedBy != "" {
		return errorsmod.Wrapf(ErrInvalidGenesis, "status %s: customs_ref and cleared_by are set only at clearance", d.Status.Label())
	}
	// REJECTED: by the inspector (FAIL, no reason code) or by customs after PASS
	// (RefuseClearance, with a reason code).
	refused := d.Status == DeclarationStatusRejected && d.Inspection == InspectionResultPass
	if d.Status == DeclarationStatusRejected && d.Inspection != InspectionResultFail && !refused {
		return errorsmod.Wrapf(ErrInvalidInspection, "status REJECTED needs inspection FAIL or, refused by customs, PASS; got %s", d.Inspection.Label())
	}
	if refused != (d.ReasonCode != "") {
		return errorsmod.Wrapf(ErrInvalidReasonCode, "status %s, inspection %s: a reason code is set exactly when customs refused clearance", d.Status.Label(), d.Inspection.Label())
	}
	if err := ValidateOptionalReasonCode(d.ReasonCode); err != nil {
		return err
	}
	if d.CustomsRef != "" {
		if err := ValidateCustomsRef(d.CustomsRef); err != nil {
			return err
		}
	}
	if err := ValidateOptionalDigest("inspection_report_digest", d.InspectionReportDigest); err != nil {
		return err
	}
	if d.DeclaredBy == "" || d.DeclaredAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidGenesis, "declared_by and declared_at are required")
	}
	return nil
}

func validateRecallFields(r Recall, maxTargets uint32) error {
	if !r.Class.IsValid() {
		return errorsmod.Wrapf(ErrInvalidRecall, "invalid class %s", r.Class)
	}
	if err := ValidateReasonCode(r.ReasonCode); err != nil {
		return err
	}
	targets := uint64(len(r.Lots)) + uint64(len(r.DeclarationNos))
	if targets > uint64(maxTargets) {
		return errorsmod.Wrapf(ErrInvalidRecall, "%d lots and declarations, at most %d", targets, maxTargets)
	}
	if targets == 0 && r.FacilityId == 0 {
		return errorsmod.Wrap(ErrInvalidRecall, "a recall names at least one lot, declaration or facility")
	}
	for i, l := range r.Lots {
		if err := ValidateLot(l); err != nil {
			return err
		}
		if i > 0 && r.Lots[i-1] >= l {
			return errorsmod.Wrapf(ErrInvalidRecall, "lots must be sorted and unique: %s follows %s", text.Quote(l), text.Quote(r.Lots[i-1]))
		}
	}
	for i, no := range r.DeclarationNos {
		if err := ValidateDeclNo(no); err != nil {
			return err
		}
		if i > 0 && r.DeclarationNos[i-1] >= no {
			return errorsmod.Wrapf(ErrInvalidRecall, "declaration_nos must be sorted and unique: %s follows %s", text.Quote(no), text.Quote(r.DeclarationNos[i-1]))
		}
	}
	if err := agencytypes.ValidateAgencyID(r.AgencyId); err != nil {
		return err
	}
	if r.IssuedBy == "" || r.IssuedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidRecall, "issued_by and issued_at are required")
	}
	if r.Active != (r.ClosedAt == nil) {
		return errorsmod.Wrap(ErrInvalidRecall, "closed_at is set exactly when the recall is closed")
	}
	if r.ClosedAt != nil && r.ClosedAt.Before(r.IssuedAt) {
		return errorsmod.Wrap(ErrInvalidRecall, "closed_at is before issued_at")
	}
	return nil
}

func validateShareFields(s ImportConfirmationShare) error {
	if err := ValidatePartner(s.Partner); err != nil {
		return err
	}
	if len(s.Values) == 0 {
		return errorsmod.Wrap(ErrInvalidShare, "a share has at least one value")
	}
	for i, v := range s.Values {
		if err := ValidateSharedValue(v); err != nil {
			return err
		}
		if i > 0 && s.Values[i-1].Field >= v.Field {
			return errorsmod.Wrapf(ErrInvalidShare, "values must be ordered by field and unique: %s follows %s", v.Field.Label(), s.Values[i-1].Field.Label())
		}
	}
	if !s.StatusAtShare.IsValid() {
		return errorsmod.Wrapf(ErrInvalidShare, "invalid status_at_share %s", s.StatusAtShare)
	}
	if s.SharedBy == "" || s.SharedAt.IsZero() {
		return errorsmod.Wrap(ErrInvalidShare, "shared_by and shared_at are required")
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

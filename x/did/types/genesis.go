package types

import (
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/genesisio"
	"github.com/civicchain/civic/internal/text"
	agencytypes "github.com/civicchain/civic/x/agency/types"
)

// DefaultGenesis is the state of a new chain: default params, nothing stored,
// ids starting at 1.
func DefaultGenesis() *GenesisState {
	return &GenesisState{
		Params:           DefaultParams(),
		NextSchemaId:     1,
		NextStatusListId: 1,
	}
}

// Validate checks the genesis state is one the msg server could have produced:
// every DID's versions numbered 1..n in order with nothing after a deactivated
// version, unique schema ids and names below the next id, issuers bound to
// existing DIDs, grants of existing issuers and schemas, status lists of bound
// issuers with their chunks inside the list. DIDs, agency ids and schema fields
// must be well formed. The documents and the addresses are checked by
// ValidateAddresses, which needs the chain's address codec.
func (gs GenesisState) Validate() error {
	if err := gs.Params.Validate(); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	if gs.NextSchemaId == 0 || gs.NextStatusListId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_schema_id and next_status_list_id start at 1")
	}

	// DIDs: versions in (did, version) order, 1..n, nothing after deactivation.
	type head struct {
		version     uint64
		deactivated bool
	}
	dids := make(map[string]head)
	prevDid := ""
	for i, v := range gs.Versions {
		did := v.Document.Id
		if err := ValidateDid(did); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "version %d: %s", i, err)
		}
		if i > 0 && did < prevDid {
			return errorsmod.Wrapf(ErrInvalidGenesis, "versions are not ordered by DID: %q after %q", did, prevDid)
		}
		prevDid = did
		h := dids[did]
		if h.deactivated {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: version %s follows the deactivated version %d", did, v.VersionId, h.version)
		}
		want := FormatVersionID(h.version + 1)
		if v.VersionId != want {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: version %q where %q was expected", did, v.VersionId, want)
		}
		wantPrev := ""
		if h.version > 0 {
			wantPrev = FormatVersionID(h.version)
		}
		if v.PreviousVersionId != wantPrev {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s version %s: previous_version_id %q, want %q", did, v.VersionId, v.PreviousVersionId, wantPrev)
		}
		if v.Created.IsZero() || v.Updated.IsZero() || v.Updated.Before(v.Created) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s version %s: created and updated are required, updated not before created", did, v.VersionId)
		}
		dids[did] = head{version: h.version + 1, deactivated: v.Deactivated}
	}

	schemas := make(map[uint64]struct{}, len(gs.Schemas))
	names := make(map[[3]string]struct{}, len(gs.Schemas))
	for _, s := range gs.Schemas {
		if err := genesisio.CheckID("schema", s.Id, gs.NextSchemaId, schemas); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if err := validateSchemaFields(s); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "schema %d: %s", s.Id, err)
		}
		schemas[s.Id] = struct{}{}
		key := [3]string{s.AgencyId, s.Name, s.Version}
		if _, dup := names[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "agency %q registers schema %s@%s twice", s.AgencyId, s.Name, s.Version)
		}
		names[key] = struct{}{}
	}

	issuers := make(map[string]string, len(gs.Issuers))
	for _, is := range gs.Issuers {
		if err := ValidateDid(is.Did); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "issuer: %s", err)
		}
		if err := agencytypes.ValidateAgencyID(is.AgencyId); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "issuer %s: %s", is.Did, err)
		}
		if _, ok := dids[is.Did]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "issuer %s: no such DID", is.Did)
		}
		if _, dup := issuers[is.Did]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "issuer %s is bound twice", is.Did)
		}
		issuers[is.Did] = is.AgencyId
	}
	grants := make(map[IssuerSchemaGrant]struct{}, len(gs.Grants))
	held := make(map[string]int, len(issuers))
	for _, g := range gs.Grants {
		if _, ok := issuers[g.Did]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant of schema %d to %s: not a bound issuer", g.SchemaId, g.Did)
		}
		if _, ok := schemas[g.SchemaId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "grant of schema %d to %s: no such schema", g.SchemaId, g.Did)
		}
		if _, dup := grants[g]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "schema %d is granted to %s twice", g.SchemaId, g.Did)
		}
		grants[g] = struct{}{}
		if held[g.Did]++; held[g.Did] > MaxIssuerSchemas {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s is granted more than %d schemas", g.Did, MaxIssuerSchemas)
		}
	}

	lists := make(map[uint64]StatusList, len(gs.StatusLists))
	for _, l := range gs.StatusLists {
		if err := genesisio.CheckID("status list", l.Id, gs.NextStatusListId, lists); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
		if _, ok := dids[l.IssuerDid]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: issuer %s is no DID", l.Id, l.IssuerDid)
		}
		if l.Purpose != StatusPurposeRevocation && l.Purpose != StatusPurposeSuspension {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: invalid purpose %s", l.Id, l.Purpose)
		}
		if l.Entries < MinStatusListEntries || l.Entries%StatusChunkBits != 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: size %d is not a multiple of %d of at least %d", l.Id, l.Entries, StatusChunkBits, MinStatusListEntries)
		}
		if err := agencytypes.ValidateAgencyID(l.AgencyId); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: %s", l.Id, err)
		}
		if l.SetCount > l.Entries {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: set_count %d exceeds its %d entries", l.Id, l.SetCount, l.Entries)
		}
		if l.Version == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: version starts at 1", l.Id)
		}
		lists[l.Id] = l
	}
	setBits := make(map[uint64]uint64, len(lists))
	var prev *StatusChunk
	for i := range gs.StatusChunks {
		c := gs.StatusChunks[i]
		l, ok := lists[c.ListId]
		if !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status chunk %d of list %d: no such list", c.Chunk, c.ListId)
		}
		if uint64(c.Chunk) >= l.Entries/StatusChunkBits {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status chunk %d of list %d: outside the list's %d entries", c.Chunk, c.ListId, l.Entries)
		}
		if uint64(len(c.Bits)) != StatusChunkBits/8 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status chunk %d of list %d: %d bytes, want %d", c.Chunk, c.ListId, len(c.Bits), StatusChunkBits/8)
		}
		if prev != nil && (c.ListId < prev.ListId || (c.ListId == prev.ListId && c.Chunk <= prev.Chunk)) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status chunks are not ordered by (list, chunk): (%d, %d) after (%d, %d)", c.ListId, c.Chunk, prev.ListId, prev.Chunk)
		}
		prev = &gs.StatusChunks[i]
		n := CountBits(c.Bits)
		if n == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status chunk %d of list %d is all zero (zero chunks are not stored)", c.Chunk, c.ListId)
		}
		setBits[c.ListId] += n
	}
	for id, l := range lists {
		if setBits[id] != l.SetCount {
			return errorsmod.Wrapf(ErrInvalidGenesis, "status list %d: set_count %d but its chunks hold %d set bits", id, l.SetCount, setBits[id])
		}
	}
	return nil
}

// ValidateAddresses checks what needs the chain's address codec: every
// version's document passes ValidateDocument (bounded by MaxMaxDocumentBytes,
// not by the current parameter, which governance may have lowered after the
// document was written; a deactivated version is not held to the lockout
// rule), and every signer, registered_by, bound_by and created_by address
// decodes and is in its canonical (lowercase) form (accaddr.Parse, as in messages).
func (gs GenesisState) ValidateAddresses(ac address.Codec) error {
	check := func(what, addr string) error {
		if _, err := accaddr.Parse(ac, what, addr); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: invalid address %s: %v", what, text.Quote(addr), err)
		}
		return nil
	}
	for _, v := range gs.Versions {
		if err := validateDocument(v.Document, int(MaxMaxDocumentBytes), ac, !v.Deactivated); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s version %s: %s", v.Document.Id, v.VersionId, err)
		}
		if err := check(v.Document.Id+" version "+v.VersionId+" signer", v.Signer); err != nil {
			return err
		}
	}
	for _, s := range gs.Schemas {
		if err := check("schema "+FormatVersionID(s.Id)+" registered_by", s.RegisteredBy); err != nil {
			return err
		}
	}
	for _, is := range gs.Issuers {
		if err := check("issuer "+is.Did+" bound_by", is.BoundBy); err != nil {
			return err
		}
	}
	for _, l := range gs.StatusLists {
		if err := check("status list "+FormatVersionID(l.Id)+" created_by", l.CreatedBy); err != nil {
			return err
		}
	}
	return nil
}

// validateSchemaFields checks the fields of a stored schema.
func validateSchemaFields(s CredentialSchema) error {
	if err := agencytypes.ValidateAgencyID(s.AgencyId); err != nil {
		return err
	}
	if err := ValidateSchemaName(s.Name); err != nil {
		return err
	}
	if err := ValidateSchemaVersion(s.Version); err != nil {
		return err
	}
	if err := ValidateDigest("json_schema_digest", s.JsonSchemaDigest); err != nil {
		return err
	}
	return ValidateLocator("locator", s.Locator)
}

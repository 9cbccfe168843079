// Package keeper holds the state of x/haccp: facilities and their staff, HACCP
// certificates with their versions and history, CCP monitoring records,
// foreign hygiene certificates, import declarations, recalls and
// import-confirmation shares.
package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/index"
	"github.com/civicchain/civic/internal/keeperbase"
	"github.com/civicchain/civic/x/haccp/types"
)

// Keeper owns the module's store. The indexes that always follow a record are
// indexes of its IndexedMap, which writes them with the record; the
// conditional ones (ActiveRecalls, RecalledLots) are business state, written
// by the recall handlers and rebuilt at InitGenesis.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]

	// LastFacilityID is the last facility id issued (0 = none yet).
	LastFacilityID collections.Sequence
	// Facilities: facility id -> Facility.
	Facilities *collections.IndexedMap[uint64, types.Facility, FacilityIndexes]
	// FacilityStaff: the set of (facility id, staff account).
	FacilityStaff *collections.IndexedMap[collections.Pair[uint64, sdk.AccAddress], collections.NoValue, StaffIndexes]

	// Certificates: cert_no -> the latest version.
	Certificates *collections.IndexedMap[string, types.Certificate, CertificateIndexes]
	// CertificateVersions: (cert_no, version) -> every version, the latest included.
	CertificateVersions collections.Map[collections.Pair[string, uint64], types.Certificate]
	// CertificateEvents: (cert_no, seq) -> CertificateEvent, append-only from seq 1.
	CertificateEvents collections.Map[collections.Pair[string, uint64], types.CertificateEvent]
	// CertificateEventHead: cert_no -> seq of its last event (a point read, not a reverse scan).
	CertificateEventHead collections.Map[string, uint64]

	// LastCcpRecordID is the last CCP record id issued (0 = none yet).
	LastCcpRecordID collections.Sequence
	// CcpRecords: record id -> CcpRecord.
	CcpRecords *collections.IndexedMap[uint64, types.CcpRecord, CcpRecordIndexes]

	// HygieneCerts: (country, cert_no) -> HygieneCertificate.
	HygieneCerts collections.Map[collections.Pair[string, string], types.HygieneCertificate]

	// Declarations: decl_no -> ImportDeclaration.
	Declarations *collections.IndexedMap[string, types.ImportDeclaration, DeclarationIndexes]

	// LastRecallID is the last recall id issued (0 = none yet).
	LastRecallID collections.Sequence
	// Recalls: recall id -> Recall.
	Recalls collections.Map[uint64, types.Recall]
	// ActiveRecalls: the ids of the recalls not closed.
	ActiveRecalls collections.KeySet[uint64]
	// RecalledLots: (lot, recall id) for the lots of active recalls, named
	// directly or through a recalled declaration's items.
	RecalledLots collections.KeySet[collections.Pair[string, uint64]]

	// LastShareID is the last share id issued (0 = none yet).
	LastShareID collections.Sequence
	// Shares: share id -> ImportConfirmationShare.
	Shares *collections.IndexedMap[uint64, types.ImportConfirmationShare, ShareIndexes]
}

// FacilityIndexes are the indexes that always follow a facility.
type FacilityIndexes struct {
	// Operator: (operator, facility id), for Facilities by operator.
	Operator *index.Keys[collections.Pair[sdk.AccAddress, uint64], uint64, types.Facility]
}

// IndexesList implements collections.Indexes.
func (i FacilityIndexes) IndexesList() []collections.Index[uint64, types.Facility] {
	return []collections.Index[uint64, types.Facility]{i.Operator}
}

// StaffIndexes are the indexes that always follow a staff entry.
type StaffIndexes struct {
	// Account: (staff account, facility id), the same entries by account.
	Account *indexes.ReversePair[uint64, sdk.AccAddress, collections.NoValue]
}

// IndexesList implements collections.Indexes.
func (i StaffIndexes) IndexesList() []collections.Index[collections.Pair[uint64, sdk.AccAddress], collections.NoValue] {
	return []collections.Index[collections.Pair[uint64, sdk.AccAddress], collections.NoValue]{i.Account}
}

// CertificateIndexes are the indexes that always follow a certificate's
// latest version (every version names the same facility).
type CertificateIndexes struct {
	// Facility: (facility id, cert_no), for CertificatesByFacility.
	Facility *index.Keys[collections.Pair[uint64, string], string, types.Certificate]
}

// IndexesList implements collections.Indexes.
func (i CertificateIndexes) IndexesList() []collections.Index[string, types.Certificate] {
	return []collections.Index[string, types.Certificate]{i.Facility}
}

// CcpRecordIndexes are the indexes that always follow a CCP record.
type CcpRecordIndexes struct {
	// Facility: (facility id, record id), for CcpRecordsByFacility.
	Facility *index.Keys[collections.Pair[uint64, uint64], uint64, types.CcpRecord]
}

// IndexesList implements collections.Indexes.
func (i CcpRecordIndexes) IndexesList() []collections.Index[uint64, types.CcpRecord] {
	return []collections.Index[uint64, types.CcpRecord]{i.Facility}
}

// DeclarationIndexes are the indexes that always follow a declaration.
type DeclarationIndexes struct {
	// Importer: (importer facility id, decl_no), for DeclarationsByImporter.
	Importer *index.Keys[collections.Pair[uint64, string], string, types.ImportDeclaration]
	// CustomsRef: customs_ref -> decl_no, from clearance on; one declaration per customs_ref.
	CustomsRef *index.OptionalUnique[string, string, types.ImportDeclaration]
	// TraceNo: (livestock trace number, decl_no) for every item with one, for
	// DeclarationsByTraceNumber.
	TraceNo *index.Keys[collections.Pair[string, string], string, types.ImportDeclaration]
}

// IndexesList implements collections.Indexes.
func (i DeclarationIndexes) IndexesList() []collections.Index[string, types.ImportDeclaration] {
	return []collections.Index[string, types.ImportDeclaration]{i.Importer, i.CustomsRef, i.TraceNo}
}

// ShareIndexes are the indexes that always follow a share.
type ShareIndexes struct {
	// Declaration: (decl_no, share id).
	Declaration *index.Keys[collections.Pair[string, uint64], uint64, types.ImportConfirmationShare]
}

// IndexesList implements collections.Indexes.
func (i ShareIndexes) IndexesList() []collections.Index[uint64, types.ImportConfirmationShare] {
	return []collections.Index[uint64, types.ImportConfirmationShare]{i.Declaration}
}

// NewKeeper builds the keeper. authority is the bech32 address of the x/gov
// module account; it panics if the address does not decode, as a wiring error.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	authority string,
	agencyKeeper types.AgencyKeeper,
) Keeper {
	if agencyKeeper == nil {
		panic(fmt.Sprintf("%s: agency keeper is required", types.ModuleName))
	}

	sb := collections.NewSchemaBuilder(storeService)
	u64, str, acc := collections.Uint64Key, collections.StringKey, sdk.AccAddressKey
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		agencyKeeper: agencyKeeper,
		authority:    keeperbase.MustAuthority(addressCodec, types.ModuleName, authority),

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		LastFacilityID: collections.NewSequence(sb, types.LastFacilityIDKey, "last_facility_id"),
		Facilities: collections.NewIndexedMap(sb, types.FacilitiesKey, "facilities", u64, codec.CollValue[types.Facility](cdc), FacilityIndexes{
			Operator: index.NewPairs(sb, types.FacilitiesByOperatorKey, "facilities_by_operator", acc, u64,
				func(_ uint64, f types.Facility) ([]sdk.AccAddress, error) {
					operator, err := addressCodec.StringToBytes(f.Operator)
					return []sdk.AccAddress{operator}, err
				}),
		}),
		FacilityStaff: collections.NewIndexedMap(sb, types.FacilityStaffKey, "facility_staff", collections.PairKeyCodec(u64, acc), collections.NoValue{}, StaffIndexes{
			Account: indexes.NewReversePair[collections.NoValue](sb, types.StaffFacilitiesKey, "staff_facilities", collections.PairKeyCodec(u64, acc)),
		}),

		Certificates: collections.NewIndexedMap(sb, types.CertificatesKey, "certificates", str, codec.CollValue[types.Certificate](cdc), CertificateIndexes{
			Facility: index.NewPairs(sb, types.CertificatesByFacilityKey, "certificates_by_facility", u64, str,
				func(_ string, c types.Certificate) ([]uint64, error) { return []uint64{c.FacilityId}, nil }),
		}),
		CertificateVersions:  collections.NewMap(sb, types.CertificateVersionsKey, "certificate_versions", collections.PairKeyCodec(str, u64), codec.CollValue[types.Certificate](cdc)),
		CertificateEvents:    collections.NewMap(sb, types.CertificateEventsKey, "certificate_events", collections.PairKeyCodec(str, u64), codec.CollValue[types.CertificateEvent](cdc)),
		CertificateEventHead: collections.NewMap(sb, types.CertificateEventHeadKey, "certificate_event_head", str, collections.Uint64Value),

		LastCcpRecordID: collections.NewSequence(sb, types.LastCcpRecordIDKey, "last_ccp_record_id"),
		CcpRecords: collections.NewIndexedMap(sb, types.CcpRecordsKey, "ccp_records", u64, codec.CollValue[types.CcpRecord](cdc), CcpRecordIndexes{
			Facility: index.NewPairs(sb, types.CcpRecordsByFacilityKey, "ccp_records_by_facility", u64, u64,
				func(_ uint64, r types.CcpRecord) ([]uint64, error) { return []uint64{r.FacilityId}, nil }),
		}),

		HygieneCerts: collections.NewMap(sb, types.HygieneCertsKey, "hygiene_certs", collections.PairKeyCodec(str, str), codec.CollValue[types.HygieneCertificate](cdc)),

		Declarations: collections.NewIndexedMap(sb, types.DeclarationsKey, "declarations", str, codec.CollValue[types.ImportDeclaration](cdc), DeclarationIndexes{
			Importer: index.NewPairs(sb, types.DeclarationsByImporterKey, "declarations_by_importer", u64, str,
				func(_ string, d types.ImportDeclaration) ([]uint64, error) {
					return []uint64{d.ImporterFacilityId}, nil
				}),
			CustomsRef: index.NewOptionalUnique(sb, types.DeclarationByCustomsRefKey, "declaration_by_customs_ref", str, str,
				func(_ string, d types.ImportDeclaration) (string, bool) { return d.CustomsRef, d.CustomsRef != "" }),
			TraceNo: index.NewPairs(sb, types.DeclarationsByTraceNoKey, "declarations_by_trace_no", str, str, traceNumbers),
		}),

		LastRecallID:  collections.NewSequence(sb, types.LastRecallIDKey, "last_recall_id"),
		Recalls:       collections.NewMap(sb, types.RecallsKey, "recalls", u64, codec.CollValue[types.Recall](cdc)),
		ActiveRecalls: collections.NewKeySet(sb, types.ActiveRecallsKey, "active_recalls", u64),
		RecalledLots:  collections.NewKeySet(sb, types.RecalledLotsKey, "recalled_lots", collections.PairKeyCodec(str, u64)),

		LastShareID: collections.NewSequence(sb, types.LastShareIDKey, "last_share_id"),
		Shares: collections.NewIndexedMap(sb, types.SharesKey, "shares", u64, codec.CollValue[types.ImportConfirmationShare](cdc), ShareIndexes{
			Declaration: index.NewPairs(sb, types.SharesByDeclarationKey, "shares_by_declaration", str, u64,
				func(_ uint64, s types.ImportConfirmationShare) ([]string, error) { return []string{s.DeclNo}, nil }),
		}),
	}
	k.Schema = keeperbase.MustBuild(sb)
	return k
}

// traceNumbers are the livestock trace numbers of a declaration's items.
func traceNumbers(_ string, d types.ImportDeclaration) ([]string, error) {
	var out []string
	for _, it := range d.Items {
		if it.LivestockTraceNo != "" {
			out = append(out, it.LivestockTraceNo)
		}
	}
	return out, nil
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string { return keeperbase.AuthorityString(k.addressCodec, k.authority) }

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

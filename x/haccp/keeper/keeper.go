// Package keeper holds the state of x/haccp: facilities and their staff, HACCP
// certificates with their versions and history, CCP monitoring records,
// foreign hygiene certificates, import declarations, recalls and
// import-confirmation shares.
package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/haccp/types"
)

// Keeper owns the module's store. Every index is written together with the
// record it points to and rebuilt from the records at InitGenesis.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	agencyKeeper types.AgencyKeeper

	// authority is the x/gov module account, kept as bytes and compared as bytes.
	authority []byte

	Schema collections.Schema
	Params collections.Item[types.Params]

	// NextFacilityID holds the last facility id issued (0 = none yet).
	NextFacilityID collections.Sequence
	// Facilities: facility id -> Facility.
	Facilities collections.Map[uint64, types.Facility]
	// FacilitiesByOperator: (operator, facility id).
	FacilitiesByOperator collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]
	// FacilityStaff: (facility id, staff account).
	FacilityStaff collections.KeySet[collections.Pair[uint64, sdk.AccAddress]]
	// StaffFacilities: (staff account, facility id), the same entries by account.
	StaffFacilities collections.KeySet[collections.Pair[sdk.AccAddress, uint64]]

	// Certificates: cert_no -> the latest version.
	Certificates collections.Map[string, types.Certificate]
	// CertificateVersions: (cert_no, version) -> every version, the latest included.
	CertificateVersions collections.Map[collections.Pair[string, uint64], types.Certificate]
	// CertificatesByFacility: (facility id, cert_no).
	CertificatesByFacility collections.KeySet[collections.Pair[uint64, string]]
	// CertificateEvents: (cert_no, seq) -> CertificateEvent, append-only from seq 1.
	CertificateEvents collections.Map[collections.Pair[string, uint64], types.CertificateEvent]
	// CertificateEventHead: cert_no -> seq of its last event (a point read, not a reverse scan).
	CertificateEventHead collections.Map[string, uint64]

	// NextCcpRecordID holds the last CCP record id issued.
	NextCcpRecordID collections.Sequence
	// CcpRecords: record id -> CcpRecord.
	CcpRecords collections.Map[uint64, types.CcpRecord]
	// CcpRecordsByFacility: (facility id, record id).
	CcpRecordsByFacility collections.KeySet[collections.Pair[uint64, uint64]]

	// HygieneCerts: (country, cert_no) -> HygieneCertificate.
	HygieneCerts collections.Map[collections.Pair[string, string], types.HygieneCertificate]

	// Declarations: decl_no -> ImportDeclaration.
	Declarations collections.Map[string, types.ImportDeclaration]
	// DeclarationsByImporter: (importer facility id, decl_no).
	DeclarationsByImporter collections.KeySet[collections.Pair[uint64, string]]
	// DeclarationByCustomsRef: customs_ref -> decl_no, set at clearance; unique.
	DeclarationByCustomsRef collections.Map[string, string]
	// DeclarationsByTraceNo: (livestock trace number, decl_no).
	DeclarationsByTraceNo collections.KeySet[collections.Pair[string, string]]

	// NextRecallID holds the last recall id issued.
	NextRecallID collections.Sequence
	// Recalls: recall id -> Recall.
	Recalls collections.Map[uint64, types.Recall]
	// ActiveRecalls: the ids of the recalls not closed.
	ActiveRecalls collections.KeySet[uint64]
	// RecalledLots: (lot, recall id) for the lots of active recalls, named
	// directly or through a recalled declaration's items.
	RecalledLots collections.KeySet[collections.Pair[string, uint64]]

	// NextShareID holds the last share id issued.
	NextShareID collections.Sequence
	// Shares: share id -> ImportConfirmationShare.
	Shares collections.Map[uint64, types.ImportConfirmationShare]
	// SharesByDeclaration: (decl_no, share id).
	SharesByDeclaration collections.KeySet[collections.Pair[string, uint64]]
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
	authorityBz, err := addressCodec.StringToBytes(authority)
	if err != nil {
		panic(fmt.Sprintf("%s: invalid authority address %q: %s", types.ModuleName, authority, err))
	}
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
		authority:    authorityBz,

		Params: collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),

		NextFacilityID:       collections.NewSequence(sb, types.NextFacilityIDKey, "next_facility_id"),
		Facilities:           collections.NewMap(sb, types.FacilitiesKey, "facilities", u64, codec.CollValue[types.Facility](cdc)),
		FacilitiesByOperator: collections.NewKeySet(sb, types.FacilitiesByOperatorKey, "facilities_by_operator", collections.PairKeyCodec(acc, u64)),
		FacilityStaff:        collections.NewKeySet(sb, types.FacilityStaffKey, "facility_staff", collections.PairKeyCodec(u64, acc)),
		StaffFacilities:      collections.NewKeySet(sb, types.StaffFacilitiesKey, "staff_facilities", collections.PairKeyCodec(acc, u64)),

		Certificates:           collections.NewMap(sb, types.CertificatesKey, "certificates", str, codec.CollValue[types.Certificate](cdc)),
		CertificateVersions:    collections.NewMap(sb, types.CertificateVersionsKey, "certificate_versions", collections.PairKeyCodec(str, u64), codec.CollValue[types.Certificate](cdc)),
		CertificatesByFacility: collections.NewKeySet(sb, types.CertificatesByFacilityKey, "certificates_by_facility", collections.PairKeyCodec(u64, str)),
		CertificateEvents:      collections.NewMap(sb, types.CertificateEventsKey, "certificate_events", collections.PairKeyCodec(str, u64), codec.CollValue[types.CertificateEvent](cdc)),
		CertificateEventHead:   collections.NewMap(sb, types.CertificateEventHeadKey, "certificate_event_head", str, collections.Uint64Value),

		NextCcpRecordID:      collections.NewSequence(sb, types.NextCcpRecordIDKey, "next_ccp_record_id"),
		CcpRecords:           collections.NewMap(sb, types.CcpRecordsKey, "ccp_records", u64, codec.CollValue[types.CcpRecord](cdc)),
		CcpRecordsByFacility: collections.NewKeySet(sb, types.CcpRecordsByFacilityKey, "ccp_records_by_facility", collections.PairKeyCodec(u64, u64)),

		HygieneCerts: collections.NewMap(sb, types.HygieneCertsKey, "hygiene_certs", collections.PairKeyCodec(str, str), codec.CollValue[types.HygieneCertificate](cdc)),

		Declarations:            collections.NewMap(sb, types.DeclarationsKey, "declarations", str, codec.CollValue[types.ImportDeclaration](cdc)),
		DeclarationsByImporter:  collections.NewKeySet(sb, types.DeclarationsByImporterKey, "declarations_by_importer", collections.PairKeyCodec(u64, str)),
		DeclarationByCustomsRef: collections.NewMap(sb, types.DeclarationByCustomsRefKey, "declaration_by_customs_ref", str, collections.StringValue),
		DeclarationsByTraceNo:   collections.NewKeySet(sb, types.DeclarationsByTraceNoKey, "declarations_by_trace_no", collections.PairKeyCodec(str, str)),

		NextRecallID:  collections.NewSequence(sb, types.NextRecallIDKey, "next_recall_id"),
		Recalls:       collections.NewMap(sb, types.RecallsKey, "recalls", u64, codec.CollValue[types.Recall](cdc)),
		ActiveRecalls: collections.NewKeySet(sb, types.ActiveRecallsKey, "active_recalls", u64),
		RecalledLots:  collections.NewKeySet(sb, types.RecalledLotsKey, "recalled_lots", collections.PairKeyCodec(str, u64)),

		NextShareID:         collections.NewSequence(sb, types.NextShareIDKey, "next_share_id"),
		Shares:              collections.NewMap(sb, types.SharesKey, "shares", u64, codec.CollValue[types.ImportConfirmationShare](cdc)),
		SharesByDeclaration: collections.NewKeySet(sb, types.SharesByDeclarationKey, "shares_by_declaration", collections.PairKeyCodec(str, u64)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// GetAuthority returns the bech32 address allowed to send MsgUpdateParams.
func (k Keeper) GetAuthority() string {
	s, err := k.addressCodec.BytesToString(k.authority)
	if err != nil {
		panic(err) // decoded in NewKeeper, so it encodes
	}
	return s
}

// AddressCodec returns the codec the keeper decodes addresses with.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

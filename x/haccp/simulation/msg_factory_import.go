package simulation

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/simulation"
	"github.com/civicchain/civic/x/haccp/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

// Operation weights of the import-side messages: the AppParams keys and their defaults.
const (
	OpWeightMsgReceiveHygieneCert      = "op_weight_msg_haccp_receive_hygiene_cert"
	OpWeightMsgVerifyHygieneCert       = "op_weight_msg_haccp_verify_hygiene_cert"
	OpWeightMsgDeclareImport           = "op_weight_msg_haccp_declare_import"
	OpWeightMsgStartInspection         = "op_weight_msg_haccp_start_inspection"
	OpWeightMsgRecordInspection        = "op_weight_msg_haccp_record_inspection"
	OpWeightMsgClearDeclaration        = "op_weight_msg_haccp_clear_declaration"
	OpWeightMsgShareImportConfirmation = "op_weight_msg_haccp_share_import_confirmation"
	OpWeightMsgRefuseClearance         = "op_weight_msg_haccp_refuse_clearance"
	OpWeightMsgWithdrawDeclaration     = "op_weight_msg_haccp_withdraw_declaration"

	DefaultWeightMsgReceiveHygieneCert      = 30
	DefaultWeightMsgVerifyHygieneCert       = 25
	DefaultWeightMsgDeclareImport           = 30
	DefaultWeightMsgStartInspection         = 25
	DefaultWeightMsgRecordInspection        = 25
	DefaultWeightMsgClearDeclaration        = 20
	DefaultWeightMsgShareImportConfirmation = 10
	DefaultWeightMsgRefuseClearance         = 3
	DefaultWeightMsgWithdrawDeclaration     = 3
)

var (
	countries = []string{"AU", "CA", "CL", "NZ", "US"}
	products  = []string{"Frozen beef", "Salmon fillet", "Cheddar cheese", "Canned tuna", "Soy sauce"}
)

// MsgReceiveHygieneCertFactory receives a foreign hygiene certificate with a fresh number
// for an IMPORTER facility, signed by a simulation account x/agency lets receive it
// (haccp.customs).
func MsgReceiveHygieneCertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgReceiveHygieneCert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgReceiveHygieneCert) {
		fs := simulation.Sample(s.Search, k.Facilities, nil, func(f types.Facility) bool { return f.Type == types.FacilityTypeImporter })
		if len(fs) == 0 {
			return simulation.Done[*types.MsgReceiveHygieneCert](s.Search, "", nil, false, "no IMPORTER facility")
		}
		importer := fs[s.R.Intn(len(fs))].Id
		country := countries[s.R.Intn(len(countries))]
		certNo := fmt.Sprintf("HC-%08d", s.R.Intn(100_000_000))
		addr, msg, ok := s.TrySigners(s.Signers(nil, true), func(addr string) sdk.Msg {
			return &types.MsgReceiveHygieneCert{
				Signer: addr, Country: country, CertNo: certNo, IssuingAuthority: "Sim Veterinary Authority",
				Product: products[s.R.Intn(len(products))], Lot: fmt.Sprintf("LOT-%06d", s.R.Intn(1_000_000)),
				DocumentDigest: RandomDigest(s.R), ImporterFacilityId: importer,
			}
		})
		return simulation.Done[*types.MsgReceiveHygieneCert](s.Search, addr, msg, ok, "")
	})
}

// MsgVerifyHygieneCertFactory verifies (nine times in ten) or rejects a RECEIVED hygiene
// certificate, signed by an inspector.
func MsgVerifyHygieneCertFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgVerifyHygieneCert] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgVerifyHygieneCert) {
		hs := simulation.Sample(s.Search, k.HygieneCerts, nil, func(h types.HygieneCertificate) bool { return h.Status == types.HygieneCertStatusReceived })
		if len(hs) == 0 {
			return simulation.Done[*types.MsgVerifyHygieneCert](s.Search, "", nil, false, "no hygiene certificate is RECEIVED")
		}
		inspectors := s.Signers(nil, true)
		for _, h := range hs {
			verified := s.R.Intn(10) != 0
			if addr, msg, ok := s.TrySigners(inspectors, func(addr string) sdk.Msg {
				m := &types.MsgVerifyHygieneCert{Inspector: addr, Country: h.Country, CertNo: h.CertNo, Verified: verified}
				if !verified {
					m.ReasonCode = randomReason(s)
				}
				return m
			}); ok {
				return simulation.Done[*types.MsgVerifyHygieneCert](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgVerifyHygieneCert](s.Search, "", nil, false, "")
	})
}

// randomItem is an import line for the product and lot of a hygiene certificate.
func randomItem(s *search, h types.HygieneCertificate) types.ImportItem {
	it := types.ImportItem{
		Product: h.Product, OriginCountry: h.Country, Lot: h.Lot,
		Quantity: 1 + uint64(s.R.Intn(10_000)), Unit: types.Units[s.R.Intn(len(types.Units))], //nolint:gosec // positive
		HsCode: "160414",
	}
	if s.R.Intn(3) == 0 {
		it.HsCode = "020130"
		it.LivestockTraceNo = fmt.Sprintf("%012d", s.R.Int63n(1_000_000_000_000))
	}
	return it
}

// MsgDeclareImportFactory declares an import against a usable hygiene certificate into the
// IMPORTER facility it names, signed by the facility's operator or staff.
func MsgDeclareImportFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeclareImport] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgDeclareImport) {
		hs := simulation.Sample(s.Search, k.HygieneCerts, nil, func(h types.HygieneCertificate) bool {
			return (h.Status == types.HygieneCertStatusReceived || h.Status == types.HygieneCertStatusVerified) && h.HeldBy == ""
		})
		if len(hs) == 0 {
			return simulation.Done[*types.MsgDeclareImport](s.Search, "", nil, false, "no usable hygiene certificate")
		}
		for _, h := range hs {
			f, err := k.Facilities.Get(s.Ctx, h.ImporterFacilityId)
			if err != nil {
				continue
			}
			declNo := fmt.Sprintf("IMP-%08d", s.R.Intn(100_000_000))
			if addr, msg, ok := s.TrySigners(s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgDeclareImport{
					Signer: addr, DeclNo: declNo, ImporterFacilityId: f.Id, Items: []types.ImportItem{randomItem(s, h)},
					HygieneCertCountry: h.Country, HygieneCertNo: h.CertNo,
				}
			}); ok {
				return simulation.Done[*types.MsgDeclareImport](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgDeclareImport](s.Search, "", nil, false, "")
	})
}

// declFactory builds the factories of the agency messages that act on one declaration
// that passes keep.
func declFactory[M sdk.Msg](k keeper.Keeper, none string, keep func(types.ImportDeclaration) bool, build func(s *search, d types.ImportDeclaration, addr string) M) simsx.SimMsgFactoryFn[M] {
	return factory(k, func(s *search) ([]simsx.SimAccount, M) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, keep)
		if len(ds) == 0 {
			return simulation.Done[M](s.Search, "", nil, false, none)
		}
		signers := s.Signers(nil, true)
		for _, d := range ds {
			if addr, msg, ok := s.TrySigners(signers, func(addr string) sdk.Msg { return build(s, d, addr) }); ok {
				return simulation.Done[M](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[M](s.Search, "", nil, false, "")
	})
}

// MsgStartInspectionFactory starts the inspection of a DECLARED declaration (an inspector).
func MsgStartInspectionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgStartInspection] {
	return declFactory(k, "no declaration is DECLARED",
		func(d types.ImportDeclaration) bool { return d.Status == types.DeclarationStatusDeclared },
		func(_ *search, d types.ImportDeclaration, addr string) *types.MsgStartInspection {
			return &types.MsgStartInspection{Inspector: addr, DeclNo: d.DeclNo}
		})
}

// MsgRecordInspectionFactory records PASS (four times in five) or FAIL for a declaration
// under inspection (an inspector).
func MsgRecordInspectionFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRecordInspection] {
	return declFactory(k, "no declaration awaits an inspection result",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection != types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgRecordInspection {
			res := types.InspectionResultPass
			if s.R.Intn(5) == 0 {
				res = types.InspectionResultFail
			}
			return &types.MsgRecordInspection{Inspector: addr, DeclNo: d.DeclNo, Result: res, ReportDigest: RandomDigest(s.R)}
		})
}

// MsgClearDeclarationFactory clears a declaration that passed inspection (customs).
func MsgClearDeclarationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClearDeclaration] {
	return declFactory(k, "no declaration passed inspection",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection == types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgClearDeclaration {
			return &types.MsgClearDeclaration{Customs: addr, DeclNo: d.DeclNo, CustomsRef: fmt.Sprintf("CUS-%010d", s.R.Int63n(10_000_000_000))}
		})
}

// MsgRefuseClearanceFactory refuses clearance of a declaration that passed inspection
// (customs).
func MsgRefuseClearanceFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRefuseClearance] {
	return declFactory(k, "no declaration passed inspection",
		func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusInspecting && d.Inspection == types.InspectionResultPass
		},
		func(s *search, d types.ImportDeclaration, addr string) *types.MsgRefuseClearance {
			return &types.MsgRefuseClearance{Customs: addr, DeclNo: d.DeclNo, ReasonCode: randomReason(s)}
		})
}

// MsgWithdrawDeclarationFactory withdraws a DECLARED or INSPECTING declaration, signed by
// the importer facility's operator or staff.
func MsgWithdrawDeclarationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdrawDeclaration] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgWithdrawDeclaration) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusDeclared || d.Status == types.DeclarationStatusInspecting
		})
		if len(ds) == 0 {
			return simulation.Done[*types.MsgWithdrawDeclaration](s.Search, "", nil, false, "no declaration is DECLARED or INSPECTING")
		}
		for _, d := range ds {
			f, err := k.Facilities.Get(s.Ctx, d.ImporterFacilityId)
			if err != nil {
				continue
			}
			if addr, msg, ok := s.TrySigners(s.Signers(s.members(f), false), func(addr string) sdk.Msg {
				return &types.MsgWithdrawDeclaration{Signer: addr, DeclNo: d.DeclNo}
			}); ok {
				return simulation.Done[*types.MsgWithdrawDeclaration](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgWithdrawDeclaration](s.Search, "", nil, false, "")
	})
}

// MsgShareImportConfirmationFactory shares a CLEARED or RECALLED declaration with a
// partner, disclosing a random non-empty subset of the fields and committing to the rest
// by digest, signed by the importer facility's operator or staff.
func MsgShareImportConfirmationFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgShareImportConfirmation] {
	return factory(k, func(s *search) ([]simsx.SimAccount, *types.MsgShareImportConfirmation) {
		ds := simulation.Sample(s.Search, k.Declarations, nil, func(d types.ImportDeclaration) bool {
			return d.Status == types.DeclarationStatusCleared || d.Status == types.DeclarationStatusRecalled
		})
		if len(ds) == 0 {
			return simulation.Done[*types.MsgShareImportConfirmation](s.Search, "", nil, false, "no declaration is CLEARED or RECALLED")
		}
		for _, d := range ds {
			f, err := k.Facilities.Get(s.Ctx, d.ImporterFacilityId)
			if err != nil {
				continue
			}
			var disclose []types.ShareField
			var undisclosed []types.SharedValue
			for n := types.ShareFieldItems; n <= types.ShareFieldInspection; n++ {
				if s.R.Intn(2) == 0 {
					disclose = append(disclose, n)
				} else {
					undisclosed = append(undisclosed, types.SharedValue{Field: n, Digest: RandomDigest(s.R)})
				}
			}
			if len(disclose) == 0 {
				disclose, undisclosed = []types.ShareField{undisclosed[0].Field}, undisclosed[1:]
			}
			partner := fmt.Sprintf("did:civic:partner%d", s.R.Intn(1000))
			if addr, msg, ok := s.TrySigners(s.Signers(append([]string{d.DeclaredBy}, s.members(f)...), false), func(addr string) sdk.Msg {
				return &types.MsgShareImportConfirmation{Signer: addr, DeclNo: d.DeclNo, Partner: partner, Disclose: disclose, Undisclosed: undisclosed}
			}); ok {
				return simulation.Done[*types.MsgShareImportConfirmation](s.Search, addr, msg, true, "")
			}
		}
		return simulation.Done[*types.MsgShareImportConfirmation](s.Search, "", nil, false, "")
	})
}

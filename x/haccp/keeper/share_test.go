package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	"github.com/civicchain/civic/x/haccp/types"
)

const partnerDID = "did:civic:partner-0001"

// The canonical JSON of each field of the cleared declaration of the fixture.
var sharedJSON = map[types.ShareField]string{
	types.ShareFieldItems: `[{"product":"Chilled beef brisket","hs_code":"0201300000","origin_country":"AU","lot":"AU-LOT-77","unit":"KG"},` +
		`{"product":"Cheddar","hs_code":"0406900000","origin_country":"NZ","lot":"NZ-CH-5","unit":"BOX"}]`,
	types.ShareFieldQuantities:  `[1200,40]`,
	types.ShareFieldOrigin:      `["AU","NZ"]`,
	types.ShareFieldHygieneCert: `{"country":"AU","cert_no":"AU-HC-2026-0001"}`,
	types.ShareFieldCustomsRef:  `"KCS-2026-000001"`,
	types.ShareFieldInspection:  `"PASS"`,
}

func (f *fixture) shareMsg(signer sdk.AccAddress, disclose ...types.ShareField) *types.MsgShareImportConfirmation {
	return &types.MsgShareImportConfirmation{
		Signer: f.s(signer), DeclNo: declNo, Partner: partnerDID,
		Disclose: disclose, Undisclosed: undisclosedExcept(disclose...),
	}
}

func TestShareImportConfirmation(t *testing.T) {
	cases := []struct {
		name     string
		signer   sdk.AccAddress
		recalled bool
		disclose []types.ShareField
		reorder  bool
	}{
		{"operator discloses some fields, given out of order", op, false,
			[]types.ShareField{types.ShareFieldInspection, types.ShareFieldItems, types.ShareFieldOrigin}, true},
		{"staff discloses every field", staff, false,
			[]types.ShareField{types.ShareFieldItems, types.ShareFieldQuantities, types.ShareFieldOrigin,
				types.ShareFieldHygieneCert, types.ShareFieldCustomsRef, types.ShareFieldInspection}, false},
		{"a recalled declaration, one field", op, true, []types.ShareField{types.ShareFieldCustomsRef}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ARRANGE
			f := newImportFixture(t)
			f.cleared()
			status := types.DeclarationStatusCleared
			if tc.recalled {
				d := f.storedDecl(declNo)
				d.Status, d.RecallId = types.DeclarationStatusRecalled, 1
				require.NoError(t, f.k.Declarations.Set(f.ctx, declNo, d))
				status = types.DeclarationStatusRecalled
			}
			msg := f.shareMsg(tc.signer, tc.disclose...)
			if tc.reorder {
				u := msg.Undisclosed
				for i, j := 0, len(u)-1; i < j; i, j = i+1, j-1 {
					u[i], u[j] = u[j], u[i]
				}
			}
			f.at(T0.Add(3 * day))
			f.freshEvents()

			// ACT
			res, err := f.msg.ShareImportConfirmation(f.ctx, msg)

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, uint64(1), res.Id)
			disclosed := map[types.ShareField]bool{}
			for _, d := range tc.disclose {
				disclosed[d] = true
			}
			var values []types.SharedValue
			var sortedDisclosed []types.ShareField
			for n := types.ShareFieldItems; n <= types.ShareFieldInspection; n++ {
				if disclosed[n] {
					values = append(values, types.SharedValue{Field: n, Value: sharedJSON[n]})
					sortedDisclosed = append(sortedDisclosed, n)
				} else {
					values = append(values, types.SharedValue{Field: n, Digest: saltedDigest})
				}
			}
			s, err := f.k.Shares.Get(f.ctx, 1)
			require.NoError(t, err)
			require.Equal(t, types.ImportConfirmationShare{
				Id: 1, DeclNo: declNo, Partner: partnerDID, Values: values, StatusAtShare: status,
				SharedBy: f.s(tc.signer), SharedAt: T0.Add(3 * day),
			}, s)
			has, err := f.k.Shares.Indexes.Declaration.Has(f.ctx, collections.Join(declNo, uint64(1)))
			require.NoError(t, err)
			require.True(t, has)
			next, err := f.k.LastShareID.Peek(f.ctx)
			require.NoError(t, err)
			require.Equal(t, uint64(1), next)
			f.requireOnlyEvent(&types.EventImportConfirmationShared{
				Id: 1, DeclNo: declNo, Partner: partnerDID, Disclosed: sortedDisclosed, Signer: f.s(tc.signer),
			})
		})
	}
}

func TestShareImportConfirmationIDs(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	f.cleared()

	// ACT
	first, err := f.msg.ShareImportConfirmation(f.ctx, f.shareMsg(op, types.ShareFieldOrigin))
	require.NoError(t, err)
	second, err := f.msg.ShareImportConfirmation(f.ctx, f.shareMsg(staff, types.ShareFieldItems))

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, []uint64{1, 2}, []uint64{first.Id, second.Id})
	require.Equal(t, []collections.Pair[string, uint64]{collections.Join(declNo, uint64(1)), collections.Join(declNo, uint64(2))},
		testkeeper.KeysOf(t, f.ctx, f.k.Shares.Indexes.Declaration))
}

func TestShareImportConfirmationRejected(t *testing.T) {
	share := func(f *fixture, edit func(*types.MsgShareImportConfirmation)) func() error {
		f.cleared()
		msg := f.shareMsg(op, types.ShareFieldOrigin, types.ShareFieldInspection)
		edit(msg)
		return func() error { _, err := f.msg.ShareImportConfirmation(f.ctx, msg); return err }
	}
	runImportRejections(t, []rejection{
		{"bad signer address", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Signer = "cosmos1xyz" })
		}, sdkerrors.ErrInvalidAddress},
		{"bad decl_no", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.DeclNo = "no" })
		}, types.ErrInvalidDeclNo},
		{"empty partner", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Partner = "" })
		}, types.ErrInvalidShare},
		{"partner with a space", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Partner = "did:civic:a b" })
		}, types.ErrInvalidShare},
		{"nothing disclosed", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Disclose, m.Undisclosed = nil, undisclosedExcept() })
		}, types.ErrInvalidShare},
		{"seven fields disclosed", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) {
				m.Disclose = []types.ShareField{1, 2, 3, 4, 5, 6, 1}
				m.Undisclosed = nil
			})
		}, types.ErrInvalidShare},
		{"UNSPECIFIED disclosed", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) {
				m.Disclose = append(m.Disclose, types.ShareFieldUnspecified)
			})
		}, types.ErrInvalidShare},
		{"unknown field disclosed", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Disclose = append(m.Disclose, 9) })
		}, types.ErrInvalidShare},
		{"field disclosed twice", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Disclose = append(m.Disclose, types.ShareFieldOrigin) })
		}, types.ErrInvalidShare},
		{"undisclosed field without a digest", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Undisclosed = m.Undisclosed[1:] })
		}, types.ErrInvalidShare},
		{"digest for a disclosed field", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) {
				m.Undisclosed = append(m.Undisclosed, types.SharedValue{Field: types.ShareFieldOrigin, Digest: saltedDigest})
			})
		}, types.ErrInvalidShare},
		{"two digests for a field", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Undisclosed = append(m.Undisclosed, m.Undisclosed[0]) })
		}, types.ErrInvalidShare},
		{"undisclosed field with a value", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Undisclosed[0].Value = `[1200,40]` })
		}, types.ErrInvalidShare},
		{"undisclosed UNSPECIFIED field", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) {
				m.Undisclosed = append(m.Undisclosed, types.SharedValue{Field: types.ShareFieldUnspecified, Digest: saltedDigest})
			})
		}, types.ErrInvalidShare},
		{"malformed digest", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Undisclosed[0].Digest = "abc" })
		}, types.ErrInvalidDigest},
		{"unknown declaration", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.DeclNo = "IMP-404" })
		}, types.ErrDeclarationNotFound},
		{"signer not operator or staff", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Signer = f.s(op2) })
		}, types.ErrNotFacilityMember},
		{"customs is not the importer", func(f *fixture) func() error {
			return share(f, func(m *types.MsgShareImportConfirmation) { m.Signer = f.s(customsOfficer) })
		}, types.ErrNotFacilityMember},
		{"declaration not cleared", func(f *fixture) func() error {
			f.passed()
			msg := f.shareMsg(op, types.ShareFieldOrigin)
			return func() error { _, err := f.msg.ShareImportConfirmation(f.ctx, msg); return err }
		}, types.ErrInvalidShare},
		{"declaration rejected", func(f *fixture) func() error {
			f.inspecting()
			f.inspect(declNo, types.InspectionResultFail)
			msg := f.shareMsg(op, types.ShareFieldInspection)
			return func() error { _, err := f.msg.ShareImportConfirmation(f.ctx, msg); return err }
		}, types.ErrInvalidShare},
	})
}

func TestShareImportConfirmationErrorNamesTheField(t *testing.T) {
	// ARRANGE
	f := newImportFixture(t)
	f.cleared()
	missing := f.shareMsg(op, types.ShareFieldOrigin)
	missing.Undisclosed = undisclosedExcept(types.ShareFieldOrigin, types.ShareFieldQuantities)
	extra := f.shareMsg(op, types.ShareFieldOrigin)
	extra.Undisclosed = append(extra.Undisclosed, types.SharedValue{Field: types.ShareFieldOrigin, Digest: saltedDigest})

	// ACT
	_, errMissing := f.msg.ShareImportConfirmation(f.ctx, missing)
	_, errExtra := f.msg.ShareImportConfirmation(f.ctx, extra)

	// ASSERT
	require.ErrorIs(t, errMissing, types.ErrInvalidShare)
	require.ErrorContains(t, errMissing, "QUANTITIES")
	require.ErrorIs(t, errExtra, types.ErrInvalidShare)
	require.ErrorContains(t, errExtra, "ORIGIN")
}

package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/civicchain/civic/x/agency/types"
)

// Finding 13 of issue 11: an upper-case bech32 address decodes to the same account and was
// stored as sent, so one account could have two spellings in state and events. Every
// address field now goes through internal/accaddr, which refuses any spelling but the
// canonical (lowercase) one with sdkerrors.ErrInvalidAddress; genesis refuses it too.
func TestFinding13UpperCaseAddressRefused(t *testing.T) {
	setup := func(f *fixture) {
		twoAgencies(f)
		f.offer("knpa", knpaAdmin, addr(20), nil, roleInvestigator)
		_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(mfdsAdmin), AgencyId: "mfds", NewAdmin: f.str(addr(21))})
		require.NoError(t, err)
	}
	runRejections(t, setup, []rejection{
		{"register agency: admin", func(f *fixture) error {
			_, err := f.ms.RegisterAgency(f.ctx, &types.MsgRegisterAgency{Authority: f.authority, Id: "kcg", Name: "Korea Coast Guard",
				Admin: upper(f.str(candidate)), Roles: []string{roleInvestigator}})
			return err
		}, sdkerrors.ErrInvalidAddress, []string{"admin", "canonical"}},
		{"add member: address", func(f *fixture) error {
			_, err := f.ms.AddMember(f.ctx, &types.MsgAddMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: upper(f.str(addr(22)))})
			return err
		}, sdkerrors.ErrInvalidAddress, []string{"address"}},
		{"add member: admin", func(f *fixture) error {
			_, err := f.ms.AddMember(f.ctx, &types.MsgAddMember{Admin: upper(f.str(knpaAdmin)), AgencyId: "knpa", Address: f.str(addr(22))})
			return err
		}, sdkerrors.ErrInvalidAddress, []string{"admin"}},
		{"set member roles: address", func(f *fixture) error {
			_, err := f.ms.SetMemberRoles(f.ctx, &types.MsgSetMemberRoles{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: upper(f.str(officer))})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
		{"remove member: address", func(f *fixture) error {
			_, err := f.ms.RemoveMember(f.ctx, &types.MsgRemoveMember{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: upper(f.str(officer))})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
		{"transfer admin: new admin", func(f *fixture) error {
			_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(knpaAdmin), AgencyId: "knpa", NewAdmin: upper(f.str(addr(23)))})
			return err
		}, sdkerrors.ErrInvalidAddress, []string{"new_admin"}},
		{"accept membership", func(f *fixture) error { return f.acceptAs(upper(f.str(addr(20))), "knpa") },
			sdkerrors.ErrInvalidAddress, nil},
		{"decline membership", func(f *fixture) error {
			_, err := f.ms.DeclineMembership(f.ctx, &types.MsgDeclineMembership{Address: upper(f.str(addr(20))), AgencyId: "knpa"})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
		{"withdraw membership offer", func(f *fixture) error {
			_, err := f.ms.WithdrawMembershipOffer(f.ctx, &types.MsgWithdrawMembershipOffer{Admin: f.str(knpaAdmin), AgencyId: "knpa", Address: upper(f.str(addr(20)))})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
		{"accept admin", func(f *fixture) error {
			_, err := f.ms.AcceptAdmin(f.ctx, &types.MsgAcceptAdmin{NewAdmin: upper(f.str(addr(21))), AgencyId: "mfds"})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
		{"cancel admin transfer", func(f *fixture) error {
			_, err := f.ms.CancelAdminTransfer(f.ctx, &types.MsgCancelAdminTransfer{Signer: upper(f.str(mfdsAdmin)), AgencyId: "mfds"})
			return err
		}, sdkerrors.ErrInvalidAddress, nil},
	})
}

func TestFinding13UpperCaseAddressRefusedInGenesis(t *testing.T) {
	f := newFixture(t)
	twoAgencies(f)
	f.offer("knpa", knpaAdmin, addr(20), nil, roleInvestigator)
	_, err := f.ms.TransferAdmin(f.ctx, &types.MsgTransferAdmin{Admin: f.str(mfdsAdmin), AgencyId: "mfds", NewAdmin: f.str(addr(21))})
	require.NoError(t, err)
	for name, mutate := range map[string]func(gs *types.GenesisState){
		"agency admin":     func(gs *types.GenesisState) { gs.Agencies[0].Admin = upper(gs.Agencies[0].Admin) },
		"member":           func(gs *types.GenesisState) { gs.Members[0].Address = upper(gs.Members[0].Address) },
		"membership offer": func(gs *types.GenesisState) { gs.MembershipOffers[0].Address = upper(gs.MembershipOffers[0].Address) },
		"admin offer":      func(gs *types.GenesisState) { gs.AdminOffers[0].NewAdmin = upper(gs.AdminOffers[0].NewAdmin) },
	} {
		t.Run(name, func(t *testing.T) {
			gs := f.export()
			mutate(gs)
			require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)
			require.ErrorContains(t, gs.Validate(), "canonical")
			g := newFixture(t)
			require.ErrorIs(t, g.k.InitGenesis(g.ctx, gs), types.ErrInvalidGenesis)
		})
	}
}

// Personal data by the back door: an agency's name is a public body's name and a status
// reason a short public justification. Neither can carry an e-mail address, a phone number
// or a resident registration number; members and offers hold no free text at all.
func TestSuspectedPersonalDataInFreeTextRefused(t *testing.T) {
	register := func(name string) func(f *fixture) error {
		return func(f *fixture) error {
			_, err := f.ms.RegisterAgency(f.ctx, &types.MsgRegisterAgency{Authority: f.authority, Id: "kcg", Name: name,
				Admin: f.str(candidate), Roles: []string{roleInvestigator}})
			return err
		}
	}
	reason := func(r string) func(f *fixture) error {
		return func(f *fixture) error {
			_, err := f.ms.SetAgencyStatus(f.ctx, &types.MsgSetAgencyStatus{Authority: f.authority, AgencyId: "knpa", Status: types.AgencyStatusSuspended, Reason: r})
			return err
		}
	}
	runRejections(t, twoAgencies, []rejection{
		{"name with an e-mail address", register("Coast Guard kim.minsu@example.kr"), types.ErrInvalidName, []string{"'@'"}},
		{"name with a phone number", register("Coast Guard 010-1234-5678"), types.ErrInvalidName, []string{"digits"}},
		{"name with a registration number", register("해양경찰청 900101-1234567"), types.ErrInvalidName, []string{"digits"}},
		{"name with a Cyrillic look-alike", register("Coast Guаrd"), types.ErrInvalidName, []string{"U+0430"}},
		{"name with a control character", register("Coast\tGuard"), types.ErrInvalidName, nil},
		{"name with two spaces", register("Coast  Guard"), types.ErrInvalidName, []string{"two spaces"}},
		{"name with a leading space", register(" Coast Guard"), types.ErrInvalidName, []string{"white space"}},
		{"name with a URL", register("Coast Guard https://x.kr"), types.ErrInvalidName, nil},
		{"reason with an e-mail address", reason("complaint by kim@example.kr"), types.ErrInvalidReason, nil},
		{"reason with a phone number", reason("call 010 1234 5678"), types.ErrInvalidReason, []string{"digits"}},
		{"reason with a registration number", reason("case of 9001011234567"), types.ErrInvalidReason, nil},
		{"reason with a newline", reason("audit\npending"), types.ErrInvalidReason, nil},
	})

	// the names and reasons of public bodies and decisions pass
	f := newFixture(t)
	twoAgencies(f)
	for i, name := range []string{"해양경찰청 Korea Coast Guard", "Supreme Prosecutors' Office", "Private expressway operator (concession)", "112 종합상황실", "R&D Center · 농촌진흥청"} {
		id := []string{"kcg", "spo", "prv", "sit", "rda"}[i]
		_, err := f.ms.RegisterAgency(f.ctx, &types.MsgRegisterAgency{Authority: f.authority, Id: id, Name: name, Admin: f.str(addr(byte(60 + i)))})
		require.NoError(t, err, name)
	}
	_, err := f.ms.SetAgencyStatus(f.ctx, &types.MsgSetAgencyStatus{Authority: f.authority, AgencyId: "knpa", Status: types.AgencyStatusSuspended,
		Reason: "audit pending: board decision 2026-017 (감사 진행 중)"})
	require.NoError(t, err)
}

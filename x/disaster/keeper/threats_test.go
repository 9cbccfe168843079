package keeper_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"

	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/disaster/types"
)

// One test per class of docs/threats.md that applies to x/disaster (the
// README's Threats section names them). Each tries the attack and checks the
// registered error, the store unchanged and no event; no coins exist here.

// One party halts everyone: an incident whose agency is suspended (or gone)
// would stay open in every district for good; governance can close it.
func TestThreatAgencyGoneGovernanceCloses(t *testing.T) {
	// ARRANGE: busan declares, then is suspended
	f := newFixture(t)
	id := f.declare(nil)
	testkeeper.SetTestAgencyStatus(t, f.agencyKeeper, f.ctx, busan, agencytypes.AgencyStatusSuspended)

	// ACT / ASSERT: its coordinators can no longer act
	f.rejected(agencytypes.ErrAgencyNotActive, func() error { return f.setStatus(id, f.s(coord), types.IncidentStatusClosed) })

	// ACT: governance closes
	require.NoError(t, f.setStatus(id, f.gov(), types.IncidentStatusClosed))

	// ASSERT: no longer open in its districts
	open, err := f.k.IncidentsCoveringDistrict(f.ctx, busanjin, 10)
	require.NoError(t, err)
	require.Empty(t, open)
}

// Self-dealing across agencies: another agency's coordinator cannot update,
// move or alert on an incident it did not declare.
func TestThreatSelfDealingAcrossAgencies(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	upd := f.updateMsg(id)
	upd.Coordinator = f.s(coord2)
	alert := f.alertMsg(id)
	alert.Coordinator = f.s(coord2)

	f.rejected(types.ErrWrongAgency, func() error { _, err := f.msg.UpdateIncident(f.ctx, upd); return err })
	f.rejected(types.ErrWrongAgency, func() error { return f.setStatus(id, f.s(coord2), types.IncidentStatusResponding) })
	f.rejected(types.ErrWrongAgency, func() error { return f.setStatus(id, f.s(coord2), types.IncidentStatusClosed) })
	f.rejected(types.ErrWrongAgency, func() error { _, err := f.msg.IssuePublicAlert(f.ctx, alert); return err })
}

// Keys outlive their holder: a coordinator removed from the agency loses every
// power over the agency's incidents at once; the incident belongs to the
// agency, so its remaining coordinators carry on.
func TestThreatRemovedCoordinator(t *testing.T) {
	// ARRANGE: coord declares, then the admin removes coord
	f := newFixture(t)
	id := f.declare(nil)
	_, err := agencykeeper.NewMsgServerImpl(f.agencyKeeper).RemoveMember(f.ctx, &agencytypes.MsgRemoveMember{
		Admin: f.s(adminOf(busan)), AgencyId: busan, Address: f.s(coord),
	})
	require.NoError(t, err)

	// ACT / ASSERT: the departed key can do nothing
	f.rejected(agencytypes.ErrNotMember, func() error { _, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(id)); return err })
	f.rejected(agencytypes.ErrNotMember, func() error { return f.setStatus(id, f.s(coord), types.IncidentStatusClosed) })
	f.rejected(agencytypes.ErrNotMember, func() error { _, err := f.msg.IssuePublicAlert(f.ctx, f.alertMsg(id)); return err })
	f.rejected(agencytypes.ErrNotMember, func() error {
		_, err := f.msg.DeclareIncident(f.ctx, f.declareMsg())
		return err
	})

	// ... and the other coordinator of the agency still can
	require.NoError(t, f.setStatus(id, f.s(coordB), types.IncidentStatusResponding))
}

// Hot keys with cold powers: a coordinator cannot change the module's bounds
// (governance only); there is no money and no device role in this module.
func TestThreatCoordinatorCannotChangeParams(t *testing.T) {
	f := newFixture(t)
	p := types.DefaultParams()
	p.MaxRevisionsPerIncident = types.MaxMaxRevisionsPerIncident
	f.rejected(govtypes.ErrInvalidSigner, func() error {
		_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.s(coord), Params: p})
		return err
	})
}

// Replays and duplicates: the same report is declared once per agency, the
// same broadcast recorded once per incident.
func TestThreatReplays(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	_, err := f.msg.IssuePublicAlert(f.ctx, f.alertMsg(id))
	require.NoError(t, err)

	f.rejected(types.ErrDuplicateIncident, func() error { _, err := f.msg.DeclareIncident(f.ctx, f.declareMsg()); return err })
	f.rejected(types.ErrDuplicateAlert, func() error { _, err := f.msg.IssuePublicAlert(f.ctx, f.alertMsg(id)); return err })
}

// Declared numbers overflow later / zero-notice changes: the per-incident
// counters are bounded by params, and lowering a bound rewrites no stored
// record: an incident above the new bound keeps what it has and cannot grow.
func TestThreatBoundsAndParamChanges(t *testing.T) {
	// ARRANGE: an incident with two districts at revision 2 and one alert
	f := newFixture(t)
	id := f.declare(nil)
	_, err := f.msg.UpdateIncident(f.ctx, f.updateMsg(id))
	require.NoError(t, err)
	_, err = f.msg.IssuePublicAlert(f.ctx, f.alertMsg(id))
	require.NoError(t, err)
	before := f.incident(id)

	// ACT: governance lowers every bound below what the incident holds
	_, err = f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.gov(), Params: types.Params{
		MaxDistrictsPerIncident: 1, MaxRevisionsPerIncident: 1, MaxAlertsPerIncident: 1,
	}})
	require.NoError(t, err)

	// ASSERT: the record is unchanged and sound, and it cannot grow
	require.Equal(t, before, f.incident(id))
	require.NoError(t, f.k.CheckInvariants(f.ctx))
	upd := f.updateMsg(id)
	upd.Severity = types.SeveritySerious
	f.rejected(types.ErrRevisionLimit, func() error { _, err := f.msg.UpdateIncident(f.ctx, upd); return err })
	alert := f.alertMsg(id)
	alert.BroadcastDigest = castDigest2
	f.rejected(types.ErrAlertLimit, func() error { _, err := f.msg.IssuePublicAlert(f.ctx, alert); return err })
	// closing still works: a bound never traps an incident open
	require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
}

// Personal data by the back door: every string field has a grammar, so a
// name, a telephone number or free text is refused wherever it is tried.
func TestThreatPersonalData(t *testing.T) {
	f := newFixture(t)
	id := f.declare(nil)
	for _, tc := range []struct {
		name string
		act  func() error
		want error
	}{
		{"description as text", func() error {
			m := f.declareMsg()
			m.DescriptionDigest = "Kim Minsu, 010-1234-5678, trapped at Seomyeon"
			_, err := f.msg.DeclareIncident(f.ctx, m)
			return err
		}, types.ErrInvalidDigest},
		{"district as a phone number", func() error {
			m := f.declareMsg()
			m.DescriptionDigest, m.AffectedDistricts = descDigest2, []string{"010-1234-5678"}
			_, err := f.msg.DeclareIncident(f.ctx, m)
			return err
		}, types.ErrInvalidDistrict},
		{"reason as an e-mail", func() error {
			m := f.updateMsg(id)
			m.ReasonDigest = "resident@example.kr"
			_, err := f.msg.UpdateIncident(f.ctx, m)
			return err
		}, types.ErrInvalidDigest},
		{"message code with a phone number", func() error {
			m := f.alertMsg(id)
			m.MessageCode = "CALL_01012345678"
			_, err := f.msg.IssuePublicAlert(f.ctx, m)
			return err
		}, types.ErrInvalidMessageCode},
		{"message code as a sentence", func() error {
			m := f.alertMsg(id)
			m.MessageCode = "Evacuate to Busanjin elementary school"
			_, err := f.msg.IssuePublicAlert(f.ctx, m)
			return err
		}, types.ErrInvalidMessageCode},
		{"broadcast record as a resident registration number", func() error {
			m := f.alertMsg(id)
			m.BroadcastDigest = "900101-1234567"
			_, err := f.msg.IssuePublicAlert(f.ctx, m)
			return err
		}, types.ErrInvalidDigest},
	} {
		t.Run(tc.name, func(t *testing.T) { f.rejected(tc.want, tc.act) })
	}
}

// Work that grows with others' data: IncidentsCoveringDistrict reads the
// (district, status) index, so closed incidents in the district (which anyone
// with the role can pile up) cost it nothing: the gas of a call is the same
// with 0 and with 40 closed incidents.
func TestThreatCoveringDistrictWorkIsBounded(t *testing.T) {
	gasOf := func(closed int) uint64 {
		f := newFixture(t)
		for i := range closed {
			id := f.declare(func(m *types.MsgDeclareIncident) { m.DescriptionDigest = fmt.Sprintf("%064x", i+1) })
			require.NoError(t, f.setStatus(id, f.s(coord), types.IncidentStatusClosed))
		}
		for i := range 3 { // three open incidents, of which the call asks for two
			f.declare(func(m *types.MsgDeclareIncident) { m.DescriptionDigest = strings.Repeat("e", 63) + fmt.Sprint(i) })
		}
		ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
		got, err := f.k.IncidentsCoveringDistrict(ctx, busanjin, 2)
		require.NoError(t, err)
		require.Len(t, got, 2)
		return ctx.GasMeter().GasConsumed()
	}
	require.Equal(t, gasOf(0), gasOf(40))
}

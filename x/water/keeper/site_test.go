package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/water/types"
)

func TestUpdateParams(t *testing.T) {
	// ARRANGE
	f := setup(t)
	p := types.DefaultParams()
	p.StaleAfterSeconds = 3600
	f.fresh()

	// ACT
	_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	require.Equal(t, []any{&types.EventParamsUpdated{Authority: f.k.GetAuthority(), Params: p}}, f.events())
}

func TestUpdateParamsRejected(t *testing.T) {
	runRejections(t, setup, []rejection{
		{name: "not the authority", want: govtypes.ErrInvalidSigner, act: func(f *wf) error {
			_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.s(f.regulator), Params: types.DefaultParams()})
			return err
		}},
		{name: "zero notice (threats: zero-notice changes)", want: types.ErrInvalidParams, act: func(f *wf) error {
			p := types.DefaultParams()
			p.ThresholdMinNoticeSeconds = 0
			_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
			return err
		}},
		{name: "batch count above its bound", want: types.ErrInvalidParams, act: func(f *wf) error {
			p := types.DefaultParams()
			p.MaxBatchCount = types.MaxMaxBatchCount + 1
			_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.k.GetAuthority(), Params: p})
			return err
		}},
	})
}

func TestRegisterSiteChain(t *testing.T) {
	// ARRANGE
	f := setup(t)
	f.fresh()

	// ACT: plant -> reservoir -> tap
	plant, reservoir, tap := f.chain()

	// ASSERT
	require.Equal(t, []uint64{1, 2, 3}, []uint64{plant, reservoir, tap})
	got, err := f.k.Sites.Get(f.Ctx, tap)
	require.NoError(t, err)
	require.Equal(t, types.Site{
		Id: tap, AgencyId: agWater, Kind: types.SiteKindTap, Name: "Busanjin-gu Office Tap", DistrictCode: busanjin,
		SupplyBlock: "BJ-03", UpstreamSiteId: reservoir, LatUdeg: 35_163_000, LonUdeg: 129_053_000,
		StandardClass: types.StandardClassTapWater, Status: types.SiteActive, RegisteredBy: f.s(f.op), RegisteredAt: t0,
	}, got)
	require.Len(t, f.events(), 3)
	require.Equal(t, &types.EventSiteRegistered{SiteId: tap, AgencyId: agWater, Kind: types.SiteKindTap, DistrictCode: busanjin,
		StandardClass: types.StandardClassTapWater, Signer: f.s(f.op)}, f.events()[2])
	res, err := f.q.Sites(f.Ctx, &types.QuerySitesRequest{DistrictCode: busanjin})
	require.NoError(t, err)
	require.Equal(t, []uint64{reservoir, tap}, []uint64{res.Sites[0].Id, res.Sites[1].Id})
}

func TestRegisterSiteRejected(t *testing.T) {
	register := func(edit func(f *wf, m *types.MsgRegisterSite)) func(f *wf) error {
		return func(f *wf) error {
			msg := f.siteMsg(types.SiteKindTap, "Busanjin-gu Office Tap", busanjin, 0)
			edit(f, msg)
			_, err := f.msg.RegisterSite(f.Ctx, msg)
			return err
		}
	}
	withSensor := func(f *wf) {
		site := f.site(f.siteMsg(types.SiteKindReservoir, "Busanjin Reservoir", busanjin, 0))
		f.sensor(sensorAddr, site, types.ParameterPH)
	}
	runRejections(t, setup, []rejection{
		{"bad signer", sdkerrors.ErrInvalidAddress, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Signer = "civic1xyz" })},
		{"unspecified kind", types.ErrInvalidKind, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Kind = types.SiteKindUnspecified })},
		{"unknown kind", types.ErrInvalidKind, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Kind = 9 })},
		{"empty name", types.ErrInvalidName, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Name = "" })},
		{"name with a symbol", types.ErrInvalidName, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Name = "Tap <script>" })},
		{"name holding a phone number (threats: personal data)", types.ErrInvalidName, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Name = "Kim 010-1234-5678" })},
		{"name holding an e-mail", types.ErrInvalidName, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Name = "tap kim@example.com" })},
		{"district of 4 digits", types.ErrInvalidDistrict, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.DistrictCode = "2623" })},
		{"district with a letter", types.ErrInvalidDistrict, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.DistrictCode = "2623a" })},
		{"supply block with a space", types.ErrInvalidCode, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.SupplyBlock = "BJ 03" })},
		{"latitude beyond 90", types.ErrInvalidLocation, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.LatUdeg = 90_000_001 })},
		{"tap coordinates not rounded (threats: personal data)", types.ErrInvalidLocation, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.LatUdeg = 35_163_123 })},
		{"unspecified class", types.ErrInvalidClass, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.StandardClass = types.StandardClassUnspecified })},
		{"admin, not a member", agencytypes.ErrNotMember, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Signer = f.s(f.admin) })},
		{"member without the role", agencytypes.ErrRoleNotHeld, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Signer = f.s(f.regulator) })},
		{"not a member", agencytypes.ErrNotMember, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.Signer = f.s(stranger) })},
		{"a sensor key (threats: hot keys)", types.ErrSensorKey, withSensor, register(func(f *wf, m *types.MsgRegisterSite) { m.Signer = f.s(sensorAddr) })},
		{"unknown upstream", types.ErrInvalidUpstream, nil, register(func(f *wf, m *types.MsgRegisterSite) { m.UpstreamSiteId = 7 })},
		{"decommissioned upstream", types.ErrInvalidUpstream, func(f *wf) {
			id := f.site(f.siteMsg(types.SiteKindReservoir, "Old Reservoir", busanjin, 0))
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: id})
			require.NoError(f.t, err)
		}, register(func(f *wf, m *types.MsgRegisterSite) { m.UpstreamSiteId = 1 })},
	})
}

func TestDecommissionSite(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.at(t0.Add(1))
	f.fresh()

	// ACT
	_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})

	// ASSERT
	require.NoError(t, err)
	got, err := f.k.Sites.Get(f.Ctx, tapID)
	require.NoError(t, err)
	require.Equal(t, types.SiteDecommissioned, got.Status)
	require.Equal(t, t0.Add(1), *got.DecommissionedAt)
	require.Equal(t, []any{&types.EventSiteDecommissioned{SiteId: tapID, Signer: f.s(f.op)}}, f.events())
}

func TestDecommissionSiteRejected(t *testing.T) {
	decommission := func(signer func(f *wf) string, id uint64) func(f *wf) error {
		return func(f *wf) error {
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: signer(f), SiteId: id})
			return err
		}
	}
	op := func(f *wf) string { return f.s(f.op) }
	runRejections(t, withTap, []rejection{
		{"site 0", types.ErrInvalidID, nil, decommission(op, 0)},
		{"unknown site", types.ErrSiteNotFound, nil, decommission(op, 9)},
		{"another agency's operator (threats: self-dealing)", types.ErrWrongAgency, nil, decommission(func(f *wf) string { return f.s(f.otherOp) }, tapID)},
		{"the regulator", agencytypes.ErrRoleNotHeld, nil, decommission(func(f *wf) string { return f.s(f.regulator) }, tapID)},
		{"already decommissioned", types.ErrInvalidTransition, func(f *wf) {
			require.NoError(f.t, decommission(op, tapID)(f))
		}, decommission(op, tapID)},
	})
}

func TestOperationalBand(t *testing.T) {
	// ARRANGE
	f := withTap(t)
	f.fresh()

	// ACT: a band inside the legal pH 5800..8500, then cleared, then set again
	res, err := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Min: limit(6500), Max: limit(8000)})
	require.NoError(t, err)
	_, errClear := f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH})
	again, errAgain := f.msg.SetOperationalBand(f.Ctx, &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Max: limit(8200)})

	// ASSERT
	require.NoError(t, errClear)
	require.NoError(t, errAgain)
	require.Equal(t, uint64(1), res.Version)
	require.Equal(t, uint64(3), again.Version, "versions keep counting across a clear")
	want := types.OperationalBand{SiteId: tapID, Parameter: types.ParameterPH, Max: limit(8200), Version: 3, SetBy: f.s(f.op), SetAt: t0}
	got, err := f.k.Bands.Get(f.Ctx, collectionsPair(tapID, types.ParameterPH))
	require.NoError(t, err)
	require.Equal(t, want, got)
	evs := f.events()
	require.Len(t, evs, 3)
	require.Equal(t, &types.EventOperationalBandSet{Band: types.OperationalBand{SiteId: tapID, Parameter: types.ParameterPH, Version: 2, SetBy: f.s(f.op), SetAt: t0}}, evs[1])
	q, err := f.q.OperationalBands(f.Ctx, &types.QueryOperationalBandsRequest{SiteId: tapID})
	require.NoError(t, err)
	require.Equal(t, []types.OperationalBand{want}, q.Bands)
}

func TestOperationalBandRejected(t *testing.T) {
	set := func(edit func(f *wf, m *types.MsgSetOperationalBand)) func(f *wf) error {
		return func(f *wf) error {
			msg := &types.MsgSetOperationalBand{Signer: f.s(f.op), SiteId: tapID, Parameter: types.ParameterPH, Min: limit(6500), Max: limit(8000)}
			edit(f, msg)
			_, err := f.msg.SetOperationalBand(f.Ctx, msg)
			return err
		}
	}
	clear := func(signer func(f *wf) string) func(f *wf) error {
		return func(f *wf) error {
			_, err := f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: signer(f), SiteId: tapID, Parameter: types.ParameterPH})
			return err
		}
	}
	runRejections(t, withTap, []rejection{
		{"no limit", types.ErrInvalidLimits, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Min, m.Max = nil, nil })},
		{"min above max", types.ErrInvalidLimits, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Min = limit(8100) })},
		{"pH above 14", types.ErrInvalidLimits, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Max = limit(14_001) })},
		{"unspecified parameter", types.ErrInvalidParameter, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Parameter = types.ParameterUnspecified })},
		{"site 0", types.ErrInvalidID, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.SiteId = 0 })},
		{"looser than the law", types.ErrBandNotStricter, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Max = limit(8600) })},
		{"below the legal minimum", types.ErrBandNotStricter, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Min = limit(5000) })},
		{"another agency's site", types.ErrWrongAgency, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.Signer = f.s(f.otherOp) })},
		{"unknown site", types.ErrSiteNotFound, nil, set(func(f *wf, m *types.MsgSetOperationalBand) { m.SiteId = 9 })},
		{"decommissioned site", types.ErrSiteDecommissioned, func(f *wf) {
			_, err := f.msg.DecommissionSite(f.Ctx, &types.MsgDecommissionSite{Signer: f.s(f.op), SiteId: tapID})
			require.NoError(f.t, err)
		}, set(func(f *wf, m *types.MsgSetOperationalBand) {})},
		{"clear: unspecified parameter", types.ErrInvalidParameter, nil, func(f *wf) error {
			_, err := f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: f.s(f.op), SiteId: tapID})
			return err
		}},
		{"clear: site 0", types.ErrInvalidID, nil, func(f *wf) error {
			_, err := f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: f.s(f.op), Parameter: types.ParameterPH})
			return err
		}},
		{"clear: unknown site", types.ErrSiteNotFound, nil, func(f *wf) error {
			_, err := f.msg.ClearOperationalBand(f.Ctx, &types.MsgClearOperationalBand{Signer: f.s(f.op), SiteId: 9, Parameter: types.ParameterPH})
			return err
		}},
		{"clear without a band", types.ErrBandNotFound, nil, clear(func(f *wf) string { return f.s(f.op) })},
		{"clear twice", types.ErrBandNotFound, func(f *wf) {
			require.NoError(f.t, set(func(*wf, *types.MsgSetOperationalBand) {})(f))
			require.NoError(f.t, clear(func(f *wf) string { return f.s(f.op) })(f))
		}, clear(func(f *wf) string { return f.s(f.op) })},
		{"clear by another agency", types.ErrWrongAgency, func(f *wf) {
			require.NoError(f.t, set(func(*wf, *types.MsgSetOperationalBand) {})(f))
		}, clear(func(f *wf) string { return f.s(f.otherOp) })},
	})
}

package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/pagination"
	"github.com/civicchain/civic/x/haccp/types"
)

func requireCode(t *testing.T, want codes.Code, err error) {
	t.Helper()
	require.Error(t, err)
	require.Equal(t, want, status.Code(err), err.Error())
}

func TestQueryFacilities(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	a := f.facility(op)
	b := f.facility(op2)
	c := f.facility(op)
	f.addStaff(op, a, staff)
	f.addStaff(op, a, staff2)

	// ACT / ASSERT: Facility
	res, err := f.q.Facility(f.ctx, &types.QueryFacilityRequest{Id: b})
	require.NoError(t, err)
	require.Equal(t, f.s(op2), res.Facility.Operator)
	_, err = f.q.Facility(f.ctx, &types.QueryFacilityRequest{Id: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.Facility(f.ctx, &types.QueryFacilityRequest{})
	requireCode(t, codes.InvalidArgument, err)

	// Facilities: all, paged, by operator
	all, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{})
	require.NoError(t, err)
	require.Len(t, all.Facilities, 3)
	page, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Pagination: &query.PageRequest{Limit: 2}})
	require.NoError(t, err)
	require.Len(t, page.Facilities, 2)
	require.NotEmpty(t, page.Pagination.NextKey)
	mine, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Operator: f.s(op)})
	require.NoError(t, err)
	require.Equal(t, []uint64{a, c}, []uint64{mine.Facilities[0].Id, mine.Facilities[1].Id})
	require.Len(t, mine.Facilities, 2)
	none, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Operator: f.s(outsider)})
	require.NoError(t, err)
	require.Empty(t, none.Facilities)
	_, err = f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Operator: "civic1bad"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.Facilities(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)

	// FacilityStaff
	st, err := f.q.FacilityStaff(f.ctx, &types.QueryFacilityStaffRequest{FacilityId: a})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{f.s(staff), f.s(staff2)}, st.Staff)
	_, err = f.q.FacilityStaff(f.ctx, &types.QueryFacilityStaffRequest{FacilityId: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.FacilityStaff(f.ctx, &types.QueryFacilityStaffRequest{})
	requireCode(t, codes.InvalidArgument, err)
}

func TestQueryPageSizeIsClamped(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	for i := uint64(0); i < pagination.MaxLimit+1; i++ {
		f.facility(op)
	}

	// ACT
	res, err := f.q.Facilities(f.ctx, &types.QueryFacilitiesRequest{Pagination: &query.PageRequest{Limit: 1 << 40}})

	// ASSERT
	require.NoError(t, err)
	require.Len(t, res.Facilities, int(pagination.MaxLimit))
	require.NotEmpty(t, res.Pagination.NextKey)
}

func TestQueryCertificates(t *testing.T) {
	const no = "HACCP-2026-0001"
	// ARRANGE
	f := newFixture(t)
	id := f.certificate(no)
	_, err := f.msg.IssueCertificate(f.ctx, f.issueMsg("HACCP-2026-0002", id))
	require.NoError(t, err)
	f.suspend(no)
	_, err = f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0))
	require.NoError(t, err)

	// ACT / ASSERT: Certificate
	c, err := f.q.Certificate(f.ctx, &types.QueryCertificateRequest{CertNo: no})
	require.NoError(t, err)
	require.Equal(t, uint64(2), c.Certificate.Version)
	require.Equal(t, types.CertificateStatusSuspended, c.EffectiveStatus, "a renewal does not lift a suspension")
	_, err = f.q.Certificate(f.ctx, &types.QueryCertificateRequest{CertNo: "NOPE-404"})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.Certificate(f.ctx, &types.QueryCertificateRequest{CertNo: "bad"})
	requireCode(t, codes.InvalidArgument, err)

	// CertificateVersions: oldest first, the old version kept
	v, err := f.q.CertificateVersions(f.ctx, &types.QueryCertificateVersionsRequest{CertNo: no})
	require.NoError(t, err)
	require.Len(t, v.Versions, 2)
	require.Equal(t, uint64(1), v.Versions[0].Version)
	require.Equal(t, types.CertificateStatusSuspended, v.Versions[0].Status)
	require.Equal(t, uint64(2), v.Versions[1].Version)
	_, err = f.q.CertificateVersions(f.ctx, &types.QueryCertificateVersionsRequest{CertNo: "NOPE-404"})
	requireCode(t, codes.NotFound, err)

	// CertificateHistory
	h, err := f.q.CertificateHistory(f.ctx, &types.QueryCertificateHistoryRequest{CertNo: no})
	require.NoError(t, err)
	require.Len(t, h.Events, 3)
	_, err = f.q.CertificateHistory(f.ctx, &types.QueryCertificateHistoryRequest{CertNo: ""})
	requireCode(t, codes.InvalidArgument, err)

	// CertificatesByFacility: latest versions in cert_no order
	byF, err := f.q.CertificatesByFacility(f.ctx, &types.QueryCertificatesByFacilityRequest{FacilityId: id})
	require.NoError(t, err)
	require.Len(t, byF.Certificates, 2)
	require.Equal(t, no, byF.Certificates[0].CertNo)
	require.Equal(t, uint64(2), byF.Certificates[0].Version)
	require.Equal(t, "HACCP-2026-0002", byF.Certificates[1].CertNo)
	_, err = f.q.CertificatesByFacility(f.ctx, &types.QueryCertificatesByFacilityRequest{FacilityId: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.CertificatesByFacility(f.ctx, &types.QueryCertificatesByFacilityRequest{})
	requireCode(t, codes.InvalidArgument, err)
}

// TestIsCertValidAtPastTimes drives one certificate through suspend (T0+10d),
// reinstate (T0+20d) and renew (T0+30d, version 2 from T0+30d for two years)
// and asks IsCertValid about times before, between and after.
func TestIsCertValidAtPastTimes(t *testing.T) {
	const no = "HACCP-2026-0001"
	// ARRANGE: version 1 is valid [T0-1d, T0+365d)
	f := newFixture(t)
	f.certificate(no)
	f.at(T0.Add(10 * day))
	f.suspend(no)
	f.at(T0.Add(20 * day))
	f.reinstate(no)
	f.at(T0.Add(30 * day))
	_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(30*day)))
	require.NoError(t, err)
	f.at(T0.Add(40 * day))

	ptr := func(t time.Time) *time.Time { return &t }
	cases := []struct {
		name    string
		at      *time.Time
		valid   bool
		status  types.CertificateStatus
		version uint64
	}{
		{"before issue", ptr(T0.Add(-time.Hour)), false, types.CertificateStatusUnspecified, 0},
		{"at issue", ptr(T0), true, types.CertificateStatusActive, 1},
		{"active", ptr(T0.Add(5 * day)), true, types.CertificateStatusActive, 1},
		{"at the suspension", ptr(T0.Add(10 * day)), false, types.CertificateStatusSuspended, 1},
		{"suspended", ptr(T0.Add(15 * day)), false, types.CertificateStatusSuspended, 1},
		{"reinstated", ptr(T0.Add(25 * day)), true, types.CertificateStatusActive, 1},
		{"renewed", ptr(T0.Add(35 * day)), true, types.CertificateStatusActive, 2},
		{"after version 1 would have expired", ptr(T0.Add(500 * day)), true, types.CertificateStatusActive, 2},
		{"after version 2 expired", ptr(T0.Add(30*day + 2*365*day)), false, types.CertificateStatusExpired, 2},
		{"default: the block time", nil, true, types.CertificateStatusActive, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// ACT
			res, err := f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: no, At: tc.at})

			// ASSERT
			require.NoError(t, err)
			require.Equal(t, tc.valid, res.Valid, res.Reason)
			require.Equal(t, tc.status, res.Status)
			require.Equal(t, tc.version, res.Version)
			if tc.valid {
				require.Empty(t, res.Reason)
			} else {
				require.NotEmpty(t, res.Reason)
			}
		})
	}
}

// TestIsCertValidExpiredThenRenewed: between the end of version 1 and the
// renewal the certificate was EXPIRED; after revocation it is REVOKED.
func TestIsCertValidExpiredThenRenewed(t *testing.T) {
	const no = "HACCP-2026-0001"
	// ARRANGE
	f := newFixture(t)
	f.certificate(no)
	f.at(T0.Add(400 * day))
	_, err := f.msg.RenewCertificate(f.ctx, f.renewMsg(no, T0.Add(400*day)))
	require.NoError(t, err)
	f.at(T0.Add(500 * day))
	f.revoke(no)
	f.at(T0.Add(600 * day))

	ask := func(at time.Time) *types.QueryIsCertValidResponse {
		res, err := f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: no, At: &at})
		require.NoError(t, err)
		return res
	}

	// ACT / ASSERT
	gap := ask(T0.Add(380 * day))
	require.False(t, gap.Valid)
	require.Equal(t, types.CertificateStatusExpired, gap.Status)
	require.Equal(t, uint64(1), gap.Version)

	renewed := ask(T0.Add(450 * day))
	require.True(t, renewed.Valid)
	require.Equal(t, uint64(2), renewed.Version)

	gone := ask(T0.Add(550 * day))
	require.False(t, gone.Valid)
	require.Equal(t, types.CertificateStatusRevoked, gone.Status)
	require.Contains(t, gone.Reason, "FRAUD")

	_, err = f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: "NOPE-404"})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.IsCertValid(f.ctx, &types.QueryIsCertValidRequest{CertNo: "x"})
	requireCode(t, codes.InvalidArgument, err)
	_, err = f.q.IsCertValid(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
}

func TestQueryCcpRecords(t *testing.T) {
	// ARRANGE
	f := newFixture(t)
	a := f.facility(op)
	b := f.facility(op2)
	r1 := f.anchor(op, a, false)
	f.anchor(op2, b, true)
	r3 := f.anchor(op, a, true)

	// ACT / ASSERT
	res, err := f.q.CcpRecord(f.ctx, &types.QueryCcpRecordRequest{Id: r3})
	require.NoError(t, err)
	require.True(t, res.Record.Deviation)
	_, err = f.q.CcpRecord(f.ctx, &types.QueryCcpRecordRequest{Id: 404})
	requireCode(t, codes.NotFound, err)
	_, err = f.q.CcpRecord(f.ctx, &types.QueryCcpRecordRequest{})
	requireCode(t, codes.InvalidArgument, err)

	list, err := f.q.CcpRecordsByFacility(f.ctx, &types.QueryCcpRecordsByFacilityRequest{FacilityId: a})
	require.NoError(t, err)
	require.Len(t, list.Records, 2)
	require.Equal(t, []uint64{r1, r3}, []uint64{list.Records[0].Id, list.Records[1].Id})
	_, err = f.q.CcpRecordsByFacility(f.ctx, &types.QueryCcpRecordsByFacilityRequest{FacilityId: 404})
	requireCode(t, codes.NotFound, err)
}

func TestQueryParams(t *testing.T) {
	f := newFixture(t)
	res, err := f.q.Params(f.ctx, &types.QueryParamsRequest{})
	require.NoError(t, err)
	require.Equal(t, types.DefaultParams(), res.Params)
	_, err = f.q.Params(f.ctx, nil)
	requireCode(t, codes.InvalidArgument, err)
}

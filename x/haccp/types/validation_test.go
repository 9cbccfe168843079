package types_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/internal/text"
	"github.com/civicchain/civic/x/haccp/types"
)

// check runs accept (want == nil) or reject (want the registered error) for one case.
func check(t *testing.T, name string, err, want error) {
	t.Helper()
	if want == nil {
		require.NoError(t, err, name)
		return
	}
	require.Error(t, err, name)
	require.True(t, errorsmod.IsOf(err, want), "%s: got %v, want %v", name, err, want)
}

type strCase struct {
	in   string
	want error
}

func runStr(t *testing.T, fn func(string) error, cases []strCase) {
	t.Helper()
	for _, tc := range cases {
		check(t, text.Quote(tc.in), fn(tc.in), tc.want)
	}
}

func TestValidateDigest(t *testing.T) {
	runStr(t, func(s string) error { return types.ValidateDigest("log_digest", s) }, []strCase{
		{strings.Repeat("a", 64), nil},
		{"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", nil},
		{"", types.ErrInvalidDigest},
		{strings.Repeat("a", 63), types.ErrInvalidDigest},
		{strings.Repeat("a", 65), types.ErrInvalidDigest},
		{strings.Repeat("A", 64), types.ErrInvalidDigest},
		{strings.Repeat("g", 64), types.ErrInvalidDigest},
		{strings.Repeat("a", 10000), types.ErrInvalidDigest},
	})
	err := types.ValidateDigest("log_digest", strings.Repeat("G", 64))
	require.Contains(t, err.Error(), "log_digest")
	require.Contains(t, err.Error(), "GGG")
	require.NoError(t, types.ValidateOptionalDigest("x", ""))
	require.Error(t, types.ValidateOptionalDigest("x", "ab"))
}

func TestValidateNumbers(t *testing.T) {
	cases := []strCase{
		{"HACCP-2026-0001", nil},
		{"ABCD", nil},
		{"0000", nil},
		{"A" + strings.Repeat("-", 31), nil},
		{"ABC", nil}, // placeholder, replaced below
		{"", nil},
		{"-ABC", nil},
		{"abcd", nil},
		{"AB CD", nil},
		{"AB_CD", nil},
		{"Ä" + "BCD", nil},
		{strings.Repeat("A", 33), nil},
	}
	for i := 4; i < len(cases); i++ {
		cases[i].want = types.ErrInvalidCertNo
	}
	runStr(t, types.ValidateCertNo, cases)
	for i := 4; i < len(cases); i++ {
		cases[i].want = types.ErrInvalidDeclNo
	}
	runStr(t, types.ValidateDeclNo, cases)
	for i := 4; i < len(cases); i++ {
		cases[i].want = types.ErrInvalidHygieneCert
	}
	runStr(t, types.ValidateHygieneCertNo, cases)
	require.Contains(t, types.ValidateCertNo("ab").Error(), `cert_no "ab"`)
	require.Contains(t, types.ValidateDeclNo("ab").Error(), `decl_no "ab"`)
}

func TestValidateScope(t *testing.T) {
	many := make([]string, 33)
	for i := range many {
		many[i] = string(rune('a'+i/10)) + string(rune('0'+i%10))
	}
	sort.Strings(many)
	for _, tc := range []struct {
		name string
		in   []string
		want error
	}{
		{"one", []string{"meat"}, nil},
		{"sorted", []string{"dairy", "meat.processed", "meat_raw", "x-1"}, nil},
		{"max entries", many[:32], nil},
		{"max length", []string{"a" + strings.Repeat("z", 63)}, nil},
		{"empty list", nil, types.ErrInvalidScope},
		{"too many", many, types.ErrInvalidScope},
		{"empty entry", []string{""}, types.ErrInvalidScope},
		{"too long entry", []string{strings.Repeat("z", 65)}, types.ErrInvalidScope},
		{"uppercase", []string{"Meat"}, types.ErrInvalidScope},
		{"leading dot", []string{".meat"}, types.ErrInvalidScope},
		{"space", []string{"me at"}, types.ErrInvalidScope},
		{"unsorted", []string{"meat", "dairy"}, types.ErrInvalidScope},
		{"duplicate", []string{"meat", "meat"}, types.ErrInvalidScope},
	} {
		check(t, tc.name, types.ValidateScope(tc.in), tc.want)
	}
}

func TestValidatePeriod(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	check(t, "ok", types.ValidatePeriod(t0, t0.Add(time.Second)), nil)
	check(t, "equal", types.ValidatePeriod(t0, t0), types.ErrInvalidPeriod)
	check(t, "reversed", types.ValidatePeriod(t0.Add(time.Hour), t0), types.ErrInvalidPeriod)
	check(t, "zero from", types.ValidatePeriod(time.Time{}, t0), types.ErrInvalidPeriod)
	check(t, "zero until", types.ValidatePeriod(t0, time.Time{}), types.ErrInvalidPeriod)
	check(t, "epoch", types.ValidatePeriod(time.Unix(0, 0), t0), types.ErrInvalidPeriod)

	check(t, "ccp ok", types.ValidateCcpPeriod(t0, t0.Add(time.Hour), t0.Add(time.Hour)), nil)
	check(t, "ccp future end", types.ValidateCcpPeriod(t0, t0.Add(2*time.Hour), t0.Add(time.Hour)), types.ErrInvalidPeriod)
	check(t, "ccp reversed", types.ValidateCcpPeriod(t0.Add(time.Hour), t0, t0.Add(time.Hour)), types.ErrInvalidPeriod)
	check(t, "ccp zero", types.ValidateCcpPeriod(time.Time{}, t0, t0), types.ErrInvalidPeriod)
}

func TestValidateCountry(t *testing.T) {
	runStr(t, types.ValidateCountry, []strCase{
		{"KR", nil}, {"AU", nil}, {"US", nil}, {"NZ", nil}, {"AD", nil}, {"ZW", nil}, {"SS", nil}, {"XK", types.ErrInvalidCountry},
		{"", types.ErrInvalidCountry}, {"K", types.ErrInvalidCountry}, {"KOR", types.ErrInvalidCountry},
		{"kr", types.ErrInvalidCountry}, {"Kr", types.ErrInvalidCountry}, {"AA", types.ErrInvalidCountry},
		{"ZZ", types.ErrInvalidCountry}, {"UK", types.ErrInvalidCountry}, {"1A", types.ErrInvalidCountry},
		{"EU", types.ErrInvalidCountry}, {"\x00\x00", types.ErrInvalidCountry},
	})
}

func TestCountryListSortedAndComplete(t *testing.T) {
	n := 0
	prev := ""
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			c := string([]rune{a, b})
			if types.IsCountryCode(c) {
				require.Greater(t, c, prev)
				prev = c
				n++
			}
		}
	}
	require.Equal(t, 249, n, "officially assigned ISO 3166-1 alpha-2 codes")
}

func TestValidateHSCode(t *testing.T) {
	runStr(t, types.ValidateHSCode, []strCase{
		{"020130", nil}, {"0201300000", nil}, {"160100", nil}, {"970100", nil}, {"0101210", nil},
		{"", types.ErrInvalidHSCode}, {"02013", types.ErrInvalidHSCode}, {"02013000000", types.ErrInvalidHSCode},
		{"000100", types.ErrInvalidHSCode}, {"980000", types.ErrInvalidHSCode}, {"990000", types.ErrInvalidHSCode},
		{"02013A", types.ErrInvalidHSCode}, {"0201.30", types.ErrInvalidHSCode}, {" 020130", types.ErrInvalidHSCode},
		{"０２０１３０", types.ErrInvalidHSCode},
	})
}

func TestIsMeat(t *testing.T) {
	require.True(t, types.IsMeat("020130"))
	require.True(t, types.IsMeat("0207"))
	require.False(t, types.IsMeat("030100"))
	require.False(t, types.IsMeat("160100"))
	require.False(t, types.IsMeat("0"))
	require.False(t, types.IsMeat(""))
}

func TestValidateTraceNumber(t *testing.T) {
	runStr(t, types.ValidateTraceNumber, []strCase{
		{"002123456789", nil}, {"L12345678901234", nil}, {"000000000000", nil},
		{"", types.ErrInvalidTraceNumber}, {"00212345678", types.ErrInvalidTraceNumber},
		{"0021234567890", types.ErrInvalidTraceNumber}, {"L1234567890123", types.ErrInvalidTraceNumber},
		{"L123456789012345", types.ErrInvalidTraceNumber}, {"l12345678901234", types.ErrInvalidTraceNumber},
		{"X12345678901234", types.ErrInvalidTraceNumber}, {"00212345678A", types.ErrInvalidTraceNumber},
		{"L1234567890123A", types.ErrInvalidTraceNumber}, {"LL2345678901234", types.ErrInvalidTraceNumber},
	})
}

func TestValidateLot(t *testing.T) {
	runStr(t, types.ValidateLot, []strCase{
		{"LOT-1", nil}, {"a", nil}, {"2026/01.A_b-9", nil}, {strings.Repeat("x", 64), nil},
		{"", types.ErrInvalidLot}, {strings.Repeat("x", 65), types.ErrInvalidLot}, {"LOT 1", types.ErrInvalidLot},
		{"LOT:1", types.ErrInvalidLot}, {"로트", types.ErrInvalidLot}, {"LOT\n", types.ErrInvalidLot},
	})
}

func TestValidateUnit(t *testing.T) {
	for _, u := range []string{"KG", "G", "T", "L", "ML", "EA", "BOX"} {
		require.NoError(t, types.ValidateUnit(u), u)
	}
	for _, u := range []string{"", "kg", "LB", "BOXES", "KG "} {
		check(t, u, types.ValidateUnit(u), types.ErrInvalidItem)
	}
}

func validItem() types.ImportItem {
	return types.ImportItem{
		Product: "Chilled beef brisket", HsCode: "020130", OriginCountry: "AU", Lot: "AU-2026-001",
		Quantity: 1200, Unit: "KG", LivestockTraceNo: "L12345678901234",
	}
}

func TestValidateItem(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*types.ImportItem)
		want error
	}{
		{"meat with bundle no", func(*types.ImportItem) {}, nil},
		{"meat with animal no", func(i *types.ImportItem) { i.LivestockTraceNo = "002123456789" }, nil},
		{"non-meat without trace", func(i *types.ImportItem) { i.HsCode = "040690"; i.LivestockTraceNo = "" }, nil},
		{"korean product name", func(i *types.ImportItem) { i.Product = "냉장 소고기 양지" }, nil},
		{"empty product", func(i *types.ImportItem) { i.Product = "" }, types.ErrInvalidName},
		{"long product", func(i *types.ImportItem) { i.Product = strings.Repeat("x", 129) }, types.ErrFieldTooLong},
		{"control in product", func(i *types.ImportItem) { i.Product = "beef\x00" }, types.ErrInvalidName},
		{"padded product", func(i *types.ImportItem) { i.Product = " beef" }, types.ErrInvalidName},
		{"bad utf8 product", func(i *types.ImportItem) { i.Product = "beef\xff" }, types.ErrInvalidName},
		{"bad hs", func(i *types.ImportItem) { i.HsCode = "99" }, types.ErrInvalidHSCode},
		{"bad country", func(i *types.ImportItem) { i.OriginCountry = "XX" }, types.ErrInvalidCountry},
		{"bad lot", func(i *types.ImportItem) { i.Lot = "" }, types.ErrInvalidLot},
		{"zero quantity", func(i *types.ImportItem) { i.Quantity = 0 }, types.ErrInvalidItem},
		{"bad unit", func(i *types.ImportItem) { i.Unit = "LB" }, types.ErrInvalidItem},
		{"meat without trace", func(i *types.ImportItem) { i.LivestockTraceNo = "" }, types.ErrInvalidTraceNumber},
		{"meat bad trace", func(i *types.ImportItem) { i.LivestockTraceNo = "123" }, types.ErrInvalidTraceNumber},
		{"non-meat with trace", func(i *types.ImportItem) { i.HsCode = "040690" }, types.ErrInvalidTraceNumber},
	} {
		it := validItem()
		tc.mod(&it)
		check(t, tc.name, types.ValidateItem(it, 3), tc.want)
	}
	err := types.ValidateItem(types.ImportItem{}, 7)
	require.Contains(t, err.Error(), "items[7]")

	check(t, "items ok", types.ValidateItems([]types.ImportItem{validItem()}, 1), nil)
	check(t, "items empty", types.ValidateItems(nil, 1), types.ErrInvalidItem)
	check(t, "items too many", types.ValidateItems([]types.ImportItem{validItem(), validItem()}, 1), types.ErrInvalidItem)
	bad := validItem()
	bad.Unit = ""
	check(t, "items bad one", types.ValidateItems([]types.ImportItem{validItem(), bad}, 5), types.ErrInvalidItem)
}

func TestValidateReasonCode(t *testing.T) {
	runStr(t, types.ValidateReasonCode, []strCase{
		{"CCP_DEVIATION", nil}, {"AB", nil}, {"A1", nil}, {"A" + strings.Repeat("_", 31), nil},
		{"", types.ErrInvalidReasonCode}, {"A", types.ErrInvalidReasonCode}, {"1A", types.ErrInvalidReasonCode},
		{"_A", types.ErrInvalidReasonCode}, {"ccp", types.ErrInvalidReasonCode}, {"CCP-DEV", types.ErrInvalidReasonCode},
		{"A" + strings.Repeat("B", 32), types.ErrInvalidReasonCode},
	})
	require.NoError(t, types.ValidateOptionalReasonCode(""))
	require.Error(t, types.ValidateOptionalReasonCode("x"))
}

func TestValidateCcpCode(t *testing.T) {
	runStr(t, types.ValidateCcpCode, []strCase{
		{"CCP-1B", nil}, {"1", nil}, {"A" + strings.Repeat("-", 31), nil},
		{"", types.ErrInvalidCcpRecord}, {"-1", types.ErrInvalidCcpRecord}, {"ccp-1", types.ErrInvalidCcpRecord},
		{"CCP_1", types.ErrInvalidCcpRecord}, {strings.Repeat("A", 33), types.ErrInvalidCcpRecord},
	})
}

func TestValidateCustomsRef(t *testing.T) {
	runStr(t, types.ValidateCustomsRef, []strCase{
		{"12345-26-123456X", nil}, {"ABCDEF", nil}, {"A" + strings.Repeat("-", 39), nil},
		{"", types.ErrInvalidCustomsRef}, {"ABCDE", types.ErrInvalidCustomsRef}, {"-ABCDEF", types.ErrInvalidCustomsRef},
		{"abcdef", types.ErrInvalidCustomsRef}, {"ABC DEF", types.ErrInvalidCustomsRef},
		{strings.Repeat("A", 41), types.ErrInvalidCustomsRef},
	})
}

func TestValidateName(t *testing.T) {
	fn := func(s string) error { return types.ValidateName("name", s, 16) }
	runStr(t, fn, []strCase{
		{"Hanwoo Foods", nil}, {"한우식품", nil}, {"A", nil}, {strings.Repeat("x", 16), nil},
		{"", types.ErrInvalidName}, {strings.Repeat("x", 17), types.ErrFieldTooLong}, {" A", types.ErrInvalidName},
		{"A ", types.ErrInvalidName}, {"A\tB", types.ErrInvalidName}, {"A\nB", types.ErrInvalidName},
		{"A\u200bB", types.ErrInvalidName}, {"\xff", types.ErrInvalidName}, {"A\u00a0", types.ErrInvalidName},
	})
	require.Contains(t, fn("").Error(), "name")
}

func TestValidateRegionCode(t *testing.T) {
	runStr(t, types.ValidateRegionCode, []strCase{
		{"11110", nil}, {"", types.ErrInvalidFacility}, {"1111", types.ErrInvalidFacility},
		{"111100", types.ErrInvalidFacility}, {"1111A", types.ErrInvalidFacility},
	})
}

func TestValidatePartner(t *testing.T) {
	runStr(t, types.ValidatePartner, []strCase{
		{"did:civic:abc123", nil}, {"civic1vd6hxar0d4ej6mmxve5kxetjqqqqqqqq4kdus2", nil},
		{"civic1qqqq", types.ErrInvalidShare}, {"Hong Gildong", types.ErrInvalidShare},
		{"did:civic:010-1234-5678", types.ErrInvalidShare}, {"hong@example.kr", types.ErrInvalidShare},
		{"", types.ErrInvalidShare}, {"a b", types.ErrInvalidShare}, {strings.Repeat("a", 129), types.ErrInvalidShare},
		{"é", types.ErrInvalidShare},
	})
}

func TestValidateSharedValue(t *testing.T) {
	d := strings.Repeat("b", 64)
	for _, tc := range []struct {
		name string
		in   types.SharedValue
		want error
	}{
		{"value", types.SharedValue{Field: types.ShareFieldOrigin, Value: `"AU"`}, nil},
		{"digest", types.SharedValue{Field: types.ShareFieldItems, Digest: d}, nil},
		{"unspecified", types.SharedValue{Value: "x"}, types.ErrInvalidShare},
		{"unknown field", types.SharedValue{Field: 99, Value: "x"}, types.ErrInvalidShare},
		{"neither", types.SharedValue{Field: types.ShareFieldOrigin}, types.ErrInvalidShare},
		{"both", types.SharedValue{Field: types.ShareFieldOrigin, Value: "x", Digest: d}, types.ErrInvalidShare},
		{"bad digest", types.SharedValue{Field: types.ShareFieldOrigin, Digest: "x"}, types.ErrInvalidDigest},
		{"too long", types.SharedValue{Field: types.ShareFieldOrigin, Value: strings.Repeat("x", types.MaxSharedValueLength+1)}, types.ErrFieldTooLong},
		{"bad utf8", types.SharedValue{Field: types.ShareFieldOrigin, Value: "\xff"}, types.ErrInvalidShare},
	} {
		check(t, tc.name, types.ValidateSharedValue(tc.in), tc.want)
	}
}

func TestEnums(t *testing.T) {
	require.True(t, types.FacilityTypeImporter.IsValid())
	require.False(t, types.FacilityTypeUnspecified.IsValid())
	require.False(t, types.FacilityType(42).IsValid())
	require.Equal(t, "IMPORTER", types.FacilityTypeImporter.Label())
	require.Equal(t, "LIVESTOCK_PROCESSOR", types.FacilityTypeLivestockProcessor.Label())

	require.True(t, types.CertificateStatusExpired.IsValid())
	require.False(t, types.CertificateStatusExpired.IsStored())
	require.True(t, types.CertificateStatusRevoked.IsStored())
	require.False(t, types.CertificateStatusUnspecified.IsStored())
	require.False(t, types.CertificateStatus(9).IsValid())
	require.Equal(t, "ACTIVE", types.CertificateStatusActive.Label())

	require.True(t, types.CertificateActionRenewed.IsValid())
	require.False(t, types.CertificateActionUnspecified.IsValid())
	require.Equal(t, "AUDITED", types.CertificateActionAudited.Label())

	require.True(t, types.AuditResultConditional.IsValid())
	require.False(t, types.AuditResultUnspecified.IsValid())
	require.Equal(t, "FAIL", types.AuditResultFail.Label())

	require.True(t, types.HygieneCertStatusUsed.IsValid())
	require.False(t, types.HygieneCertStatusUnspecified.IsValid())
	require.Equal(t, "VERIFIED", types.HygieneCertStatusVerified.Label())

	require.True(t, types.InspectionResultPending.IsValid())
	require.False(t, types.InspectionResultUnspecified.IsValid())
	require.Equal(t, "PASS", types.InspectionResultPass.Label())

	require.True(t, types.DeclarationStatusRecalled.IsValid())
	require.True(t, types.DeclarationStatusWithdrawn.IsValid())
	require.False(t, types.DeclarationStatus(7).IsValid())
	require.Equal(t, "DECLARED", types.DeclarationStatusDeclared.Label())

	require.True(t, types.RecallClassIII.IsValid())
	require.False(t, types.RecallClassUnspecified.IsValid())
	require.Equal(t, "II", types.RecallClassII.Label())

	require.True(t, types.ShareFieldInspection.IsValid())
	require.False(t, types.ShareFieldUnspecified.IsValid())
	require.Equal(t, "CUSTOMS_REF", types.ShareFieldCustomsRef.Label())
}

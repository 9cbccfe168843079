package keeper

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/pii"
	"github.com/civicchain/civic/testutil/keeper/sample"
	"github.com/civicchain/civic/x/disaster/types"
)

// Native Go fuzz targets over the stateless message validation. The seed
// corpus below runs in every `go test`; `go test -fuzz FuzzValidateDeclareIncident`
// explores further. District lists are fuzzed as one comma-separated string.

var (
	// Oracles: the grammars as regular expressions, independent of the hand-written checks.
	digestRe      = regexp.MustCompile(`^[0-9a-f]{64}$`)
	districtRe    = regexp.MustCompile(`^[0-9]{5}$`)
	messageCodeRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]{2,31}$`)
)

// districtsOK is the district-list oracle: 1..64 codes of 5 ASCII digits, none twice.
func districtsOK(ds []string) bool {
	if len(ds) == 0 || len(ds) > int(types.MaxDistricts) {
		return false
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if !districtRe.MatchString(d) || seen[d] {
			return false
		}
		seen[d] = true
	}
	return true
}

// split turns the fuzzed "a,b,c" into a list ("" is the empty list).
func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// checkDistricts fails t unless got is ds in ascending order.
func checkDistricts(t *testing.T, ds, got []string) {
	t.Helper()
	want := slices.Clone(ds)
	slices.Sort(want)
	if !slices.Equal(want, got) {
		t.Fatalf("districts %q normalized to %q", ds, got)
	}
}

func FuzzValidateDeclareIncident(f *testing.F) {
	c := sample.Addr("coordinator")
	d := sample.HexDigest("a")
	f.Add(c, int32(1), "26230,26260", int32(2), d)
	f.Add(c, int32(6), "26260,26230,26110", int32(4), d)
	f.Add(c, int32(0), "26230", int32(2), d)
	f.Add(c, int32(7), "26230", int32(2), d)
	f.Add(c, int32(1), "", int32(2), d)
	f.Add(c, int32(1), "26230,26230", int32(2), d)
	f.Add(c, int32(1), "2623", int32(2), d)
	f.Add(c, int32(1), "２６２３０", int32(2), d)
	f.Add(c, int32(1), "26230", int32(0), d)
	f.Add(c, int32(1), "26230", int32(5), d)
	f.Add(c, int32(1), "26230", int32(1), strings.ToUpper(d))
	f.Add("civic1invalid", int32(1), "26230", int32(1), d)
	f.Add(strings.ToUpper(c), int32(1), "26230", int32(1), d)
	f.Fuzz(func(t *testing.T, coordinator string, typ int32, districts string, severity int32, digest string) {
		msg := &types.MsgDeclareIncident{
			Coordinator: coordinator, Type: types.IncidentType(typ), AffectedDistricts: split(districts),
			Severity: types.Severity(severity), DescriptionDigest: digest,
		}
		addr, got, err := validateDeclareIncident(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || typ < 1 || typ > 6 || severity < 1 || severity > 4 || !digestRe.MatchString(digest) || !districtsOK(msg.AffectedDistricts) {
			t.Fatalf("accepted %+v", msg)
		}
		checkDistricts(t, msg.AffectedDistricts, got)
	})
}

func FuzzValidateUpdateIncident(f *testing.F) {
	c := sample.Addr("coordinator")
	d := sample.HexDigest("b")
	f.Add(c, uint64(1), int32(3), "", d)
	f.Add(c, uint64(1), int32(0), "26350,26230", d)
	f.Add(c, uint64(1), int32(0), "", d)
	f.Add(c, uint64(0), int32(3), "", d)
	f.Add(c, uint64(1), int32(9), "", d)
	f.Add(c, uint64(1), int32(3), "26230,", d)
	f.Add(c, uint64(1), int32(3), "", "")
	f.Fuzz(func(t *testing.T, coordinator string, id uint64, severity int32, districts, reason string) {
		msg := &types.MsgUpdateIncident{
			Coordinator: coordinator, IncidentId: id, Severity: types.Severity(severity),
			AffectedDistricts: split(districts), ReasonDigest: reason,
		}
		addr, got, err := validateUpdateIncident(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		changes := severity != 0 || len(msg.AffectedDistricts) > 0
		if addr.Empty() || id == 0 || !changes || severity < 0 || severity > 4 || !digestRe.MatchString(reason) ||
			(len(msg.AffectedDistricts) > 0 && !districtsOK(msg.AffectedDistricts)) {
			t.Fatalf("accepted %+v", msg)
		}
		if len(msg.AffectedDistricts) == 0 {
			if got != nil {
				t.Fatalf("no districts sent but %q returned", got)
			}
			return
		}
		checkDistricts(t, msg.AffectedDistricts, got)
	})
}

func FuzzValidateSetIncidentStatus(f *testing.F) {
	c := sample.Addr("coordinator")
	f.Add(c, uint64(1), int32(2))
	f.Add(c, uint64(1), int32(3))
	f.Add(c, uint64(1), int32(0))
	f.Add(c, uint64(1), int32(4))
	f.Add(c, uint64(0), int32(2))
	f.Add("", uint64(1), int32(2))
	f.Fuzz(func(t *testing.T, signer string, id uint64, status int32) {
		msg := &types.MsgSetIncidentStatus{Signer: signer, IncidentId: id, Status: types.IncidentStatus(status)}
		addr, err := validateSetIncidentStatus(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || id == 0 || status < 1 || status > 3 {
			t.Fatalf("accepted %+v", msg)
		}
	})
}

func FuzzValidateIssuePublicAlert(f *testing.F) {
	c := sample.Addr("coordinator")
	d := sample.HexDigest("c")
	f.Add(c, uint64(1), "26230", int32(2), "FLOOD_EVACUATE", d)
	f.Add(c, uint64(1), "26230,26110", int32(4), "HEAT_WAVE_2", d)
	f.Add(c, uint64(0), "26230", int32(2), "FLOOD_EVACUATE", d)
	f.Add(c, uint64(1), "", int32(2), "FLOOD_EVACUATE", d)
	f.Add(c, uint64(1), "26230", int32(0), "FLOOD_EVACUATE", d)
	f.Add(c, uint64(1), "26230", int32(2), "flood", d)
	f.Add(c, uint64(1), "26230", int32(2), "CALL_01012345678", d)
	f.Add(c, uint64(1), "26230", int32(2), "EVACUATE NOW", d)
	f.Add(c, uint64(1), "26230", int32(2), "FLOOD_EVACUATE", d[:10])
	f.Fuzz(func(t *testing.T, coordinator string, id uint64, districts string, level int32, code, digest string) {
		msg := &types.MsgIssuePublicAlert{
			Coordinator: coordinator, IncidentId: id, Districts: split(districts), Level: types.Severity(level),
			MessageCode: code, BroadcastDigest: digest,
		}
		addr, got, err := validateIssuePublicAlert(sample.Codec, msg)
		if err != nil {
			sample.RequireModuleError(t, types.ModuleName, err)
			return
		}
		if addr.Empty() || id == 0 || level < 1 || level > 4 || !messageCodeRe.MatchString(code) || pii.Find(code) != "" ||
			!digestRe.MatchString(digest) || !districtsOK(msg.Districts) {
			t.Fatalf("accepted %+v", msg)
		}
		checkDistricts(t, msg.Districts, got)
	})
}

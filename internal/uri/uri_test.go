package uri_test

import (
	"encoding/base32"
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/uri"
)

func TestHTTPS(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" = accepted, else a part of the message
	}{
		{"https://credentials.mois.go.kr/issuer", ""},
		{"https://mois.go.kr", ""},
		{"https://mois.go.kr/", ""},
		{"https://schemas.mois.go.kr/resident-card/1.0.0.json", ""},
		{"https://x.example:8443/status/2026-12-06/list_1~a", ""},
		{"https://xn--9n2bn1h.kr/a", ""},
		{"http://mois.go.kr", "not an https URL"},
		{"HTTPS://mois.go.kr", "not an https URL"},
		{"https://", "host is empty"},
		{"https://hong@mois.go.kr", "no user information"},
		{"https://user:pw@mois.go.kr/", "no user information"},
		{"https://mois.go.kr?name=hong", "no user information, query or fragment"},
		{"https://mois.go.kr/a?name=hong", "outside [A-Za-z0-9._~-]"},
		{"https://mois.go.kr/a#frag", "outside [A-Za-z0-9._~-]"},
		{"https://mois.go.kr/hong%20gildong", "outside [A-Za-z0-9._~-]"},
		{"https://mois.go.kr/hong gildong", "outside [A-Za-z0-9._~-]"},
		{"https://mois.go.kr/홍길동", "outside [A-Za-z0-9._~-]"},
		{"https://mois.go.kr/../etc", `path segment 1 is ".."`},
		{"https://mois.go.kr/01012345678", "run of more than 8 digits"},
		{"https://mois.go.kr/010-1234-5678", "run of more than 8 digits"},
		{"https://mois.go.kr/900101-1234567", "run of more than 8 digits"},
		{"https://MOIS.go.kr", "outside lowercase"},
		{"https://localhost/a", "at least two labels"},
		{"https://10.0.0.1/a", "IP address"},
		{"https://[::1]/a", "is not 1..65535"},
		{"https://-a.kr", "starting or ending with '-'"},
		{"https://a..kr", "label of 0 bytes"},
		{"https://mois.go.kr:0/", "port"},
		{"https://mois.go.kr:65536/", "port"},
		{"https://mois.go.kr:/", "port"},
		{"https://mois.go.kr/" + strings.Repeat("a", 300), "at most 256"},
	} {
		err := uri.HTTPS("f", tc.in)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "f ") {
			t.Errorf("%q: got %v, want an error naming f with %q", tc.in, err, tc.want)
		}
	}
}

// sha512CID is a base32 CIDv1 (dag-pb) whose multihash claims SHA-512.
var sha512CID = strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(
	append([]byte{1, 0x70, 0x13, 32}, make([]byte, 32)...)))

func TestIPFS(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", ""},
		{"ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", ""},
		{"ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "not ipfs://"},
		{"ipfs://bhonggildong", "not a CIDv1"},
		{"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/a", "outside base32"},
		{"ipfs://b" + sha512CID, "SHA-256"},
		{"https://a.kr", "not ipfs://"},
	} {
		err := uri.IPFS("f", tc.in)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestDigitRunAndSegment(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"key-1", true},
		{"1.0.0", true},
		{"2026-12-06", true},
		{"12345678", true},
		{"123456789", false},
		{"010-1234-5678", false},
		{"010.1234.5678", false},
		{"010 1234 5678", false},
		{"900101-1234567", false},
		{"a1234-5678b9999", true}, // runs 8 then 4
		{"1--2345678-9", true},    // a double separator ends the run
	} {
		if err := uri.DigitRun("f", tc.in); (err == nil) != tc.ok {
			t.Errorf("DigitRun(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"key-1", true},
		{"credentials", true},
		{"", false},
		{"a b", false},
		{"hong@mois.go.kr", false},
		{"p01012345678", false},
		{strings.Repeat("a", 65), false},
	} {
		if err := uri.Segment("f", tc.in, 64); (err == nil) != tc.ok {
			t.Errorf("Segment(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

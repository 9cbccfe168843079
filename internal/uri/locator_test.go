package uri_test

import (
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/uri"
)

func TestCheck(t *testing.T) {
	allowed := []string{"s3", "https", "urn"}
	for _, tc := range []struct {
		in   string
		want string // "" = accepted, else a part of the message
	}{
		{"s3://npa-evidence/2024/17/e-001.dd", ""},
		{"https://store.police.go.kr:8443/cases/17/E-001.dd", ""},
		{"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", ""},
		{"s3://npa-evidence", ""},
		{"ftp://host/x", "not one of"},
		{"no-scheme", "no scheme"},
		{"urn:isbn:123", "urn:uuid"},
		{"urn:uuid:0F8FAD5B-D9CB-469F-A165-70867728950E", "urn:uuid"},
		{"s3:bucket/x", "want s3://"},
		{"https://hong:pw@host/x", "user information"},
		{"s3://Bucket/x", "DNS name"},
		{"s3://bucket/a b", "outside"},
		{"s3://bucket/x?name=hong", "outside"},
		{"s3://bucket/x#frag", "outside"},
		{"s3://bucket/%ED%99%8D", "outside"},
		{"s3://bucket//x", "segment 1"},
		{"s3://bucket/", "segment 1"},
		{"s3://bucket/../x", "segment 1"},
		{"https://host:port/x", "port"},
		{"s3://bucket/900101-1234567.dd", "resident registration number"},
		{"s3://bucket/010-1234-5678/x", "telephone number"},
		{"s3://bucket/" + strings.Repeat("a", 600), "at most"},
	} {
		err := uri.Check("locator", tc.in, allowed)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Check(%q) = %v, want nil", tc.in, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("Check(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

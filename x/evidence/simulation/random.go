package simulation

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"time"

	"github.com/civicchain/civic/x/evidence/types"
)

// Random field values shared by the genesis and the message factories. Only digests,
// codes and pseudonymous locators: nothing personal, as on the real chain.

var (
	mediaTypes = []string{
		"application/octet-stream", "application/x-raw-disk-image", "application/zip",
		"image/jpeg", "video/mp4", "text/plain", "application/vnd.sqlite3",
	}
	tools = []struct{ name, version string }{
		{"ftk-imager", "4.7.1"}, {"x-ways-forensics", "20.9"}, {"dd", ""}, {"cellebrite-ufed", "7.69"}, {"", ""},
	}
	methods = []types.AcquisitionMethod{
		types.AcquisitionMethodSeizure, types.AcquisitionMethodVoluntarySubmission,
		types.AcquisitionMethodForensicImage, types.AcquisitionMethodLogicalExtraction,
	}
)

// randomDigest is a random SHA-256-shaped digest (64 lowercase hex characters).
func randomDigest(r *rand.Rand) string {
	b := make([]byte, 32)
	_, _ = r.Read(b) // math/rand.Read never fails
	return hex.EncodeToString(b)
}

// maybeDigest returns a random digest once in odds times, else "" (an optional note).
func maybeDigest(r *rand.Rand, odds int) string {
	if r.Intn(odds) != 0 {
		return ""
	}
	return randomDigest(r)
}

// randomAcquisition is an acquisition record up to 30 days before now; a derived copy
// when derived.
func randomAcquisition(r *rand.Rand, now time.Time, derived bool) types.Acquisition {
	tool := tools[r.Intn(len(tools))]
	method := methods[r.Intn(len(methods))]
	if derived {
		method = types.AcquisitionMethodDerivedCopy
	}
	return types.Acquisition{
		Method:      method,
		Tool:        tool.name,
		ToolVersion: tool.version,
		AcquiredAt:  now.Add(-time.Duration(1+r.Intn(30*24*60)) * time.Minute).UTC(),
	}
}

// randomLocator is an off-chain storage URI for an exhibit of a case.
func randomLocator(r *rand.Rand, caseID uint64, exhibit string) string {
	return fmt.Sprintf("s3://sim-evidence/%d/%s-%08x.bin", caseID, exhibit, r.Uint32())
}

// randomSize is a payload size between 1 byte and 4 TiB.
func randomSize(r *rand.Rand) uint64 {
	return 1 + uint64(r.Int63n(1<<42)) //nolint:gosec // positive
}

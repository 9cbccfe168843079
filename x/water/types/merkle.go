package types

import (
	"encoding/hex"

	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/merkle"
)

// A batch's merkle_root is the RFC 6962 root (internal/merkle, as x/toll's
// batches and CometBFT's crypto/merkle) over its raw readings in order:
//
//	leaf data:  RawReading.Marshal() (gogoproto's deterministic encoding:
//	            phenomenon_time as field 1, then every value as field 2 in
//	            the batch's parameter order; no unknown fields)
//	leaf hash:  SHA-256(0x00 || leaf data)
//	inner hash: SHA-256(0x01 || left || right)
//
// Every raw reading of a batch carries exactly the batch's parameters, so
// the stats' count is the batch's count for every parameter. The CLI's
// submit-batch-file and the VerifyReading query both go through LeafData.

// MaxProofSiblings bounds the siblings of a proof: 64 levels hold 2^64 leaves.
const MaxProofSiblings = 64

// LeafData is a raw reading's leaf data, its deterministic protobuf encoding.
func LeafData(r RawReading) ([]byte, error) {
	bz, err := r.Marshal()
	if err != nil {
		return nil, errorsmod.Wrapf(ErrInvalidBatch, "encode reading: %s", err)
	}
	return bz, nil
}

// ReadingLeafHash is a raw reading's leaf hash, SHA-256(0x00 || LeafData).
func ReadingLeafHash(r RawReading) ([]byte, error) {
	bz, err := LeafData(r)
	if err != nil {
		return nil, err
	}
	return merkle.LeafHash(bz), nil
}

// leaves encodes raw readings as leaf data.
func leaves(rs []RawReading) ([][]byte, error) {
	out := make([][]byte, len(rs))
	for i, r := range rs {
		bz, err := LeafData(r)
		if err != nil {
			return nil, errorsmod.Wrapf(err, "readings[%d]", i)
		}
		out[i] = bz
	}
	return out, nil
}

// BatchRoot is the merkle_root of raw readings, 64 lowercase hex.
func BatchRoot(rs []RawReading) (string, error) {
	if len(rs) == 0 {
		return "", errorsmod.Wrap(ErrInvalidBatch, "a batch has at least one reading")
	}
	ls, err := leaves(rs)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(merkle.Root(ls)), nil
}

// BatchProof returns the sibling hashes (64 lowercase hex each, leaf to root)
// proving rs[index] against BatchRoot(rs).
func BatchProof(rs []RawReading, index int) ([]string, error) {
	ls, err := leaves(rs)
	if err != nil {
		return nil, err
	}
	sibs, err := merkle.Proof(ls, index)
	if err != nil {
		return nil, errorsmod.Wrap(ErrInvalidProof, err.Error())
	}
	out := make([]string, len(sibs))
	for i, s := range sibs {
		out[i] = hex.EncodeToString(s)
	}
	return out, nil
}

// BatchStats computes the stats of raw readings: every reading must carry
// the same parameters in order (ValidateMeasurements); per parameter min,
// max, sum and mean = floor(sum / count).
func BatchStats(rs []RawReading) ([]ParameterStats, error) {
	if len(rs) == 0 {
		return nil, errorsmod.Wrap(ErrInvalidBatch, "a batch has at least one reading")
	}
	var stats []ParameterStats
	for i, r := range rs {
		if err := ValidateMeasurements(r.Values); err != nil {
			return nil, errorsmod.Wrapf(err, "readings[%d]", i)
		}
		if i == 0 {
			stats = make([]ParameterStats, len(r.Values))
			for j, m := range r.Values {
				stats[j] = ParameterStats{Parameter: m.Parameter, Min: m.Value, Max: m.Value}
			}
		}
		if len(r.Values) != len(stats) {
			return nil, errorsmod.Wrapf(ErrInvalidBatch, "readings[%d] has %d values, readings[0] %d", i, len(r.Values), len(stats))
		}
		for j, m := range r.Values {
			s := &stats[j]
			if m.Parameter != s.Parameter {
				return nil, errorsmod.Wrapf(ErrInvalidBatch, "readings[%d] values[%d] is %s, readings[0]'s is %s", i, j, m.Parameter.Label(), s.Parameter.Label())
			}
			s.Min, s.Max, s.Sum = min(s.Min, m.Value), max(s.Max, m.Value), s.Sum+m.Value
		}
	}
	for j := range stats {
		stats[j].Mean = FloorDiv(stats[j].Sum, int64(len(rs)))
	}
	return stats, nil
}

// ValidateBatchStats checks a batch's declared count and stats: count in
// 1..maxCount; 1..5 stats in parameter order without repeats; per
// parameter values in range, min <= max, count*min <= sum <= count*max and
// mean = floor(sum / count). Values are bounded (ValidateValue) and count by
// params, so no product or sum here can overflow an int64.
func ValidateBatchStats(count, maxCount uint64, stats []ParameterStats) error {
	if count == 0 || count > maxCount {
		return errorsmod.Wrapf(ErrInvalidBatch, "count %d outside 1..%d", count, maxCount)
	}
	if len(stats) == 0 || len(stats) > NumParameters {
		return errorsmod.Wrapf(ErrInvalidBatch, "stats must hold 1..%d parameters, got %d", NumParameters, len(stats))
	}
	n := int64(count)
	for i, s := range stats {
		if err := ValidateParameter(s.Parameter); err != nil {
			return errorsmod.Wrapf(err, "stats[%d]", i)
		}
		if i > 0 && s.Parameter <= stats[i-1].Parameter {
			return errorsmod.Wrapf(ErrInvalidBatch, "stats must be in parameter order without repeats: %s follows %s", s.Parameter.Label(), stats[i-1].Parameter.Label())
		}
		for _, v := range []int64{s.Min, s.Max} {
			if err := ValidateValue(s.Parameter, v); err != nil {
				return errorsmod.Wrapf(err, "stats[%d]", i)
			}
		}
		if s.Min > s.Max {
			return errorsmod.Wrapf(ErrInvalidBatch, "stats[%d] %s: min %d is above max %d", i, s.Parameter.Label(), s.Min, s.Max)
		}
		if s.Sum < n*s.Min || s.Sum > n*s.Max {
			return errorsmod.Wrapf(ErrInvalidBatch, "stats[%d] %s: sum %d of %d readings is outside %d..%d (count x min..count x max)", i, s.Parameter.Label(), s.Sum, count, n*s.Min, n*s.Max)
		}
		if want := FloorDiv(s.Sum, n); s.Mean != want {
			return errorsmod.Wrapf(ErrInvalidBatch, "stats[%d] %s: mean %d, floor(sum / count) = floor(%d / %d) = %d", i, s.Parameter.Label(), s.Mean, s.Sum, count, want)
		}
	}
	return nil
}

// VerifyBatchReading checks that r is the raw reading at index of batch b
// with the sibling hashes (leaf to root): its phenomenon time within the
// window, its values exactly the batch's parameters in order and each within
// the batch's min..max, and its path ending in the batch's merkle_root. It
// returns the reading's leaf hash, also when the proof fails (nil only if the
// reading cannot be encoded). Every failure wraps ErrInvalidProof.
func VerifyBatchReading(b Batch, index uint64, r RawReading, siblings []string) ([]byte, error) {
	data, err := LeafData(r)
	if err != nil {
		return nil, err
	}
	leafHash := merkle.LeafHash(data)
	fail := func(format string, args ...any) ([]byte, error) {
		return leafHash, errorsmod.Wrapf(ErrInvalidProof, format, args...)
	}
	if index >= b.Count {
		return fail("index %d outside a batch of %d readings", index, b.Count)
	}
	if len(siblings) > MaxProofSiblings {
		return fail("%d siblings, at most %d", len(siblings), MaxProofSiblings)
	}
	if r.PhenomenonTime.Before(b.WindowStart) || r.PhenomenonTime.After(b.WindowEnd) {
		return fail("phenomenon_time %s is outside the window %s..%s", r.PhenomenonTime.UTC(), b.WindowStart.UTC(), b.WindowEnd.UTC())
	}
	if len(r.Values) != len(b.Stats) {
		return fail("the reading has %d values, the batch %d parameters", len(r.Values), len(b.Stats))
	}
	for i, m := range r.Values {
		s := b.Stats[i]
		if m.Parameter != s.Parameter {
			return fail("values[%d] is %s, the batch's parameter %d is %s", i, m.Parameter.Label(), i, s.Parameter.Label())
		}
		if m.Value < s.Min || m.Value > s.Max {
			return fail("values[%d] %s %d is outside the batch's %d..%d", i, m.Parameter.Label(), m.Value, s.Min, s.Max)
		}
	}
	root, err := hex.DecodeString(b.MerkleRoot)
	if err != nil {
		return fail("merkle root: %s", err)
	}
	sibs := make([][]byte, len(siblings))
	for i, s := range siblings {
		if err := ValidateDigest("sibling", s); err != nil {
			return fail("siblings[%d]: %s", i, err)
		}
		sibs[i], _ = hex.DecodeString(s)
	}
	if err := merkle.Verify(root, data, index, b.Count, sibs); err != nil {
		return fail("%s", err)
	}
	return leafHash, nil
}

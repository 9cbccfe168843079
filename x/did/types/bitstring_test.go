package types_test

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/civicchain/civic/x/did/types"
)

func TestBitCountBits(t *testing.T) {
	require.Equal(t, uint64(0), types.CountBits(nil))
	require.Equal(t, uint64(0), types.CountBits(make([]byte, 16)))
	require.Equal(t, uint64(9), types.CountBits([]byte{0xff, 0x00, 0x80}))
}

func TestBitStatusBit(t *testing.T) {
	cases := []struct {
		index     uint64
		chunk     uint32
		byteIndex int
		mask      byte
	}{
		{0, 0, 0, 0x80}, // the first entry is the most significant bit of byte 0
		{1, 0, 0, 0x40},
		{7, 0, 0, 0x01},
		{8, 0, 1, 0x80},
		{8191, 0, 1023, 0x01},
		{8192, 1, 0, 0x80},
		{131071, 15, 1023, 0x01},
		{types.MaxMaxStatusListEntries - 1, uint32(types.MaxMaxStatusListEntries/types.StatusChunkBits - 1), 1023, 0x01},
	}
	for _, tc := range cases {
		chunk, b, mask := types.StatusBit(tc.index)
		require.Equal(t, tc.chunk, chunk, "chunk of %d", tc.index)
		require.Equal(t, tc.byteIndex, b, "byte of %d", tc.index)
		require.Equal(t, tc.mask, mask, "mask of %d", tc.index)
	}
}

// chunksOf serves the chunks of a whole bitstring, nil for all-zero chunks as
// the store does.
func chunksOf(bitstring []byte) func(uint32) ([]byte, error) {
	return func(c uint32) ([]byte, error) {
		b := bitstring[int(c)*types.StatusChunkBytes : int(c+1)*types.StatusChunkBytes]
		if types.CountBits(b) == 0 {
			return nil, nil
		}
		return b, nil
	}
}

func setBit(bitstring []byte, index uint64) {
	chunk, b, mask := types.StatusBit(index)
	bitstring[int(chunk)*types.StatusChunkBytes+b] |= mask
}

func TestBitEncodeDecodeRoundTrip(t *testing.T) {
	// ARRANGE: a minimum-size list with the first, a middle and the last index set.
	entries := types.MinStatusListEntries
	bitstring := make([]byte, entries/8)
	for _, i := range []uint64{0, 9, 8192, 70_001, entries - 1} {
		setBit(bitstring, i)
	}

	// ACT
	encoded, err := types.EncodeStatusList(entries, chunksOf(bitstring))
	require.NoError(t, err)
	decoded, err := types.DecodeStatusList(encoded)

	// ASSERT
	require.NoError(t, err)
	require.Equal(t, bitstring, decoded)
	require.Equal(t, byte('u'), encoded[0], "multibase base64url prefix")
	require.NotContains(t, encoded, "=", "no padding")
	require.NotContains(t, encoded, "+")
	require.NotContains(t, encoded, "/")
	require.Equal(t, byte(0x80), decoded[0]&0x80, "index 0 is the most significant bit of byte 0")
	require.Equal(t, byte(0x40), decoded[1], "index 9 is the second bit of byte 1")
	require.Equal(t, byte(0x01), decoded[len(decoded)-1], "the last index is the least significant bit of the last byte")

	// The encoding is a function of the bits alone: same input, same string.
	again, err := types.EncodeStatusList(entries, chunksOf(bitstring))
	require.NoError(t, err)
	require.Equal(t, encoded, again)
}

func TestBitEncodeIsStandardGzip(t *testing.T) {
	// ARRANGE
	entries := types.MinStatusListEntries
	bitstring := make([]byte, entries/8)
	setBit(bitstring, 0)

	// ACT
	encoded, err := types.EncodeStatusList(entries, chunksOf(bitstring))
	require.NoError(t, err)

	// ASSERT: any GZIP reader inflates it; the header carries no time.
	gz, err := base64.RawURLEncoding.DecodeString(encoded[1:])
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	require.NoError(t, err)
	require.True(t, zr.ModTime.IsZero(), "zero header mtime")
	var out bytes.Buffer
	_, err = out.ReadFrom(zr)
	require.NoError(t, err)
	require.Equal(t, bitstring, out.Bytes())
	require.Equal(t, byte(0x80), out.Bytes()[0])
}

func TestBitEncodeAllZero(t *testing.T) {
	encoded, err := types.EncodeStatusList(types.MinStatusListEntries, func(uint32) ([]byte, error) { return nil, nil })
	require.NoError(t, err)
	decoded, err := types.DecodeStatusList(encoded)
	require.NoError(t, err)
	require.Len(t, decoded, int(types.MinStatusListEntries/8))
	require.Equal(t, uint64(0), types.CountBits(decoded))
}

func TestBitEncodeRejects(t *testing.T) {
	none := func(uint32) ([]byte, error) { return nil, nil }
	for _, entries := range []uint64{0, types.StatusChunkBits + 1, types.MaxMaxStatusListEntries + types.StatusChunkBits} {
		_, err := types.EncodeStatusList(entries, none)
		require.Error(t, err, "entries %d", entries)
	}
	_, err := types.EncodeStatusList(types.MinStatusListEntries, func(uint32) ([]byte, error) { return []byte{1}, nil })
	require.ErrorContains(t, err, "1 bytes")
	boom := errors.New("store failed")
	_, err = types.EncodeStatusList(types.MinStatusListEntries, func(uint32) ([]byte, error) { return nil, boom })
	require.ErrorIs(t, err, boom)
}

func TestBitDecodeRejects(t *testing.T) {
	var notGzip bytes.Buffer
	notGzip.WriteString("plain")
	for name, s := range map[string]string{
		"empty":            "",
		"no prefix":        base64.RawURLEncoding.EncodeToString([]byte("x")),
		"base58 prefix":    "z3mJ",
		"padding":          "u" + base64.URLEncoding.EncodeToString([]byte("ab")),
		"standard base64+": "u+/+/",
		"not gzip":         "u" + base64.RawURLEncoding.EncodeToString(notGzip.Bytes()),
	} {
		_, err := types.DecodeStatusList(s)
		require.Error(t, err, name)
	}

	// A GZIP bomb larger than the largest list is refused.
	var big bytes.Buffer
	zw := gzip.NewWriter(&big)
	_, err := zw.Write(make([]byte, types.MaxMaxStatusListEntries/8+1))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	_, err = types.DecodeStatusList("u" + base64.RawURLEncoding.EncodeToString(big.Bytes()))
	require.ErrorContains(t, err, "more than")
}

// FuzzBitRoundTrip sets the indexes read from raw (three bytes each, below the
// minimum list size) and checks that the encodedList decodes to exactly them.
func FuzzBitRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{0x01, 0xff, 0xff, 0, 0x20, 0x00})
	f.Add([]byte{0, 0, 9, 0, 0, 9})
	f.Fuzz(func(t *testing.T, raw []byte) {
		entries := types.MinStatusListEntries
		bitstring := make([]byte, entries/8)
		want := map[uint64]bool{}
		for ; len(raw) >= 3; raw = raw[3:] {
			i := (uint64(raw[0])<<16 | uint64(raw[1])<<8 | uint64(raw[2])) % entries
			setBit(bitstring, i)
			want[i] = true
		}
		encoded, err := types.EncodeStatusList(entries, chunksOf(bitstring))
		require.NoError(t, err)
		decoded, err := types.DecodeStatusList(encoded)
		require.NoError(t, err)
		require.Equal(t, uint64(len(want)), types.CountBits(decoded))
		for i := range want {
			require.NotZero(t, decoded[i/8]&(0x80>>(i%8)), "index %d", i)
		}
	})
}

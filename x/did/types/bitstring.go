package types

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"math/bits"
)

// A status list is a W3C Bitstring Status List: entry i is bit (7 - i%8) of
// byte i/8 of the bitstring, the most significant bit first, so the first
// entry is the top bit of the first byte. State keeps the bitstring in chunks
// of StatusChunkBits entries; an all-zero chunk is not stored.

// StatusChunkBytes is the size of one stored chunk (StatusChunkBits / 8, 1 KiB).
const StatusChunkBytes = int(StatusChunkBits / 8)

// maxEncodedListBytes bounds the bitstring DecodeStatusList inflates, the
// largest list a chain may hold (MaxMaxStatusListEntries bits).
const maxEncodedListBytes = MaxMaxStatusListEntries / 8

// CountBits returns the number of set bits in b.
func CountBits(b []byte) uint64 {
	var n uint64
	for _, x := range b {
		n += uint64(bits.OnesCount8(x))
	}
	return n
}

// StatusBit locates entry index: the chunk that holds it, the byte in that
// chunk and the bit in that byte (most significant bit first).
func StatusBit(index uint64) (chunk uint32, byteInChunk int, mask byte) {
	chunk = uint32(index / StatusChunkBits)
	inChunk := index % StatusChunkBits
	return chunk, int(inChunk / 8), byte(0x80) >> (inChunk % 8)
}

// EncodeStatusList builds the W3C encodedList of a list of entries bits:
// the whole bitstring, GZIP-compressed (default compression, zero header
// time, so the output depends on the bits only) and written as multibase
// base64url without padding ('u' prefix). chunk returns the bytes of one
// chunk, or nil for an all-zero (unstored) chunk. It runs in queries only:
// state never holds the encoded form.
func EncodeStatusList(entries uint64, chunk func(uint32) ([]byte, error)) (string, error) {
	if entries == 0 || entries%StatusChunkBits != 0 || entries > MaxMaxStatusListEntries {
		return "", fmt.Errorf("status list size %d is not a positive multiple of %d up to %d", entries, StatusChunkBits, MaxMaxStatusListEntries)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf) // the zero Header: no name, no comment, ModTime zero
	zero := make([]byte, StatusChunkBytes)
	n := uint32(entries / StatusChunkBits)
	for c := uint32(0); c < n; c++ {
		b, err := chunk(c)
		if err != nil {
			return "", err
		}
		switch {
		case b == nil:
			b = zero
		case len(b) != StatusChunkBytes:
			return "", fmt.Errorf("status chunk %d is %d bytes, want %d", c, len(b), StatusChunkBytes)
		}
		if _, err := zw.Write(b); err != nil {
			return "", err
		}
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodeStatusList reverses EncodeStatusList: it returns the bitstring of an
// encodedList (multibase base64url 'u' of GZIP). It refuses a bitstring larger
// than the largest list a chain may hold. Clients and tests use it.
func DecodeStatusList(encoded string) ([]byte, error) {
	if len(encoded) == 0 || encoded[0] != 'u' {
		return nil, fmt.Errorf("encodedList must be multibase base64url (prefix 'u')")
	}
	gz, err := base64.RawURLEncoding.DecodeString(encoded[1:])
	if err != nil {
		return nil, fmt.Errorf("encodedList is not base64url without padding: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("encodedList is not GZIP: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, int64(maxEncodedListBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("encodedList is not GZIP: %w", err)
	}
	if uint64(len(out)) > maxEncodedListBytes {
		return nil, fmt.Errorf("encodedList inflates to more than %d bytes", maxEncodedListBytes)
	}
	return out, nil
}

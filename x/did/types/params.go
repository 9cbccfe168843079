package types

import (
	errorsmod "cosmossdk.io/errors"

	"github.com/civicchain/civic/internal/bounds"
)

// Parameter defaults and bounds.
const (
	DefaultMaxDocumentBytes uint32 = 16 * 1024
	MaxMaxDocumentBytes     uint32 = 64 * 1024

	DefaultMaxStatusChanges uint32 = 1000
	MaxMaxStatusChanges     uint32 = 10_000

	// MinStatusListEntries is the W3C Bitstring Status List minimum (16 KiB).
	MinStatusListEntries uint64 = 131_072
	// StatusChunkBits is the number of entries in one stored chunk (1 KiB).
	StatusChunkBits uint64 = 8192
	// DefaultMaxStatusListEntries is 1 Mi entries (128 KiB of bits).
	DefaultMaxStatusListEntries uint64 = 1 << 20
	MaxMaxStatusListEntries     uint64 = 1 << 24
)

// DefaultParams returns the parameters of a new chain.
func DefaultParams() Params {
	return Params{
		MaxDocumentBytes:     DefaultMaxDocumentBytes,
		MaxStatusChanges:     DefaultMaxStatusChanges,
		MaxStatusListEntries: DefaultMaxStatusListEntries,
	}
}

// Validate checks every parameter against its bounds.
func (p Params) Validate() error {
	if err := bounds.First(
		bounds.Range("max_document_bytes", p.MaxDocumentBytes, 1, MaxMaxDocumentBytes),
		bounds.Range("max_status_changes", p.MaxStatusChanges, 1, MaxMaxStatusChanges),
	); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	if p.MaxStatusListEntries < MinStatusListEntries || p.MaxStatusListEntries > MaxMaxStatusListEntries || p.MaxStatusListEntries%StatusChunkBits != 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "max_status_list_entries must be a multiple of %d in %d..%d, got %d",
			StatusChunkBits, MinStatusListEntries, MaxMaxStatusListEntries, p.MaxStatusListEntries)
	}
	return nil
}

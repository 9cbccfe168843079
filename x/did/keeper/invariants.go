package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/x/did/types"
)

// Invariants of the module state: every DID's versions are numbered 1..n without gaps,
// end at its latest-version entry and stop at deactivation; records are stored under their
// own ids, ids already issued; grants, issuer bindings and status lists refer to existing
// DIDs and schemas; the status bits are stored as the chunk layout says
// and add up to each list's set_count. Each check walks the whole store, so they are for
// tests and simulations (app/sim_test.go), never for a block hook; the crisis module is
// not wired. Each returns nil or an error naming the broken record.

// Invariant is one named check of the module state.
type Invariant struct {
	Name  string
	Check func(ctx context.Context) error
}

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []Invariant {
	return []Invariant{
		{"versions", k.VersionsInvariant},
		{"schemas", k.SchemasInvariant},
		{"issuers", k.IssuersInvariant},
		{"grants", k.GrantsInvariant},
		{"status-lists", k.StatusListsInvariant},
		{"status-chunks", k.StatusChunksInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	var errs []error
	for _, inv := range k.Invariants() {
		if err := inv.Check(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s invariant %q broken: %w", types.ModuleName, inv.Name, err))
		}
	}
	return errors.Join(errs...)
}

// VersionsInvariant checks every DID's versions: stored under (document id, n), numbered
// 1..n without gaps with version_id n and previous_version_id n-1 ("" for the first),
// nothing after a deactivated version, and the latest-version entry equal to n; and no
// latest-version entry without versions.
func (k Keeper) VersionsInvariant(ctx context.Context) error {
	type run struct {
		did         string
		n           uint64
		deactivated bool
	}
	var cur run
	finish := func() error {
		if cur.did == "" {
			return nil
		}
		latest, err := k.LatestVersion.Get(ctx, cur.did)
		if errors.Is(err, collections.ErrNotFound) {
			return fmt.Errorf("%s has %d versions but no latest-version entry", cur.did, cur.n)
		} else if err != nil {
			return err
		}
		if latest != cur.n {
			return fmt.Errorf("the latest version of %s is recorded as %d but it has %d versions", cur.did, latest, cur.n)
		}
		return nil
	}
	err := k.Versions.Walk(ctx, nil, func(key collections.Pair[string, uint64], v types.DidVersion) (bool, error) {
		did, n := key.K1(), key.K2()
		if did != cur.did {
			if err := finish(); err != nil {
				return true, err
			}
			cur = run{did: did}
		}
		if v.Document.Id != did {
			return true, fmt.Errorf("version %d of %s holds the document of %q", n, did, v.Document.Id)
		}
		if n != cur.n+1 {
			return true, fmt.Errorf("%s: version %d follows version %d", did, n, cur.n)
		}
		if cur.deactivated {
			return true, fmt.Errorf("%s: version %d follows the deactivated version %d", did, n, cur.n)
		}
		wantPrev := ""
		if n > 1 {
			wantPrev = types.FormatVersionID(n - 1)
		}
		if v.VersionId != types.FormatVersionID(n) || v.PreviousVersionId != wantPrev {
			return true, fmt.Errorf("version %d of %s says version_id %q, previous_version_id %q", n, did, v.VersionId, v.PreviousVersionId)
		}
		cur.n, cur.deactivated = n, v.Deactivated
		return false, nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	return k.LatestVersion.Walk(ctx, nil, func(did string, n uint64) (bool, error) {
		has, err := k.Versions.Has(ctx, collections.Join(did, uint64(1)))
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("the latest version of %s is recorded as %d but it has no versions", did, n)
		}
		return false, nil
	})
}

// SchemasInvariant checks every schema: stored under its own id, an id already issued.
// (Its indexes by agency and by name@version follow it: Schemas is an IndexedMap.)
func (k Keeper) SchemasInvariant(ctx context.Context) error {
	last, err := k.NextSchemaID.Peek(ctx)
	if err != nil {
		return err
	}
	return k.Schemas.Walk(ctx, nil, func(id uint64, s types.CredentialSchema) (bool, error) {
		if s.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("schema stored under %d has id %d (ids issued: 1..%d)", id, s.Id, last)
		}
		return false, nil
	})
}

// IssuersInvariant checks every issuer binding: stored under its own DID, and the DID exists.
func (k Keeper) IssuersInvariant(ctx context.Context) error {
	return k.Issuers.Walk(ctx, nil, func(did string, is types.TrustedIssuer) (bool, error) {
		if is.Did != did {
			return true, fmt.Errorf("issuer binding stored under %s names %s", did, is.Did)
		}
		has, err := k.LatestVersion.Has(ctx, did)
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("issuer %s (agency %q) is no DID", did, is.AgencyId)
		}
		return false, nil
	})
}

// GrantsInvariant checks the schema grants: each is of a bound issuer and an existing
// schema. (The grants by schema follow them: IssuerSchemas is an IndexedMap.)
func (k Keeper) GrantsInvariant(ctx context.Context) error {
	return k.IssuerSchemas.Walk(ctx, nil, func(key collections.Pair[string, uint64], _ collections.NoValue) (bool, error) {
		did, id := key.K1(), key.K2()
		if has, err := k.Issuers.Has(ctx, did); err != nil {
			return true, err
		} else if !has {
			return true, fmt.Errorf("schema %d is granted to %s, which is not a bound issuer", id, did)
		}
		if has, err := k.Schemas.Has(ctx, id); err != nil {
			return true, err
		} else if !has {
			return true, fmt.Errorf("schema %d, granted to %s, does not exist", id, did)
		}
		return false, nil
	})
}

// StatusListsInvariant checks every status list: stored under its own id, an id already
// issued, a valid purpose, a size of whole chunks, a version from 1 and its issuer a DID.
// (The lists by issuer follow them: StatusLists is an IndexedMap.)
func (k Keeper) StatusListsInvariant(ctx context.Context) error {
	last, err := k.NextStatusListID.Peek(ctx)
	if err != nil {
		return err
	}
	return k.StatusLists.Walk(ctx, nil, func(id uint64, l types.StatusList) (bool, error) {
		if l.Id != id || id == 0 || id > last {
			return true, fmt.Errorf("status list stored under %d has id %d (ids issued: 1..%d)", id, l.Id, last)
		}
		if l.Purpose != types.StatusPurposeRevocation && l.Purpose != types.StatusPurposeSuspension {
			return true, fmt.Errorf("status list %d has purpose %s", id, l.Purpose)
		}
		if l.Entries < types.MinStatusListEntries || l.Entries%types.StatusChunkBits != 0 {
			return true, fmt.Errorf("status list %d has %d entries (a multiple of %d, at least %d)", id, l.Entries, types.StatusChunkBits, types.MinStatusListEntries)
		}
		if l.Version == 0 || l.SetCount > l.Entries {
			return true, fmt.Errorf("status list %d has version %d and set_count %d of %d entries", id, l.Version, l.SetCount, l.Entries)
		}
		has, err := k.LatestVersion.Has(ctx, l.IssuerDid)
		if err != nil {
			return true, err
		}
		if !has {
			return true, fmt.Errorf("status list %d: issuer %s is no DID", id, l.IssuerDid)
		}
		return false, nil
	})
}

// StatusChunksInvariant checks the stored status bits: every chunk belongs to an existing
// list and lies inside it, holds exactly 1 KiB and is not all zero (zero chunks are not
// stored); and each list's set_count is the number of set bits of its chunks.
func (k Keeper) StatusChunksInvariant(ctx context.Context) error {
	const chunkBytes = int(types.StatusChunkBits / 8)
	type run struct {
		list types.StatusList
		set  uint64
	}
	var cur *run
	finish := func() error {
		if cur != nil && cur.set != cur.list.SetCount {
			return fmt.Errorf("status list %d has set_count %d but its chunks hold %d set bits", cur.list.Id, cur.list.SetCount, cur.set)
		}
		return nil
	}
	counted := make(map[uint64]bool)
	err := k.StatusChunks.Walk(ctx, nil, func(key collections.Pair[uint64, uint32], bits []byte) (bool, error) {
		id, chunk := key.K1(), key.K2()
		if cur == nil || cur.list.Id != id {
			if err := finish(); err != nil {
				return true, err
			}
			l, err := k.StatusLists.Get(ctx, id)
			if errors.Is(err, collections.ErrNotFound) {
				return true, fmt.Errorf("status chunk %d of list %d: the list does not exist", chunk, id)
			} else if err != nil {
				return true, err
			}
			cur = &run{list: l}
			counted[id] = true
		}
		if uint64(chunk) >= cur.list.Entries/types.StatusChunkBits {
			return true, fmt.Errorf("status chunk %d of list %d lies outside the list's %d entries", chunk, id, cur.list.Entries)
		}
		if len(bits) != chunkBytes {
			return true, fmt.Errorf("status chunk %d of list %d holds %d bytes, not %d", chunk, id, len(bits), chunkBytes)
		}
		n := types.CountBits(bits)
		if n == 0 {
			return true, fmt.Errorf("status chunk %d of list %d is all zero (zero chunks are not stored)", chunk, id)
		}
		cur.set += n
		return false, nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	return k.StatusLists.Walk(ctx, nil, func(id uint64, l types.StatusList) (bool, error) {
		if !counted[id] && l.SetCount != 0 {
			return true, fmt.Errorf("status list %d has set_count %d but no set bits", id, l.SetCount)
		}
		return false, nil
	})
}

package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/internal/invariant"
	"github.com/civicchain/civic/internal/walk"
	"github.com/civicchain/civic/x/did/types"
)

// Invariants of the module state: every DID's versions are numbered 1..n without gaps,
// end at its latest-version entry and stop at deactivation; records are stored under their
// own ids, ids already issued; grants, issuer bindings and status lists refer to existing
// DIDs and schemas; the status bits are stored as the chunk layout says and add up to each
// list's set_count. Each check walks the whole store, so they are for tests and
// simulations (app/sim_test.go), never for a block hook; the crisis module is not wired.
// Each returns nil or an error naming the broken record.

// Invariants lists every invariant of the module, in the order CheckInvariants runs them.
func (k Keeper) Invariants() []invariant.Invariant {
	return []invariant.Invariant{
		{Name: "versions", Check: k.VersionsInvariant},
		{Name: "schemas", Check: k.SchemasInvariant},
		{Name: "issuers", Check: k.IssuersInvariant},
		{Name: "grants", Check: k.GrantsInvariant},
		{Name: "status-lists", Check: k.StatusListsInvariant},
		{Name: "status-chunks", Check: k.StatusChunksInvariant},
	}
}

// CheckInvariants runs every invariant and joins their errors (nil when the state is sound).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	return invariant.Run(ctx, types.ModuleName, k.Invariants())
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
	err := walk.Each(ctx, k.Versions, func(key collections.Pair[string, uint64], v types.DidVersion) error {
		did, n := key.K1(), key.K2()
		if did != cur.did {
			if err := finish(); err != nil {
				return err
			}
			cur = run{did: did}
		}
		if v.Document.Id != did {
			return fmt.Errorf("version %d of %s holds the document of %q", n, did, v.Document.Id)
		}
		if n != cur.n+1 {
			return fmt.Errorf("%s: version %d follows version %d", did, n, cur.n)
		}
		if cur.deactivated {
			return fmt.Errorf("%s: version %d follows the deactivated version %d", did, n, cur.n)
		}
		wantPrev := ""
		if n > 1 {
			wantPrev = types.FormatVersionID(n - 1)
		}
		if v.VersionId != types.FormatVersionID(n) || v.PreviousVersionId != wantPrev {
			return fmt.Errorf("version %d of %s says version_id %q, previous_version_id %q", n, did, v.VersionId, v.PreviousVersionId)
		}
		cur.n, cur.deactivated = n, v.Deactivated
		return nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	return walk.Each(ctx, k.LatestVersion, func(did string, n uint64) error {
		has, err := k.Versions.Has(ctx, collections.Join(did, uint64(1)))
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("the latest version of %s is recorded as %d but it has no versions", did, n)
		}
		return nil
	})
}

// SchemasInvariant checks every schema: stored under its own id, an id already issued.
// (Its indexes by agency and by name@version follow it: Schemas is an IndexedMap.)
func (k Keeper) SchemasInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastSchemaID, k.Schemas, "schema", (*types.CredentialSchema).GetId, nil)
}

// IssuersInvariant checks every issuer binding: stored under its own DID, and the DID exists.
func (k Keeper) IssuersInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.Issuers, func(did string, is types.TrustedIssuer) error {
		if is.Did != did {
			return fmt.Errorf("issuer binding stored under %s names %s", did, is.Did)
		}
		has, err := k.LatestVersion.Has(ctx, did)
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("issuer %s (agency %q) is no DID", did, is.AgencyId)
		}
		return nil
	})
}

// GrantsInvariant checks the schema grants: each is of a bound issuer and an existing
// schema. (The grants by schema follow them: IssuerSchemas is an IndexedMap.)
func (k Keeper) GrantsInvariant(ctx context.Context) error {
	return walk.Each(ctx, k.IssuerSchemas, func(key collections.Pair[string, uint64], _ collections.NoValue) error {
		did, id := key.K1(), key.K2()
		if has, err := k.Issuers.Has(ctx, did); err != nil {
			return err
		} else if !has {
			return fmt.Errorf("schema %d is granted to %s, which is not a bound issuer", id, did)
		}
		if has, err := k.Schemas.Has(ctx, id); err != nil {
			return err
		} else if !has {
			return fmt.Errorf("schema %d, granted to %s, does not exist", id, did)
		}
		return nil
	})
}

// StatusListsInvariant checks every status list: stored under its own id, an id already
// issued, a valid purpose, a size of whole chunks, a version from 1 and its issuer a DID.
// (The lists by issuer follow them: StatusLists is an IndexedMap.)
func (k Keeper) StatusListsInvariant(ctx context.Context) error {
	return invariant.EachIssued(ctx, k.LastStatusListID, k.StatusLists, "status list", (*types.StatusList).GetId, func(id uint64, l types.StatusList) error {
		if l.Purpose != types.StatusPurposeRevocation && l.Purpose != types.StatusPurposeSuspension {
			return fmt.Errorf("status list %d has purpose %s", id, l.Purpose)
		}
		if l.Entries < types.MinStatusListEntries || l.Entries%types.StatusChunkBits != 0 {
			return fmt.Errorf("status list %d has %d entries (a multiple of %d, at least %d)", id, l.Entries, types.StatusChunkBits, types.MinStatusListEntries)
		}
		if l.Version == 0 || l.SetCount > l.Entries {
			return fmt.Errorf("status list %d has version %d and set_count %d of %d entries", id, l.Version, l.SetCount, l.Entries)
		}
		has, err := k.LatestVersion.Has(ctx, l.IssuerDid)
		if err != nil {
			return err
		}
		if !has {
			return fmt.Errorf("status list %d: issuer %s is no DID", id, l.IssuerDid)
		}
		return nil
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
	err := walk.Each(ctx, k.StatusChunks, func(key collections.Pair[uint64, uint32], bits []byte) error {
		id, chunk := key.K1(), key.K2()
		if cur == nil || cur.list.Id != id {
			if err := finish(); err != nil {
				return err
			}
			l, err := k.StatusLists.Get(ctx, id)
			if errors.Is(err, collections.ErrNotFound) {
				return fmt.Errorf("status chunk %d of list %d: the list does not exist", chunk, id)
			} else if err != nil {
				return err
			}
			cur = &run{list: l}
			counted[id] = true
		}
		if uint64(chunk) >= cur.list.Entries/types.StatusChunkBits {
			return fmt.Errorf("status chunk %d of list %d lies outside the list's %d entries", chunk, id, cur.list.Entries)
		}
		if len(bits) != chunkBytes {
			return fmt.Errorf("status chunk %d of list %d holds %d bytes, not %d", chunk, id, len(bits), chunkBytes)
		}
		n := types.CountBits(bits)
		if n == 0 {
			return fmt.Errorf("status chunk %d of list %d is all zero (zero chunks are not stored)", chunk, id)
		}
		cur.set += n
		return nil
	})
	if err != nil {
		return err
	}
	if err := finish(); err != nil {
		return err
	}
	return walk.Each(ctx, k.StatusLists, func(id uint64, l types.StatusList) error {
		if !counted[id] && l.SetCount != 0 {
			return fmt.Errorf("status list %d has set_count %d but no set bits", id, l.SetCount)
		}
		return nil
	})
}

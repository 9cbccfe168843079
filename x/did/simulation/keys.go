package simulation

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"math/rand"

	"cosmossdk.io/collections"

	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// The simulation's DID keys. Every key the simulation puts in a DID document is one of
// numKeys Ed25519 keys derived from fixed seeds (which one is drawn from the simulation's
// rand), so that the simulation holds the private key of every verification method it
// wrote: x/voucher's simulation signs claims with an issuer DID's assertionMethod key
// (HeldAssertionKey). Documents share keys, which x/did allows.
const numKeys = 64

var (
	keys  = deriveKeys()
	keyOf = indexKeys(keys) // publicKeyMultibase -> index in keys; only looked up
)

func deriveKeys() []ed25519.PrivateKey {
	out := make([]ed25519.PrivateKey, numKeys)
	for i := range out {
		seed := sha256.Sum256([]byte(fmt.Sprintf("civic simulation did key %d", i)))
		out[i] = ed25519.NewKeyFromSeed(seed[:])
	}
	return out
}

func indexKeys(ks []ed25519.PrivateKey) map[string]int {
	out := make(map[string]int, len(ks))
	for i, k := range ks {
		out[types.Ed25519Multibase(k.Public().(ed25519.PublicKey))] = i
	}
	return out
}

// RandomKey draws one of the simulation's Ed25519 keys from r.
func RandomKey(r *rand.Rand) ed25519.PublicKey {
	return keys[r.Intn(numKeys)].Public().(ed25519.PublicKey)
}

// AssertionKey is a verification method in a DID's assertionMethod whose private key the
// simulation holds: it signs the DID's assertions (x/did keeper VerifyAssertion).
type AssertionKey struct {
	Did, VerificationMethod string
	key                     ed25519.PrivateKey
}

// Sign signs payload as an assertion of the DID on chain chainID.
func (a AssertionKey) Sign(chainID string, payload []byte) []byte {
	return ed25519.Sign(a.key, types.AssertionSignBytes(chainID, a.Did, a.VerificationMethod, payload))
}

// HeldAssertionKey returns the first assertionMethod of doc that is one of the
// simulation's keys.
func HeldAssertionKey(doc types.DidDocument) (AssertionKey, bool) {
	for _, id := range doc.AssertionMethod {
		vm, ok := doc.Method(id)
		if !ok || vm.Type != types.KeyTypeEd25519 {
			continue
		}
		if i, held := keyOf[vm.PublicKeyMultibase]; held {
			return AssertionKey{Did: doc.Id, VerificationMethod: vm.Id, key: keys[i]}, true
		}
	}
	return AssertionKey{}, false
}

// LatestAssertionKey is HeldAssertionKey of the latest version of did, which must be
// active.
func LatestAssertionKey(ctx context.Context, k keeper.Keeper, did string) (AssertionKey, bool) {
	n, err := k.LatestVersion.Get(ctx, did)
	if err != nil {
		return AssertionKey{}, false
	}
	v, err := k.Versions.Get(ctx, collections.Join(did, n))
	if err != nil || v.Deactivated {
		return AssertionKey{}, false
	}
	return HeldAssertionKey(v.Document)
}

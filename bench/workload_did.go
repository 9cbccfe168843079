package bench

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	didtypes "github.com/civicchain/civic/x/did/types"
)

// CreateDid: x/did MsgCreateDid. Every load account creates DIDs it controls
// itself (its address is the document's only controller, so no proof and no
// x/agency role are needed). The DID id is base58btc of
// sha256("did/<run>/<acct>/<i>") — 43 or 44 characters, unique per run, account
// and counter — and each document has one Ed25519VerificationKey2020 key
// derived from a seed of the same kind, referenced by authentication and
// assertionMethod: the shape of an issuer's or a verifier's DID.
type CreateDid struct{}

func (CreateDid) Name() string { return "did-create" }

func (CreateDid) Msgs(env *Env, acct, max int) []sdk.Msg {
	signer := env.Accounts[acct].Address
	return makeMsgs(max, func(i int) sdk.Msg {
		return &didtypes.MsgCreateDid{Signer: signer, Document: BenchDidDocument(env.RunID, acct, i, signer)}
	})
}

// BenchDidDocument is the document CreateDid sends for (run, acct, i): a
// deterministic did:civic id and Ed25519 key, controlled by the account.
func BenchDidDocument(runID string, acct, i int, controller string) didtypes.DidDocument {
	idHash := sha256.Sum256([]byte(fmt.Sprintf("did/%s/%d/%d", runID, acct, i)))
	did := "did:civic:" + didtypes.Base58Encode(idHash[:])
	seed := sha256.Sum256([]byte(fmt.Sprintf("civic-bench-did-key/%s/%d/%d", runID, acct, i)))
	pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
	key := did + "#key-1"
	return didtypes.DidDocument{
		Id:         did,
		Controller: []string{controller},
		VerificationMethod: []didtypes.VerificationMethod{{
			Id:                 key,
			Type:               "Ed25519VerificationKey2020",
			Controller:         did,
			PublicKeyMultibase: didtypes.Ed25519Multibase(pub),
		}},
		Authentication:  []string{key},
		AssertionMethod: []string{key},
	}
}

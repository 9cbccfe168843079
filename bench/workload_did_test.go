package bench

import (
	"testing"

	"github.com/cosmos/cosmos-sdk/codec/address"

	didtypes "github.com/civicchain/civic/x/did/types"
)

// The did-create workload must send documents the chain accepts (statelessly),
// deterministic for a run and distinct across accounts and counters.
func TestCreateDidWorkload(t *testing.T) {
	accts := loadAccounts(t, 2)
	env := NewEnv(accts, "ucivic")
	env.RunID = "run1"
	ac := address.NewBech32Codec(Bech32Prefix)

	seen := map[string]bool{}
	for acct := range accts {
		msgs := CreateDid{}.Msgs(env, acct, 3)
		if len(msgs) != 3 {
			t.Fatalf("account %d: %d messages, want 3", acct, len(msgs))
		}
		for i, m := range msgs {
			msg, ok := m.(*didtypes.MsgCreateDid)
			if !ok {
				t.Fatalf("message %T", m)
			}
			if msg.Signer != accts[acct].Address || len(msg.Document.Controller) != 1 || msg.Document.Controller[0] != msg.Signer {
				t.Fatalf("account %d message %d: signer %s controllers %v, want the account as signer and only controller", acct, i, msg.Signer, msg.Document.Controller)
			}
			if err := didtypes.ValidateDocument(msg.Document, int(didtypes.DefaultMaxDocumentBytes), ac); err != nil {
				t.Fatalf("account %d message %d: %v", acct, i, err)
			}
			if seen[msg.Document.Id] {
				t.Fatalf("DID %s sent twice", msg.Document.Id)
			}
			seen[msg.Document.Id] = true
		}
	}

	// Deterministic: the same run, account and counter give the same document.
	a := BenchDidDocument("run1", 1, 2, accts[1].Address)
	b := BenchDidDocument("run1", 1, 2, accts[1].Address)
	if a.Id != b.Id || a.VerificationMethod[0].PublicKeyMultibase != b.VerificationMethod[0].PublicKeyMultibase {
		t.Fatal("BenchDidDocument is not deterministic")
	}
	if c := BenchDidDocument("run2", 1, 2, accts[1].Address); c.Id == a.Id {
		t.Fatal("another run id gives the same DID")
	}
}

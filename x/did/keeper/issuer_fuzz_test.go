package keeper

import (
	"encoding/binary"
	"github.com/civicchain/civic/internal/accaddr"
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/did/types"
)

// Native Go fuzz targets over the stateless validation of the schema, issuer
// and status-list messages. The seed corpus below runs in every `go test`;
// `go test -fuzz FuzzValidateUpdateStatusList` explores further. Each target
// checks the validator against an independent oracle in both directions.

var issFuzzCodec = addresscodec.NewBech32Codec("civic")

func issFuzzAddr(name string) string {
	b := make([]byte, 20)
	copy(b, name)
	s, err := issFuzzCodec.BytesToString(b)
	if err != nil {
		panic(err)
	}
	return s
}

// issCanonical is the address oracle: the string decodes and is spelt canonically.
func issCanonical(s string) bool {
	if len(s) > accaddr.MaxLength {
		return false
	}
	bz, err := issFuzzCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return false
	}
	c, err := issFuzzCodec.BytesToString(bz)
	return err == nil && c == s
}

// issRequireValidationError fails unless err is a registered error of this
// module, x/agency's invalid agency id or the SDK's invalid address:
// validation never returns an internal error.
func issRequireValidationError(t *testing.T, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace == types.ModuleName && code >= 2 {
		return
	}
	if errorsmod.IsOf(err, sdkerrors.ErrInvalidAddress) || errorsmod.IsOf(err, agencytypes.ErrInvalidAgencyID) {
		return
	}
	t.Fatalf("unexpected error kind %s/%d: %v", codespace, code, err)
}

// issChanges reads status changes from raw, five bytes each: a big-endian
// uint32 index and a value byte (odd = set).
func issChanges(raw []byte) []types.StatusChange {
	out := make([]types.StatusChange, 0, len(raw)/5)
	for ; len(raw) >= 5; raw = raw[5:] {
		out = append(out, types.StatusChange{Index: uint64(binary.BigEndian.Uint32(raw)), Value: raw[4]&1 == 1})
	}
	return out
}

func issRawChanges(changes ...types.StatusChange) []byte {
	out := make([]byte, 0, 5*len(changes))
	for _, c := range changes {
		out = binary.BigEndian.AppendUint32(out, uint32(c.Index))
		v := byte(0)
		if c.Value {
			v = 1
		}
		out = append(out, v)
	}
	return out
}

func FuzzValidateUpdateStatusList(f *testing.F) {
	op := issFuzzAddr("issuer")
	set := func(i uint64) types.StatusChange { return types.StatusChange{Index: i, Value: true} }
	many := make([]types.StatusChange, types.MaxMaxStatusChanges+1)
	for i := range many {
		many[i] = set(uint64(i))
	}
	f.Add(op, uint64(1), issRawChanges(set(0)))
	f.Add(op, uint64(1), issRawChanges(set(0), types.StatusChange{Index: 131071}, set(8192)))
	f.Add(op, uint64(7), issRawChanges(set(types.MaxMaxStatusListEntries-1)))
	f.Add(op, uint64(7), issRawChanges(set(types.MaxMaxStatusListEntries)))
	f.Add(op, uint64(1), issRawChanges(set(5), set(5)))
	f.Add(op, uint64(1), issRawChanges(set(5), types.StatusChange{Index: 5}))
	f.Add(op, uint64(1), []byte{})
	f.Add(op, uint64(1), []byte{0, 0, 0})
	f.Add(op, uint64(0), issRawChanges(set(1)))
	f.Add(op, uint64(1), issRawChanges(many[:types.MaxMaxStatusChanges]...))
	f.Add(op, uint64(1), issRawChanges(many...))
	f.Add("civic1invalid", uint64(1), issRawChanges(set(1)))
	f.Add(strings.ToUpper(op), uint64(1), issRawChanges(set(1)))
	f.Add(strings.Repeat("c", 200), uint64(1), issRawChanges(set(1)))
	f.Fuzz(func(t *testing.T, signer string, listID uint64, raw []byte) {
		msg := &types.MsgUpdateStatusList{Signer: signer, ListId: listID, Changes: issChanges(raw)}
		_, err := validateUpdateStatusList(issFuzzCodec, msg)

		valid := issCanonical(signer) && listID != 0 && len(msg.Changes) >= 1 && len(msg.Changes) <= int(types.MaxMaxStatusChanges)
		seen := map[uint64]bool{}
		for _, c := range msg.Changes {
			valid = valid && c.Index < types.MaxMaxStatusListEntries && !seen[c.Index]
			seen[c.Index] = true
		}
		if (err == nil) != valid {
			t.Fatalf("validateUpdateStatusList = %v, oracle says valid=%v for list %d, %d changes", err, valid, listID, len(msg.Changes))
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateSetIssuerSchemas(f *testing.F) {
	admin := issFuzzAddr("admin")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(admin, did, []byte{1}, []byte{})
	f.Add(admin, did, []byte{1, 2, 3}, []byte{4, 5})
	f.Add(admin, did, []byte{}, []byte{})
	f.Add(admin, did, []byte{1, 1}, []byte{})
	f.Add(admin, did, []byte{1}, []byte{1})
	f.Add(admin, did, []byte{0}, []byte{})
	f.Add(admin, did, []byte(strings.Repeat("\x01", 65)), []byte{})
	f.Add(admin, "did:web:example.com", []byte{1}, []byte{})
	f.Add("civic1invalid", did, []byte{1}, []byte{})
	f.Fuzz(func(t *testing.T, signer, did string, grantRaw, revokeRaw []byte) {
		toIDs := func(raw []byte) []uint64 {
			ids := make([]uint64, len(raw))
			for i, b := range raw {
				ids[i] = uint64(b)
			}
			return ids
		}
		msg := &types.MsgSetIssuerSchemas{Signer: signer, Did: did, Grant: toIDs(grantRaw), Revoke: toIDs(revokeRaw)}
		_, err := validateSetIssuerSchemas(issFuzzCodec, msg)

		valid := issCanonical(signer) && types.ValidateDid(did) == nil &&
			len(msg.Grant) <= MaxSchemaIDsPerMsg && len(msg.Revoke) <= MaxSchemaIDsPerMsg && len(msg.Grant)+len(msg.Revoke) > 0
		seen := map[uint64]bool{}
		for _, id := range append(append([]uint64{}, msg.Grant...), msg.Revoke...) {
			valid = valid && id != 0 && !seen[id]
			seen[id] = true
		}
		if (err == nil) != valid {
			t.Fatalf("validateSetIssuerSchemas = %v, oracle says valid=%v for %+v", err, valid, msg)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateCreateStatusList(f *testing.F) {
	op := issFuzzAddr("issuer")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(op, did, int32(1), types.MinStatusListEntries)
	f.Add(op, did, int32(2), types.MaxMaxStatusListEntries)
	f.Add(op, did, int32(2), types.MaxMaxStatusListEntries+types.StatusChunkBits)
	f.Add(op, did, int32(1), types.MinStatusListEntries-types.StatusChunkBits)
	f.Add(op, did, int32(1), types.MinStatusListEntries+1)
	f.Add(op, did, int32(1), uint64(0))
	f.Add(op, did, int32(0), types.MinStatusListEntries)
	f.Add(op, did, int32(3), types.MinStatusListEntries)
	f.Add(op, did, int32(-1), types.MinStatusListEntries)
	f.Add(op, "did:civic:", int32(1), types.MinStatusListEntries)
	f.Add("", did, int32(1), types.MinStatusListEntries)
	f.Fuzz(func(t *testing.T, signer, did string, purpose int32, entries uint64) {
		msg := &types.MsgCreateStatusList{Signer: signer, IssuerDid: did, Purpose: types.StatusPurpose(purpose), Entries: entries}
		_, err := validateCreateStatusList(issFuzzCodec, msg)

		valid := issCanonical(signer) && types.ValidateDid(did) == nil && (purpose == 1 || purpose == 2) &&
			entries >= types.MinStatusListEntries && entries <= types.MaxMaxStatusListEntries && entries%types.StatusChunkBits == 0
		if (err == nil) != valid {
			t.Fatalf("validateCreateStatusList = %v, oracle says valid=%v for %+v", err, valid, msg)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

func FuzzValidateBindIssuer(f *testing.F) {
	admin := issFuzzAddr("admin")
	did := "did:civic:123e4567-e89b-42d3-a456-426614174000"
	f.Add(admin, "moe", did)
	f.Add(admin, "Moe", did)
	f.Add(admin, "", did)
	f.Add(admin, strings.Repeat("m", 40), did)
	f.Add(admin, "moe", "did:civic:123E4567-E89B-42D3-A456-426614174000")
	f.Add("civic1invalid", "moe", did)
	f.Fuzz(func(t *testing.T, signer, agencyID, did string) {
		_, err := validateBindIssuer(issFuzzCodec, &types.MsgBindIssuer{Signer: signer, AgencyId: agencyID, Did: did})
		valid := issCanonical(signer) && agencytypes.ValidateAgencyID(agencyID) == nil && types.ValidateDid(did) == nil
		if (err == nil) != valid {
			t.Fatalf("validateBindIssuer = %v, oracle says valid=%v for %q %q %q", err, valid, signer, agencyID, did)
		}
		if err != nil {
			issRequireValidationError(t, err)
		}
	})
}

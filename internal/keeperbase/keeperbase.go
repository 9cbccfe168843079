// Package keeperbase is what every civic module's keeper does the same way:
// it decodes the x/gov authority once at wiring and checks governance
// signers against it, runs MsgUpdateParams (authority, validation, store,
// event), builds the store schema and loads a record or fails with the
// module's not-found error.
package keeperbase

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/internal/accaddr"
	"github.com/civicchain/civic/internal/blockctx"
)

// MustAuthority decodes the bech32 address of the x/gov module account a
// keeper is built with. A malformed or empty address is a wiring mistake
// that must stop the binary: it panics, naming the module.
func MustAuthority(ac address.Codec, module, authority string) sdk.AccAddress {
	bz, err := ac.StringToBytes(authority)
	if err == nil && len(bz) == 0 {
		err = errors.New("empty address")
	}
	if err != nil {
		panic(fmt.Sprintf("%s: invalid authority address %q: %s", module, authority, err))
	}
	return bz
}

// AuthorityString is the bech32 address of authority (as MustAuthority
// decoded it, so it encodes: it panics otherwise).
func AuthorityString(ac address.Codec, authority []byte) string {
	s, err := ac.BytesToString(authority)
	if err != nil {
		panic(err)
	}
	return s
}

// CheckAuthority requires signer, a governance message's signer as sent
// (signerStr) and decoded, to be authority. It fails as the SDK's modules do:
// govtypes.ErrInvalidSigner "expected <authority>, got <signer>".
func CheckAuthority(ac address.Codec, authority, signer []byte, signerStr string) error {
	if !bytes.Equal(signer, authority) {
		return errorsmod.Wrapf(govtypes.ErrInvalidSigner, "expected %s, got %s", AuthorityString(ac, authority), signerStr)
	}
	return nil
}

// ParseAuthority decodes signer, a governance message's authority field, as
// a canonical account address (accaddr.Parse, field "authority") and requires
// it to be authority (CheckAuthority). It returns the decoded signer.
func ParseAuthority(ac address.Codec, authority []byte, signer string) (sdk.AccAddress, error) {
	signerBz, err := accaddr.Parse(ac, "authority", signer)
	if err != nil {
		return nil, err
	}
	if err := CheckAuthority(ac, authority, signerBz, signer); err != nil {
		return nil, err
	}
	return signerBz, nil
}

// Params are a module's params: Validate checks them against their bounds.
type Params interface {
	Validate() error
}

// UpdateParams runs a module's MsgUpdateParams, signed by signer (the
// message's authority field): the signer must be the authority
// (ParseAuthority), the
// params must pass Validate, and only then do they replace the params in item
// and is event emitted. A rejected message writes nothing.
func UpdateParams[P Params](ctx context.Context, ac address.Codec, authority []byte, item collections.Item[P],
	signer string, params P, event proto.Message,
) error {
	if _, err := ParseAuthority(ac, authority, signer); err != nil {
		return err
	}
	if err := params.Validate(); err != nil {
		return err
	}
	return SetParams(ctx, item, params, event)
}

// SetParams stores params in item and emits event: the end of a
// MsgUpdateParams handler whose signer and params are checked.
func SetParams[P any](ctx context.Context, item collections.Item[P], params P, event proto.Message) error {
	if err := item.Set(ctx, params); err != nil {
		return err
	}
	return blockctx.Emit(ctx, event)
}

// MustBuild builds a keeper's schema. It fails only on a wiring mistake (two
// collections with one prefix or name), so it panics.
func MustBuild(sb *collections.SchemaBuilder) collections.Schema {
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	return schema
}

// Getter is a collection a record is read from by key: a collections.Map or
// a *collections.IndexedMap.
type Getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// Get reads the record at key. A missing record is notFound (a module's
// registered error) wrapped with the description format and args make, with
// the zero V; any other failure is returned as it is.
func Get[K, V any](ctx context.Context, m Getter[K, V], key K, notFound *errorsmod.Error, format string, args ...any) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		var zero V
		return zero, errorsmod.Wrapf(notFound, format, args...)
	}
	return v, err
}

package keeperbase_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	storetypes "cosmossdk.io/store/types"

	"github.com/cosmos/cosmos-sdk/codec"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	"github.com/civicchain/civic/internal/keeperbase"
)

var (
	ac          = addresscodec.NewBech32Codec("civic")
	errNotFound = errorsmod.Register("keeperbase_test", 2, "record not found")
)

func addr(t *testing.T, b byte) (sdk.AccAddress, string) {
	t.Helper()
	bz := make(sdk.AccAddress, 20)
	bz[0] = b
	s, err := ac.BytesToString(bz)
	require.NoError(t, err)
	return bz, s
}

func TestMustAuthority(t *testing.T) {
	bz, s := addr(t, 1)
	require.Equal(t, bz, keeperbase.MustAuthority(ac, "m", s))
	require.Equal(t, s, keeperbase.AuthorityString(ac, bz))

	for _, bad := range []string{"", "civic1xyz", "cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a"} {
		func() {
			defer func() {
				r := recover()
				require.NotNil(t, r, "authority %q must panic", bad)
				require.Contains(t, r, `m: invalid authority address "`+bad+`": `)
			}()
			keeperbase.MustAuthority(ac, "m", bad)
		}()
	}
}

func TestCheckAuthority(t *testing.T) {
	gov, govStr := addr(t, 1)
	other, otherStr := addr(t, 2)
	require.NoError(t, keeperbase.CheckAuthority(ac, gov, gov, govStr))
	err := keeperbase.CheckAuthority(ac, gov, other, otherStr)
	require.ErrorIs(t, err, govtypes.ErrInvalidSigner)
	require.Equal(t, "expected "+govStr+", got "+otherStr+": expected gov account as only signer for proposal message", err.Error())
}

func TestParseAuthority(t *testing.T) {
	gov, govStr := addr(t, 1)
	_, otherStr := addr(t, 2)
	got, err := keeperbase.ParseAuthority(ac, gov, govStr)
	require.NoError(t, err)
	require.Equal(t, gov, got)

	_, err = keeperbase.ParseAuthority(ac, gov, "civic1xyz")
	require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
	_, err = keeperbase.ParseAuthority(ac, gov, "CIVIC"+govStr[5:])
	require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
	_, err = keeperbase.ParseAuthority(ac, gov, otherStr)
	require.ErrorIs(t, err, govtypes.ErrInvalidSigner)
	require.Equal(t, "expected "+govStr+", got "+otherStr+": expected gov account as only signer for proposal message", err.Error())
}

// store is a keeper-like store for the tests: bank's Params (they have
// Validate) in an Item, and string records by id.
type store struct {
	ctx     sdk.Context
	params  collections.Item[banktypes.Params]
	records collections.Map[uint64, string]
}

func newStore(t *testing.T) store {
	t.Helper()
	key := storetypes.NewKVStoreKey("kb")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("kb_t")).WithEventManager(sdk.NewEventManager())
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	s := store{
		ctx:     ctx,
		params:  collections.NewItem(sb, collections.NewPrefix(0), "params", codec.CollValue[banktypes.Params](cdc)),
		records: collections.NewMap(sb, collections.NewPrefix(1), "records", collections.Uint64Key, collections.StringValue),
	}
	keeperbase.MustBuild(sb)
	return s
}

func TestUpdateParams(t *testing.T) {
	gov, govStr := addr(t, 1)
	_, otherStr := addr(t, 2)
	good := banktypes.Params{DefaultSendEnabled: true}
	bad := banktypes.Params{SendEnabled: []*banktypes.SendEnabled{{Denom: "!"}}}
	event := &banktypes.Metadata{Base: "ucivic"}

	for name, tc := range map[string]struct {
		signer string
		params banktypes.Params
		want   error
	}{
		"malformed signer":     {"civic1xyz", good, sdkerrors.ErrInvalidAddress},
		"upper-case signer":    {"CIVIC" + govStr[5:], good, sdkerrors.ErrInvalidAddress},
		"not the authority":    {otherStr, good, govtypes.ErrInvalidSigner},
		"signer before params": {otherStr, bad, govtypes.ErrInvalidSigner},
		"invalid params":       {govStr, bad, nil},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			err := keeperbase.UpdateParams(s.ctx, ac, gov, s.params, tc.signer, tc.params, event)
			require.Error(t, err)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
			}
			has, herr := s.params.Has(s.ctx)
			require.NoError(t, herr)
			require.False(t, has, "a rejected update writes nothing")
			require.Empty(t, s.ctx.EventManager().Events(), "a rejected update emits nothing")
		})
	}

	s := newStore(t)
	require.NoError(t, keeperbase.UpdateParams(s.ctx, ac, gov, s.params, govStr, good, event))
	got, err := s.params.Get(s.ctx)
	require.NoError(t, err)
	require.Equal(t, good, got)
	evs := s.ctx.EventManager().Events()
	require.Len(t, evs, 1)
	require.Equal(t, "cosmos.bank.v1beta1.Metadata", evs[0].Type)
}

func TestSetParams(t *testing.T) {
	s := newStore(t)
	p := banktypes.Params{DefaultSendEnabled: true}
	require.NoError(t, keeperbase.SetParams(s.ctx, s.params, p, &banktypes.Metadata{Base: "ucivic"}))
	got, err := s.params.Get(s.ctx)
	require.NoError(t, err)
	require.Equal(t, p, got)
	require.Len(t, s.ctx.EventManager().Events(), 1)
}

func TestMustBuild(t *testing.T) {
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(storetypes.NewKVStoreKey("kb")))
	collections.NewMap(sb, collections.NewPrefix(1), "a", collections.Uint64Key, collections.StringValue)
	cols := keeperbase.MustBuild(sb).ListCollections()
	require.Len(t, cols, 1)
	require.Equal(t, "a", cols[0].GetName())

	dup := collections.NewSchemaBuilder(runtime.NewKVStoreService(storetypes.NewKVStoreKey("kb")))
	collections.NewMap(dup, collections.NewPrefix(1), "a", collections.Uint64Key, collections.StringValue)
	collections.NewMap(dup, collections.NewPrefix(1), "b", collections.Uint64Key, collections.StringValue)
	require.Panics(t, func() { keeperbase.MustBuild(dup) })
}

func TestGet(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.records.Set(s.ctx, 7, "seven"))

	v, err := keeperbase.Get(s.ctx, s.records, 7, errNotFound, "record %d", 7)
	require.NoError(t, err)
	require.Equal(t, "seven", v)

	v, err = keeperbase.Get(s.ctx, s.records, 8, errNotFound, "record %d", 8)
	require.ErrorIs(t, err, errNotFound)
	require.Equal(t, "record 8: record not found", err.Error())
	require.Empty(t, v)
}

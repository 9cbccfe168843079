package genesisio_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"

	"cosmossdk.io/core/address"
	"github.com/cosmos/cosmos-sdk/runtime"
	"github.com/cosmos/cosmos-sdk/testutil"

	"github.com/civicchain/civic/internal/genesisio"
)

// record is a stored record keyed by its id.
type record struct {
	ID   uint64
	Name string
}

// state is a small GenesisState.
type state struct {
	Params  uint64
	NextID  uint64
	Records []record
	Names   []string
	invalid error
}

func (s state) Validate() error { return s.invalid }

// addressedState also has addresses to check.
type addressedState struct{ state }

func (s addressedState) ValidateAddresses(address.Codec) error { return errors.New("bad address") }

type store struct {
	params  collections.Item[uint64]
	last    collections.Sequence
	records collections.Map[uint64, string]
	names   collections.Map[string, string]
	derived collections.KeySet[string]
}

func setup(t *testing.T) (context.Context, store) {
	t.Helper()
	key := storetypes.NewKVStoreKey("genesisio")
	ctx := testutil.DefaultContext(key, storetypes.NewTransientStoreKey("genesisio_t"))
	sb := collections.NewSchemaBuilder(runtime.NewKVStoreService(key))
	s := store{
		params:  collections.NewItem(sb, collections.NewPrefix(0), "params", collections.Uint64Value),
		last:    collections.NewSequence(sb, collections.NewPrefix(1), "last"),
		records: collections.NewMap(sb, collections.NewPrefix(2), "records", collections.Uint64Key, collections.StringValue),
		names:   collections.NewMap(sb, collections.NewPrefix(3), "names", collections.StringKey, collections.StringValue),
		derived: collections.NewKeySet(sb, collections.NewPrefix(4), "derived", collections.StringKey),
	}
	if _, err := sb.Build(); err != nil {
		t.Fatal(err)
	}
	return ctx, s
}

// fields maps a state onto the store: records as id -> name entries, names
// stored under their upper case.
func (s store) fields(gs *state) []genesisio.Field {
	return []genesisio.Field{
		genesisio.Item(s.params, &gs.Params),
		genesisio.NextID(s.last, &gs.NextID),
		genesisio.Entries(s.records, &gs.Records,
			func(r record) (uint64, string, error) { return r.ID, r.Name, nil },
			func(id uint64, name string) (record, error) { return record{ID: id, Name: name}, nil }),
		genesisio.Map(s.names, &gs.Names, upper),
	}
}

func upper(name *string) string { return strings.ToUpper(*name) }

func TestImportExportRoundTrip(t *testing.T) {
	ctx, s := setup(t)
	in := &state{
		Params:  7,
		NextID:  4,
		Records: []record{{3, "c"}, {1, "a"}},
		Names:   []string{"b", "a"},
	}
	if err := genesisio.InitGenesis(ctx, in, nil, s.fields); err != nil {
		t.Fatal(err)
	}
	if last, err := s.last.Peek(ctx); err != nil || last != 3 {
		t.Fatalf("sequence holds %d, %v; want the last id issued, 3 (next_id - 1)", last, err)
	}
	out, err := genesisio.ExportGenesis(ctx, s.fields)
	if err != nil {
		t.Fatal(err)
	}
	if out.Params != 7 || out.NextID != 4 {
		t.Fatalf("exported params %d, next id %d; want 7, 4", out.Params, out.NextID)
	}
	if !slices.Equal(out.Records, []record{{1, "a"}, {3, "c"}}) {
		t.Fatalf("exported records %v; want them in key order", out.Records)
	}
	if !slices.Equal(out.Names, []string{"a", "b"}) {
		t.Fatalf("exported map %v; want it in key order", out.Names)
	}
	if name, err := s.names.Get(ctx, "A"); err != nil || name != "a" {
		t.Fatalf("stored under A: %q, %v; want a (the key function's key)", name, err)
	}
}

func TestEmptyStateExportsNextIDOne(t *testing.T) {
	ctx, s := setup(t)
	if err := s.params.Set(ctx, 1); err != nil {
		t.Fatal(err)
	}
	out, err := genesisio.ExportGenesis(ctx, s.fields)
	if err != nil {
		t.Fatal(err)
	}
	if out.NextID != 1 || out.Records != nil || out.Names != nil {
		t.Fatalf("a fresh store exports next id %d, records %v, names %v; want 1 and no records", out.NextID, out.Records, out.Names)
	}
}

func TestRecordsSetsDerivedState(t *testing.T) {
	ctx, s := setup(t)
	names := []string{"b", "a"}
	field := genesisio.Records(s.names, &names, func(ctx context.Context, name string) error {
		if err := s.names.Set(ctx, name, name); err != nil {
			return err
		}
		return s.derived.Set(ctx, name+"!")
	})
	if err := genesisio.Import(ctx, []genesisio.Field{field}); err != nil {
		t.Fatal(err)
	}
	if has, err := s.derived.Has(ctx, "a!"); err != nil || !has {
		t.Fatalf("the setter's derived entry is missing (%v)", err)
	}
	names = nil
	if err := field.Export(ctx); err != nil || !slices.Equal(names, []string{"a", "b"}) {
		t.Fatalf("exported %v, %v; want [a b] in key order", names, err)
	}
}

func TestMapDecodedStopsAtFirstError(t *testing.T) {
	ctx, s := setup(t)
	bad := errors.New("undecodable key")
	field := genesisio.MapDecoded(s.names, &[]string{"ok", "bad", "never"}, func(name *string) (string, error) {
		if *name == "bad" {
			return "", bad
		}
		return *name, nil
	})
	if err := genesisio.Import(ctx, []genesisio.Field{field}); !errors.Is(err, bad) {
		t.Fatalf("import returned %v; want the key's error", err)
	}
	if has, _ := s.names.Has(ctx, "never"); has {
		t.Fatal("import went on after the first error")
	}
	if has, _ := s.names.Has(ctx, "ok"); !has {
		t.Fatal("the records before the error were not written in order")
	}
}

func TestExportStopsAtFirstError(t *testing.T) {
	ctx, s := setup(t)
	if err := s.records.Set(ctx, 1, "a"); err != nil {
		t.Fatal(err)
	}
	bad := errors.New("unencodable address")
	var out []record
	field := genesisio.Entries(s.records, &out,
		func(r record) (uint64, string, error) { return r.ID, r.Name, nil },
		func(uint64, string) (record, error) { return record{}, bad })
	if err := field.Export(ctx); !errors.Is(err, bad) {
		t.Fatalf("export returned %v; want the entry's error", err)
	}
	// ExportGenesis returns no state with the error (params were never set).
	if gs, err := genesisio.ExportGenesis(ctx, s.fields); err == nil || gs != nil {
		t.Fatalf("ExportGenesis returned %v, %v; want nil and the error", gs, err)
	}
}

func TestInitGenesisValidatesFirst(t *testing.T) {
	ctx, s := setup(t)
	invalid := errors.New("invalid genesis")
	if err := genesisio.InitGenesis(ctx, &state{NextID: 1, Params: 5, invalid: invalid}, nil, s.fields); !errors.Is(err, invalid) {
		t.Fatalf("InitGenesis returned %v; want Validate's error", err)
	}
	if has, _ := s.params.Has(ctx); has {
		t.Fatal("an invalid state was written")
	}
	if err := genesisio.Validate(addressedState{}, nil); err == nil || err.Error() != "bad address" {
		t.Fatalf("Validate returned %v; want ValidateAddresses' error", err)
	}
}

func TestCheckID(t *testing.T) {
	seen := map[uint64]struct{}{2: {}}
	for _, tc := range []struct {
		id   uint64
		want string
	}{
		{1, ""},
		{0, "case id 0 must be in 1..4"},
		{5, "case id 5 must be in 1..4"},
		{2, "duplicate case id 2"},
	} {
		err := genesisio.CheckID("case", tc.id, 5, seen)
		if got := errString(err); got != tc.want {
			t.Errorf("CheckID(%d) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

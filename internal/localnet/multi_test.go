package localnet

import (
	"path/filepath"
	"testing"
)

func TestStridePorts(t *testing.T) {
	got := StridePorts(DefaultPorts(), 4)
	want := Ports{RPC: 26687, P2P: 26686, GRPC: 9120, API: 1347, Pprof: 6090}
	if len(got) != 4 || got[0] != DefaultPorts() || got[3] != want {
		t.Fatalf("ports %+v", got)
	}
	seen := map[int]bool{}
	for _, p := range got {
		for _, port := range []int{p.RPC, p.P2P, p.GRPC, p.API, p.Pprof} {
			if seen[port] {
				t.Fatalf("port %d used twice in %+v", port, got)
			}
			seen[port] = true
		}
	}
	if off := StridePorts(Ports{RPC: 1, P2P: 2, GRPC: 3, API: 4}, 2); off[1].Pprof != 0 || off[1].RPC != 11 {
		t.Fatalf("pprof off: %+v", off)
	}
}

func TestFreePortsN(t *testing.T) {
	ps, err := FreePortsN(4)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, p := range ps {
		if p.Pprof != 0 {
			t.Fatalf("pprof must be off: %+v", p)
		}
		for _, port := range []int{p.RPC, p.P2P, p.GRPC, p.API} {
			if port <= 0 || seen[port] {
				t.Fatalf("ports %+v", ps)
			}
			seen[port] = true
		}
	}
}

func TestValidatorKeyNames(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "..", "config.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if ValidatorKeyName(cfg, 0) != cfg.Validator.Account || ValidatorKeyName(cfg, 3) != cfg.Validator.Account+"3" {
		t.Fatalf("%s %s", ValidatorKeyName(cfg, 0), ValidatorKeyName(cfg, 3))
	}
	if _, err := InitMulti(t.Context(), "civicd", t.TempDir(), cfg, nil); err == nil {
		t.Fatal("zero validators must be an error")
	}
}

# civic — build, run a local network, test, regenerate protobuf code.
# `make help` lists the targets.

GO          ?= go
BUILD_DIR   ?= build
BINARY      := $(BUILD_DIR)/civicd
GOBIN       := $(shell $(GO) env GOPATH)/bin

# Local network (scripts/localnet); every one can be overridden: make localnet CIVIC_API_PORT=1318
CIVIC_HOME   ?= $(CURDIR)/.localnet
CIVIC_CONFIG ?= config.yml
export CIVIC_HOME CIVIC_CONFIG

# The whole suite (unit, fuzz seed corpora, in-process network, e2e) on 2 cores;
# -count=1: the e2e test drives a freshly built civicd, so a cached result could hide a change.
TEST_TIMEOUT ?= 30m
TEST_FLAGS   ?= -count=1

VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  := $(shell git rev-parse HEAD 2>/dev/null)
LDFLAGS := -X github.com/cosmos/cosmos-sdk/version.Name=civic \
           -X github.com/cosmos/cosmos-sdk/version.AppName=civicd \
           -X github.com/cosmos/cosmos-sdk/version.Version=$(VERSION) \
           -X github.com/cosmos/cosmos-sdk/version.Commit=$(COMMIT)

# Exact generator versions (the module proxy serves exact versions only).
GOGOPROTO_VERSION    := v1.7.2
GRPC_GATEWAY_VERSION := v1.16.0

.DEFAULT_GOAL := help
.PHONY: help build install localnet localnet-init test test-unit test-e2e lint fmt \
        localnet-multi localnet-stop test-faults test-sim \
        proto-tools proto-gen proto-check clean bench bench-keeper

help: ## Show this help
	@echo "Usage: make <target> [VAR=value]"
	@echo
	@awk -F':.*## ' '/^## ---- /{gsub(/## ---- | ----/, ""); printf "\n%s\n", $$0} \
		/^[a-zA-Z0-9_-]+:.*## /{printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Local network: CIVIC_HOME ($(CIVIC_HOME)), CIVIC_CONFIG, CIVIC_RPC_PORT (26657),"
	@echo "  CIVIC_P2P_PORT (26656), CIVIC_GRPC_PORT (9090), CIVIC_API_PORT (1317), CIVIC_PPROF_PORT (6060, 0 = off)"

## ---- build ----

build: ## Build civicd into build/civicd
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BINARY) ./cmd/civicd

install: ## Install civicd into $GOPATH/bin
	$(GO) install -ldflags '$(LDFLAGS)' ./cmd/civicd

## ---- local network ----

localnet-init: build ## Build, then wipe and recreate $CIVIC_HOME from config.yml (no start)
	$(GO) run ./scripts/localnet -binary $(BINARY)

localnet: localnet-init ## Fresh single-validator network from config.yml, started in the foreground
	exec $(BINARY) start --home $(CIVIC_HOME)

# Four validators (scripts/localnet -validators): homes $CIVIC_HOME/node0..N-1,
# node i on every base port + 10*i, pids in $CIVIC_HOME/pids.
CIVIC_VALIDATORS ?= 4

localnet-multi: build ## Fresh N-validator network (CIVIC_VALIDATORS, 4) in $CIVIC_HOME/node*, started in the background
	$(GO) run ./scripts/localnet -binary $(BINARY) -validators $(CIVIC_VALIDATORS) -start

localnet-stop: ## Stop the nodes localnet-multi started (by the pids in $CIVIC_HOME/pids)
	$(GO) run ./scripts/localnet -stop

## ---- tests ----

# -vet=off: lint has just run the whole of go vet over the same packages and their
# tests; go test's own vet (a subset of it) would vet them all again (about 60 s on 2 cores).
# CIVIC_TEST_BINARY: tests/e2e, tests/storm and tests/faults drive build/civicd
# instead of each linking a civicd of its own. The packages under tests/ (real
# chains, mostly waiting for blocks) run in a second go test beside the others
# from the start, instead of after them; their output is printed after the others'.
CHAIN_TESTS := ./tests/...
test: lint build ## gofmt + vet, then the whole suite (unit, fuzz seeds, in-process network, e2e)
	@export CIVIC_TEST_BINARY=$(abspath $(BINARY)); out=$$(mktemp); \
	$(GO) test -vet=off -timeout $(TEST_TIMEOUT) $(TEST_FLAGS) $(CHAIN_TESTS) > $$out 2>&1 & chain=$$!; \
	$(GO) test -vet=off -timeout $(TEST_TIMEOUT) $(TEST_FLAGS) $$($(GO) list ./... | grep -v '/tests/'); rc=$$?; \
	wait $$chain || rc=1; cat $$out; rm -f $$out; exit $$rc

test-unit: ## Fast tests only (-short: skips the in-process network and e2e)
	$(GO) test -short $(TEST_FLAGS) ./...

test-e2e: ## Only the end-to-end test against a real civicd (-v)
	$(GO) test -v -count=1 -timeout 15m ./tests/e2e/...

.PHONY: test-storm
test-storm: ## Malformed-tx storm, long version: 10,000 bad txs under valid load against a real civicd (-v)
	CIVIC_STORM_LONG=1 $(GO) test -v -count=1 -timeout 20m -run TestStorm ./tests/storm/...

test-sim: ## Simulation, long: determinism (same seed twice, same app hash) and import/export, 100 blocks x 100 ops (~15 min)
	$(GO) test ./app -run 'TestAppStateDeterminism|TestAppImportExport' -Enabled=true -NumBlocks=100 -BlockSize=100 -timeout 2h -v -count=1

test-faults: ## Fault tests, long versions (kill/restart cycles, halts, export/import; -v)
	CIVIC_FAULTS_LONG=1 $(GO) test -v -count=1 -timeout 40m ./tests/faults/...

lint: ## gofmt check and go vet
	@out=$$(gofmt -l $$(git ls-files --cached --others --exclude-standard '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

fmt: ## gofmt -w every Go file
	gofmt -w $$(git ls-files --cached --others --exclude-standard '*.go')

## ---- benchmarks (BENCHMARKS.md) ----

# Extra civic-bench flags, e.g. make bench BENCH_FLAGS='-duration 60s -workloads bank-send,evidence-open-case'
BENCH_FLAGS ?=

bench: build ## Load benchmark: fresh single-validator chain, every tx workload + query load (~7 min); bench/results/
	$(GO) run ./bench/cmd/civic-bench -binary $(BINARY) $(BENCH_FLAGS)

bench-keeper: ## Keeper micro-benchmarks: x/agency Authorize, x/evidence registration, x/voucher send restriction, x/welfare apply and payment (go test -bench)
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 5000x ./x/agency/keeper/ ./x/evidence/keeper/ ./x/voucher/keeper/ ./x/welfare/keeper/

## ---- protobuf ----

proto-tools: ## Install protoc (Debian) and the generators at exact versions
	@command -v protoc >/dev/null || { \
		echo "installing protobuf-compiler"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq protobuf-compiler; }
	$(GO) install github.com/cosmos/gogoproto/protoc-gen-gocosmos@$(GOGOPROTO_VERSION)
	$(GO) install github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway@$(GRPC_GATEWAY_VERSION)
	$(GO) install github.com/grpc-ecosystem/grpc-gateway/protoc-gen-swagger@$(GRPC_GATEWAY_VERSION)

proto-gen: ## Regenerate *.pb.go, *.pb.gw.go and docs/openapi/openapi.json from proto/
	PATH="$(GOBIN):$$PATH" ./scripts/protocgen.sh

proto-check: proto-gen ## Regenerate and fail if the committed generated code differs
	@git diff --exit-code -- '*.pb.go' '*.pb.gw.go' docs/openapi/openapi.json || \
		{ echo "generated code is out of date: run 'make proto-gen' and commit"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- '*.pb.go' '*.pb.gw.go'); \
	if [ -n "$$untracked" ]; then echo "untracked generated files:"; echo "$$untracked"; exit 1; fi

clean: ## Remove build/ and the local network home
	rm -rf $(BUILD_DIR) $(CIVIC_HOME)

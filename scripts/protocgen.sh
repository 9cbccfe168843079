#!/usr/bin/env bash
# Regenerates the Go code (*.pb.go, *.pb.gw.go) and the OpenAPI document from proto/.
# Works offline: proto dependencies come from the Go module cache, generators are
# installed at exact versions (see docs in README "Regenerating protobuf code").
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$(go env GOPATH)/bin:$PATH"
for tool in protoc protoc-gen-gocosmos protoc-gen-grpc-gateway protoc-gen-swagger; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run 'make proto-tools'" >&2; exit 1; }
done

go mod download github.com/cosmos/cosmos-sdk github.com/cosmos/gogoproto \
  github.com/cosmos/cosmos-proto github.com/grpc-ecosystem/grpc-gateway
modir() { go list -m -f '{{.Dir}}' "$1"; }
SDK=$(modir github.com/cosmos/cosmos-sdk)
GOGO=$(modir github.com/cosmos/gogoproto)
CPROTO=$(modir github.com/cosmos/cosmos-proto)
GW=$(modir github.com/grpc-ecosystem/grpc-gateway)
INCLUDES=(-I proto -I "$SDK/proto" -I "$GOGO" -I "$GOGO/protobuf" -I "$CPROTO/proto" -I "$GW/third_party/googleapis")

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# One protoc run per Go package: gocosmos refuses two packages in one run.
for dir in $(find proto/civic -name '*.proto' -exec dirname {} \; | sort -u); do
  protoc "${INCLUDES[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$OUT" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$OUT" \
    "$dir"/*.proto
done
cp -r "$OUT"/github.com/civicchain/civic/* ./

# OpenAPI v2 for civic's REST routes: every query.proto merged into one document.
mkdir -p "$OUT/swagger"
protoc "${INCLUDES[@]}" \
  --swagger_out=logtostderr=true,allow_merge=true,merge_file_name=civic,fqn_for_swagger_name=true:"$OUT/swagger" \
  $(find proto/civic -name query.proto | sort)
mkdir -p docs/openapi
python3 - "$OUT/swagger/civic.swagger.json" docs/openapi/openapi.json <<'PY'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
doc = json.load(open(src))
doc["info"] = {"title": "civic REST API", "version": "v1",
               "description": "REST routes of civic's modules (grpc-gateway over the gRPC query services)."}
json.dump(doc, open(dst, "w"), indent=2, sort_keys=True)
open(dst, "a").write("\n")
PY
echo "generated Go code and docs/openapi/openapi.json"

#!/usr/bin/env bash
# Regenerates the Go code (*.pb.go, *.pb.gw.go) and the OpenAPI document from proto/.
# Works offline: proto dependencies come from the Go module cache, generators are
# installed at exact versions (make proto-tools; README, "Read more").
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

# OpenAPI v2 for civic's REST routes: one swagger file per query.proto (so each
# operation's proto package is known), merged into one document. grpc-gateway
# names an operation <Service>_<Method>, unique only within its package, so the
# merge prefixes it with the package (civic/agency/v1 -> AgencyV1_Query_Params);
# a path or definition claimed twice with different content fails the merge.
mkdir -p "$OUT/swagger"
for f in $(find proto/civic -name query.proto | sort); do
  protoc "${INCLUDES[@]}" \
    --swagger_out=logtostderr=true,fqn_for_swagger_name=true:"$OUT/swagger" "$f"
done
mkdir -p docs/openapi
python3 - "$OUT/swagger" docs/openapi/openapi.json <<'PY'
import json, pathlib, sys

src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
doc = {
    "swagger": "2.0",
    "info": {"title": "civic REST API", "version": "v1",
             "description": "REST routes of civic's modules (grpc-gateway over the gRPC query services)."},
    "consumes": ["application/json"],
    "produces": ["application/json"],
    "paths": {},
    "definitions": {},
}
owner = {}  # operationId -> file that defined it
for path in sorted(src.rglob("*.swagger.json")):
    rel = path.relative_to(src)
    package = rel.parent.parts                       # ("civic", "agency", "v1")
    prefix = "".join(w[:1].upper() + w[1:] for part in package[1:] for w in part.split("_"))
    part = json.loads(path.read_text())
    for route, item in sorted(part.get("paths", {}).items()):
        if route in doc["paths"]:
            sys.exit(f"{rel}: path {route} is already served by another package")
        for op in item.values():
            op["operationId"] = f"{prefix}_{op['operationId']}"
            op["tags"] = [".".join(package) + "." + t for t in op.get("tags", [])]
            if op["operationId"] in owner:
                sys.exit(f"{rel}: operationId {op['operationId']} already used by {owner[op['operationId']]}")
            owner[op["operationId"]] = rel
        doc["paths"][route] = item
    for name, schema in part.get("definitions", {}).items():
        if doc["definitions"].setdefault(name, schema) != schema:
            sys.exit(f"{rel}: definition {name} differs from the one of another package")

# Keep only the definitions the paths reach: grpc-gateway flattens a request
# message into parameters, so e.g. PageRequest is emitted but never referenced.
def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value.removeprefix("#/definitions/")
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)
used, todo = set(), list(refs(doc["paths"]))
while todo:
    name = todo.pop()
    if name not in used:
        used.add(name)
        todo.extend(refs(doc["definitions"][name]))
doc["definitions"] = {k: v for k, v in doc["definitions"].items() if k in used}
with open(dst, "w") as out:
    json.dump(doc, out, indent=2, sort_keys=True)
    out.write("\n")
PY
echo "generated Go code and docs/openapi/openapi.json"

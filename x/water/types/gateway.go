package types

import golangproto "github.com/golang/protobuf/proto"

// The REST gateway (grpc-gateway v1) reads an enum query parameter such as
// /civic/water/v1/sites?kind=SITE_KIND_TAP by looking the enum's names up in
// github.com/golang/protobuf's registry, which gogoproto's generated code does
// not fill; without this the gateway accepts only the number (kind=4).
// Path parameters (parameter, standard_class) are parsed by name already.
func init() {
	golangproto.RegisterEnum("civic.water.v1.SiteKind", SiteKind_name, SiteKind_value)
}

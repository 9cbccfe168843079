package types

import golangproto "github.com/golang/protobuf/proto"

// The REST gateway (grpc-gateway v1) reads an enum query parameter such as
// /civic/disaster/v1/incidents?status=INCIDENT_STATUS_RESPONDING by looking the
// enum's names up in github.com/golang/protobuf's registry, which gogoproto's
// generated code does not fill; without this the gateway accepts only the
// number (status=2). Registering the name maps of the enums the queries take
// makes both spellings work.
func init() {
	golangproto.RegisterEnum("civic.disaster.v1.IncidentStatus", IncidentStatus_name, IncidentStatus_value)
}

package types

import golangproto "github.com/golang/protobuf/proto"

// The REST gateway (grpc-gateway v1) reads an enum query parameter such as
// /civic/welfare/v1/programs/1/enrolments?status=ENROLMENT_STATUS_ENROLLED by
// looking the enum's names up in github.com/golang/protobuf's registry, which
// gogoproto's generated code does not fill; registering the name map makes
// both spellings (name and number) work.
func init() {
	golangproto.RegisterEnum("civic.welfare.v1.EnrolmentStatus", EnrolmentStatus_name, EnrolmentStatus_value)
}

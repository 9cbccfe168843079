package types

import golangproto "github.com/golang/protobuf/proto"

// The REST gateway (grpc-gateway v1) reads an enum query parameter such as
// /civic/voucher/v1/programs/1/merchants?status=MERCHANT_STATUS_APPROVED by
// looking the enum's names up in github.com/golang/protobuf's registry, which
// gogoproto's generated code does not fill; registering the name map makes
// both spellings (name and number) work.
func init() {
	golangproto.RegisterEnum("civic.voucher.v1.MerchantStatus", MerchantStatus_name, MerchantStatus_value)
}

package types

import (
	"strconv"
	"strings"

	"cosmossdk.io/collections"
)

const (
	// ModuleName is the module's name, store key, module account and error codespace.
	ModuleName = "voucher"

	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName

	// DenomPrefix starts the denom of every program: "voucher/<id>". The bank
	// send restriction recognises voucher coins by it.
	DenomPrefix = "voucher/"
)

// Collection prefixes. They are part of the consensus state: never renumber
// or reuse one; append new ones at the end.
var (
	ParamsKey             = collections.NewPrefix(0)
	LastProgramIDKey      = collections.NewPrefix(1)
	ProgramsKey           = collections.NewPrefix(2)
	ProgramsByAgencyKey   = collections.NewPrefix(3)
	ProgramsByIncidentKey = collections.NewPrefix(4)
	MerchantsKey          = collections.NewPrefix(5)
	MerchantsByStatusKey  = collections.NewPrefix(6)
	HoldersKey            = collections.NewPrefix(7)
	ClaimedKey            = collections.NewPrefix(8)
	ReceiptsKey           = collections.NewPrefix(9)
	UsageKey              = collections.NewPrefix(10)
)

// Denom is the bank denom of program id's vouchers.
func Denom(programID uint64) string {
	return DenomPrefix + strconv.FormatUint(programID, 10)
}

// IsVoucherDenom reports whether denom is a voucher denom (one prefix check).
func IsVoucherDenom(denom string) bool {
	return strings.HasPrefix(denom, DenomPrefix)
}

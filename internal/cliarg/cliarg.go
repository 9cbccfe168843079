// Package cliarg builds the pieces every module's autocli options repeat:
// positional arguments and examples.
package cliarg

import (
	"fmt"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/cosmos/cosmos-sdk/version"
)

// SampleDigest is the SHA-256 of "test", the digest every example shows.
const SampleDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// Args makes each proto field a positional argument, in order.
func Args(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(fields))
	for i, f := range fields {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: f}
	}
	return out
}

// Varargs is Args whose last argument takes the remaining arguments (a
// repeated field).
func Varargs(fields ...string) []*autocliv1.PositionalArgDescriptor {
	out := Args(fields...)
	if len(out) > 0 {
		out[len(out)-1].Varargs = true
	}
	return out
}

// Example is a command line starting with the binary's name: Example("query
// toll plaza %s", id) is "civicd query toll plaza ...".
func Example(format string, a ...any) string {
	return version.AppName + " " + fmt.Sprintf(format, a...)
}

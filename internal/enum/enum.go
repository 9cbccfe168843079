// Package enum answers the questions every module asks of a protobuf enum it
// stores: is this a named value other than UNSPECIFIED, and what is its name
// without the enum's prefix?
package enum

import (
	"strconv"
	"strings"
)

// Named reports whether v is a named value of a protobuf enum other than its
// zero value (UNSPECIFIED by the proto3 convention); names is the enum's
// generated <Enum>_name map.
func Named[E ~int32](names map[int32]string, v E) bool {
	_, ok := names[int32(v)]
	return ok && v != 0
}

// Label is v's name without the enum's prefix, the name of its zero value
// less "UNSPECIFIED": "ACTIVE" for CERTIFICATE_STATUS_ACTIVE of an enum whose
// zero is CERTIFICATE_STATUS_UNSPECIFIED. An unnamed v is its number, as in
// the generated String.
func Label[E ~int32](names map[int32]string, v E) string {
	name, ok := names[int32(v)]
	if !ok {
		return strconv.Itoa(int(v))
	}
	return strings.TrimPrefix(name, strings.TrimSuffix(names[0], "UNSPECIFIED"))
}

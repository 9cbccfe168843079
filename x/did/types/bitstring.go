package types

import "math/bits"

// CountBits returns the number of set bits in b.
func CountBits(b []byte) uint64 {
	var n uint64
	for _, x := range b {
		n += uint64(bits.OnesCount8(x))
	}
	return n
}

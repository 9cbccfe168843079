package types

// base58btc (the Bitcoin alphabet) for multibase 'z' keys and DID ids. The
// inputs are bounded by the callers (multibase at most MaxMultibaseLength
// characters), so the quadratic big-number conversion below stays small.

// Base58Alphabet is the base58btc alphabet: digits and letters without 0, O, I and l.
const Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Index maps a byte to its base58 digit, or -1.
var base58Index = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(Base58Alphabet); i++ {
		t[Base58Alphabet[i]] = int8(i)
	}
	return t
}()

// isBase58 reports whether c is in the base58btc alphabet.
func isBase58(c byte) bool { return base58Index[c] >= 0 }

// Base58Encode encodes b in base58btc; each leading zero byte becomes a '1'.
func Base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) < 1.37: this many digits always suffice.
	digits := rebase(b[zeros:], 256, 58, (len(b)-zeros)*138/100+1)
	out := make([]byte, 0, zeros+len(digits))
	for k := 0; k < zeros; k++ {
		out = append(out, '1')
	}
	for _, d := range digits {
		out = append(out, Base58Alphabet[d])
	}
	return string(out)
}

// Base58Decode decodes a base58btc string; each leading '1' becomes a zero
// byte. It returns false when s has a character outside the alphabet.
func Base58Decode(s string) ([]byte, bool) {
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	digits := make([]byte, 0, len(s)-zeros)
	for i := zeros; i < len(s); i++ {
		d := base58Index[s[i]]
		if d < 0 {
			return nil, false
		}
		digits = append(digits, byte(d))
	}
	// log(58)/log(256) < 0.733: this many bytes always suffice.
	b := rebase(digits, 58, 256, (len(s)-zeros)*733/1000+1)
	out := make([]byte, zeros, zeros+len(b))
	return append(out, b...), true
}

// rebase converts the big-endian digits in, of base from, to big-endian
// digits of base to without leading zeros, working in size digits (enough for
// the result).
func rebase(in []byte, from, to, size int) []byte {
	buf := make([]byte, size)
	high := size - 1
	for _, c := range in {
		carry := int(c)
		j := size - 1
		for ; j > high || carry != 0; j-- {
			carry += from * int(buf[j])
			buf[j] = byte(carry % to)
			carry /= to
		}
		high = j
	}
	i := 0
	for i < size && buf[i] == 0 {
		i++
	}
	return buf[i:]
}

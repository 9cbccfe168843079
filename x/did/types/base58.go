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
	size := (len(b)-zeros)*138/100 + 1
	digits := make([]byte, size)
	high := size - 1
	for _, c := range b[zeros:] {
		carry := int(c)
		j := size - 1
		for ; j > high || carry != 0; j-- {
			carry += 256 * int(digits[j])
			digits[j] = byte(carry % 58)
			carry /= 58
		}
		high = j
	}
	i := 0
	for i < size && digits[i] == 0 {
		i++
	}
	out := make([]byte, 0, zeros+size-i)
	for k := 0; k < zeros; k++ {
		out = append(out, '1')
	}
	for ; i < size; i++ {
		out = append(out, Base58Alphabet[digits[i]])
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
	// log(58)/log(256) < 0.733: this many bytes always suffice.
	size := (len(s)-zeros)*733/1000 + 1
	buf := make([]byte, size)
	high := size - 1
	for i := zeros; i < len(s); i++ {
		d := base58Index[s[i]]
		if d < 0 {
			return nil, false
		}
		carry := int(d)
		j := size - 1
		for ; j > high || carry != 0; j-- {
			carry += 58 * int(buf[j])
			buf[j] = byte(carry % 256)
			carry /= 256
		}
		high = j
	}
	i := 0
	for i < size && buf[i] == 0 {
		i++
	}
	out := make([]byte, zeros, zeros+size-i)
	return append(out, buf[i:]...), true
}

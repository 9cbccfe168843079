// Package text repeats a rejected value in an error message the same way in
// every module: Go-quoted (so control characters and invalid UTF-8 are
// visible) and cut to a readable length.
package text

import "strconv"

// MaxQuoted is how many bytes of a value Quote repeats.
const MaxQuoted = 70

// Quote returns s Go-quoted, or its first MaxQuoted bytes quoted followed by
// "...(N bytes)" when it is longer.
func Quote(s string) string {
	if len(s) > MaxQuoted {
		return strconv.Quote(s[:MaxQuoted]) + "...(" + strconv.Itoa(len(s)) + " bytes)"
	}
	return strconv.Quote(s)
}

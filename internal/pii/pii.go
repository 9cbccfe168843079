// Package pii recognises the shapes of Korean personal data — a resident
// registration number, a telephone number, an e-mail address — inside the
// short codes and public names civic's modules store, so that each module can
// refuse them with its own registered error. It is a back stop behind each
// field's grammar, not a grammar of its own.
package pii

import "strings"

// Find returns what personal-data shape s contains ("" if none):
//   - an e-mail address: any "@";
//   - a resident registration number: a valid YYMMDD date and a sex digit
//     1..8 followed by six digits, written as 6+7 digits with one separator
//     or as 13 digits in a row;
//   - a telephone number: a Korean prefix (02, 031..064, 010..019, 050,
//     070), then 3..4 digits starting 2..9 (1..9 for 01x) and 4 digits, separated
//     (02-223-4567, 010.1234.5678, +82-10-1234-5678) or in one run
//     (01012345678).
//
// A number group is a run of digits joined by one or two separators "-",
// ".", " ", "(", ")" or "/"; letters end a group.
func Find(s string) string {
	if strings.IndexByte(s, '@') >= 0 {
		return "an e-mail address"
	}
	for _, g := range numberGroups(s) {
		if what := groupShape(g); what != "" {
			return what
		}
	}
	return ""
}

// FindInText is Find for free text (public names of bodies and products),
// which in addition may not carry a number group of minLongNumber digits or
// more: a name has no use for one, and a personal number can hide in it.
func FindInText(s string) string {
	if what := Find(s); what != "" {
		return what
	}
	for _, g := range numberGroups(s) {
		if n := digitCount(g); n >= minLongNumber {
			return "a number of 7 or more digits"
		}
	}
	return ""
}

// minLongNumber is the shortest digit count FindInText refuses in free text
// (a local telephone number without its area code has 7 or 8).
const minLongNumber = 7

// numberGroups splits s into its number groups, each a list of digit runs.
func numberGroups(s string) [][]string {
	var groups [][]string
	var cur []string
	start := -1
	flush := func() {
		if len(cur) > 0 {
			groups = append(groups, cur)
		}
		cur = nil
	}
	for i := 0; i <= len(s); i++ {
		isDigit := i < len(s) && s[i] >= '0' && s[i] <= '9'
		if isDigit {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			cur = append(cur, s[start:i])
			start = -1
			// One or two separators followed by a digit continue the group
			// ("02-123", "(02) 123").
			j := i
			for j < len(s) && j < i+2 && isSeparator(s[j]) {
				j++
			}
			if j > i && j < len(s) && s[j] >= '0' && s[j] <= '9' {
				i = j - 1
				continue
			}
		}
		flush()
	}
	return groups
}

func isSeparator(c byte) bool {
	return c == '-' || c == '.' || c == ' ' || c == '(' || c == ')' || c == '/'
}

func digitCount(g []string) int {
	n := 0
	for _, run := range g {
		n += len(run)
	}
	return n
}

// groupShape names the personal-number shape of one number group, if any.
func groupShape(g []string) string {
	for i := 0; i+1 < len(g); i++ {
		if len(g[i]) == 6 && len(g[i+1]) == 7 && isRRN(g[i]+g[i+1]) {
			return "a resident registration number"
		}
	}
	for _, run := range g {
		if len(run) == 13 && isRRN(run) {
			return "a resident registration number"
		}
	}
	for i := 0; i+2 < len(g); i++ {
		if isAreaCode(g[i]) && isSubscriber(g[i], g[i+1]) && len(g[i+2]) == 4 {
			return "a telephone number"
		}
		if g[i] == "82" && isAreaCode("0"+g[i+1]) && isSubscriber("0"+g[i+1], g[i+2]) && i+3 < len(g) && len(g[i+3]) == 4 {
			return "a telephone number"
		}
	}
	for _, run := range g {
		if n := len(run); n >= 9 && n <= 11 {
			for _, area := range []string{run[:2], run[:3]} {
				if isAreaCode(area) && n-len(area) >= 7 && n-len(area) <= 8 && isSubscriber(area, run[len(area):len(area)+3]) {
					return "a telephone number"
				}
			}
		}
	}
	return ""
}

// isSubscriber reports whether d can begin a subscriber number after area:
// 3..4 digits, the first 2..9 (1..9 after a mobile prefix 01x).
func isSubscriber(area, d string) bool {
	lowest := byte('2')
	if strings.HasPrefix(area, "01") {
		lowest = '1'
	}
	return len(d) >= 3 && len(d) <= 4 && d[0] >= lowest && d[0] <= '9'
}

// isAreaCode reports whether d is a Korean telephone prefix: 02 (Seoul),
// 031..064 (the provinces), 010..019 (mobile), 050x/070 (personal numbers).
func isAreaCode(d string) bool {
	switch {
	case d == "02":
		return true
	case len(d) == 3 && d[0] == '0' && d[1] == '1':
		return true
	case len(d) == 3 && d[0] == '0' && d[1] >= '3' && d[1] <= '6' && d[2] >= '1' && d[2] <= '5':
		return true
	case d == "070" || d == "050":
		return true
	}
	return false
}

// isRRN reports whether 13 digits read as YYMMDD, a sex digit 1..8 and six more.
func isRRN(d string) bool {
	month := int(d[2]-'0')*10 + int(d[3]-'0')
	day := int(d[4]-'0')*10 + int(d[5]-'0')
	sex := d[6]
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 && sex >= '1' && sex <= '8'
}

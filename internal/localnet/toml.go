package localnet

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// TOMLEdit is one "key = value" change in a [section] ("" is the top level).
type TOMLEdit struct {
	Section string
	Key     string
	Value   string // a TOML literal: `"text"`, `true`, `5`
}

// str quotes a string as a TOML basic string literal.
func str(s string) string { return strconv.Quote(s) }

var (
	tomlSectionRe = regexp.MustCompile(`^\s*\[([^\[\]]+)\]\s*(#.*)?$`)
	tomlKeyRe     = regexp.MustCompile(`^(\s*)([A-Za-z0-9_.-]+)(\s*=\s*)(.*)$`)
)

// EditTOML sets keys in a TOML file the SDK and CometBFT wrote from their
// templates ("key = value" lines under "[section]" headers), keeping every
// other line and comment. Every key must already exist: a missing one is an
// error, so a renamed setting fails loudly instead of being ignored.
func EditTOML(path string, edits ...TOMLEdit) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.Split(string(raw), "\n")
	done := make([]bool, len(edits))
	section := ""
	for i, line := range lines {
		if m := tomlSectionRe.FindStringSubmatch(line); m != nil {
			section = strings.TrimSpace(m[1])
			continue
		}
		m := tomlKeyRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for j, e := range edits {
			if e.Section == section && e.Key == m[2] {
				lines[i] = m[1] + m[2] + m[3] + e.Value
				done[j] = true
			}
		}
	}
	for j, e := range edits {
		if !done[j] {
			return fmt.Errorf("%s: no key %q in section [%s]", path, e.Key, e.Section)
		}
	}
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600)
}

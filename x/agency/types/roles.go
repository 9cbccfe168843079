package types

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RoleDefinition is what a service module declares at wiring, e.g.
// {"evidence.investigator", "digitalevidence", "opens cases and registers evidence"}.
// The union of all modules' definitions is x/agency's role catalog.
type RoleDefinition struct {
	Name        string
	Module      string
	Description string
}

const (
	// MaxRoleNameLength bounds a role name in bytes.
	MaxRoleNameLength = 64
	// MaxRolesPerList bounds every role list (agency roles, member roles).
	MaxRolesPerList = 64
	// MaxRoleModuleLength bounds RoleDefinition.Module.
	MaxRoleModuleLength = 64
	// MaxRoleDescriptionLength bounds RoleDefinition.Description.
	MaxRoleDescriptionLength = 256
)

var roleNameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$`)

// ValidateRoleName checks the role grammar "<module>.<role>" (lowercase letters, digits, '_').
func ValidateRoleName(name string) error {
	if len(name) == 0 || len(name) > MaxRoleNameLength {
		return fmt.Errorf("role name must be 1..%d bytes, got %d", MaxRoleNameLength, len(name))
	}
	if !roleNameRe.MatchString(name) {
		return fmt.Errorf("role name %q does not match %s", name, roleNameRe.String())
	}
	return nil
}

// Validate checks a catalog entry.
func (r RoleDefinition) Validate() error {
	if err := ValidateRoleName(r.Name); err != nil {
		return err
	}
	if r.Module == "" || len(r.Module) > MaxRoleModuleLength || !utf8.ValidString(r.Module) {
		return fmt.Errorf("role %q: module must be 1..%d bytes of UTF-8", r.Name, MaxRoleModuleLength)
	}
	if len(r.Description) > MaxRoleDescriptionLength || !utf8.ValidString(r.Description) {
		return fmt.Errorf("role %q: description must be at most %d bytes of UTF-8", r.Name, MaxRoleDescriptionLength)
	}
	if i := strings.IndexFunc(r.Module+r.Description, unicode.IsControl); i >= 0 {
		return fmt.Errorf("role %q: module and description must not hold control characters", r.Name)
	}
	return nil
}

// ValidateRoleList checks a role list given in a message: at most MaxRolesPerList entries,
// each well formed, no duplicates. Order is free; NormalizeRoles sorts it for storage.
func ValidateRoleList(roles []string) error {
	if len(roles) > MaxRolesPerList {
		return fmt.Errorf("at most %d roles, got %d", MaxRolesPerList, len(roles))
	}
	seen := make(map[string]struct{}, len(roles))
	for _, r := range roles {
		if err := ValidateRoleName(r); err != nil {
			return err
		}
		if _, dup := seen[r]; dup {
			return fmt.Errorf("duplicate role %q", r)
		}
		seen[r] = struct{}{}
	}
	return nil
}

// ValidateSortedRoles checks a stored role list: valid (ValidateRoleList) and strictly ascending.
func ValidateSortedRoles(roles []string) error {
	if err := ValidateRoleList(roles); err != nil {
		return err
	}
	if !sort.StringsAreSorted(roles) {
		return fmt.Errorf("roles must be sorted: %v", roles)
	}
	return nil
}

// NormalizeRoles returns a sorted copy of roles (never nil-aliased to the input).
func NormalizeRoles(roles []string) []string {
	out := make([]string, len(roles))
	copy(out, roles)
	sort.Strings(out)
	return out
}

// HasRole reports whether a sorted role list contains role.
func HasRole(sorted []string, role string) bool {
	i := sort.SearchStrings(sorted, role)
	return i < len(sorted) && sorted[i] == role
}

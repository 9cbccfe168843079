// Package bounds checks a module's params against their bounds with one
// message shape, "<name> must be <min>..<max>, got <value>", so that every
// module's (Params) Validate reads as the list of its bounds.
package bounds

import "fmt"

// Range fails when value lies outside lo..hi (both included):
// "<name> must be <lo>..<hi>, got <value>".
func Range[T ~uint32 | ~uint64](name string, value, lo, hi T) error {
	if value < lo || value > hi {
		return fmt.Errorf("%s must be %d..%d, got %d", name, lo, hi, value)
	}
	return nil
}

// First returns the first of errs that is not nil, or nil: the checks are
// listed in the order they are reported.
func First(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

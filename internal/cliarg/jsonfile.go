package cliarg

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	gogoproto "github.com/cosmos/gogoproto/proto"

	"github.com/cosmos/cosmos-sdk/codec"
)

// Message is a pointer to a proto message value T, so that ParseRecords can
// fill a []T in place.
type Message[T any] interface {
	*T
	gogoproto.Message
}

// ReadRecordsFile reads path, at most maxBytes, as ParseRecords does; errors
// name the file.
func ReadRecordsFile[T any, P Message[T]](cdc codec.JSONCodec, path string, maxBytes int, what string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, int64(maxBytes)+1)); err != nil {
		return nil, err
	}
	if buf.Len() > maxBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxBytes)
	}
	out, err := ParseRecords[T, P](cdc, buf.Bytes(), what)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// ParseRecords reads a JSON array of proto-JSON records (unknown fields are
// errors) holding at least one; what is their plural name in errors
// ("trips": "not a JSON array of trips", "trips[3]: ...").
func ParseRecords[T any, P Message[T]](cdc codec.JSONCodec, bz []byte, what string) ([]T, error) {
	dec := json.NewDecoder(bytes.NewReader(bz))
	var raw []json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a JSON array of %s: %w", what, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the array of %s", what)
	}
	if len(raw) == 0 {
		return nil, errors.New("no " + what + ": a batch has at least one")
	}
	out := make([]T, len(raw))
	for i, r := range raw {
		if err := cdc.UnmarshalJSON(r, P(&out[i])); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", what, i, err)
		}
	}
	return out, nil
}

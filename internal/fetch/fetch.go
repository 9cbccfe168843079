// Package fetch sends one HTTP request to a node (the REST gateway, CometBFT
// RPC, pprof) and reads its whole answer: the part internal/cometrpc, bench/
// and the tests under tests/ all need. It depends on the standard library only.
package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Do sends req with hc and returns the response, its body already read and
// closed, and the body.
func Do(hc *http.Client, req *http.Request) (*http.Response, []byte, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, nil, err
	}
	return resp, body, nil
}

// Get GETs url with hc, sending header (nil for none), as Do.
func Get(ctx context.Context, hc *http.Client, url string, header http.Header) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return Do(hc, req)
}

// JSON GETs url with hc and decodes a 200 answer into out (nil: the body is
// dropped). Another status is an error "GET <url>: <status>: <body>" with the
// body cut at 300 bytes.
func JSON(ctx context.Context, hc *http.Client, url string, out any) error {
	resp, body, err := Get(ctx, hc, url, nil)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %.300s", url, resp.Status, body)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}

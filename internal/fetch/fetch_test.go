package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/civicchain/civic/internal/fetch"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("X-Height", r.Header.Get("X-Height"))
			_, _ = w.Write([]byte(`{"n":7}`))
		default:
			http.Error(w, strings.Repeat("x", 400), http.StatusNotFound)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestGet(t *testing.T) {
	s := server(t)
	resp, body, err := fetch.Get(context.Background(), s.Client(), s.URL+"/ok", http.Header{"X-Height": {"12"}})
	if err != nil || resp.StatusCode != http.StatusOK || string(body) != `{"n":7}` || resp.Header.Get("X-Height") != "12" {
		t.Fatalf("Get: %v, %v, %q", err, resp, body)
	}
	resp, body, err = fetch.Get(context.Background(), s.Client(), s.URL+"/missing", nil)
	if err != nil || resp.StatusCode != http.StatusNotFound || len(body) != 401 {
		t.Fatalf("Get of a missing path: %v, %v, %d bytes", err, resp, len(body))
	}
	if _, _, err := fetch.Get(context.Background(), s.Client(), "http://127.0.0.1:0/", nil); err == nil {
		t.Fatal("Get of a closed port succeeded")
	}
}

func TestJSON(t *testing.T) {
	s := server(t)
	var out struct{ N int }
	if err := fetch.JSON(context.Background(), s.Client(), s.URL+"/ok", &out); err != nil || out.N != 7 {
		t.Fatalf("JSON: %v, %+v", err, out)
	}
	if err := fetch.JSON(context.Background(), s.Client(), s.URL+"/ok", nil); err != nil {
		t.Fatalf("JSON with nil out: %v", err)
	}
	err := fetch.JSON(context.Background(), s.Client(), s.URL+"/missing", &out)
	want := "GET " + s.URL + "/missing: 404 Not Found: " + strings.Repeat("x", 300)
	if err == nil || err.Error() != want {
		t.Fatalf("JSON of a missing path: %v", err)
	}
}

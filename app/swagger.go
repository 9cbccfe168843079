package app

import (
	"bytes"
	"io/fs"
	"net/http"

	sdkdocs "github.com/cosmos/cosmos-sdk/client/docs"
	"github.com/gorilla/mux"

	"github.com/civicchain/civic/docs/openapi"
)

// registerSwagger serves civic's OpenAPI document at /swagger/openapi.json and
// a Swagger UI (the SDK's bundled assets) at /swagger/ that opens it.
func registerSwagger(rtr *mux.Router) {
	ui, err := fs.Sub(sdkdocs.SwaggerUI, "swagger-ui")
	if err != nil {
		panic(err)
	}
	index, err := fs.ReadFile(ui, "index.html")
	if err != nil {
		panic(err)
	}
	index = bytes.Replace(index, []byte(`url: "./swagger.yaml"`), []byte(`url: "./openapi.json"`), 1)

	rtr.Path("/swagger/openapi.json").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openapi.JSON)
	})
	rtr.Path("/swagger/").HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(index)
	})
	rtr.PathPrefix("/swagger/").Handler(http.StripPrefix("/swagger/", http.FileServer(http.FS(ui))))
}

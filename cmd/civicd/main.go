// civicd is the civic node and command-line client.
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/cmd/civicd/cmd"
)

func main() {
	if err := svrcmd.Execute(cmd.NewRootCmd(), "CIVICD", app.DefaultNodeHome); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

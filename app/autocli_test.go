package app_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	msgv1 "cosmossdk.io/api/cosmos/msg/v1"
	"cosmossdk.io/log"
	dbm "github.com/cosmos/cosmos-db"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	"github.com/civicchain/civic/app"
	"github.com/civicchain/civic/cmd/civicd/cmd"
)

// civicModule is the Go package prefix of civic's own modules.
const civicModule = "github.com/civicchain/civic/"

// skipped are the rpcs autocli deliberately skips, each with the hand-written command
// (in the module's client/cli) that serves it instead and the reason.
var skipped = map[string]struct{ command, reason string }{
	"civic.did.v1.Msg.CreateDid":        {"create", "reads a DID document from a file and signs its proof of control"},
	"civic.did.v1.Msg.UpdateDid":        {"update", "reads a DID document from a file and signs its proof of control"},
	"civic.did.v1.Msg.UpdateStatusList": {"status-update", "takes index=bit pairs, not the request's fields"},
}

// handWritten are the commands a module's client/cli adds next to the generated ones
// (skipped rpcs aside), by "tx <module>" / "query <module>" path.
var handWritten = map[string][]string{
	"tx toll":       {"submit-batch-file"},
	"query toll":    {"batch-proof"},
	"query voucher": {"claim-sign-bytes"},
}

// withExamples are the modules every command of which (Params aside) shows an Example.
var withExamples = map[string]bool{"did": true, "digitalevidence": true, "disaster": true, "haccp": true, "toll": true, "voucher": true, "water": true, "welfare": true}

// namedArgs are the modules whose Use names every positional argument after its field
// ("[plaza-id]" for plaza_id).
var namedArgs = map[string]bool{"disaster": true, "haccp": true, "toll": true, "voucher": true, "water": true, "welfare": true}

// flagsOf are flags the optional fields of a request become, by command path.
var flagsOf = map[string][]string{
	"tx agency register-agency":    {"roles"},
	"tx agency set-agency-roles":   {"roles"},
	"tx agency set-agency-status":  {"reason"},
	"tx agency add-member":         {"roles", "expires-at"},
	"tx agency set-member-roles":   {"roles", "expires-at"},
	"tx did create":                {"proof"},
	"query did resolve":            {"version-time"},
	"tx disaster update-incident":  {"severity", "affected-districts"},
	"query disaster incidents":     {"status", "district"},
	"query water sites":            {"district-code", "kind"},
	"query water series":           {"from-time", "to"},
	"tx water set-threshold":       {"min", "max"},
	"tx voucher create-program":    {"holder-districts", "merchant-districts", "excluded-mccs", "schema-id", "amount-by-class", "incident-id", "allocator-agencies"},
	"query voucher programs":       {"agency-id", "incident-id"},
	"query voucher merchants":      {"status"},
	"query voucher usage-stats":    {"district", "mcc"},
	"tx welfare create-program":    {"groups"},
	"query welfare programs":       {"agency-id"},
	"query welfare program-totals": {"cycle-seq"},
	"query welfare enrolments":     {"status"},
}

// TestAutoCLICoversEveryRPC checks every civic module of the app: every Msg and Query rpc
// has exactly one command (or is skipped for a hand-written command, with a reason), with
// a Use, a Short text and (withExamples) an Example; every positional argument names a
// field of the request, a repeated field being the last argument and taking the remaining
// ones; a Msg is a governance proposal exactly when its signer is the authority; and
// civicd's command tree holds every command, each tx command taking --from.
func TestAutoCLICoversEveryRPC(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	opts := a.AutoCliOpts().ModuleOptions
	root := cmd.NewRootCmd()
	find := func(path string) *cobra.Command {
		t.Helper()
		args := strings.Fields(path)
		c, _, err := root.Find(args)
		require.NoError(t, err, path)
		require.Equal(t, args[len(args)-1], c.Name(), path)
		return c
	}

	var civic []string
	for name, m := range a.ModuleManager.Modules {
		if !strings.HasPrefix(reflect.TypeOf(m).PkgPath(), civicModule) {
			continue
		}
		civic = append(civic, name)
		o, ok := opts[name]
		require.True(t, ok, "module %s has no autocli options", name)
		t.Run(name, func(t *testing.T) {
			checkService(t, name, "tx", o.Tx, find)
			checkService(t, name, "query", o.Query, find)
		})
	}
	slices.Sort(civic)
	require.Equal(t, []string{"agency", "did", "digitalevidence", "disaster", "haccp", "toll", "voucher", "water", "welfare"}, civic, "civic's modules")

	for path, commands := range handWritten {
		for _, c := range commands {
			find(path + " " + c)
		}
	}
	for path, names := range flagsOf {
		c := find(path)
		for _, name := range names {
			require.NotNil(t, c.Flags().Lookup(name), "%s --%s", path, name)
		}
	}
	for rpc, s := range skipped {
		require.NotEmpty(t, s.reason, rpc)
	}
}

// checkService checks one service's command descriptor (see TestAutoCLICoversEveryRPC);
// kind is "tx" or "query".
func checkService(t *testing.T, module, kind string, svc *autocliv1.ServiceCommandDescriptor, find func(string) *cobra.Command) {
	require.NotNil(t, svc, "%s has no %s commands", module, kind)
	sd, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(svc.Service))
	require.NoError(t, err, svc.Service)
	methods := sd.(protoreflect.ServiceDescriptor).Methods()
	byName := map[string]*autocliv1.RpcCommandOptions{}
	uses := map[string]string{}
	for _, o := range svc.RpcCommandOptions {
		require.NotContains(t, byName, o.RpcMethod, "%s listed twice", o.RpcMethod)
		require.NotNil(t, methods.ByName(protoreflect.Name(o.RpcMethod)), "%s has no rpc %s", svc.Service, o.RpcMethod)
		byName[o.RpcMethod] = o
		if o.Skip {
			continue
		}
		require.NotEmpty(t, o.Use, "%s has no Use", o.RpcMethod)
		name := strings.Fields(o.Use)[0]
		require.NotContains(t, uses, name, "command %s used twice", name)
		uses[name] = o.RpcMethod
	}
	require.Len(t, byName, methods.Len(), "one command per rpc of %s", svc.Service)
	path := kind + " " + module
	if handWritten[path] != nil {
		require.True(t, svc.EnhanceCustomCommand, "%s: the generated commands join the hand-written ones", path)
	}

	for i := 0; i < methods.Len(); i++ {
		m := methods.Get(i)
		o, ok := byName[string(m.Name())]
		require.True(t, ok, "no command for %s", m.FullName())
		if o.Skip {
			s, ok := skipped[string(m.FullName())]
			require.True(t, ok, "%s is skipped without a reason", m.FullName())
			require.True(t, svc.EnhanceCustomCommand, "%s: the generated commands join the hand-written ones", path)
			find(path + " " + s.command)
			continue
		}
		require.NotContains(t, skipped, string(m.FullName()), "%s is listed as skipped but has a command", m.FullName())
		require.NotEmpty(t, o.Short, "%s has no Short text", m.FullName())
		if withExamples[module] && m.Name() != "Params" {
			require.NotEmpty(t, o.Example, "%s has no Example", m.FullName())
		}
		args := useArgs(o.Use)
		require.Len(t, o.PositionalArgs, len(args), "%s: Use %q and positional args differ", m.FullName(), o.Use)
		for j, p := range o.PositionalArgs {
			fd := m.Input().Fields().ByName(protoreflect.Name(p.ProtoField))
			require.NotNil(t, fd, "%s has no field %s", m.Input().FullName(), p.ProtoField)
			require.Equal(t, fd.IsList(), p.Varargs, "%s.%s: varargs iff repeated", m.FullName(), p.ProtoField)
			if p.Varargs {
				require.Equal(t, len(o.PositionalArgs)-1, j, "%s: varargs must be last", m.FullName())
				require.True(t, strings.HasSuffix(args[j], "...]"), "%s: Use should show %s as [x...]", m.FullName(), p.ProtoField)
			}
			if namedArgs[module] {
				require.Equal(t, "["+strings.ReplaceAll(p.ProtoField, "_", "-"), strings.TrimSuffix(strings.TrimSuffix(args[j], "]"), "..."),
					"%s: argument %d of Use names %s", m.FullName(), j, p.ProtoField)
			}
		}
		if kind == "tx" {
			signers, _ := protov2.GetExtension(m.Input().Options(), msgv1.E_Signer).([]string)
			require.Equal(t, slices.Equal(signers, []string{"authority"}), o.GovProposal,
				"%s: a Msg is a governance proposal exactly when the authority signs it", m.FullName())
		}
		c := find(path + " " + strings.Fields(o.Use)[0])
		if kind == "tx" {
			require.NotNil(t, c.Flags().Lookup("from"), "%s takes --from", c.CommandPath())
		}
	}
}

// useArgs are the positional arguments a Use line shows: the words after the command
// name, up to the first flag.
func useArgs(use string) []string {
	words := strings.Fields(use)[1:]
	for i, w := range words {
		if strings.HasPrefix(w, "-") {
			return words[:i]
		}
	}
	return words
}

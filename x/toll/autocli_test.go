package toll_test

import (
	"strings"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/cmd/civicd/cmd"
	"github.com/civicchain/civic/x/toll"
	"github.com/civicchain/civic/x/toll/types"
)

// TestTollAutoCLIOptions checks that every Msg and Query rpc has a generated
// command (none is skipped: the hand-written commands of client/cli come on
// top) with a Use, a Short text and an Example, that every positional
// argument names a field of the rpc's request, a repeated field being the
// last argument and taking the remaining ones, and that UpdateParams is a
// governance proposal.
func TestTollAutoCLIOptions(t *testing.T) {
	opts := toll.AppModule{}.AutoCLIOptions()
	require.True(t, opts.Tx.EnhanceCustomCommand, "the generated tx commands join the hand-written ones")
	require.True(t, opts.Query.EnhanceCustomCommand, "the generated query commands join the hand-written ones")
	check := func(svc *autocliv1.ServiceCommandDescriptor, service string) {
		require.Equal(t, service, svc.Service)
		sd, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(service))
		require.NoError(t, err)
		methods := sd.(protoreflect.ServiceDescriptor).Methods()
		byName := map[string]*autocliv1.RpcCommandOptions{}
		uses := map[string]string{}
		for _, o := range svc.RpcCommandOptions {
			require.NotContains(t, byName, o.RpcMethod, "%s listed twice", o.RpcMethod)
			byName[o.RpcMethod] = o
			name := strings.Fields(o.Use)[0]
			require.NotContains(t, uses, name, "command %s used twice", name)
			uses[name] = o.RpcMethod
		}
		require.Len(t, byName, methods.Len(), "one command per rpc of %s", service)
		for i := 0; i < methods.Len(); i++ {
			m := methods.Get(i)
			o, ok := byName[string(m.Name())]
			require.True(t, ok, "no command for %s", m.FullName())
			require.False(t, o.Skip, "%s is skipped", m.Name())
			require.NotEmpty(t, o.Short, "%s has no Short text", m.Name())
			if m.Name() != "Params" {
				require.NotEmpty(t, o.Example, "%s has no Example", m.Name())
			}
			args := strings.Fields(o.Use)[1:]
			require.Len(t, o.PositionalArgs, len(args), "%s: Use %q and positional args differ", m.Name(), o.Use)
			for j, p := range o.PositionalArgs {
				fd := m.Input().Fields().ByName(protoreflect.Name(p.ProtoField))
				require.NotNil(t, fd, "%s has no field %s", m.Input().FullName(), p.ProtoField)
				require.Equal(t, fd.IsList(), p.Varargs, "%s.%s: varargs iff repeated", m.Name(), p.ProtoField)
				if p.Varargs {
					require.Equal(t, len(o.PositionalArgs)-1, j, "%s: varargs must be last", m.Name())
					require.True(t, strings.HasSuffix(args[j], "...]"), "%s: Use should show %s as [x...]", m.Name(), p.ProtoField)
				}
				require.Equal(t, "["+strings.ReplaceAll(p.ProtoField, "_", "-"), strings.TrimSuffix(strings.TrimSuffix(args[j], "]"), "..."),
					"%s: argument %d of Use names %s", m.Name(), j, p.ProtoField)
			}
		}
	}
	check(opts.Tx, types.Msg_serviceDesc.ServiceName)
	check(opts.Query, types.Query_serviceDesc.ServiceName)

	for _, o := range opts.Tx.RpcCommandOptions {
		authority := o.RpcMethod == "UpdateParams" || o.RpcMethod == "DecideDispute"
		require.Equal(t, authority, o.GovProposal, "%s: only the authority's messages (UpdateParams, DecideDispute) are proposals", o.RpcMethod)
	}
}

// TestTollCLICommandTree builds civicd's command tree and checks that "tx
// toll" and "query toll" hold the hand-written commands and every generated
// one, with the flags the optional fields become.
func TestTollCLICommandTree(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	root := cmd.NewRootCmd()
	find := func(path ...string) *cobra.Command {
		c, _, err := root.Find(path)
		require.NoError(t, err, strings.Join(path, " "))
		require.Equal(t, path[len(path)-1], c.Name(), strings.Join(path, " "))
		return c
	}
	opts := toll.AppModule{}.AutoCLIOptions()
	for _, o := range opts.Tx.RpcCommandOptions {
		c := find("tx", "toll", strings.Fields(o.Use)[0])
		require.NotNil(t, c.Flags().Lookup("from"), "%s takes --from", c.Name())
	}
	for _, o := range opts.Query.RpcCommandOptions {
		find("query", "toll", strings.Fields(o.Use)[0])
	}
	require.NotNil(t, find("tx", "toll", "submit-batch-file").Flags().Lookup("from"))
	find("query", "toll", "batch-proof")

	flagsOf := map[string][]string{
		"tx toll set-tariff":             {"rates", "discounts", "commuter-start-minute", "commuter-end-minute"},
		"tx toll record-trip":            {"payer", "discount-codes"},
		"tx toll submit-trip-batch":      {"totals"},
		"tx toll open-dispute":           {"evidence-digest"},
		"tx toll resolve-dispute":        {"refund", "reason"},
		"query toll tariff":              {"at"},
		"query toll quote-fare":          {"discount-codes", "exit-time"},
		"query toll plazas":              {"operator", "page-limit"},
		"query toll trips-by-plaza":      {"period-id", "page-key"},
		"query toll unpaid-trips":        {"payer"},
		"query toll disputes":            {"period-id"},
		"query toll tariff-versions":     {"page-limit", "page-reverse"},
		"query toll segments":            {"page-limit"},
		"query toll spending-limits":     {"page-limit"},
		"query toll trip-batches":        {"page-limit"},
		"query toll trips-by-period":     {"page-count-total"},
		"query toll operators":           {"page-offset"},
		"query toll periods":             {"page-reverse"},
		"tx toll update-params-proposal": {"deposit"},
	}
	for path, names := range flagsOf {
		c := find(strings.Fields(path)...)
		for _, name := range names {
			require.NotNil(t, c.Flags().Lookup(name), "%s --%s", path, name)
		}
	}
}

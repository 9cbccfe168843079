package toll

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/civicchain/civic/x/toll/types"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig: every Msg and Query is a
// command under "toll".
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{Service: types.Query_serviceDesc.ServiceName},
		Tx:    &autocliv1.ServiceCommandDescriptor{Service: types.Msg_serviceDesc.ServiceName},
	}
}

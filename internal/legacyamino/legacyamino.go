// Package legacyamino registers a module's messages with the legacy Amino
// codec (Ledger and legacy Amino JSON signing) under the names their proto
// definitions give them, so that a module states each name once: in the
// (amino.name) option of tx.proto.
package legacyamino

import (
	"fmt"
	"reflect"

	aminoapi "cosmossdk.io/api/amino"
	"google.golang.org/grpc"
	protov2 "google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	sdk "github.com/cosmos/cosmos-sdk/types"
	gogoproto "github.com/cosmos/gogoproto/proto"
)

// Msg is a request message of a Msg service and its Amino name.
type Msg struct {
	Msg  sdk.Msg
	Name string
}

// Msgs returns the request message of every method of the Msg service sd
// with its (amino.name) option, in the order of the service's methods. It
// fails on a service or message the gogoproto registry does not know and on
// a request message without the option.
func Msgs(sd *grpc.ServiceDesc) ([]Msg, error) {
	d, err := gogoproto.HybridResolver.FindDescriptorByName(protoreflect.FullName(sd.ServiceName))
	if err != nil {
		return nil, fmt.Errorf("service %s: %w", sd.ServiceName, err)
	}
	service, ok := d.(protoreflect.ServiceDescriptor)
	if !ok {
		return nil, fmt.Errorf("%s is not a service", sd.ServiceName)
	}
	methods := service.Methods()
	msgs := make([]Msg, 0, methods.Len())
	for i := range methods.Len() {
		input := methods.Get(i).Input()
		name, ok := protov2.GetExtension(input.Options(), aminoapi.E_Name).(string)
		if !ok || name == "" {
			return nil, fmt.Errorf("message %s has no (amino.name) option", input.FullName())
		}
		typ := gogoproto.MessageType(string(input.FullName()))
		if typ == nil {
			return nil, fmt.Errorf("message %s has no registered Go type", input.FullName())
		}
		msg, ok := reflect.New(typ.Elem()).Interface().(sdk.Msg)
		if !ok {
			return nil, fmt.Errorf("message %s is not an sdk.Msg", input.FullName())
		}
		msgs = append(msgs, Msg{Msg: msg, Name: name})
	}
	return msgs, nil
}

// RegisterMsgs registers every request message of the Msg service sd with
// cdc under its (amino.name) option. It panics where Msgs fails and, as
// legacy.RegisterAminoMsg does, on a name over 39 characters (Ledger's limit):
// both are wiring mistakes to be caught at start-up.
func RegisterMsgs(cdc *codec.LegacyAmino, sd *grpc.ServiceDesc) {
	msgs, err := Msgs(sd)
	if err != nil {
		panic(fmt.Errorf("legacy amino registration of %s: %w", sd.ServiceName, err))
	}
	for _, m := range msgs {
		legacy.RegisterAminoMsg(cdc, m.Msg, m.Name)
	}
}

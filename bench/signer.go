package bench

import (
	"context"
	"fmt"

	"cosmossdk.io/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/std"
	sdk "github.com/cosmos/cosmos-sdk/types"
	signingtypes "github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	agencytypes "github.com/civicchain/civic/x/agency/types"
	didtypes "github.com/civicchain/civic/x/did/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
	haccptypes "github.com/civicchain/civic/x/haccp/types"
	vouchertypes "github.com/civicchain/civic/x/voucher/types"
	watertypes "github.com/civicchain/civic/x/water/types"
	welfaretypes "github.com/civicchain/civic/x/welfare/types"
)

// Signer builds and signs transactions in-process (SIGN_MODE_DIRECT, raw keys).
type Signer struct {
	ChainID  string
	TxConfig client.TxConfig
	Codec    codec.Codec
}

// NewSigner returns a signer with civic's bech32 codecs and the bank, auth,
// x/agency, x/evidence, x/did, x/haccp, x/water, x/voucher and x/welfare message types
// registered.
func NewSigner(chainID string) (*Signer, error) {
	reg, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          address.NewBech32Codec(Bech32Prefix),
			ValidatorAddressCodec: address.NewBech32Codec(Bech32Prefix + "valoper"),
		},
	})
	if err != nil {
		return nil, err
	}
	std.RegisterInterfaces(reg)
	authtypes.RegisterInterfaces(reg)
	banktypes.RegisterInterfaces(reg)
	agencytypes.RegisterInterfaces(reg)
	evidencetypes.RegisterInterfaces(reg)
	didtypes.RegisterInterfaces(reg)
	haccptypes.RegisterInterfaces(reg)
	watertypes.RegisterInterfaces(reg)
	vouchertypes.RegisterInterfaces(reg)
	welfaretypes.RegisterInterfaces(reg)
	cdc := codec.NewProtoCodec(reg)
	return &Signer{ChainID: chainID, TxConfig: authtx.NewTxConfig(cdc, authtx.DefaultSignModes), Codec: cdc}, nil
}

// Sign returns the encoded transaction of msgs signed by a with sequence seq.
// The fee is zero (the harness home sets minimum-gas-prices to 0).
func (s *Signer) Sign(a *LoadAccount, seq, gas uint64, msgs ...sdk.Msg) ([]byte, error) {
	b := s.TxConfig.NewTxBuilder()
	if err := b.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	b.SetGasLimit(gas)
	pub := a.Priv.PubKey()
	sig := signingtypes.SignatureV2{PubKey: pub, Data: &signingtypes.SingleSignatureData{SignMode: signingtypes.SignMode_SIGN_MODE_DIRECT}, Sequence: seq}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	sd := authsigning.SignerData{ChainID: s.ChainID, AccountNumber: a.AccNum, Sequence: seq, PubKey: pub, Address: a.Address}
	sig, err := clienttx.SignWithPrivKey(context.Background(), signingtypes.SignMode_SIGN_MODE_DIRECT, sd, b, a.Priv, s.TxConfig, seq)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	if err := b.SetSignatures(sig); err != nil {
		return nil, err
	}
	return s.TxConfig.TxEncoder()(b.GetTx())
}

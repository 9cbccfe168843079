package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/x/voucher/types"
)

// The bank enforces the voucher rule. SendRestriction is appended to x/bank's
// send restrictions at wiring, so it runs on every transfer of every module
// (bank MsgSend and MsgMultiSend, authz MsgExec, fee deduction, gov deposits,
// sends between module accounts). A voucher coin moves only when the context
// carries a flow this keeper set around its own bank call, and only along
// that flow's one edge. No other module can set a flow: its key type is
// unexported.

// flowKind is the kind of a voucher movement.
type flowKind int

const (
	// flowIssue: module account -> holder (claim, allocation).
	flowIssue flowKind = iota + 1
	// flowPay: holder -> APPROVED merchant of the program (pay).
	flowPay
	// flowRedeem: merchant -> module account, to be burned (redeem).
	flowRedeem
	// flowSweep: holder or merchant -> module account, to be burned (sweep).
	flowSweep
)

func (f flowKind) String() string {
	return [...]string{"none", "issue", "pay", "redeem", "sweep"}[f]
}

// flowKey is the context key of a flow; unexported, so only this package sets one.
type flowKey struct{}

// flow is one voucher movement the keeper is about to make: its kind, the
// program, and the one edge it may take.
type flow struct {
	kind     flowKind
	program  uint64
	from, to sdk.AccAddress
}

// withFlow returns ctx carrying f, for the one bank call that makes it.
func withFlow(ctx context.Context, f flow) context.Context {
	return sdk.UnwrapSDKContext(ctx).WithValue(flowKey{}, f)
}

// SendRestriction is x/bank's SendRestrictionFn for voucher coins. Coins
// without the "voucher/" prefix cost one prefix check each and pass with to
// unchanged. A voucher coin passes only inside a flow of this keeper, of the
// flow's program's denom, along the flow's edge; a pay flow also needs the
// receiver to be an APPROVED merchant of the program at this moment.
// Everything else fails with ErrVoucherTransfer naming the denom and the path.
func (k Keeper) SendRestriction(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) (sdk.AccAddress, error) {
	denom := ""
	for _, c := range amt {
		if types.IsVoucherDenom(c.Denom) {
			denom = c.Denom
			break
		}
	}
	if denom == "" {
		return to, nil
	}
	f, ok := ctx.Value(flowKey{}).(flow)
	if !ok {
		return nil, k.refuse(denom, from, to, "vouchers move only by x/voucher's issue, pay, redeem and sweep")
	}
	want := types.Denom(f.program)
	for _, c := range amt {
		if c.Denom != want {
			return nil, k.refuse(c.Denom, from, to, "a "+f.kind.String()+" of program "+want+" moves only "+want)
		}
	}
	if !from.Equals(f.from) || !to.Equals(f.to) {
		return nil, k.refuse(denom, from, to, "not the edge of the "+f.kind.String()+" in progress")
	}
	module := k.moduleAddress()
	switch f.kind {
	case flowIssue:
		if !from.Equals(module) {
			return nil, k.refuse(denom, from, to, "an issue starts at the voucher module account")
		}
	case flowPay:
		m, err := k.Merchants.Get(ctx, collections.Join(f.program, to))
		if err != nil || m.Status != types.MerchantStatusApproved {
			return nil, k.refuse(denom, from, to, "a payment goes to an APPROVED merchant of the program")
		}
	case flowRedeem, flowSweep:
		if !to.Equals(module) {
			return nil, k.refuse(denom, from, to, "a "+f.kind.String()+" ends at the voucher module account")
		}
	default:
		return nil, k.refuse(denom, from, to, "unknown flow")
	}
	return to, nil
}

// refuse is the error of a refused voucher transfer.
func (k Keeper) refuse(denom string, from, to sdk.AccAddress, why string) error {
	return errorsmod.Wrapf(types.ErrVoucherTransfer, "%s may not move from %s to %s: %s", denom, k.addr(from), k.addr(to), why)
}

// addr prints an address with the keeper's codec (its bytes in hex if it does not encode).
func (k Keeper) addr(a sdk.AccAddress) string {
	s, err := k.addressCodec.BytesToString(a)
	if err != nil {
		return a.String()
	}
	return s
}

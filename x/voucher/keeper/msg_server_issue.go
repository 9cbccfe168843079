package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/civicchain/civic/internal/blockctx"
	"github.com/civicchain/civic/x/voucher/types"
)

// Issuance (claims and allocations) mints a program's vouchers only fully
// backed and within every cap: checkIssue first reserves each issue on the
// program's counters (in memory) and refuses one that breaks a rule; only when
// every issue of a message passed does mint move coins and write state.

// checkIssue checks that program p may issue amount to holder now and
// reserves it on p's counters: the program ACTIVE and in [starts_at,
// expires_at); the holder an account that may receive coins and not a
// merchant of the program; issued + amount <= budget_cap; outstanding +
// amount <= escrow; the holder's balance after <= per_holder_cap.
func (k Keeper) checkIssue(ctx context.Context, p *types.Program, holder sdk.AccAddress, amount sdkmath.Int, now time.Time) error {
	if err := requireOpenWindow(*p, now, types.ErrProgramNotIssuing); err != nil {
		return err
	}
	if k.bankKeeper.BlockedAddr(holder) {
		return errorsmod.Wrapf(types.ErrBlockedAddress, "holder %s is a module account that may not receive coins", k.addr(holder))
	}
	if merchant, err := k.Merchants.Has(ctx, collections.Join(p.Id, holder)); err != nil {
		return err
	} else if merchant {
		return errorsmod.Wrapf(types.ErrHolderIsMerchant, "%s is a merchant of program %d and cannot hold its vouchers", k.addr(holder), p.Id)
	}
	issued := p.Budget.Issued.Add(amount)
	if issued.GT(p.BudgetCap) {
		return errorsmod.Wrapf(types.ErrOverBudget, "program %d would have issued %s, above its budget_cap %s", p.Id, issued, p.BudgetCap)
	}
	outstanding := p.Budget.Outstanding.Add(amount)
	if outstanding.GT(p.Budget.Escrow) {
		return errorsmod.Wrapf(types.ErrNotBacked, "program %d would have %s outstanding, above its escrow %s", p.Id, outstanding, p.Budget.Escrow)
	}
	if after := k.bankKeeper.GetBalance(ctx, holder, p.Denom).Amount.Add(amount); after.GT(p.PerHolderCap) {
		return errorsmod.Wrapf(types.ErrOverHolderCap, "holder %s would hold %s of %s, above the per_holder_cap %s", k.addr(holder), after, p.Denom, p.PerHolderCap)
	}
	p.Budget.Issued, p.Budget.Outstanding = issued, outstanding
	return nil
}

// mint mints amount of p's vouchers to holder (module -> holder, the issue
// edge of the send restriction) and records the holder in the holder index.
// checkIssue reserved the counters.
func (k Keeper) mint(ctx context.Context, p types.Program, holder sdk.AccAddress, amount sdkmath.Int) error {
	c := coins(p.Denom, amount)
	module := k.moduleAddress()
	if err := k.bankKeeper.MintCoins(ctx, types.ModuleName, c); err != nil {
		return err
	}
	if err := k.bankKeeper.SendCoinsFromModuleToAccount(withFlow(ctx, flow{kind: flowIssue, program: p.Id, from: module, to: holder}), types.ModuleName, holder, c); err != nil {
		return err
	}
	return k.Holders.Set(ctx, collections.Join(p.Id, holder), collections.NoValue{})
}

// addUsage adds one event of amount to a usage aggregate.
func (k Keeper) addUsage(ctx context.Context, programID uint64, kind types.UsageKind, code string, amount sdkmath.Int) error {
	key := collections.Join3(programID, kind, code)
	u, err := k.Usage.Get(ctx, key)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		u = types.Usage{Amount: sdkmath.ZeroInt()}
	} else if err != nil {
		return err
	}
	u.Count++
	u.Amount = u.Amount.Add(amount)
	return k.Usage.Set(ctx, key, u)
}

// Allocate issues vouchers to the listed holders of an ALLOCATION or BOTH
// program of the issuer's agency, each in one of the program's holder
// districts. Every entry is checked before any is minted.
func (m msgServer) Allocate(ctx context.Context, msg *types.MsgAllocate) (*types.MsgAllocateResponse, error) {
	params, err := m.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	signer, holders, err := validateMsgAllocate(m.addressCodec, msg, params)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	agencyID, err := m.authorizeFor(ctx, signer, types.RoleIssuer, p)
	if err != nil {
		return nil, err
	}
	if !p.Eligibility.AllowsAllocations() {
		return nil, errorsmod.Wrapf(types.ErrEligibility, "program %d has eligibility %s: it takes no allocations", p.Id, p.Eligibility.Label())
	}
	now := blockctx.Time(ctx)
	total := sdkmath.ZeroInt()
	for i, e := range msg.Entries {
		if !p.HasHolderDistrict(e.DistrictCode) {
			return nil, errorsmod.Wrapf(types.ErrDistrictNotInProgram, "entry %d: district %s is not a holder district of program %d", i+1, e.DistrictCode, p.Id)
		}
		if err := m.checkIssue(ctx, &p, holders[i], e.Amount, now); err != nil {
			return nil, errorsmod.Wrapf(err, "entry %d", i+1)
		}
		total = total.Add(e.Amount)
	}

	events := make([]*types.EventVouchersAllocated, len(msg.Entries))
	for i, e := range msg.Entries {
		if err := m.mint(ctx, p, holders[i], e.Amount); err != nil {
			return nil, err
		}
		if err := m.addUsage(ctx, p.Id, types.UsageKindAllocationsByDistrict, e.DistrictCode, e.Amount); err != nil {
			return nil, err
		}
		p.AllocationsCount++
		events[i] = &types.EventVouchersAllocated{ProgramId: p.Id, AgencyId: agencyID, Holder: e.Address, Amount: e.Amount, DistrictCode: e.DistrictCode}
	}
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	for _, ev := range events {
		if err := blockctx.Emit(ctx, ev); err != nil {
			return nil, err
		}
	}
	return &types.MsgAllocateResponse{Total: total}, nil
}

// Allocate is the keeper method another module (x/welfare) calls to issue
// amount of program programID's vouchers to recipient on behalf of agencyID,
// which must be one of the program's allocator_agencies. The caller has
// decided agencyID acts (its own Authorize); the rules of issuance are the
// same as for MsgAllocate. No holder district is known, so the allocation
// counts in the program's totals and not in a district's.
func (k Keeper) Allocate(ctx context.Context, programID uint64, agencyID string, recipient sdk.AccAddress, amount sdkmath.Int) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := sdk.VerifyAddressFormat(recipient); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidEntries, "recipient: %s", err)
	}
	if err := types.ValidateAmount("amount", amount, params.MaxAmount); err != nil {
		return err
	}
	p, err := k.GetProgram(ctx, programID)
	if err != nil {
		return err
	}
	if !p.Eligibility.AllowsAllocations() {
		return errorsmod.Wrapf(types.ErrEligibility, "program %d has eligibility %s: it takes no allocations", p.Id, p.Eligibility.Label())
	}
	if !p.AllowsAllocator(agencyID) {
		return errorsmod.Wrapf(types.ErrNotAllocator, "agency %q is not an allocator agency of program %d", agencyID, p.Id)
	}
	if err := k.checkIssue(ctx, &p, recipient, amount, blockctx.Time(ctx)); err != nil {
		return err
	}
	if err := k.mint(ctx, p, recipient, amount); err != nil {
		return err
	}
	p.AllocationsCount++
	if err := k.Programs.Set(ctx, p.Id, p); err != nil {
		return err
	}
	return blockctx.Emit(ctx, &types.EventVouchersAllocated{ProgramId: p.Id, AgencyId: agencyID, Holder: k.addr(recipient), Amount: amount})
}

// Claim issues the amount of the claim's class to the holder, who signs. The
// claim must be for this chain, program and holder and still valid; signed by
// the issuer DID's assertionMethod key (x/did VerifyAssertion over the claim's
// deterministic protobuf encoding); the issuer trusted for the program's
// schema now; the status entry on a list of that issuer and not set (neither
// revoked nor suspended); the district one of the program's holder districts;
// and the status entry not claimed in this program before.
func (m msgServer) Claim(ctx context.Context, msg *types.MsgClaim) (*types.MsgClaimResponse, error) {
	holder, err := validateMsgClaim(m.addressCodec, msg)
	if err != nil {
		return nil, err
	}
	p, err := m.GetProgram(ctx, msg.ProgramId)
	if err != nil {
		return nil, err
	}
	if !p.Eligibility.AllowsClaims() {
		return nil, errorsmod.Wrapf(types.ErrEligibility, "program %d has eligibility %s: it takes no claims", p.Id, p.Eligibility.Label())
	}
	c := msg.Claim
	if chainID := sdk.UnwrapSDKContext(ctx).ChainID(); c.ChainId != chainID {
		return nil, errorsmod.Wrapf(types.ErrClaimMismatch, "claim is for chain %q, this is %q", c.ChainId, chainID)
	}
	now := blockctx.Time(ctx)
	if !now.Before(c.ValidUntil) {
		return nil, errorsmod.Wrapf(types.ErrClaimExpired, "claim was valid until %s, the block time is %s", c.ValidUntil.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if !p.HasHolderDistrict(c.DistrictCode) {
		return nil, errorsmod.Wrapf(types.ErrDistrictNotInProgram, "district %s is not a holder district of program %d", c.DistrictCode, p.Id)
	}
	amount, ok := p.ClassAmountOf(c.Class)
	if !ok {
		return nil, errorsmod.Wrapf(types.ErrUnknownClass, "class %s is not in program %d's amount_by_class", c.Class, p.Id)
	}
	entry := collections.Join3(p.Id, c.StatusListId, c.StatusIndex)
	if claimed, err := m.Claimed.Has(ctx, entry); err != nil {
		return nil, err
	} else if claimed {
		return nil, errorsmod.Wrapf(types.ErrAlreadyClaimed, "status entry %d/%d was claimed in program %d", c.StatusListId, c.StatusIndex, p.Id)
	}
	payload, err := c.Marshal()
	if err != nil {
		return nil, err
	}
	if err := m.didKeeper.VerifyAssertion(ctx, msg.IssuerDid, msg.VerificationMethod, payload, msg.Signature); err != nil {
		return nil, errorsmod.Wrap(err, "claim signature")
	}
	trusted, reason, _, err := m.didKeeper.IssuerTrust(ctx, msg.IssuerDid, p.SchemaId)
	if err != nil {
		return nil, err
	}
	if !trusted {
		return nil, errorsmod.Wrapf(types.ErrUntrustedIssuer, "%s for schema %d: %s", msg.IssuerDid, p.SchemaId, reason)
	}
	list, set, err := m.didKeeper.StatusEntry(ctx, c.StatusListId, c.StatusIndex)
	if err != nil {
		return nil, err
	}
	if list.IssuerDid != msg.IssuerDid {
		return nil, errorsmod.Wrapf(types.ErrStatusListIssuer, "status list %d is %s's, the claim is signed by %s", list.Id, list.IssuerDid, msg.IssuerDid)
	}
	if set {
		return nil, errorsmod.Wrapf(types.ErrStatusEntrySet, "entry %d of status list %d (%s) is set", c.StatusIndex, list.Id, list.Purpose.String())
	}
	if err := m.checkIssue(ctx, &p, holder, amount, now); err != nil {
		return nil, err
	}

	if err := m.mint(ctx, p, holder, amount); err != nil {
		return nil, err
	}
	if err := m.Claimed.Set(ctx, entry, collections.NoValue{}); err != nil {
		return nil, err
	}
	if err := m.addUsage(ctx, p.Id, types.UsageKindClaimsByDistrict, c.DistrictCode, amount); err != nil {
		return nil, err
	}
	p.ClaimsCount++
	if err := m.Programs.Set(ctx, p.Id, p); err != nil {
		return nil, err
	}
	return blockctx.Reply(ctx, &types.EventVouchersClaimed{
		ProgramId: p.Id, Holder: msg.Holder, Amount: amount, DistrictCode: c.DistrictCode, Class: c.Class,
		IssuerDid: msg.IssuerDid, StatusListId: c.StatusListId, StatusIndex: c.StatusIndex,
	}, &types.MsgClaimResponse{Amount: amount})
}

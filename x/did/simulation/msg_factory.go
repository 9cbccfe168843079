package simulation

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	"github.com/civicchain/civic/x/did/keeper"
	"github.com/civicchain/civic/x/did/types"
)

// Operation weights: the AppParams keys and their defaults. A params file (-Params) may
// override any of them. Documents are created and updated most; deactivation and unbinding
// are rare, as they end a DID's or an issuer's life.
const (
	OpWeightMsgCreateDid        = "op_weight_msg_create_did"
	OpWeightMsgUpdateDid        = "op_weight_msg_update_did"
	OpWeightMsgDeactivateDid    = "op_weight_msg_deactivate_did"
	OpWeightMsgRegisterSchema   = "op_weight_msg_register_schema"
	OpWeightMsgBindIssuer       = "op_weight_msg_bind_issuer"
	OpWeightMsgUnbindIssuer     = "op_weight_msg_unbind_issuer"
	OpWeightMsgSetIssuerSchemas = "op_weight_msg_set_issuer_schemas"
	OpWeightMsgCreateStatusList = "op_weight_msg_create_status_list"
	OpWeightMsgUpdateStatusList = "op_weight_msg_update_status_list"

	DefaultWeightMsgCreateDid        = 40
	DefaultWeightMsgUpdateDid        = 25
	DefaultWeightMsgDeactivateDid    = 3
	DefaultWeightMsgRegisterSchema   = 15
	DefaultWeightMsgBindIssuer       = 15
	DefaultWeightMsgUnbindIssuer     = 2
	DefaultWeightMsgSetIssuerSchemas = 15
	DefaultWeightMsgCreateStatusList = 10
	DefaultWeightMsgUpdateStatusList = 25
)

// maxStatusChangesPerMsg bounds the changes of one simulated MsgUpdateStatusList.
const maxStatusChangesPerMsg = 8

// MsgCreateDidFactory creates a DID controlled by a simulation account, with an Ed25519 key
// drawn from the simulation's rand; a third of the time an issuer DID of an agency,
// controlled by the agency admin and a did.issuer member (so that BindIssuer and the status
// list messages find DIDs they can act on).
func MsgCreateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateDid] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreateDid) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var controllers []string
		if s.r.Intn(3) == 0 {
			controllers = s.issuerControllers()
		}
		if len(controllers) == 0 {
			controllers = []string{testData.AnyAccount(reporter).AddressBech32}
		}
		msg := &types.MsgCreateDid{Document: RandomDocument(s.r, controllers)}
		for _, c := range controllers {
			s.try(c, func() error {
				msg.Signer = c
				_, err := s.msgs.CreateDid(s.probe, msg)
				return err
			})
		}
		return finish(s, true, "", "create a DID", msg)
	}
}

// MsgUpdateDidFactory writes a new version (key rotated, service toggled) of an active DID
// with an account controller among the simulation accounts.
func MsgUpdateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateDid] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateDid) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var msg *types.MsgUpdateDid
		seen := s.dids(s.changeable, func(v types.DidVersion) bool {
			msg = &types.MsgUpdateDid{Document: RandomUpdate(s.r, v.Document), VersionId: v.VersionId}
			for _, c := range s.accountControllers(v.Document) {
				if s.try(c, func() error {
					msg.Signer = c
					_, err := s.msgs.UpdateDid(s.probe, msg)
					return err
				}) {
					return true
				}
			}
			return false
		})
		return finish(s, seen, "no active DID with a simulation account as controller", "update a DID", msg)
	}
}

// MsgDeactivateDidFactory deactivates an active DID that is not a bound issuer, signed by
// one of its account controllers.
func MsgDeactivateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeactivateDid] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDeactivateDid) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var msg *types.MsgDeactivateDid
		keep := func(v types.DidVersion) bool {
			bound, err := k.Issuers.Has(ctx, v.Document.Id)
			return s.changeable(v) && err == nil && !bound
		}
		seen := s.dids(keep, func(v types.DidVersion) bool {
			msg = &types.MsgDeactivateDid{Did: v.Document.Id, VersionId: v.VersionId}
			for _, c := range s.accountControllers(v.Document) {
				if s.try(c, func() error {
					msg.Signer = c
					_, err := s.msgs.DeactivateDid(s.probe, msg)
					return err
				}) {
					return true
				}
			}
			return false
		})
		return finish(s, seen, "no active, unbound DID with a simulation account as controller", "deactivate a DID", msg)
	}
}

// MsgRegisterSchemaFactory registers a random schema, signed by a did.issuer member (those
// who registered schemas before are tried first, then every simulation account).
func MsgRegisterSchemaFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterSchema] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterSchema) {
		s := newSearch(ctx, k, ak, testData, reporter)
		sc := RandomSchema(s.r)
		msg := &types.MsgRegisterSchema{Name: sc.Name, Version: sc.Version, JsonSchemaDigest: sc.JsonSchemaDigest, Locator: sc.Locator}
		run := func(addr string) error {
			msg.Signer = addr
			_, err := s.msgs.RegisterSchema(s.probe, msg)
			return err
		}
		scanned := 0
		_ = k.Schemas.Walk(ctx, nil, func(_ uint64, prev types.CredentialSchema) (bool, error) {
			scanned++
			s.try(prev.RegisteredBy, func() error { return run(prev.RegisteredBy) })
			return s.ok || scanned >= maxRecordTries, nil
		})
		if !s.ok {
			s.sweep(run)
		}
		return finish(s, true, "", "register a schema", msg)
	}
}

// MsgBindIssuerFactory binds an active, unbound DID to the agency its account controller is
// the admin of.
func MsgBindIssuerFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBindIssuer] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBindIssuer) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var msg *types.MsgBindIssuer
		keep := func(v types.DidVersion) bool {
			bound, err := k.Issuers.Has(ctx, v.Document.Id)
			if !s.changeable(v) || err != nil || bound {
				return false
			}
			for _, c := range s.accountControllers(v.Document) {
				if agencyID, ok := s.adminOf(c); ok {
					msg = &types.MsgBindIssuer{AgencyId: agencyID, Did: v.Document.Id}
					return true
				}
			}
			return false
		}
		seen := s.dids(keep, func(types.DidVersion) bool {
			return s.try(s.admin(msg.AgencyId), func() error {
				msg.Signer = s.admin(msg.AgencyId)
				_, err := s.msgs.BindIssuer(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no unbound DID is controlled by an agency admin", "bind an issuer", msg)
	}
}

// MsgUnbindIssuerFactory unbinds an issuer, signed by its agency's admin.
func MsgUnbindIssuerFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnbindIssuer] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnbindIssuer) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var msg *types.MsgUnbindIssuer
		seen := s.issuers(func(is types.TrustedIssuer) bool {
			admin := s.admin(is.AgencyId)
			return s.try(admin, func() error {
				msg = &types.MsgUnbindIssuer{Signer: admin, Did: is.Did}
				_, err := s.msgs.UnbindIssuer(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no bound issuer", "unbind an issuer", msg)
	}
}

// MsgSetIssuerSchemasFactory grants a bound issuer up to three schemas of its agency it was
// not granted, and a quarter of the time revokes one it was, signed by the agency's admin.
func MsgSetIssuerSchemasFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetIssuerSchemas] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetIssuerSchemas) {
		s := newSearch(ctx, k, ak, testData, reporter)
		var msg *types.MsgSetIssuerSchemas
		seen := s.issuers(func(is types.TrustedIssuer) bool {
			admin := s.admin(is.AgencyId)
			if !testData.HasAccount(admin) {
				return false
			}
			var grant, revoke []uint64
			n := 0
			_ = k.SchemasByAgency.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](is.AgencyId), func(key collections.Pair[string, uint64]) (bool, error) {
				n++
				granted, err := k.IssuerSchemas.Has(ctx, collections.Join(is.Did, key.K2()))
				switch {
				case err != nil:
				case !granted && len(grant) < 3 && s.r.Intn(2) == 0:
					grant = append(grant, key.K2())
				case granted && len(revoke) == 0 && s.r.Intn(4) == 0:
					revoke = append(revoke, key.K2())
				}
				return n >= maxRecordsScanned, nil
			})
			if len(grant) == 0 && len(revoke) == 0 {
				return false
			}
			return s.try(admin, func() error {
				msg = &types.MsgSetIssuerSchemas{Signer: admin, Did: is.Did, Grant: grant, Revoke: revoke}
				_, err := s.msgs.SetIssuerSchemas(s.probe, msg)
				return err
			})
		})
		return finish(s, seen, "no bound issuer", "set an issuer's schemas", msg)
	}
}

// MsgCreateStatusListFactory publishes a status list of a bound issuer, signed by an account
// controller of the issuer DID who holds did.issuer in the issuer's agency.
func MsgCreateStatusListFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateStatusList] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreateStatusList) {
		s := newSearch(ctx, k, ak, testData, reporter)
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		var msg *types.MsgCreateStatusList
		seen := s.issuers(func(is types.TrustedIssuer) bool {
			v, ok := s.latest(is.Did)
			if !ok || v.Deactivated {
				return false
			}
			purpose := types.StatusPurposeRevocation
			if s.r.Intn(2) == 0 {
				purpose = types.StatusPurposeSuspension
			}
			chunks := (params.MaxStatusListEntries - types.MinStatusListEntries) / types.StatusChunkBits
			entries := types.MinStatusListEntries + types.StatusChunkBits*uint64(s.r.Int63n(int64(min(chunks, 16))+1)) //nolint:gosec // small
			for _, c := range s.accountControllers(v.Document) {
				if s.try(c, func() error {
					msg = &types.MsgCreateStatusList{Signer: c, IssuerDid: is.Did, Purpose: purpose, Entries: entries}
					_, err := s.msgs.CreateStatusList(s.probe, msg)
					return err
				}) {
					return true
				}
			}
			return false
		})
		return finish(s, seen, "no bound issuer", "create a status list", msg)
	}
}

// MsgUpdateStatusListFactory changes a few entries of a status list (sets them on a
// revocation list; sets or clears them on a suspension list), mostly in its first two
// chunks so that entries are changed again, signed like CreateStatusList.
func MsgUpdateStatusListFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateStatusList] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateStatusList) {
		s := newSearch(ctx, k, ak, testData, reporter)
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		var msg *types.MsgUpdateStatusList
		seen := s.statusLists(func(l types.StatusList) bool {
			v, ok := s.latest(l.IssuerDid)
			if !ok || v.Deactivated {
				return false
			}
			changes := s.statusChanges(l, min(uint64(params.MaxStatusChanges), maxStatusChangesPerMsg))
			for _, c := range s.accountControllers(v.Document) {
				if s.try(c, func() error {
					msg = &types.MsgUpdateStatusList{Signer: c, ListId: l.Id, Changes: changes}
					_, err := s.msgs.UpdateStatusList(s.probe, msg)
					return err
				}) {
					return true
				}
			}
			return false
		})
		return finish(s, seen, "no status list", "update a status list", msg)
	}
}

// statusChanges draws 1..max distinct changes of l: indexes in the first two chunks three
// times in four, anywhere else otherwise; a revocation list only sets bits it has not set.
func (s *search) statusChanges(l types.StatusList, max uint64) []types.StatusChange {
	n := 1 + s.r.Int63n(int64(max)) //nolint:gosec // small
	seen := make(map[uint64]bool)
	var changes []types.StatusChange
	for i := int64(0); i < n*2 && int64(len(changes)) < n; i++ {
		var index uint64
		if s.r.Intn(4) != 0 {
			index = uint64(s.r.Int63n(int64(2 * types.StatusChunkBits))) //nolint:gosec // small
		} else {
			index = uint64(s.r.Int63n(int64(l.Entries))) //nolint:gosec // below 2^24
		}
		if seen[index] {
			continue
		}
		seen[index] = true
		set := true
		if l.Purpose == types.StatusPurposeSuspension {
			set = s.r.Intn(2) == 0
		} else if s.bit(l.Id, index) {
			continue
		}
		changes = append(changes, types.StatusChange{Index: index, Value: set})
	}
	if len(changes) == 0 { // every draw was a revoked entry: set a fresh one at the end
		changes = append(changes, types.StatusChange{Index: l.Entries - 1, Value: true})
	}
	return changes
}

// bit reads one entry of a status list.
func (s *search) bit(listID, index uint64) bool {
	chunk, byteInChunk, mask := types.StatusBit(index)
	bits, err := s.k.StatusChunks.Get(s.ctx, collections.Join(listID, chunk))
	return err == nil && bits[byteInChunk]&mask != 0
}

// changeable reports whether v is the latest version of an active DID.
func (s *search) changeable(v types.DidVersion) bool { return !v.Deactivated }

// adminOf returns the agency addr is the admin of.
func (s *search) adminOf(addr string) (string, bool) {
	bz, err := s.k.AddressCodec().StringToBytes(addr)
	if err != nil {
		return "", false
	}
	id, err := s.ak.Agencies.Indexes.Admin.MatchExact(s.ctx, bz)
	if err != nil || s.admin(id) != addr {
		return "", false
	}
	return id, true
}

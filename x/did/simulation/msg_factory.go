package simulation

import (
	"cosmossdk.io/collections"
	"github.com/cosmos/gogoproto/grpc"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/civicchain/civic/internal/simulation"
	agencykeeper "github.com/civicchain/civic/x/agency/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
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

// search is one run of a factory: the engine's search, with the keepers and query
// servers to read this module's state and x/agency's (for admins and did.issuer members).
// Candidate signers are tried one after the other whatever the refusal.
type search struct {
	*simulation.Search
	k             keeper.Keeper
	q             types.QueryServer
	agencies      agencykeeper.Keeper
	agencyQueries agencytypes.QueryServer
}

// factory returns the simsx factory that runs find on a new search for each operation;
// its candidate messages are dry-run through the module's Msg service.
func factory[M sdk.Msg](k keeper.Keeper, ak agencykeeper.Keeper, find func(s *search) ([]simsx.SimAccount, M)) simsx.SimMsgFactoryFn[M] {
	router := simulation.NewRouter(types.RegisterInterfaces, func(s grpc.Server) { types.RegisterMsgServer(s, keeper.NewMsgServerImpl(k)) })
	e := simulation.NewEngine(router).WithAnyRefusal()
	q, aq := keeper.NewQueryServerImpl(k), agencykeeper.NewQueryServerImpl(ak)
	return simulation.Factory(e, func(s *simulation.Search) ([]simsx.SimAccount, M) {
		return find(&search{Search: s, k: k, q: q, agencies: ak, agencyQueries: aq})
	})
}

// MsgCreateDidFactory creates a DID whose document is random (keys, services, controllers)
// drawn from the simulation's rand; a third of the time an issuer DID of an agency,
// controlled by the agency admin and a did.issuer member, with an assertion key
// (RandomIssuerDocument; so that BindIssuer and the status list messages find DIDs they
// can act on, and x/voucher's simulation issuers to sign claims with).
func MsgCreateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateDid] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgCreateDid) {
		var controllers []string
		if s.R.Intn(3) == 0 {
			controllers = s.issuerControllers()
		}
		var doc types.DidDocument
		if len(controllers) == 0 {
			controllers = []string{s.TestData.AnyAccount(s.Reporter).AddressBech32}
			doc = RandomDocument(s.R, controllers)
		} else {
			doc = RandomIssuerDocument(s.R, controllers)
		}
		addr, msg, ok := s.TrySigners(s.Signers(controllers, false), func(c string) sdk.Msg { return &types.MsgCreateDid{Signer: c, Document: doc} })
		return simulation.Done[*types.MsgCreateDid](s.Search, addr, msg, ok, "")
	})
}

// MsgUpdateDidFactory writes a new version (key rotated, service toggled) of an active DID
// with an account controller among the simulation accounts. A bound issuer's new version
// is written by its agency's admin (tried first: only the admin changes a bound DID's
// keys): its key stays in the assertionMethod, and its controllers become the admin and a
// current did.issuer member of the agency, which repairs a binding that a member who left
// the agency or lost the role broke (x/agency's simulation changes members often).
func MsgUpdateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateDid] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgUpdateDid) {
		dids := s.dids(s.changeable)
		return simulation.FirstAccepted[*types.MsgUpdateDid](s.Search, dids, "no active DID with a simulation account as controller", func(v types.DidVersion) ([]string, func(string) sdk.Msg) {
			doc := RandomUpdate(s.R, v.Document)
			signers := s.accountControllers(v.Document)
			if is, err := k.Issuers.Get(s.Ctx, doc.Id); err == nil {
				if a, err := s.agencies.Agencies.Get(s.Ctx, is.AgencyId); err == nil {
					if controllers := s.issuerControllersOf(a); controllers != nil {
						doc.Controller = controllers
					}
					signers = append([]string{a.Admin}, signers...)
				}
				doc.AssertionMethod = []string{doc.VerificationMethod[0].Id}
			}
			return s.Signers(signers, false), func(c string) sdk.Msg {
				return &types.MsgUpdateDid{Signer: c, Document: doc, VersionId: v.VersionId}
			}
		})
	})
}

// MsgDeactivateDidFactory deactivates an active DID that is not a bound issuer, signed by
// one of its account controllers.
func MsgDeactivateDidFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDeactivateDid] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgDeactivateDid) {
		dids := s.dids(func(v types.DidVersion) bool {
			bound, err := k.Issuers.Has(s.Ctx, v.Document.Id)
			return s.changeable(v) && err == nil && !bound
		})
		return simulation.FirstAccepted[*types.MsgDeactivateDid](s.Search, dids, "no active, unbound DID with a simulation account as controller", func(v types.DidVersion) ([]string, func(string) sdk.Msg) {
			return s.Signers(s.accountControllers(v.Document), false), func(c string) sdk.Msg {
				return &types.MsgDeactivateDid{Signer: c, Did: v.Document.Id, VersionId: v.VersionId}
			}
		})
	})
}

// MsgRegisterSchemaFactory registers a random schema, signed by a did.issuer member (those
// who registered schemas before are tried first, then every simulation account).
func MsgRegisterSchemaFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRegisterSchema] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgRegisterSchema) {
		sc := RandomSchema(s.R)
		var registrants []string
		for _, prev := range simulation.Sample(s.Search, k.Schemas, nil, nil) {
			registrants = append(registrants, prev.RegisteredBy)
		}
		addr, msg, ok := s.TrySigners(s.Signers(registrants, true), func(c string) sdk.Msg {
			return &types.MsgRegisterSchema{Signer: c, Name: sc.Name, Version: sc.Version, JsonSchemaDigest: sc.JsonSchemaDigest, Locator: sc.Locator}
		})
		return simulation.Done[*types.MsgRegisterSchema](s.Search, addr, msg, ok, "")
	})
}

// MsgBindIssuerFactory binds an active, unbound DID to the agency its account controller is
// the admin of.
func MsgBindIssuerFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBindIssuer] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgBindIssuer) {
		agencyOf := make(map[string]string)
		dids := s.dids(func(v types.DidVersion) bool {
			bound, err := k.Issuers.Has(s.Ctx, v.Document.Id)
			if !s.changeable(v) || err != nil || bound {
				return false
			}
			for _, c := range s.accountControllers(v.Document) {
				if agencyID, ok := s.adminOf(c); ok {
					agencyOf[v.Document.Id] = agencyID
					return true
				}
			}
			return false
		})
		return simulation.FirstAccepted[*types.MsgBindIssuer](s.Search, dids, "no unbound DID is controlled by an agency admin", func(v types.DidVersion) ([]string, func(string) sdk.Msg) {
			agencyID := agencyOf[v.Document.Id]
			return s.Signers([]string{s.admin(agencyID)}, false), func(c string) sdk.Msg {
				return &types.MsgBindIssuer{Signer: c, AgencyId: agencyID, Did: v.Document.Id}
			}
		})
	})
}

// MsgUnbindIssuerFactory unbinds an issuer, signed by its agency's admin.
func MsgUnbindIssuerFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnbindIssuer] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgUnbindIssuer) {
		issuers := simulation.Sample(s.Search, k.Issuers, nil, nil)
		return simulation.FirstAccepted[*types.MsgUnbindIssuer](s.Search, issuers, "no bound issuer", func(is types.TrustedIssuer) ([]string, func(string) sdk.Msg) {
			return s.Signers([]string{s.admin(is.AgencyId)}, false), func(c string) sdk.Msg {
				return &types.MsgUnbindIssuer{Signer: c, Did: is.Did}
			}
		})
	})
}

// MsgSetIssuerSchemasFactory grants a bound issuer up to three schemas of its agency it was
// not granted, and a quarter of the time revokes one it was, signed by the agency's admin.
func MsgSetIssuerSchemasFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetIssuerSchemas] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgSetIssuerSchemas) {
		issuers := simulation.Sample(s.Search, k.Issuers, nil, nil)
		page := &query.PageRequest{Limit: simulation.MaxRecordsScanned}
		return simulation.FirstAccepted[*types.MsgSetIssuerSchemas](s.Search, issuers, "no bound issuer", func(is types.TrustedIssuer) ([]string, func(string) sdk.Msg) {
			admin := s.admin(is.AgencyId)
			schemas, err := s.q.Schemas(s.Ctx, &types.QuerySchemasRequest{AgencyId: is.AgencyId, Pagination: page})
			if !s.TestData.HasAccount(admin) || err != nil {
				return nil, nil
			}
			issuer, err := s.q.TrustedIssuer(s.Ctx, &types.QueryTrustedIssuerRequest{Did: is.Did})
			if err != nil {
				return nil, nil
			}
			granted := make(map[uint64]bool, len(issuer.SchemaIds))
			for _, id := range issuer.SchemaIds {
				granted[id] = true
			}
			var grant, revoke []uint64
			for _, sc := range schemas.Schemas {
				switch {
				case !granted[sc.Id] && len(grant) < 3 && s.R.Intn(2) == 0:
					grant = append(grant, sc.Id)
				case granted[sc.Id] && len(revoke) == 0 && s.R.Intn(4) == 0:
					revoke = append(revoke, sc.Id)
				}
			}
			if len(grant) == 0 && len(revoke) == 0 {
				return nil, nil
			}
			return s.Signers([]string{admin}, false), func(c string) sdk.Msg {
				return &types.MsgSetIssuerSchemas{Signer: c, Did: is.Did, Grant: grant, Revoke: revoke}
			}
		})
	})
}

// MsgCreateStatusListFactory publishes a status list of a bound issuer, signed by an account
// controller of the issuer DID who holds did.issuer in the issuer's agency.
func MsgCreateStatusListFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateStatusList] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgCreateStatusList) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgCreateStatusList](s.Search, "", nil, false, err.Error())
		}
		issuers := simulation.Sample(s.Search, k.Issuers, nil, nil)
		return simulation.FirstAccepted[*types.MsgCreateStatusList](s.Search, issuers, "no bound issuer", func(is types.TrustedIssuer) ([]string, func(string) sdk.Msg) {
			v, ok := s.latest(is.Did)
			if !ok || v.Deactivated {
				return nil, nil
			}
			purpose := types.StatusPurposeRevocation
			if s.R.Intn(2) == 0 {
				purpose = types.StatusPurposeSuspension
			}
			chunks := (params.MaxStatusListEntries - types.MinStatusListEntries) / types.StatusChunkBits
			entries := types.MinStatusListEntries + types.StatusChunkBits*uint64(s.R.Int63n(int64(min(chunks, 16))+1)) //nolint:gosec // small
			return s.Signers(s.accountControllers(v.Document), false), func(c string) sdk.Msg {
				return &types.MsgCreateStatusList{Signer: c, IssuerDid: is.Did, Purpose: purpose, Entries: entries}
			}
		})
	})
}

// MsgUpdateStatusListFactory changes a few entries of a status list (sets them on a
// revocation list; sets or clears them on a suspension list), mostly in its first two
// chunks so that entries are changed again, signed like CreateStatusList.
func MsgUpdateStatusListFactory(k keeper.Keeper, ak agencykeeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateStatusList] {
	return factory(k, ak, func(s *search) ([]simsx.SimAccount, *types.MsgUpdateStatusList) {
		params, err := k.Params.Get(s.Ctx)
		if err != nil {
			return simulation.Done[*types.MsgUpdateStatusList](s.Search, "", nil, false, err.Error())
		}
		lists := simulation.Sample(s.Search, k.StatusLists, nil, nil)
		return simulation.FirstAccepted[*types.MsgUpdateStatusList](s.Search, lists, "no status list", func(l types.StatusList) ([]string, func(string) sdk.Msg) {
			v, ok := s.latest(l.IssuerDid)
			if !ok || v.Deactivated {
				return nil, nil
			}
			changes := s.statusChanges(l, min(uint64(params.MaxStatusChanges), maxStatusChangesPerMsg))
			return s.Signers(s.accountControllers(v.Document), false), func(c string) sdk.Msg {
				return &types.MsgUpdateStatusList{Signer: c, ListId: l.Id, Changes: changes}
			}
		})
	})
}

// statusChanges draws 1..max distinct changes of l: indexes in the first two chunks three
// times in four, anywhere else otherwise; a revocation list only sets bits it has not set.
func (s *search) statusChanges(l types.StatusList, max uint64) []types.StatusChange {
	n := 1 + s.R.Int63n(int64(max)) //nolint:gosec // small
	seen := make(map[uint64]bool)
	var changes []types.StatusChange
	for i := int64(0); i < n*2 && int64(len(changes)) < n; i++ {
		var index uint64
		if s.R.Intn(4) != 0 {
			index = uint64(s.R.Int63n(int64(2 * types.StatusChunkBits))) //nolint:gosec // small
		} else {
			index = uint64(s.R.Int63n(int64(l.Entries))) //nolint:gosec // below 2^24
		}
		if seen[index] {
			continue
		}
		seen[index] = true
		set := true
		if l.Purpose == types.StatusPurposeSuspension {
			set = s.R.Intn(2) == 0
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
	bits, err := s.k.StatusChunks.Get(s.Ctx, collections.Join(listID, chunk))
	return err == nil && bits[byteInChunk]&mask != 0
}

// changeable reports whether v is the latest version of an active DID.
func (s *search) changeable(v types.DidVersion) bool { return !v.Deactivated }

// adminOf returns the agency addr is the admin of.
func (s *search) adminOf(addr string) (string, bool) {
	id := ""
	_ = s.agencies.Agencies.Walk(s.Ctx, nil, func(agencyID string, a agencytypes.Agency) (bool, error) {
		if a.Admin == addr {
			id = agencyID
		}
		return id != "", nil
	})
	return id, id != ""
}

// dids samples the latest versions of DIDs that pass keep.
func (s *search) dids(keep func(types.DidVersion) bool) []types.DidVersion {
	return simulation.SampleWith(s.Search, s.k.LatestVersion, nil, func(did string, n uint64) (types.DidVersion, bool) {
		v, err := s.k.Versions.Get(s.Ctx, collections.Join(did, n))
		return v, err == nil && keep(v)
	})
}

// latest is the latest version of a DID.
func (s *search) latest(did string) (types.DidVersion, bool) {
	n, err := s.k.LatestVersion.Get(s.Ctx, did)
	if err != nil {
		return types.DidVersion{}, false
	}
	v, err := s.k.Versions.Get(s.Ctx, collections.Join(did, n))
	return v, err == nil
}

// admin is the admin of an agency ("" if the agency is unknown).
func (s *search) admin(agencyID string) string {
	a, err := s.agencies.Agencies.Get(s.Ctx, agencyID)
	if err != nil {
		return ""
	}
	return a.Admin
}

// issuerControllers picks an ACTIVE agency whose admin is a simulation account and that has
// an unexpired did.issuer member who is one too, and returns its issuerControllersOf: the
// account controllers of a DID the agency can bind as an issuer and publish status lists
// for. Nil if there is none.
func (s *search) issuerControllers() []string {
	agencies := simulation.Sample(s.Search, s.agencies.Agencies, nil, func(a agencytypes.Agency) bool {
		return a.Status == agencytypes.AgencyStatusActive && s.TestData.HasAccount(a.Admin)
	})
	for _, a := range agencies {
		if controllers := s.issuerControllersOf(a); controllers != nil {
			return controllers
		}
	}
	return nil
}

// issuerControllersOf returns [admin, member] for agency a: its admin and its first
// unexpired did.issuer member who is a simulation account (one address if the admin is
// that member). Nil if there is no such member.
func (s *search) issuerControllersOf(a agencytypes.Agency) []string {
	res, err := s.agencyQueries.Members(s.Ctx, &agencytypes.QueryMembersRequest{AgencyId: a.Id, Pagination: &query.PageRequest{Limit: simulation.MaxRecordsScanned}})
	if err != nil {
		return nil
	}
	now := s.Ctx.BlockTime()
	for _, m := range res.Members {
		if !agencytypes.HasRole(m.Roles, types.RoleIssuer) || !s.TestData.HasAccount(m.Address) ||
			(m.ExpiresAt != nil && !m.ExpiresAt.After(now)) {
			continue
		}
		if m.Address == a.Admin {
			return []string{a.Admin}
		}
		return []string{a.Admin, m.Address}
	}
	return nil
}

// accountControllers are the account controllers of doc that are simulation accounts, in
// random order.
func (s *search) accountControllers(doc types.DidDocument) []string {
	var out []string
	for _, c := range doc.AccountControllers() {
		if s.TestData.HasAccount(c) {
			out = append(out, c)
		}
	}
	return simulation.Shuffle(s.Search, out)
}

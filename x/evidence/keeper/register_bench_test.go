package keeper_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	testkeeper "github.com/civicchain/civic/testutil/keeper"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	"github.com/civicchain/civic/x/evidence/keeper"
	"github.com/civicchain/civic/x/evidence/types"
)

func benchDigest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

type benchFixture struct {
	*testkeeper.Blocks
	msg    types.MsgServer
	inv    string
	nextID int
}

// newBenchFixture: keepers on a committable store (testkeeper.Blocks), one agency with one
// member who is investigator, custodian and auditor.
func newBenchFixture(b *testing.B) *benchFixture {
	k, ak, ctx := testkeeper.EvidenceKeeper(b)
	blocks := testkeeper.NewBlocks(b, ctx)
	ctx = blocks.Ctx
	if err := ak.InitGenesis(ctx, agencytypes.DefaultGenesis()); err != nil {
		b.Fatal(err)
	}
	if err := k.InitGenesis(ctx, types.DefaultGenesis()); err != nil {
		b.Fatal(err)
	}
	admin, member := acc("bench-admin"), acc("bench-investigator")
	testkeeper.RegisterTestAgency(b, ak, ctx, "knpa", admin, types.RoleInvestigator, types.RoleCustodian, types.RoleAuditor)
	testkeeper.AddTestMember(b, ak, ctx, "knpa", admin, member, types.RoleInvestigator, types.RoleCustodian, types.RoleAuditor)
	s, err := k.AddressCodec().BytesToString(member)
	if err != nil {
		b.Fatal(err)
	}
	return &benchFixture{Blocks: blocks, msg: keeper.NewMsgServerImpl(k), inv: s}
}

func (f *benchFixture) openCase(b *testing.B) uint64 {
	f.nextID++
	res, err := f.msg.OpenCase(f.Ctx, &types.MsgOpenCase{Investigator: f.inv, ReferenceDigest: benchDigest(fmt.Sprintf("case-%d", f.nextID))})
	if err != nil {
		b.Fatal(err)
	}
	return res.CaseId
}

func (f *benchFixture) registerMsg(caseID uint64, i int) *types.MsgRegisterEvidence {
	return &types.MsgRegisterEvidence{
		Investigator: f.inv, CaseId: caseID, ExhibitNumber: fmt.Sprintf("EX-%d", i),
		Digest: benchDigest(fmt.Sprintf("file-%d-%d", caseID, i)), SizeBytes: 536870912,
		MediaType: "application/octet-stream", Locator: fmt.Sprintf("s3://bench/%d/%d.img", caseID, i),
		Acquisition: types.Acquisition{Method: types.AcquisitionMethodForensicImage, Tool: "ftk-imager", ToolVersion: "4.7",
			AcquiredAt: testkeeper.BlockTime.Add(-time.Hour)},
	}
}

// BenchmarkRegisterEvidence measures the MsgRegisterEvidence handler end to end
// (validation, case read, x/agency Authorize, exhibit index, item + custody entry
// + indexes written, typed event) on an in-memory IAVL store, each message in a
// cache context and a commit every 1,000 (see run); a new case every 1,000 items
// (max_items_per_case).
func BenchmarkRegisterEvidence(b *testing.B) {
	f := newBenchFixture(b)
	const perCase = int(types.DefaultMaxItemsPerCase)
	caseID := f.openCase(b)
	msgs := make([]*types.MsgRegisterEvidence, 0, perCase)
	var last uint64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%perCase == 0 {
			b.StopTimer()
			if i > 0 {
				caseID = f.openCase(b)
			}
			msgs = msgs[:0]
			for j := 0; j < perCase; j++ {
				msgs = append(msgs, f.registerMsg(caseID, j))
			}
			b.StartTimer()
		}
		m := msgs[i%perCase]
		f.Run(b, time.Time{}, func(ctx sdk.Context) error {
			res, err := f.msg.RegisterEvidence(ctx, m)
			if err == nil {
				last = res.EvidenceId
			}
			return err
		})
	}
	b.StopTimer()
	require.Equal(b, uint64(b.N), last, "every registration must issue the next evidence id")
}

// BenchmarkOpenCase measures MsgOpenCase (Authorize, reference index, case write).
func BenchmarkOpenCase(b *testing.B) {
	f := newBenchFixture(b)
	msgs := make([]*types.MsgOpenCase, b.N)
	for i := range msgs {
		msgs[i] = &types.MsgOpenCase{Investigator: f.inv, ReferenceDigest: benchDigest(fmt.Sprintf("ref-%d", i))}
	}
	var last uint64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := msgs[i]
		f.Run(b, time.Time{}, func(ctx sdk.Context) error {
			res, err := f.msg.OpenCase(ctx, m)
			if err == nil {
				last = res.CaseId
			}
			return err
		})
	}
	b.StopTimer()
	require.Equal(b, uint64(b.N), last, "every case must get the next case id")
}

// BenchmarkVerifyIntegrity measures MsgVerifyIntegrity on one of 1,000 items
// (Authorize over the roles in order, custody-log append).
func BenchmarkVerifyIntegrity(b *testing.B) {
	f := newBenchFixture(b)
	caseID := f.openCase(b)
	var ids []uint64
	var digests []string
	for j := 0; j < 1000; j++ {
		m := f.registerMsg(caseID, j)
		res, err := f.msg.RegisterEvidence(f.Ctx, m)
		if err != nil {
			b.Fatal(err)
		}
		ids, digests = append(ids, res.EvidenceId), append(digests, m.Digest)
	}
	f.Commit()
	mismatches := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		j := i % len(ids)
		m := &types.MsgVerifyIntegrity{Verifier: f.inv, EvidenceId: ids[j], Digest: digests[j]}
		f.Run(b, time.Time{}, func(ctx sdk.Context) error {
			res, err := f.msg.VerifyIntegrity(ctx, m)
			if err == nil && !res.Match {
				mismatches++
			}
			return err
		})
	}
	b.StopTimer()
	require.Zero(b, mismatches, "the recorded digest must match every time")
}

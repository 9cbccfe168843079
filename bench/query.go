package bench

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/civicchain/civic/internal/fetch"
	agencytypes "github.com/civicchain/civic/x/agency/types"
	evidencetypes "github.com/civicchain/civic/x/evidence/types"
)

// QueryResult is one query kind at one concurrency.
type QueryResult struct {
	Name        string  `json:"name"`
	Transport   string  `json:"transport"`
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	QPS         float64 `json:"qps"`
	P50ms       float64 `json:"p50_ms"`
	P99ms       float64 `json:"p99_ms"`
}

// QueryFunc performs one request; i varies the key.
type QueryFunc func(ctx context.Context, i int) error

// LoadQuery runs f with conc workers for d and measures QPS and latency.
func LoadQuery(ctx context.Context, f QueryFunc, conc int, d time.Duration) (reqs, errs int, qps float64, lat LatencySummary) {
	var wg sync.WaitGroup
	var n, nerr atomic.Int64
	lats := make([][]time.Duration, conc)
	deadline := time.Now().Add(d)
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; time.Now().Before(deadline) && ctx.Err() == nil; i += conc {
				t0 := time.Now()
				err := f(ctx, i)
				lats[w] = append(lats[w], time.Since(t0))
				n.Add(1)
				if err != nil {
					nerr.Add(1)
				}
			}
		}(w)
	}
	wg.Wait()
	el := time.Since(start)
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	return int(n.Load()), int(nerr.Load()), float64(n.Load()) / el.Seconds(), Summarize(all)
}

// QueryTargets are the ids the queries use.
type QueryTargets struct {
	EvidenceIDs []uint64
	CaseIDs     []uint64 // cases with items
	AgencyIDs   []string
}

// RunQueries measures gRPC and REST point lookups and paginated lists at each concurrency.
func RunQueries(ctx context.Context, grpcAddr, apiURL string, tg QueryTargets, concs []int, d time.Duration, log func(string, ...any)) ([]QueryResult, error) {
	if len(tg.EvidenceIDs) == 0 || len(tg.CaseIDs) == 0 || len(tg.AgencyIDs) == 0 {
		return nil, fmt.Errorf("queries need evidence, case and agency ids")
	}
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	eq := evidencetypes.NewQueryClient(conn)
	aq := agencytypes.NewQueryClient(conn)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}, Timeout: 10 * time.Second}
	page := &query.PageRequest{Limit: 50}
	evID := func(i int) uint64 { return tg.EvidenceIDs[i%len(tg.EvidenceIDs)] }
	caseID := func(i int) uint64 { return tg.CaseIDs[i%len(tg.CaseIDs)] }
	agID := func(i int) string { return tg.AgencyIDs[i%len(tg.AgencyIDs)] }
	kinds := []struct {
		name, transport string
		f               QueryFunc
	}{
		{"Evidence(id)", "grpc", func(ctx context.Context, i int) error {
			_, err := eq.Evidence(ctx, &evidencetypes.QueryEvidenceRequest{Id: evID(i)})
			return err
		}},
		{"Agency(id)", "grpc", func(ctx context.Context, i int) error {
			_, err := aq.Agency(ctx, &agencytypes.QueryAgencyRequest{Id: agID(i)})
			return err
		}},
		{"EvidenceByCase(limit 50)", "grpc", func(ctx context.Context, i int) error {
			_, err := eq.EvidenceByCase(ctx, &evidencetypes.QueryEvidenceByCaseRequest{CaseId: caseID(i), Pagination: page})
			return err
		}},
		{"Agencies(limit 50)", "grpc", func(ctx context.Context, i int) error {
			_, err := aq.Agencies(ctx, &agencytypes.QueryAgenciesRequest{Pagination: page})
			return err
		}},
		{"Evidence(id)", "rest", func(ctx context.Context, i int) error {
			return fetch.JSON(ctx, hc, fmt.Sprintf("%s/civic/evidence/v1/evidence/%d", apiURL, evID(i)), nil)
		}},
		{"Agency(id)", "rest", func(ctx context.Context, i int) error {
			return fetch.JSON(ctx, hc, fmt.Sprintf("%s/civic/agency/v1/agencies/%s", apiURL, agID(i)), nil)
		}},
		{"EvidenceByCase(limit 50)", "rest", func(ctx context.Context, i int) error {
			return fetch.JSON(ctx, hc, fmt.Sprintf("%s/civic/evidence/v1/cases/%d/evidence?pagination.limit=50", apiURL, caseID(i)), nil)
		}},
		{"Agencies(limit 50)", "rest", func(ctx context.Context, i int) error {
			return fetch.JSON(ctx, hc, apiURL+"/civic/agency/v1/agencies?pagination.limit=50", nil)
		}},
	}
	var out []QueryResult
	for _, k := range kinds {
		if err := k.f(ctx, 0); err != nil {
			return out, fmt.Errorf("%s %s: %w", k.transport, k.name, err)
		}
		for _, c := range concs {
			n, e, qps, lat := LoadQuery(ctx, k.f, c, d)
			r := QueryResult{Name: k.name, Transport: k.transport, Concurrency: c, Requests: n, Errors: e, QPS: qps, P50ms: lat.P50ms, P99ms: lat.P99ms}
			log("query %s %s c=%d: %.0f QPS p99 %.2fms (%d errors)", k.transport, k.name, c, qps, lat.P99ms, e)
			out = append(out, r)
		}
	}
	return out, nil
}

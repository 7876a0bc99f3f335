package neo4jstore

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
)

// BenchmarkBulkImport measures, in one run, the bulk path on a synthetic
// corpus of at least a million relations (pieces of evidence) beside the
// incremental writer:
//
//   - bulk: the corpus is written into an embedded store (untimed: the
//     user's `kg import` into a file), then timed: ExportAdmin from it (`kg
//     export --format neo4j-admin`), the real neo4j-admin import into a
//     fresh data directory, and a server started on it plus Open (Init:
//     constraints, indexes, the bulk fix-up);
//   - incremental: Store.Write, in calls of 1,000 documents, of the first
//     KG_BENCH_INCREMENTAL articles (default 25,000, about 100,000
//     relations: the whole corpus would take the writer many minutes) into
//     the emptied test server; its rate is measured on that prefix, into a
//     graph that starts empty, which flatters it.
//
// It takes several minutes, so it runs only with KG_BENCH_BULK=1:
//
//	KG_BENCH_BULK=1 NEO4J_URI=... go test -run '^$' -bench BulkImport -benchtime 1x -timeout 60m ./graph/neo4jstore
//
// KG_BENCH_ARTICLES changes the corpus size (default 250,000, about 1.02
// million relations).
func BenchmarkBulkImport(b *testing.B) {
	if os.Getenv("KG_BENCH_BULK") == "" {
		b.Skip("KG_BENCH_BULK is not set: skipping the bulk import benchmark (it takes several minutes)")
	}
	ctx := context.Background()
	articles := envInt("KG_BENCH_ARTICLES", 250_000)
	docs := storetest.Corpus(articles)
	relations := 0
	for _, d := range docs {
		relations += len(prepare(d).Relations)
	}
	if articles >= 250_000 && relations < 1_000_000 {
		b.Fatalf("corpus has %d relations, want >= 1,000,000", relations)
	}
	inc := openEmpty(b) // fails or skips now, before the long set-up, without a server
	defer inc.Close()

	start := time.Now()
	src, err := embedded.Open(filepath.Join(b.TempDir(), "kg.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	writeAll(b, src, docs)
	b.Logf("set-up: %d articles, %d relations into an embedded store in %s", articles, relations, time.Since(start).Round(time.Second))

	b.ResetTimer()
	for range b.N {
		dir := b.TempDir()
		start := time.Now()
		sum, err := ExportAdmin(ctx, src, dir)
		if err != nil {
			b.Fatal(err)
		}
		export := time.Since(start)
		if sum.Evidence != relations {
			b.Fatalf("exported %d pieces of evidence, want %d", sum.Evidence, relations)
		}
		start = time.Now()
		bulk, imported := adminServer(b, dir, "KG_NEO4J_HEAP=1g", "KG_NEO4J_PAGECACHE=512m")
		started := time.Since(start) - imported
		st, err := bulk.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if st.Articles != articles {
			b.Fatalf("bulk-loaded server has %d articles, want %d", st.Articles, articles)
		}
		bulkTime := export + imported + started

		n := min(envInt("KG_BENCH_INCREMENTAL", 25_000), len(docs))
		incRelations := 0
		for _, d := range docs[:n] {
			incRelations += len(prepare(d).Relations)
		}
		if err := inc.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		writeAll(b, inc, docs[:n])
		incTime := time.Since(start)

		bulkRate := float64(relations) / bulkTime.Seconds()
		incRate := float64(incRelations) / incTime.Seconds()
		b.Logf("corpus: %d articles, %d entities, %d edges, %d relations; CSV %.0f MB",
			sum.Articles, sum.Entities, sum.Relations, sum.Evidence, float64(sum.Bytes)/1e6)
		b.Logf("bulk: export %s + neo4j-admin import %s + server start and Init %s = %s: %.0f rel/s (export+import alone %.0f rel/s)",
			export.Round(time.Second), imported.Round(time.Second), started.Round(time.Second), bulkTime.Round(time.Second),
			bulkRate, float64(relations)/(export+imported).Seconds())
		b.Logf("incremental: %d articles, %d relations in %s: %.0f rel/s", n, incRelations, incTime.Round(time.Second), incRate)
		b.Logf("bulk is %.1fx the incremental writer", bulkRate/incRate)
		b.ReportMetric(bulkRate, "bulk_rel/s")
		b.ReportMetric(incRate, "incremental_rel/s")
		b.ReportMetric(bulkRate/incRate, "x_incremental")
	}
}

// writeAll writes docs into s in calls of 1,000 documents.
func writeAll(b testing.TB, s graph.Store, docs []graph.Document) {
	for start := 0; start < len(docs); start += 1000 {
		if _, err := s.Write(context.Background(), docs[start:min(start+1000, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
}

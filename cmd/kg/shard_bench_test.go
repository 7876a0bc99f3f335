package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/storetest"
)

// BenchmarkShardedImport imports copies of the dev corpus into the test
// Neo4j with 1, 2 and 4 shard processes at once and reports relations/s of
// each and the speed-up over one process, measured in the same run:
//
//	KG_BENCH_COPIES=100 scripts/test.sh -run '^$' -bench ShardedImport -benchtime 2x ./cmd/kg
//
// An untimed import comes first: on a freshly started server the first
// import runs cold (JIT, page cache) and took 2.7x as long as the next ones,
// which made the speed-ups look like 2.7. Rounds alternate the order
// (1, 2, 4 then 4, 2, 1) so that drift in the machine's load evens out.
func BenchmarkShardedImport(b *testing.B) {
	copies := 100
	if v, err := strconv.Atoi(os.Getenv("KG_BENCH_COPIES")); err == nil && v > 0 {
		copies = v
	}
	env, n4j := neo4jEnv(b)
	in := devCopies(b, copies)
	dir := b.TempDir()
	secs := map[int]float64{}
	var relations int
	if err := n4j.Wipe(context.Background()); err != nil {
		b.Fatal(err)
	}
	if r := kgAll(b, dir, env, [][]string{{"import", "--workers", "1", in}})[0]; r.code != 0 {
		b.Fatalf("warm-up import: exit %d %s", r.code, r.stderr)
	}
	b.ResetTimer()
	for i := range b.N {
		order := []int{1, 2, 4}
		if i%2 == 1 {
			order = []int{4, 2, 1}
		}
		for _, n := range order {
			if err := n4j.Wipe(context.Background()); err != nil {
				b.Fatal(err)
			}
			var argss [][]string
			for k := 1; k <= n; k++ {
				argss = append(argss, []string{"import", "--workers", "1", "--shard", fmt.Sprintf("%d/%d", k, n), in})
			}
			start := time.Now()
			for k, r := range kgAll(b, dir, env, argss) {
				if r.code != 0 {
					b.Fatalf("%d processes, shard %d: exit %d %s", n, k+1, r.code, r.stderr)
				}
			}
			secs[n] += time.Since(start).Seconds()
			st, err := n4j.Stats(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if st.Articles != copies*10 {
				b.Fatalf("%d processes stored %d articles, want %d", n, st.Articles, copies*10)
			}
			relations = 0
			docs := storetest.Documents(b, n4j)
			for _, d := range docs {
				relations += len(d.Relations)
			}
		}
	}
	for _, n := range []int{1, 2, 4} {
		b.ReportMetric(float64(relations)*float64(b.N)/secs[n], fmt.Sprintf("rel/s-%dproc", n))
	}
	b.ReportMetric(secs[1]/secs[2], "speedup-2proc")
	b.ReportMetric(secs[1]/secs[4], "speedup-4proc")
	b.Logf("%d articles, %d relations (evidence rows); wall s: 1 proc %.1f, 2 procs %.1f, 4 procs %.1f",
		copies*10, relations, secs[1]/float64(b.N), secs[2]/float64(b.N), secs[4]/float64(b.N))
}

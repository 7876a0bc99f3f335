package neo4jstore

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// BenchmarkWriters compares, on one synthetic corpus of at least 100,000
// relations and in one run, three ways of writing it:
//
//   - store: Store.Write, in calls of 1,000 documents;
//   - naive: one auto-commit MERGE statement per fact (article, mention,
//     relation), the way a first attempt writes a graph. It is measured on
//     the first KG_BENCH_NAIVE documents (default 400) and its rate
//     extrapolated: at a few hundred statements a second the whole corpus
//     would take many minutes;
//   - raw: the same rows with UNWIND $rows CREATE, no MERGE, no evidence
//     lists, no aggregates: the bound for getting these rows into Neo4j.
//
// Rates are relations (pieces of evidence) per second, each run starting
// from an empty database. KG_BENCH_ARTICLES changes the corpus size.
// KG_BENCH_COPIES=N writes instead N copies (new article ids, same facts)
// of a 10-article corpus, like the dev-copies corpus of cmd/kg's
// BenchmarkShardedImport: every edge then gathers evidence from many
// articles, the case where appending evidence costs most.
//
//	NEO4J_URI=... NEO4J_PASSWORD=... go test -bench . -run '^$' ./graph/neo4jstore
func BenchmarkWriters(b *testing.B) {
	articles := envInt("KG_BENCH_ARTICLES", 25_000)
	docs := storetest.Corpus(articles)
	if copies := envInt("KG_BENCH_COPIES", 0); copies > 0 {
		docs = copiesOf(storetest.Corpus(10), copies)
		articles = len(docs)
	}
	relations := 0
	for i := range docs {
		docs[i] = prepare(docs[i])
		relations += len(docs[i].Relations)
	}
	if articles >= 25_000 && relations < 100_000 {
		b.Fatalf("corpus has %d relations, want >= 100,000", relations)
	}
	naiveDocs := docs[:min(envInt("KG_BENCH_NAIVE", 400), len(docs))]
	naiveRelations := 0
	for _, d := range naiveDocs {
		naiveRelations += len(d.Relations)
	}

	s := openEmpty(b)
	defer s.Close()
	ctx := context.Background()
	writeStore := func(docs []graph.Document) {
		for start := 0; start < len(docs); start += 1000 {
			if _, err := s.Write(ctx, docs[start:min(start+1000, len(docs))]); err != nil {
				b.Fatal(err)
			}
		}
		// The lookup index is updated after each commit: the store's time
		// includes waiting until it holds everything written.
		if _, err := s.run(ctx, stmtAwaitKeys, nil); err != nil {
			b.Fatal(err)
		}
	}
	// Warm-up: the server compiles its plans and JIT-compiles the code
	// behind them on first use, which would otherwise be charged to
	// whichever writer runs first.
	warm := docs[:min(2000, len(docs))]
	timeIt(b, s, func() { writeStore(warm) })
	timeIt(b, s, func() { writeRaw(b, s, warm) })
	timeIt(b, s, func() { writeNaive(b, s, warm[:min(50, len(warm))]) })
	// before: the writer as it was before the fresh-article fast path and
	// the eventually consistent entity_keys index (see docs/neo4j.md).
	timeBefore := func(docs []graph.Document) time.Duration {
		setKeysIndex(b, s, false)
		s.before, s.beforeUpsert = true, stmtUpsertEntitiesBefore
		d := timeIt(b, s, func() { writeStore(docs) })
		s.before = false
		if err := s.Wipe(ctx); err != nil {
			b.Fatal(err)
		}
		setKeysIndex(b, s, true)
		return d
	}
	timeBefore(warm)
	b.ResetTimer()
	var sums [4]time.Duration
	for range b.N {
		store := timeIt(b, s, func() { writeStore(docs) })
		before := timeBefore(docs)
		raw := timeIt(b, s, func() { writeRaw(b, s, docs) })
		naive := timeIt(b, s, func() { writeNaive(b, s, naiveDocs) })
		for i, d := range []time.Duration{store, before, raw, naive} {
			sums[i] += d
		}
		b.Logf("%d articles, %d relations, %d mentions", len(docs), relations, countMentions(docs))
		b.Logf("store  %8.0f rel/s  (%s)", float64(relations)/store.Seconds(), store.Round(time.Millisecond))
		b.Logf("before %8.0f rel/s  (%s)", float64(relations)/before.Seconds(), before.Round(time.Millisecond))
		b.Logf("raw    %8.0f rel/s  (%s)", float64(relations)/raw.Seconds(), raw.Round(time.Millisecond))
	}
	{
		store, before, raw, naive := sums[0], sums[1], sums[2], sums[3]
		storeRate := float64(relations) / store.Seconds()
		beforeRate := float64(relations) / before.Seconds()
		rawRate := float64(relations) / raw.Seconds()
		naiveRate := float64(naiveRelations) / naive.Seconds()
		b.ReportMetric(storeRate, "store_rel/s")
		b.ReportMetric(beforeRate, "before_rel/s")
		b.ReportMetric(rawRate, "raw_rel/s")
		b.ReportMetric(naiveRate, "naive_rel/s")
		b.ReportMetric(storeRate/naiveRate, "x_naive")
		b.ReportMetric(storeRate/beforeRate, "x_before")
		b.ReportMetric(rawRate/storeRate, "raw/store")
		b.Logf("totals over %d rounds:", b.N)
		b.Logf("store %8.0f rel/s  (%s)", storeRate, store.Round(time.Millisecond))
		b.Logf("before %7.0f rel/s  (%s): store is %.2fx", beforeRate, before.Round(time.Millisecond), storeRate/beforeRate)
		b.Logf("raw   %8.0f rel/s  (%s)", rawRate, raw.Round(time.Millisecond))
		b.Logf("naive %8.0f rel/s  (%s for %d relations of %d articles, extrapolated)",
			naiveRate, naive.Round(time.Millisecond), naiveRelations, len(naiveDocs))
		b.Logf("store is %.0fx naive and %.2fx slower than raw", storeRate/naiveRate, rawRate/storeRate)
	}
}

// stmtUpsertEntitiesBefore is stmtUpsertEntities as it was before it set
// only the properties that change, for the writer before.
var stmtUpsertEntitiesBefore = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e._lock = true
REMOVE e._lock
WITH e, row, coalesce(e.attr_articles, ['', '', '', '', '', '']) AS old,
     coalesce(e.aliases, []) AS aliases, coalesce(e.roles, []) AS roles, coalesce(e.keys, []) AS keys
WITH e, row, old, aliases, roles, keys,
     [i IN range(0, 5) | row.values[i] <> '' AND (old[i] = '' OR row.articles[i] < old[i])] AS take
WITH e, row, old, aliases, roles, keys, take, CASE WHEN take[1] THEN row.values[1] END AS type
SET e.name = CASE WHEN take[0] THEN row.values[0] ELSE e.name END,
    e.wikidata = CASE WHEN take[2] THEN row.values[2] ELSE e.wikidata END,
    e.iso = CASE WHEN take[3] THEN row.values[3] ELSE e.iso END,
    e.category = CASE WHEN take[4] THEN row.values[4] ELSE e.category END,
    e.kind = CASE WHEN take[5] THEN row.values[5] ELSE e.kind END,
    e.attr_articles = [i IN range(0, 5) | CASE WHEN take[i] THEN row.articles[i] ELSE old[i] END],
    e.mentions = coalesce(e.mentions, 0) + row.mentions,
    e.aliases = aliases + [x IN row.aliases WHERE NOT x IN aliases],
    e.roles = CASE WHEN size(roles) + size(row.roles) = 0 THEN null ELSE roles + [x IN row.roles WHERE NOT x IN roles] END,
    e.keys = keys + [x IN row.keys WHERE NOT x IN keys]` + setTypeLabel

// setKeysIndex recreates entity_keys eventually consistent or, for the
// writer before, synchronous.
func setKeysIndex(b *testing.B, s *Store, eventual bool) {
	ctx := context.Background()
	stmt := "CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (e:Entity) ON EACH [e.keys] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}"
	if eventual {
		stmt = schemaStatements[len(schemaStatements)-1]
		if !strings.Contains(stmt, "entity_keys") {
			b.Fatal("the last schema statement is not entity_keys")
		}
	}
	for _, st := range []string{stmtDropKeysIndex, stmt, "CALL db.awaitIndexes(300)"} {
		if _, err := s.run(ctx, st, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// copiesOf repeats docs n times under new article ids.
func copiesOf(docs []graph.Document, n int) []graph.Document {
	var out []graph.Document
	for i := range n {
		for _, d := range docs {
			d.Article.ID = fmt.Sprintf("c%04d-%s", i, d.Article.ID)
			d.Article.Hash = ""
			out = append(out, d)
		}
	}
	return out
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func countMentions(docs []graph.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Entities)
	}
	return n
}

// timeIt wipes the database, then times fn.
func timeIt(b *testing.B, s *Store, fn func()) time.Duration {
	b.Helper()
	if err := s.Wipe(context.Background()); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	fn()
	return time.Since(start)
}

// writeRaw creates the corpus's nodes and relationships with plain CREATE,
// in transactions and batches of the store's sizes and with its statement
// shapes (an article and its mentions in one row, relationships by type):
// one node per article and entity, one MENTIONS per mention, one
// relationship per piece of evidence.
func writeRaw(b testing.TB, s *Store, docs []graph.Document) {
	ctx := context.Background()
	seen := map[string]bool{}
	for start := 0; start < len(docs); start += 1000 {
		part := docs[start:min(start+1000, len(docs))]
		var articles, entities []map[string]any
		byType := map[graph.RelationType][]map[string]any{}
		for _, d := range part {
			for _, e := range d.Entities {
				if !seen[e.ID] {
					seen[e.ID] = true
					entities = append(entities, map[string]any{"id": e.ID, "name": e.Name})
				}
			}
			articles = append(articles, articleWithMentions(d))
			for _, r := range d.Relations {
				byType[r.Type] = append(byType[r.Type], map[string]any{"source": r.Source, "target": r.Target,
					"props": map[string]any{"article": d.Article.ID, "sentence": r.Sentence, "confidence": r.Confidence,
						"origin": string(r.Origin), "rule": r.Rule, "properties": propertiesJSON(r.Properties)}})
			}
		}
		_, err := retrying(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (bool, error) {
			steps := []struct {
				stmt string
				rows []map[string]any
			}{
				{"UNWIND $rows AS row CREATE (e:Entity) SET e = row", entities},
				{stmtCreateArticles, articles},
			}
			for _, t := range graph.RelationTypes {
				steps = append(steps, struct {
					stmt string
					rows []map[string]any
				}{"UNWIND $rows AS row MATCH (s:Entity {id: row.source}) MATCH (t:Entity {id: row.target}) CREATE (s)-[r:" +
					mustIdentifier(string(t)) + "]->(t) SET r = row.props", byType[t]})
			}
			for _, st := range steps {
				if err := s.batches(ctx, tx, st.stmt, st.rows); err != nil {
					return false, err
				}
			}
			return true, nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// writeNaive sends one auto-commit statement per article, mention and
// relation, merging as it goes.
func writeNaive(b *testing.B, s *Store, docs []graph.Document) {
	ctx := context.Background()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	run := func(stmt string, params map[string]any) {
		res, err := sess.Run(ctx, stmt, params)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	for _, d := range docs {
		run("MERGE (a:Article {id: $id}) SET a += $props", map[string]any{"id": d.Article.ID, "props": articleRow(d.Article)})
		for _, e := range d.Entities {
			run(`MERGE (e:Entity {id: $id}) SET e.name = $name
MERGE (a:Article {id: $article})
MERGE (a)-[m:MENTIONS]->(e) SET m += $props`,
				map[string]any{"id": e.ID, "name": e.Name, "article": d.Article.ID, "props": mentionProps(e)})
		}
		for _, r := range d.Relations {
			run(`MERGE (s:Entity {id: $source})
MERGE (t:Entity {id: $target})
MERGE (s)-[r:`+mustIdentifier(string(r.Type))+`]->(t)
SET r.articles = coalesce(r.articles, []) + $article, r.sentences = coalesce(r.sentences, []) + $sentence,
    r.confidences = coalesce(r.confidences, []) + $confidence`,
				map[string]any{"source": r.Source, "target": r.Target, "article": d.Article.ID,
					"sentence": r.Sentence, "confidence": r.Confidence})
		}
	}
}

// BenchmarkDisjointWriters is the ceiling of parallel transactions on the
// test server: the same corpus written twice under two disjoint sets of
// ids (no shared article, entity or edge, so no lock is ever contended),
// once by one writer after the other and once by two at the same time.
// If even this gains little, partitioning one batch into parallel
// transactions cannot gain more on that server.
//
//	NEO4J_URI=... go test -run '^$' -bench DisjointWriters -benchtime 2x ./graph/neo4jstore
func BenchmarkDisjointWriters(b *testing.B) {
	base := storetest.Corpus(envInt("KG_BENCH_ARTICLES", 3000))
	halves := [][]graph.Document{prefixIDs(base, "x"), prefixIDs(base, "y")}
	s := openEmpty(b)
	defer s.Close()
	write := func(docs []graph.Document) {
		for i := 0; i < len(docs); i += 1000 {
			if _, err := s.Write(context.Background(), docs[i:min(i+1000, len(docs))]); err != nil {
				b.Error(err)
				return
			}
		}
	}
	timeIt(b, s, func() { write(prefixIDs(base[:min(1000, len(base))], "w")) }) // warm-up
	b.ResetTimer()
	var seq, par time.Duration
	for range b.N {
		seq += timeIt(b, s, func() { write(halves[0]); write(halves[1]) })
		par += timeIt(b, s, func() {
			var wg sync.WaitGroup
			for _, h := range halves {
				wg.Add(1)
				go func() { defer wg.Done(); write(h) }()
			}
			wg.Wait()
		})
	}
	b.ReportMetric(seq.Seconds()/par.Seconds(), "speedup")
	b.Logf("%d articles twice: one writer after the other %s, two at once %s: speed-up %.2f",
		len(base), seq.Round(time.Millisecond), par.Round(time.Millisecond), seq.Seconds()/par.Seconds())
}

// prefixIDs gives every article and entity id of docs a prefix.
func prefixIDs(docs []graph.Document, p string) []graph.Document {
	out := make([]graph.Document, len(docs))
	for i, d := range docs {
		nd := graph.Document{Article: d.Article}
		nd.Article.ID = p + d.Article.ID
		for _, e := range d.Entities {
			e.ID = p + e.ID
			nd.Entities = append(nd.Entities, e)
		}
		for _, r := range d.Relations {
			r.Source, r.Target = p+r.Source, p+r.Target
			nd.Relations = append(nd.Relations, r)
		}
		out[i] = nd
	}
	return out
}

package neo4jstore

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// serverConfig returns the test server's configuration from NEO4J_URI,
// NEO4J_USERNAME and NEO4J_PASSWORD, skipping the test when there is none
// (failing instead when KG_REQUIRE_NEO4J is set).
func serverConfig(t testing.TB) Config {
	t.Helper()
	cfg := ConfigFromEnv()
	if cfg.URI == "" {
		if os.Getenv("KG_REQUIRE_NEO4J") != "" {
			t.Fatal("KG_REQUIRE_NEO4J is set but NEO4J_URI is not: start Neo4j (scripts/neo4j.sh start) and set NEO4J_URI, NEO4J_PASSWORD")
		}
		t.Skip("NEO4J_URI is not set: skipping the Neo4j tests (scripts/neo4j.sh start; NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=...)")
	}
	return cfg
}

// openEmpty opens the test server and wipes it. The tests of this package
// share the server's one database, so they do not run in parallel, and
// other packages must not write to it at the same time (go test -p 1).
func openEmpty(t testing.TB) *Store {
	t.Helper()
	cfg := serverConfig(t)
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := s.Wipe(context.Background()); err != nil {
		s.Close()
		t.Fatalf("Wipe: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	serverConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t) })
}

func TestUnreachableServerFailsFastNamingTheURI(t *testing.T) {
	start := time.Now()
	_, err := Open(context.Background(), Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "s3cret-pw"})
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	msg := err.Error()
	if !strings.Contains(msg, "bolt://127.0.0.1:1") || !strings.Contains(msg, "cannot connect") {
		t.Errorf("error does not name the URI and the failure: %v", err)
	}
	if strings.Contains(msg, "s3cret-pw") {
		t.Errorf("error shows the password: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Open took %s to fail", d)
	}
}

func TestBadURIs(t *testing.T) {
	for _, uri := range []string{"", "http://127.0.0.1:7474", "127.0.0.1:7687", "bolt://"} {
		_, err := Open(context.Background(), Config{URI: uri})
		if err == nil {
			t.Errorf("Open(%q) succeeded", uri)
		}
	}
	_, err := Open(context.Background(), Config{URI: "bolt://neo4j:pa55word@127.0.0.1:1"})
	if err == nil || strings.Contains(err.Error(), "pa55word") {
		t.Errorf("error for a URI with credentials shows the password or is nil: %v", err)
	}
}

func TestWrongPasswordFailsAtOnce(t *testing.T) {
	cfg := serverConfig(t)
	wrong := cfg
	wrong.Password = cfg.Password + "-not-it"
	start := time.Now()
	s, err := Open(context.Background(), wrong)
	if err == nil {
		s.Close()
		t.Fatal("Open with a wrong password succeeded")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a wrong password took %s to report", d)
	}
	if !strings.Contains(err.Error(), "authentication failed") || !strings.Contains(err.Error(), cfg.URI) {
		t.Errorf("error does not say authentication failed at %s: %v", cfg.URI, err)
	}
	if strings.Contains(err.Error(), wrong.Password) {
		t.Errorf("error shows the password: %v", err)
	}
	// One failure must not lock the account (no retry storm).
	s, err = Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open with the right password after a wrong one: %v", err)
	}
	s.Close()
}

// awkwardNames are stored and found exactly: quoting, escaping and
// case-folding must not touch them.
var awkwardNames = []string{
	`O'Brien "the Hammer"`, "back`tick`", "{braces} and [brackets]", "line one\nline two\ttab",
	"Ñuñoa Zürich 東京 😀", "MATCH (n) DETACH DELETE n", "RETURN", `C:\path\*?`, `"` + "\\\"",
	"İstanbul ΣΟΦΙΑ", "a AND b OR NOT c~2", "$param", "  spaced  ",
}

func TestAwkwardNamesStoredExactly(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	ctx := context.Background()
	doc := graph.Document{Article: graph.Article{ID: "awkward`{}'\"", Title: strings.Join(awkwardNames, "|"), Source: "\n"}}
	for i, n := range awkwardNames {
		doc.Entities = append(doc.Entities, graph.Entity{ID: "id:" + n, Type: graph.EntityTypes[i%len(graph.EntityTypes)],
			Name: n, Aliases: []string{n, strings.ToUpper(n)}, Mentions: i + 1, Roles: []string{n}})
		if i > 0 {
			doc.Relations = append(doc.Relations, graph.Relation{Source: "id:" + awkwardNames[i-1], Target: "id:" + n,
				Type: graph.RelationTypes[i%len(graph.RelationTypes)], Origin: graph.OriginText, Confidence: 0.25,
				Sentence: n, Rule: n, CAMEO: n, Properties: map[string]string{n: n}})
		}
	}
	if _, err := s.Write(ctx, []graph.Document{doc}); err != nil {
		t.Fatal(err)
	}
	got := storetest.Documents(t, s)
	if want := []graph.Document{storetest.Normalize(doc)}; !reflect.DeepEqual(got, want) {
		t.Fatalf("not stored exactly:\n%s", storetest.Diff(want, got))
	}
	for _, n := range awkwardNames {
		for _, q := range []string{n, strings.ToUpper(n), strings.ToLower(n)} {
			ds, err := s.Lookup(ctx, q)
			if err != nil {
				t.Fatalf("Lookup(%q): %v", q, err)
			}
			if len(ds) != 1 || ds[0].Entity.ID != "id:"+n || ds[0].Entity.Name != n {
				t.Errorf("Lookup(%q) = %+v, want the entity named %q", q, ds, n)
			}
		}
	}
	res, err := s.Query(ctx, "MATCH (e:Entity {name: $name}) RETURN e.name AS name", map[string]any{"name": awkwardNames[0]})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0][0] != awkwardNames[0] {
		t.Errorf("Query by name = %+v", res)
	}
}

func TestQueryReturnsPlainValues(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	ctx := context.Background()
	res, err := s.Query(ctx, `
CREATE (a:Scratch {name: $name})-[r:LINK {w: 1.5}]->(b:Scratch {name: 'b'})
WITH a, r, b
MATCH p = (a)-[:LINK]->(b)
RETURN a, r, p, date('2026-02-06') AS d, datetime('2026-02-06T10:00:00Z') AS dt,
       duration('P1DT2H') AS dur, point({x: 1.0, y: 2.0}) AS pt, [1, 'two', null] AS list, {k: true} AS map`,
		map[string]any{"name": "Muscat"})
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"a", "r", "p", "d", "dt", "dur", "pt", "list", "map"}
	if !reflect.DeepEqual(res.Columns, wantCols) || len(res.Rows) != 1 {
		t.Fatalf("columns %v, %d rows", res.Columns, len(res.Rows))
	}
	row := res.Rows[0]
	node := row[0].(map[string]any)
	if !reflect.DeepEqual(node["labels"], []any{"Scratch"}) || node["properties"].(map[string]any)["name"] != "Muscat" {
		t.Errorf("node = %v", node)
	}
	rel := row[1].(map[string]any)
	if rel["type"] != "LINK" || rel["start"] != node["elementId"] || rel["properties"].(map[string]any)["w"] != 1.5 {
		t.Errorf("relationship = %v", rel)
	}
	path := row[2].(map[string]any)
	if len(path["nodes"].([]any)) != 2 || len(path["relationships"].([]any)) != 1 {
		t.Errorf("path = %v", path)
	}
	if row[3] != "2026-02-06" || row[4] != "2026-02-06T10:00:00Z" || row[5] != "P0M1DT7200S" {
		t.Errorf("temporal values = %q, %q, %q", row[3], row[4], row[5])
	}
	if pt := row[6].(map[string]any); pt["x"] != 1.0 || pt["y"] != 2.0 {
		t.Errorf("point = %v", pt)
	}
	if !reflect.DeepEqual(row[7], []any{int64(1), "two", nil}) || !reflect.DeepEqual(row[8], map[string]any{"k": true}) {
		t.Errorf("list, map = %v, %v", row[7], row[8])
	}
	if res.Counters["nodes_created"] != 2 || res.Counters["relationships_created"] != 1 {
		t.Errorf("counters = %v", res.Counters)
	}

	// Batched writes need an auto-commit transaction: Query provides one.
	res, err = s.Query(ctx, "MATCH (n:Scratch) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROWS", nil)
	if err != nil {
		t.Fatalf("CALL IN TRANSACTIONS through Query: %v", err)
	}
	if res.Counters["nodes_deleted"] != 2 {
		t.Errorf("counters = %v", res.Counters)
	}

	if _, err := s.Query(ctx, "MATCH (n RETURN n", nil); err == nil || !strings.Contains(err.Error(), "Neo.ClientError.Statement.SyntaxError") {
		t.Errorf("syntax error reported as %v", err)
	}
}

// TestStatementsUseIndexes guards the write path against plans that scan:
// every MERGE and MATCH on an id must be an index seek.
func TestStatementsUseIndexes(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	stmts := map[string]string{"articles": stmtCreateArticles, "relations": stmtRelations[graph.Attacks],
		"recompute": stmtRecomputeEntities, "upsert": stmtUpsertEntities, "remove": stmtRemoveEvidence, "lookup": stmtLookupCandidates}
	for name, stmt := range stmts {
		plan, err := explain(s, stmt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, scan := range []string{"AllNodesScan", "NodeByLabelScan"} {
			if strings.Contains(plan, scan) {
				t.Errorf("%s plan scans (%s):\n%s", name, scan, plan)
			}
		}
	}
}

// explain returns the operators of stmt's plan, one per line, indented.
func explain(s *Store, stmt string) (string, error) {
	ctx := context.Background()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "EXPLAIN "+stmt, nil)
	if err != nil {
		return "", err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(p neo4j.Plan, depth int)
	walk = func(p neo4j.Plan, depth int) {
		fmt.Fprintf(&b, "%s%s %v\n", strings.Repeat("  ", depth), p.Operator(), p.Arguments()["Details"])
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(sum.Plan(), 0)
	return b.String(), nil
}

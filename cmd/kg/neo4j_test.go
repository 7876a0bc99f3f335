package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/neo4jstore"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/internal/testdata"
)

// neo4jEnv returns the environment that points kg at the test server, and
// an open store on it, wiped; it skips (or fails under KG_REQUIRE_NEO4J)
// when there is no server.
func neo4jEnv(t testing.TB) ([]string, *neo4jstore.Store) {
	t.Helper()
	cfg := neo4jstore.ConfigFromEnv()
	if cfg.URI == "" {
		if os.Getenv("KG_REQUIRE_NEO4J") != "" {
			t.Fatal("NEO4J_URI is not set but KG_REQUIRE_NEO4J is: start Neo4j (scripts/test.sh does)")
		}
		t.Skip("NEO4J_URI not set: skipping Neo4j test (scripts/test.sh starts a server)")
	}
	s, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Wipe(context.Background()); err != nil {
		t.Fatal(err)
	}
	env := []string{"NEO4J_URI=" + cfg.URI, "NEO4J_USERNAME=" + cfg.Username, "NEO4J_PASSWORD=" + cfg.Password}
	if cfg.Database != "" {
		env = append(env, "NEO4J_DATABASE="+cfg.Database)
	}
	return env, s
}

// devCopy copies the dev articles (not the gold files) to a temp folder.
func devCopy(t *testing.T) string {
	src := testdata.DevCorpus(t)
	dst := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dst, filepath.Base(f)), string(b))
	}
	return dst
}

// The dev corpus gives the same graph in Neo4j as in the embedded store.
func TestNeo4jImportMatchesEmbedded(t *testing.T) {
	env, n4j := neo4jEnv(t)
	in := devCopy(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("embedded import: %d %s", r.code, r.stderr)
	}
	r := kg(t, dir, env, "import", in)
	if r.code != 0 || !strings.Contains(r.stdout, "neo4j") {
		t.Fatalf("neo4j import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := kg(t, dir, env, "import", in); r.code != 0 || !strings.Contains(r.stdout, "unchanged 10") {
		t.Fatalf("neo4j re-import is not a no-op: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	emb, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Close()
	storetest.Equal(t, emb, n4j)

	// kg show and kg query read the same graph.
	if r := kg(t, dir, env, "show", "Abbas Araghchi"); r.code != 0 || !strings.Contains(r.stdout, "NEGOTIATES_WITH") {
		t.Errorf("show on neo4j: %d %s%s", r.code, r.stdout, r.stderr)
	}
	q := kg(t, dir, env, "query", "--format", "csv", "--param", "name=Oman",
		"MATCH (m:Entity {name:$name})-[r:MEDIATES]->(p) RETURN p.name AS party ORDER BY party")
	if q.code != 0 || !strings.Contains(q.stdout, "party") || !strings.Contains(q.stdout, "Iran") {
		t.Errorf("query: %d\n%s%s", q.code, q.stdout, q.stderr)
	}
}

// kg push copies the embedded store into Neo4j, idempotently.
func TestPushCopiesEmbeddedStore(t *testing.T) {
	env, n4j := neo4jEnv(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	if r := kg(t, dir, nil, "--db", db, "import", devCopy(t)); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	for i := 0; i < 2; i++ {
		if r := kg(t, dir, env, "--db", db, "push"); r.code != 0 {
			t.Fatalf("push %d: %d %s%s", i, r.code, r.stdout, r.stderr)
		}
	}
	emb, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Close()
	storetest.Equal(t, emb, n4j)
}

// An unreachable server is one clear error naming the URI, and a non-zero exit.
func TestNeo4jUnreachable(t *testing.T) {
	r := kg(t, t.TempDir(), []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD=secret-pw"}, "import", filepath.Join(repoRoot(t), "seeds", "articles"))
	if r.code == 0 || !strings.Contains(r.stderr, "bolt://127.0.0.1:1") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "secret-pw") {
		t.Errorf("the password was logged:\n%s", r.stderr)
	}
}

// kg query is read-only unless --write, as cypher-shell's access mode.
func TestQueryIsReadOnlyByDefault(t *testing.T) {
	env, _ := neo4jEnv(t)
	dir := t.TempDir()
	r := kg(t, dir, env, "query", "CREATE (n:Scratch {x: 1}) RETURN n.x")
	if r.code == 0 || !strings.Contains(r.stderr, "--write") {
		t.Errorf("a writing query without --write: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := kg(t, dir, env, "query", "MATCH (n:Scratch) RETURN count(n) AS n"); !strings.Contains(r.stdout, "0") {
		t.Errorf("the refused query wrote: %s%s", r.stdout, r.stderr)
	}
	if r := kg(t, dir, env, "query", "CREATE (n:Scratch {x: 1}) RETURN n.x", "--write"); r.code != 0 || !strings.Contains(r.stdout, "nodes_created") {
		t.Errorf("--write: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	kg(t, dir, env, "query", "--write", "MATCH (n:Scratch) DELETE n")
}

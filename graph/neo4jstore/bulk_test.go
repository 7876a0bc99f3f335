package neo4jstore

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// adminServer loads an ExportAdmin folder with the real import tool
// (scripts/neo4j.sh admin: neo4j-admin of the server's version) into a
// fresh data directory, starts a second server on it and opens the store
// there. It skips, or fails under KG_REQUIRE_NEO4J, when the runner cannot
// be built (no Java or Maven).
func adminServer(t testing.TB, exportDir string, extraEnv ...string) (*Store, time.Duration) {
	t.Helper()
	ctl, err := filepath.Abs("../../scripts/neo4j.sh")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("java"); err != nil {
		if _, err := os.Stat("/usr/lib/jvm"); err != nil {
			if os.Getenv("KG_REQUIRE_NEO4J") != "" {
				t.Fatal("KG_REQUIRE_NEO4J is set but there is no Java for neo4j-admin")
			}
			t.Skip("no Java: skipping the neo4j-admin bulk import test")
		}
	}
	home := t.TempDir()
	port := freePort(t)
	env := append(os.Environ(), "KG_NEO4J_HOME="+home, fmt.Sprintf("KG_NEO4J_BOLT_PORT=%d", port),
		"KG_NEO4J_HTTP_PORT=0", "KG_NEO4J_START_TIMEOUT=900", "KG_NEO4J_HEAP=512m", "KG_NEO4J_PAGECACHE=64m", "NEO4J_PASSWORD=bulk-test-pw")
	env = append(env, extraEnv...) // later entries win
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(ctl, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			logs, _ := os.ReadFile(filepath.Join(home, "logs", "debug.log"))
			if len(logs) > 4000 {
				logs = logs[len(logs)-4000:]
			}
			t.Fatalf("scripts/neo4j.sh %s: %v\n%s\ndebug.log (end):\n%s", strings.Join(args, " "), err, out, logs)
		}
		return string(out)
	}
	start := time.Now()
	out := run(append([]string{"admin"}, AdminImportArgs(exportDir, "neo4j")...)...)
	took := time.Since(start)
	if !strings.Contains(out, "IMPORT DONE") {
		t.Fatalf("neo4j-admin did not say IMPORT DONE:\n%s", out)
	}
	run("start")
	t.Cleanup(func() { run("stop") })
	s, err := Open(context.Background(), Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", port), Username: "neo4j", Password: "bulk-test-pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, took
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// bulkDocs is the synthetic conformance corpus (every type, both origins,
// awkward names, edges with one piece of evidence whose rule or CAMEO code
// is empty) plus a document whose strings stress the CSV: commas, quotes,
// newlines inside a sentence, a leading space, non-ASCII text.
func bulkDocs() []graph.Document {
	docs := storetest.Corpus(120)
	a := graph.Entity{ID: "bulk-a", Type: graph.Person, Name: `Jean "JJ" Dupont, Jr.`, Aliases: []string{" Dupont", "J.\nDupont"}, Mentions: 2}
	b := graph.Entity{ID: "bulk-b", Type: graph.State, Name: "Côte d'Ivoire", ISO: "CIV", Mentions: 1}
	docs = append(docs, graph.Document{
		Article:  graph.Article{ID: "zz-bulk, \"quoted\"", Title: "Line one,\nline \"two\"", Published: "2026-01-02", Hash: "h1"},
		Entities: []graph.Entity{a, b},
		Relations: []graph.Relation{{Source: a.ID, Type: graph.MeetsWith, Target: b.ID, Confidence: 0.7, Origin: graph.OriginText,
			Sentence: "He said, \"we came\"\nand stayed.", Rule: "", Properties: map[string]string{"when": "Monday, 5"}}},
	})
	return docs
}

// TestBulkImportEqualsIncremental exports a graph with ExportAdmin, loads
// it with the real neo4j-admin into a fresh database, starts a server on
// it, and checks it holds the same graph as Write into the test server
// (storetest.Equal: documents, stats and every Lookup). Then the bulk-loaded
// store goes on incrementally: revisions, new articles and a forget give
// the same graph on both, so the lists the import made are the writer's.
func TestBulkImportEqualsIncremental(t *testing.T) {
	inc := openEmpty(t)
	defer inc.Close()
	ctx := context.Background()
	docs := bulkDocs()
	first, rest := docs[:100], docs[100:]
	first = append(first, rest[len(rest)-1])
	rest = rest[:len(rest)-1]

	model := storetest.NewModel()
	if _, err := model.Write(ctx, first); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := ExportAdmin(ctx, model, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != len(first) || sum.Relations == 0 || sum.Evidence < sum.Relations {
		t.Fatalf("summary %+v for %d documents", sum, len(first))
	}
	bulk, took := adminServer(t, dir)
	t.Logf("neo4j-admin import of %d articles, %d entities, %d edges: %s", sum.Articles, sum.Entities, sum.Relations, took.Round(time.Millisecond))

	if _, ok, err := bulk.GetMeta(ctx, bulkMetaKey); err != nil || ok {
		t.Fatalf("bulk marker after Open: present=%v err=%v (Init should have finished the import)", ok, err)
	}
	if _, err := inc.Write(ctx, first); err != nil {
		t.Fatal(err)
	}
	if !storetest.Equal(t, bulk, inc) {
		t.Fatal("the bulk-imported graph differs from the incremental one")
	}
	storetest.Equal(t, bulk, model)

	// Going on from the bulk import: the same writes on both stores.
	var more []graph.Document
	for i, d := range first[:20] {
		if i%2 == 0 {
			more = append(more, storetest.Revise(d, 1))
		} else {
			more = append(more, d) // same hash: skipped on both
		}
	}
	more = append(more, rest...)
	for _, s := range []graph.Store{bulk, inc} {
		if _, err := s.Write(ctx, more); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Forget(ctx, first[30].Article.ID); err != nil {
			t.Fatal(err)
		}
	}
	if !storetest.Equal(t, bulk, inc) {
		t.Fatal("after further writes and a forget the bulk-imported graph differs from the incremental one")
	}
}

func TestExportAdminRefusesTheArrayDelimiter(t *testing.T) {
	ctx := context.Background()
	model := storetest.NewModel()
	e := graph.Entity{ID: "x", Type: graph.Person, Name: "X", Aliases: []string{"a\x1fb"}, Mentions: 1}
	if _, err := model.Write(ctx, []graph.Document{{Article: graph.Article{ID: "art"}, Entities: []graph.Entity{e}}}); err != nil {
		t.Skipf("the store refuses the value itself: %v", err)
	}
	_, err := ExportAdmin(ctx, model, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "U+001F") || !strings.Contains(err.Error(), `"art"`) {
		t.Fatalf("want an error naming the article and U+001F, got %v", err)
	}
}

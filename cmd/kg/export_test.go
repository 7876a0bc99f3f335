package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
)

// exportAll runs kg export in every format into dir/NAME.* and returns the
// files' contents by name.
func exportAll(t *testing.T, dir string, env []string, args ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range []struct{ format, target string }{
		{"graphml", "kg.graphml"}, {"jsonl", "kg.jsonl"}, {"csv", "csv"},
	} {
		target := filepath.Join(dir, f.target)
		r := kg(t, dir, env, append(args, "export", "--format", f.format, target)...)
		if r.code != 0 || !strings.Contains(r.stderr, "articles/s") || !strings.Contains(r.stderr, "MB/s") {
			t.Fatalf("export %s: %d\n%s%s", f.format, r.code, r.stdout, r.stderr)
		}
		if f.format != "csv" {
			out[f.target] = readFile(t, target)
			continue
		}
		for _, name := range []string{"nodes.csv", "edges.csv", "evidence.csv"} {
			out[name] = readFile(t, filepath.Join(target, name))
		}
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return b
}

// kg export --format jsonl, then kg load into a fresh store, gives the same
// graph; a second load changes nothing; a broken line is skipped (exit 3).
func TestExportLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	if r := kg(t, dir, nil, "--db", db, "import", devCopy(t)); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	files := exportAll(t, dir, nil, "--db", db)
	if !bytes.Contains(files["kg.graphml"], []byte(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`)) {
		t.Errorf("not GraphML:\n%.300s", files["kg.graphml"])
	}
	copyDB := filepath.Join(dir, "copy.db")
	jsonl := filepath.Join(dir, "kg.jsonl")
	if r := kg(t, dir, nil, "--db", copyDB, "load", jsonl); r.code != 0 || !strings.Contains(r.stdout, "written 10") {
		t.Fatalf("load: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	broken := filepath.Join(dir, "broken.jsonl")
	write(t, broken, string(files["kg.jsonl"])+"{oops\n")
	r := kg(t, dir, nil, "--db", copyDB, "load", broken)
	if r.code != exitPartial || !strings.Contains(r.stdout, "unchanged 10") ||
		!strings.Contains(r.stderr, "broken.jsonl") || !strings.Contains(r.stderr, "line=11") {
		t.Fatalf("load with a broken line: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	a, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := embedded.Open(copyDB)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.Equal(t, a, b)

	if r := kg(t, dir, nil, "--db", db, "export", "--format", "csv"); r.code != exitUsage {
		t.Errorf("csv without a folder: exit %d, want %d", r.code, exitUsage)
	}
	if r := kg(t, dir, nil, "--db", db, "export", "--format", "neo4j-admin"); r.code != exitUsage || !strings.Contains(r.stderr, "output folder") {
		t.Errorf("neo4j-admin without a folder: exit %d %s", r.code, r.stderr)
	}
	if r := kg(t, dir, nil, "--db", db, "export", "--format", "xml", "x"); r.code != exitUsage || !strings.Contains(r.stderr, "graphml, csv, jsonl or neo4j-admin") {
		t.Errorf("unknown format: exit %d %s", r.code, r.stderr)
	}
}

// Neo4j and the embedded store holding the dev corpus export byte-identical
// files in every format.
func TestExportSameFromBothStores(t *testing.T) {
	env, _ := neo4jEnv(t)
	in := devCopy(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("embedded import: %d %s", r.code, r.stderr)
	}
	if r := kg(t, dir, env, "import", in); r.code != 0 {
		t.Fatalf("neo4j import: %d %s", r.code, r.stderr)
	}
	embDir, neoDir := filepath.Join(dir, "emb"), filepath.Join(dir, "neo")
	os.Mkdir(embDir, 0o755)
	os.Mkdir(neoDir, 0o755)
	emb := exportAll(t, embDir, nil, "--db", db)
	neo := exportAll(t, neoDir, env)
	for name, want := range emb {
		if got := neo[name]; !bytes.Equal(got, want) {
			t.Errorf("%s differs between the stores:\n%s", name, storetest.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
		}
	}
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/internal/testdata"
)

// devCopies copies the dev articles n times under distinct names (so
// distinct article ids sharing all their entities and most edges: the
// worst case for concurrent writers, which all MERGE the same nodes).
func devCopies(t testing.TB, n int) string {
	t.Helper()
	src := testdata.DevCorpus(t)
	dst := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	for i := range n {
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, fmt.Sprintf("c%03d-%s", i, filepath.Base(f))), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dst
}

// kgAll runs several kg processes at once and returns their results.
func kgAll(t testing.TB, dir string, env []string, argss [][]string) []result {
	t.Helper()
	out := make([]result, len(argss))
	var wg sync.WaitGroup
	for i, args := range argss {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(kgBin, args...)
			cmd.Dir = dir
			for _, e := range os.Environ() {
				if !strings.HasPrefix(e, "NEO4J_") {
					cmd.Env = append(cmd.Env, e)
				}
			}
			cmd.Env = append(cmd.Env, env...)
			var o, e bytes.Buffer
			cmd.Stdout, cmd.Stderr = &o, &e
			err := cmd.Run()
			out[i] = result{o.String(), e.String(), 0}
			if ee, ok := err.(*exec.ExitError); ok {
				out[i].code = ee.ExitCode()
			} else if err != nil {
				out[i] = result{"", err.Error(), -1}
			}
		}()
	}
	wg.Wait()
	return out
}

// Four shard processes writing into one Neo4j at the same time give exactly
// the graph of one unsharded import, with every process succeeding.
func TestShardedImportIntoNeo4j(t *testing.T) {
	env, n4j := neo4jEnv(t)
	in := devCopies(t, 6) // 60 articles
	dir := t.TempDir()
	db := filepath.Join(dir, "whole.db")
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 || !strings.Contains(r.stdout, "new 60") {
		t.Fatalf("unsharded import: %d %s%s", r.code, r.stdout, r.stderr)
	}
	var argss [][]string
	for k := 1; k <= 4; k++ {
		argss = append(argss, []string{"import", "--batch", "4", "--workers", "1", "--shard", fmt.Sprintf("%d/4", k), in})
	}
	total := 0
	for k, r := range kgAll(t, dir, env, argss) {
		if r.code != 0 || strings.Contains(r.stderr, "level=error") {
			t.Errorf("shard %d/4: exit %d\n%s%s", k+1, r.code, r.stdout, r.stderr)
		}
		var n int
		fmt.Sscanf(r.stdout, "Imported %d article(s)", &n)
		if n == 0 || n == 60 {
			t.Errorf("shard %d/4 imported %d of 60 articles:\n%s", k+1, n, r.stdout)
		}
		total += n
	}
	if total != 60 {
		t.Errorf("the shards imported %d articles together, want 60", total)
	}
	whole, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	storetest.Equal(t, whole, n4j)

	// A bad --shard is a usage error.
	if r := kg(t, dir, nil, "import", "--shard", "5/4", in); r.code != exitUsage || !strings.Contains(r.stderr, "K/N") {
		t.Errorf("--shard 5/4: exit %d %s", r.code, r.stderr)
	}
}

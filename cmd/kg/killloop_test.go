//go:build linux

package main

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
)

// BenchmarkImportKillLoop is the long crash test, outside the default CI
// (a benchmark: go test runs it only with -bench):
//
//	go test -run '^$' -bench ImportKillLoop -benchtime 1x -timeout 60m ./cmd/kg
//
// 20 times: kg import of 2,000 articles is killed with SIGKILL at a random
// moment of a full import's duration, then the store must open, pass
// SQLite's integrity check, and a rerun of the same import must give the
// graph of a clean import. Runs alternate between two versions of every
// article, so each import has all of them to replace. KG_KILL_LOOP_RUNS
// and KG_KILL_LOOP_ARTICLES change the 20 and the 2,000.
func BenchmarkImportKillLoop(b *testing.B) {
	runs, articles := envInt("KG_KILL_LOOP_RUNS", 20), envInt("KG_KILL_LOOP_ARTICLES", 2000)
	dir := b.TempDir()
	ins := [2]string{filepath.Join(dir, "v0"), filepath.Join(dir, "v1")}
	var clean [2]string
	var full time.Duration
	for v := range ins {
		crashCorpus(b, ins[v], articles, v)
		clean[v] = filepath.Join(dir, "clean"+ins[v][len(ins[v])-1:]+".db")
		start := time.Now()
		if r := kg(b, dir, nil, "--db", clean[v], "import", ins[v]); r.code != 0 {
			b.Fatalf("clean import: %d %s", r.code, r.stderr)
		}
		full = max(full, time.Since(start))
	}
	b.Logf("a clean import of %d articles takes %s", articles, full.Round(time.Millisecond))
	seed := uint64(time.Now().UnixNano())
	b.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	b.ResetTimer()
	for range b.N {
		db := filepath.Join(b.TempDir(), "crash.db")
		killed := 0
		var cycle time.Duration
		var moments []string
		for run := range runs {
			start := time.Now()
			in := ins[run%2]
			cmd := exec.Command(kgBin, "--db", db, "import", "--batch", "4", in)
			cmd.Dir = dir
			cmd.Env = embeddedEnv()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			at := time.Duration(rng.Int64N(int64(full)))
			time.Sleep(at)
			cmd.Process.Kill()
			if err := cmd.Wait(); err != nil && !cmd.ProcessState.Exited() {
				killed++
			}
			integrity(b, db)
			if r := kg(b, dir, nil, "--db", db, "import", in); r.code != 0 {
				b.Fatalf("run %d: rerun after the kill at %s: %d %s", run, at, r.code, r.stderr)
			}
			integrity(b, db)
			func() {
				got, err := embedded.Open(db)
				if err != nil {
					b.Fatalf("run %d: the store does not open after the kill at %s: %v", run, at, err)
				}
				defer got.Close()
				want, err := embedded.Open(clean[run%2])
				if err != nil {
					b.Fatal(err)
				}
				defer want.Close()
				if !storetest.Equal(b, got, want) {
					b.Fatalf("run %d (killed at %s): the graph differs from a clean import", run, at)
				}
			}()
			cycle += time.Since(start)
			moments = append(moments, at.Round(time.Millisecond).String())
		}
		// One line: go test keeps only the first lines of a benchmark's log.
		b.Logf("killed at %s; %d of %d imports were killed mid-way (the others had finished); every store opened, passed integrity_check, and its rerun gave the clean graph; %s per kill+rerun+check",
			strings.Join(moments, " "), killed, runs, (cycle / time.Duration(runs)).Round(time.Millisecond))
		b.ReportMetric(float64(killed), "killed")
		b.ReportMetric(cycle.Seconds()/float64(runs), "s/kill+rerun")
	}
}

// integrity opens the store file as any SQLite tool would and runs its
// integrity check.
func integrity(b testing.TB, path string) {
	b.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		b.Fatalf("integrity_check of %s: %q %v", path, res, err)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

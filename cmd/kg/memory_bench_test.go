package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/kg/seeds"
)

// BenchmarkPeakRSS measures the peak resident memory of `kg import` into the
// embedded store and of `kg export` (graphml, csv, jsonl) at two corpus
// sizes, each a separate kg process (getrusage of the child), and reports
// both figures and their ratio: memory is meant to stay flat in the number
// of articles. Not in CI (benchmarks only run with -bench); about 4 minutes
// on a 2-core machine at the default sizes:
//
//	go test -run '^$' -bench PeakRSS -benchtime 1x ./cmd/kg
//	KG_BENCH_SIZES=2000,20000 KG_BENCH_IMPORT_ARGS=--no-parse go test ...
//
// The articles are synthetic (syntheticCorpus): templated sentences over the
// names of the embedded gazetteers, so no third-party text is needed.
func BenchmarkPeakRSS(b *testing.B) {
	sizes := []int{2000, 20000}
	if v := os.Getenv("KG_BENCH_SIZES"); v != "" {
		sizes = nil
		for _, s := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n <= 0 {
				b.Fatalf("KG_BENCH_SIZES=%q: want sizes like 2000,20000", v)
			}
			sizes = append(sizes, n)
		}
	}
	importArgs := strings.Fields(os.Getenv("KG_BENCH_IMPORT_ARGS"))
	type step struct {
		name string
		args func(db, in, out string) []string
	}
	steps := []step{
		{"import", func(db, in, _ string) []string {
			return append(append([]string{"--db", db, "import"}, importArgs...), in)
		}},
		{"export-graphml", func(db, _, out string) []string {
			return []string{"--db", db, "export", "--format", "graphml", filepath.Join(out, "g.graphml")}
		}},
		{"export-csv", func(db, _, out string) []string {
			return []string{"--db", db, "export", "--format", "csv", filepath.Join(out, "csv")}
		}},
		{"export-jsonl", func(db, _, out string) []string {
			return []string{"--db", db, "export", "--format", "jsonl", filepath.Join(out, "d.jsonl")}
		}},
	}
	root := b.TempDir()
	corpora := map[int]string{}
	for _, n := range sizes {
		corpora[n] = filepath.Join(root, fmt.Sprintf("in-%d", n))
		bytes := syntheticCorpus(b, corpora[n], n)
		b.Logf("%d synthetic articles, %.1f MB", n, float64(bytes)/1e6)
	}
	peak := map[string]map[int]int64{} // step -> size -> KB
	for _, s := range steps {
		peak[s.name] = map[int]int64{}
	}
	b.ResetTimer()
	for i := range b.N {
		for _, n := range sizes {
			run := filepath.Join(root, fmt.Sprintf("run-%d-%d", i, n))
			if err := os.MkdirAll(run, 0o755); err != nil {
				b.Fatal(err)
			}
			db := filepath.Join(run, "kg.db")
			for _, s := range steps {
				kb, stderr, secs := peakRSS(b, run, s.args(db, corpora[n], run))
				peak[s.name][n] = max(peak[s.name][n], kb)
				b.Logf("%s %d articles: peak RSS %.1f MB, %.1f s; %s", s.name, n, float64(kb)/1024, secs, lastLines(stderr, 2))
			}
		}
	}
	b.StopTimer()
	lo, hi := sizes[0], sizes[len(sizes)-1]
	for _, s := range steps {
		for _, n := range sizes {
			b.ReportMetric(float64(peak[s.name][n])/1024, fmt.Sprintf("MB-%s-%d", s.name, n))
		}
		if hi != lo {
			b.ReportMetric(float64(peak[s.name][hi])/float64(peak[s.name][lo]), fmt.Sprintf("x-%s", s.name))
		}
	}
}

// peakRSS runs kg with args in dir and returns the child's peak resident
// set (KB, getrusage ru_maxrss), its stderr and its wall time.
func peakRSS(b *testing.B, dir string, args []string) (int64, string, float64) {
	b.Helper()
	cmd := exec.Command(kgBin, args...)
	cmd.Dir = dir
	cmd.Env = embeddedEnv()
	var errb strings.Builder
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("kg %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no rusage on this platform")
	}
	return ru.Maxrss, errb.String(), time.Since(start).Seconds()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// syntheticCorpus writes n plain-text articles into dir and returns their
// total size. Each is a headline, a dated byline and six to ten sentences
// from templates filled with names drawn from the embedded gazetteers
// (people, states, places, organizations, weapons), so the corpus exercises
// the extractor's entities and relations without third-party text. The
// same n always gives the same files.
func syntheticCorpus(t testing.TB, dir string, n int) int64 {
	t.Helper()
	names := gazetteerNames(t)
	pick := func(r *rand.Rand, typ string) string {
		l := names[typ]
		return l[r.IntN(len(l))]
	}
	templates := []func(r *rand.Rand) string{
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s met %s in %s on %s to discuss the ceasefire.", pick(r, "Person"), pick(r, "Person"), pick(r, "Place"), weekday(r))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s accused %s of attacking %s with %s drones.", pick(r, "State"), pick(r, "State"), pick(r, "Place"), pick(r, "Weapon"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("The %s said %s had agreed to hold talks with %s.", pick(r, "Organization"), pick(r, "State"), pick(r, "State"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s told reporters in %s that %s would not accept new sanctions.", pick(r, "Person"), pick(r, "Place"), pick(r, "State"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s launched %s missiles at targets near %s, officials said.", pick(r, "State"), pick(r, "Weapon"), pick(r, "Place"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s condemned the strike and called on %s to withdraw its forces from %s.", pick(r, "Person"), pick(r, "State"), pick(r, "Place"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s will visit %s next week, the %s announced.", pick(r, "Person"), pick(r, "State"), pick(r, "Organization"))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("%s signed an agreement with %s on energy and trade.", pick(r, "State"), pick(r, "State"))
		},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var total int64
	for i := range n {
		r := rand.New(rand.NewPCG(uint64(i), 9))
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s and %s: talks in %s, report %d\n\n", pick(r, "State"), pick(r, "State"), pick(r, "Place"), i)
		fmt.Fprintf(&sb, "By Staff Writer | %s\n\n", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700).Format("January 2, 2006"))
		for range 6 + r.IntN(5) {
			sb.WriteString(templates[r.IntN(len(templates))](r))
			sb.WriteString("\n\n")
		}
		p := filepath.Join(dir, fmt.Sprintf("a%06d.txt", i))
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		total += int64(sb.Len())
	}
	return total
}

func weekday(r *rand.Rand) string { return time.Weekday(r.IntN(7)).String() }

// gazetteerNames returns the names of the embedded gazetteers by type
// (the first two columns of every *.tsv row).
func gazetteerNames(t testing.TB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	gz := seeds.Gazetteers()
	files, err := fs.Glob(gz, "*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fh, err := gz.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) < 2 || strings.HasPrefix(cols[0], "#") || cols[0] == "type" || cols[1] == "" {
				continue
			}
			out[cols[0]] = append(out[cols[0]], cols[1])
		}
		fh.Close()
	}
	for _, typ := range []string{"Person", "State", "Place", "Organization", "Weapon"} {
		if len(out[typ]) == 0 {
			t.Fatalf("no %s names in the embedded gazetteers", typ)
		}
	}
	return out
}

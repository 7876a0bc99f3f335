package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/pipeline"
)

const story = "Talks %d\nArmenia and Azerbaijan held talks in Brussels, mediated by the European Union. Russia struck Kharkiv with Shahed-136 drones.\n"

// writeJSONL writes n articles as JSON lines and returns the path.
func writeJSONL(t testing.TB, dir string, n int) string {
	p := filepath.Join(dir, fmt.Sprintf("feed-%d.jsonl", n))
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 0; i < n; i++ {
		fmt.Fprintf(f, "{\"id\":\"a%06d\",\"title\":\"T%d\",\"text\":%q}\n", i, i, fmt.Sprintf(story, i))
	}
	return p
}

func TestImportKeepsOrderAndReportsSkips(t *testing.T) {
	dir := t.TempDir()
	feed := writeJSONL(t, dir, 50)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte{0, 1, 2}, 0o644)
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store, err := embedded.Open(filepath.Join(dir, "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var ids []string
	sum, err := pipeline.Import(context.Background(), []string{feed, bad}, x, store, pipeline.Options{
		Workers: 4, BatchSize: 7, OnDocument: func(d graph.Document) { ids = append(ids, d.Article.ID) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 50 || sum.Write.Written != 50 || len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Source, "bad.txt") {
		t.Fatalf("summary %+v", sum)
	}
	for i, id := range ids {
		if id != fmt.Sprintf("a%06d", i) {
			t.Fatalf("documents out of input order at %d: %s", i, id)
		}
	}
	if sum.Relations[graph.NegotiatesWith] != 50 || sum.Relations[graph.Mediates] != 100 {
		t.Errorf("relations found %v", sum.Relations)
	}
	st, _ := store.Stats(context.Background())
	if st.Articles != 50 {
		t.Errorf("store holds %d articles", st.Articles)
	}
}

// BenchmarkStreamMemory extracts a stream of articles without a store and
// reports the peak live heap: it must stay flat whatever the stream's
// length (compare the 1k and 20k runs).
//
//	go test -run '^$' -bench StreamMemory -benchtime 1x ./pipeline
func BenchmarkStreamMemory(b *testing.B) {
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1000, 20000} {
		feed := writeJSONL(b, b.TempDir(), n)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var peak uint64
				var ms runtime.MemStats
				k := 0
				_, err := pipeline.Import(context.Background(), []string{feed}, x, nil, pipeline.Options{
					Read: article.Options{}, OnDocument: func(graph.Document) {
						if k++; k%500 == 0 {
							runtime.GC()
							runtime.ReadMemStats(&ms)
							peak = max(peak, ms.HeapAlloc)
						}
					},
				})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.jsonl")
	os.WriteFile(feed, []byte(
		`{"id":"x","text":"Armenia and Azerbaijan held talks in Brussels."}`+"\n"+
			`{"id":"y","text":"Russia struck Kharkiv with Shahed-136 drones."}`+"\n"+
			`{"id":"x","text":"Armenia and Azerbaijan held talks in Brussels."}`+"\n"+ // the same article again
			`{"id":"x","text":"Iran and Oman met in Muscat."}`+"\n"), 0o644)
	x, err := extract.New(extract.Options{NoParse: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		policy   string
		wantErr  bool
		wantText string // a word of the stored x's title
	}{
		{"warn", false, "Armenia"}, {"skip", false, "Armenia"}, {"replace", false, "Iran"}, {"error", true, "Armenia"},
	} {
		policy, err := pipeline.ParseDuplicatePolicy(c.policy)
		if err != nil {
			t.Fatal(err)
		}
		store, err := embedded.Open(filepath.Join(dir, c.policy+".db"))
		if err != nil {
			t.Fatal(err)
		}
		var dups []pipeline.Duplicate
		sum, err := pipeline.Import(context.Background(), []string{feed}, x, store, pipeline.Options{
			BatchSize: 1 + len(c.policy)%2, OnDuplicate: policy, Duplicate: func(d pipeline.Duplicate) { dups = append(dups, d) },
		})
		if (err != nil) != c.wantErr {
			t.Errorf("%s: err %v", c.policy, err)
		}
		if len(dups) != 1 || dups[0].ID != "x" || dups[0].First != feed+":1" || dups[0].Second != feed+":4" || sum.Duplicates != 1 {
			t.Errorf("%s: duplicates %+v, summary %+v", c.policy, dups, sum)
		}
		if c.wantErr && !strings.Contains(err.Error(), feed+":1") {
			t.Errorf("%s: error %v does not name both inputs", c.policy, err)
		}
		var title string
		store.Documents(context.Background(), func(d graph.Document) error {
			if d.Article.ID == "x" {
				title = d.Article.Title
			}
			return nil
		})
		if !strings.Contains(title, c.wantText) {
			t.Errorf("%s: stored x is %q, want the one with %q", c.policy, title, c.wantText)
		}
		store.Close()
	}
}

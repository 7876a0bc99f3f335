package pipeline_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/pipeline"
)

func TestParseShard(t *testing.T) {
	if s, err := pipeline.ParseShard("2/4"); err != nil || s != (pipeline.Shard{K: 2, N: 4}) {
		t.Errorf("2/4: %v %v", s, err)
	}
	for _, bad := range []string{"", "4", "0/4", "5/4", "1/0", "a/b", "-1/3", "1/-3"} {
		if _, err := pipeline.ParseShard(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// Every id is in exactly one of N shards, the split is even enough, and it
// never changes (the hash is part of the contract between workers).
func TestShardsPartitionIDs(t *testing.T) {
	const n, ids = 4, 4000
	counts := make([]int, n)
	for i := range ids {
		id := fmt.Sprintf("article-%d", i)
		in := 0
		for k := 1; k <= n; k++ {
			if (pipeline.Shard{K: k, N: n}).Holds(id) {
				in++
				counts[k-1]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", id, in)
		}
	}
	for k, c := range counts {
		if c < ids/n*9/10 || c > ids/n*11/10 {
			t.Errorf("shard %d/%d holds %d of %d ids", k+1, n, c, ids)
		}
	}
	// Pinned (FNV-1a 64 mod N, computed independently): workers of different
	// kg versions must agree on who takes which article.
	for id, k := range map[string]int{"muscat": 1, "a000001": 4, "article-7": 2} {
		if !(pipeline.Shard{K: k, N: 4}).Holds(id) {
			t.Errorf("%s is not in shard %d/4", id, k)
		}
	}
	if !(pipeline.Shard{K: 1, N: 1}).Holds("x") || !(pipeline.Shard{}).Holds("x") {
		t.Error("one shard must hold everything")
	}
}

// Importing each of 3 shards into one store gives the graph of one
// unsharded import.
func TestShardedImportsUnion(t *testing.T) {
	dir := t.TempDir()
	feed := writeJSONL(t, dir, 60)
	x, err := extract.New(extract.Options{NoParse: true})
	if err != nil {
		t.Fatal(err)
	}
	open := func(name string) *embedded.Store {
		s, err := embedded.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	whole, parts := open("whole.db"), open("parts.db")
	if _, err := pipeline.Import(context.Background(), []string{feed}, x, whole, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for k := 1; k <= 3; k++ {
		var ids []string
		sum, err := pipeline.Import(context.Background(), []string{feed}, x, parts, pipeline.Options{
			Shard: pipeline.Shard{K: k, N: 3}, OnDocument: func(d graph.Document) { ids = append(ids, d.Article.ID) }})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Articles+sum.OtherShard != 60 || sum.Articles == 0 || len(ids) != sum.Articles {
			t.Errorf("shard %d/3: %d here, %d elsewhere", k, sum.Articles, sum.OtherShard)
		}
		total += sum.Articles
	}
	if total != 60 {
		t.Errorf("shards imported %d articles, want 60", total)
	}
	storetest.Equal(t, whole, parts)
}

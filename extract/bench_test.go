package extract_test

import (
	"path/filepath"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/extract/eval"
	"github.com/newsgraph/kg/internal/testdata"
)

// BenchmarkExtract runs the whole pipeline (reading aside) over the dev
// corpus, dependency parsing included: MB/s is article text per second on
// one core, allocs/op and B/op are per article.
//
//	go test -run '^$' -bench Extract -benchmem -cpu 1 ./extract
func BenchmarkExtract(b *testing.B) { benchExtract(b, extract.Options{}) }

// BenchmarkExtractNoParse is BenchmarkExtract without the parser (--no-parse).
func BenchmarkExtractNoParse(b *testing.B) { benchExtract(b, extract.Options{NoParse: true}) }

func benchExtract(b *testing.B, opts extract.Options) {
	dir := testdata.DevCorpus(b)
	names, err := eval.Pairs(dir)
	if err != nil {
		b.Fatal(err)
	}
	var arts []article.Article
	var size int64
	for _, n := range names {
		a, err := article.ReadFile(filepath.Join(dir, n+".txt"), article.Options{})
		if err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a...)
		size += int64(len(a[0].Text))
	}
	x, err := extract.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	x.Extract(arts[0]) // load the embedded models before timing
	b.SetBytes(size / int64(len(arts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(arts[i%len(arts)])
	}
}

// BenchmarkNew measures loading the embedded gazetteers (once per process).
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := extract.New(extract.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/internal/testdata"
	"github.com/newsgraph/kg/pipeline"
)

// BenchmarkImportVsExtract measures, in one run, an import of copies of the
// dev corpus into a fresh embedded store against extraction alone with the
// documents JSON-encoded (what `kg extract --format json` does), with and
// without the dependency parser, alternating the two so that the machine's
// load hits both alike. It reports import/extract (target <= 1.25) and the
// store file's bytes per article.
//
//	KG_BENCH_COPIES=200 go test -run '^$' -bench ImportVsExtract -benchtime 3x ./pipeline
func BenchmarkImportVsExtract(b *testing.B) {
	copies := 100
	if v, err := strconv.Atoi(os.Getenv("KG_BENCH_COPIES")); err == nil && v > 0 {
		copies = v
	}
	src := testdata.DevCorpus(b)
	in := b.TempDir()
	files, _ := filepath.Glob(filepath.Join(src, "*.txt"))
	for i := range copies {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("c%04d-%s", i, filepath.Base(f))), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, parse := range []bool{true, false} {
		b.Run(fmt.Sprintf("parse=%v", parse), func(b *testing.B) {
			x, err := extract.New(extract.Options{NoParse: !parse})
			if err != nil {
				b.Fatal(err)
			}
			var extractSecs, importSecs float64
			var fileBytes int64
			articles := 0
			for i := range b.N {
				enc := json.NewEncoder(io.Discard)
				start := time.Now()
				sum, err := pipeline.Import(context.Background(), []string{in}, x, nil, pipeline.Options{
					OnDocument: func(d graph.Document) { enc.Encode(d) }})
				if err != nil {
					b.Fatal(err)
				}
				extractSecs += time.Since(start).Seconds()
				articles = sum.Articles

				path := filepath.Join(b.TempDir(), fmt.Sprintf("kg-%d.db", i))
				start = time.Now()
				s, err := embedded.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := pipeline.Import(context.Background(), []string{in}, x, s, pipeline.Options{}); err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				importSecs += time.Since(start).Seconds()
				st, err := os.Stat(path)
				if err != nil {
					b.Fatal(err)
				}
				fileBytes = st.Size()
			}
			b.ReportMetric(importSecs/extractSecs, "import/extract")
			b.ReportMetric(float64(fileBytes)/float64(articles), "file-B/article")
			b.ReportMetric(float64(articles*b.N)/importSecs, "import-articles/s")
		})
	}
}

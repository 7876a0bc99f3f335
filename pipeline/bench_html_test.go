package pipeline_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/pipeline"
)

// BenchmarkImportHTML measures, in one run, an import of web pages into a
// fresh embedded store with the pages parsed one at a time (Read.Workers
// 1, as before) and in parallel (the default, one per extraction worker),
// alternating the two so that the machine's load hits both alike. It
// reports serial/parallel (the speed-up) and MB of HTML per second of
// each. The pages are third-party: KG_HTML_PAGES names a folder of them
// (for example trafilatura's tests/cache, see scripts/htmlbench.sh).
//
//	KG_HTML_PAGES=/path/to/trafilatura/tests/cache go test -run '^$' -bench ImportHTML -benchtime 2x ./pipeline
func BenchmarkImportHTML(b *testing.B) {
	dir := os.Getenv("KG_HTML_PAGES")
	if dir == "" {
		b.Skip("KG_HTML_PAGES is not set (a folder of web pages, e.g. trafilatura's tests/cache)")
	}
	var bytes int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				bytes += info.Size()
			}
		}
		return nil
	})
	x, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	run := func(readWorkers int) float64 {
		s, err := embedded.Open(filepath.Join(b.TempDir(), "kg.db"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := pipeline.Import(context.Background(), []string{dir}, x, s, pipeline.Options{
			Read: article.Options{Format: article.FormatHTML, Workers: readWorkers}}); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start).Seconds()
	}
	var serial, parallel float64
	for range b.N {
		serial += run(1)
		parallel += run(0)
	}
	b.ReportMetric(serial/parallel, "serial/parallel")
	b.ReportMetric(float64(bytes)*float64(b.N)/1e6/serial, "serial-MB/s")
	b.ReportMetric(float64(bytes)*float64(b.N)/1e6/parallel, "parallel-MB/s")
}

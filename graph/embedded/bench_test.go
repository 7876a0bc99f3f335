package embedded

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsgraph/kg/graph/storetest"
)

// BenchmarkWrite imports a generated corpus into a new store, one article
// per Write call and in batches, and re-imports it (every article skipped).
func BenchmarkWrite(b *testing.B) {
	docs := storetest.Corpus(500)
	relations := 0
	for _, d := range docs {
		relations += len(d.Relations)
	}
	write := func(b *testing.B, s *Store, batch int) {
		for i := 0; i < len(docs); i += batch {
			if _, err := s.Write(context.Background(), docs[i:min(len(docs), i+batch)]); err != nil {
				b.Fatal(err)
			}
		}
	}
	report := func(b *testing.B) {
		secs := b.Elapsed().Seconds()
		b.ReportMetric(float64(b.N*len(docs))/secs, "docs/s")
		b.ReportMetric(float64(b.N*relations)/secs, "relations/s")
	}
	for _, batch := range []int{1, 50} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s := openTemp(b)
				b.StartTimer()
				write(b, s, batch)
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			report(b)
		})
	}
	b.Run("reimport", func(b *testing.B) {
		s := openTemp(b)
		defer s.Close()
		write(b, s, 50)
		b.ResetTimer()
		for range b.N {
			write(b, s, 50)
		}
		report(b)
	})
}

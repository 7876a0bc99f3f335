package article

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/kg/internal/testdata"
)

// Hostile inputs for the readers (docs/reliability.md has the table).
// Each runs at full size and at a tenth: ns/B of the two show whether
// cost grows linearly; peak-MB is the largest live heap during one read.

func hostileOneLine(n int) []byte {
	var b bytes.Buffer
	b.WriteString("A title\n")
	for b.Len() < n {
		b.WriteString("Officials met in the capital on Monday and talks would resume. ")
	}
	return b.Bytes()
}

func hostileNested(depth int) []byte {
	return []byte("<html><body>" + strings.Repeat("<div>", depth) + "<p>Officials met in Muscat.</p>" + strings.Repeat("</div>", depth) + "</body></html>")
}

func hostileJSONLine(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":"big","text":"`)
	for b.Len() < n {
		b.WriteString("Officials met in the capital on Monday. ")
	}
	b.WriteString("\"}\n{\"id\":\"after\",\"text\":\"The next line is read too.\"}\n")
	return b.Bytes()
}

var hostileReads = []struct {
	name   string
	format Format
	gen    func(n int) []byte
	full   int
}{
	{"text-one-line-5MB", FormatText, hostileOneLine, 5 << 20},
	{"html-nested-100k", FormatHTML, hostileNested, 100_000},
	{"jsonl-line-10MB", FormatJSONLines, hostileJSONLine, 10_000_000},
}

func BenchmarkHostileRead(b *testing.B) {
	for _, h := range hostileReads {
		for _, n := range []int{h.full / 10, h.full} {
			data := h.gen(n)
			b.Run(fmt.Sprintf("%s/n=%d", h.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				var peak uint64
				for i := 0; i < b.N; i++ {
					peak = max(peak, testdata.PeakHeap(func() { readHostile(b, data, h.format) }))
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(data)), "ns/B")
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			})
		}
	}
}

func readHostile(t testing.TB, data []byte, format Format) []Article {
	arts, skips := readHostileSkips(t, data, format)
	if len(skips) > 0 && format != FormatHTML {
		t.Fatalf("skipped: %v", skips)
	}
	return arts
}

func readHostileSkips(t testing.TB, data []byte, format Format) ([]Article, []Skip) {
	var arts []Article
	var skips []Skip
	err := ReadFrom(context.Background(), bytes.NewReader(data), "hostile", "hostile", format, Options{},
		func(a Article) error { arts = append(arts, a); return nil }, func(s Skip) { skips = append(skips, s) })
	if err != nil {
		t.Fatal(err)
	}
	return arts, skips
}

// The outcome of each hostile input at full size: read whole, nothing lost.
func TestHostileReads(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs of 5-10 MB: not in -short")
	}
	for _, h := range hostileReads {
		data := h.gen(h.full)
		arts, skips := readHostileSkips(t, data, h.format)
		switch h.format {
		case FormatJSONLines:
			if len(skips) > 0 || len(arts) != 2 || len(arts[0].Text) < h.full-100 {
				t.Errorf("%s: %d articles", h.name, len(arts))
			}
		case FormatHTML:
			// golang.org/x/net/html stops at 512 open elements: the page
			// is skipped, and the skip says why.
			if len(arts) != 0 || len(skips) != 1 || !strings.Contains(skips[0].Reason, "512") {
				t.Errorf("%s: %d articles, skips %v", h.name, len(arts), skips)
			}
			continue
		default:
			if len(skips) > 0 || len(arts) != 1 || len(arts[0].Text) < h.full-100 {
				t.Errorf("%s: %d articles", h.name, len(arts))
			}
		}
	}
}

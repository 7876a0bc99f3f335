package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/internal/testdata"
)

// Hostile inputs for the extractor (docs/reliability.md has the table).
// Each runs at full size and at a tenth: ns/B of the two show whether cost
// grows linearly; peak-MB is the largest live heap during one extraction.

var hostileWords = strings.Fields("the minister said talks would resume after officials met in the capital on Monday")

func hostileOneLine(n int) string { // sentences, one line, n bytes
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(hostileWords[i%len(hostileWords)])
		if i%15 == 14 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func hostileSentence(n int) string { // n tokens, no sentence end, mentions among them
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			b.WriteString("Iran ")
			continue
		}
		b.WriteString(hostileWords[i%len(hostileWords)])
		b.WriteByte(' ')
	}
	return b.String()
}

func hostileName(n int) string { // a capitalised "name" of n characters
	return "Talks with President " + strings.Repeat("Abcdefghij", n/10) + " resumed in Muscat."
}

func hostileEntities(n int) string { // n distinct people, ten sentences a line
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Minister Ahmad Zed%c%c%c met Iran's envoy. ", 'A'+i%26, 'a'+i/26%26, 'a'+i/676%26)
		if i%10 == 9 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

var hostileExtracts = []struct {
	name string
	gen  func(n int) string
	full int
}{
	{"one-line-5MB", hostileOneLine, 5 << 20},
	{"sentence-1M-tokens", hostileSentence, 1_000_000},
	{"name-100k-chars", hostileName, 100_000},
	{"entities-50k", hostileEntities, 50_000},
}

func BenchmarkHostileExtract(b *testing.B) {
	x := extractor(b)
	for _, h := range hostileExtracts {
		for _, n := range hostileSizes(h.full) {
			s := h.gen(n)
			b.Run(fmt.Sprintf("%s/n=%d", h.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				b.ReportAllocs()
				var peak uint64
				var doc graph.Document
				for i := 0; i < b.N; i++ {
					peak = max(peak, testdata.PeakHeap(func() { doc = x.Extract(article.Article{ID: "h", Text: s}) }))
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s)), "ns/B")
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				b.ReportMetric(float64(len(doc.Entities)), "entities")
			})
		}
	}
}

// The outcomes at a tenth of full size (full size is the benchmark's):
// valid documents, long sentences cut, a name longer than a store key
// dropped.
func TestHostileExtracts(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs: not in -short")
	}
	x := extractor(t)
	for _, h := range hostileExtracts {
		s := h.gen(h.full / 10)
		doc := x.Extract(article.Article{ID: "h", Text: s})
		if err := doc.Validate(); err != nil {
			t.Errorf("%s: %v", h.name, err)
		}
		for _, r := range doc.Relations {
			if len(text.Split(r.Sentence)) > 0 && len(text.Split(r.Sentence)[0].Tokens) > text.MaxSentenceTokens {
				t.Errorf("%s: evidence of more than %d tokens", h.name, text.MaxSentenceTokens)
			}
		}
	}
	long := hostileName(2 * graph.MaxKeyBytes)
	for _, e := range x.Extract(article.Article{ID: "h", Text: long}).Entities {
		if len(e.Name) > graph.MaxKeyBytes {
			t.Errorf("entity name of %d bytes kept", len(e.Name))
		}
	}
}

func hostileSizes(full int) []int {
	if testing.Short() {
		return []int{full / 10}
	}
	return []int{full / 10, full}
}

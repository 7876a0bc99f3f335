package syntax

import "testing"

// BenchmarkParse tags and parses the dev set's sentences; it reports words
// per second.
func BenchmarkParse(b *testing.B) {
	sents := readEWT(b, "dev")
	forms := make([][]string, len(sents))
	words := 0
	for i, s := range sents {
		for _, w := range s.Words {
			forms[i] = append(forms[i], w.Form)
		}
		words += len(s.Words)
	}
	m := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range forms {
			m.Parse(f)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

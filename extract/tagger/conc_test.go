package tagger

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// Tagging from many goroutines gives the same labels as tagging alone.
func TestConcurrentTagging(t *testing.T) {
	sentences := []string{
		"Foreign Minister Sergei Lavrov met Antony Blinken in Geneva .",
		"The International Atomic Energy Agency inspected the Fordow site in Iran .",
		"Officials said the meeting went well .",
	}
	m := Default()
	want := make([][]Label, len(sentences))
	for i, s := range sentences {
		want[i] = m.Tag(strings.Fields(s), nil)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			var out []Label
			for k := range 200 {
				i := (g + k) % len(sentences)
				out = m.TagInto(out, strings.Fields(sentences[i]), nil)
				if !slices.Equal(out, want[i]) {
					t.Errorf("goroutine %d: %q tagged %v, want %v", g, sentences[i], out, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

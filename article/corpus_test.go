package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/internal/testdata"
)

// devCorpus returns shared/corpus/dev beside the repository, or skips.
func devCorpus(t testing.TB) string { return testdata.DevCorpus(t) }

func TestCorpusMuscat(t *testing.T) {
	a := readOne(t, Options{}, filepath.Join(devCorpus(t), "muscat.txt"))
	if a.ID != "muscat" || a.Title != "What Happened in Muscat?" || a.Published != "2026-02-06" {
		t.Errorf("id %q, title %q, published %q", a.ID, a.Title, a.Published)
	}
	for _, chrome := range []string{"Leave a Reply", "Social Links", "© MBN 2026", "footer_logo", "Continue reading", "Discover more", "Subscribe now"} {
		if strings.Contains(a.Text, chrome) {
			t.Errorf("page chrome %q left in the text", chrome)
		}
	}
	if !strings.HasSuffix(a.Text, "The article is a translation of the original Arabic.") {
		t.Errorf("text does not end with the last real sentence:\n...%s", a.Text[max(0, len(a.Text)-200):])
	}
	if !strings.Contains(a.Text, "Alhurra's avatar Alhurra02-06-2026") {
		t.Error("the byline line in the body was removed")
	}
}

// TestCorpusKeepsLastSentence checks that chrome removal never eats real
// text: each dev article still ends with its last line that reads as a
// sentence.
func TestCorpusKeepsLastSentence(t *testing.T) {
	corpus := devCorpus(t)
	paths, err := filepath.Glob(filepath.Join(corpus, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no .txt files in %s", corpus)
	}
	for _, path := range paths {
		if filepath.Base(path) == "muscat.txt" {
			continue // its trailer has sentence-like prompts; checked above
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		last := ""
		for _, line := range strings.Split(string(raw), "\n") {
			if line = strings.TrimSpace(line); len(line) > 40 && endsSentence(line) {
				last = line
			}
		}
		a := readOne(t, Options{}, path)
		if !strings.HasSuffix(a.Text, last) {
			t.Errorf("%s: text no longer ends with %q", filepath.Base(path), last)
		}
		if a.Title == "" || len([]rune(a.Title)) > maxTitleRunes {
			t.Errorf("%s: title %q", filepath.Base(path), a.Title)
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(devCorpus(b), "muscat.txt"))
	if err != nil {
		b.Fatal(err)
	}
	// About 1 MiB: the article repeated, as a long scraped page would be.
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.Write(raw)
		sb.WriteString("\n\n")
	}
	path := writeFile(b, b.TempDir(), "long.txt", sb.String())
	b.SetBytes(int64(sb.Len()))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadFile(path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

package article

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes content to name under dir, creating directories.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll reads paths and returns the articles and skips in order.
func readAll(t *testing.T, opts Options, paths ...string) ([]Article, []Skip) {
	t.Helper()
	var arts []Article
	var skips []Skip
	err := Read(context.Background(), paths, opts,
		func(a Article) error { arts = append(arts, a); return nil },
		func(s Skip) { skips = append(skips, s) })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return arts, skips
}

// readOne reads a single input that must give exactly one article and no skip.
func readOne(t *testing.T, opts Options, path string) Article {
	t.Helper()
	arts, skips := readAll(t, opts, path)
	if len(skips) != 0 || len(arts) != 1 {
		t.Fatalf("want 1 article and no skip, got %d articles, skips %v", len(arts), skips)
	}
	return arts[0]
}

// wantSkip asserts that exactly one skip was reported, for source (and
// line), with a reason containing reasonPart.
func wantSkip(t *testing.T, skips []Skip, source string, line int, reasonPart string) {
	t.Helper()
	if len(skips) != 1 {
		t.Fatalf("want one skip for %s, got %v", source, skips)
	}
	s := skips[0]
	if s.Source != source || s.Line != line || !strings.Contains(s.Reason, reasonPart) {
		t.Fatalf("skip = %+v, want source %s line %d reason containing %q", s, source, line, reasonPart)
	}
}

func ids(arts []Article) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		out[i] = a.ID
	}
	return out
}

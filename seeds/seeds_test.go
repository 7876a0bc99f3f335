package seeds

import (
	"io/fs"
	"strings"
	"testing"
)

func TestEmbeddedFiles(t *testing.T) {
	lists, err := fs.Glob(Gazetteers(), "*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := "organizations.tsv people.tsv places.tsv states.tsv weapons.tsv"
	if got := strings.Join(lists, " "); got != want {
		t.Errorf("gazetteers: %s, want %s", got, want)
	}
	muscat, err := fs.ReadFile(Articles(), "muscat.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(muscat), "What Happened in Muscat?") {
		t.Errorf("muscat.txt starts %q", string(muscat[:40]))
	}
	if !strings.Contains(Sources, "Alhurra") {
		t.Errorf("SOURCES.md does not credit Alhurra: %q", Sources)
	}
}

package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReorderArgs(t *testing.T) {
	app := newApp()
	for _, c := range []struct{ in, want string }{
		{"kg import --db x.db DIR", "kg --db x.db import DIR"},
		{"kg import DIR --db=x.db --batch 8", "kg --db=x.db import --batch 8 DIR"},
		{"kg show Oman --json", "kg show --json Oman"},
		{"kg extract FILE --format json", "kg extract --format json FILE"},
		{"kg eval DIR --json --neo4j-uri bolt://h:7687", "kg --neo4j-uri bolt://h:7687 eval --json DIR"},
		{"kg --db a.db stats --log-level debug", "kg --db a.db --log-level debug stats"},
		{"kg import - --input-format jsonl", "kg import --input-format jsonl -"},
		{"kg query -- -1 --json", "kg query -- -1 --json"},
		{"kg query RETURN --nope", "kg query --nope RETURN"},
		{"kg --no-parse import --gazetteer g.tsv a b", "kg --no-parse --gazetteer g.tsv import a b"},
		{"kg help import", "kg help import"},
		{"kg improt x --db y", "kg improt x --db y"},
	} {
		got := strings.Join(reorderArgs(app, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("%s\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "story.txt")
	write(t, story, storyA)
	if r := kg(t, dir, nil, "import", story, "--db", "x.db", "--no-parse"); r.code != 0 {
		t.Fatalf("import with flags after the path: %d %s", r.code, r.stderr)
	}
	r := kg(t, dir, nil, "show", "Oman", "--json", "--db", "x.db")
	if r.code != 0 || !strings.HasPrefix(strings.TrimSpace(r.stdout), "[") {
		t.Errorf("show NAME --json: %d %s%s", r.code, r.stdout, r.stderr)
	}
	r = kg(t, dir, nil, "extract", story, "--format", "json", "--no-parse")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("extract FILE --format json: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if !reflect.DeepEqual(reorderArgs(newApp(), []string{"kg"}), []string{"kg"}) {
		t.Error("kg alone changed")
	}
}

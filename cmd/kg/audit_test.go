package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestAuditCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	write(t, filepath.Join(dir, "in", "one.txt"), "Pentagon briefing\n\nUS Defense Secretary Pete Hegseth met Japanese officials in Tokyo on Monday.\n")
	// Under a title Hegseth holds the extractor itself reads "Pete Hagsth" as
	// him (extract.TestTitledVariant); under another it stays a node of its
	// own, which the audit reports.
	write(t, filepath.Join(dir, "in", "two.txt"), "Pentagon visit\n\nUS envoy Pete Hagsth visited Japan on Friday.\n")
	if r := kg(t, dir, nil, "import", "--db", db, filepath.Join(dir, "in")); r.code != 0 {
		t.Fatalf("import: %d\n%s", r.code, r.stderr)
	}
	r := kg(t, dir, nil, "audit", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, `"Pete Hagsth"`) || !strings.Contains(r.stdout, "a misspelling") {
		t.Fatalf("kg audit: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = kg(t, dir, nil, "audit", "--json", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, `"splits"`) {
		t.Errorf("kg audit --json: %d\n%s", r.code, r.stdout)
	}
	r = kg(t, dir, nil, "audit", "--db", filepath.Join(dir, "typo.db"))
	if r.code == 0 || !strings.Contains(r.stderr, "no store at") {
		t.Errorf("audit of a missing store: %d\n%s", r.code, r.stderr)
	}
}

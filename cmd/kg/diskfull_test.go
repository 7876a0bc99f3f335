//go:build linux

package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A store that cannot grow (a file-size limit, as a full disk) stops the
// import with an error naming the store's file, exit 1; the store stays
// readable and a rerun with room completes the import.
func TestImportDiskFull(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	crashCorpus(t, in, 300, 0)
	db := filepath.Join(dir, "full.db")
	// ulimit -f counts 512-byte blocks: 200 kB, far less than the import needs.
	// Go ignores SIGXFSZ, so writes past the limit fail with EFBIG.
	cmd := exec.Command("sh", "-c", `ulimit -f 400 && exec "$0" --db "$1" import "$2"`, kgBin, db, in)
	cmd.Dir = dir
	cmd.Env = embeddedEnv()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("import past the file-size limit: %v, want exit 1\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), db) || !strings.Contains(errb.String(), "disk full") {
		t.Errorf("error does not name the store and the cause:\n%s", errb.String())
	}
	if r := kg(t, dir, nil, "--db", db, "stats"); r.code != 0 {
		t.Fatalf("store not readable after the failed import: exit %d\n%s", r.code, r.stderr)
	}
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("rerun with room: exit %d\n%s", r.code, r.stderr)
	}
	clean := filepath.Join(dir, "clean.db")
	if r := kg(t, dir, nil, "--db", clean, "import", in); r.code != 0 {
		t.Fatal(r.stderr)
	}
	a := kg(t, dir, nil, "--db", db, "stats")
	b := kg(t, dir, nil, "--db", clean, "stats")
	strip := func(s string) string { return strings.ReplaceAll(s, filepath.Base(db), "") }
	if strip(a.stdout) != strings.ReplaceAll(b.stdout, filepath.Base(clean), "") {
		t.Errorf("after the rerun the store differs from a clean import:\n%s\n%s", a.stdout, b.stdout)
	}
}

//go:build linux

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
)

// Fault injection on the embedded store, through the real binary: a store
// it may not write, a store another process keeps locked, two imports at
// once. (A full disk: diskfull_test.go; SIGKILL: main_test.go and the
// 20-kill loop in killloop_test.go.)

// importAs runs kg import like kg(), but as an unprivileged user when the
// test runs as root (root may write any file, so permissions would test
// nothing): the binary, the inputs and the store must then be reachable by
// that user, which chmodReachable sees to.
func importAs(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(kgBin, args...)
	cmd.Dir = dir
	cmd.Env = embeddedEnv()
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}} // nobody
	}
	return runKG(t, cmd)
}

// chmodReachable lets other users into path's directory and every parent
// up to the temp root (t.TempDir and the binary's folder are 0700).
func chmodReachable(t *testing.T, path string) {
	t.Helper()
	for p := path; p != "/" && p != "." && p != os.TempDir(); p = filepath.Dir(p) {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func openEmbedded(t testing.TB, path string) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// A store kg may not write (the file read-only, or its directory, where
// SQLite keeps the -wal and -shm files): the import fails with an error
// naming the store and saying it is read-only, exit 1, and the store keeps
// what it held; a read-only file still answers reads; with write
// permission back, the same import completes to the clean graph.
func TestImportReadOnlyStore(t *testing.T) {
	chmodReachable(t, filepath.Dir(kgBin))
	for _, c := range []struct{ name, lock string }{
		{"file", "file"},
		{"directory", "dir"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			storeDir := filepath.Join(dir, "store")
			db := filepath.Join(storeDir, "kg.db")
			crashCorpus(t, in, 40, 0)
			write(t, filepath.Join(storeDir, ".keep"), "")
			if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
				t.Fatalf("first import: %d %s", r.code, r.stderr)
			}
			before := kg(t, dir, nil, "--db", db, "stats", "--json").stdout
			crashCorpus(t, in, 40, 1) // every article changed: the import must write
			chmodReachable(t, in)
			chmodReachable(t, storeDir)
			if os.Geteuid() == 0 {
				// The test's directories belong to root; nobody may write
				// only where the case allows it.
				if err := os.Chmod(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			switch c.lock {
			case "file":
				if err := os.Chmod(db, 0o444); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(storeDir, 0o777); err != nil {
					t.Fatal(err)
				}
			case "dir":
				if err := os.Chmod(db, 0o666); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(storeDir, 0o555); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			r := importAs(t, dir, "--db", db, "import", in)
			t.Logf("read-only %s: exit %d after %s: %s", c.name, r.code, time.Since(start).Round(time.Millisecond), strings.TrimSpace(r.stderr))
			if r.code != 1 {
				t.Fatalf("import into a read-only store: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, db) || !strings.Contains(r.stderr, "read-only") {
				t.Errorf("error does not name the store and say it is read-only:\n%s", r.stderr)
			}
			if c.lock == "file" {
				if s := importAs(t, dir, "--db", db, "stats"); s.code != 0 || !strings.Contains(s.stdout, "Articles") {
					t.Errorf("a read-only store must still answer reads: exit %d\n%s%s", s.code, s.stdout, s.stderr)
				}
			}
			os.Chmod(storeDir, 0o755)
			os.Chmod(db, 0o644)
			if after := kg(t, dir, nil, "--db", db, "stats", "--json").stdout; after != before {
				t.Errorf("the failed import changed the store:\nbefore %s\nafter  %s", before, after)
			}
			if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
				t.Fatalf("rerun with write permission: %d %s", r.code, r.stderr)
			}
			clean := filepath.Join(dir, "clean.db")
			if r := kg(t, dir, nil, "--db", clean, "import", in); r.code != 0 {
				t.Fatalf("clean import: %d %s", r.code, r.stderr)
			}
			storetest.Equal(t, openEmbedded(t, db), openEmbedded(t, clean))
		})
	}
}

// A store another process keeps write-locked: the import waits the busy
// timeout (10 s), then fails with an error naming the store and saying it
// is busy, exit 1; no hang, nothing written; once the lock is gone the
// import completes to the clean graph.
func TestImportLockedStore(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	db := filepath.Join(dir, "kg.db")
	crashCorpus(t, in, 40, 0)
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("first import: %d %s", r.code, r.stderr)
	}
	before := kg(t, dir, nil, "--db", db, "stats", "--json").stdout
	crashCorpus(t, in, 40, 1)

	holder := exec.Command(os.Args[0], "-test.run", "^$")
	holder.Env = append(os.Environ(), holdLockEnv+"="+db)
	release, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var holderErr bytes.Buffer
	holder.Stderr = &holderErr
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { release.Close(); holder.Wait() }()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("lock holder: %q %s", line, holderErr.String())
	}

	cmd := exec.Command(kgBin, "--db", db, "import", in)
	cmd.Dir = dir
	cmd.Env = embeddedEnv()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("import into a locked store still running after 2 minutes: a hang\n%s", errb.String())
	}
	waited := time.Since(start)
	t.Logf("locked store: %v after %s: %s", err, waited.Round(time.Millisecond), strings.TrimSpace(errb.String()))
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("import into a locked store: %v, want exit 1\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), db) || !strings.Contains(errb.String(), "store busy") {
		t.Errorf("error does not name the store and say it is busy:\n%s", errb.String())
	}
	// The reads of a locked store still work (WAL: readers never wait).
	if after := kg(t, dir, nil, "--db", db, "stats", "--json").stdout; after != before {
		t.Errorf("the failed import changed the store, or it cannot be read while locked:\nbefore %s\nafter  %s", before, after)
	}
	release.Close()
	if err := holder.Wait(); err != nil {
		t.Fatalf("lock holder: %v %s", err, holderErr.String())
	}
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("rerun without the lock: %d %s", r.code, r.stderr)
	}
	clean := filepath.Join(dir, "clean.db")
	if r := kg(t, dir, nil, "--db", clean, "import", in); r.code != 0 {
		t.Fatalf("clean import: %d %s", r.code, r.stderr)
	}
	storetest.Equal(t, openEmbedded(t, db), openEmbedded(t, clean))
}

// concurrentImports runs two kg imports at once on overlapping halves of
// the same article files (a: files 0..2n/3, b: n/3..n), with env, and
// fails unless both succeed.
func concurrentImports(t *testing.T, dir string, env []string, args []string, files []string) {
	t.Helper()
	third := len(files) / 3
	parts := [][]string{files[:2*third], files[third:]}
	type out struct {
		r   result
		err error
	}
	outs := make(chan out, 2)
	for _, part := range parts {
		go func() {
			cmd := exec.Command(kgBin, append(append(append([]string(nil), args...), "import", "--batch", "4"), part...)...)
			cmd.Dir = dir
			cmd.Env = append(embeddedEnv(), env...)
			var o, e bytes.Buffer
			cmd.Stdout, cmd.Stderr = &o, &e
			err := cmd.Run()
			outs <- out{result{o.String(), e.String(), 0}, err}
		}()
	}
	for range parts {
		o := <-outs
		if o.err != nil {
			t.Errorf("concurrent import: %v\n%s%s", o.err, o.r.stdout, o.r.stderr)
		}
	}
}

func articleFiles(t *testing.T, in string) []string {
	files, err := filepath.Glob(filepath.Join(in, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in %s: %v", in, err)
	}
	return files
}

// Two kg imports into one embedded store at once, on overlapping articles:
// both finish (each batch waits for the other's write lock, the busy
// timeout being far longer than one batch) and the graph equals a
// sequential import of all the articles.
func TestConcurrentImportsEmbedded(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	crashCorpus(t, in, 300, 0)
	files := articleFiles(t, in)
	db := filepath.Join(dir, "kg.db")
	// The store exists first, as when two imports add to one graph.
	if r := kg(t, dir, nil, "--db", db, "import", files[0]); r.code != 0 {
		t.Fatal(r.stderr)
	}
	concurrentImports(t, dir, nil, []string{"--db", db}, files)
	clean := filepath.Join(dir, "clean.db")
	if r := kg(t, dir, nil, append([]string{"--db", clean, "import"}, files...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	a := openEmbedded(t, db)
	if st, _ := a.Stats(t.Context()); st.Articles != len(files) {
		t.Errorf("%d articles after the concurrent imports, want %d", st.Articles, len(files))
	}
	storetest.Equal(t, a, openEmbedded(t, clean))
}

// The same with Neo4j: both imports finish (writers lock what they touch,
// deadlocks are retried) and the graph equals one import of all of them.
func TestConcurrentImportsNeo4j(t *testing.T) {
	env, n4j := neo4jEnv(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	crashCorpus(t, in, 300, 0)
	files := articleFiles(t, in)
	concurrentImports(t, dir, env, nil, files)
	clean := filepath.Join(dir, "clean.db")
	if r := kg(t, dir, nil, append([]string{"--db", clean, "import"}, files...)...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	storetest.Equal(t, n4j, openEmbedded(t, clean))
}

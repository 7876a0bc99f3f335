package embedded

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// crashChildEnv names the database a TestCrashChild process writes to.
const crashChildEnv = "KG_EMBEDDED_CRASH_CHILD_DB"

const crashCorpusSize = 150

// crashRoundEnv tells a TestCrashChild which round it is, so that every
// version it writes is new and every write replaces (deletes, then inserts).
const crashRoundEnv = "KG_EMBEDDED_CRASH_ROUND"

// childVersion is the revision a crash child of round writes in pass.
func childVersion(round, pass int) int { return 2 + 1000*round + pass }

// expectedVersion is the whole document d should be, given which revision
// its title says it is: the corpus original or one of the child's revisions.
func expectedVersion(original, d graph.Document) graph.Document {
	var rev int
	i := strings.LastIndex(d.Article.Title, "(rev ")
	if i < 0 {
		return storetest.Normalize(original)
	}
	if _, err := fmt.Sscanf(d.Article.Title[i:], "(rev %d)", &rev); err != nil {
		return storetest.Normalize(original)
	}
	return storetest.Normalize(storetest.Revise(original, rev))
}

// TestCrashChild is the process TestCrashSafety kills: it writes the corpus
// forever in small Write calls, a new revision of every article in each
// pass, and prints the ids of each call's articles once it has returned.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("helper process of TestCrashSafety")
	}
	round, err := strconv.Atoi(os.Getenv(crashRoundEnv))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	docs := storetest.Corpus(crashCorpusSize)
	r := rand.New(rand.NewPCG(uint64(os.Getpid()), 0))
	for pass := 0; ; pass++ {
		for i := 0; i < len(docs); {
			var batch []graph.Document
			var ids []string
			for _, d := range docs[i:min(len(docs), i+1+r.IntN(6))] {
				d = storetest.Revise(d, childVersion(round, pass))
				batch = append(batch, d)
				ids = append(ids, d.Article.ID)
			}
			if _, err := s.Write(context.Background(), batch); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
			fmt.Println("committed", strings.Join(ids, " ")) // one write(2): a whole line or nothing
			i += len(batch)
		}
	}
}

// TestCrashSafety kills a real writer process at random moments and checks
// that the file always reopens intact, holding only whole articles and
// every write the writer saw committed, and that importing again afterwards
// gives exactly a clean import.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 0))
	path := filepath.Join(t.TempDir(), "kg.db")
	docs := storetest.Corpus(crashCorpusSize)
	originals := map[string]graph.Document{}
	for _, d := range docs {
		originals[d.Article.ID] = d
	}

	for round := range 5 {
		after := 1 + r.IntN(40)
		delay := time.Duration(r.IntN(4000)) * time.Microsecond
		acked := runAndKill(t, path, round, after, delay)
		t.Logf("round %d: killed %v after commit %d; %d articles acknowledged", round, delay, after, len(acked))
		checkIntact(t, path, originals, acked)
	}

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	clean := openTemp(t)
	defer clean.Close()
	if _, err := clean.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, s, clean)
}

// runAndKill starts a TestCrashChild writing to path, SIGKILLs it delay after
// its after-th reported commit, and returns every article id it reported
// committed.
func runAndKill(t *testing.T, path string, round, after int, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path, crashRoundEnv+"="+strconv.Itoa(round))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	commits := 0
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		line := lines.Text()
		ids, ok := strings.CutPrefix(line, "committed ")
		if !ok {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %s\n%s", line, stderr.String())
		}
		acked = append(acked, strings.Fields(ids)...)
		if commits++; commits == after {
			time.Sleep(delay)
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = cmd.Wait()
	if commits < after || cmd.ProcessState.Exited() {
		t.Fatalf("child ended by itself after %d commits (%v):\n%s", commits, err, stderr.String())
	}
	return acked
}

// checkIntact reopens the file after a crash: it must pass SQLite's own
// checks, and every stored article must be one whole version of itself.
func checkIntact(t *testing.T, path string, originals map[string]graph.Document, acked []string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	var integrity string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check: %q, %v", integrity, err)
	}
	rows, err := s.db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check reports violations")
	}
	rows.Close()

	stored := map[string]bool{}
	for _, d := range storetest.Documents(t, s) {
		stored[d.Article.ID] = true
		original, ok := originals[d.Article.ID]
		if !ok {
			t.Errorf("unknown article %q", d.Article.ID)
			continue
		}
		if want := expectedVersion(original, d); !reflect.DeepEqual(d, want) {
			t.Errorf("article %q is not a whole version of itself:\n%s", d.Article.ID, storetest.Diff(want, d))
		}
	}
	for _, id := range acked {
		if !stored[id] {
			t.Errorf("article %q was reported committed but is not stored", id)
		}
	}
}

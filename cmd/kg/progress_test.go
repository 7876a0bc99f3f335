package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph/embedded"
)

func bigFeed(t *testing.T, dir string, n int) string {
	p := filepath.Join(dir, "feed.jsonl")
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "{\"id\":\"a%05d\",\"text\":%q}\n", i, fmt.Sprintf(story, i))
	}
	write(t, p, b.String())
	return p
}

const story = "Talks %d\nArmenia and Azerbaijan held talks in Brussels, mediated by the European Union. Russia struck Kharkiv with Shahed-136 drones.\n"

// Ctrl-C stops the import after the batch in flight, says how many
// articles were written, and that is what the store holds.
func TestInterruptSaysWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	feed := bigFeed(t, dir, 20000)
	db := filepath.Join(dir, "kg.db")
	cmd := exec.Command(kgBin, "--db", db, "--log-level", "debug", "import", "--batch", "16", "--no-parse", feed)
	cmd.Env = embeddedEnv()
	var out bytes.Buffer
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var rest bytes.Buffer
	for n := 0; sc.Scan(); {
		if strings.Contains(sc.Text(), "extracted") {
			if n++; n == 200 {
				cmd.Process.Signal(syscall.SIGINT)
			}
		}
		rest.WriteString(sc.Text() + "\n")
	}
	err = cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit %v, want %d\n%s", err, exitInterrupted, out.String())
	}
	m := regexp.MustCompile(`interrupted: (\d+) article\(s\) written before the stop .*run the same import again to complete it`).FindStringSubmatch(rest.String())
	if m == nil {
		t.Fatalf("no word of what was written:\n%s", tail(rest.String(), 5))
	}
	written, _ := strconv.Atoi(m[1])
	s, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Stats(context.Background())
	if st.Articles != written || written == 0 || written >= 20000 {
		t.Errorf("said %d written, the store holds %d", written, st.Articles)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("new %d,", written)) {
		t.Errorf("summary:\n%s", out.String())
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// On a pipe an import prints no progress, only its logs and the summary.
func TestNoProgressOffTerminal(t *testing.T) {
	dir := t.TempDir()
	r := kg(t, dir, nil, "import", "--no-parse", bigFeed(t, dir, 300))
	if r.code != 0 || strings.Contains(r.stderr, "articles/s") || strings.Contains(r.stderr, "\r") || strings.Contains(r.stdout, "\r") {
		t.Errorf("%d\n%q\n%q", r.code, r.stdout, r.stderr)
	}
}

// On a terminal (a pty made by script(1)) the bar shows articles done of
// the total, the rate and the time left, and is gone before the summary.
func TestProgressOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed: no pty to test the progress bar on")
	}
	dir := t.TempDir()
	feed := bigFeed(t, dir, 3000)
	cmd := exec.Command(script, "-qfec", kgBin+" --db "+filepath.Join(dir, "kg.db")+" import --no-parse --batch 8 "+feed, "/dev/null")
	cmd.Dir = dir
	cmd.Env = append(embeddedEnv(), "COLUMNS=150", "LINES=40")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s := string(out)
	if !regexp.MustCompile(`\(\d+/3000, \d+ articles/s\) \[\d+s:\d+s\] [\d.]+ MB/s`).MatchString(s) {
		t.Errorf("no progress bar in:\n%q", tail(s, 3))
	}
	if !strings.Contains(s, "Imported 3000 article(s)") {
		t.Errorf("no summary:\n%s", tail(s, 8))
	}
}

func TestCountArticles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "one.txt"), "x")
	write(t, filepath.Join(dir, "b", "two.html"), "x")
	write(t, filepath.Join(dir, "b", "feed.jsonl"), "{}\n\n{}\n"+strings.Repeat("x", 300<<10)+"\n{}")
	write(t, filepath.Join(dir, ".hidden", "h.txt"), "x")
	write(t, filepath.Join(dir, "notes.md"), "x")
	if n, ok := countArticles(context.Background(), []string{dir}, article.Options{}); n != 6 || !ok {
		t.Errorf("counted %d, %v; want 6", n, ok)
	}
	if _, ok := countArticles(context.Background(), []string{dir, "-"}, article.Options{}); ok {
		t.Error("stdin counted")
	}
}

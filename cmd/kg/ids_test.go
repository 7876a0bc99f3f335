package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSameNamedFilesInTwoFoldersAreBothKept(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "news", "a", "story.txt"), storyA)
	write(t, filepath.Join(dir, "news", "b", "story.txt"), storyB)
	r := kg(t, dir, nil, "import", "--db", "x.db", "news")
	if r.code != 0 || !strings.Contains(r.stdout, "Imported 2 article(s)") {
		t.Fatalf("import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	s := kg(t, dir, nil, "--db", "x.db", "stats")
	if !regexp.MustCompile(`Articles +2\n`).MatchString(s.stdout) {
		t.Errorf("stats after importing two same-named files:\n%s", s.stdout)
	}
	for _, id := range []string{"a/story", "b/story"} {
		if r := kg(t, dir, nil, "--db", "x.db", "forget", id); r.code != 0 {
			t.Errorf("forget %s: %d %s%s", id, r.code, r.stdout, r.stderr)
		}
	}
}

func TestTwoStdinRunsAreBothKept(t *testing.T) {
	dir := t.TempDir()
	stdin := func(input string) result {
		cmd := exec.Command(kgBin, "--db", "x.db", "import", "--input-format", "jsonl", "-")
		cmd.Dir = dir
		cmd.Env = embeddedEnv()
		cmd.Stdin = strings.NewReader(input)
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return result{stdout: string(out), code: code}
	}
	feed1 := `{"title":"Talks","text":"Iran and the United States held talks in Muscat."}` + "\n"
	feed2 := `{"title":"Truce","text":"Kenyan President William Ruto met army chief Abdel Fattah al-Burhan in Nairobi."}` + "\n"
	if r := stdin(feed1); r.code != 0 || !strings.Contains(r.stdout, "new 1, replaced 0") {
		t.Fatalf("first feed: %d %s", r.code, r.stdout)
	}
	if r := stdin(feed2); r.code != 0 || !strings.Contains(r.stdout, "new 1, replaced 0") {
		t.Fatalf("second feed replaced the first: %d %s", r.code, r.stdout)
	}
	if r := stdin(feed1); r.code != 0 || !strings.Contains(r.stdout, "unchanged 1") {
		t.Fatalf("the first feed again is not idempotent: %d %s", r.code, r.stdout)
	}
	for _, name := range []string{"Muscat", "William Ruto"} {
		if r := kg(t, dir, nil, "--db", "x.db", "show", name); r.code != 0 {
			t.Errorf("%s lost: %s", name, r.stderr)
		}
	}
}

func TestDuplicateIDWarnsNamingBothInputs(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "one.jsonl"), `{"id":"x","text":"Iran and the United States held talks in Muscat."}`+"\n")
	write(t, filepath.Join(dir, "two.jsonl"), `{"id":"x","text":"Kenyan President William Ruto met army chief Abdel Fattah al-Burhan in Nairobi."}`+"\n")
	r := kg(t, dir, nil, "import", "one.jsonl", "two.jsonl")
	if r.code != 0 || !strings.Contains(r.stderr, "one.jsonl:1") || !strings.Contains(r.stderr, "two.jsonl:1") ||
		!strings.Contains(r.stdout, "1 article(s) had an id another article of this import already had") {
		t.Errorf("default policy: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = kg(t, dir, nil, "--db", "e.db", "import", "--on-duplicate", "error", "one.jsonl", "two.jsonl")
	if r.code != exitError || !strings.Contains(r.stderr, `two different articles have the id \"x\"`) && !strings.Contains(r.stderr, `two different articles have the id "x"`) {
		t.Errorf("--on-duplicate error: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := kg(t, dir, nil, "import", "--on-duplicate", "nope", "one.jsonl"); r.code != exitUsage {
		t.Errorf("bad policy: exit %d", r.code)
	}
}

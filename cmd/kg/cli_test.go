package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		r := kg(t, t.TempDir(), nil, args...)
		if r.code != 0 {
			t.Fatalf("kg %v: %d %s", args, r.code, r.stderr)
		}
		for _, want := range []string{"kg ", "commit ", "go1.", "extractor  kg-extract-", "model      tagger", "model      parser", "model      relation"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("kg %v lacks %q:\n%s", args, want, r.stdout)
			}
		}
	}
}

func TestUnknownCommandSuggests(t *testing.T) {
	r := kg(t, t.TempDir(), nil, "improt", "x")
	if r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "improt"`) || !strings.Contains(r.stderr, `Did you mean "import"?`) {
		t.Errorf("improt: %d %s", r.code, r.stderr)
	}
	r = kg(t, t.TempDir(), nil, "stats", "--nope")
	if r.code != exitUsage || !strings.Contains(r.stderr, "flag provided but not defined: -nope") || strings.Contains(r.stdout, "USAGE") {
		t.Errorf("bad flag: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestReadOnlyCommandsNeedAStore(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"stats"}, {"show", "Oman"}, {"forget", "x"}} {
		r := kg(t, dir, nil, append([]string{"--db", "typo.db"}, args...)...)
		if r.code != exitError || !strings.Contains(r.stderr, "no store at typo.db (run kg import first, or pass --db)") {
			t.Errorf("kg %v on a missing store: %d %s", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("a read-only command created the store")
	}
}

func TestNoColor(t *testing.T) {
	// Logs are plain for a pipe whatever NO_COLOR says; with NO_COLOR they
	// are plain on a terminal too (logrus's own terminal check covers the
	// rest). Here: no escape sequence reaches a pipe.
	r := kg(t, t.TempDir(), []string{"NO_COLOR=1"}, "--db", "none.db", "stats")
	if strings.Contains(r.stderr, "\x1b[") {
		t.Errorf("colour escapes in %q", r.stderr)
	}
}

func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, sh := range []string{"bash", "zsh", "fish"} {
		r := kg(t, dir, nil, "completion", sh)
		if r.code != 0 || !strings.Contains(r.stdout, "kg") {
			t.Fatalf("completion %s: %d %s", sh, r.code, r.stderr)
		}
		if _, err := exec.LookPath(sh); err == nil && sh != "fish" {
			cmd := exec.Command(sh, "-n")
			cmd.Stdin = strings.NewReader(r.stdout)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v %s", sh, err, out)
			}
		}
	}
	if !strings.Contains(kg(t, dir, nil, "completion", "fish").stdout, "complete -c kg") {
		t.Error("fish script does not complete kg")
	}
	if r := kg(t, dir, nil, "completion", "tcsh"); r.code != exitUsage {
		t.Errorf("unknown shell: %d", r.code)
	}
	// What the scripts ask kg: the commands, and nothing is imported.
	r := kg(t, dir, nil, "--generate-bash-completion")
	if !strings.Contains(r.stdout, "import\n") || !strings.Contains(r.stdout, "completion\n") {
		t.Errorf("completion words: %s", r.stdout)
	}
	kg(t, dir, nil, "import", "--db", "c.db", "x", "--generate-bash-completion")
	if _, err := os.Stat(filepath.Join(dir, "c.db")); err == nil {
		t.Error("completion ran the import")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Neo4j password never shows: not in --help (given by flag or
// environment), not in errors or logs at debug level, not when it is in
// the URI.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cr3t-Pa55word"
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	write(t, pwFile, secret+"\n")
	cases := []struct {
		name string
		env  []string
		args []string
	}{
		{"help env", []string{"NEO4J_PASSWORD=" + secret}, []string{"--help"}},
		{"help flag", nil, []string{"--neo4j-password", secret, "--help"}},
		{"import help", []string{"NEO4J_PASSWORD=" + secret}, []string{"import", "--help"}},
		// port 1: nothing listens, the connection fails
		{"connect error", []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD=" + secret}, []string{"--log-level", "debug", "init"}},
		{"connect error file", []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD_FILE=" + pwFile}, []string{"--log-level", "debug", "--log-format", "json", "init"}},
		{"password in URI", []string{"NEO4J_URI=bolt://neo4j:" + secret + "@127.0.0.1:1"}, []string{"--log-level", "debug", "init"}},
		{"bad URI", []string{"NEO4J_URI=http://neo4j:" + secret + "@127.0.0.1:1"}, []string{"--log-level", "debug", "init"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := kg(t, dir, c.env, c.args...)
			if strings.Contains(r.stdout+r.stderr, secret) {
				t.Fatalf("the password shows (exit %d):\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if strings.HasPrefix(c.name, "help") && !strings.Contains(r.stdout, "neo4j-password-file") {
				t.Fatalf("help does not list the password flags:\n%s", r.stdout)
			}
			if !strings.Contains(c.name, "help") && (r.code == 0 || r.stderr == "") {
				t.Fatalf("exit %d, stderr %q: want an error", r.code, r.stderr)
			}
		})
	}
}

func TestPasswordFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	r := kg(t, dir, []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD_FILE=" + missing}, "init")
	if r.code != 1 || !strings.Contains(r.stderr, missing) {
		t.Errorf("missing file: exit %d, stderr %q: want 1 and the path", r.code, r.stderr)
	}
	empty := filepath.Join(dir, "empty")
	write(t, empty, "\n")
	r = kg(t, dir, []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD_FILE=" + empty}, "init")
	if r.code != 1 || !strings.Contains(r.stderr, "empty") {
		t.Errorf("empty file: exit %d, stderr %q", r.code, r.stderr)
	}
	r = kg(t, dir, []string{"NEO4J_URI=bolt://127.0.0.1:1", "NEO4J_PASSWORD=x", "NEO4J_PASSWORD_FILE=" + empty}, "init")
	if r.code != exitUsage || !strings.Contains(r.stderr, "not both") {
		t.Errorf("both: exit %d, stderr %q", r.code, r.stderr)
	}
}

// A password read from a file opens the real server (first line only).
func TestPasswordFileConnects(t *testing.T) {
	env, _ := neo4jEnv(t)
	dir := t.TempDir()
	var keep []string
	pwFile := filepath.Join(dir, "pw")
	for _, e := range env {
		if pw, ok := strings.CutPrefix(e, "NEO4J_PASSWORD="); ok {
			if err := os.WriteFile(pwFile, []byte(pw+"\r\nsecond line ignored\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			continue
		}
		keep = append(keep, e)
	}
	r := kg(t, dir, append(keep, "NEO4J_PASSWORD_FILE="+pwFile), "init")
	if r.code != 0 {
		t.Fatalf("kg init with a password file: exit %d\n%s", r.code, r.stderr)
	}
}

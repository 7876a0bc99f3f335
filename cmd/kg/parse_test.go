package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/extract/syntax"
)

func TestParsePrintsCoNLLU(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "talks.txt"), "Talks in Muscat\n\nOman didn't host the talks, which were mediated by Qatar.\n")
	r := kg(t, dir, nil, "parse", "talks.txt")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	sents, err := syntax.ReadCoNLLU(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("kg parse output is not CoNLL-U: %v\n%s", err, r.stdout)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2 (title and body):\n%s", len(sents), r.stdout)
	}
	body := sents[1]
	forms := []string{}
	for _, w := range body.Words {
		forms = append(forms, w.Form)
	}
	if got := strings.Join(forms, " "); got != "Oman did n't host the talks , which were mediated by Qatar ." {
		t.Errorf("words %q", got)
	}
	if len(body.Multi) != 1 || body.Multi[0].Form != "didn't" {
		t.Errorf("multiword tokens %+v, want didn't", body.Multi)
	}
	if !strings.Contains(r.stdout, "# newdoc id = talks") || !strings.Contains(r.stdout, "# text = Oman didn't host") {
		t.Errorf("missing comments:\n%s", r.stdout)
	}
	// The root is the main verb and Oman its subject.
	root := -1
	for i, w := range body.Words {
		if w.Head == 0 {
			root = i
		}
	}
	if root < 0 || body.Words[root].Form != "host" || body.Words[0].Head != root+1 || body.Words[0].Deprel != "nsubj" {
		t.Errorf("parse:\n%s", r.stdout)
	}
}

func TestParseStdinAndBadInput(t *testing.T) {
	dir := t.TempDir()
	r := kg(t, dir, nil, "parse", "missing.txt")
	if r.code != exitError || !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("missing file: exit %d, stderr %s", r.code, r.stderr)
	}
	bad := filepath.Join(dir, "bad.conllu")
	write(t, bad, "1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\n")
	r = kg(t, dir, nil, "parse", "--eval", bad)
	if r.code != exitError || !strings.Contains(r.stderr, "bad.conllu") || !strings.Contains(r.stderr, "line 1") {
		t.Errorf("bad CoNLL-U: exit %d, stderr %s", r.code, r.stderr)
	}
	if r := kg(t, dir, nil, "parse", "--json"); r.code != exitUsage {
		t.Errorf("--json without --eval: exit %d", r.code)
	}
}

func TestParseEvalJSON(t *testing.T) {
	test := filepath.Join(repoRoot(t), "..", "shared", "datasets", "ud-ewt", "en_ewt-ud-test.conllu")
	if _, err := os.Stat(test); err != nil {
		t.Skipf("UD English EWT not available (%v): it lives in ../shared/datasets/ud-ewt", err)
	}
	r := kg(t, t.TempDir(), nil, "parse", "--eval", test, "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		UPOS, UAS, LAS    float64
		Sentences, Tokens int
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	if got.Sentences != 2077 || got.Tokens < 25000 {
		t.Errorf("counted %d sentences, %d tokens", got.Sentences, got.Tokens)
	}
	// The published UDPipe 1.2 model scores UPOS 0.944, UAS 0.845, LAS 0.812.
	if got.UPOS < 0.944 || got.UAS < 0.845 || got.LAS < 0.812 {
		t.Errorf("test scores %+v below UDPipe 1.2's", got)
	}
}

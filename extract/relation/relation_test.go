package relation

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// "Oman mediated talks between Iran and the United States ." parsed by hand.
func omanSentence() *Sentence {
	return &Sentence{
		Tokens:  []string{"Oman", "mediated", "talks", "between", "Iran", "and", "the", "United", "States", "."},
		Lemmas:  []string{"Oman", "mediate", "talk", "between", "Iran", "and", "the", "United", "States", "."},
		UPOS:    []string{"PROPN", "VERB", "NOUN", "ADP", "PROPN", "CCONJ", "DET", "PROPN", "PROPN", "PUNCT"},
		Heads:   []int{1, -1, 1, 4, 2, 8, 8, 8, 4, 1},
		Deprels: []string{"nsubj", "root", "obj", "case", "nmod", "cc", "det", "compound", "conj", "punct"},
		Cues:    []graph.RelationType{"", graph.Mediates, graph.NegotiatesWith, "", "", "", "", "", "", ""},
		Mentions: []Mention{
			{Start: 0, End: 1, Entity: 0, Type: graph.State, Form: "name"},
			{Start: 4, End: 5, Entity: 1, Type: graph.State, Form: "name"},
			{Start: 7, End: 9, Entity: 2, Type: graph.State, Form: "name"},
		},
		Rules: []Hit{{Source: 0, Target: 1, Type: graph.Mediates, Rule: "mediation"}},
	}
}

func has(c Candidate, f string) bool { return slices.Contains(c.Feats, f) }

func TestCandidatesReadThePath(t *testing.T) {
	cs := Candidates(omanSentence())
	if len(cs) != 3 {
		t.Fatalf("%d candidates, want 3 pairs", len(cs))
	}
	byPair := map[[2]int]Candidate{}
	for _, c := range cs {
		byPair[[2]int{c.A, c.B}] = c
	}
	om, ok := byPair[[2]int{0, 1}]
	if !ok {
		t.Fatalf("no Oman-Iran pair: %+v", cs)
	}
	for _, f := range []string{"path|nsubj<^>obj>nmod", "top|mediate", "roles|nsubj|obj", "caseB-top|between|mediate",
		"rule|MEDIATES|fwd", "pathcue|MEDIATES", "types|State|State"} {
		if !has(om, f) {
			t.Errorf("Oman-Iran lacks %q: %q", f, om.Feats)
		}
	}
	if om.Path != "nsubj<mediate>talk>obj>nmod" {
		t.Errorf("path %q", om.Path)
	}
	// Iran and the United States are coordinated: the path is one conj arc,
	// and Iran is the top.
	iu := byPair[[2]int{1, 2}]
	if !has(iu, "path|^>conj") || !has(iu, "top|@") || has(iu, "anyrule") {
		t.Errorf("Iran-US features %q", iu.Feats)
	}
}

func TestNegationAndModality(t *testing.T) {
	// "Iran did not attack Israel" / "Iran could attack Israel"
	s := &Sentence{
		Tokens:   []string{"Iran", "did", "not", "attack", "Israel"},
		Lemmas:   []string{"Iran", "do", "not", "attack", "Israel"},
		UPOS:     []string{"PROPN", "AUX", "PART", "VERB", "PROPN"},
		Heads:    []int{3, 3, 3, -1, 3},
		Deprels:  []string{"nsubj", "aux", "advmod", "root", "obj"},
		Cues:     []graph.RelationType{"", "", "", graph.Attacks, ""},
		Mentions: []Mention{{0, 1, 0, graph.State, "name"}, {4, 5, 1, graph.State, "name"}},
	}
	c := Candidates(s)[0]
	if !has(c, "neg") || !has(c, "neg-top|attack") || has(c, "modal|could") {
		t.Errorf("negated: %q", c.Feats)
	}
	s.Tokens[1], s.Lemmas[1], s.Tokens[2], s.Lemmas[2], s.Deprels[2] = "could", "could", "then", "then", "advmod"
	c = Candidates(s)[0]
	if has(c, "neg") || !has(c, "modal|could") {
		t.Errorf("modal: %q", c.Feats)
	}
}

func TestClassOf(t *testing.T) {
	if c := Classes[ClassOf(graph.Mediates, 0, 0)]; c.Type != graph.Mediates || !c.Forward {
		t.Errorf("forward mediation: %+v", c)
	}
	if c := Classes[ClassOf(graph.Mediates, 1, 0)]; c.Forward {
		t.Errorf("backward mediation: %+v", c)
	}
	if c := Classes[ClassOf(graph.MeetsWith, 1, 0)]; !c.Forward {
		t.Errorf("symmetric types have one class: %+v", c)
	}
	if len(Classes) != 29 {
		t.Errorf("%d classes, want 3 symmetric + 2x13 directed", len(Classes))
	}
}

// A scorer trained on a toy task learns it, keeps schema limits, survives
// Save and Load, and gives a bag's positive to one candidate only.
func TestTrainScoreSaveLoad(t *testing.T) {
	med := ClassOf(graph.Mediates, 0, 0)
	var ex []Example
	for i := 0; i < 40; i++ {
		pos := Example{Cand: Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|mediate"}}, Labels: make([]bool, len(Classes))}
		pos.Labels[med] = true
		neg := Example{Cand: Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|say"}}, Labels: make([]bool, len(Classes))}
		ex = append(ex, pos, neg)
	}
	m := Train(ex, TrainOptions{Seed: 1})
	p := m.Scores(&Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|mediate"}})
	q := m.Scores(&Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|say"}})
	if p[med] < 0.8 || q[med] > 0.2 {
		t.Errorf("p(mediate) %.2f with the cue, %.2f without", p[med], q[med])
	}
	w := m.Scores(&Candidate{TA: graph.Weapon, TB: graph.State, Feats: []string{"bias", "top|mediate"}})
	if w[med] != 0 {
		t.Errorf("a weapon cannot mediate: %.2f", w[med])
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Scores(&Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|mediate"}}); !closeTo(got[med], p[med]) {
		t.Errorf("loaded model scores %.4f, saved %.4f", got[med], p[med])
	}
	if _, err := Load(strings.NewReader("junk")); err == nil {
		t.Error("junk loaded")
	}

	// Bags: two sentences name the pair, one states the mediation. Only
	// one of them learns the positive, so "top|say" is not pushed up.
	var bag []Example
	for i := 0; i < 40; i++ {
		b := string(rune('a' + i%26))
		a := Example{Cand: Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|mediate"}}, Labels: make([]bool, len(Classes)), Bag: b + "x"}
		c := Example{Cand: Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|say"}}, Labels: make([]bool, len(Classes)), Bag: b + "x"}
		a.Labels[med], c.Labels[med] = true, true
		bag = append(bag, a, c)
	}
	mb := Train(bag, TrainOptions{Seed: 1})
	pm := mb.Scores(&Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|mediate"}})[med]
	ps := mb.Scores(&Candidate{TA: graph.State, TB: graph.State, Feats: []string{"bias", "top|say"}})[med]
	if pm <= ps {
		t.Errorf("multi-instance: p(mediate|mediate) %.2f <= p(mediate|say) %.2f", pm, ps)
	}
}

func closeTo(a, b float64) bool { return a-b < 1e-4 && b-a < 1e-4 }

func TestEmbeddedModelLoads(t *testing.T) {
	if Default() == nil {
		t.Fatal("no embedded relation model: run go run ./extract/relation/cmd/train")
	}
}

package extract

import (
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/graph"
)

// The learned stage keeps or drops the rules' relations by the scorer's
// thresholds, and what it adds joins entities of the document.
func TestLearnedStageThresholds(t *testing.T) {
	a := article.Article{ID: "t", Text: "Iran and the United States held talks in Muscat on Monday, mediated by Oman.\n" +
		"Araghchi met Witkoff in Muscat.\n"}
	rules, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base := rules.Extract(a)
	if len(base.Relations) == 0 {
		t.Fatal("the rules read nothing")
	}
	m := *relation.Default()
	m.Keep, m.Add = 0, 2 // keep every rule relation, add none
	keepAll, _ := New(Options{Relations: &m})
	if got := keepAll.Extract(a); len(got.Relations) != len(base.Relations) {
		t.Errorf("keep 0, add off: %d relations, the rules have %d", len(got.Relations), len(base.Relations))
	}
	m.Keep = 2 // drop every rule relation between two entities of one sentence
	dropAll, _ := New(Options{Relations: &m})
	for _, r := range dropAll.Extract(a).Relations {
		if r.Origin == graph.OriginText && r.Type == graph.NegotiatesWith {
			t.Errorf("keep 2 kept %+v", r)
		}
	}
	m.Keep, m.Add = 0, 0.5
	learned, _ := New(Options{Relations: &m})
	d := learned.Extract(a)
	ids := map[string]bool{}
	for _, e := range d.Entities {
		ids[e.ID] = true
	}
	for _, r := range d.Relations {
		if !ids[r.Source] || !ids[r.Target] || !r.Type.Valid() {
			t.Errorf("relation outside the document: %+v", r)
		}
	}
	_, cands := rules.Candidates(a)
	if len(cands) < 3 {
		t.Errorf("%d candidates, want the pairs of both sentences", len(cands))
	}
}

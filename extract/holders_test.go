package extract

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/eval"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/internal/testdata"
)

// roleHolderScan is roleHolder as it was before the index: a scan of every
// entity of the article.
func (st *state) roleHolderScan(u *unit) *entity {
	var of *entity
	for _, m := range u.ms {
		if m.ent.typ == graph.State || m.ent.typ == graph.Organization {
			of = m.ent
		}
	}
	words := strings.FieldsFunc(strings.ToLower(u.role), func(c rune) bool { return c == ' ' || c == '-' })
	noun := ""
	if len(words) > 0 {
		noun = words[len(words)-1]
	}
	if of == nil {
		var only *entity
		for _, e := range st.ents {
			if e.typ == graph.Person && noun != "" && hasRole(e, words, st.date) {
				if only != nil {
					return nil
				}
				only = e
			}
		}
		return only
	}
	var best *entity
	for _, e := range st.ents {
		if e.typ != graph.Person || !st.affiliated(e, of) {
			continue
		}
		if noun == "counterpart" || hasRole(e, words, st.date) {
			best = e
		}
	}
	return best
}

// TestRoleHolderIndex checks the indexed roleHolder against the scan on
// real articles, for every title of every unit and every state or body
// named in its sentence, and for the common role nouns alone.
func TestRoleHolderIndex(t *testing.T) {
	x := extractor(t)
	checked, found := 0, 0
	for _, dir := range []string{testdata.DevCorpus(t), testdata.Shared(t, "corpus", "news")} {
		names, err := eval.Pairs(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			arts, err := article.ReadFile(filepath.Join(dir, n+".txt"), article.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b := &buffers{}
			st := x.analyse(arts[0].Text, arts[0].Published, b, arts[0].ID)
			var roles []string
			var orgs [][]*mention
			for si, s := range st.sents {
				for _, u := range st.buildUnits(s, st.mentions[si]) {
					if u.role != "" {
						roles = append(roles, u.role)
					}
					if len(u.ms) > 0 {
						orgs = append(orgs, u.ms)
					}
				}
			}
			roles = append(roles, "president", "the foreign minister", "counterpart", "vice president", "envoy", "")
			orgs = append(orgs, nil)
			for _, r := range roles {
				for _, ms := range orgs {
					u := &unit{ms: ms, role: r}
					got, want := st.roleHolder(u), st.roleHolderScan(u)
					if got != want {
						t.Fatalf("%s: role %q of %d mentions: index gives %v, scan %v", n, r, len(ms), got, want)
					}
					checked++
					if got != nil {
						found++
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatalf("no role resolved to a holder in %d checks", checked)
	}
	t.Logf("%d checks, %d holders found", checked, found)
}

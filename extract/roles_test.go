package extract

import (
	"slices"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

func runAt(t *testing.T, published, text string) facts {
	t.Helper()
	d := extractor(t).Extract(article.Article{ID: "t", Published: published, Text: text})
	f := facts{doc: d, names: map[string]string{}}
	for _, e := range d.Entities {
		f.names[e.ID] = e.Name
	}
	return f
}

// The article's date decides which listed person holds a role it names
// without a name: "the U.S. president" of 2023 is not the one of 2026.
func TestRoleHolderByArticleDate(t *testing.T) {
	const text = "Joe Biden and Donald Trump both spoke about the war on Monday. " +
		"The U.S. president met Volodymyr Zelenskyy in Kyiv on Tuesday."
	cases := []struct {
		published, want, not string
	}{
		{"2023-02-20", "Joe Biden MEETS_WITH Volodymyr Zelenskyy", "Donald Trump MEETS_WITH Volodymyr Zelenskyy"},
		{"2026-02-20", "Donald Trump MEETS_WITH Volodymyr Zelenskyy", "Joe Biden MEETS_WITH Volodymyr Zelenskyy"},
		{"2019-06-01T08:00:00Z", "Donald Trump MEETS_WITH Volodymyr Zelenskyy", "Joe Biden MEETS_WITH Volodymyr Zelenskyy"},
		// No date: the lists' present.
		{"", "Donald Trump MEETS_WITH Volodymyr Zelenskyy", "Joe Biden MEETS_WITH Volodymyr Zelenskyy"},
	}
	for _, c := range cases {
		f := runAt(t, c.published, text)
		if !f.rel(c.want) || f.rel(c.not) {
			t.Errorf("published %q: want %q and not %q; got\n%s", c.published, c.want, c.not, f.dump())
		}
	}
	// In 2015 Biden was Vice President: "the U.S. president" is not him
	// (a subordinate rank answers only a reference that names it).
	if f := runAt(t, "2015-05-01", text); f.rel("Joe Biden MEETS_WITH Volodymyr Zelenskyy") {
		t.Errorf("2015: the vice president taken for the president:\n%s", f.dump())
	}
	if f := runAt(t, "2015-05-01", "Joe Biden spoke on Monday. The U.S. vice president met Volodymyr Zelenskyy in Kyiv on Tuesday."); !f.rel("Joe Biden MEETS_WITH Volodymyr Zelenskyy") {
		t.Errorf("2015: the vice president named as such:\n%s", f.dump())
	}
	// Neither listed person held an office ending in "president" in 2008
	// (Biden was Vice President from 2009): the role names neither.
	f := runAt(t, "2008-05-01", text)
	for _, who := range []string{"Joe Biden", "Donald Trump"} {
		if f.rel(who + " MEETS_WITH Volodymyr Zelenskyy") {
			t.Errorf("2008: %s holds a role he did not hold then:\n%s", who, f.dump())
		}
	}
}

// A listed person's dated roles reach the graph, so that a store can tell
// a former office holder from a current one.
func TestDatedRolesInTheGraph(t *testing.T) {
	f := runAt(t, "2026-02-20", "Joe Biden and Kaja Kallas spoke on Monday.")
	var biden, kallas *graph.Entity
	for i, e := range f.doc.Entities {
		switch e.Name {
		case "Joe Biden":
			biden = &f.doc.Entities[i]
		case "Kaja Kallas":
			kallas = &f.doc.Entities[i]
		}
	}
	if biden == nil || kallas == nil {
		t.Fatalf("want Biden and Kallas:\n%s", f.dump())
	}
	if !slices.Contains(biden.Roles, "President@2021-01-20..2025-01-20") || !slices.Contains(biden.Roles, "Vice President@2009-01-20..2017-01-20") {
		t.Errorf("Biden's roles %q lack the listed dated ones", biden.Roles)
	}
	if r := graph.ParseRole(biden.Roles[0]); !r.Dated() || r.HeldAt("2026-02-20") {
		t.Errorf("Biden's role %+v should be dated and over by 2026", r)
	}
	if !slices.Contains(kallas.Roles, "High Representative for Foreign Affairs@2024-12-01..") {
		t.Errorf("Kallas's roles %q", kallas.Roles)
	}
}

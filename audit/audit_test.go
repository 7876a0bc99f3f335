package audit

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/export"
)

func ent(id string, t graph.EntityType, name string, aliases ...string) graph.Entity {
	return graph.Entity{ID: id, Type: t, Name: name, Aliases: append([]string{name}, aliases...), Mentions: 1}
}

func rel(src string, t graph.RelationType, dst string) graph.Relation {
	return graph.Relation{Source: src, Type: t, Target: dst, Origin: graph.OriginText, Confidence: 0.9, Sentence: "s", Properties: map[string]string{}}
}

// audited writes the documents to a real embedded store and audits it.
func audited(t *testing.T, docs ...graph.Document) Report {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range docs {
		docs[i].Article.Title = docs[i].Article.ID
	}
	if _, err := s.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	g, _, err := export.Merge(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Run(g)
}

func TestAuditFindsSplitsAndMerges(t *testing.T) {
	us := ent("Q30", graph.State, "United States")
	r := audited(t,
		graph.Document{Article: graph.Article{ID: "a"},
			Entities: []graph.Entity{us, ent("person:pete-hegseth", graph.Person, "Pete Hegseth"),
				ent("organization:tren-de-aragua", graph.Organization, "Tren de Aragua"),
				ent("Q717", graph.State, "Venezuela"), ent("Q227", graph.State, "Azerbaijan"),
				ent("place:nakhchivan", graph.Place, "Nakhchivan")},
			Relations: []graph.Relation{rel("person:pete-hegseth", graph.AffiliatedWith, "Q30"),
				rel("Q30", graph.Sanctions, "organization:tren-de-aragua"),
				rel("place:nakhchivan", graph.LocatedIn, "Q227")}},
		graph.Document{Article: graph.Article{ID: "b"},
			Entities: []graph.Entity{us, ent("person:pete-hagsth", graph.Person, "Pete Hagsth"),
				ent("organization:tda", graph.Organization, "TDA"),
				ent("place:nakhichevan", graph.Place, "Nakhichevan"), ent("Q227", graph.State, "Azerbaijan"),
				// One "Foreign Ministry" node of two states; a person who
				// took in his son's name.
				ent("organization:foreign-ministry", graph.Organization, "Foreign Ministry"),
				ent("Q858", graph.State, "Syria"), ent("Q43", graph.State, "Turkey"),
				ent("person:gustavo-petro", graph.Person, "Gustavo Petro", "Nicolás Petro", "Petro")},
			Relations: []graph.Relation{rel("person:pete-hagsth", graph.AffiliatedWith, "Q30"),
				rel("Q30", graph.Sanctions, "organization:tda"),
				rel("place:nakhichevan", graph.LocatedIn, "Q227"),
				rel("organization:foreign-ministry", graph.AffiliatedWith, "Q858"),
				rel("organization:foreign-ministry", graph.AffiliatedWith, "Q43")}},
		graph.Document{Article: graph.Article{ID: "c"},
			// Different people and things that only look alike: no report.
			Entities: []graph.Entity{ent("Q56226", graph.Person, "Kim Jong Un"), ent("person:kim-jong-il", graph.Person, "Kim Jong-il"),
				ent("Q971", graph.State, "Republic of the Congo"), ent("Q974", graph.State, "Democratic Republic of the Congo"),
				ent("person:nicolas-maduro", graph.Person, "Nicolás Maduro"),
				ent("weapon:typhon", graph.Weapon, "Typhon"), ent("weapon:eurofighter-typhoon", graph.Weapon, "Eurofighter Typhoon", "Typhoon")}},
	)
	var splits []string
	for _, s := range r.Splits {
		splits = append(splits, s.A.ID+"~"+s.B.ID+" ("+s.Why+")")
	}
	want := []string{
		"organization:tda~organization:tren-de-aragua (an acronym of the name)",
		"person:pete-hagsth~person:pete-hegseth (a misspelling)",
		"place:nakhchivan~place:nakhichevan (a misspelling)",
	}
	if strings.Join(splits, "\n") != strings.Join(want, "\n") {
		t.Errorf("splits:\n%s\nwant:\n%s", strings.Join(splits, "\n"), strings.Join(want, "\n"))
	}
	var merges []string
	for _, m := range r.Merges {
		merges = append(merges, m.Node.ID+": "+m.Why)
	}
	wantM := []string{
		"organization:foreign-ministry: affiliated with 2 states: Syria, Turkey",
		`person:gustavo-petro: aliases give two given names: "Gustavo Petro" and "Nicolás Petro"`,
	}
	if strings.Join(merges, "\n") != strings.Join(wantM, "\n") {
		t.Errorf("merges:\n%s\nwant:\n%s", strings.Join(merges, "\n"), strings.Join(wantM, "\n"))
	}
	var b strings.Builder
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "nodes 20  likely splits 3  likely false merges 2\n") {
		t.Errorf("table:\n%s", b.String())
	}
}

package eval

import (
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

func TestCorpusAudit(t *testing.T) {
	// Three articles. Pete Hegseth becomes two nodes (a misspelling); one
	// node "foreign-ministry" takes in two states' ministries; Moscow is read
	// as a State where the gold means the city; Gustavo Petro's node took in
	// his son's full name.
	pairs := []Pair{
		{
			Doc: doc([]graph.Entity{
				ent("person:pete-hegseth", graph.Person, "Pete Hegseth", "Hegseth"),
				ent("organization:foreign-ministry", graph.Organization, "Foreign Ministry"),
				ent("Q159", graph.State, "Russia", "Moscow"),
			}),
			Gold: Gold{Article: "one", Entities: []GoldEntity{
				gent(graph.Person, "Pete Hegseth", "Hegseth"),
				gent(graph.Organization, "Ministry of Foreign Affairs (Syria)", "Foreign Ministry"),
				gent(graph.Place, "Moscow"),
			}},
		},
		{
			Doc: doc([]graph.Entity{
				ent("person:pete-hagsth", graph.Person, "Pete Hagsth"),
				ent("organization:foreign-ministry", graph.Organization, "Foreign Ministry"),
			}),
			Gold: Gold{Article: "two", Entities: []GoldEntity{
				gent(graph.Person, "Pete Hegseth", "Pete Hagsth"),
				gent(graph.Organization, "Ministry of Foreign Affairs (Turkey)", "Foreign Ministry"),
			}},
		},
		{
			Doc: doc([]graph.Entity{
				ent("person:gustavo-petro", graph.Person, "Gustavo Petro", "Petro", "Nicolás Petro"),
			}),
			Gold: Gold{Article: "three", Entities: []GoldEntity{
				gent(graph.Person, "Gustavo Petro", "Petro"),
				gent(graph.Person, "Nicolás Petro"),
			}},
		},
	}
	a := CorpusAudit(pairs)
	// Things: Hegseth, two ministries, Moscow, Gustavo and Nicolás Petro.
	if a.Things != 6 {
		t.Errorf("things = %d, want 6", a.Things)
	}
	if a.ExtraNodes != 1 || len(a.Splits) != 1 || a.Splits[0].Name != "Pete Hegseth" {
		t.Errorf("splits = %+v (extra %d), want Pete Hegseth split once", a.Splits, a.ExtraNodes)
	}
	var merged []string
	for _, m := range a.Merges {
		merged = append(merged, m.ID)
	}
	if strings.Join(merged, ",") != "organization:foreign-ministry,person:gustavo-petro" {
		t.Errorf("merges = %+v", a.Merges)
	}
	if len(a.TypeChanges) != 1 || a.TypeChanges[0].Name != "Moscow" || a.TypeChanges[0].As != graph.State {
		t.Errorf("type changes = %+v, want Moscow as State", a.TypeChanges)
	}
	var b strings.Builder
	if err := a.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "extra nodes 1") || !strings.Contains(b.String(), "false merges 2") {
		t.Errorf("table:\n%s", b.String())
	}
}

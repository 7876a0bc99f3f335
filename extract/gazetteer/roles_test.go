package gazetteer

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsgraph/kg/graph"
)

const usa = "State\tUnited States\tUS\t\tiso=USA;demonyms=American\n"

func TestRoleDates(t *testing.T) {
	file := Header + "\n" + usa +
		"Person\tJoe Biden\tBiden\t\troles=Vice President@2009-01-20..2017-01-20|President@2021-01-20..2025-01-20;of=USA\n" +
		"Person\tDonald Trump\tTrump\t\troles=President@2017-01-20..2021-01-20|President@2025-01-20..;of=USA\n" +
		"Person\tKeith Kellogg\t\t\troles=Special Envoy;of=USA\n" +
		"Person\tOld Hand\t\t\troles=Adviser@..2024|Envoy@2024-05..;of=USA\n"
	g, err := Load(fstest.MapFS{"people.tsv": {Data: []byte(file)}})
	if err != nil {
		t.Fatal(err)
	}
	biden, trump := g.ByName(graph.Person, "Joe Biden"), g.ByName(graph.Person, "Donald Trump")
	kellogg, old := g.ByName(graph.Person, "Keith Kellogg"), g.ByName(graph.Person, "Old Hand")
	// The attribute keeps the titles, each once, as before roles had dates.
	if got := trump.Values("roles"); !slices.Equal(got, []string{"President"}) {
		t.Errorf("Trump's roles attribute = %q, want the title once", got)
	}
	if len(trump.Roles) != 2 || trump.Roles[1] != (Role{Title: "President", From: "2025-01-20"}) {
		t.Errorf("Trump's dated roles = %+v", trump.Roles)
	}
	cases := []struct {
		e    *Entry
		date string
		want []string
	}{
		{biden, "2023-06-01", []string{"President"}},
		{trump, "2023-06-01", nil},
		{biden, "2026-02-10", nil},
		{trump, "2026-02-10", []string{"President"}},
		{trump, "2019", []string{"President"}},
		{biden, "2012-03", []string{"Vice President"}},
		// The handover day is the successor's.
		{biden, "2025-01-20", nil},
		{trump, "2025-01-20", []string{"President"}},
		{biden, "2025-01-19", []string{"President"}},
		// No date: the roles that have not ended (the lists' present).
		{biden, "", nil},
		{trump, "", []string{"President"}},
		// An undated role applies at any date.
		{kellogg, "1999-01-01", []string{"Special Envoy"}},
		{kellogg, "", []string{"Special Envoy"}},
		// Partial dates stand for their first day.
		{old, "2023-12-31", []string{"Adviser"}},
		{old, "2024-01-01", nil},
		{old, "2024-05-01", []string{"Envoy"}},
	}
	for _, c := range cases {
		if got := c.e.RolesAt(c.date); !slices.Equal(got, c.want) {
			t.Errorf("%s at %q: roles %q, want %q", c.e.Name, c.date, got, c.want)
		}
	}
}

func TestRoleDateErrors(t *testing.T) {
	cases := []struct{ roles, want string }{
		{"President@2025-01-20", `want dates as @FROM..TO`},
		{"President@..", `@.. gives no date`},
		{"President@2025-13-01..", `"2025-13-01" is not a date`},
		{"President@20250120..", `"20250120" is not a date`},
		{"President@2025-01-20..2021-01-20", `from 2025-01-20 is not before to 2021-01-20`},
		{"President@2025..2025", `is not before`},
		{"@2025-01-20..", `empty role title`},
	}
	for _, c := range cases {
		file := Header + "\n" + usa + "Person\tDonald Trump\t\t\troles=" + c.roles + ";of=USA\n"
		_, err := Load(fstest.MapFS{"people.tsv": {Data: []byte(file)}})
		if err == nil || !strings.Contains(err.Error(), "people.tsv:3: attribute roles=") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("roles=%s: got error %v, want people.tsv:3 and %q", c.roles, err, c.want)
		}
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2025-06-22": "2025-06-22", "2025-06-22T10:00:00Z": "2025-06-22", " 2025-06-22 07:59 ": "2025-06-22",
		"2025-06": "2025-06", "2025": "2025", "": "", "not a date": "", "June 23, 2025": "",
		"2025-13-01": "", "2025-02-30": "", "20250622": "",
	} {
		if got := Day(in); got != want {
			t.Errorf("Day(%q) = %q, want %q", in, got, want)
		}
	}
}

// A user's file adds dated roles (and a QID) to a seed person.
func TestAddFileRolesAndQID(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	seed := g.ByName(graph.Person, "Keith Kellogg")
	if seed == nil || seed.Wikidata != "" {
		t.Fatalf("want the seed entry Keith Kellogg without a QID, got %+v", seed)
	}
	user := filepath.Join(t.TempDir(), "mine.tsv")
	writeFile(t, user, Header+"\n"+
		"Person\tKeith Kellogg\tGeneral Kellogg\tQ6384190\troles=Special Envoy@2025-01..2026-01|National Security Adviser@2017-02-13..2017-02-20\n")
	if err := g.AddFile(user); err != nil {
		t.Fatal(err)
	}
	e := g.ByName(graph.Person, "Keith Kellogg")
	if e.Wikidata != "Q6384190" {
		t.Errorf("the user's QID was not added: %q", e.Wikidata)
	}
	if got := e.Values("roles"); !slices.Equal(got, []string{"Special Envoy", "National Security Adviser"}) {
		t.Errorf("roles attribute %q", got)
	}
	if got := e.RolesAt("2017-02-15"); !slices.Equal(got, []string{"Special Envoy", "National Security Adviser"}) {
		t.Errorf("roles on 2017-02-15: %q (the seed's undated role applies at every date)", got)
	}
	if find(g, "General Kellogg", graph.Person) == nil {
		t.Error("the user's alias was not added")
	}
	// A QID taken by another entry is refused, naming the file and line.
	clash := filepath.Join(t.TempDir(), "clash.tsv")
	writeFile(t, clash, Header+"\n\nPerson\tTom Barrack\t\tQ22686\t\n")
	if err := g.AddFile(clash); err == nil || !strings.Contains(err.Error(), "clash.tsv:3: wikidata Q22686") {
		t.Errorf("a QID of another entry: got %v", err)
	}
}

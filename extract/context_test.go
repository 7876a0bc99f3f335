package extract

import (
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

// The words around a name type it where its shape misleads the weak
// recognisers, and one name keeps one type in the whole article.
func TestTypeByContext(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "a head noun after a name: a hacking group",
			text:    "Investigators said the intrusion was the work of the Salt Typhoon group. Salt Typhoon has denied nothing.",
			want:    []string{"Organization=Salt Typhoon"},
			wantNot: []string{"Person:Salt Typhoon", "Weapon:Typhoon"},
		},
		{
			name:    "a name after 'on the' is no person: a river",
			text:    "Egypt and Sudan fear the new dam on the Blue Nile, their officials said.",
			want:    []string{"Place=Blue Nile"},
			wantNot: []string{"Person:Blue Nile"},
		},
		{
			name:    "a facility noun after a name: a base",
			text:    "Turkey trains Somali soldiers at its KARAKOM base near the coast.",
			want:    []string{"Place=KARAKOM"},
			wantNot: []string{"Organization:KARAKOM"},
		},
		{
			name:    "a church named with its denomination is a body",
			text:    "The Russian Orthodox Church backed the war, and the Armenian Apostolic Church condemned the deal.",
			want:    []string{"Organization=Russian Orthodox Church", "Organization=Armenian Apostolic Church"},
			wantNot: []string{"Place:Russian Orthodox Church", "Place:Armenian Apostolic Church"},
		},
		{
			name:    "negative: a church named for its place or saint is a building",
			text:    "Worshippers gathered at Holy Trinity Church in Kyiv on Sunday.",
			want:    []string{"Place=Holy Trinity Church"},
			wantNot: []string{"Organization:Holy Trinity Church"},
		},
		{
			name:    "negative: 'led by' a listed state stays the state",
			text:    "The coalition led by Saudi Arabia struck the port.",
			want:    []string{"State=Saudi Arabia"},
			wantNot: []string{"Person:Saudi Arabia"},
		},
		{
			name: "negative: a first name and a listed surname with no cue stay a person",
			text: "Officials met Amara Nile, a local organiser, on Monday.",
			want: []string{"Person=Amara Nile"},
		},
	})
}

// contextType read directly on the mentions a weak recogniser would make,
// whatever the tagger proposes for these words.
func TestContextTypeCues(t *testing.T) {
	x := extractor(t)
	for _, c := range []struct {
		text       string
		start, end int
		rule       string
		typ, want  graph.EntityType
	}{
		{"The faction is led by Tesfaye Gebremariam .", 5, 7, "tagger", graph.Organization, graph.Person},
		{"The faction is led by Tesfaye Gebremariam .", 5, 7, "gazetteer", graph.Organization, ""}, // a list is not second-guessed
		{"The rebels are led by the Revolutionary Council .", 6, 8, "tagger", graph.Organization, ""},
		{"They met Nour Halabi on Monday .", 2, 4, "tagger", graph.Person, ""},
		{"Funds went to the Crimson Sinai network abroad .", 4, 6, "tagger", graph.Person, graph.Organization},
		{"Boats sailed up the Shatt River past the Grey Salween valley .", 8, 10, "tagger", graph.Person, graph.Place},
	} {
		st := x.analyse(c.text, "", &buffers{}, "cue")
		s := st.sents[0]
		m := &mention{sent: 0, start: c.start, end: c.end, typ: c.typ, rule: c.rule, text: s.span(c.start, c.end)}
		if got := x.contextType(s, m); got != c.want {
			t.Errorf("%q, %q by %s: contextType = %q, want %q", c.text, m.text, c.rule, got, c.want)
		}
	}
}

// A name typed one way by strong evidence is typed so in every sentence of
// the article, and the node of another article with the same name agrees.
func TestOneTypePerName(t *testing.T) {
	text := "Analysts blamed the Crimson Sinai group for the breach. Crimson Sinai later stole more data, and Crimson Sinai denied it."
	d := extractor(t).Extract(article.Article{ID: "one", Text: text})
	n := 0
	for _, e := range d.Entities {
		if e.Name == "Crimson Sinai" {
			n++
			if e.Type != graph.Organization {
				t.Errorf("Crimson Sinai is a %s, want Organization", e.Type)
			}
		}
	}
	if n != 1 {
		t.Errorf("Crimson Sinai is %d entities, want 1: %+v", n, d.Entities)
	}
}

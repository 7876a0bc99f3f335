package extract

import (
	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// The weak recognisers (the statistical tagger, and the name-shape rule
// that reads "Salt Typhoon" as a first name and a listed surname) guess a
// name's type from its shape. The words around a name often say what it
// is, and say it more reliably: a lower-case head noun after it ("the Salt
// Typhoon group", "its TURKSOM base"), the preposition and article before
// it ("on the Blue Nile"), or a verb that only people take ("led by
// Debretsion Gebremichael"). contextType reads those cues; a name typed one
// way by stronger evidence is then typed that way in the whole article
// (consistentTypes), so one thing is never two nodes of two types.

// headNounTypes: a lower-case noun right after a name types the name.
var headNounTypes = map[string]graph.EntityType{
	"group": graph.Organization, "groups": graph.Organization, "hackers": graph.Organization,
	"gang": graph.Organization, "militia": graph.Organization, "militias": graph.Organization,
	"movement": graph.Organization, "network": graph.Organization, "faction": graph.Organization,
	"organisation": graph.Organization, "organization": graph.Organization, "cartel": graph.Organization,
	"company": graph.Organization, "firm": graph.Organization, "agency": graph.Organization,
	"party": graph.Organization, "coalition": graph.Organization, "alliance": graph.Organization,
	"newspaper": graph.Organization, "broadcaster": graph.Organization, "rebels": graph.Organization,
	"river": graph.Place, "base": graph.Place, "airbase": graph.Place, "camp": graph.Place,
	"airport": graph.Place, "valley": graph.Place, "lake": graph.Place, "mountains": graph.Place,
	"village": graph.Place, "town": graph.Place, "city": graph.Place, "crossing": graph.Place,
	"strait": graph.Place, "island": graph.Place, "peninsula": graph.Place, "basin": graph.Place,
}

// personVerbs before "by" take a person ("led by", "headed by").
var personVerbs = set("led", "headed", "commanded")

// locativesBeforeThe: "on the Blue Nile", "along the Salween".
var locativesBeforeThe = set("on", "along", "across", "near", "in", "at", "into", "from", "beyond", "upstream", "downstream")

// denominations: a church named with one of these (or a demonym) is a
// church body, an organization ("the Armenian Apostolic Church"); a church
// named for a saint or a place is a building ("St. George's Church").
var denominations = set("orthodox", "catholic", "apostolic", "anglican", "evangelical", "lutheran",
	"protestant", "coptic", "methodist", "baptist", "presbyterian", "episcopal", "reformed", "maronite",
	"syriac", "chaldean", "pentecostal", "adventist", "mennonite", "unification")

// weakRule: recognisers that guess a type from a name's shape.
func weakRule(rule string) bool { return rule == "tagger" || rule == "name-shape" }

// contextType returns the type the words around mention m give it, or "".
func (x *Extractor) contextType(s *sentence, m *mention) graph.EntityType {
	if m.rule == "place-head" && s.lowerAt(m.end-1) == "church" {
		// "Armenian Apostolic Church", "Russian Orthodox Church": a body.
		for k := m.start; k < m.end-1; k++ {
			if denominations[s.lower[k]] || x.isDemonym(s, k) {
				return graph.Organization
			}
		}
		return ""
	}
	if !weakRule(m.rule) {
		return ""
	}
	if t, ok := headNounTypes[s.lowerAt(m.end)]; ok && !s.isCap(m.end) {
		return t
	}
	p := m.start - 1
	if s.lowerAt(p) == "by" && personVerbs[s.lowerAt(p-1)] && m.end-m.start >= 2 && !allCapsRun(s, m.start, m.end) {
		for k := m.start; k < m.end; k++ {
			if s.is(k, fOrgHead|fPlaceHead) {
				return ""
			}
		}
		return graph.Person
	}
	if m.typ == graph.Person && s.lowerAt(p) == "the" {
		// A person's name takes no article ("the Blue Nile" is no one):
		// after a locative it is a place; else no type can be told here.
		if locativesBeforeThe[s.lowerAt(p-1)] {
			return graph.Place
		}
	}
	return ""
}

// isDemonym: token i is a listed demonym ("Armenian").
func (x *Extractor) isDemonym(s *sentence, i int) bool {
	for _, f := range x.gaz.Lookup(s.keys[i]) {
		if f.Kind == gazetteer.Demonym {
			return true
		}
	}
	return false
}

// typeByContext retypes the sentence's mentions that their context types.
func (x *Extractor) typeByContext(s *sentence, ms []*mention) []*mention {
	for _, m := range ms {
		if t := x.contextType(s, m); t != "" {
			m.typ, m.typed = t, true
		}
	}
	return ms
}

// consistentTypes gives every weak mention of a name the type that the
// article's other mentions of the same name have by stronger evidence (a
// list, a title, a head noun, the context): "Salt Typhoon" is the
// organization of "the Salt Typhoon group" wherever the article names it.
func (st *state) consistentTypes() {
	strong := map[string]graph.EntityType{}
	clash := map[string]bool{}
	for _, ms := range st.mentions {
		for _, m := range ms {
			if m.form != formName || weakRule(m.rule) && !m.typed {
				continue
			}
			k := norm.Key(m.text)
			if t, ok := strong[k]; ok && t != m.typ {
				clash[k] = true
			}
			strong[k] = m.typ
		}
	}
	for _, ms := range st.mentions {
		for _, m := range ms {
			if !weakRule(m.rule) || m.typed {
				continue
			}
			k := norm.Key(m.text)
			if t, ok := strong[k]; ok && !clash[k] && t != m.typ {
				m.typ, m.typed = t, true
			}
		}
	}
}

// A breakaway territory with a government of its own (polity=1 in the
// list: Transnistria, Abkhazia) is a place where the text only locates
// things in it ("the breakaway region of Transnistria") and a de facto
// state where it has that government act: its leader or authorities
// ("Transnistria's separatist leader"), or it speaking ("Abkhazia said").
// Acting once in an article makes it the State in all of that article.

// polityNouns after "X's" (or "X") name its government.
var polityNouns = set("leader", "leaders", "leadership", "president", "government", "authorities",
	"administration", "officials", "parliament", "minister", "ministry", "army", "forces")

// actsAsPolity reports whether mention m has its territory's government act.
func actsAsPolity(s *sentence, m *mention) bool {
	i := m.end
	if s.isPossessive(i) {
		i++
	}
	for k := i; k < i+3 && k < len(s.Tokens); k++ {
		if polityNouns[s.lower[k]] && !s.isCap(k) || s.is(k, fTitle) && !s.isCap(k) {
			return true
		}
		if s.isCap(k) || s.Tokens[k].Kind != text.Word {
			break
		}
	}
	return !s.isPossessive(m.end) && reportingVerbs[s.lowerAt(m.end)]
}

// actingPolities returns the listed breakaway territories the article has
// act as states.
func (st *state) actingPolities() map[*gazetteer.Entry]bool {
	acting := map[*gazetteer.Entry]bool{}
	for si, ms := range st.mentions {
		for _, m := range ms {
			if m.entry != nil && m.entry.Type == graph.Place && m.entry.Attr("polity") == "1" && actsAsPolity(st.sents[si], m) {
				acting[m.entry] = true
			}
		}
	}
	return acting
}

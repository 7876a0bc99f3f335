package extract

import (
	"strings"

	"github.com/newsgraph/kg/extract/tagger"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// The statistical tagger (extract/tagger, trained on the GMB newswire
// sample) proposes names that no list or rule knows. It runs after the
// gazetteer, whose matches it receives as hints, and its spans lose every
// overlap with the other recognisers. Its spans are filtered for the
// shapes it gets wrong most: lone sentence-initial words, single-word
// person names (the echo pass links surnames to full names instead), and
// demonyms of unknown states.

func defaultTagger() *tagger.Model { return tagger.Default() }

// taggerMentions adds the tagger's spans as candidates.
func (x *Extractor) taggerMentions(s *sentence, cands []*mention) []*mention {
	if x.tagger == nil {
		return cands
	}
	windows := uncoveredWindows(s, cands, 7)
	if len(windows) == 0 {
		return cands
	}
	words := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		words[i] = t.Text
	}
	hints := make([]tagger.Label, len(s.Tokens))
	for _, m := range cands {
		if m.rule != "gazetteer" {
			continue
		}
		t := tagger.GEO
		switch {
		case m.typ == graph.Person:
			t = tagger.PER
		case m.typ == graph.Organization:
			t = tagger.ORG
		case m.typ == graph.Weapon:
			continue
		case m.form == formDemonym:
			t = tagger.GPE
		}
		hints[m.start] = tagger.B(t)
		for k := m.start + 1; k < m.end; k++ {
			hints[k] = tagger.I(t)
		}
	}
	// Tag only windows around the words no one covered, with a few words
	// of context each side: the spans that matter lie there, and most of a
	// sentence is covered already.
	var labels []tagger.Label
	var found []tagger.Span
	for _, w := range windows {
		labels = x.tagger.TagInto(labels, words[w[0]:w[1]], hints[w[0]:w[1]])
		for _, sp := range tagger.Spans(labels) {
			sp.Start += w[0]
			sp.End += w[0]
			found = append(found, sp)
		}
	}
	n := len(cands)
spans:
	for _, sp := range found {
		// The lists and rules are authoritative where they found something.
		for _, c := range cands[:n] {
			if c.start < sp.End && sp.Start < c.end {
				continue spans
			}
		}
		typ := graph.EntityType("")
		switch sp.Type {
		case tagger.PER:
			typ = graph.Person
		case tagger.ORG:
			typ = graph.Organization
		case tagger.GEO:
			typ = graph.Place
		default:
			continue
		}
		if !taggedSpanOK(s, sp.Start, sp.End, typ) || documentWords[s.lower[sp.End-1]] {
			continue
		}
		cands = append(cands, &mention{sent: s.Index, start: sp.Start, end: sp.End, typ: typ,
			text: s.span(sp.Start, sp.End), rule: "tagger"})
	}
	return cands
}

// commonAcronyms are all-caps words that name no organization.
var commonAcronyms = set("GPS", "CEO", "TV", "AM", "PM", "UTC", "GMT", "USD", "EUR", "ID", "DNA", "AI", "IT",
	"PR", "GDP", "VIP", "FAQ", "PDF", "SMS", "OK", "UAV", "UAVS", "ICBM", "SAM", "IED", "POW", "POWS", "MP",
	"MPS", "HQ", "PS", "NB", "RIP", "LOL", "COVID", "HIV", "AIDS", "LNG", "GW", "KM", "KG", "MW", "BBL")

// uncoveredWindows returns [start, end) token windows, ctx words wide on
// each side, around capitalised words (not the sentence's first) that no
// candidate covers; overlapping windows are merged.
func uncoveredWindows(s *sentence, cands []*mention, ctx int) [][2]int {
	if titleCased(s) {
		return nil // a headline: every word is capitalised, the tagger guesses
	}
	var ws [][2]int
	for i := 1; i < len(s.Tokens); i++ {
		if !s.isCap(i) || s.flags[i]&(fFunction|fTitle|fMonth|fWeekday) != 0 {
			continue
		}
		covered := false
		for _, c := range cands {
			if i >= c.start && i < c.end {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		lo, hi := max(0, i-ctx), min(len(s.Tokens), i+1+ctx)
		if n := len(ws); n > 0 && lo <= ws[n-1][1] {
			ws[n-1][1] = max(ws[n-1][1], hi)
		} else {
			ws = append(ws, [2]int{lo, hi})
		}
	}
	return ws
}

// titleCased reports a headline in Title Case: most words capitalised.
func titleCased(s *sentence) bool {
	words, caps := 0, 0
	for i, t := range s.Tokens {
		if t.Kind != text.Word || s.is(i, fFunction) {
			continue
		}
		words++
		if s.isCap(i) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*8
}

// taggedSpanOK keeps spans that look like names: every word capitalised,
// no function or title words, no lone sentence-initial word, persons of
// two words or more, at most six words.
func taggedSpanOK(s *sentence, start, end int, typ graph.EntityType) bool {
	n := end - start
	if n > 6 || n == 1 && (start == 0 || typ == graph.Person) {
		return false
	}
	if n == 1 {
		switch typ {
		case graph.Place: // "in Rzeszow", not "the West" or "original Arabic"
			if !s.is(start-1, fLocative) {
				return false
			}
		case graph.Organization: // acronyms only: "OYAK", not "MoUs" or "GPS"
			if !s.Tokens[start].IsAllCaps() || commonAcronyms[s.Tokens[start].Text] {
				return false
			}
		}
	}
	for k := start; k < end; k++ {
		t := s.Tokens[k]
		if t.Kind != text.Word && t.Text != "-" && t.Text != "&" {
			return false
		}
		if t.Kind == text.Word && (!t.IsCap() && !s.is(k, fParticle) || s.is(k, fFunction|fMonth|fWeekday|fTitle)) {
			return false
		}
	}
	// A single all-caps word at a line start is a masthead ("ALBAWABA-").
	if n == 1 && s.Tokens[start].IsAllCaps() && strings.HasSuffix(s.span(start, end+min(1, len(s.Tokens)-end)), "-") {
		return false
	}
	return true
}

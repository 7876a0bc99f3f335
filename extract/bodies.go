package extract

import (
	"strings"

	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// Government bodies named generically ("the Foreign Ministry", "Joint
// Chiefs of Staff", "the coast guard") exist once per state: every state
// has its foreign ministry. A name alone would make one node of Syria's and
// Turkey's ministries across a corpus, so such a body resolves to the body
// of the state the text ties it to, with an id that carries the state
// (organization:foreign-ministry@Q43) or the listed entry of that state's
// body where the gazetteer has one.

// bodyNames are the generic bodies other than ministries, by the norm key of
// their name once its state is taken off: slug and display name.
var bodyNames = map[string][2]string{
	"joint chiefs of staff":     {"joint-chiefs-of-staff", "Joint Chiefs of Staff"},
	"joint chiefs":              {"joint-chiefs-of-staff", "Joint Chiefs of Staff"},
	"joint staff":               {"joint-chiefs-of-staff", "Joint Chiefs of Staff"},
	"general staff":             {"general-staff", "General Staff"},
	"armed forces":              {"armed-forces", "Armed Forces"},
	"military":                  {"armed-forces", "Armed Forces"},
	"army":                      {"army", "Army"},
	"national army":             {"army", "Army"},
	"navy":                      {"navy", "Navy"},
	"air force":                 {"air-force", "Air Force"},
	"coast guard":               {"coast-guard", "Coast Guard"},
	"border guard":              {"border-guard", "Border Guard"},
	"border guards":             {"border-guard", "Border Guard"},
	"national guard":            {"national-guard", "National Guard"},
	"police":                    {"police", "Police"},
	"national police":           {"police", "Police"},
	"parliament":                {"parliament", "Parliament"},
	"cabinet":                   {"cabinet", "Cabinet"},
	"presidency":                {"presidency", "Presidency"},
	"foreign office":            {"foreign-ministry", "Foreign Ministry"},
	"national security council": {"national-security-council", "National Security Council"},
	"security council":          {"national-security-council", "National Security Council"},
	"supreme court":             {"supreme-court", "Supreme Court"},
	"constitutional court":      {"constitutional-court", "Constitutional Court"},
	"central bank":              {"central-bank", "Central Bank"},
	"embassy":                   {"embassy", "Embassy"},
}

// portfolios are the words a generic ministry's name is made of, each with
// the word its slug uses ("defense" and "national defence" are one
// portfolio). A name with any other word ("Gaza Health Ministry", "Ministry
// of State Security") is a name of its own, not a generic body.
var portfolios = map[string]string{
	"foreign": "foreign", "external": "foreign", "affairs": "", "defence": "defence", "defense": "defence",
	"national": "", "interior": "interior", "internal": "interior", "home": "interior",
	"health": "health", "public": "", "finance": "finance", "economy": "economy", "economic": "economy",
	"justice": "justice", "trade": "trade", "commerce": "trade", "industry": "industry", "energy": "energy",
	"information": "information", "intelligence": "intelligence", "education": "education",
	"agriculture": "agriculture", "transport": "transport", "culture": "culture", "environment": "environment",
	"labour": "labour", "labor": "labour", "emergency": "emergency", "emergencies": "emergency",
	"oil": "oil", "petroleum": "oil", "water": "water", "and": "",
}

// genericBody returns the slug and display name of a generic body from the
// norm keys of its name without its state ("foreign ministry", "ministry of
// national defense", "coast guard"), or ok false.
func genericBody(words []string) (slug, display string, ok bool) {
	for len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	if b, ok := bodyNames[strings.Join(words, " ")]; ok {
		return b[0], b[1], true
	}
	ministry := false
	var parts []string
	for _, w := range words {
		switch w {
		case "ministry":
			ministry = true
			continue
		case "of", "the", "for":
			continue
		}
		p, known := portfolios[w]
		if !known {
			return "", "", false
		}
		if p != "" && (len(parts) == 0 || parts[len(parts)-1] != p) {
			parts = append(parts, p)
		}
	}
	if !ministry || len(parts) == 0 {
		return "", "", false
	}
	return strings.Join(parts, "-") + "-ministry", capitalWords(strings.Join(parts, " ")) + " Ministry", true
}

// capitalWords capitalises each word ("foreign Ministry" -> "Foreign Ministry").
func capitalWords(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}

// stateForm returns the state a run of name keys names (its name, an alias
// or a demonym, not a capital), or nil.
func stateForm(g *gazetteer.Gazetteer, key string) *gazetteer.Entry {
	for _, f := range g.Lookup(key) {
		if f.Entry.Type == graph.State && f.Kind != gazetteer.Capital && !f.Ambiguous {
			return f.Entry
		}
	}
	return nil
}

// splitBodyName takes the state off a body's name: leading ("Syrian Foreign
// Ministry", "South Korean Joint Chiefs of Staff", "U.S. Navy") or trailing
// ("Ministry of Foreign Affairs of Russia", "Ministry of Defence (United
// Kingdom)"). It returns the state, if any, and the rest.
func splitBodyName(g *gazetteer.Gazetteer, words []string) (*gazetteer.Entry, []string) {
	for n := min(3, len(words)-1); n >= 1; n-- {
		if e := stateForm(g, strings.Join(words[:n], " ")); e != nil {
			return e, words[n:]
		}
	}
	for i := len(words) - 2; i >= 1; i-- {
		if words[i] != "of" {
			continue
		}
		rest := words[i+1:]
		if len(rest) > 0 && rest[0] == "the" {
			rest = rest[1:]
		}
		if e := stateForm(g, strings.Join(rest, " ")); e != nil {
			return e, words[:i]
		}
	}
	return nil, words
}

// bodyIndex maps slug@ISO to the listed body of each state ("foreign-
// ministry@IRN" -> Iranian Foreign Ministry), read from the listed
// organizations' names and aliases and their `in` state.
func bodyIndex(g *gazetteer.Gazetteer) map[string]*gazetteer.Entry {
	idx := map[string]*gazetteer.Entry{}
	for _, e := range g.Entries() {
		if e.Type != graph.Organization {
			continue
		}
		in := e.Attr("in")
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			words := strings.Fields(norm.Key(s))
			st, rest := splitBodyName(g, words)
			iso := in
			if st != nil {
				iso = st.Attr("iso")
			}
			if iso == "" {
				continue
			}
			if slug, _, ok := genericBody(rest); ok {
				k := slug + "@" + iso
				if _, dup := idx[k]; !dup {
					idx[k] = e
				}
			}
		}
	}
	return idx
}

// How the text ties a generic body to its state.
type bodyTie uint8

const (
	tieNone    bodyTie = iota // no state: a listed entry's usual reading, or the article's own node
	tieName                   // the mention holds it ("Syrian Foreign Ministry")
	tieBeside                 // next to the mention ("Turkey's Foreign Ministry", "in Ankara")
	tieSpeaker                // its speaker's listed state ("Foreign Ministry spokeswoman Mao Ning")
	tieEarlier                // the article tied the same body to a state before
)

// qualifiedBody resolves an organization mention that names a generic body
// to the body of its state: the state its name holds, the state right
// before it ("Turkey's", "the Syrian"), after it ("of Syria", "in Ankara"),
// or the state the article last tied the same body to. With no state, a
// listed entry keeps its usual reading (the Joint Chiefs of Staff of the
// United States), and an unlisted body stays one node of this article only.
// It returns a nil entity for names that are not generic bodies.
func (st *state) qualifiedBody(s *sentence, m *mention) (*entity, *gazetteer.Entry, bodyTie) {
	g := st.x.gaz
	qs, rest := splitBodyName(g, s.keys[m.start:m.end])
	slug, display, ok := genericBody(rest)
	if !ok {
		return nil, nil, tieNone
	}
	tie := tieName
	if qs == nil {
		qs, tie = st.stateBeside(s, m)
	}
	if qs == nil {
		qs, tie = st.bodyState[slug], tieEarlier
	}
	if qs == nil {
		if m.entry != nil {
			return nil, nil, tieNone
		}
		key := "Organization|" + slug + "@" + st.article
		e := st.byKey[key]
		if e == nil {
			e = &entity{id: "organization:" + slug + "@article:" + st.article, name: display, typ: graph.Organization, words: strings.Fields(norm.Key(display))}
			st.byKey[key] = e
			st.ents = append(st.ents, e)
		}
		return e, nil, tieNone
	}
	if st.bodyState == nil {
		st.bodyState = map[string]*gazetteer.Entry{}
	}
	st.bodyState[slug] = qs
	iso := qs.Attr("iso")
	if e := st.x.bodies[slug+"@"+iso]; e != nil {
		return st.entityFor(graph.Organization, "", e), qs, tie
	}
	if m.entry != nil && m.entry.Attr("in") == iso {
		return st.entityFor(graph.Organization, "", m.entry), qs, tie
	}
	key := "Organization|" + slug + "@" + iso
	e := st.byKey[key]
	if e == nil {
		id := qs.Wikidata
		if id == "" {
			id = iso
		}
		// Named as the listed bodies are: "Armenian Foreign Ministry".
		name := display + " (" + qs.Name + ")"
		if d := qs.Values("demonyms"); len(d) > 0 {
			name = d[0] + " " + display
		}
		e = &entity{id: "organization:" + slug + "@" + id, name: name, typ: graph.Organization,
			words: strings.Fields(norm.Key(display))}
		st.byKey[key] = e
		st.ents = append(st.ents, e)
	}
	if st.bodyOf == nil {
		st.bodyOf = map[*entity]*gazetteer.Entry{}
	}
	st.bodyOf[e] = qs
	return e, qs, tie
}

// abbreviations in organization names, spelled out before a lookup ("US
// Dept of the Treasury").
var abbreviations = map[string]string{"dept": "department", "govt": "government", "gov": "government",
	"natl": "national", "intl": "international", "min": "ministry", "cmd": "command", "corp": "corporation"}

// listedOfState finds the listed organization an unlisted name stands for
// when it is a state's qualifier before a listed name of that state's body
// ("US Dept of the Treasury": the Treasury Department, in=USA), with
// abbreviations spelled out.
func (st *state) listedOfState(s *sentence, m *mention) *gazetteer.Entry {
	qs, rest := splitBodyName(st.x.gaz, s.keys[m.start:m.end])
	words := make([]string, 0, len(rest))
	changed := qs != nil
	for _, w := range rest {
		if full, ok := abbreviations[w]; ok {
			w, changed = full, true
		}
		words = append(words, w)
	}
	if !changed || len(words) == 0 {
		return nil
	}
	for _, f := range st.x.gaz.Lookup(strings.Join(words, " ")) {
		if f.Entry.Type == graph.Organization && !f.Ambiguous && (qs == nil || f.Entry.Attr("in") == qs.Attr("iso")) {
			return f.Entry
		}
	}
	return nil
}

// resolveBody gives a generic body's mention its qualified entity, or a
// listed body its name stands for, and reports whether it did.
func (st *state) resolveBody(s *sentence, m *mention) bool {
	if m.entry == nil {
		if e := st.listedOfState(s, m); e != nil {
			m.ent = st.entityFor(graph.Organization, "", e)
			return true
		}
	}
	e, q, tie := st.qualifiedBody(s, m)
	if e == nil {
		return false
	}
	m.ent = e
	if tie == tieName || tie == tieBeside {
		// The sentence ties the body to its state: the affiliation is
		// stated (AFFILIATED_WITH, rule org-name-state). A state inside the
		// name has no mention of its own: count this one.
		m.orgState = st.entityFor(graph.State, "", q)
		if tie == tieName {
			m.orgState.mentions++
		}
	}
	return true
}

// stateBeside returns the state named right before a body ("Turkey's
// Foreign Ministry", "the Syrian Foreign Ministry") or right after it ("the
// Ministry of Defence of Ukraine", "the Foreign Ministry in Ankara").
func (st *state) stateBeside(s *sentence, m *mention) (*gazetteer.Entry, bodyTie) {
	g := st.x.gaz
	b := m.start
	if b > 0 && s.isPossessive(b-1) {
		b--
	}
	for n := 1; n <= 3 && b-n >= 0; n++ {
		if e := stateForm(g, strings.Join(s.keys[b-n:b], " ")); e != nil && s.isCap(b-n) {
			return e, tieBeside
		}
		if b < m.start { // "Ankara's Foreign Ministry": a capital with 's
			for _, f := range g.Lookup(strings.Join(s.keys[b-n:b], " ")) {
				if f.Entry.Type == graph.State && f.Kind == gazetteer.Capital && s.isCap(b-n) {
					return f.Entry, tieBeside
				}
			}
		}
	}
	// "Foreign Ministry spokeswoman Mao Ning": the speaker's listed state.
	for _, o := range st.mentions[m.sent] {
		if o.start < m.end || o.start > m.end+3 {
			continue
		}
		if o.typ == graph.Person && o.start > m.end && s.is(o.start-1, fTitle) {
			for _, f := range g.LookupText(o.text) {
				if f.Entry.Type != graph.Person || f.Ambiguous {
					continue
				}
				for _, v := range f.Entry.Values("of") {
					if e := g.ByISO(v); e != nil {
						return e, tieSpeaker
					}
				}
			}
		}
		break
	}
	a := m.end
	switch s.lowerAt(a) {
	case "of", "in":
		in := s.lowerAt(a) == "in"
		a++
		if s.lowerAt(a) == "the" {
			a++
		}
		for n := min(3, len(s.Tokens)-a); n >= 1; n-- {
			key := strings.Join(s.keys[a:a+n], " ")
			for _, f := range g.Lookup(key) {
				if f.Entry.Type == graph.State && !f.Ambiguous && s.isCap(a) && (f.Kind != gazetteer.Capital || in) && f.Kind != gazetteer.Demonym {
					return f.Entry, tieBeside
				}
			}
		}
	}
	return nil, tieNone
}

// stateOfBody is the ISO code of the state of a body entity, if known: the one it
// was resolved with, or its listed entry's `in`.
func (st *state) stateOfBody(e *entity) string {
	if q := st.bodyOf[e]; q != nil {
		return q.Attr("iso")
	}
	if e.entry != nil {
		return e.entry.Attr("in")
	}
	return ""
}

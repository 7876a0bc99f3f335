package extract

import (
	"slices"
	"strings"

	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// unit is a noun phrase built around entity mentions: "Iranian Foreign
// Minister Abbas Araghchi" is one unit whose head is the person and whose
// qualifier is Iran. Relation rules read units, not raw mentions, so that
// "talks between Iranian Foreign Minister Abbas Araghchi and U.S. envoy
// Steve Witkoff" pairs the two people, and each is affiliated with his
// state.
type unit struct {
	start, end int
	ms         []*mention
	head       *entity
	mods       []*entity // states and organizations qualifying the head
	role       string    // title words in the unit ("Foreign Minister")
	possessive bool      // the unit ends with 's: it owns what follows
	family     string    // a family word ("son-in-law") ...
	familyOf   *entity   // ... and whose relative the head is
	roleRef    bool      // a title with no name ("the U.S. president"), resolved to its holder
	titled     bool      // ends in a title or family word: its head depends on what the article says
	pronoun    bool      // a pronoun or "the country"
	also       []*entity // further heads of a plural pronoun ("their" for "the US or Israel")
}

// endsInDemonym: the unit's last word is a demonym ("the Eritrean",
// "a Philippine"): an adjective on what follows.
func (u *unit) endsInDemonym() bool {
	return len(u.ms) > 0 && u.ms[len(u.ms)-1].form == formDemonym
}

// isTitleToken: a word that may stand inside a title.
func isTitleToken(s *sentence, i int) bool {
	return s.is(i, fTitle|fTitleMod|fFamily) || s.Tokens[i].Text == "-"
}

func isTitleNoun(s *sentence, i int) bool {
	return s.is(i, fTitle)
}

// modifierBeforeTitle: a lower-case word no list knows that qualifies a
// title right after it ("Transnistria's separatist leader", "the EU's
// enlargement commissioner", "Mali's transitional president"). Only
// after a possessive or another title word, so that a clause's words
// ("Iran said its leader") do not join a unit.
func modifierBeforeTitle(s *sentence, i int) bool {
	if i < 1 || s.Tokens[i].Kind != text.Word || s.isCap(i) || s.is(i, fFunction|fCue|fReporting|fPreposition|fConnective|fModal|fBe) {
		return false
	}
	if !s.isPossessive(i-1) && !(isTitleToken(s, i-1) && !s.is(i-1, fConnective)) && !modifierBeforeTitle(s, i-1) {
		return false
	}
	for k := i + 1; k < len(s.Tokens) && k <= i+2; k++ {
		if isTitleNoun(s, k) {
			return true
		}
		if !isTitleToken(s, k) || s.is(k, fConnective) {
			return false
		}
	}
	return false
}

var connectives = set("and", "the", "of", "to", "for")

// attachable reports whether the tokens between two mentions keep them in
// one unit: only title words and possessives ("U.S. Secretary of State
// Marco Rubio", "President Trump's son-in-law Jared Kushner"), and a
// connective only inside a title ("envoy to the Middle East").
func attachable(s *sentence, from, to int) bool {
	title := false
	for k := from; k < to; k++ {
		if s.Tokens[k].Kind == text.Possessive {
			if to-from == 1 {
				return false // "India's S-400": a possessor, not a qualifier
			}
			continue
		}
		if !isTitleToken(s, k) && !modifierBeforeTitle(s, k) {
			return false
		}
		if isTitleNoun(s, k) || s.is(k, fFamily) {
			title = true
		} else if s.is(k, fConnective) && !title {
			return false
		}
	}
	return true
}

// buildUnits groups a sentence's mentions into units and resolves each
// unit's head.
func (st *state) buildUnits(s *sentence, ms []*mention) []*unit {
	var us []*unit
	for i := 0; i < len(ms); {
		u := &unit{start: ms[i].start, end: ms[i].end, ms: []*mention{ms[i]}}
		j := i + 1
		for j < len(ms) && attachable(s, ms[j-1].end, ms[j].start) && ms[j].ent != nil {
			u.ms = append(u.ms, ms[j])
			u.end = ms[j].end
			j++
		}
		i = j
		if u.ms[0].ent == nil {
			continue
		}
		// Title words before the first mention ("President", "special envoy").
		for u.start > 0 && isTitleToken(s, u.start-1) && !s.is(u.start-1, fConnective) {
			u.start--
		}
		// "Parliament Speaker Nabih Berri": a capitalised body before the title.
		if u.start > 1 && u.start < u.ms[0].start && s.isCap(u.start-1) && !s.is(u.start-1, fFunction) && s.Tokens[u.start-1].Kind == text.Word {
			u.start--
		}
		if u.start > 0 && s.lower[u.start-1] == "the" {
			u.start--
		}
		// Title or family words after ("Qatar's prime minister").
		// Title or family words after ("Qatar's prime minister", "Ukraine's
		// head negotiator and defence minister", "the U.S. president's
		// son-in-law"), ending on a title or family noun.
		k, end := u.end, u.end
		if u.ms[len(u.ms)-1].ent.typ == graph.Person { // a named person needs no title after
			k = len(s.Tokens)
		}
		if s.isPossessive(k) {
			k++
		}
		for k < len(s.Tokens) && (isTitleToken(s, k) || modifierBeforeTitle(s, k) || s.isPossessive(k) && k > u.end && isTitleNoun(s, k-1)) {
			if isTitleNoun(s, k) || s.is(k, fFamily) {
				end = k + 1
			}
			k++
		}
		if end > u.end {
			u.end = end
			u.roleRef = true
			u.titled = true
		}
		st.headOf(s, u)
		// "his Turkish counterpart, Hakan Fidan": a title the text names
		// in apposition is that person, whoever else holds it.
		if u.roleRef && i < len(ms) && ms[i].ent != nil && ms[i].ent.typ == graph.Person && ms[i].start == u.end+1 && s.lowerAt(u.end) == "," {
			u.head = ms[i].ent
		}
		us = append(us, u)
	}
	return us
}

// headOf finds the unit's head, qualifiers, role and family tie.
func (st *state) headOf(s *sentence, u *unit) {
	var persons []*mention
	for i, m := range u.ms {
		if m.ent.typ != graph.Person {
			continue
		}
		// "Trump's son-in-law Jared Kushner": Trump is the relative's kin.
		if s.isPossessive(m.end) && m.end+1 < len(s.Tokens) && s.is(m.end+1, fFamily) && (i+1 < len(u.ms) || u.roleRef) {
			u.family, u.familyOf = s.lower[m.end+1], m.ent
			continue
		}
		persons = append(persons, m)
	}
	last := u.ms[len(u.ms)-1]
	u.possessive = s.isPossessive(last.end) && !u.roleRef
	switch {
	case len(persons) > 0:
		p := persons[len(persons)-1]
		u.head = p.ent
		u.role = roleBefore(s, p.start)
		u.roleRef = false
	case u.roleRef:
		// A title with no name: the person who holds it, when the article
		// names them; else the state or body it speaks for.
		u.role = s.span(last.end, u.end)
		if s.isPossessive(last.end) {
			u.role = s.span(last.end+1, u.end)
		}
		if s.is(u.end-1, fFamily) {
			// "the U.S. president's son-in-law": the kin is the holder of
			// the title before the possessive.
			u.family = s.lower[u.end-1]
			for p := u.end - 2; p > last.end; p-- {
				if s.isPossessive(p) {
					u.familyOf = st.roleHolder(&unit{ms: u.ms, role: s.span(last.end, p)})
					break
				}
			}
			u.roleRef = false
			u.head = nil
			return
		}
		u.head = st.roleHolder(u)
		if u.head == nil {
			u.head = last.ent
			u.roleRef = false
		}
	case len(u.ms) > 1 && dealsWith(s, u, last) && (u.ms[0].ent.typ == graph.State || u.ms[0].ent.typ == graph.Organization):
		// "Iran's ambassador to the UN": a title with no name, which
		// speaks for Iran, not for the UN it deals with.
		u.roleRef, u.titled = true, true
		u.role = s.span(u.ms[0].end, u.end)
		if s.isPossessive(u.ms[0].end) {
			u.role = s.span(u.ms[0].end+1, u.end)
		}
		if u.head = st.roleHolder(u); u.head == nil {
			u.head = u.ms[0].ent
			u.roleRef = false
		}
	default:
		u.head = last.ent
	}
	for _, m := range u.ms {
		e := m.ent
		if e == u.head || e == u.familyOf || e.typ == graph.Place || e.typ == graph.Weapon || e.typ == graph.Person {
			continue
		}
		if dealsWith(s, u, m) {
			continue
		}
		u.mods = appendEntity(u.mods, e)
	}
}

// dealsWith: a mention inside a title names what the role deals with,
// not the state or body it serves ("Special Envoy for Sudan", "Ambassador
// to Russia", "ambassador to the UN").
func dealsWith(s *sentence, u *unit, m *mention) bool {
	p := s.lowerAt(m.start - 1)
	return m.start-1 >= u.start && (p == "for" || p == "to" || p == "on" || p == "the" && (s.lowerAt(m.start-2) == "for" || s.lowerAt(m.start-2) == "to"))
}

func appendEntity(list []*entity, e *entity) []*entity {
	for _, x := range list {
		if x == e {
			return list
		}
	}
	return append(list, e)
}

// roleHolder resolves "the U.S. president" or "his Iranian counterpart" to
// the person of the article who holds that role for that state: the last
// such person in the article's order, or for a title with no state, the
// only one. It looks only at the people st.holders files under the
// reference's last word, so that an article naming many people stays
// linear (a scan of every entity per reference was quadratic).
func (st *state) roleHolder(u *unit) *entity {
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
	if noun == "" {
		return nil // no role to hold (and hasRole would say no to everyone)
	}
	h := st.roleHolders()
	if of == nil {
		// "the leader's sister": the one person the article gives that title.
		var only *entity
		for _, e := range h.withRole(noun) {
			if e != only && hasRole(e, words, st.date) {
				if only != nil {
					return nil
				}
				only = e
			}
		}
		return only
	}
	if noun == "counterpart" {
		// any person tied to of: stated in the article or listed
		var best *entity
		for _, list := range [2][]*entity{st.affilTo[of], h.listed} {
			for _, e := range list {
				if e.typ == graph.Person && (best == nil || h.pos[e] > h.pos[best]) && st.affiliated(e, of) {
					best = e
				}
			}
		}
		return best
	}
	cands := h.withRole(noun)
	for i := len(cands) - 1; i >= 0; i-- { // the last one that fits
		if e := cands[i]; st.affiliated(e, of) && hasRole(e, words, st.date) {
			return e
		}
	}
	return nil
}

// holderIndex files the article's people by the ends of their roles' titles
// (text roles and listed roles held at the article's date), in the order of
// st.ents, for roleHolder. A title holds a role noun when it ends with it
// (hasRole), so the people who may hold noun are those filed under its last
// min(len(noun), roleEnd) bytes; hasRole then decides.
type holderIndex struct {
	n      int                  // st.ents filed so far
	pos    map[*entity]int      // person -> index in st.ents
	byEnd  map[string][]*entity // last k <= roleEnd bytes of a lower-case title -> people, in st.ents order
	listed []*entity            // people with a gazetteer entry, in st.ents order
}

// roleEnd bounds the title ends filed per role, so that a hostile
// 100,000-character "title" costs roleEnd entries, not one per suffix.
const roleEnd = 8

// roleHolders returns the index, first filing the entities added since the
// last call. Roles are all given during resolve, before any reference is
// resolved, so a filed person's titles do not change afterwards.
func (st *state) roleHolders() *holderIndex {
	h := &st.holders
	if h.pos == nil {
		h.pos, h.byEnd = map[*entity]int{}, map[string][]*entity{}
	}
	for ; h.n < len(st.ents); h.n++ {
		e := st.ents[h.n]
		if e.typ != graph.Person {
			continue
		}
		h.pos[e] = h.n
		if e.entry != nil {
			h.listed = append(h.listed, e)
		}
		file := func(r string) {
			r = strings.ToLower(r)
			for k := 1; k <= len(r) && k <= roleEnd; k++ {
				l := h.byEnd[r[len(r)-k:]]
				if len(l) == 0 || l[len(l)-1] != e {
					h.byEnd[r[len(r)-k:]] = append(l, e)
				}
			}
		}
		for _, r := range e.roles {
			file(r)
		}
		if e.entry != nil {
			for _, r := range e.entry.RolesAt(st.date) {
				file(r)
			}
		}
	}
	return h
}

// withRole returns the people who may hold a role ending in noun, in
// st.ents order (a person appears once, or more if two of its titles end
// alike).
func (h *holderIndex) withRole(noun string) []*entity {
	if len(noun) > roleEnd {
		noun = noun[len(noun)-roleEnd:]
	}
	return h.byEnd[noun]
}

// hasRole reports whether person e has a role ending in noun: one the
// article gives it, or a listed one held at the article's date. A
// subordinate role (Vice President, Deputy Foreign Minister) answers only
// a reference that names the rank too: "the president" is not the vice
// president.
func hasRole(e *entity, ref []string, date string) bool {
	if len(ref) == 0 {
		return false
	}
	noun := ref[len(ref)-1]
	holds := func(r string) bool {
		r = strings.ToLower(r)
		if !strings.HasSuffix(r, noun) {
			return false
		}
		for _, w := range strings.FieldsFunc(r, func(c rune) bool { return c == ' ' || c == '-' }) {
			if subordinate[w] && !slices.Contains(ref, w) {
				return false
			}
		}
		return true
	}
	for _, r := range e.roles {
		if holds(r) {
			return true
		}
	}
	if e.entry != nil {
		for _, r := range e.entry.RolesAt(date) {
			if holds(r) {
				return true
			}
		}
	}
	return false
}

// subordinate ranks a role's title may carry.
var subordinate = set("vice", "deputy", "assistant", "under", "acting", "former", "junior")

// affiliated reports whether the article (or the gazetteer) ties person e
// to state or organization of.
func (st *state) affiliated(e, of *entity) bool {
	if st.affil[e] != nil && st.affil[e][of] {
		return true
	}
	if e.entry != nil && of.entry != nil {
		for _, v := range e.entry.Values("of") {
			if strings.EqualFold(v, of.entry.Attr("iso")) || strings.EqualFold(v, of.entry.Name) {
				return true
			}
		}
	}
	return false
}

// stateOfOrg returns the state named inside an organization's name ("U.S.
// Navy", "Turkey Wealth Fund"), read from the mention's first words. The
// resolver records it on the mention (orgState), counting it as a mention
// of the state.
func (st *state) stateOfOrg(s *sentence, m *mention) *entity {
	if m.ent == nil || m.ent.typ != graph.Organization {
		return nil
	}
	for n := 1; n <= 2 && m.start+n < m.end; n++ {
		key := strings.Join(s.keys[m.start:m.start+n], " ")
		for _, f := range st.x.gaz.Lookup(key) {
			if f.Entry.Type == graph.State && (f.Kind != gazetteer.Capital) && s.isCap(m.start) {
				if f.Surface != "" && isUpperString(f.Surface) && !isUpperString(s.span(m.start, m.start+n)) {
					continue
				}
				return st.entityFor(graph.State, "", f.Entry)
			}
		}
	}
	return nil
}

// typeOf is the type of a unit's head, or "" when it has none.
func typeOf(u *unit) graph.EntityType {
	if u == nil || u.head == nil {
		return ""
	}
	return u.head.typ
}

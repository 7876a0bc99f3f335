package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// entity is one real-world thing named in the article.
type entity struct {
	id, name string
	typ      graph.EntityType
	entry    *gazetteer.Entry
	aliases  []string
	mentions int
	roles    []string
	category string
	kind     string
	words    []string // norm keys of the name's words, for partial names
	acronyms []string
	variant  bool // a weapon variant filed under its family's entry: the family's attributes, not its id
}

func (e *entity) addAlias(s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	for _, a := range e.aliases {
		if a == s {
			return
		}
	}
	e.aliases = append(e.aliases, s)
}

func (e *entity) addRole(r string) {
	if r == "" {
		return
	}
	for _, x := range e.roles {
		if strings.EqualFold(x, r) {
			return
		}
	}
	e.roles = append(e.roles, r)
}

func (e *entity) graphEntity() graph.Entity {
	g := graph.Entity{ID: e.id, Type: e.typ, Name: e.name, Aliases: append([]string{}, e.aliases...),
		Mentions: e.mentions, Category: e.category, Kind: e.kind, Roles: e.roles}
	if e.entry != nil {
		if !e.variant {
			g.Wikidata = e.entry.Wikidata
		}
		if e.typ == graph.State {
			g.ISO = e.entry.Attr("iso")
		}
		if g.Category == "" {
			g.Category = e.entry.Attr("category")
		}
		if g.Kind == "" {
			g.Kind = e.entry.Attr("kind")
		}
		g.Roles = withListedRoles(g.Roles, e.entry)
	}
	sort.Strings(g.Aliases)
	return g
}

// EntityID is the stable id of an entity: its Wikidata QID where the
// gazetteer knows it, else its type and normalised name, so the same thing
// gets the same node in every article and every run.
func EntityID(t graph.EntityType, name, qid string) string {
	if qid != "" {
		return qid
	}
	return strings.ToLower(string(t)) + ":" + strings.ReplaceAll(norm.Key(name), " ", "-")
}

// entityFor returns the article's entity for a key, creating it.
func (st *state) entityFor(t graph.EntityType, name string, entry *gazetteer.Entry) *entity {
	if entry != nil {
		if e := st.byEntry[entry]; e != nil {
			return e
		}
		t, name = entry.Type, entry.Name
	}
	nk := norm.Key(name)
	key := string(t) + "|" + nk
	e, ok := st.byKey[key]
	if !ok {
		id := ""
		if entry != nil && entry.Wikidata != "" {
			id = entry.Wikidata
		} else {
			id = strings.ToLower(string(t)) + ":" + strings.ReplaceAll(nk, " ", "-")
		}
		e = &entity{id: id, name: name, typ: t, entry: entry, words: strings.Fields(nk)}
		st.byKey[key] = e
		st.ents = append(st.ents, e)
	}
	if entry != nil {
		st.byEntry[entry] = e
	}
	return e
}

// resolve gives every mention its entity: listed forms by their entry,
// capitals by their use (actor or location), full names by name, and
// partial names ("Araghchi", "the Truman") by the fuller name they echo.
func (st *state) resolve() {
	st.consistentTypes()
	st.preferAlternatives()
	st.polities = st.actingPolities()
	// Pass 1: mentions that name their entity on their own.
	for si, ms := range st.mentions {
		s := st.sents[si]
		for _, m := range ms {
			st.resolveFull(s, m)
		}
	}
	// Pass 2: partial names, including words no recogniser marked.
	st.echoes()
	for si, ms := range st.mentions {
		for _, m := range ms {
			if m.ent == nil {
				st.resolvePartial(st.sents[si], m)
			}
		}
	}
	for si, ms := range st.mentions {
		for _, m := range ms {
			if m.ent != nil {
				m.ent.mentions++
				m.ent.addAlias(m.text)
				if m.alias != "" {
					m.ent.addAlias(m.alias)
				}
			}
			if m.orgState != nil { // set by resolveBody
				continue
			}
			if os := st.stateOfOrg(st.sents[si], m); os != nil {
				m.orgState = os
				os.mentions++
			}
		}
	}
}

// preferAlternatives: an ambiguous form that names several entries alike
// ("Congo", "Congolese") names the one the article names unambiguously
// elsewhere ("Kinshasa", "DRC"); with none, or both, the list's first.
func (st *state) preferAlternatives() {
	named := map[*gazetteer.Entry]bool{}
	for _, ms := range st.mentions {
		for _, m := range ms {
			if m.entry != nil && len(m.alts) == 0 {
				named[m.entry] = true
			}
			if m.capital != nil && len(m.alts) == 0 {
				named[m.capital] = true
			}
		}
	}
	for _, ms := range st.mentions {
		for _, m := range ms {
			if len(m.alts) == 0 || named[m.entry] {
				continue
			}
			var pick *gazetteer.Entry
			for _, a := range m.alts {
				if named[a] {
					if pick != nil {
						pick = nil // both named: no evidence either way
						break
					}
					pick = a
				}
			}
			if pick != nil {
				if m.capital == m.entry {
					m.capital = pick
				}
				m.entry = pick
			}
		}
	}
}

func (st *state) resolveFull(s *sentence, m *mention) {
	switch {
	case m.form == formCapital:
		if st.capitalIsLocation(s, m) {
			m.typ = graph.Place
			if m.placeEntry != nil {
				m.ent = st.entityFor(graph.Place, "", m.placeEntry)
			} else {
				m.ent = st.entityFor(graph.Place, m.text, nil)
			}
			m.ent.kind = "city"
			m.form = formName
			return
		}
		// The seat acting: its state ("Tehran"), or the organization
		// seated there ("Brussels" for the European Union).
		m.typ = m.capital.Type
		m.ent = st.entityFor(m.typ, "", m.capital)
	case m.typ == graph.Organization && st.resolveBody(s, m):
	case m.typ == graph.Person && generation(s, m):
		// "Donald Trump Jr." is not Donald Trump.
		m.ent = st.entityFor(graph.Person, m.text, nil)
	case m.typ == graph.Weapon && st.variantEntity(s, m) != nil:
		// "F-35A" and "F-35C" are two weapons, not the F-35 entry.
		m.ent = st.variantEntity(s, m)
	case m.entry != nil && st.polities[m.entry]:
		// A breakaway territory acting: the de facto state, an entity of
		// its own (no LOCATED_IN edge, no place kind).
		m.typ = graph.State
		m.ent = st.entityFor(graph.State, m.entry.Name, nil)
	case m.entry != nil:
		m.ent = st.entityFor(m.typ, "", m.entry)
		// "Tren de Aragua (TDA)": an unlisted acronym of a listed name.
		if a := acronymAfter(s, m.end); a != "" && m.typ == graph.Organization && len(st.x.gaz.Lookup(norm.Key(a))) == 0 {
			m.ent.acronyms = appendNew(m.ent.acronyms, a)
		}
	case m.typ == graph.Organization && st.acronymEntity(m.text) != nil:
		// "the SLF" after "the Sahel Liberation Front (SLF)".
		m.ent = st.acronymEntity(m.text)
		m.form = formPartial
	case m.rule == "tagger" && st.knownRun(m) != nil && st.kinName(s, m, st.knownRun(m).words):
	case m.rule == "tagger" && st.knownRun(m) != nil:
		// "the nuclear-powered Carl Vinson": part of a name already read.
		m.ent = st.knownRun(m)
		m.typ = m.ent.typ
		m.form = formPartial
	case m.typ == graph.Person:
		if e := st.listedPerson(m.text); e != nil {
			m.ent = e
			break
		}
		if e := st.x.titledVariant(m.text, roleBefore(s, m.start), st.date); e != nil {
			m.ent = st.entityFor(graph.Person, "", e)
			break
		}
		if len(strings.Fields(norm.Key(m.text))) < 2 {
			m.form = formPartial // surname only: pass 2
			return
		}
		m.ent = st.personFor(m.text)
	case m.typ == graph.Organization:
		// "National Liberation Army (ELN)": a listed acronym names the
		// listed body; an unlisted one becomes an alias.
		a := acronymAfter(s, m.end)
		if e := st.listedOrg(a); e != nil {
			m.ent = e
			break
		}
		m.ent = st.entityFor(graph.Organization, m.text, nil)
		if a != "" {
			m.ent.acronyms = append(m.ent.acronyms, a)
		}
	default:
		m.ent = st.entityFor(m.typ, m.text, nil)
		if m.typ == graph.Weapon && m.ent.category == "" {
			m.ent.category = m.category
		}
	}
	if m.ent != nil && m.ent.typ == graph.Person {
		if r := roleBefore(s, m.start); r != "" {
			m.ent.addRole(r)
		}
	}
}

// generation extends a person's mention over a generational suffix that
// follows it ("Jr.", "Sr.") and reports whether it did.
func generation(s *sentence, m *mention) bool {
	i := m.end
	if s.lowerAt(i) == "," {
		i++
	}
	switch strings.TrimSuffix(s.lowerAt(i), ".") {
	case "jr", "sr":
	default:
		return false
	}
	m.end = i + 1
	if s.lowerAt(m.end) == "." && !strings.HasSuffix(s.lowerAt(i), ".") && m.end < len(s.Tokens)-1 {
		m.end++
	}
	m.text = s.span(m.start, m.end)
	return true
}

// knownRun returns the article's entity whose longer name contains the
// mention's words in a run.
func (st *state) knownRun(m *mention) *entity {
	words := strings.Fields(norm.Key(m.text))
	for _, e := range st.ents {
		if len(e.words) > len(words) && containsRun(e.words, words) {
			return e
		}
	}
	return nil
}

// listedOrg returns the listed organization an acronym names, or nil.
func (st *state) listedOrg(acronym string) *entity {
	if acronym == "" {
		return nil
	}
	for _, f := range st.x.gaz.Lookup(norm.Key(acronym)) {
		if f.Entry.Type == graph.Organization && !f.Ambiguous {
			return st.entityFor(graph.Organization, "", f.Entry)
		}
	}
	return nil
}

// listedPerson finds a gazetteer person for a name found by context
// ("President Trump", "Rafael Mariano Grossi"): the name itself, or its
// first and last words.
func (st *state) listedPerson(name string) *entity {
	words := strings.Fields(norm.Key(name))
	keys := []string{strings.Join(words, " ")}
	if len(words) > 2 {
		keys = append(keys, words[0]+" "+words[len(words)-1])
	}
	for _, k := range keys {
		for _, f := range st.x.gaz.Lookup(k) {
			if f.Entry.Type == graph.Person && !f.Ambiguous {
				return st.entityFor(graph.Person, "", f.Entry)
			}
		}
	}
	if e := st.x.variantPerson(name); e != nil {
		return st.entityFor(graph.Person, "", e)
	}
	return nil
}

// personFor finds the person a full name belongs to, merging "Rafael
// Mariano Grossi" with "Rafael Grossi" (same first and last word).
func (st *state) personFor(name string) *entity {
	words := strings.Fields(norm.Key(name))
	if len(words) > 0 {
		// The first person filed under the (first, last) words: an index,
		// since a scan of every entity per name was quadratic in the names
		// an article gives.
		if st.byEnds == nil {
			st.byEnds = map[[2]string]*entity{}
		}
		for ; st.endsFiled < len(st.ents); st.endsFiled++ {
			e := st.ents[st.endsFiled]
			k := [2]string{}
			if e.typ == graph.Person && len(e.words) >= 2 {
				k = [2]string{e.words[0], e.words[len(e.words)-1]}
			}
			if _, ok := st.byEnds[k]; !ok && k[0] != "" {
				st.byEnds[k] = e
			}
		}
		if e := st.byEnds[[2]string{words[0], words[len(words)-1]}]; e != nil {
			return e
		}
		return st.entityFor(graph.Person, name, nil)
	}
	for _, e := range st.ents {
		if e.typ != graph.Person || len(e.words) < 2 {
			continue
		}
		// The first name seen keeps the id; the longer or shorter form
		// becomes an alias.
		if e.words[0] == words[0] && e.words[len(e.words)-1] == words[len(words)-1] {
			return e
		}
	}
	return st.entityFor(graph.Person, name, nil)
}

// capitalIsLocation tells "talks in Tehran" (a place) from "Tehran has
// said" (the state acting).
func (st *state) capitalIsLocation(s *sentence, m *mention) bool {
	if s.isPossessive(m.end) {
		// "Tehran's nuclear program" is the state; "Tel Aviv's Hostages
		// Square" is the city.
		return m.end+1 < len(s.Tokens) && s.isCap(m.end+1) && placeHeadWithin(s, m.end+1, 4)
	}
	p := m.start - 1
	if p >= 0 && s.lower[p] == "the" {
		if m.placeEntry != nil { // "the Muscat talks"
			return true
		}
		p--
	}
	if p > 0 && s.lower[p] == "from" && authorityNouns[s.lower[p-1]] {
		return false // "orders from Moscow": what the government sends
	}
	if p > 0 && s.lower[p] == "to" && allegianceBefore(s, p) {
		return false // "handed the country to Moscow", "loyal to Tehran"
	}
	if p >= 0 && s.is(p, fLocative) {
		return true
	}
	if q := p; q >= 0 && (cityNouns[s.lower[q]] || s.lower[q] == "," && q > 0 && cityNouns[s.lower[q-1]]) {
		return true
	}
	if p > 0 && s.lower[p] == "on" && advanceNouns[s.lower[p-1]] {
		return true
	}
	// "Sanaa, the Yemeni capital": an apposition naming it a city.
	if s.lowerAt(m.end) == "," && s.lowerAt(m.end+1) == "the" {
		for k := m.end + 2; k < m.end+5 && k < len(s.Tokens); k++ {
			if cityNouns[s.lower[k]] {
				return true
			}
			if !s.isCap(k) {
				break
			}
		}
	}
	if p > 0 && s.lower[p] == "of" && s.is(p-1, fLocationOf) {
		return true
	}
	// "Muscat, Oman": a place followed by its own country. "Cairo, Addis
	// Ababa and Khartoum" is a list of capitals, each its state.
	if s.lowerAt(m.end) == "," && s.isCap(m.end+1) && s.lowerAt(m.end+2) != "said" {
		return m.placeEntry != nil && namesEntry(s, m.end+1, m.capital)
	}
	// "Brussels hosted the summit": a city hosts (a state hosting is
	// named as the state).
	if hostVerbs[s.lowerAt(m.end)] || (s.lowerAt(m.end) == "will" || s.lowerAt(m.end) == "is") && hostVerbs[s.lowerAt(m.end+1)] {
		return true
	}
	// "Tehran-based"
	return strings.HasPrefix(s.lowerAt(m.end), "-")
}

// namesEntry reports whether the words from i spell the entry's name or
// one of its aliases ("Oman" after "Muscat,").
func namesEntry(s *sentence, i int, e *gazetteer.Entry) bool {
	if e == nil {
		return false
	}
	spells := func(name string) bool {
		words := strings.Fields(strings.ToLower(name))
		return len(words) > 0 && i+len(words) <= len(s.lower) && slices.Equal(s.lower[i:i+len(words)], words)
	}
	if spells(e.Name) {
		return true
	}
	return slices.ContainsFunc(e.Aliases, spells)
}

// authorityNouns before "from CAPITAL" make it the government that sends
// them ("orders from Moscow", "pressure from Washington").
var authorityNouns = set("orders", "order", "instructions", "instruction", "directives", "pressure", "support",
	"backing", "approval", "permission", "funding", "guidance", "demands", "signal", "signals", "message")

// allegianceWords before "to CAPITAL" (within three words) make it the
// government: "handed the country to Moscow", "loyal to Tehran".
var allegianceWords = set("handed", "hand", "hands", "ceded", "cede", "surrendered", "sold", "betrayed",
	"loyal", "loyalty", "allegiance", "closer", "pivot", "tilt", "beholden", "subservient")

func allegianceBefore(s *sentence, p int) bool {
	for k := p - 1; k >= 0 && k >= p-3; k-- {
		if allegianceWords[s.lower[k]] {
			return true
		}
		if s.Tokens[k].Kind != text.Word {
			return false
		}
	}
	return false
}

// placeHeadWithin reports a place head word among the n tokens from i.
func placeHeadWithin(s *sentence, i, n int) bool {
	for k := i; k < len(s.Tokens) && k < i+n; k++ {
		if s.is(k, fPlaceHead) && s.isCap(k) {
			return true
		}
	}
	return false
}

// roleBefore returns the title just before a person's name, as written
// ("Foreign Minister", "special envoy").
func roleBefore(s *sentence, start int) string {
	j := start
	for j > 0 {
		l := s.lower[j-1]
		if s.is(j-1, fTitle) || s.is(j-1, fTitleMod) && l != "the" && l != "and" {
			j--
			continue
		}
		break
	}
	for j < start && (s.lower[j] == "of" || s.lower[j] == "to" || s.lower[j] == "for") {
		j++
	}
	return s.span(j, start)
}

func acronymAfter(s *sentence, i int) string {
	if s.lowerAt(i) == "(" && i+2 < len(s.Tokens) && s.Tokens[i+2].Text == ")" && s.Tokens[i+1].IsAllCaps() {
		return s.Tokens[i+1].Text
	}
	return ""
}

// echoes marks words no recogniser caught that repeat part of a known
// multi-word name ("Araghchi" after "Abbas Araghchi", "the Truman" after
// "USS Harry S. Truman") or a known acronym.
func (st *state) echoes() {
	type target struct {
		e   *entity
		pos int // index of the word in the name
	}
	index := map[string][]target{}
	for _, e := range st.ents {
		if e.typ != graph.Person && e.typ != graph.Weapon && e.typ != graph.Organization {
			continue
		}
		if e.typ != graph.Organization && len(e.words) >= 2 {
			for i, w := range e.words {
				// two letters are enough for a family name ("Li", "Wu")
				if len(w) < 2 || strings.Contains(w, ".") || nameParticles[w] || shipPrefixes[strings.ToUpper(w)] {
					continue
				}
				index[w] = append(index[w], target{e, i})
				if f := norm.Fold(w); f != w && len(w) >= 5 {
					// "Pashinian" echoes Nikol Pashinyan.
					index[f] = append(index[f], target{e, i})
				}
			}
		}
		for _, a := range e.acronyms {
			index[norm.Key(a)] = append(index[norm.Key(a)], target{e, -1})
		}
	}
	if len(index) == 0 {
		return
	}
	for si, s := range st.sents {
		ms := st.mentions[si]
		covered := make([]bool, len(s.Tokens))
		for _, m := range ms {
			for k := m.start; k < m.end; k++ {
				covered[k] = true
			}
		}
		added := false
		for i := 0; i < len(s.Tokens); i++ {
			if covered[i] || !s.isCap(i) {
				continue
			}
			ts := index[s.keys[i]]
			if len(ts) == 0 && len(s.keys[i]) >= 5 {
				ts = index[norm.Fold(s.keys[i])]
			}
			if len(ts) == 0 {
				continue
			}
			t := ts[len(ts)-1]
			// "his son Nicolás Petro" after Gustavo Petro: a surname after a
			// given name of its own is a different person (kin, namesake).
			if t.e.typ == graph.Person && t.pos > 0 && i > 0 && !covered[i-1] && s.isNameWord(i-1) &&
				!s.is(i-1, fTitle|fTitleMod) && s.keys[i-1] != t.e.words[t.pos-1] {
				m := &mention{sent: si, start: i - 1, end: i + 1, typ: graph.Person, form: formName, text: s.span(i-1, i+1), rule: "echo"}
				m.ent = st.personFor(m.text)
				ms = append(ms, m)
				added = true
				covered[i-1], covered[i] = true, true
				continue
			}
			// Extend over following words of the same name ("Carl Vinson").
			end := i + 1
			for end < len(s.Tokens) && !covered[end] && t.pos >= 0 && t.pos+(end-i) < len(t.e.words) && s.keys[end] == t.e.words[t.pos+end-i] {
				end++
			}
			last := t.pos >= 0 && t.pos+(end-i) == len(t.e.words)
			firstAfterTitle := t.pos == 0 && i > 0 && s.is(i-1, fTitle)
			// "Wang" after "Wang Yi", "Abiy" after "Abiy Ahmed": where the
			// family name comes first or the given name is the one used, a
			// lone first word names the one person it begins, if no other
			// name word follows ("Wang Wenbin" is someone else).
			firstAlone := t.pos == 0 && len(ts) == 1 && !s.isNameWord(i+1) && !s.isPossessive(i+1) && s.isNameWord(i)
			if t.e.typ == graph.Person && !last && !firstAfterTitle && end-i < 2 && !firstAlone {
				continue
			}
			m := &mention{sent: si, start: i, end: end, typ: t.e.typ, form: formPartial, text: s.span(i, end), rule: "echo", ent: t.e}
			ms = append(ms, m)
			added = true
			for k := i; k < end; k++ {
				covered[k] = true
			}
			i = end - 1
		}
		if added {
			sortMentions(ms)
			st.mentions[si] = ms
		}
	}
}

// resolvePartial links a partial person name found by a recogniser ("Mr.
// Grossi", "President Zelenskyy") to the full name it shortens; a name
// with no fuller form stands alone.
func (st *state) resolvePartial(s *sentence, m *mention) {
	words := strings.Fields(norm.Key(m.text))
	var best *entity
	for _, e := range st.ents {
		if e.typ != m.typ || len(e.words) <= len(words) {
			continue
		}
		if containsRun(e.words, words) {
			best = e
		}
	}
	if best == nil {
		best = st.entityFor(m.typ, m.text, nil)
	} else if st.kinName(s, m, best.words) {
		return
	}
	m.ent = best
	if m.typ == graph.Person {
		if r := roleBefore(s, m.start); r != "" {
			best.addRole(r)
		}
	}
}

// ownGivenName reports a capitalised name word right before a surname
// mention that no mention covers, is no title, and is not the given name of
// the person the surname would echo.
func (st *state) ownGivenName(s *sentence, m *mention, names []string) bool {
	p := m.start - 1
	if p < 0 || !s.isNameWord(p) || s.is(p, fTitle|fTitleMod) || s.isPossessive(p) {
		return false
	}
	for _, o := range st.mentions[m.sent] {
		if o != m && o.start <= p && p < o.end {
			return false
		}
	}
	for i, w := range names {
		if w == s.keys[p] && i+1 < len(names) {
			return false
		}
	}
	return true
}

// kinName extends a surname mention over its own given name ("his son
// Nicolás Petro", where Petro alone would name Gustavo Petro) and gives it
// its own person; names are the words of the person the surname echoes.
func (st *state) kinName(s *sentence, m *mention, names []string) bool {
	if m.typ != graph.Person || m.end-m.start != 1 || !st.ownGivenName(s, m, names) {
		return false
	}
	m.start--
	m.text = s.span(m.start, m.end)
	m.form = formName
	m.entry = nil
	m.ent = st.personFor(m.text)
	return true
}

// acronymEntity returns the article's entity that gave text as its
// acronym in parentheses, or nil.
func (st *state) acronymEntity(text string) *entity {
	k := norm.Key(text)
	if strings.Contains(k, " ") {
		return nil
	}
	for _, e := range st.ents {
		for _, a := range e.acronyms {
			if norm.Key(a) == k {
				return e
			}
		}
	}
	return nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func containsRun(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		ok := true
		for j := range needle {
			if hay[i+j] != needle[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

package extract

import (
	"strings"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// clauseBreaks end the reach of a subject or an object.
var clauseBreaks = set(";", ":", "—", "–", "(", ")", "while", "whereas", "but", "although", "though",
	"because", "who", "which", "whose", "whom", "when", "if", "unless", "amid", "as", "after", "before")

// prepositions before a unit make it a complement, not a subject.
var prepositions = set("in", "at", "on", "from", "to", "of", "near", "by", "for", "with", "into",
	"across", "over", "about", "against", "between", "among", "under", "after", "before", "during",
	"toward", "towards", "through", "via", "including", "like", "than", "without", "within", "per")

var beForms = set("is", "are", "was", "were", "be", "been", "being")

var modals = set("would", "could", "will", "might", "may", "shall", "can", "to")

var reportingVerbs = set("said", "says", "say", "stated", "states", "insisted", "insists", "added",
	"told", "warned", "declared", "announced", "argued", "claimed", "noted", "insisting", "saying",
	"stressing", "stressed", "adding", "arguing")

// pairWords refer back to the last two parties ("both sides", "the two
// countries").
var pairWords = set("sides", "countries", "nations", "leaders", "delegations", "parties", "governments", "states")

// sentenceView is one sentence ready for the relation rules.
type sentenceView struct {
	s     *sentence
	units []*unit
	at    []*unit // token index -> unit covering it, or nil
	rel   []bool  // token index -> inside a ", who ... ," relative clause
}

// relate runs the relation rules over every sentence.
func (st *state) relate() {
	st.affil = map[*entity]map[*entity]bool{}
	st.affilTo = map[*entity][]*entity{}
	views := make([]*sentenceView, len(st.sents))
	// First pass: units and the affiliations they state, so that later
	// role references ("the U.S. president") can find their holder.
	for i, s := range st.sents {
		v := &sentenceView{s: s}
		v.units = st.buildUnits(s, st.mentions[i])
		views[i] = v
		st.affiliations(v)
	}
	for i, v := range views {
		// Rebuild where a title without a name ("the U.S. president") may
		// now resolve, since all affiliations are known.
		if v.hasRoleRefs() {
			v.units = st.buildUnits(v.s, st.mentions[i])
		}
		v.index()
		st.addReferences(v, i)
		v.index()
		st.keepPersonalPronouns(v, i)
		st.affiliations(v)
		st.appositions(v)
		st.appositiveRoles(v)
		st.rolesBefore(v)
		st.possessors(v)
		st.delegations(v)
		st.locations(v)
		st.allies(v)
		st.symmetric(v)
		st.directed(v)
		st.lastSubjects(v)
	}
	st.gazetteerRelations()
}

// possessors: "Somalia's Hassan Sheikh Mohamud", "Iran's Araghchi": a
// person owned by a state or an organization, with no title between, is
// its person (a title would have made one unit of them).
func (st *state) possessors(v *sentenceView) {
	for i := 0; i+1 < len(v.units); i++ {
		u, w := v.units[i], v.units[i+1]
		if !u.possessive || u.pronoun || w.pronoun || w.start > u.end+1 || w.family != "" || w.head == nil || u.head == nil {
			continue
		}
		if t := typeOf(u); (t == graph.State || t == graph.Organization) && typeOf(w) == graph.Person {
			st.affiliate(w.head, u.head, v.s, 0.8, "possessor", "")
		}
	}
}

func (v *sentenceView) hasRoleRefs() bool {
	for _, u := range v.units {
		if u.titled {
			return true
		}
	}
	return false
}

func (v *sentenceView) index() {
	n := len(v.s.Tokens)
	if cap(v.at) >= n {
		v.at = v.at[:n]
		clear(v.at)
	} else {
		v.at = make([]*unit, n)
	}
	for _, u := range v.units {
		for k := u.start; k < u.end; k++ {
			v.at[k] = u
		}
	}
	if cap(v.rel) >= n {
		v.rel = v.rel[:n]
		clear(v.rel)
	} else {
		v.rel = make([]bool, n)
	}
	s := v.s
	for k := 1; k < len(s.Tokens); k++ {
		if l := s.lower[k]; (l == "who" || l == "which" || l == "whose") && s.lower[k-1] == "," {
			for j := k; j < len(s.Tokens) && s.lower[j] != "," && s.lower[j] != ";"; j++ {
				v.rel[j] = true
			}
		}
	}
}

// keepPersonalPronouns records the sentence's resolved "he", "she", "him"
// for the structural reader, which otherwise sees names only: "Orban, who
// hosted him in Budapest".
func (st *state) keepPersonalPronouns(v *sentenceView, si int) {
	for _, u := range v.units {
		if u.pronoun && u.head != nil && u.end == u.start+1 && personalPronouns[v.s.lower[u.start]] {
			if st.refs == nil {
				st.refs = make([][]*unit, len(st.sents))
			}
			st.refs[si] = append(st.refs[si], u)
		}
	}
}

var personalPronouns = set("he", "she", "him")

func (st *state) affiliate(src, dst *entity, s *sentence, conf float64, rule, role string) {
	if src == nil || dst == nil || src == dst {
		return
	}
	if st.affil[src] == nil {
		st.affil[src] = map[*entity]bool{}
	}
	if !st.affil[src][dst] {
		st.affilTo[dst] = append(st.affilTo[dst], src)
	}
	st.affil[src][dst] = true
	var props map[string]string
	if role != "" {
		props = map[string]string{"role": role}
	}
	st.addRelation(src, graph.AffiliatedWith, dst, s, conf, rule, props)
}

// affiliations: a person's qualifiers in their unit ("Iranian Foreign
// Minister Abbas Araghchi"), an organization's state ("U.S. State
// Department", "U.S. Navy"), and kin ("Trump's son-in-law Jared Kushner").
func (st *state) affiliations(v *sentenceView) {
	s := v.s
	for _, u := range v.units {
		if u.head == nil {
			continue
		}
		for _, m := range u.ms {
			if os := m.orgState; os != nil {
				st.affiliate(m.ent, os, s, 0.9, "org-name-state", "")
				if typeOf(u) == graph.Person && m.ent != u.head {
					st.affiliate(u.head, os, s, 0.85, "title-org-state", u.role)
				}
			}
		}
		if u.roleRef {
			continue
		}
		for _, q := range u.mods {
			if typeOf(u) == graph.Person || typeOf(u) == graph.Organization && q.typ == graph.State {
				st.affiliate(u.head, q, s, 0.9, "title-qualifier", u.role)
			}
		}
		if typeOf(u) == graph.Person {
			st.departmentOfTitle(s, u)
		}
		if u.familyOf != nil && typeOf(u) == graph.Person {
			st.addRelation(u.head, graph.RelativeOf, u.familyOf, s, 0.9, "family-title", map[string]string{"relation": u.family})
		}
	}
}

// departmentOfTitle: "Treasury Secretary Scott Bessent", "Defense
// Secretary Pete Hegseth": a capitalised word before the title noun that
// names an organization of the article ties the person to it.
func (st *state) departmentOfTitle(s *sentence, u *unit) {
	var p *mention
	for _, m := range u.ms {
		if m.ent == u.head {
			p = m
		}
	}
	if p == nil {
		return
	}
	inMention := func(k int) bool {
		for _, m := range u.ms {
			if k >= m.start && k < m.end {
				return true
			}
		}
		return false
	}
	own := "" // the person's state, as the unit or the list gives it
	for _, q := range u.mods {
		if q.typ == graph.State && q.entry != nil {
			own = q.entry.Attr("iso")
			break
		}
	}
	if own == "" && u.head.entry != nil {
		for _, v := range u.head.entry.Values("of") {
			if st.x.gaz.ByISO(v) != nil {
				own = v
			}
		}
	}
	for k := u.start; k < p.start; k++ {
		if !s.isCap(k) || s.is(k, fTitle) || !s.is(k+1, fTitle) || inMention(k) {
			continue
		}
		for _, e := range st.ents {
			// "Greek Defence Minister" does not serve Turkey's defence ministry.
			if b := st.stateOfBody(e); b != "" && own != "" && b != own {
				continue
			}
			if e.typ == graph.Organization && e.mentions > 0 && hasWord(e, s.keys[k]) {
				st.affiliate(u.head, e, s, 0.7, "title-department", u.role)
			}
		}
	}
}

// hasWord: one of the words of e's name or aliases is w.
func hasWord(e *entity, w string) bool {
	for _, x := range e.words {
		if x == w {
			return true
		}
	}
	for _, a := range e.aliases {
		for _, x := range strings.Fields(norm.Key(a)) {
			if x == w {
				return true
			}
		}
	}
	return false
}

// appositions: "NATO's top general, US Air Force General Alexus
// Grynkewich", "Ukraine's president, Volodymyr Zelenskyy", "Jared
// Kushner, the U.S. president's son-in-law".
func (st *state) appositions(v *sentenceView) {
	s := v.s
	for i := 0; i+1 < len(v.units); i++ {
		a, b := v.units[i], v.units[i+1]
		// "Jane Roe, a UN spokesperson": an article may open the role.
		gap := b.start - a.end
		if s.lower[a.end] != "," || gap != 1 && !(gap == 2 && articles[s.lower[a.end+1]]) {
			continue
		}
		var person, role *unit
		switch {
		case a.head != nil && typeOf(a) == graph.Person && !a.roleRef && (typeOf(b) != graph.Person || b.roleRef) && (b.roleRef || b.family != "" || b.head != nil && typeOf(b) != graph.Person && isRoleUnit(s, b)):
			person, role = a, b
		case b.head != nil && typeOf(b) == graph.Person && (typeOf(a) != graph.Person || a.roleRef) && (a.roleRef || a.family != "" || isRoleUnit(s, a)):
			person, role = b, a
		default:
			continue
		}
		if role.family != "" {
			kin := role.familyOf
			if kin == nil {
				kin = st.roleHolder(&unit{ms: role.ms, role: s.span(role.ms[len(role.ms)-1].end, role.end-1)})
			}
			if kin != nil && kin.typ == graph.Person {
				st.addRelation(person.head, graph.RelativeOf, kin, s, 0.85, "apposition-family", map[string]string{"relation": role.family})
			}
			continue
		}
		for _, m := range role.ms {
			if (m.ent.typ == graph.State || m.ent.typ == graph.Organization) && !dealsWith(s, role, m) {
				st.affiliate(person.head, m.ent, s, 0.85, "apposition-title", role.role)
			}
		}
	}
}

// appositiveRoles: "Shi Yi, a spokesman for the command," and "Jane Roe,
// the agency's director": a person, a comma, a title, and the body or
// state the title serves.
func (st *state) appositiveRoles(v *sentenceView) {
	s := v.s
	for _, u := range v.units {
		if typeOf(u) != graph.Person || u.pronoun || s.lowerAt(u.end) != "," {
			continue
		}
		j := u.end + 1
		// "Shi Yi, a spokesman for the command", "Mark Rutte, secretary
		// general of NATO": the article is optional before a title.
		if articles[s.lowerAt(j)] {
			j++
		} else if !s.is(j, fTitle|fTitleMod) || s.isCap(j) && !s.is(j, fTitle) {
			continue
		}
		// "Kim Yo Jong, the leader's powerful sister,": kin of the one
		// person the article gives that title.
		if s.is(j, fTitle) && s.isPossessive(j+1) {
			for f := j + 2; f < len(s.Tokens) && f <= j+4; f++ {
				if s.is(f, fFamily) {
					if kin := st.roleHolder(&unit{role: s.lower[j]}); kin != nil && kin != u.head {
						st.addRelation(u.head, graph.RelativeOf, kin, s, 0.8, "apposition-family", map[string]string{"relation": s.lower[f]})
					}
					break
				}
				if !s.is(f, fTitleMod) {
					break
				}
			}
			continue
		}
		title := ""
		for j < len(s.Tokens) && s.is(j, fTitleMod|fTitle) && !s.is(j, fConnective) {
			if s.is(j, fTitle) {
				title = s.lower[j]
			}
			j++
		}
		if title == "" || (s.lowerAt(j) != "for" && s.lowerAt(j) != "of" && s.lowerAt(j) != "at") {
			continue
		}
		if o := v.object(j, 2, func(e *entity) bool { return e != nil && (e.typ == graph.Organization || e.typ == graph.State) }); o != nil {
			st.affiliate(u.head, o.head, s, 0.8, "apposition-role", title)
		}
	}
}

// isRoleUnit: a unit that ends in a title ("Ukraine's head negotiator").
var articles = set("a", "an", "the")

// rolesBefore: "the president of Finland, Alexander Stubb": a title of a
// state or body, a comma, and the person who holds it.
func (st *state) rolesBefore(v *sentenceView) {
	s := v.s
	for i := 1; i < len(v.units); i++ {
		p, x := v.units[i], v.units[i-1]
		if typeOf(p) != graph.Person || p.pronoun || p.start < 1 || s.lower[p.start-1] != "," || x.end != p.start-1 || x.head == nil {
			continue
		}
		if t := typeOf(x); t != graph.State && t != graph.Organization || x.start < 2 || s.lower[x.start-1] != "of" {
			continue
		}
		j := x.start - 1
		for j > 0 && s.is(j-1, fTitle|fTitleMod) && !s.is(j-1, fConnective) && !articles[s.lower[j-1]] {
			j--
		}
		if j == x.start-1 || !s.is(x.start-2, fTitle) {
			continue
		}
		st.affiliate(p.head, x.head, s, 0.85, "title-of-apposition", s.span(j, x.start-1))
	}
}

func isRoleUnit(s *sentence, u *unit) bool {
	// or a title of no one named that deals with someone ("Iran's
	// ambassador to the UN")
	return u.end > 0 && isTitleNoun(s, u.end-1) || u.role != "" && u.head != nil && u.head.typ != graph.Person
}

// delegations: "The US delegation was led by X and included Y", "Ukraine
// sent X and Y", "Russia's delegation was headed by X along with Y".
func (st *state) delegations(v *sentenceView) {
	s := v.s
	for k := 0; k < len(s.Tokens); k++ {
		l := s.lower[k]
		var state *entity
		from := k + 1
		switch l {
		case "delegation", "team", "negotiators", "delegations":
			// "The US delegation was led by X and included Y": members come
			// after a membership word, not merely after the noun ("an RSF
			// delegation met the U.S. envoy").
			if u := v.unitEndingAt(k); u != nil && (typeOf(u) == graph.State || typeOf(u) == graph.Organization) {
				if m := v.membershipAfter(k); m > 0 {
					state, from = u.head, m
				}
			}
		case "sent", "dispatched":
			if u := v.subject(k); u != nil && typeOf(u) == graph.State {
				state = u.head
			}
		case "led", "headed", "commanded":
			// "The RSF, led by Mohamed Hamdan Dagalo": the leader.
			if s.lowerAt(k+1) == "by" && k >= 2 && s.lower[k-1] == "," {
				if u := v.at[k-2]; u != nil && (typeOf(u) == graph.Organization || typeOf(u) == graph.State) {
					if p := v.at[min(k+2, len(s.Tokens)-1)]; p != nil && typeOf(p) == graph.Person && p.start <= k+3 {
						st.affiliate(p.head, u.head, s, 0.85, "led-by", "leader")
					}
				}
			}
			continue
		}
		if state == nil {
			continue
		}
		// Every person named from there to the end of the clause.
		for j := from; j < len(s.Tokens); j++ {
			if s.is(j, fClauseBreak) {
				break
			}
			u := v.at[j]
			if u == nil || u.start != j {
				continue
			}
			if typeOf(u) == graph.Person {
				st.affiliate(u.head, state, s, 0.8, "delegation", u.role)
			}
			j = u.end - 1
		}
	}
}

// membershipAfter returns the index after a membership word following a
// delegation noun at k ("was led by", "included", "along with"), or 0.
func (v *sentenceView) membershipAfter(k int) int {
	s := v.s
	for j := k + 1; j < len(s.Tokens) && j <= k+4; j++ {
		switch s.lower[j] {
		case "included", "includes", "including", "comprised", "comprising", "consisted", "featured":
			return j + 1
		case "led", "headed", "chaired":
			if s.lowerAt(j+1) == "by" {
				return j + 2
			}
		}
		if v.at[j] != nil {
			return 0
		}
	}
	return 0
}

// unitEndingAt returns the unit that ends right before token k (skipping
// adjectives such as "Russian" being the unit itself).
func (v *sentenceView) unitEndingAt(k int) *unit {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if u := v.at[j]; u != nil {
			return u
		}
	}
	return nil
}

// locations: "Muscat, Oman", "Muscat, Oman's capital", "the Omani
// capital, Muscat", "Tel Aviv's Hostages Square", "Fordow in Iran".
func (st *state) locations(v *sentenceView) {
	s := v.s
	for i, u := range v.units {
		if u.head == nil {
			continue
		}
		if i+1 < len(v.units) {
			n := v.units[i+1]
			isPlace := typeOf(u) == graph.Place || typeOf(u) == graph.Organization
			switch {
			case isPlace && n.start == u.end+1 && s.lower[u.end] == "," && (typeOf(n) == graph.State || typeOf(n) == graph.Place) &&
				(n.end == len(s.Tokens) || closesPlace(s.lower[n.end]) || n.possessive):
				// "Muscat, Oman,", "GEORGETOWN, Guyana —"
				st.addRelation(u.head, graph.LocatedIn, n.head, s, 0.85, "place-comma-state", nil)
			case typeOf(u) == graph.Place && (typeOf(n) == graph.State || typeOf(n) == graph.Place) && !n.possessive && placeIn(s, u.end, n.start):
				// "Neelum Valley in Azad Kashmir", "Rzeszów, in southeastern Poland"
				st.addRelation(u.head, graph.LocatedIn, n.head, s, 0.7, "place-in", nil)
			case typeOf(u) == graph.Place && s.lowerAt(u.end) == "," && placeApposition(s, u.end+1, n.start) && (typeOf(n) == graph.State || typeOf(n) == graph.Place):
				// "El Fasher, the capital of North Darfur", "Kupwara, a town in Kashmir"
				st.addRelation(u.head, graph.LocatedIn, n.head, s, 0.75, "place-apposition", nil)
			case typeOf(u) == graph.State && len(u.ms) == 1 && u.endsInDemonym() && typeOf(n) == graph.Place &&
				n.start == u.end+2 && s.is(u.end, fSettlement) && s.lower[u.end+1] == "of":
				// "the Eritrean port of Assab", "the central Malian town of Moura"
				st.addRelation(n.head, graph.LocatedIn, u.head, s, 0.8, "demonym-place-of", nil)
			case u.possessive && n.start == u.end+1 && typeOf(n) == graph.Place && (typeOf(u) == graph.Place || typeOf(u) == graph.State):
				st.addRelation(n.head, graph.LocatedIn, u.head, s, 0.8, "possessive-place", nil)
			}
		}
		// "India's Ministry of External Affairs", "Russia's Wagner Group":
		// a state's body.
		if i+1 < len(v.units) && u.possessive && (typeOf(u) == graph.State || typeOf(u) == graph.Organization) && !u.pronoun {
			// "Hezbollah's elite Radwan Force", "the PLA's Eastern Theater Command"
			if n := v.units[i+1]; n.start <= u.end+3 && typeOf(n) == graph.Organization && n.head != u.head {
				st.affiliate(n.head, u.head, s, 0.8, "possessive-org", "")
			}
		}
		// "Kim Jong Un ... with his daughter Kim Ju Ae"
		if i+1 < len(v.units) && u.pronoun && u.possessive && typeOf(u) == graph.Person {
			if n := v.units[i+1]; typeOf(n) == graph.Person && n.start <= u.end+3 && len(n.ms) > 0 {
				for k := u.end; k < n.ms[0].start; k++ {
					if s.is(k, fFamily) {
						st.addRelation(n.head, graph.RelativeOf, u.head, s, 0.8, "pronoun-family", map[string]string{"relation": s.lower[k]})
					}
				}
			}
		}
		// "Iran's S-400 batteries": the possessor owns the weapon;
		// "the most capable fighter jet of the U.S. Navy" likewise.
		if i+1 < len(v.units) {
			n := v.units[i+1]
			if u.possessive && isActor(u.head) && typeOf(n) == graph.Weapon && n.start-u.end <= 4 {
				st.addRelation(u.head, graph.Possesses, n.head, s, 0.7, "possessive-weapon", nil)
			}
			if typeOf(u) == graph.Weapon && isActor(n.head) && s.lowerAt(u.end) == "of" && (n.start == u.end+1 || n.start == u.end+2 && s.lower[u.end+1] == "the") {
				st.addRelation(n.head, graph.Possesses, u.head, s, 0.7, "weapon-of", nil)
			}
		}
		// "Japanese F-35A fighters": a demonym on a weapon made elsewhere
		// names its owner ("Russian S-400s" may only say where it was made).
		if typeOf(u) == graph.Weapon && u.head.entry != nil {
			if maker := u.head.entry.Attr("maker"); maker != "" {
				for _, m := range u.ms {
					if m.form == formDemonym && m.typ == graph.State && m.entry != nil && !strings.EqualFold(maker, m.entry.Attr("iso")) {
						if owner := m.ent; owner != nil && owner.typ == graph.State {
							st.addRelation(owner, graph.Possesses, u.head, s, 0.65, "demonym-weapon", nil)
						}
					}
				}
			}
		}
		// "the Omani capital, Muscat"
		if typeOf(u) == graph.State && s.lowerAt(u.end) == "capital" && s.lowerAt(u.end+1) == "," {
			if n := v.at[min(u.end+2, len(s.Tokens)-1)]; n != nil && typeOf(n) == graph.Place {
				st.addRelation(n.head, graph.LocatedIn, u.head, s, 0.85, "capital-apposition", nil)
			}
		}
	}
}

// allies: "Nabih Berri, a Hezbollah ally", "Kremlin ally Alexander
// Lukashenko", "Belarus, a close ally of Russia": allies cooperate; and
// "JNIM, al-Qaeda's affiliate in the Sahel", "an offshoot of the Taliban":
// a branch belongs to its parent.
func (st *state) allies(v *sentenceView) {
	s := v.s
	for k := 1; k < len(s.Tokens); k++ {
		t, ok := kinWords[s.lower[k]]
		if !ok || v.at[k] != nil {
			continue
		}
		var of, who *unit
		if s.lowerAt(k+1) == "of" {
			of = v.object(k+1, 2, isActor) // "an ally of Russia"
		} else if u := v.adjacentBefore(k); u != nil && isActor(u.head) && (!u.possessive || t == graph.AffiliatedWith) {
			of = u // "a Hezbollah ally", "Kremlin ally", "al-Qaeda's affiliate"
		}
		if of == nil {
			continue
		}
		// The ally: in apposition before ("Berri, a Hezbollah ally") or
		// named right after ("Kremlin ally Alexander Lukashenko").
		if n := v.at[min(k+1, len(s.Tokens)-1)]; n != nil && n.start == k+1 && isActor(n.head) {
			who = n
		} else {
			j := k - 1
			if of.end <= k {
				j = of.start - 1
			}
			for j > 0 && kinFillers[s.lower[j]] {
				j--
			}
			if j > 0 && s.lower[j] == "," {
				if u := v.at[j-1]; u != nil && isActor(u.head) {
					who = u
				}
			}
		}
		if who == nil || who.head == of.head {
			continue
		}
		if t == graph.AffiliatedWith {
			if typeOf(who) == graph.Organization && typeOf(of) == graph.Organization {
				st.affiliate(who.head, of.head, s, 0.75, "branch", "")
			}
			continue
		}
		st.addRelation(who.head, t, of.head, s, 0.75, "ally", nil)
	}
}

// kinWords name a tie between two actors: allies cooperate, a branch is
// affiliated with its parent.
var kinWords = map[string]graph.RelationType{
	"ally": graph.CooperatesWith, "allies": graph.CooperatesWith,
	"affiliate": graph.AffiliatedWith, "branch": graph.AffiliatedWith, "offshoot": graph.AffiliatedWith,
	"franchise": graph.AffiliatedWith, "subsidiary": graph.AffiliatedWith, "wing": graph.AffiliatedWith,
}

// kinFillers stand between an actor and its kin word in apposition: "Berri,
// a close Hezbollah ally".
var kinFillers = set("a", "an", "the", "close", "key", "longtime", "staunch", "main", "top", "local", "regional")

// closesPlace: a token that may end "Place, State" (a dateline's dash too).
func closesPlace(tok string) bool {
	switch tok {
	case ",", ".", ";", ")", "—", "–", "-":
		return true
	}
	return false
}

// placeIn: tokens from i to j read "in", ", in", "in the", "in southeastern",
// ", in northern": a place inside the next.
func placeIn(s *sentence, i, j int) bool {
	if s.lowerAt(i) == "," {
		i++
	}
	if s.lowerAt(i) != "in" || j-i > 3 {
		return false
	}
	for k := i + 1; k < j; k++ {
		if w := s.lower[k]; w != "the" && !directions[w] && !compassWord(w) {
			return false
		}
	}
	return true
}

// compassWord: "southeastern", "north-western", "northeast".
func compassWord(w string) bool {
	w = strings.ReplaceAll(strings.TrimSuffix(w, "ern"), "-", "")
	switch w {
	case "northeast", "northwest", "southeast", "southwest":
		return true
	}
	return false
}

// placeApposition: tokens from i to j read "the capital of", "a town in",
// "the largest city in": a place noun and "of" or "in".
func placeApposition(s *sentence, i, j int) bool {
	if j-i < 2 || j-i > 6 {
		return false
	}
	last := s.lower[j-1]
	if last == "the" && j-i > 2 {
		last = s.lower[j-2]
	}
	if last != "of" && last != "in" {
		return false
	}
	for k := i; k < j; k++ {
		if settlementNouns[s.lower[k]] || s.lower[k] == "capital" || s.lower[k] == "city" {
			return true
		}
	}
	return false
}

// gazetteerRelations adds background facts between entities the article
// names: a listed place's state, a listed organization's state.
func (st *state) gazetteerRelations() {
	stated := make(map[graph.RelationKey]bool, len(st.rels))
	for _, r := range st.rels {
		stated[r.Key()] = true
	}
	byISO := map[string]*entity{}
	for _, e := range st.ents {
		if e.typ == graph.State && e.entry != nil && e.mentions > 0 {
			byISO[e.entry.Attr("iso")] = e
		}
	}
	for _, e := range st.ents {
		if e.entry == nil || e.mentions == 0 {
			continue
		}
		in := byISO[e.entry.Attr("in")]
		if in == nil {
			continue
		}
		var t graph.RelationType
		switch e.typ {
		case graph.Place:
			t = graph.LocatedIn
		case graph.Organization:
			t = graph.AffiliatedWith
		default:
			continue
		}
		key := relKey{graph.RelationKey{Source: e.id, Type: t, Target: in.id}, -1}
		if _, ok := st.relIndex[key]; ok || stated[key.edge] {
			continue
		}
		st.relIndex[key] = len(st.rels)
		st.rels = append(st.rels, graph.Relation{Source: e.id, Type: t, Target: in.id, Origin: graph.OriginGazetteer,
			Confidence: 1, CAMEO: t.CAMEO(), Properties: map[string]string{}, Rule: "gazetteer"})
	}
}

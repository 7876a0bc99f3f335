package extract

import (
	"slices"
	"strings"

	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// addReferences adds units for words that refer back to an entity:
// pronouns ("he", "its"), "the country", "whose government", and generic
// weapon nouns ("the missile") when the article names one such weapon.
func (st *state) addReferences(v *sentenceView, si int) {
	s := v.s
	covered := make([]bool, len(s.Tokens))
	for _, u := range v.units {
		for k := u.start; k < u.end; k++ {
			covered[k] = true
		}
	}
	var extra []*unit
	add := func(start, end int, e *entity, possessive bool) {
		if e == nil {
			return
		}
		extra = append(extra, &unit{start: start, end: end, head: e, possessive: possessive, pronoun: true})
	}
	sentState := st.firstOfType(v, graph.State)
	for k := 0; k < len(s.Tokens); k++ {
		if covered[k] {
			continue
		}
		l := s.lower[k]
		switch l {
		case "he", "she", "his", "her":
			p := st.lastPerson
			if u := v.nearestLeft(k, graph.Person); u != nil {
				p = u.head
			}
			add(k, k+1, p, l == "his" || l == "her")
		case "him":
			// An object pronoun is not its own verb's subject: in "Putin
			// said Xi had called him", him is Putin. Take the nearest person
			// to the left who is not the subject of the verb before it.
			var subj *entity
			if k > 0 {
				if u := v.subject(k - 1); u != nil {
					subj = u.head
				}
			}
			p := st.lastPerson
			for j := k; j > 0; {
				u := v.nearestLeft(j, graph.Person)
				if u == nil {
					break
				}
				if u.head != subj {
					p = u.head
					break
				}
				j = u.start
			}
			if p == subj {
				p = nil
			}
			add(k, k+1, p, false)
		case "it", "they":
			// A subject pronoun: the state or organization last in view.
			a := st.lastActor
			if u := v.nearestLeftActor(k); u != nil {
				a = u.head
			}
			if u := v.nearestSubjectActor(k); u != nil {
				a = u.head
			}
			add(k, k+1, a, false)
		case "their":
			// "if the United States or Israel ... their interests": a
			// coordination before it, else as "its".
			if g := v.groupBefore(k); len(g) >= 2 {
				extra = append(extra, &unit{start: k, end: k + 1, head: g[0], also: g[1:], possessive: true, pronoun: true})
				continue
			}
			fallthrough
		case "its":
			// The owner is most often the clause's subject: the nearest
			// state or organization that is followed by its verb ("the
			// Indian Air Force said it had shot down Pakistani drones with
			// its S-400"), else the nearest one.
			a := st.lastActor
			if u := v.nearestLeftActor(k); u != nil {
				a = u.head
			}
			if u := v.nearestSubjectActor(k); u != nil {
				a = u.head
			}
			// "thanked Abu Dhabi for its mediation": the one thanked;
			// "sanctions on Russia over its invasion": the one sanctioned.
			if k > 1 && (s.lower[k-1] == "for" || s.lower[k-1] == "over") {
				if u := v.at[k-2]; u != nil && isActor(u.head) {
					a = u.head
				}
			}
			add(k, k+1, a, true)
		case "group", "militia", "movement", "rebels", "organization", "organisation", "militants", "faction", "insurgents",
			"court", "tribunal", "alliance", "bloc", "agency", "watchdog", "command", "ministry", "company":
			// "the group": the organization last named, in this sentence if
			// it names one.
			if s.lowerAt(k-1) == "the" || s.lowerAt(k-2) == "the" && !s.isCap(k-1) && v.at[k-1] == nil {
				o := st.lastOrg
				if u := v.nearestLeft(k, graph.Organization); u != nil {
					o = u.head
				}
				if o != nil {
					start := k - 1
					if s.lowerAt(k-1) != "the" {
						start = k - 2
					}
					add(start, k+1, o, s.isPossessive(k+1))
				}
			}
		case "country", "government", "regime":
			// "the country's", "the Iranian government" is a unit already.
			if s.lowerAt(k-1) == "the" || s.lowerAt(k-1) == "whose" || s.lowerAt(k-1) == "his" || s.lowerAt(k-1) == "its" {
				e := sentState
				if e == nil {
					e = st.lastState
				}
				if s.lowerAt(k-1) == "whose" || s.lowerAt(k-1) == "his" {
					if u := v.nearestLeft(k, graph.Person); u != nil {
						e = st.stateOf(u.head)
					} else if s.lowerAt(k-1) == "his" && st.lastPerson != nil {
						e = st.stateOf(st.lastPerson)
					}
				}
				add(k-1, k+1, e, s.isPossessive(k+1))
			}
		default:
			if !s.is(k, fWeaponNoun) {
				continue
			}
			if cat := weaponNouns[l]; cat != "" && k > 0 && !s.is(k+1, fWeaponNoun|fNounModifier) {
				prev := s.lower[k-1]
				if prev == "the" || prev == "its" || prev == "this" || prev == "latest" || prev == "new" || weaponNouns[prev] != "" || weaponModifiers[prev] {
					if w := st.weaponFor(l, cat, si); w != nil {
						add(k, k+1, w, false)
					}
				}
			}
		}
	}
	if len(extra) == 0 {
		return
	}
	v.units = append(v.units, extra...)
	for i := 1; i < len(v.units); i++ {
		for j := i; j > 0 && v.units[j].start < v.units[j-1].start; j-- {
			v.units[j], v.units[j-1] = v.units[j-1], v.units[j]
		}
	}
}

// nounModifiers follow a weapon noun used as a modifier ("missile
// defense", "drone strikes").
var nounModifiers = set("defense", "defence", "defenses", "defences", "strike", "strikes", "attack",
	"attacks", "program", "programme", "programs", "site", "sites", "base", "bases", "complex",
	"complexes", "technology", "industry", "factory", "production", "launch", "launches", "test",
	"tests", "group", "fleet", "force", "forces", "crew", "crews", "deal", "sales", "exports")

func (st *state) firstOfType(v *sentenceView, t graph.EntityType) *entity {
	for _, u := range v.units {
		if u.head != nil && typeOf(u) == t {
			return u.head
		}
		for _, m := range u.mods {
			if m.typ == t {
				return m
			}
		}
	}
	return nil
}

// stateOf returns the state a person is affiliated with in this article.
func (st *state) stateOf(p *entity) *entity {
	var best *entity
	for e := range st.affil[p] {
		if e.typ == graph.State && (best == nil || e.id < best.id) { // deterministic
			best = e
		}
	}
	if best != nil {
		return best
	}
	// The gazetteer's "of" for listed people (a head of state's country).
	if p.entry != nil {
		for _, v := range p.entry.Values("of") {
			if e := st.x.gaz.ByISO(v); e != nil {
				return st.entityFor(graph.State, "", e)
			}
		}
	}
	return nil
}

// weaponFor resolves a generic weapon noun ("the aircraft carrier", "the
// missile") to the named weapon of the article it most likely means: the
// last one of a fitting category named in this or the three sentences
// before, else the only one of that category in the article.
func (st *state) weaponFor(noun, cat string, si int) *entity {
	fits := func(e *entity) bool {
		c := e.category
		if e.entry != nil && e.entry.Attr("category") != "" {
			c = e.entry.Attr("category")
		}
		return containsWord(c, noun) || containsWord(c, cat) || containsWord(noun, c)
	}
	for i := si; i >= 0 && i >= si-3; i-- {
		ms := st.mentions[i]
		for j := len(ms) - 1; j >= 0; j-- {
			if e := ms[j].ent; e != nil && e.typ == graph.Weapon && fits(e) {
				return e
			}
		}
	}
	var only *entity
	for _, e := range st.ents {
		if e.typ == graph.Weapon && e.mentions > 0 && fits(e) {
			if only != nil {
				return nil
			}
			only = e
		}
	}
	return only
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w {
			return true
		}
	}
	return false
}

func (v *sentenceView) nearestLeft(k int, t graph.EntityType) *unit {
	for j := k - 1; j >= 0; j-- {
		if u := v.at[j]; u != nil && u.head != nil && typeOf(u) == t {
			return u
		}
	}
	return nil
}

// nearestSubjectActor returns the nearest state or organization unit
// before k that a verb follows.
func (v *sentenceView) nearestSubjectActor(k int) *unit {
	for j := k - 1; j >= 0; j-- {
		u := v.at[j]
		if u == nil || u.head == nil {
			continue
		}
		if (u.head.typ == graph.State || u.head.typ == graph.Organization) && u.end < len(v.s.Tokens) && isVerbish(v.s, u.end) {
			return u
		}
		j = u.start
	}
	return nil
}

// isVerbish: token i looks like a finite verb or an auxiliary.
func isVerbish(s *sentence, i int) bool {
	l := s.lower[i]
	if auxiliaries[l] || s.is(i, fReporting) {
		return true
	}
	return !s.isCap(i) && (strings.HasSuffix(l, "ed") || s.is(i, fCue) && !strings.HasSuffix(l, "s") && l != "deal")
}

var auxiliaries = set("is", "was", "were", "are", "has", "had", "have", "will", "would", "could", "can",
	"may", "might", "must", "did", "does", "do", "says", "said")

// groupBefore returns the last coordination of two or more actors before k.
func (v *sentenceView) groupBefore(k int) []*entity {
	for j := k - 1; j >= 0; j-- {
		u := v.at[j]
		if u == nil || u.pronoun || !isActor(u.head) {
			continue
		}
		if g := heads(v.groupTo(u)); len(g) >= 2 {
			return g
		}
		j = u.start
	}
	return nil
}

func (v *sentenceView) nearestLeftActor(k int) *unit {
	for j := k - 1; j >= 0; j-- {
		if u := v.at[j]; u != nil && u.head != nil && (typeOf(u) == graph.State || typeOf(u) == graph.Organization) {
			return u
		}
	}
	return nil
}

// directed finds the directed relations from cue words: active and
// passive verbs ("X deployed W", "W was deployed by X", "the deal,
// mediated by X"), nominals ("X's support for Y", "U.S. strikes on
// Iranian targets", "Omani mediation"), and a few constructions ("X
// wants Y to", "X said Y must", "called on Y to").
func (st *state) directed(v *sentenceView) {
	s := v.s
	for k := 0; k < len(s.Tokens); k++ {
		l := s.lower[k]
		if v.at[k] != nil {
			continue
		}
		switch l {
		case "must":
			st.mustRule(v, k)
			continue
		case "targeting":
			// "launched 375 drones and 21 missiles targeting Ukraine's grid":
			// weapons that target are an attack by whoever launched them.
			if s.is(k-1, fWeaponNoun) || v.at[k-1] != nil && typeOf(v.at[k-1]) == graph.Weapon {
				st.directedCue(v, k, cue{graph.Attacks, false, 0.8})
			}
			continue
		case "shot", "shoot", "shoots", "shooting":
			// "shot down two drones": an attack on their owner.
			if s.lowerAt(k+1) == "down" {
				st.directedCue(v, k+1, cue{graph.Attacks, false, 0.8})
				if j := v.withAfter(k, 12); j > 0 {
					if w := v.object(j, 3, targetOK(graph.Uses)); w != nil {
						if subj := v.subject(k); subj != nil {
							st.addRelation(subj.head, graph.Uses, w.head, s, 0.75, "attack-with", nil)
						}
					}
				}
			}
			continue
		case "ordered", "orders", "told", "asked", "forced", "pressed", "instructed", "warned", "warns", "advised":
			// "the court ordered Venezuela to refrain": a demand on X, to do.
			if u := v.object(k, 2, isActor); u != nil && s.lowerAt(u.end) == "to" {
				if subj := v.subject(k); subj != nil {
					st.addRelation(subj.head, graph.Demands, u.head, s, 0.8, "told-to", nil)
				}
			}
			if l == "warned" || l == "warns" {
				st.warnRule(v, k)
			}
			continue
		case "fired", "fires", "firing", "launched", "launches", "launching", "hurled":
			// "fired a water cannon at a Philippine boat", "launched
			// rockets at Israel": an attack on whoever is aimed at.
			st.firedAt(v, k)
			// and the weapon's use, read as a cue below
		case "designated", "designates", "designating", "designate", "listed", "lists", "placed", "places", "put", "added", "adds":
			// "designated the Sinaloa Cartel a foreign terrorist
			// organization", "placed Orbit S.A. on the restricted list",
			// "added X to its sanctions list": a blacklisting (SANCTIONS).
			if end := blacklistAfter(s, k); end > 0 {
				// every actor named between the verb and the list ("several
				// cartels, including the Sinaloa Cartel and the Jalisco New
				// Generation Cartel, as Foreign Terrorist Organizations"), not
				// a demonym on a noun
				if subj := v.subject(k); subj != nil {
					for j := k + 1; j < end; j++ {
						u := v.at[j]
						if u == nil || u.start != j {
							continue
						}
						j = u.end - 1
						// "Orbit S.A., a company that works with Western
						// Union, on the list": an apposition names no one listed
						if s.lowerAt(u.end) == "," && articles[s.lowerAt(u.end+1)] {
							for j = u.end + 1; j < end && s.lower[j] != ","; j++ {
							}
						}
						if isActor(u.head) && u.head != subj.head && !u.endsInDemonym() && !u.possessive {
							st.addRelation(subj.head, graph.Sanctions, u.head, s, 0.8, "blacklisted", nil)
						}
					}
				}
			}
			continue
		case "part", "member", "members", "wing", "arm", "affiliate", "branch", "offshoot", "component":
			// "the M23, which is part of the Congo River Alliance", "Turkey
			// is a member of NATO", "the group's armed wing of Hamas":
			// belonging.
			if s.lowerAt(k+1) != "of" || !beforeIsBe(s, k) {
				continue
			}
			if subj, obj := v.subject(k), v.object(k+1, 3, isActor); subj != nil && obj != nil && subj.head != obj.head {
				st.affiliate(subj.head, obj.head, s, 0.8, "part-of", "")
			}
			continue
		case "together", "jointly", "alongside":
			// "building the cable together with Greece", "fought alongside
			// Malian troops": the subject works with them.
			j := k
			if s.lower[k] != "alongside" {
				if s.lowerAt(k+1) != "with" {
					continue
				}
				j = k + 1
			} else if k == 0 || !alongsideVerbs[s.lower[k-1]] {
				continue
			}
			if subj, obj := v.subject(k), v.object(j, 3, isActor); subj != nil && obj != nil {
				for _, o := range heads(v.groupFrom(obj)) {
					st.addRelation(subj.head, graph.CooperatesWith, o, s, 0.75, "together-with", nil)
				}
			}
			continue
		case "stood", "stand", "stands", "standing", "sided", "sides", "siding":
			// "Washington stood with Vietnam", "sided with Kyiv": support;
			// two people standing together at a podium are not.
			if s.lowerAt(k+1) == "with" || s.lowerAt(k+1) == "by" && s.lower[k] != "sided" {
				if subj, obj := v.subject(k), v.object(k+1, 4, isActor); subj != nil && obj != nil && (typeOf(subj) != graph.Person || typeOf(obj) != graph.Person) {
					for _, o := range heads(v.groupFrom(obj)) {
						st.addRelation(subj.head, graph.Supports, o, s, 0.8, "stood-with", nil)
					}
				}
			}
			continue
		case "called", "calls", "calling":
			if s.lowerAt(k+1) == "on" {
				if subj, obj := v.subject(k), v.object(k+1, 2, isActor); subj != nil && obj != nil {
					// "called on Ethiopia to return", "called on Iran for
					// restraint" demand; "called on Prime Minister Modi" is
					// a visit
					g := v.groupFrom(obj)
					next := s.lowerAt(g[len(g)-1].end)
					for _, o := range heads(g) {
						switch {
						case next == "to" || next == "for":
							st.addRelation(subj.head, graph.Demands, o, s, 0.8, "called-on", nil)
						case subj.head.typ == graph.Person && o.typ == graph.Person:
							st.addRelation(subj.head, graph.MeetsWith, o, s, 0.8, "called-on-visit", nil)
						}
					}
				}
			}
			continue
		}
		// Try the readings in turn until one states something.
		cs, n := v.cuesAt(k)
		for _, c := range cs[:n] {
			before := len(st.rels)
			switch c.typ {
			case graph.NegotiatesWith, graph.MeetsWith, graph.CooperatesWith:
			case graph.Mediates:
				st.mediation(v, k, c)
			default:
				st.directedCue(v, k, c)
			}
			if len(st.rels) > before {
				break
			}
		}
	}
}

// targetOK says which targets a relation type takes.
func targetOK(t graph.RelationType) func(*entity) bool {
	switch t {
	case graph.Deploys, graph.Uses, graph.Possesses:
		return func(e *entity) bool { return e != nil && e.typ == graph.Weapon }
	case graph.Attacks:
		return func(e *entity) bool { return e != nil } // actors, places, ships and aircraft
	}
	return isActor
}

func (st *state) directedCue(v *sentenceView, k int, c cue) {
	s := v.s
	t := c.typ
	ok := targetOK(t)
	conf := c.conf
	// "companies accused of supplying drones", "soldiers captured in
	// Donetsk": a participle after a plain noun, no agent named.
	if !c.noun && strings.HasSuffix(s.lower[k], "ed") && k > 0 && v.at[k-1] == nil && !s.is(k-1, fBe|fModal) &&
		!auxiliaries[s.lower[k-1]] && s.Tokens[k-1].Kind == text.Word && !s.isCap(k-1) &&
		(s.lowerAt(k+1) == "of" || s.lowerAt(k+1) == "for" || s.lowerAt(k+1) == "in" || s.lowerAt(k+1) == "at" || s.lowerAt(k+1) == "during" || s.lowerAt(k+1) == "near") {
		return
	}
	// "a Philippine supply boat", "the supply lines": after a determiner
	// or a demonym a verb-only cue is a noun.
	if !c.noun && k > 0 && !strings.HasSuffix(s.lower[k], "ed") && (determiners[s.lower[k-1]] ||
		v.at[k-1] != nil && v.at[k-1].end == k && v.at[k-1].endsInDemonym()) {
		return
	}
	// "fighting in Gaza will stop": fighting with no one fought.
	if (s.lower[k] == "fighting" || s.lower[k] == "fights") && (s.is(k+1, fPreposition) || k+1 >= len(s.Tokens) || s.Tokens[k+1].Kind == text.Punct || s.is(k+1, fBe|fModal)) {
		return
	}
	// "its armed wing", "an armed group": an adjective, not arming.
	if s.lower[k] == "armed" && (k > 0 && (s.Tokens[k-1].Kind == text.Possessive || determiners[s.lower[k-1]]) || armedNouns[s.lowerAt(k+1)]) {
		return
	}
	// "has extended": an auxiliary, not possession.
	if t == graph.Possesses && !c.noun && (strings.HasSuffix(s.lowerAt(k+1), "ed") || strings.HasSuffix(s.lowerAt(k+1), "en") || auxFollowers[s.lowerAt(k+1)]) {
		return
	}
	// "struck a deal", "strike an agreement": no attack.
	if t == graph.Attacks && !c.noun && (strings.HasPrefix(s.lower[k], "stri") || s.lower[k] == "struck") {
		for j := k + 1; j < len(s.Tokens) && j <= k+4; j++ {
			if nc, ok := nounCues[s.lower[j]]; ok && nc.typ == graph.CooperatesWith || s.lower[j] == "bargain" || s.lower[j] == "balance" || s.lower[j] == "chord" {
				return
			}
			if v.at[j] != nil || s.is(j, fPreposition) {
				break
			}
		}
	}
	// Scope: an attack that is only threatened or conditional is a threat;
	// "any Indian strike" is no attack at all.
	if t == graph.Attacks && (s.lowerAt(k-1) == "any" || s.lowerAt(k-2) == "any" && v.at[k-1] != nil) {
		return
	}
	if t == graph.Attacks {
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			lj := s.lower[j]
			if cj, isCue := nounCues[lj]; isCue && cj.typ == graph.Threatens || verbCues[lj].typ == graph.Threatens {
				return // the threat cue states it
			}
			if modals[lj] && lj != "to" || lj == "if" {
				t = graph.Threatens
				break
			}
		}
	}
	if (t == graph.Sanctions || t == graph.Supports && c.noun) && v.irrealisBefore(k, 4) {
		return // "called for stronger sanctions on Russia" states no sanction
	}
	// Passive: "W was deployed by X", "the deal, mediated by X".
	passive := !c.noun && k > 0 && !strings.HasSuffix(s.lower[k], "ing") && // "is arming" is active
		(s.is(k-1, fBe) || s.lower[k-1] == "," || strings.HasSuffix(s.lower[k], "ed") && s.lowerAt(k+1) == "by")
	if passive {
		patient := v.leftUnit(k, ok)
		var agents []*entity
		if j := v.nextWord(k, 3, "by"); j > 0 {
			if u := v.object(j, 2, isActor); u != nil {
				agents = heads(v.groupFrom(u))
			}
		} else if patient != nil && typeOf(patient) == graph.Weapon {
			// "one of the country's missiles, the Khorramshahr-4, had been
			// deployed": the owner named in the weapon's phrase.
			if o := v.ownerBefore(patient.start, 10); o != nil {
				agents = []*entity{o}
			}
		}
		if patient != nil && ok(patient.head) {
			for _, a := range agents {
				st.addRelation(a, t, patient.head, s, conf, "passive", nil)
			}
		}
		if passive && s.lower[k-1] != "," {
			return
		}
	}
	var agents []*entity
	var target *unit
	if pair := st.pairSubject(v, k); pair != nil {
		agents = pair
		if c.noun {
			target = v.nounTarget(k, t, ok)
		} else {
			target = v.object(k, 8, ok)
		}
	} else if c.noun {
		// "X's support for Y", "U.S. strikes on Iranian targets", "his threats to strike Iran"
		// The agent is the possessor or demonym right before the noun, or
		// the subject of a light verb ("carried out strikes on").
		if a := v.adjacentBefore(k); a != nil && isActor(a.head) {
			agents = []*entity{a.head}
		} else if v.lightVerbBefore(k) {
			if subj := v.subject(k); subj != nil {
				agents = heads(v.groupTo(subj))
			}
		}
		target = v.nounTarget(k, t, ok)
	} else {
		if subj := v.subject(k); subj != nil {
			agents = heads(v.groupTo(subj))
		} else if t == graph.Attacks || t == graph.Threatens {
			// "its F-16 jets hit ...": the weapon is the subject; its owner
			// attacks, and uses it.
			if w := v.leftUnit(k, func(e *entity) bool { return e != nil && e.typ == graph.Weapon }); w != nil {
				if o := v.ownerBefore(w.start, 3); o != nil {
					agents = []*entity{o}
					st.addRelation(o, graph.Uses, w.head, s, 0.75, "weapon-subject", nil)
				}
			}
		}
		window := 8
		if strings.HasPrefix(s.lower[k], "request") || s.lower[k] == "asking" {
			window = 3 // "requested Belarus to", not "requested anonymity, told Alhurra"
		}
		target = v.objectFor(k, window, ok, hostile[t])
		if window == 3 && target != nil && target.pronoun && target.possessive {
			target = nil // "requested his name not be used"
		}
	}
	// "Katz warned that Israel would strike": the speaker, when he speaks
	// for the state that threatens, threatens too.
	// "Merz said Berlin would keep up its support for Ukraine" likewise.
	if (t == graph.Threatens || t == graph.Supports) && len(agents) == 1 && agents[0].typ == graph.State {
		if sp := v.speakerBefore(k); sp != nil && sp.typ == graph.Person && st.stateOf(sp) == agents[0] {
			agents = append(agents, sp)
		}
	}
	// "their alleged Iranian backers": the demonym supports the possessor.
	if t == graph.Supports && (s.lower[k] == "backers" || s.lower[k] == "backer" || s.lower[k] == "sponsors" || s.lower[k] == "patrons") {
		if a := v.adjacentBefore(k); a != nil && isActor(a.head) {
			if o := v.ownerBefore(a.start, 3); o != nil && o != a.head {
				st.addRelation(a.head, graph.Supports, o, s, conf, "backers", nil)
			}
		}
		return
	}
	// "hit back with Bayraktar TB2 drones": the weapon is the instrument.
	if t == graph.Attacks && !c.noun {
		if j := v.withAfter(k, 10); j > 0 {
			if w := v.object(j, 3, targetOK(graph.Uses)); w != nil {
				for _, a := range agents {
					st.addRelation(a, graph.Uses, w.head, s, 0.75, "attack-with", nil)
				}
				if target == w {
					target = nil
				}
			}
		}
	}
	// "condemned the launch", "criticized the shift": the one who did it.
	if target == nil && (t == graph.Criticizes || t == graph.Demands) && !c.noun {
		j := k + 1
		for j < len(s.Tokens) && j <= k+3 && (determiners[s.lower[j]] || s.lower[j] == "latest" || s.lower[j] == "missile") {
			j++
		}
		if j < len(s.Tokens) && j > k+1 && eventNouns[s.lower[j]] != "" {
			if doer := st.lastAgent[eventNouns[s.lower[j]]]; doer != nil {
				for _, a := range agents {
					st.addRelation(a, t, doer, s, conf*0.9, "event-agent", nil)
				}
				return
			}
		}
	}
	// "urged both countries to de-escalate": the last two parties.
	// The sides are the last parties that talked or agreed, not whoever
	// the speaker just met.
	if target == nil && !c.noun && (t == graph.Demands || t == graph.Criticizes || t == graph.Threatens) && len(st.lastTalks) >= 2 {
		for j := k + 1; j < len(s.Tokens) && j <= k+3; j++ {
			if s.is(j, fPairWord) && (s.lowerAt(j-1) == "both" || s.lowerAt(j-1) == "two") {
				saved := st.lastPair
				st.lastPair = st.lastTalks
				sides := st.pairAs(s.lower[j])
				st.lastPair = saved
				for _, a := range agents {
					for _, p := range sides {
						if p != a && p != st.stateOf(a) { // the speaker is no addressee
							st.addRelation(a, t, p, s, conf*0.9, "both-sides", nil)
						}
					}
				}
				return
			}
		}
	}
	// "launched 140 drones and six Iskander-M missiles at Ukraine": an
	// attack on what they were launched at.
	if t == graph.Uses && !c.noun && target != nil {
		for j := target.end; j < len(s.Tokens) && j <= target.end+8; j++ {
			if s.is(j, fClauseBreak) {
				break
			}
			if l := s.lower[j]; l == "at" || l == "on" || l == "against" || l == "toward" || l == "towards" {
				if tg := v.object(j, 3, targetOK(graph.Attacks)); tg != nil && typeOf(tg) != graph.Weapon {
					for _, a := range agents {
						st.addRelation(a, graph.Attacks, tg.head, s, 0.8, "launched-at", nil)
					}
				}
				break
			}
		}
	}
	// "supplied KN-23 missiles to Russia": the recipient now has them.
	if t == graph.Supports && !c.noun {
		if w := v.object(k, 6, targetOK(graph.Possesses)); w != nil && target != nil && target.start > w.start {
			for _, tg := range heads(v.groupFrom(target)) {
				st.addRelation(tg, graph.Possesses, w.head, s, 0.65, "supplied-to", nil)
			}
		}
	}
	if target == nil {
		return
	}
	for _, tg := range allHeads(v.groupFrom(target)) {
		if !ok(tg) {
			continue
		}
		for _, a := range agents {
			st.addRelation(a, t, tg, s, conf, "cue-"+map[bool]string{true: "noun", false: "verb"}[c.noun], nil)
		}
	}
}

// eventNouns name an act that someone did: "condemned the launch".
// Each names the kind of act whose last doer it means.
var eventNouns = map[string]graph.RelationType{
	"launch": graph.Deploys, "launches": graph.Deploys, "test": graph.Deploys, "tests": graph.Deploys,
	"deployment": graph.Deploys, "drills": graph.Deploys, "strike": graph.Attacks, "strikes": graph.Attacks,
	"attack": graph.Attacks, "attacks": graph.Attacks, "incursion": graph.Attacks, "invasion": graph.Attacks,
	"shelling": graph.Attacks, "bombing": graph.Attacks, "violation": graph.Attacks, "violations": graph.Attacks,
	"move": graph.Demands, "decision": graph.Demands, "shift": graph.Demands, "remarks": graph.Demands,
	"statement": graph.Demands, "comments": graph.Demands, "demand": graph.Demands, "demands": graph.Demands,
	"plan": graph.Demands, "proposal": graph.Demands, "threat": graph.Threatens, "threats": graph.Threatens,
	"sanctions": graph.Sanctions,
}

// hostile relation types take their target after "against".
var hostile = map[graph.RelationType]bool{graph.Attacks: true, graph.Criticizes: true, graph.Sanctions: true, graph.Threatens: true}

// auxFollowers come after an auxiliary "has"/"had", never after possessive "has".
var auxFollowers = set("been", "already", "also", "not", "yet", "long", "now", "never", "just", "since",
	"repeatedly", "previously", "recently", "to")

// adjacentBefore returns the unit that ends right before token k, allowing
// up to two adjectives in between ("Israeli bombing", "Iran's latest").
func (v *sentenceView) adjacentBefore(k int) *unit {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if u := v.at[j]; u != nil {
			return u
		}
		if v.s.Tokens[j].Kind == text.Punct || v.s.is(j, fPreposition|fBe|fLightVerb) || v.s.lower[j] == "the" && j < k-1 {
			return nil // "Austria imposed entry bans": the subject of a verb, read through the verb
		}
	}
	return nil
}

// nounTarget finds the target of a nominal cue: after "on", "against",
// "for", "to", "of", "targeting", within a few tokens.
func (v *sentenceView) nounTarget(k int, t graph.RelationType, ok func(*entity) bool) *unit {
	s := v.s
	preps := nounPreps[t]
	if preps == nil {
		preps = nounPreps[""]
	}
	reach := 3
	if t == graph.Supports {
		reach = 6 // "the sale of F-16 jets to Bulgaria"
	}
	for j := k + 1; j < len(s.Tokens) && j <= k+reach; j++ {
		if preps[s.lower[j]] || s.lower[j] == "of" && t == graph.Attacks && ofPatient[s.lower[k]] {
			return v.object(j, 10, ok)
		}
		if s.is(j, fClauseBreak) || v.at[j] != nil && isActor(v.at[j].head) {
			return nil
		}
	}
	return nil
}

// beforeIsBe: a form of "be" (or "remains", "became") right before k, or
// before its article and adjectives ("is now a full member of").
func beforeIsBe(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if s.is(j, fBe) || s.lower[j] == "remains" || s.lower[j] == "became" || s.lower[j] == "become" {
			return true
		}
		if s.Tokens[j].Kind != text.Word || s.isCap(j) || endsBeReach(s, j) {
			return false
		}
	}
	return false
}

// endsBeReach: a word that ends the reach back to "be": a preposition or a
// conjunction ("is fighting and part of").
func endsBeReach(s *sentence, j int) bool {
	return s.is(j, fPreposition|fConnective) && !articles[s.lower[j]]
}

// alongsideVerbs: fighting or serving alongside someone is working with them.
var alongsideVerbs = set("fought", "fight", "fights", "fighting", "battled", "battling", "served", "serving",
	"operated", "operating", "operate", "operates", "worked", "working", "deployed", "patrolled", "patrolling", "trained", "training")

// blacklistAfter returns where a terrorist designation or a list of the
// sanctioned follows the verb at k in its clause, or 0.
func blacklistAfter(s *sentence, k int) int {
	for j := k + 1; j < len(s.Tokens) && j <= k+24; j++ {
		switch s.lower[j] {
		case "terrorist", "terrorists", "fto", "ftos", "blacklist", "sdgt":
			return j
		case "list":
			for i := j - 1; i > k && i >= j-3; i-- {
				if s.lower[i] == "restricted" || s.lower[i] == "sanctions" || s.lower[i] == "sanction" || s.lower[i] == "entity" || s.lower[i] == "terror" || s.lower[i] == "blacklist" {
					return j
				}
			}
		case ";", "said", "says":
			return 0
		}
	}
	return 0
}

// ofPatient: attack nouns whose "of" names the one attacked ("Russia's
// invasion of Ukraine", "the siege of Mariupol"), where "an attack of
// drones" names the means.
var ofPatient = set("invasion", "invasions", "occupation", "siege", "bombardment", "shelling")

// nounPreps are the prepositions that introduce the target of a nominal
// cue of each type: "support for X", "strikes on X", "criticism of X".
var nounPreps = map[graph.RelationType]map[string]bool{
	graph.Supports:   set("for", "to"),
	graph.Attacks:    set("on", "against", "targeting", "at", "into"),
	graph.Threatens:  set("to", "against", "on", "of"),
	graph.Sanctions:  set("on", "against", "targeting"),
	graph.Criticizes: set("of", "about", "over", "against", "on", "regarding"),
	graph.Demands:    set("that", "for", "on"),
	graph.Deploys:    set("of"),
	graph.Possesses:  set("of"),
	graph.Uses:       set("of"),
	"":               set("on", "against", "for", "to", "of", "targeting"),
}

// lightVerbs take an event noun as object and give it their subject:
// "carried out strikes", "announced sanctions", "ordered strikes".
var lightVerbs = set("approved", "approves", "approve", "authorized", "authorised", "take", "took", "takes", "taking", "opened", "opens", "carried", "carries", "carry", "carrying", "conducted", "conducts", "conduct",
	"launched", "launches", "launch", "launching", "announced", "announces", "imposed", "imposes",
	"impose", "issued", "issues", "made", "makes", "raised", "raises", "voiced", "voices", "expressed",
	"expresses", "offered", "offers", "pledged", "pledges", "reaffirmed", "reaffirming", "reaffirms",
	"ordered", "orders", "extended", "extends", "stepped", "intensified", "escalated", "mounted",
	"renewed", "continued", "continues", "began", "begins", "started", "resumed", "unleashed", "claimed", "claims")

// lightVerbBefore: a light verb within three tokens before the noun at k.
func (v *sentenceView) lightVerbBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if v.s.is(j, fLightVerb) {
			return true
		}
		if v.at[j] != nil || v.s.is(j, fClauseBreak) {
			return false
		}
	}
	return false
}

// leftUnit returns the nearest unit before k in the clause whose head ok
// accepts: the patient of a passive ("the Khorramshahr-4 had been deployed").
func (v *sentenceView) leftUnit(k int, ok func(*entity) bool) *unit {
	for j := k - 1; j >= 0; j-- {
		if v.s.is(j, fClauseBreak) {
			return nil
		}
		if u := v.at[j]; u != nil {
			if ok(u.head) {
				return u
			}
			j = u.start
		}
	}
	return nil
}

// ownerBefore finds a possessor actor within n tokens before k: "the
// country's", "Iran's", "its".
// The owner must be in the same noun phrase: the search stops at a verb.
func (v *sentenceView) ownerBefore(k, n int) *entity {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		if u := v.at[j]; u != nil && u.possessive && isActor(u.head) {
			return u.head
		}
		if v.at[j] == nil && (auxiliaries[v.s.lower[j]] || v.s.is(j, fReporting) || v.s.lower[j] == "that") {
			return nil
		}
	}
	return nil
}

// withAfter returns the index of "with" after k in the clause, or -1.
func (v *sentenceView) withAfter(k, n int) int {
	for j := k + 1; j < len(v.s.Tokens) && j <= k+n; j++ {
		if v.s.lower[j] == "with" {
			return j
		}
		if v.s.is(j, fClauseBreak) {
			return -1
		}
	}
	return -1
}

// speakerBefore returns the person who says (warns, insists) what
// follows, before token k in the sentence.
func (v *sentenceView) speakerBefore(k int) *entity {
	s := v.s
	for j := k - 1; j > 0; j-- {
		if s.is(j, fReporting) {
			if u := v.subjectLeft(j); u != nil && u.head.typ == graph.Person {
				return u.head
			}
			return nil
		}
	}
	return nil
}

// firedAt: "X fired/launched W at Y": X attacks Y.
func (st *state) firedAt(v *sentenceView, k int) {
	s := v.s
	for j := k + 1; j < len(s.Tokens) && j <= k+8; j++ {
		l := s.lower[j]
		if s.is(j, fClauseBreak) {
			return
		}
		if l != "at" && l != "toward" && l != "towards" && l != "into" {
			if u := v.at[j]; u != nil && typeOf(u) != graph.Weapon {
				return // "launched talks with Iran at Geneva"
			}
			continue
		}
		if j > k+1 && !s.is(j-1, fWeaponNoun) && !(v.at[j-1] != nil && typeOf(v.at[j-1]) == graph.Weapon) && !firedThings[s.lower[j-1]] {
			return // what was fired must be a weapon
		}
		target := v.objectFor(j, 4, targetOK(graph.Attacks), true)
		subj := v.subject(k)
		if target == nil || subj == nil || !isActor(subj.head) {
			return
		}
		for _, a := range heads(v.groupTo(subj)) {
			for _, t := range allHeads(v.groupFrom(target)) {
				if t != a {
					st.addRelation(a, graph.Attacks, t, s, 0.8, "fired-at", nil)
				}
			}
		}
		return
	}
}

// warnRule: a warning of force is a threat by whoever warns against the
// side the force would hit: "Munir warned that any Indian strike would be
// met with a military response" (the side whose move would be answered),
// "Kim warned that Pyongyang would use nuclear weapons against the United
// States" (the side named after "against"), "warned Israel it would pay a
// heavy price" (the side warned). A warning with no force in it ("warned
// that talks could collapse") threatens no one.
func (st *state) warnRule(v *sentenceView, k int) {
	s := v.s
	subj := v.subject(k)
	if subj == nil || !isActor(subj.head) {
		return
	}
	// "Asim Munir, Pakistan's army chief, warned": the person warns.
	if (subj.possessive || subj.role != "") && typeOf(subj) != graph.Person && subj.start > 1 && s.lower[subj.start-1] == "," {
		if p := v.at[subj.start-2]; p != nil && typeOf(p) == graph.Person {
			subj = p
		}
	}
	modal, force := false, false
	var targets []*unit
	end := len(s.Tokens)
	for j := k + 1; j < end; j++ {
		l := s.lower[j]
		switch {
		case l == ";":
			end = j
			continue
		case modals[l] && l != "to":
			modal = true
		case isForce(l):
			force = true
		}
		if v.at[j] != nil {
			continue
		}
		switch l {
		case "any":
			if u := v.at[min(j+1, end-1)]; u != nil && u.start == j+1 && isActor(u.head) && !u.possessive {
				targets = append(targets, u) // "any Indian strike", "any Armenian provocation"
			} else if isForce(s.lowerAt(j+1)) && s.lowerAt(j+2) == "by" {
				if u := v.object(j+2, 2, isActor); u != nil {
					targets = append(targets, u) // "any attack by Israel"
				}
			}
		case "against":
			if u := v.object(j, 3, isActor); u != nil {
				targets = append(targets, v.groupFrom(u)...)
			}
		}
	}
	// "warned Israel it would pay a heavy price", "warned Israel of a
	// crushing response": the side warned.
	if u := v.object(k, 2, isActor); u != nil && len(targets) == 0 && s.lower[k+1] != "that" {
		targets = append(targets, u)
		modal = modal || s.lowerAt(u.end) == "of"
	}
	if !force || !modal {
		return
	}
	own := st.stateOf(subj.head)
	// "warned that Russia could attack": the force is another side's.
	if j := k + 1; s.lowerAt(j) == "that" {
		if u := v.at[min(j+1, len(s.Tokens)-1)]; u != nil && u.start == j+1 && isActor(u.head) && u.head != subj.head && u.head != own {
			return
		}
	}
	for _, a := range heads(v.groupTo(subj)) {
		for _, t := range heads(targets) {
			if t != a && t != own && t != st.stateOf(a) {
				st.addRelation(a, graph.Threatens, t, s, 0.7, "warned-force", nil)
			}
		}
	}
}

func isForce(w string) bool { return forceWords[w] || nounCues[w].typ == graph.Attacks }

// armedNouns follow "armed" the adjective: "armed wing", "armed groups".
var armedNouns = set("wing", "wings", "forces", "force", "group", "groups", "men", "militants", "militia", "militias",
	"conflict", "struggle", "violence", "factions", "faction", "gangs", "gang", "robbery", "drones", "opposition")

// firedThings may be fired at a target without being weapons of the list:
// "fired a water cannon at", "opened fire at", "fired shells at".
var firedThings = set("cannon", "fire", "shells")

// forceWords say that force is what a warning is about.
var forceWords = set("response", "retaliation", "retaliate", "retaliatory", "respond", "force", "forces", "nuclear",
	"weapons", "countermeasures", "war", "price", "consequences", "punish", "punishment", "crush", "destroy",
	"annihilate", "aggression", "attack", "strike", "strikes", "incursion", "military")

// mustRule: "Witkoff said Iran must dismantle ..." — the speaker demands
// of the subject of "must".
func (st *state) mustRule(v *sentenceView, k int) {
	s := v.s
	addressee := v.adjacentBefore(k)
	if addressee == nil || !isActor(addressee.head) {
		return
	}
	for j := addressee.start - 1; j >= 0 && j >= addressee.start-3; j-- {
		if s.is(j, fReporting) {
			if speaker := v.subject(j); speaker != nil {
				st.addRelation(speaker.head, graph.Demands, addressee.head, s, 0.75, "said-must", nil)
			}
			return
		}
	}
}

// mediation: "through Omani mediation", "mediated by X, Y and Z", "with
// Oman acting as mediator", "whose government is serving as intermediary".
// The parties are those that talk or agree in the sentence, or else the
// last pair the article named.
func (st *state) mediation(v *sentenceView, k int, c cue) {
	s := v.s
	var mediators []*entity
	switch l := s.lower[k]; {
	case !c.noun && k > 0 && (s.is(k-1, fBe) || s.lower[k-1] == "," || s.lowerAt(k+1) == "by"):
		// "the deal, mediated by Qatar, Egypt and the United States"
		if j := v.nextWord(k, 2, "by"); j > 0 {
			if u := v.object(j, 2, isActor); u != nil {
				mediators = heads(v.groupFrom(u))
			}
		}
	case l == "mediation":
		// "Omani mediation", "through Oman's mediation", "mediation by Qatar"
		if a := v.adjacentBefore(k); a != nil && isActor(a.head) {
			mediators = []*entity{a.head}
		} else if j := v.nextWord(k, 1, "by"); j > 0 {
			if u := v.object(j, 2, isActor); u != nil {
				mediators = heads(v.groupFrom(u))
			}
		} else if j := v.nextWord(k, 1, "of"); j > 0 {
			if u := v.object(j, 2, isActor); u != nil {
				mediators = heads(v.groupFrom(u))
			}
		}
		// "under AU mediation led by Olusegun Obasanjo": its leader too.
		if j := v.nextWord(k, 2, "led"); j > 0 && s.lowerAt(j+1) == "by" {
			if u := v.object(j+1, 2, isActor); u != nil {
				mediators = append(mediators, u.head)
			}
		}
	case c.noun:
		// "with Oman acting as mediator", "whose government is serving as intermediary"
		j := k - 1
		for j >= 0 && (s.lower[j] == "a" || s.lower[j] == "the" || s.lower[j] == "an" || s.lower[j] == "key" || s.lower[j] == "main" || s.lower[j] == "chief") {
			j--
		}
		if j < 0 || s.lower[j] != "as" {
			return
		}
		for j--; j >= 0 && (verbAs[s.lower[j]] || s.is(j, fBe) || s.lower[j] == "once" || s.lower[j] == "again" || s.lower[j] == "also"); j-- {
		}
		if j >= 0 && v.at[j] != nil && isActor(v.at[j].head) {
			mediators = []*entity{v.at[j].head}
		}
	default:
		// "Oman mediated (the talks)", "Washington and Riyadh have
		// mediated", "Qatar helped broker": the subject right before.
		j := k - 1
		// "the Oman-mediated consultations", "a UN-brokered deal"
		if j >= 1 && s.lower[j] == "-" && v.at[j-1] != nil && isActor(v.at[j-1].head) {
			mediators = []*entity{v.at[j-1].head}
			break
		}
		for j >= 0 && mediationAux[s.lower[j]] {
			j--
		}
		// "Turkey, which mediated between ...", "Norway and Cuba, guarantor
		// countries that mediated ...": the antecedent, past an apposition.
		if j >= 1 && (s.lower[j] == "which" || s.lower[j] == "who" || s.lower[j] == "that") {
			i := j - 1
			for n := 0; n < 4 && i > 0 && s.lower[i] != "," && !s.isCap(i) && v.at[i] == nil; n++ {
				i--
			}
			if s.lower[i] == "," {
				j = i - 1
			}
		}
		if j >= 0 && v.at[j] != nil && isActor(v.at[j].head) {
			mediators = heads(v.groupTo(v.at[j]))
		}
	}
	if len(mediators) == 0 {
		return
	}
	parties := st.partiesIn(v)
	if len(parties) < 2 {
		// "the ceasefire, brokered by X, ended the fighting between A and B"
		parties = v.betweenGroup()
	}
	if len(parties) < 2 {
		// "Under the accord, brokered by X and Y, A and B pledged ..."
		parties = v.otherGroup(mediators)
	}
	// "mediated between the SAF and the RSF"
	if j := v.nextWord(k, 3, "between"); j > 0 && j+1 < len(s.Tokens) {
		if u := v.at[j+1]; u != nil {
			parties = heads(v.groupFrom(u))
		} else if j+2 < len(s.Tokens) && v.at[j+2] != nil {
			parties = heads(v.groupFrom(v.at[j+2]))
		}
	}
	if len(parties) < 2 {
		parties = st.lastTalks
	}
	if len(mediators) >= 2 {
		// "Norway and Cuba, ... that mediated between the government and
		// the ELN": one co-mediator is no party (a reference that reached
		// it is wrong), the others still are.
		parties = slices.DeleteFunc(slices.Clone(parties), func(p *entity) bool { return slices.Contains(mediators, p) })
	}
	for _, m := range mediators {
		// A mediator is no party: when it (or one of its people) is in the
		// pair, the pair is not what it mediates.
		own := false
		for _, p := range parties {
			if p == m || st.stateOf(p) == m || st.affiliated(p, m) {
				own = true
			}
		}
		if own {
			continue
		}
		for _, p := range parties {
			pp := p
			if m.typ == graph.State && p.typ == graph.Person {
				if ps := st.stateOf(p); ps != nil {
					pp = ps
				}
			}
			st.addRelation(m, graph.Mediates, pp, s, c.conf, "mediation", nil)
		}
	}
}

// mediationAux may stand between a mediator and its verb.
var mediationAux = set("have", "has", "had", "also", "jointly", "helped", "help", "will", "would", "to",
	"successfully", "reportedly", "previously", "repeatedly", "been", "is", "are", "was", "were")

// betweenGroup returns the actors of the sentence's first "between A
// and B".
func (v *sentenceView) betweenGroup() []*entity {
	s := v.s
	for j := 0; j+1 < len(s.Tokens); j++ {
		if s.lower[j] != "between" {
			continue
		}
		u := v.at[j+1]
		if u == nil && j+2 < len(s.Tokens) {
			u = v.at[j+2]
		}
		if u != nil {
			if g := heads(v.groupFrom(u)); len(g) >= 2 {
				return g
			}
		}
	}
	return nil
}

// otherGroup returns a coordination of two or more actors in the sentence
// that holds none of the given entities.
func (v *sentenceView) otherGroup(not []*entity) []*entity {
	for _, u := range v.units {
		if !isActor(u.head) {
			continue
		}
		g := heads(v.groupFrom(u))
		if len(g) < 2 {
			continue
		}
		clash := false
		for _, e := range g {
			for _, n := range not {
				if e == n {
					clash = true
				}
			}
		}
		if !clash {
			return g
		}
	}
	return nil
}

// verbAs are the verbs of "X acting as mediator".
var verbAs = set("acting", "acts", "acted", "act", "serving", "serves", "served", "serve", "working", "works", "worked")

// pairSubject: "both leaders", "the two countries" as a subject stand for
// the last pair of parties; "countries" and "nations" for their states.
func (st *state) pairSubject(v *sentenceView, k int) []*entity {
	s := v.s
	if len(st.lastPair) < 2 {
		return nil
	}
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if s.is(j, fClauseBreak) || v.at[j] != nil && isActor(v.at[j].head) && !v.at[j].pronoun {
			return nil
		}
		if s.is(j, fPairWord) && (s.lowerAt(j-1) == "two" || s.lowerAt(j-1) == "both" || s.lowerAt(j-2) == "both") {
			return st.pairAs(s.lower[j])
		}
	}
	return nil
}

// pairAs maps the last pair to states when the words name states.
func (st *state) pairAs(word string) []*entity {
	switch word {
	case "countries", "nations", "states", "governments":
		var out []*entity
		for _, p := range st.lastPair {
			if p.typ == graph.Person {
				if ps := st.stateOf(p); ps != nil {
					p = ps
				}
			}
			out = appendEntity(out, p)
		}
		return out
	}
	return st.lastPair
}

// partiesIn returns the actors that a NEGOTIATES_WITH or COOPERATES_WITH
// relation of this sentence joins.
func (st *state) partiesIn(v *sentenceView) []*entity {
	var out []*entity
	for _, r := range st.rels {
		if r.Sentence != v.s.Text || r.Origin != graph.OriginText {
			continue
		}
		if r.Type == graph.NegotiatesWith || r.Type == graph.CooperatesWith {
			out = appendEntity(out, st.byID(r.Source))
			out = appendEntity(out, st.byID(r.Target))
		}
	}
	return out
}

func (st *state) byID(id string) *entity {
	for _, e := range st.ents {
		if e.id == id {
			return e
		}
	}
	return nil
}

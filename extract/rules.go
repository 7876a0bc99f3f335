package extract

import (
	"strings"

	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// isActor: a person, state or organization.
func isActor(e *entity) bool {
	return e != nil && (e.typ == graph.Person || e.typ == graph.State || e.typ == graph.Organization)
}

// subject finds the actor unit a cue at token k has for subject: the
// nearest unit to its left in the same clause that is not the complement
// of a preposition (possessors count: "Erdogan's stop saw talks").
func (v *sentenceView) subject(k int) *unit {
	s := v.s
	// "accused Colombia of backing armed groups": the gerund's subject is
	// the unit before "of".
	if k > 1 && s.lower[k-1] == "of" && strings.HasSuffix(s.lower[k], "ing") {
		if u := v.at[k-2]; u != nil && isActor(u.head) {
			return u
		}
	}
	// "Iran defies the US by unveiling a missile": the subject of a
	// "by V-ing" phrase is the clause's first actor.
	if k > 0 && s.lower[k-1] == "by" && strings.HasSuffix(s.lower[k], "ing") {
		// "accused Britain and France of prolonging the war by arming
		// Kyiv": the accused do both.
		for j := k - 2; j > 1; j-- {
			if s.lower[j] == "of" && strings.HasSuffix(s.lower[j+1], "ing") {
				if u := v.at[j-1]; u != nil && isActor(u.head) {
					return u
				}
			}
		}
		for j := 0; j < k-1; j++ {
			if s.is(j, fClauseBreak) {
				break
			}
			if u := v.at[j]; u != nil && isActor(u.head) && v.prepBefore(u) == "" {
				return u
			}
		}
	}
	// "Qassem rejected the plan while troops remain and accused
	// Washington": a verb joined by "and" shares its clause's subject, not
	// that of a subordinate clause in between.
	if k > 0 && s.lower[k-1] == "and" {
		u := v.subjectLeft(k - 1)
		// "backed Egypt's position and called on Ethiopia": a possessor
		// inside the first verb's object is not the subject of both.
		for u != nil && u.possessive && u.start > 0 && s.Tokens[u.start-1].Kind == text.Word && !s.isCap(u.start-1) && !s.is(u.start-1, fFunction|fPreposition) {
			u = v.subjectLeft(u.start)
		}
		if u != nil && !s.is(u.start-1, fClauseBreak) {
			// "Lin said Beijing opposes the deal and warned Washington":
			// a second speech act belongs to the speaker, not to the
			// subject of what was said.
			if p := u.start - 1; p > 0 && (s.is(p, fReporting) || s.lower[p] == "that") && (s.is(k, fReporting|fCue) || s.lower[k] == "called") {
				for r := p; r > 0; r-- {
					if s.is(r, fReporting) {
						if sp := v.subjectLeft(r); sp != nil {
							return sp
						}
						break
					}
				}
			}
			return u
		}
		for j := 0; j < k-1; j++ {
			if s.is(j, fClauseBreak) {
				break
			}
			if u := v.at[j]; u != nil && isActor(u.head) && (v.prepBefore(u) == "" || clauseOpeners[v.prepBefore(u)]) && !u.pronoun {
				return u
			}
		}
	}
	// "with U.S. President Donald Trump threatening": the unit right
	// before a verb is its subject, whatever precedes it.
	if k > 0 {
		if u := v.at[k-1]; u != nil && isActor(u.head) && !u.possessive && v.prepBefore(u) == "with" && strings.HasSuffix(s.lower[k], "ing") {
			return u
		}
	}
	return v.subjectLeft(k)
}

// subjectLeft is the plain subject search: the nearest actor unit to the
// left of k in the clause that is no prepositional complement.
func (v *sentenceView) subjectLeft(k int) *unit {
	s := v.s
	comma := false
	for j := k - 1; j >= 0; j-- {
		// "reminded Beijing that the treaty covers attacks", "the minister
		// said the army had deployed": a complement clause has its own
		// subject ("told reporters, accusing X" is no complement).
		comma = comma || s.lower[j] == ","
		if v.at[j] == nil && (s.lower[j] == "that" || s.is(j, fReporting) && j < k-1 && !comma) {
			return nil
		}
		if s.is(j, fClauseBreak) {
			// "Trump, who ... demanded": a relative pronoun stands for the unit before it.
			if (s.lower[j] == "who" || s.lower[j] == "which") && j > 0 {
				p := j - 1
				if s.lower[p] == "," && p > 0 {
					p--
				}
				// "the M23 rebel group, which": over the noun the name qualifies
				for n := 0; n < 2 && p > 0 && v.at[p] == nil && s.Tokens[p].Kind == text.Word && !s.isCap(p) && !s.is(p, fFunction|fPreposition); n++ {
					p--
				}
				if u := v.at[p]; u != nil && isActor(u.head) {
					return u
				}
			}
			if s.lower[j] == "as" || s.lower[j] == "after" || s.lower[j] == "before" {
				continue
			}
			return nil
		}
		u := v.at[j]
		if u == nil {
			continue
		}
		j = u.start
		if !isActor(u.head) || v.rel[u.start] && !v.rel[k] { // inside ", who also heads X,"
			continue
		}
		if p := v.prepBefore(u); p != "" && !u.possessive && !clauseOpeners[p] {
			continue
		}
		return u
	}
	return nil
}

// prepBefore returns the preposition right before a unit, if any.
func (v *sentenceView) prepBefore(u *unit) string {
	j := u.start - 1
	for j >= 0 && (v.s.lower[j] == "the" || v.s.lower[j] == "a") {
		j--
	}
	if j >= 0 && v.s.is(j, fPreposition) {
		return v.s.lower[j]
	}
	return ""
}

// group returns the coordination a unit belongs to, reading right:
// "Qatar, Egypt, and the United States".
func (v *sentenceView) groupFrom(u *unit) []*unit {
	out := []*unit{u}
	s := v.s
	lastAnd := false
	for {
		j := u.end
		// "Shahed drones and six Iskander-M missiles": a weapon's noun
		// comes before the link.
		for typeOf(u) == graph.Weapon && j < len(s.Tokens) && v.at[j] == nil && s.is(j, fWeaponNoun) {
			j++
		}
		for typeOf(u) == graph.Weapon && j < len(s.Tokens) && v.at[j] != nil && v.at[j].pronoun && v.at[j].head == u.head {
			j = v.at[j].end // the noun made a reference to the same weapon
		}
		and := false
		for j < len(s.Tokens) && (s.lower[j] == "," || s.lower[j] == "and" || s.lower[j] == "or" || s.lower[j] == "&" || (s.lower[j] == "with" || s.lower[j] == "to") && and) {
			and = and || s.lower[j] == "and" || s.lower[j] == "or"
			j++
		}
		if j == u.end || j >= len(s.Tokens) {
			break
		}
		// "and the United States", "and six Iskander-M missiles"
		for j+1 < len(s.Tokens) && v.at[j] == nil && (s.lower[j] == "the" || s.Tokens[j].Kind == text.Number || quantityWords[s.lower[j]]) {
			j++
		}
		n := v.at[j]
		if n == nil || n == u || !isActor(n.head) && isActor(u.head) {
			break
		}
		u = n
		out = append(out, u)
		lastAnd = and
		if and {
			break // "X, Y and Z": the list ends after "and"
		}
	}
	// Commas alone make an apposition, not a list: "Trump's envoy, Steve Witkoff".
	if !lastAnd {
		return out[:1]
	}
	return out
}

// groupTo returns the coordination that ends with unit u, reading left:
// "Iran and the United States" for the unit "the United States".
func (v *sentenceView) groupTo(u *unit) []*unit {
	out := []*unit{u}
	s := v.s
	for first := true; ; first = false {
		j := u.start - 1
		and := false
		for j >= 0 && (s.lower[j] == "," || s.lower[j] == "and" || s.lower[j] == "or" || s.lower[j] == "both") {
			and = and || s.lower[j] == "and" || s.lower[j] == "or"
			j--
		}
		// The link before the last member must hold "and": "X, Y and Z".
		if j == u.start-1 || j < 0 || v.at[j] == nil || first && !and {
			return reverse(out)
		}
		u = v.at[j]
		if !isActor(u.head) {
			return reverse(out)
		}
		out = append(out, u)
	}
}

func reverse(us []*unit) []*unit {
	for i, j := 0, len(us)-1; i < j; i, j = i+1, j-1 {
		us[i], us[j] = us[j], us[i]
	}
	return us
}

// object finds the first actor (or allowed) unit after token k within the
// clause and a window of tokens.
//
// Units inside "between ... and ..." (the parties of talks) and after
// "against" (the other side) are not the object.
func (v *sentenceView) object(k, window int, ok func(*entity) bool) *unit {
	return v.objectFor(k, window, ok, false)
}

var objectPronouns = set("him", "her", "them", "us", "me", "it")

// objectFor is object; hostile says "against X" names the target
// ("strikes against the group").
func (v *sentenceView) objectFor(k, window int, ok func(*entity) bool, hostile bool) *unit {
	s := v.s
	skipGroup := false
	for j := k + 1; j < len(s.Tokens) && j <= k+window; j++ {
		l := s.lower[j]
		if (s.is(j, fClauseBreak) || l == "by") && !(l == "as" && strings.HasSuffix(s.lower[j-1], "ed")) { // "described as"
			return nil
		}
		// "accused him of arming Libya": an object pronoun no one
		// resolves is still the object; what follows is not.
		if j == k+1 && v.at[j] == nil && objectPronouns[l] {
			return nil
		}
		switch {
		case l == "between" || l == "among":
			skipGroup = true
		case s.Tokens[j].Kind == text.Word && v.at[j] == nil && l != "and" && l != "the" && l != "or":
			skipGroup = false
		}
		if u := v.at[j]; u != nil && (u.start == j || u.start == j-1) {
			against := !hostile && v.prepBefore(u) == "against" && !(k == u.start-1 || k == u.start-2 && s.lower[u.start-1] == "the")
			near := hostile && v.prepBefore(u) == "near" // "launchers near Nabatieh": where, not whom
			if ok(u.head) && !skipGroup && !against && !near {
				// "Hezbollah's elite Radwan Force": the possessed is the object;
				// "sanctioned Serbian businessman Dragan Markovic", "a deal
				// with the French shipyard Naval Group": so is the person or
				// body a demonym describes.
				if u.endsInDemonym() && !u.possessive {
					for n := u.end; n < len(s.Tokens) && n <= u.end+2; n++ {
						if w := v.at[n]; w != nil {
							if w != u && (typeOf(w) == graph.Person || typeOf(w) == graph.Organization) && ok(w.head) {
								return w
							}
							break
						}
						if s.Tokens[n].Kind != text.Word || s.isCap(n) || s.is(n, fFunction|fPreposition) {
							break
						}
					}
				}
				if u.possessive {
					for n := u.end + 1; n < len(s.Tokens) && n <= u.end+3; n++ {
						if w := v.at[n]; w != nil && w != u {
							if ok(w.head) {
								return w
							}
							break
						}
					}
				}
				return u
			}
			j = u.end - 1
		}
	}
	return nil
}

// allHeads returns the heads of units, whatever their type.
func allHeads(us []*unit) []*entity {
	var out []*entity
	for _, u := range us {
		if u.head != nil {
			out = appendEntity(out, u.head)
		}
		for _, e := range u.also {
			out = appendEntity(out, e)
		}
	}
	return out
}

func heads(us []*unit) []*entity {
	var out []*entity
	for _, u := range us {
		if isActor(u.head) {
			out = appendEntity(out, u.head)
		}
		for _, e := range u.also {
			out = appendEntity(out, e)
		}
	}
	return out
}

// symmetric finds NEGOTIATES_WITH, MEETS_WITH and COOPERATES_WITH:
// "talks between X and Y", "X and Y held talks", "X met (with) Y",
// "X's talks with Y", "both sides agreed".
func (st *state) symmetric(v *sentenceView) {
	s := v.s
	for k := 0; k < len(s.Tokens); k++ {
		var c cue
		ok := false
		cs, n := v.cuesAt(k)
		for _, r := range cs[:n] {
			if r.typ == graph.NegotiatesWith || r.typ == graph.MeetsWith || r.typ == graph.CooperatesWith {
				c, ok = r, true
				break
			}
		}
		if !ok {
			continue
		}
		if v.at[k] != nil { // a cue word inside a name ("Deal Street")
			continue
		}
		if c.typ == graph.CooperatesWith && v.irrealisBefore(k, 4) || v.negatedBefore(k, 4) {
			continue
		}
		var parties []*entity
		rule := ""
		// "talks (in Muscat) between X and Y"
		for j := k + 1; j < len(s.Tokens) && j <= k+6; j++ {
			if s.is(j, fClauseBreak) {
				break
			}
			if s.lower[j] == "between" || s.lower[j] == "among" {
				if u := v.at[min(j+1, len(s.Tokens)-1)]; u != nil && j+1 < len(s.Tokens) {
					parties, rule = heads(v.groupFrom(u)), "between"
				} else if j+2 < len(s.Tokens) && v.at[j+2] != nil && (s.lower[j+1] == "the") {
					parties, rule = heads(v.groupFrom(v.at[j+2])), "between"
				}
				break
			}
		}
		subj := v.subject(k)
		if parties == nil {
			// "X (held talks|met|signed a deal) with Y" / "X met Y"
			var obj *unit
			if j := v.nextWord(k, 4, "with"); j > 0 {
				obj = v.object(j, 2, isActor)
			} else if j := v.nextWord(k, 1, "to"); j > 0 && speakVerbs[s.lower[k]] {
				obj = v.object(j, 2, isActor) // "had spoken to Abiy"
			} else if !c.noun && c.typ == graph.MeetsWith {
				obj = v.object(k, 3, isActor)
			}
			if obj != nil && subj != nil {
				subjects := heads(v.groupTo(subj))
				for _, o := range heads(v.groupFrom(obj)) {
					for _, sb := range subjects {
						st.addRelation(sb, c.typ, o, s, c.conf, "cue-with", nil)
					}
				}
				st.rememberPair(append(subjects, heads(v.groupFrom(obj))...))
				if c.typ != graph.MeetsWith {
					st.rememberTalks(append(subjects, heads(v.groupFrom(obj))...))
				}
				continue
			}
			// "X and Y began negotiations", "X and Y signed": a noun cue
			// must be what the pair does ("held talks"), not what it
			// tries to bring about ("tried to revive talks").
			if subj != nil && (!c.noun || v.eventVerbBefore(k)) {
				if g := heads(v.groupTo(subj)); len(g) >= 2 {
					parties, rule = g, "coordinated-subject"
				}
			}
			// "both sides agreed", "the two countries signed"
			if parties == nil && len(st.lastPair) == 2 && (!c.noun || v.eventVerbBefore(k)) {
				for j := k - 1; j >= 0 && j >= k-5; j-- {
					if s.is(j, fPairWord) && (s.lowerAt(j-1) == "two" || s.lowerAt(j-1) == "both" || s.lowerAt(j-2) == "both") {
						parties, rule = st.pairAs(s.lower[j]), "both-sides"
						break
					}
				}
			}
		}
		if len(parties) < 2 {
			continue
		}
		for i := 0; i < len(parties); i++ {
			for j := i + 1; j < len(parties); j++ {
				st.addRelation(parties[i], c.typ, parties[j], s, c.conf, rule, nil)
			}
		}
		st.rememberPair(parties)
		if c.typ != graph.MeetsWith {
			st.rememberTalks(parties)
		}
	}
}

func (st *state) rememberTalks(parties []*entity) {
	before := st.lastPair
	st.rememberPair(parties)
	st.lastTalks, st.lastPair = st.lastPair, before
}

func (st *state) rememberPair(parties []*entity) {
	var ps []*entity
	for _, p := range parties {
		if isActor(p) {
			ps = appendEntity(ps, p)
		}
	}
	if len(ps) >= 2 {
		st.lastPair = ps
	}
}

var quantityWords = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
	"hundreds", "several", "more", "additional", "new", "some", "many")

// speakVerbs take "to" for the one spoken with.
var speakVerbs = set("spoke", "spoken", "speaks", "talked", "talks", "phoned")

// clauseOpeners are prepositions that also open a clause ("hours after
// the envoy met X"): a unit after one may be a subject.
var clauseOpeners = set("after", "before", "since", "until")

// cuesAt is cuesAt with the units in view: after a unit that follows a
// preposition ("after U.S. strikes on"), a cue is a noun.
func (v *sentenceView) cuesAt(k int) (cs [2]cue, n int) {
	if !v.s.is(k, fCue) {
		return cs, 0
	}
	cs, n = cuesAt(v.s, k)
	if n == 2 && k > 0 {
		if u := v.at[k-1]; u != nil && v.prepBefore(u) != "" {
			return [2]cue{cs[1]}, 1
		}
	}
	return cs, n
}

// eventVerbBefore: the noun at k is the object of a verb of doing it
// ("held talks", "began a second round of negotiations", "reached an
// agreement", "signed a deal"), within five tokens, or heads a verbless
// headline ("Iran, US Begin Talks").
func (v *sentenceView) eventVerbBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if eventVerbs[v.s.lower[j]] {
			return true
		}
		if v.at[j] != nil || v.s.is(j, fClauseBreak) {
			return false
		}
	}
	return false
}

var eventVerbs = set("held", "hold", "holds", "holding", "began", "begin", "begins", "beginning", "begun",
	"resumed", "resume", "resumes", "resuming", "opened", "open", "opens", "concluded", "conclude",
	"started", "start", "starts", "launched", "conducted", "conduct", "wrapped", "ended", "end",
	"reached", "reach", "reaches", "signed", "sign", "signs", "struck", "strike", "sealed", "finalised",
	"finalized", "agreed", "announced", "entered", "renewed", "continued", "continue", "had", "have",
	"has", "completed", "prepare", "preparing", "joined", "attended", "led")

// negatedBefore reports a negation within n tokens before k: "no interest
// in talks", "rejected any talk", "refused to meet".
func (v *sentenceView) negatedBefore(k, n int) bool {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		if negations[v.s.lower[j]] {
			return true
		}
		if v.s.is(j, fClauseBreak) || v.at[j] != nil {
			return false
		}
	}
	return false
}

var negations = set("no", "not", "never", "without", "refused", "rejected", "n't", "cancelled", "canceled", "declined", "ruled")

// irrealisBefore reports a negation or an intention within n tokens before
// k: "without reaching an agreement", "called for stronger sanctions".
func (v *sentenceView) irrealisBefore(k, n int) bool {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		if v.s.is(j, fIrrealis) {
			return true
		}
		if v.s.is(j, fClauseBreak) || v.at[j] != nil {
			return false
		}
	}
	return false
}

// nextWord returns the index of word w within n tokens after k, or -1.
func (v *sentenceView) nextWord(k, n int, w string) int {
	for j := k + 1; j < len(v.s.Tokens) && j <= k+n; j++ {
		if v.s.lower[j] == w {
			return j
		}
		if v.s.is(j, fClauseBreak) || v.at[j] != nil {
			return -1
		}
	}
	return -1
}

// lastSubjects remembers who the sentence was about, for pronouns.
func (st *state) lastSubjects(v *sentenceView) {
	person := false
	for _, u := range v.units {
		if u.head == nil || u.pronoun {
			continue
		}
		switch typeOf(u) {
		case graph.Person:
			// The first person named as a subject is who "he" means next.
			if v.prepBefore(u) == "" && !person && !u.roleRef {
				st.lastPerson = u.head
				person = true
			}
		case graph.State:
			st.lastState = u.head
			if v.prepBefore(u) == "" {
				st.lastActor = u.head
			}
		case graph.Organization:
			st.lastOrg = u.head
			if v.prepBefore(u) == "" {
				st.lastActor = u.head
			}
		}
	}
}

package relation

import (
	"strings"

	"github.com/newsgraph/kg/graph"
)

// Structural reading: relations read off predicate-argument structure
// around a cue word. The doer of a cue verb is its subject (nsubj) or, in
// the passive, its agent (obl:agent); the one done to is its object, its
// passive subject (nsubj:pass), or an oblique marked by a preposition the
// type takes ("met with", "sanctions against", "strikes on"). Coordinated
// arguments (conj) each take part; a negated predicate ("did not meet")
// or a merely possible one ("could strike") states nothing. For a cue noun
// the doer is its possessor or a demonym or name before it ("Israel's
// strikes", "Israeli strikes") and the one done to an oblique ("on Gaza");
// "talks between A and B" links the parties.

// Fact is a relation read from the structure: entity indexes of Sentence's
// mentions, and the name of the structure that states it.
type Fact struct {
	Source, Target int
	Type           graph.RelationType
	Rule           string
}

// targetCases lists the prepositions that mark the one done to, per type.
var targetCases = map[graph.RelationType]map[string]bool{
	graph.MeetsWith:      {"with": true, "between": true, "alongside": true},
	graph.NegotiatesWith: {"with": true, "between": true},
	graph.CooperatesWith: {"with": true, "between": true},
	graph.Mediates:       {"between": true},
	graph.Supports:       {"for": true},
	graph.Demands:        {},
	graph.Criticizes:     {"for": false},
	graph.Threatens:      {},
	graph.Sanctions:      {"against": true, "on": true},
	graph.Attacks:        {"on": true, "against": true, "in": false},
	graph.Deploys:        {"to": false},
}

var doubtful = map[string]bool{"could": true, "might": true, "may": true}

// Predicates read by lemma, whatever the cue lists say of their forms.
var (
	// "X urged Y to ...": a request with an infinitive names whom it addresses.
	requestVerbs = set("ask", "request", "urge", "press", "call", "tell", "demand", "pressure", "instruct",
		"order", "push", "implore", "beg", "warn")
	// "X sent missiles to Y": giving arms or aid supports the receiver.
	giveVerbs = set("send", "supply", "provide", "deliver", "ship", "give", "transfer", "sell", "donate", "pledge")
	aidNouns  = set("weapon", "arm", "missile", "shell", "ammunition", "munition", "drone", "troop", "soldier",
		"aid", "assistance", "support", "equipment", "tank", "jet", "aircraft", "fighter", "rocket", "artillery",
		"fund", "funding", "loan", "money", "help", "personnel", "force", "mercenary", "container", "system", "battery")
)

// A clause under one of these states no fact of its own: "wants to meet",
// "refused to attack", "urged Iran to negotiate", "expected to sign".
var notFactHeads = set("want", "hope", "plan", "seek", "aim", "intend", "try", "attempt", "offer", "propose",
	"refuse", "decline", "fail", "threaten", "expect", "wish", "consider", "prepare", "need", "ask", "urge",
	"call", "press", "demand", "push", "invite", "warn", "vow", "pledge", "promise", "would", "like", "deny",
	"avoid", "reject", "oppose", "insist", "claim", "allege", "order", "tell", "encourage", "pressure")

// Meeting nouns the cue lists do not carry (they are too common for the
// word rules) but that, with "with" someone, name a meeting: "after a dinner
// with Erdogan", "in a phone call with Macron".
var meetNouns = set("dinner", "lunch", "luncheon", "breakfast", "banquet", "call", "conversation", "encounter",
	"audience", "visit", "session", "sit-down", "tete-a-tete", "videoconference", "meeting", "summit",
	"conference", "briefing", "phone", "telephone", "appearance")

// Case markers of a noun cue that hangs from the verb of the clause whose
// subject took part: "said during a meeting with", "spoke after talks with",
// "was in talks with".
var eventCases = set("during", "at", "after", "following", "before", "in", "for", "since", "amid", "on", "by", "over")

var relativePronouns = set("who", "whom", "which", "that")

// Nouns that, qualified by a state ("the Congolese government", "Thai
// soldiers", "U.S. forces"), stand for that state as an actor.
var stateNouns = set("government", "administration", "regime", "authority", "leadership", "cabinet", "junta",
	"side", "soldier", "troop", "force", "warplane", "jet", "drone", "artillery",
	"gunboat", "warship", "vessel", "ship", "unit", "delegation", "negotiator", "official")

// Nouns that describe the organization named before them: "the M23 rebel
// group", "the Wagner mercenary force".
var orgNouns = set("group", "movement", "militia", "faction", "organization", "organisation", "party",
	"coalition", "alliance", "force", "network", "outfit", "insurgency", "company", "firm")

// Reciprocal hostility: "clashes between A and B", "A and B traded fire"
// state that each side attacked the other; "traded accusations" that each
// criticized the other.
var (
	clashNouns   = set("clash", "fighting", "fight", "battle", "skirmish", "hostility", "firefight", "gunfight", "exchange")
	tradeVerbs   = set("trade", "exchange")
	tradedFire   = set("fire", "strike", "attack", "shelling", "blow", "salvo", "gunfire", "artillery", "shot", "missile", "drone", "airstrike", "rocket")
	tradedBlames = set("accusation", "blame", "barb", "insult", "criticism", "recrimination", "charge", "allegation")
)

// Verbs that lend a subjectless clause's inherited subject to their cue
// noun: "agreed to hold talks with", "arrived, holding a meeting with"; not
// "marking the first talks" (the talks are not the subject's act).
var lightVerbs = set("hold", "have", "conduct", "launch", "carry", "begin", "start", "open", "resume", "continue",
	"join", "attend", "host", "stage", "mount", "sign", "reach", "seal", "conclude", "make", "impose", "announce",
	"strike", "forge", "clinch", "ink", "finalize", "finalise")

// ExtraCue returns the relation type a word cues for the structural reader
// only (meeting nouns), or "".
func ExtraCue(lower string) graph.RelationType {
	sing := strings.TrimSuffix(lower, "s")
	switch {
	case meetNouns[lower] || meetNouns[sing]:
		return graph.MeetsWith
	case clashNouns[lower] || clashNouns[sing] || lower == "skirmishes" || lower == "hostilities" || lower == "clashed":
		return graph.Attacks
	case lower == "traded" || lower == "exchanged" || lower == "trading" || lower == "exchanging":
		return graph.Attacks
	}
	return ""
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Structure returns the facts the sentence's structure states around its cues.
func Structure(s *Sentence) []Fact {
	ent := s.entityAt()
	kids := make([][]int, len(s.Tokens))
	for k, h := range s.Heads {
		if h >= 0 {
			kids[h] = append(kids[h], k)
		}
	}
	// A clause has one subject (conjuncts hang from it). Two nsubj on one
	// verb mean the parser lost its way ("BEIRUT — Israeli warplanes
	// struck ..., hours after Ortagus met Aoun" with both as subjects of
	// "met"): keep the one nearest before the verb.
	for p := range kids {
		near := -1
		for _, k := range kids[p] {
			if (s.Deprels[k] == "nsubj" || s.Deprels[k] == "nsubj:pass") && k < p && k > near {
				near = k
			}
		}
		if near < 0 {
			continue
		}
		// "Taliban, Pakistan agree to truce": a headline's commas coordinate
		listed := func(k int) bool {
			for j := k + 1; j < near; j++ {
				if s.Tokens[j] != "," {
					return false
				}
			}
			return true
		}
		kept := kids[p][:0]
		for _, k := range kids[p] {
			if s.Deprels[k] != "nsubj" && s.Deprels[k] != "nsubj:pass" || k == near || listed(k) {
				kept = append(kept, k)
			}
		}
		kids[p] = kept
	}
	var out []Fact
	add := func(srcs, dsts []int, t graph.RelationType, rule string) {
		for _, a := range srcs {
			for _, b := range dsts {
				if a != b && a >= 0 && b >= 0 && t.Allows(s.Mentions[firstMention(s, a)].Type, s.Mentions[firstMention(s, b)].Type) {
					out = append(out, Fact{a, b, t, rule})
				}
			}
		}
	}
	for p := range s.Tokens {
		if s.UPOS[p] != "VERB" || !stated(s, kids, p) {
			continue
		}
		l := s.Lemmas[p]
		var subj, obj, to, objs []int
		hasX := false
		for _, k := range kids[p] {
			switch s.Deprels[k] {
			case "nsubj":
				subj = append(subj, s.group(ent, kids, k)...)
			case "obj", "iobj":
				obj = append(obj, s.group(ent, kids, k)...)
				objs = append(objs, k)
			case "obl":
				switch caseOf(s, k) {
				case "to":
					to = append(to, s.group(ent, kids, k)...)
				case "on":
					if l == "call" {
						obj = append(obj, s.group(ent, kids, k)...)
					}
				}
			case "xcomp":
				hasX = true
			case "advcl": // "urged Ukraine to accept", parsed as an adverbial clause
				for _, m := range kids[k] {
					if s.Deprels[m] == "mark" && lowerASCII(s.Tokens[m]) == "to" {
						hasX = true
					}
				}
			}
		}
		if requestVerbs[l] && hasX && l != "warn" {
			add(subj, obj, graph.Demands, "dep:request-to")
		}
		if giveVerbs[l] {
			// "sent dozens of tanks to Qatar": the receiver may hang from the object
			for _, k := range objs {
				for _, c := range kids[k] {
					for _, x := range append([]int{c}, kids[c]...) {
						if s.Deprels[x] == "nmod" && caseOf(s, x) == "to" {
							to = append(to, s.group(ent, kids, x)...)
						}
					}
				}
			}
			to = uniq(to)
			for _, k := range objs {
				if aidNouns[s.Lemmas[k]] || s.subtreeHas(kids, k, aidNouns) {
					add(subj, to, graph.Supports, "dep:give-to")
					break
				}
			}
		}
	}
	out = append(out, s.reciprocal(ent, kids)...)
	out = append(out, s.personOf(ent, kids)...)
	for p, t := range s.Cues {
		if t == "" || stated(s, kids, p) == false {
			continue
		}
		if clashNouns[s.Lemmas[p]] || tradeVerbs[s.Lemmas[p]] {
			continue // read by reciprocal
		}
		var doers, dones, between []int
		var rule string
		mark := func(k int) {
			if caseOf(s, k) == "between" {
				between = append(between, s.group(ent, kids, k)...)
			}
		}
		switch s.UPOS[p] {
		case "VERB":
			passive := false
			for _, k := range kids[p] {
				if s.Deprels[k] == "nsubj:pass" || s.Deprels[k] == "aux:pass" {
					passive = true
				}
			}
			for _, k := range kids[p] {
				switch s.Deprels[k] {
				case "nsubj":
					doers = append(doers, s.group(ent, kids, k)...)
				case "obl:agent":
					doers = append(doers, s.group(ent, kids, k)...)
				case "nsubj:pass":
					dones = append(dones, s.group(ent, kids, k)...)
				case "obj", "iobj":
					dones = append(dones, s.group(ent, kids, k)...)
				case "obl", "nmod":
					if c := caseOf(s, k); targetCases[t][c] {
						dones = append(dones, s.group(ent, kids, k)...)
						mark(k)
					}
				}
			}
			// the object noun carries the parties: "mediated talks between
			// Iran and the United States", "discussed a deal with Oman"
			for _, k := range kids[p] {
				if s.Deprels[k] == "obj" {
					for _, kk := range kids[k] {
						if c := caseOf(s, kk); (s.Deprels[kk] == "nmod" || s.Deprels[kk] == "obl") && targetCases[t][c] {
							dones = append(dones, s.group(ent, kids, kk)...)
							mark(kk)
						}
					}
				}
			}
			// the subject of a relative clause or participle is the noun it modifies
			if len(doers) == 0 && !passive && (s.Deprels[p] == "acl:relcl" || s.Deprels[p] == "acl") && s.Heads[p] >= 0 {
				doers = s.group(ent, kids, s.Heads[p])
			}
			// a clause without a subject of its own shares the one of the
			// clause it hangs from: "agreed to meet", "visited Hanoi,
			// meeting Quang", "shelled Kharkiv and attacked Kyiv"
			if len(doers) == 0 && !passive {
				doers = s.inherited(ent, kids, p, 0)
			}
			if passive && len(dones) == 0 && (s.Deprels[p] == "acl" || s.Deprels[p] == "acl:relcl") && s.Heads[p] >= 0 {
				dones = s.group(ent, kids, s.Heads[p])
			}
			rule = "dep:verb"
		case "NOUN":
			for _, k := range kids[p] {
				switch s.Deprels[k] {
				case "nmod:poss", "amod", "compound":
					if e := ent[k]; e >= 0 {
						doers = append(doers, s.group(ent, kids, k)...)
					}
				case "nmod":
					c := caseOf(s, k)
					if c == "by" {
						doers = append(doers, s.group(ent, kids, k)...)
					} else if targetCases[t][c] {
						dones = append(dones, s.group(ent, kids, k)...)
						mark(k)
					}
				}
			}
			// a light verb lends the noun its subject and its oblique:
			// "Israel launched strikes on Gaza", "Iran held talks with Oman"
			between = append(between, s.strayBetween(ent, kids, p)...)
			// "after a dinner with Witkoff": a "with" right after a symmetric
			// noun is the noun's, wherever the parser attached it
			if t.Symmetric() && s.Heads[p] >= 0 && p+1 < len(s.Tokens) && lowerASCII(s.Tokens[p+1]) == "with" {
				for _, k := range kids[s.Heads[p]] {
					if k > p && s.Heads[p+1] == k && (s.Deprels[k] == "obl" || s.Deprels[k] == "nmod") {
						dones = append(dones, s.group(ent, kids, k)...)
					}
				}
			}
			// The noun may also hang from the clause as an event its subject
			// took part in: "said during a meeting with Merz", "spoke after
			// talks with Oman" (only symmetric types: "after strikes on Gaza"
			// need not be the speaker's).
			light := s.Deprels[p] == "obj" || s.Deprels[p] == "iobj"
			if !light && t.Symmetric() && (s.Deprels[p] == "obl" || s.Deprels[p] == "obl:agent" || s.Deprels[p] == "nmod") && eventCases[caseOf(s, p)] {
				light = len(dones) > 0
			}
			// (a symmetric head cue takes part in the same event: "spoke at a
			// news conference with", "discussed the plan by phone with")
			if len(doers) == 0 && light && s.Heads[p] >= 0 && (s.Cues[s.Heads[p]] == "" || s.Cues[s.Heads[p]] == t || t.Symmetric() && s.Cues[s.Heads[p]].Symmetric()) && s.UPOS[s.Heads[p]] == "VERB" {
				h := s.Heads[p]
				if !stated(s, kids, h) {
					continue
				}
				for _, k := range kids[h] {
					switch s.Deprels[k] {
					case "nsubj":
						doers = append(doers, s.group(ent, kids, k)...)
					case "obl":
						if s.Deprels[p] == "obj" && targetCases[t][caseOf(s, k)] {
							dones = append(dones, s.group(ent, kids, k)...)
							mark(k)
						}
					}
				}
				if len(doers) == 0 && lightVerbs[s.Lemmas[h]] {
					doers = s.inherited(ent, kids, h, 0)
				}
			}
			if meetNouns[s.Lemmas[p]] && len(dones) == 0 && len(between) == 0 {
				continue // "the summit", "a visit": a meeting needs someone met
			}
			rule = "dep:noun"
		default:
			continue
		}
		doers, dones, between = uniq(doers), uniq(dones), uniq(between)
		if t.Symmetric() {
			// coordinated doers act together ("X and Y met"), each doer
			// with each one done to, and the parties "between" with each
			// other; two objects of one doer ("met A and B") did not meet
			for i := range doers {
				add(doers[i:i+1], doers[i+1:], t, rule+":parties")
			}
			add(doers, dones, t, rule)
			for i := range between {
				add(between[i:i+1], between[i+1:], t, rule+":between")
			}
			continue
		}
		add(doers, dones, t, rule)
	}
	return out
}

// stated reports whether predicate p is asserted: not negated, not merely possible.
func stated(s *Sentence, kids [][]int, p int) bool {
	for _, k := range kids[p] {
		l := s.Lemmas[k]
		if negators[l] || negators[lowerASCII(s.Tokens[k])] {
			return false
		}
		if s.Deprels[k] == "aux" && doubtful[l] {
			return false
		}
	}
	return true
}

// strayBetween returns the parties of a "between" phrase that belongs to
// the event noun p but that the parser hung elsewhere: "a meeting in Doha
// on March 18, 2025, between A, B and C". It must follow p in its clause
// with only modifiers of place and time between them.
func (s *Sentence) strayBetween(ent []int, kids [][]int, p int) []int {
	for k := p + 1; k < len(s.Tokens) && k <= p+12; k++ {
		switch s.UPOS[k] {
		case "VERB", "AUX", "SCONJ", "PRON":
			return nil
		}
		if lowerASCII(s.Tokens[k]) != "between" || s.Deprels[k] != "case" {
			continue
		}
		x := s.Heads[k]
		if s.Heads[x] == p {
			return nil // the parser put it right under p: read already
		}
		if g := s.group(ent, kids, x); len(g) >= 2 {
			return g
		}
		return nil
	}
	return nil
}

// reciprocal reads hostility both ways: "clashes between Thai and
// Cambodian soldiers", "India and Pakistan exchanged fire" (ATTACKS each
// way), "traded accusations" (CRITICIZES each way).
func (s *Sentence) reciprocal(ent []int, kids [][]int) []Fact {
	var out []Fact
	both := func(parties []int, t graph.RelationType, rule string) {
		parties = uniq(parties)
		for i := range parties {
			for j := range parties {
				if i != j {
					a, b := parties[i], parties[j]
					if t.Allows(s.Mentions[firstMention(s, a)].Type, s.Mentions[firstMention(s, b)].Type) {
						out = append(out, Fact{a, b, t, rule})
					}
				}
			}
		}
	}
	for p := range s.Tokens {
		l := s.Lemmas[p]
		switch {
		case clashNouns[l] && (s.UPOS[p] == "NOUN" || strings.HasSuffix(lowerASCII(s.Tokens[p]), "ing")):
			if l == "exchange" && !s.subtreeHas(kids, p, tradedFire) {
				continue
			}
			var parties []int
			for _, k := range kids[p] {
				if (s.Deprels[k] == "nmod" || s.Deprels[k] == "obl") && caseOf(s, k) == "between" {
					parties = append(parties, s.group(ent, kids, k)...)
				}
			}
			if len(parties) < 2 {
				parties = s.strayBetween(ent, kids, p)
			}
			if len(parties) >= 2 && stated(s, kids, p) {
				both(parties, graph.Attacks, "dep:clash-between")
			}
		case tradeVerbs[l] && s.UPOS[p] == "VERB" && stated(s, kids, p):
			var subj []int
			t := graph.RelationType("")
			for _, k := range kids[p] {
				if s.Deprels[k] == "nsubj" {
					subj = append(subj, s.group(ent, kids, k)...)
				}
			}
			// what was traded: the next nouns ("exchanged heavy fire",
			// "traded accusations"), however the parser attached them
			for k := p + 1; k < len(s.Tokens) && k <= p+3 && t == ""; k++ {
				if s.UPOS[k] == "NOUN" && tradedFire[s.Lemmas[k]] {
					t = graph.Attacks
				} else if s.UPOS[k] == "NOUN" && tradedBlames[s.Lemmas[k]] {
					t = graph.Criticizes
				} else if s.UPOS[k] != "ADJ" && s.UPOS[k] != "DET" && s.UPOS[k] != "NOUN" {
					break
				}
			}
			if len(subj) == 0 {
				subj = s.inherited(ent, kids, p, 0)
			}
			if t != "" && len(subj) >= 2 {
				both(subj, t, "dep:traded")
			}
		}
	}
	return out
}

// personOf reads "Foreign ministers Olivier Nduhungirehe of Rwanda and
// Thérèse Kayikwamba Wagner of the DRC", "Jane Doe of Reuters": a person
// "of" a state or an organization is affiliated with it.
func (s *Sentence) personOf(ent []int, kids [][]int) []Fact {
	var out []Fact
	for x := range s.Tokens {
		if s.Deprels[x] != "nmod" || caseOf(s, x) != "of" || ent[x] < 0 {
			continue
		}
		h := s.Heads[x]
		// the person token itself, or the last word of its flat name
		for h >= 0 && ent[h] < 0 && s.Deprels[h] == "flat" {
			h = s.Heads[h]
		}
		c := x - 1 // the "of", right after the name: "X of Rwanda", "X of the DRC"
		if c > 0 && lowerASCII(s.Tokens[c]) == "the" {
			c--
		}
		if h < 0 || ent[h] < 0 || ent[h] == ent[x] || c < 1 || lowerASCII(s.Tokens[c]) != "of" || ent[c-1] != ent[h] {
			continue
		}
		src, dst := s.Mentions[firstMention(s, ent[h])].Type, s.Mentions[firstMention(s, ent[x])].Type
		if src == graph.Person && (dst == graph.State || dst == graph.Organization) {
			out = append(out, Fact{ent[h], ent[x], graph.AffiliatedWith, "dep:person-of"})
		}
	}
	return out
}

// inherited returns the doers a subjectless clause p shares with the clause
// it depends on: an infinitive complement takes its governor's subject
// ("Iran agreed to meet", unless the governor states no fact: "wants to
// meet"), a participle or a clause after "after"/"before" its main
// clause's ("visited Hanoi, meeting Quang"), a coordinated verb its first
// conjunct's ("shelled Kharkiv and attacked Kyiv").
func (s *Sentence) inherited(ent []int, kids [][]int, p, depth int) []int {
	h := s.Heads[p]
	if h < 0 || depth > 3 || s.UPOS[h] != "VERB" && s.UPOS[h] != "AUX" || !stated(s, kids, h) {
		return nil
	}
	switch s.Deprels[p] {
	case "xcomp":
		if notFactHeads[s.Lemmas[h]] {
			return nil
		}
	case "advcl":
		// a participle ("meeting Quang") or "after meeting"; not a purpose
		// ("travelled to Doha to meet"), nor a clause of its own time
		// ("when Iran attacked")
		if !strings.HasSuffix(lowerASCII(s.Tokens[p]), "ing") {
			return nil
		}
		for _, k := range kids[p] {
			if s.Deprels[k] == "mark" {
				switch lowerASCII(s.Tokens[k]) {
				case "after", "before", "while", "by", "in":
				default:
					return nil
				}
			}
		}
	case "conj":
		// only a verb right after its "and" ("and attacked"): where the
		// parser missed the conjunct's own subject ("and Ankara signed"),
		// words stand between
		cc := -1
		for _, k := range kids[p] {
			if s.Deprels[k] == "cc" && k < p {
				cc = k
			}
		}
		if cc < 0 {
			return nil
		}
		for k := cc + 1; k < p; k++ {
			if u := s.UPOS[k]; u != "ADV" && u != "AUX" && u != "PART" {
				return nil
			}
		}
	default:
		return nil
	}
	var out []int
	for _, k := range kids[h] {
		switch s.Deprels[k] {
		case "nsubj", "obl:agent":
			out = append(out, s.group(ent, kids, k)...)
		case "nsubj:pass": // "was scheduled to meet", "was attacked and struck back"
			out = append(out, s.group(ent, kids, k)...)
		}
	}
	if len(out) == 0 {
		return s.inherited(ent, kids, h, depth+1)
	}
	return out
}

func lowerASCII(w string) string {
	b := []byte(w)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// entityAt maps each token to the entity of the mention it heads or lies
// in (-1 for none).
func (s *Sentence) entityAt() []int {
	ent := make([]int, len(s.Tokens))
	for i := range ent {
		ent[i] = -1
	}
	for _, m := range s.Mentions {
		for k := m.Start; k < m.End; k++ {
			ent[k] = m.Entity
		}
	}
	return ent
}

func firstMention(s *Sentence, e int) int {
	for i, m := range s.Mentions {
		if m.Entity == e {
			return i
		}
	}
	return 0
}

// group returns the entities an argument token names: its own and those
// of its conjuncts, appositions and flat name parts. A qualifier alone
// does not make its noun an entity: "the Lebanese army" is not Lebanon.
func (s *Sentence) group(ent []int, kids [][]int, k int) []int {
	// "Wang, who held talks with ...": a relative pronoun stands for the
	// noun its clause modifies
	if v := s.Heads[k]; ent[k] < 0 && v >= 0 && relativePronouns[lowerASCII(s.Tokens[k])] && s.Deprels[v] == "acl:relcl" && s.Heads[v] >= 0 {
		k = s.Heads[v]
	}
	var out []int
	var walk func(x, depth int)
	walk = func(x, depth int) {
		if depth > 6 {
			return
		}
		e := ent[x]
		if e >= 0 {
			out = append(out, e)
		} else if s.UPOS[x] == "NOUN" {
			// "the Congolese government", "Eritrean and Ethiopian
			// soldiers" act for their states (SCHEMA: a demonym on an
			// actor); "the M23 rebel group" is M23
			for _, c := range kids[x] {
				d := s.Deprels[c]
				if d != "amod" && d != "nmod:poss" && d != "compound" || ent[c] < 0 {
					continue
				}
				ty := s.Mentions[firstMention(s, ent[c])].Type
				if ty == graph.State && (stateNouns[s.Lemmas[x]]) || ty == graph.Organization && d == "compound" && orgNouns[s.Lemmas[x]] {
					out = append(out, ent[c])
					for _, cc := range kids[c] {
						if s.Deprels[cc] == "conj" && ent[cc] >= 0 {
							out = append(out, ent[cc])
						}
					}
					e = ent[c]
				}
			}
		}
		for _, c := range kids[x] {
			switch s.Deprels[c] {
			case "conj":
				walk(c, depth+1)
			case "appos", "flat": // another name of the same thing, when x names none
				if e < 0 {
					walk(c, depth+1)
				}
			}
		}
	}
	walk(k, 0)
	return out
}

// subtreeHas reports whether a word below k (two levels at most) has a
// lemma in words: "dozens of ballistic missiles".
func (s *Sentence) subtreeHas(kids [][]int, k int, words map[string]bool) bool {
	for _, c := range kids[k] {
		if words[s.Lemmas[c]] {
			return true
		}
		for _, cc := range kids[c] {
			if words[s.Lemmas[cc]] {
				return true
			}
		}
	}
	return false
}

func uniq(xs []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

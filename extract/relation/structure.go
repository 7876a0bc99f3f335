package relation

import "github.com/newsgraph/kg/graph"

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
	graph.MeetsWith:      {"with": true, "between": true},
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
	for p, t := range s.Cues {
		if t == "" || stated(s, kids, p) == false {
			continue
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
			if len(doers) == 0 && s.Deprels[p] == "obj" && s.Heads[p] >= 0 && s.Cues[s.Heads[p]] == "" {
				h := s.Heads[p]
				if !stated(s, kids, h) {
					continue
				}
				for _, k := range kids[h] {
					switch s.Deprels[k] {
					case "nsubj":
						doers = append(doers, s.group(ent, kids, k)...)
					case "obl":
						if targetCases[t][caseOf(s, k)] {
							dones = append(dones, s.group(ent, kids, k)...)
							mark(k)
						}
					}
				}
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
	var out []int
	var walk func(x, depth int)
	walk = func(x, depth int) {
		if depth > 6 {
			return
		}
		e := ent[x]
		if e >= 0 {
			out = append(out, e)
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

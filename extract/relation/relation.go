// Package relation reads relations off the structure of a sentence: for
// each pair of entities a sentence names, features of the dependency path
// between them (the predicate that joins them, each one's role in it, the
// preposition that marks it, negation and modality, cue words, and what the
// hand-written rules said of the pair) go to a learned scorer, one logistic
// regression per relation class, trained on the project's annotated
// articles. It knows nothing of gazetteers or storage: the caller gives the
// parse, the mentions and the rules' hits.
package relation

import (
	"strconv"
	"strings"

	"github.com/newsgraph/kg/graph"
)

// Sentence is what the reader sees of one sentence.
type Sentence struct {
	Tokens   []string
	Lemmas   []string // per token
	UPOS     []string
	Heads    []int                // head token of each token, -1 for the root
	Deprels  []string             // label of each token's arc
	Cues     []graph.RelationType // the relation a token is a cue word for, "" if none
	Mentions []Mention
	Rules    []Hit // relations the rules read in this sentence
}

// Mention is a token span naming an entity. Entity is the caller's index
// of the entity, Form how the span names it ("name", "demonym", "capital",
// "partial", "ref").
type Mention struct {
	Start, End int
	Entity     int
	Type       graph.EntityType
	Form       string
}

// Hit is a relation the rules read between two entities of the sentence.
type Hit struct {
	Source, Target int // entity indexes
	Type           graph.RelationType
	Rule           string
}

// Class is one decision about a pair: a relation type, and for directed
// types its direction: Forward means from the pair's first entity (the one
// mentioned first) to its second.
type Class struct {
	Type    graph.RelationType
	Forward bool
}

// Classes lists the classes: one per symmetric type, two per directed one.
var Classes = func() []Class {
	var out []Class
	for _, s := range graph.RelationSpecs {
		out = append(out, Class{s.Type, true})
		if !s.Symmetric {
			out = append(out, Class{s.Type, false})
		}
	}
	return out
}()

// ClassOf returns the class of a relation source -> target over the pair
// (a, b), a mentioned first.
func ClassOf(t graph.RelationType, source, a int) int {
	fwd := source == a || t.Symmetric()
	for i, c := range Classes {
		if c.Type == t && c.Forward == fwd {
			return i
		}
	}
	return -1
}

// Candidate is one pair of entities of a sentence with its features.
type Candidate struct {
	A, B   int // entity indexes, A mentioned first
	TA, TB graph.EntityType
	Path   string   // the dependency path, for the relation's rule name
	Feats  []string // feature strings
}

// Candidates returns a candidate for every pair of distinct entities the
// sentence names, read at the two mentions closest in the tree.
func Candidates(s *Sentence) []Candidate {
	heads := make([]int, len(s.Mentions))
	for i, m := range s.Mentions {
		heads[i] = spanHead(s, m)
	}
	type pair struct{ x, y int } // entity indexes, x < y
	best := map[pair][2]int{}    // mention indexes, the earlier first
	bestLen := map[pair]int{}
	var order []pair
	for i, mi := range s.Mentions {
		for j, mj := range s.Mentions {
			if mi.Entity == mj.Entity || mi.Start > mj.Start || mi.Start == mj.Start && i >= j {
				continue
			}
			p := pair{min(mi.Entity, mj.Entity), max(mi.Entity, mj.Entity)}
			up, down := path(s, heads[i], heads[j])
			l := len(up) + len(down)
			if old, ok := bestLen[p]; !ok || l < old {
				if !ok {
					order = append(order, p)
				}
				best[p], bestLen[p] = [2]int{i, j}, l
			}
		}
	}
	out := make([]Candidate, 0, len(order))
	for _, p := range order {
		ij := best[p]
		out = append(out, candidate(s, ij[0], ij[1], heads))
	}
	return out
}

// spanHead is the token of a span whose head lies outside it.
func spanHead(s *Sentence, m Mention) int {
	for k := m.End - 1; k >= m.Start; k-- {
		if h := s.Heads[k]; h < m.Start || h >= m.End {
			return k
		}
	}
	return m.End - 1
}

// path returns the tokens from a up to the lowest common ancestor
// (inclusive) and from b up to it (exclusive).
func path(s *Sentence, a, b int) (up, down []int) {
	depth := map[int]int{}
	for x, d := a, 0; x >= 0 && d <= len(s.Heads); x, d = s.Heads[x], d+1 {
		depth[x] = d
	}
	lca := -1
	for x, d := b, 0; x >= 0 && d <= len(s.Heads); x, d = s.Heads[x], d+1 {
		if _, ok := depth[x]; ok {
			lca = x
			break
		}
		down = append(down, x)
	}
	if lca < 0 { // no common ancestor: a forest; join at the roots
		for x, d := a, 0; x >= 0 && d <= len(s.Heads); x, d = s.Heads[x], d+1 {
			up = append(up, x)
		}
		return up, down
	}
	for x := a; ; x = s.Heads[x] {
		up = append(up, x)
		if x == lca {
			break
		}
	}
	return up, down
}

var negators = map[string]bool{"not": true, "never": true, "n't": true, "no": true}
var modals = map[string]bool{"would": true, "could": true, "may": true, "might": true, "should": true, "will": true, "can": true, "must": true}

func candidate(s *Sentence, i, j int, heads []int) Candidate {
	mi, mj := s.Mentions[i], s.Mentions[j]
	c := Candidate{A: mi.Entity, B: mj.Entity, TA: mi.Type, TB: mj.Type}
	up, down := path(s, heads[i], heads[j])
	lca := up[len(up)-1]
	types := string(mi.Type) + "|" + string(mj.Type)
	f := func(parts ...string) { c.Feats = append(c.Feats, strings.Join(parts, "|")) }
	f("bias")
	f("types", types)
	f("forms", mi.Form, mj.Form)
	// the path: labels up from A, the top, labels down to B
	var unlex, lex strings.Builder
	for _, x := range up[:len(up)-1] {
		unlex.WriteString(s.Deprels[x] + "<")
		lex.WriteString(s.Deprels[x] + "<")
		if x != heads[i] {
			lex.WriteString(s.Lemmas[x] + "<")
		}
	}
	top := s.Lemmas[lca]
	if lca == heads[j] || lca == heads[i] {
		top = "@"
	}
	unlex.WriteString("^")
	lex.WriteString(top)
	for k := len(down) - 1; k >= 0; k-- {
		x := down[k]
		unlex.WriteString(">" + s.Deprels[x])
		if x != heads[j] {
			lex.WriteString(">" + s.Lemmas[x])
		}
		lex.WriteString(">" + s.Deprels[x])
	}
	n := len(up) + len(down) - 1
	c.Path = lex.String()
	f("path", unlex.String())
	f("path-types", unlex.String(), types)
	if n <= 5 {
		f("lexpath", lex.String())
	}
	f("top", top)
	f("top-types", top, types)
	f("top-upos", s.UPOS[lca])
	f("len", strconv.Itoa(min(n, 7)))
	roleA, roleB := "top", "top"
	if len(up) > 1 {
		roleA = s.Deprels[up[len(up)-2]]
	}
	if len(down) > 0 {
		roleB = s.Deprels[down[len(down)-1]]
	}
	f("roles", roleA, roleB)
	f("roles-top", roleA, roleB, top)
	f("roleA-top", roleA, top)
	f("roleB-top", roleB, top)
	caseA, caseB := caseOf(s, heads[i]), caseOf(s, heads[j])
	f("cases", caseA, caseB)
	f("caseB-top", caseB, top)
	f("caseA-top", caseA, top)
	// negation and modality on the predicate
	for k, h := range s.Heads {
		if h != lca {
			continue
		}
		l := s.Lemmas[k]
		if negators[strings.ToLower(s.Tokens[k])] || negators[l] {
			f("neg")
			f("neg-top", top)
		}
		if s.Deprels[k] == "aux" && modals[l] {
			f("modal", l)
		}
	}
	// cue words on the path and between the two mentions
	for _, x := range append(append([]int{}, up...), down...) {
		if t := s.Cues[x]; t != "" {
			f("pathcue", string(t))
			f("pathcue-roles", string(t), roleA, roleB)
			f("pathcue-types", string(t), types)
		}
	}
	// cue words hanging from the path: the object of a light verb
	// ("carried out strikes on Iranian targets" with the oblique on the
	// verb), or a verb the parser took for a modifier
	onPath := map[int]bool{}
	for _, x := range up {
		onPath[x] = true
	}
	for _, x := range down {
		onPath[x] = true
	}
	for k, h := range s.Heads {
		if h >= 0 && onPath[h] && !onPath[k] && s.Cues[k] != "" {
			f("hangcue", string(s.Cues[k]))
		}
	}
	gap := mj.Start - mi.End
	f("gap", strconv.Itoa(min(max(gap, 0)/3, 5)))
	if gap >= 0 && gap <= 8 {
		for k := mi.End; k < mj.Start; k++ {
			f("between", s.Lemmas[k])
			if t := s.Cues[k]; t != "" {
				f("betweencue", string(t))
			}
		}
	} else if gap > 8 {
		for k := mi.End; k < mj.Start; k++ {
			if t := s.Cues[k]; t != "" {
				f("farcue", string(t))
			}
		}
	}
	// what the rules said of this pair
	for _, h := range s.Rules {
		dir := ""
		switch {
		case h.Source == c.A && h.Target == c.B:
			dir = "fwd"
		case h.Source == c.B && h.Target == c.A:
			dir = "back"
		default:
			continue
		}
		if h.Type.Symmetric() {
			dir = "sym"
		}
		f("rule", string(h.Type), dir)
		f("rule-types", string(h.Type), dir, types)
		f("rulename", string(h.Type), dir, h.Rule)
		f("anyrule")
	}
	return c
}

// caseOf returns the preposition or possessive marking token x, or "-".
func caseOf(s *Sentence, x int) string {
	for k, h := range s.Heads {
		if h == x && (s.Deprels[k] == "case") {
			return strings.ToLower(s.Tokens[k])
		}
	}
	return "-"
}

package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/extract/syntax"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// The learned stage: every sentence that names two or more entities is
// parsed, and each pair of its entities goes to the relation scorer with
// the dependency path between them and what the rules said of the pair.
// The scorer then decides, for pairs in one sentence: a rule's relation is
// kept only if the scorer gives it at least Keep, and the scorer adds the
// relations it gives at least Add. Relations the rules read across
// sentences ("both sides", "he") are not pairs of one sentence and stay.

// sentenceCandidates is one sentence's candidates, with the entity of each
// index.
type sentenceCandidates struct {
	sent  int
	cands []relation.Candidate
	ents  []*entity
	hits  []int // st.rels indexes of the rules' relations between the sentence's entities
	facts []relation.Fact
	view  relation.Sentence // the reduced, parsed sentence (for debugging)
}

var formNames = [...]string{formName: "name", formDemonym: "demonym", formCapital: "capital", formPartial: "partial", formRef: "ref"}

// candidates builds the relation reader's view of every sentence with two
// or more entities; with cued, only of those with a cue word (all that the
// structural reader can read from, and parsing is most of its cost).
func (st *state) candidates(cued bool) []sentenceCandidates {
	relSent := make([]int, len(st.rels))
	for k, i := range st.relIndex {
		relSent[i] = k.sent
	}
	bySent := map[int][]int{}
	for i, s := range relSent {
		if s >= 0 && st.rels[i].Origin == graph.OriginText {
			bySent[s] = append(bySent[s], i)
		}
	}
	var out []sentenceCandidates
	for si, s := range st.sents {
		if cued && !hasCue(s) && !personOf(s, st.mentions[si]) || distinctEntities(st.mentions[si]) < 2 && !st.pronounPair(si) {
			continue
		}
		// Each noun-phrase unit around an entity ("Armenian Prime Minister
		// Nikol Pashinyan") is read as one name: news titles are rare in the
		// parser's training text, and a name parses better alone.
		idx := map[*entity]int{}
		var ents []*entity
		var ms []relation.Mention
		var toks []string
		var orig []int // token of s behind each reduced token
		units := st.buildUnits(s, st.mentions[si])
		if si < len(st.refs) && len(st.refs[si]) > 0 {
			units = append(units, st.refs[si]...)
			slices.SortStableFunc(units, func(a, b *unit) int { return a.start - b.start })
		}
		ui := 0
		for k := datelineEnd(s); k < len(s.Tokens); {
			for ui < len(units) && units[ui].start < k {
				ui++
			}
			if ui < len(units) && units[ui].start == k && units[ui].head != nil && units[ui].head.mentions > 0 && (!units[ui].pronoun || personalPronouns[s.lower[k]]) {
				u := units[ui]
				e := u.head
				word := nameWord(s, u.start, u.end)
				form := formRef
				if u.pronoun {
					word = s.Tokens[k].Text // parsed as the pronoun it is
				}
				for _, m := range u.ms {
					if m.ent == e {
						word, form = nameWord(s, m.start, m.end), m.form
					}
				}
				if s.Tokens[u.end-1].Kind == text.Possessive && u.end-1 > k {
					word = s.Tokens[u.end-2].Text
				}
				n, ok := idx[e]
				if !ok {
					n = len(ents)
					idx[e] = n
					ents = append(ents, e)
				}
				ms = append(ms, relation.Mention{Start: len(toks), End: len(toks) + 1, Entity: n, Type: e.typ, Form: formNames[form]})
				toks = append(toks, word)
				orig = append(orig, u.end-1)
				if s.Tokens[u.end-1].Kind == text.Possessive && u.end-1 > k {
					toks = append(toks, s.Tokens[u.end-1].Text)
					orig = append(orig, u.end-1)
				}
				k = u.end
				continue
			}
			toks = append(toks, s.Tokens[k].Text)
			orig = append(orig, k)
			k++
		}
		if len(ents) < 2 {
			continue
		}
		isName := make([]bool, len(toks))
		for _, m := range ms {
			isName[m.Start] = m.Form != "demonym" && !personalPronouns[strings.ToLower(toks[m.Start])]
		}
		p := st.x.parser.ParseTokenNames(toks, isName)
		// The parse says whether a cue word is a verb or a noun here.
		cues := make([]graph.RelationType, len(toks))
		for k := range toks {
			o := orig[k]
			if c, ok := verbCues[s.lower[o]]; ok && (p.UPOS[k] == "VERB" || p.UPOS[k] == "AUX") {
				cues[k] = c.typ
			} else if c, ok := nounCues[s.lower[o]]; ok && (p.UPOS[k] == "NOUN" || p.UPOS[k] == "PROPN") {
				cues[k] = c.typ
			} else if cs, n := cuesAt(s, o); n > 0 {
				cues[k] = cs[0].typ
			} else if t := relation.ExtraCue(s.lower[o]); t != "" && p.UPOS[k] == "NOUN" {
				cues[k] = t
			}
		}
		rs := relation.Sentence{Tokens: toks, Lemmas: p.Lemmas, UPOS: p.UPOS, Heads: p.Heads, Deprels: p.Deprels,
			Cues: cues, Mentions: ms}
		byID := map[string]int{}
		for k, e := range ents {
			byID[e.id] = k
		}
		sc := sentenceCandidates{sent: si, ents: ents}
		for _, ri := range bySent[s.Index] {
			r := st.rels[ri]
			a, okA := byID[r.Source]
			b, okB := byID[r.Target]
			if !okA || !okB {
				continue
			}
			sc.hits = append(sc.hits, ri)
			rs.Rules = append(rs.Rules, relation.Hit{Source: a, Target: b, Type: r.Type, Rule: r.Rule})
		}
		sc.cands = relation.Candidates(&rs)
		sc.facts = relation.Structure(&rs)
		sc.view = rs
		out = append(out, sc)
	}
	return out
}

// nameWord is the word that stands for a name in the reduced sentence: its
// last word, unless that is a regnal number or generation ("Mohammed VI",
// "Martin Luther King Jr."), which the parser reads as a number.
func nameWord(s *sentence, start, end int) string {
	for k := end - 1; k > start; k-- {
		if w := strings.TrimSuffix(s.Tokens[k].Text, "."); !isRegnal(w) {
			return s.Tokens[k].Text
		}
	}
	return s.Tokens[start].Text
}

func isRegnal(w string) bool {
	switch w {
	case "Jr", "Sr", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI":
		return true
	}
	return w != "" && strings.Trim(w, "0123456789") == ""
}

// datelineEnd returns the index after a leading dateline ("BEIRUT —",
// "GENEVA (Reuters) –"), 0 if none: it is no part of the sentence's
// grammar, and the parser, given it, misreads the clause.
func datelineEnd(s *sentence) int {
	k := 0
	for k < len(s.Tokens) && k < 6 && isAllCapsWord(s.Tokens[k].Text) || k > 0 && k < len(s.Tokens) && s.Tokens[k].Text == "," {
		k++
	}
	if k == 0 {
		return 0
	}
	if k < len(s.Tokens) && s.Tokens[k].Text == "(" {
		for k < len(s.Tokens) && k < 12 && s.Tokens[k].Text != ")" {
			k++
		}
		k++
	}
	if k < len(s.Tokens) {
		switch s.Tokens[k].Text {
		case "—", "–", "-", "--":
			return k + 1
		}
	}
	return 0
}

func isAllCapsWord(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z' || r > 127 && unicode.IsUpper(r):
			n++
		case r == '.' || r == '\'' || r == '-':
		default:
			return false
		}
	}
	return n >= 2
}

// personOf reports whether a person's name is followed by "of" ("Olivier
// Nduhungirehe of Rwanda"), which the structural reader reads.
func personOf(s *sentence, ms []*mention) bool {
	for _, m := range ms {
		if m.ent != nil && m.ent.typ == graph.Person && s.lowerAt(m.end) == "of" {
			return true
		}
	}
	return false
}

func hasCue(s *sentence) bool {
	for _, l := range s.lower {
		if _, ok := verbCues[l]; ok {
			return true
		}
		if _, ok := nounCues[l]; ok {
			return true
		}
		if relation.ExtraCue(l) != "" {
			return true
		}
	}
	return false
}

// pronounPair: a name and a personal pronoun for someone else ("Orban
// hosted him") make a pair of entities in the sentence.
func (st *state) pronounPair(si int) bool {
	if si >= len(st.refs) {
		return false
	}
	for _, u := range st.refs[si] {
		for _, m := range st.mentions[si] {
			if m.ent != nil && m.ent.mentions > 0 && m.ent != u.head {
				return true
			}
		}
	}
	return false
}

func distinctEntities(ms []*mention) int {
	var first *entity
	for _, m := range ms {
		if m.ent == nil || m.ent.mentions == 0 {
			continue
		}
		if first == nil {
			first = m.ent
		} else if m.ent != first {
			return 2
		}
	}
	if first != nil {
		return 1
	}
	return 0
}

// checkedRules are the rule families that read a relation from a cue word
// near two names; the parse must put the cue on the path between them.
var checkedRules = set("cue-verb", "cue-noun")

// structure adds the relations read off the parse around cue words, and
// drops the cue rules' relations whose cue word the parse does not put on
// (or hang from) the dependency path between the two entities ("sanctions hitting Russia"
// is no EU attack; "accusations of attacks since Trump said" none on Trump).
func (st *state) structure(cands []sentenceCandidates) {
	drop := map[int]bool{}
	for _, sc := range cands {
		if len(sc.hits) == 0 {
			continue
		}
		pathCues := map[[2]string]map[string]bool{}
		for _, c := range sc.cands {
			m := map[string]bool{}
			for _, f := range c.Feats {
				if t, ok := strings.CutPrefix(f, "pathcue|"); ok {
					m[t] = true
				} else if t, ok := strings.CutPrefix(f, "hangcue|"); ok {
					m[t] = true
				}
			}
			a, b := sc.ents[c.A].id, sc.ents[c.B].id
			pathCues[[2]string{a, b}], pathCues[[2]string{b, a}] = m, m
		}
		for _, ri := range sc.hits {
			r := st.rels[ri]
			if !checkedRules[r.Rule] {
				continue
			}
			// a warning of force threatens: "warned that Israel would strike"
			if m, ok := pathCues[[2]string{r.Source, r.Target}]; ok && !m[string(r.Type)] &&
				!(r.Type == graph.Threatens && m[string(graph.Attacks)]) {
				drop[ri] = true
			}
		}
	}
	st.dropRelations(drop)
	for _, sc := range cands {
		for _, f := range sc.facts {
			st.addRelation(sc.ents[f.Source], f.Type, sc.ents[f.Target], st.sents[sc.sent], 0.7, f.Rule, nil)
		}
	}
}

// learn applies the relation model to the rules' relations.
func (st *state) learn(m *relation.Model) {
	cands := st.candidates(false)
	drop := map[int]bool{}
	for _, sc := range cands {
		s := st.sents[sc.sent]
		// the scorer's verdict on each (class, pair) of the sentence
		scores := map[[2]int][]float64{}
		for i := range sc.cands {
			c := &sc.cands[i]
			scores[[2]int{c.A, c.B}] = m.Scores(c)
		}
		entIdx := map[string]int{}
		for k, e := range sc.ents {
			entIdx[e.id] = k
		}
		stated := map[[3]int]bool{} // (class, a, b) the rules stated
		for _, ri := range sc.hits {
			r := st.rels[ri]
			a, b := entIdx[r.Source], entIdx[r.Target]
			pa, pb := a, b
			sc2, ok := scores[[2]int{a, b}]
			if !ok {
				sc2, ok = scores[[2]int{b, a}]
				pa, pb = b, a
			}
			if !ok {
				continue
			}
			cl := relation.ClassOf(r.Type, a, pa)
			stated[[3]int{cl, pa, pb}] = true
			if sc2[cl] < m.Keep {
				drop[ri] = true
			}
		}
		for i := range sc.cands {
			c := &sc.cands[i]
			p := scores[[2]int{c.A, c.B}]
			for cl, pr := range p {
				if pr < m.Add || stated[[3]int{cl, c.A, c.B}] {
					continue
				}
				class := relation.Classes[cl]
				src, dst := sc.ents[c.A], sc.ents[c.B]
				if !class.Forward {
					src, dst = dst, src
				}
				st.addRelation(src, class.Type, dst, s, pr, "learned:"+c.Path, nil)
			}
		}
	}
	st.dropRelations(drop)
}

// dropRelations removes the relations at the given indexes of st.rels and
// rebuilds the index.
func (st *state) dropRelations(drop map[int]bool) {
	if len(drop) == 0 {
		return
	}
	var sentOf = make([]int, len(st.rels))
	for k, i := range st.relIndex {
		sentOf[i] = k.sent
	}
	kept := st.rels[:0]
	var keptSent []int
	for i, r := range st.rels {
		if !drop[i] {
			kept = append(kept, r)
			keptSent = append(keptSent, sentOf[i])
		}
	}
	st.rels = kept
	st.relIndex = make(map[relKey]int, len(kept))
	for i, r := range kept {
		st.relIndex[relKey{r.Key(), keptSent[i]}] = i
	}
}

// LabelledCandidate is one pair of entities in one sentence, as the
// relation scorer sees it, named by the document's entity ids (for
// training the scorer against gold files).
type LabelledCandidate struct {
	Cand             relation.Candidate
	SourceA, SourceB string // entity ids of Cand.A and Cand.B
	Sentence         int
}

// Candidates extracts an article with the rules alone and returns the
// document and the relation scorer's candidates.
func (x *Extractor) Candidates(a article.Article) (graph.Document, []LabelledCandidate) {
	noModel := *x
	noModel.relations = nil
	if noModel.parser == nil {
		noModel.parser = syntax.Default()
	}
	b := bufferPool.Get().(*buffers)
	defer bufferPool.Put(b)
	var out []LabelledCandidate
	doc := noModel.extractWith(a, b, func(st *state) {
		for _, sc := range st.candidates(false) {
			for _, c := range sc.cands {
				out = append(out, LabelledCandidate{Cand: c, SourceA: sc.ents[c.A].id, SourceB: sc.ents[c.B].id, Sentence: sc.sent})
			}
		}
	})
	return doc, out
}

package extract

import (
	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/extract/syntax"
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
}

var formNames = [...]string{formName: "name", formDemonym: "demonym", formCapital: "capital", formPartial: "partial", formRef: "ref"}

// candidates builds the relation reader's view of every sentence with two
// or more entities.
func (st *state) candidates() []sentenceCandidates {
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
		idx := map[*entity]int{}
		var ents []*entity
		var ms []relation.Mention
		for _, m := range st.mentions[si] {
			if m.ent == nil || m.ent.mentions == 0 {
				continue
			}
			k, ok := idx[m.ent]
			if !ok {
				k = len(ents)
				idx[m.ent] = k
				ents = append(ents, m.ent)
			}
			ms = append(ms, relation.Mention{Start: m.start, End: m.end, Entity: k, Type: m.ent.typ, Form: formNames[m.form]})
		}
		if len(ents) < 2 {
			continue
		}
		toks := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			toks[i] = t.Text
		}
		p := st.x.parser.ParseTokens(toks)
		cues := make([]graph.RelationType, len(toks))
		for k := range toks {
			if cs, n := cuesAt(s, k); n > 0 {
				cues[k] = cs[0].typ
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
		out = append(out, sc)
	}
	return out
}

// learn applies the relation model to the rules' relations.
func (st *state) learn(m *relation.Model) {
	cands := st.candidates()
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
	if len(drop) == 0 {
		return
	}
	kept := st.rels[:0]
	for i, r := range st.rels {
		if !drop[i] {
			kept = append(kept, r)
		}
	}
	st.rels = kept
	// relIndex is not used after this stage
	st.relIndex = nil
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
		for _, sc := range st.candidates() {
			for _, c := range sc.cands {
				out = append(out, LabelledCandidate{Cand: c, SourceA: sc.ents[c.A].id, SourceB: sc.ents[c.B].id, Sentence: sc.sent})
			}
		}
	})
	return doc, out
}

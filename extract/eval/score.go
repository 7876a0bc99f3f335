package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// PRF is one line of scores. Precision, recall and F1 are 0 where their
// denominator is 0; tables print "-" there.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// NewPRF computes the ratios of the given counts.
func NewPRF(tp, fp, fn int) PRF {
	p := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		p.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		p.Recall = float64(tp) / float64(tp+fn)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

func (p PRF) add(o PRF) PRF { return NewPRF(p.TP+o.TP, p.FP+o.FP, p.FN+o.FN) }

// EntityRef names one entity in diagnostics.
type EntityRef struct {
	Type graph.EntityType `json:"type"`
	Name string           `json:"name"`
	ID   string           `json:"id,omitempty"`   // predicted entities only
	Note string           `json:"note,omitempty"` // a near miss, for diagnostics
}

// EntityMatch is a predicted entity matched to a gold entity.
type EntityMatch struct {
	Type      graph.EntityType `json:"type"`
	Predicted string           `json:"predicted"`
	ID        string           `json:"id"`
	Gold      string           `json:"gold"`
}

// RelationRef names one relation in diagnostics: gold names for true
// positives and false negatives, predicted names for false positives.
type RelationRef struct {
	Source string             `json:"source"`
	Type   graph.RelationType `json:"type"`
	Target string             `json:"target"`
	Note   string             `json:"note,omitempty"` // why it did not match
}

// ArticleResult is the scoring of one article, with every decision listed
// so that an extractor's author can see what went wrong.
type ArticleResult struct {
	Article   string `json:"article"`
	Entities  PRF    `json:"entities"`
	Relations PRF    `json:"relations"`

	EntityTP      []EntityMatch `json:"entity_tp"`
	EntityFP      []EntityRef   `json:"entity_fp"`
	EntityFN      []EntityRef   `json:"entity_fn"`
	EntityIgnored []EntityMatch `json:"entity_ignored"` // matched optional gold

	RelationTP      []RelationRef `json:"relation_tp"`
	RelationFP      []RelationRef `json:"relation_fp"`
	RelationFN      []RelationRef `json:"relation_fn"`
	RelationIgnored []RelationRef `json:"relation_ignored"` // matched optional gold
}

// Pair is an extracted Document and the gold file of its article.
type Pair struct {
	Doc  graph.Document
	Gold Gold
}

// Report is the scoring of a set of articles, micro-averaged: counts are
// summed over articles before the ratios are computed. Per-type maps hold
// every schema type, so its JSON has the same shape for every corpus.
type Report struct {
	Entities        PRF                        `json:"entities"`
	Relations       PRF                        `json:"relations"`
	PerEntityType   map[graph.EntityType]PRF   `json:"per_entity_type"`
	PerRelationType map[graph.RelationType]PRF `json:"per_relation_type"`
	Articles        []ArticleResult            `json:"articles"`
}

// Score scores every pair and sums the counts.
func Score(pairs []Pair) Report {
	r := Report{
		PerEntityType:   map[graph.EntityType]PRF{},
		PerRelationType: map[graph.RelationType]PRF{},
		Articles:        []ArticleResult{},
	}
	for _, t := range graph.EntityTypes {
		r.PerEntityType[t] = PRF{}
	}
	for _, t := range graph.RelationTypes {
		r.PerRelationType[t] = PRF{}
	}
	for _, p := range pairs {
		a := ScoreArticle(p.Doc, p.Gold)
		r.Articles = append(r.Articles, a)
		r.Entities = r.Entities.add(a.Entities)
		r.Relations = r.Relations.add(a.Relations)
		tp, fp, fn := NewPRF(1, 0, 0), NewPRF(0, 1, 0), NewPRF(0, 0, 1)
		for _, m := range a.EntityTP {
			tally(r.PerEntityType, m.Type, tp)
		}
		for _, e := range a.EntityFP {
			tally(r.PerEntityType, e.Type, fp)
		}
		for _, e := range a.EntityFN {
			tally(r.PerEntityType, e.Type, fn)
		}
		for _, m := range a.RelationTP {
			tally(r.PerRelationType, m.Type, tp)
		}
		for _, m := range a.RelationFP {
			tally(r.PerRelationType, m.Type, fp)
		}
		for _, m := range a.RelationFN {
			tally(r.PerRelationType, m.Type, fn)
		}
	}
	return r
}

// ScoreArticle scores one Document against its gold.
//
// Entities: a prediction may match a gold entity of its type when the keys
// (norm.Key) of their names and aliases meet. Predictions are first matched
// one to one to required gold entities by a maximum matching, then the rest
// one to one to optional gold entities. Where several predictions compete for
// one gold entity (an extractor that split one person in two), the one with
// more mentions wins, then the earlier one. A leftover prediction that could
// match an optional entity is ignored, every other leftover is a false
// positive, and every unmatched required gold entity a false negative.
//
// Relations: only origin "text" relations count, once per edge. Each
// endpoint stands for the gold entity (required or optional) it was matched
// to; an endpoint matched to nothing makes the relation a false positive.
func ScoreArticle(doc graph.Document, gold Gold) ArticleResult {
	res := ArticleResult{
		Article:         gold.Article,
		EntityTP:        []EntityMatch{},
		EntityFP:        []EntityRef{},
		EntityFN:        []EntityRef{},
		EntityIgnored:   []EntityMatch{},
		RelationTP:      []RelationRef{},
		RelationFP:      []RelationRef{},
		RelationFN:      []RelationRef{},
		RelationIgnored: []RelationRef{},
	}
	if res.Article == "" {
		res.Article = doc.Article.ID
	}
	golds := append(append([]GoldEntity{}, gold.Entities...), gold.OptionalEntities...)
	nRequired := len(gold.Entities)
	predSide := make([]named, len(doc.Entities))
	for i, e := range doc.Entities {
		predSide[i] = newNamed(e.Name, e.Type, e.Aliases)
	}
	goldSide := make([]named, len(golds))
	for j, g := range golds {
		goldSide[j] = newNamed(g.Name, g.Type, g.Aliases)
	}
	toGold := matchEntities(doc.Entities, predSide, goldSide, nRequired)

	goldOf := map[string]int{} // predicted entity id -> index in golds
	for i, e := range doc.Entities {
		g := toGold[i]
		m := EntityMatch{Type: e.Type, Predicted: e.Name, ID: e.ID}
		switch {
		case g >= 0:
			if _, dup := goldOf[e.ID]; !dup {
				goldOf[e.ID] = g
			}
			m.Gold = golds[g].Name
			if g < nRequired {
				res.EntityTP = append(res.EntityTP, m)
			} else {
				res.EntityIgnored = append(res.EntityIgnored, m)
			}
		case firstMatch(predSide[i], goldSide[nRequired:]) >= 0:
			m.Gold = golds[nRequired+firstMatch(predSide[i], goldSide[nRequired:])].Name
			res.EntityIgnored = append(res.EntityIgnored, m)
		default:
			res.EntityFP = append(res.EntityFP, EntityRef{Type: e.Type, Name: e.Name, ID: e.ID, Note: nearMiss(predSide[i], goldSide)})
		}
	}
	matchedGold := make([]bool, len(golds))
	for _, g := range toGold {
		if g >= 0 {
			matchedGold[g] = true
		}
	}
	for j, g := range gold.Entities {
		if !matchedGold[j] {
			res.EntityFN = append(res.EntityFN, EntityRef{Type: g.Type, Name: g.Name, Note: nearMiss(goldSide[j], predSide)})
		}
	}
	res.Entities = NewPRF(len(res.EntityTP), len(res.EntityFP), len(res.EntityFN))

	scoreRelations(&res, doc, gold, golds, goldOf, matchedGold)
	res.Relations = NewPRF(len(res.RelationTP), len(res.RelationFP), len(res.RelationFN))
	return res
}

// named is an entity, predicted or gold, as matching sees it.
type named struct {
	Name string
	Type graph.EntityType
	Keys map[string]bool // norm.Key of the name and of each alias
}

func newNamed(name string, t graph.EntityType, aliases []string) named {
	n := named{Name: name, Type: t, Keys: map[string]bool{}}
	for _, s := range append([]string{name}, aliases...) {
		if k := norm.Key(s); k != "" {
			n.Keys[k] = true
		}
	}
	return n
}

// sameName reports whether two entities share a key, whatever their types.
func sameName(a, b named) bool {
	for k := range a.Keys {
		if b.Keys[k] {
			return true
		}
	}
	return false
}

// matches is the matching rule of SCHEMA.md: same type, a shared key.
func matches(a, b named) bool { return a.Type == b.Type && sameName(a, b) }

// matchEntities returns, for each prediction, the index in golds of the gold
// entity it is matched to, or -1. golds[:nRequired] are required.
func matchEntities(preds []graph.Entity, predSide, goldSide []named, nRequired int) []int {
	order := make([]int, len(preds)) // preferred predictions first
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return preds[order[a]].Mentions > preds[order[b]].Mentions })

	toGold := make([]int, len(preds))
	for i := range toGold {
		toGold[i] = -1
	}
	required := maxMatching(len(order), nRequired, func(l, r int) bool { return matches(predSide[order[l]], goldSide[r]) })
	var rest []int
	for l, r := range required {
		if r >= 0 {
			toGold[order[l]] = r
		} else {
			rest = append(rest, order[l])
		}
	}
	nOptional := len(goldSide) - nRequired
	optional := maxMatching(len(rest), nOptional, func(l, r int) bool { return matches(predSide[rest[l]], goldSide[nRequired+r]) })
	for l, r := range optional {
		if r >= 0 {
			toGold[rest[l]] = nRequired + r
		}
	}
	return toGold
}

// firstMatch returns the index of the first of others that e matches, or -1.
func firstMatch(e named, others []named) int {
	for i, o := range others {
		if matches(e, o) {
			return i
		}
	}
	return -1
}

// nearMiss explains an unmatched entity by one on the other side with a
// shared key: "as State: Hammer-7" where only the type differs, "Rufus
// Firefly was matched to another entity" where the type agrees.
func nearMiss(e named, others []named) string {
	taken := ""
	for _, o := range others {
		switch {
		case !sameName(e, o):
		case o.Type != e.Type:
			return fmt.Sprintf("as %s: %s", o.Type, o.Name)
		case taken == "":
			taken = o.Name + " was matched to another entity"
		}
	}
	return taken
}

// goldRel is a gold relation and whether a prediction has claimed it.
type goldRel struct {
	GoldRelation
	required bool
	used     bool
}

func scoreRelations(res *ArticleResult, doc graph.Document, gold Gold, golds []GoldEntity, goldOf map[string]int, matchedGold []bool) {
	index := map[string]int{} // gold entity name -> index in golds
	for j := len(golds) - 1; j >= 0; j-- {
		index[golds[j].Name] = j
	}
	// Gold relations by the canonical key of their endpoint indexes.
	byKey := map[idxKey][]*goldRel{}
	var rels []*goldRel
	add := func(list []GoldRelation, required bool) {
		for _, r := range list {
			g := &goldRel{GoldRelation: r, required: required}
			rels = append(rels, g)
			s, okS := index[r.Source]
			t, okT := index[r.Target]
			if okS && okT {
				k := newIdxKey(s, r.Type, t)
				byKey[k] = append(byKey[k], g)
			}
		}
	}
	add(gold.Relations, true)
	add(gold.OptionalRelations, false)

	names := map[string]string{} // predicted entity id -> name
	for i := len(doc.Entities) - 1; i >= 0; i-- {
		names[doc.Entities[i].ID] = doc.Entities[i].Name
	}
	nameOf := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}

	seen := map[graph.RelationKey]bool{}
	for _, r := range doc.Relations {
		if r.Origin != graph.OriginText || seen[r.Key()] {
			continue
		}
		seen[r.Key()] = true
		ref := RelationRef{Source: nameOf(r.Source), Type: r.Type, Target: nameOf(r.Target)}
		s, okS := goldOf[r.Source]
		t, okT := goldOf[r.Target]
		if !okS || !okT {
			ref.Note = unmatchedNote(okS, okT)
			res.RelationFP = append(res.RelationFP, ref)
			continue
		}
		if g := claim(byKey[newIdxKey(s, r.Type, t)]); g != nil {
			ref = RelationRef{Source: g.Source, Type: g.Type, Target: g.Target}
			if g.required {
				res.RelationTP = append(res.RelationTP, ref)
			} else {
				res.RelationIgnored = append(res.RelationIgnored, ref)
			}
			continue
		}
		ref.Note = mismatchNote(byKey, s, r.Type, t)
		res.RelationFP = append(res.RelationFP, ref)
	}
	for _, g := range rels {
		if !g.required || g.used {
			continue
		}
		ref := RelationRef{Source: g.Source, Type: g.Type, Target: g.Target}
		s, okS := index[g.Source]
		t, okT := index[g.Target]
		ref.Note = missedNote(okS && matchedGold[s], okT && matchedGold[t])
		res.RelationFN = append(res.RelationFN, ref)
	}
}

// claim takes the first unused required gold relation of candidates, else
// an optional one (which may be claimed again: it only makes a prediction
// ignored), else nil.
func claim(candidates []*goldRel) *goldRel {
	for _, g := range candidates {
		if g.required && !g.used {
			g.used = true
			return g
		}
	}
	for _, g := range candidates {
		if !g.required {
			return g
		}
	}
	return nil
}

// tally adds one count to a type's line.
func tally[T comparable](m map[T]PRF, t T, one PRF) { m[t] = m[t].add(one) }

// idxKey is a relation between gold entity indexes, canonical for
// symmetric types.
type idxKey struct {
	Source int
	Type   graph.RelationType
	Target int
}

func newIdxKey(s int, t graph.RelationType, o int) idxKey {
	if t.Symmetric() && o < s {
		s, o = o, s
	}
	return idxKey{s, t, o}
}

func unmatchedNote(sourceMatched, targetMatched bool) string {
	switch {
	case !sourceMatched && !targetMatched:
		return "source and target match no gold entity"
	case !sourceMatched:
		return "source matches no gold entity"
	default:
		return "target matches no gold entity"
	}
}

// mismatchNote says what gold has between two matched endpoints.
func mismatchNote(byKey map[idxKey][]*goldRel, s int, t graph.RelationType, o int) string {
	if !t.Symmetric() && len(byKey[newIdxKey(o, t, s)]) > 0 {
		return "gold has it in the other direction"
	}
	var others []string
	for _, rt := range graph.RelationTypes {
		if rt != t && (len(byKey[newIdxKey(s, rt, o)]) > 0 || len(byKey[newIdxKey(o, rt, s)]) > 0) {
			others = append(others, string(rt))
		}
	}
	if len(others) > 0 {
		return "gold relates them by " + strings.Join(others, " or ")
	}
	return "not in gold"
}

func missedNote(sourceFound, targetFound bool) string {
	switch {
	case !sourceFound && !targetFound:
		return "source and target not found"
	case !sourceFound:
		return "source not found"
	case !targetFound:
		return "target not found"
	}
	return ""
}

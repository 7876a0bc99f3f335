package syntax

import "strings"

// Scores are a parser's accuracies on gold sentences with gold tokens,
// counted over all words, punctuation included, as the CoNLL 2018 shared
// task's evaluation counts them (LAS compares universal relations: a
// subtype such as nsubj:pass counts as nsubj).
type Scores struct {
	UPOS      float64 `json:"upos"`
	XPOS      float64 `json:"xpos"`
	Lemma     float64 `json:"lemma"`
	UAS       float64 `json:"uas"`
	LAS       float64 `json:"las"`
	Sentences int     `json:"sentences"`
	Tokens    int     `json:"tokens"`
}

// Evaluate parses the words of gold and scores the result against it.
func Evaluate(m *Model, gold []Sentence) Scores {
	var sc Scores
	var upos, xpos, lemma, uas, las int
	for _, s := range gold {
		forms := make([]string, len(s.Words))
		for i, w := range s.Words {
			forms[i] = w.Form
		}
		got := m.Parse(forms)
		for i, g := range s.Words {
			p := got[i]
			sc.Tokens++
			if p.UPOS == g.UPOS {
				upos++
			}
			if p.XPOS == g.XPOS {
				xpos++
			}
			if p.Lemma == g.Lemma {
				lemma++
			}
			if p.Head == g.Head {
				uas++
				if universal(p.Deprel) == universal(g.Deprel) {
					las++
				}
			}
		}
		sc.Sentences++
	}
	if sc.Tokens > 0 {
		t := float64(sc.Tokens)
		sc.UPOS, sc.XPOS, sc.Lemma = float64(upos)/t, float64(xpos)/t, float64(lemma)/t
		sc.UAS, sc.LAS = float64(uas)/t, float64(las)/t
	}
	return sc
}

func universal(deprel string) string {
	if i := strings.IndexByte(deprel, ':'); i >= 0 {
		return deprel[:i]
	}
	return deprel
}

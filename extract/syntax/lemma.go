package syntax

import (
	"slices"
	"strings"
)

// lemmatizer gives a word's dictionary form: suffix rules by Penn tag, and
// the treebank's own lemmas for the words the rules get wrong ("went" ->
// "go", "children" -> "child", "'s" -> "be" as a verb).
type lemmatizer struct {
	exceptions map[string]string // lower form + "\t" + XPOS -> lemma
	known      map[string]bool   // lemmas of the treebank's open-class words
}

func lemmaKey(low, xpos string) string { return low + "\t" + xpos }

func (lm *lemmatizer) lemma(form string, t Tag) string {
	low := lower(form)
	if lm != nil {
		if l, ok := lm.exceptions[lemmaKey(low, t.XPOS)]; ok {
			return l
		}
	}
	if t.UPOS == "PROPN" {
		return form
	}
	return lm.rule(low, t.XPOS)
}

// rule strips an inflection; where the stem may have lost an "e"
// ("mediated" -> "mediat"), the known lemmas decide, else the spelling.
func (lm *lemmatizer) rule(low, xpos string) string {
	l := ruleLemma(low, xpos)
	if l == low || !strings.HasPrefix(xpos, "V") || xpos == "VBZ" {
		return l
	}
	if lm != nil && lm.known[l] {
		return l
	}
	if lm != nil && lm.known[l+"e"] {
		return l + "e"
	}
	for _, end := range []string{"at", "iz", "is", "uc", "v", "rg", "dg", "bl", "pl", "tl", "rc", "nc"} {
		if strings.HasSuffix(l, end) {
			return l + "e"
		}
	}
	return l
}

func ruleLemma(low, xpos string) string {
	switch xpos {
	case "NNS", "VBZ":
		switch {
		case strings.HasSuffix(low, "ies") && len(low) > 4:
			return low[:len(low)-3] + "y"
		case strings.HasSuffix(low, "sses"), strings.HasSuffix(low, "xes"), strings.HasSuffix(low, "ches"), strings.HasSuffix(low, "shes"), strings.HasSuffix(low, "zzes"):
			return low[:len(low)-2]
		case strings.HasSuffix(low, "ss"), strings.HasSuffix(low, "us"), strings.HasSuffix(low, "is"):
			return low
		case strings.HasSuffix(low, "s") && len(low) > 2:
			return low[:len(low)-1]
		}
	case "VBD", "VBN":
		switch {
		case strings.HasSuffix(low, "ied") && len(low) > 4:
			return low[:len(low)-3] + "y"
		case strings.HasSuffix(low, "ed") && len(low) > 3:
			return undouble(low[:len(low)-2])
		}
	case "VBG":
		if strings.HasSuffix(low, "ing") && len(low) > 4 {
			return undouble(low[:len(low)-3])
		}
	case "JJR", "RBR":
		if strings.HasSuffix(low, "er") && len(low) > 4 {
			return undouble(low[:len(low)-2])
		}
	case "JJS", "RBS":
		if strings.HasSuffix(low, "est") && len(low) > 5 {
			return undouble(low[:len(low)-3])
		}
	}
	return low
}

// undouble drops a doubled final consonant left by a suffix ("stopp" -> "stop").
func undouble(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && strings.IndexByte("bdgmnprt", s[n-1]) >= 0 {
		return s[:n-1]
	}
	return s
}

// trainLemmatizer keeps, for each (word, Penn tag) of the treebank, its most
// frequent lemma where the rules give another.
func trainLemmatizer(sents []Sentence, tags []Tag) *lemmatizer {
	count := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.Lemma == "_" {
				continue
			}
			k := lemmaKey(lower(w.Form), w.XPOS)
			m := count[k]
			if m == nil {
				m = map[string]int{}
				count[k] = m
			}
			m[w.Lemma]++
		}
	}
	lm := &lemmatizer{exceptions: map[string]string{}, known: map[string]bool{}}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.UPOS == "VERB" || w.UPOS == "NOUN" || w.UPOS == "ADJ" {
				lm.known[strings.ToLower(w.Lemma)] = true
			}
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		best, bestN := "", 0
		for l, n := range count[k] {
			if n > bestN || n == bestN && l < best {
				best, bestN = l, n
			}
		}
		low, xpos, _ := strings.Cut(k, "\t")
		want := lm.rule(low, xpos)
		if xpos == "NNP" || xpos == "NNPS" {
			continue // proper nouns keep their form
		}
		if best != want {
			lm.exceptions[k] = best
		}
	}
	return lm
}

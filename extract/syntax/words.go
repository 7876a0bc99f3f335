package syntax

import "strings"

// Words splits tokens (as the article tokenizer cuts them) into treebank
// words: "didn't" -> "did" "n't", "can't" -> "ca" "n't", "They're" ->
// "They" "'re", "cannot" -> "can" "not", "gonna" -> "gon" "na", "3.5%" ->
// "3.5" "%". tokenOf[i] is the index of the token word i comes from.
// Possessive "'s", "U.S." and hyphenated compounds are already one token
// each, as the parser was trained to read them.
func Words(tokens []string) (words []string, tokenOf []int) {
	words = make([]string, 0, len(tokens)+4)
	tokenOf = make([]int, 0, len(tokens)+4)
	for i, t := range tokens {
		for _, w := range splitToken(t) {
			words = append(words, w)
			tokenOf = append(tokenOf, i)
		}
	}
	return words, tokenOf
}

var fused = map[string][2]string{
	"cannot": {"can", "not"}, "gonna": {"gon", "na"}, "wanna": {"wan", "na"}, "gotta": {"got", "ta"},
}

func splitToken(t string) []string {
	if len(t) < 3 {
		return []string{t}
	}
	if p, ok := fused[strings.ToLower(t)]; ok {
		n := len(p[0])
		return []string{t[:n], t[n:]}
	}
	// a clitic: n't, 're, 've, 'll, 'd, 'm (straight or curly apostrophe)
	for _, cl := range []string{"n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"} {
		if len(t) > len(cl) && strings.HasSuffix(strings.ToLower(t), cl) {
			cut := len(t) - len(cl)
			return []string{t[:cut], t[cut:]}
		}
	}
	// a number with a percent sign
	if strings.HasSuffix(t, "%") && t[0] >= '0' && t[0] <= '9' {
		return []string{t[:len(t)-1], "%"}
	}
	return []string{t}
}

// TokenTree maps a parse over Words' words back to the tokens: each token
// takes the head and label of its head word (the word whose head lies
// outside the token). Heads are token indexes, -1 for the root.
func TokenTree(parsed []Word, tokenOf []int, ntokens int) (heads []int, deprels []string) {
	heads = make([]int, ntokens)
	deprels = make([]string, ntokens)
	for i := range heads {
		heads[i] = -2 // not yet seen
	}
	for i, w := range parsed {
		t := tokenOf[i]
		ht := -1
		if w.Head > 0 {
			ht = tokenOf[w.Head-1]
		}
		if ht == t {
			continue // inside the token
		}
		if heads[t] == -2 {
			heads[t], deprels[t] = ht, w.Deprel
		}
	}
	for i := range heads {
		if heads[i] == -2 {
			heads[i] = -1
			deprels[i] = "root"
		}
	}
	return heads, deprels
}

// TokenParse is a parse over an article's tokens: for each token, its
// head token (-1 for the root), label, lemma and UPOS (those of the
// token's head word).
type TokenParse struct {
	Heads   []int
	Deprels []string
	Lemmas  []string
	UPOS    []string
}

// ParseTokens splits tokens into words, parses them and maps the tree back
// onto the tokens.
func (m *Model) ParseTokens(tokens []string) TokenParse {
	return m.ParseTokenNames(tokens, nil)
}

// ParseTokenNames is ParseTokens with the tokens known to be names marked
// (see ParseNames).
func (m *Model) ParseTokenNames(tokens []string, names []bool) TokenParse {
	words, tokenOf := Words(tokens)
	var wnames []bool
	if names != nil {
		wnames = make([]bool, len(words))
		for i, t := range tokenOf {
			// the first word of a name token: "Iran" of "Iran's"
			wnames[i] = names[t] && (i == 0 || tokenOf[i-1] != t)
		}
	}
	parsed := m.ParseNames(words, wnames)
	var p TokenParse
	p.Heads, p.Deprels = TokenTree(parsed, tokenOf, len(tokens))
	p.Lemmas = make([]string, len(tokens))
	p.UPOS = make([]string, len(tokens))
	for i, w := range parsed {
		t := tokenOf[i]
		// the token's head word: the one whose head lies outside the token
		if p.Lemmas[t] == "" || w.Head == 0 || tokenOf[w.Head-1] != t {
			p.Lemmas[t], p.UPOS[t] = w.Lemma, w.UPOS
		}
	}
	return p
}

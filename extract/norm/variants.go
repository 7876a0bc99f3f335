package norm

import "strings"

// Fold folds one name key word over common romanisation variants: kh/h,
// gh/g, q/k, ph/f, w/v, y/i, ou/u, ee/i, dj/j, tch/ch, -off/-ov, and
// doubled letters, so that "pashinian" and "pashinyan", "zelenskiy" and
// "zelenskyy" fold alike.
func Fold(w string) string {
	if strings.HasSuffix(w, "off") {
		w = w[:len(w)-3] + "ov"
	}
	w = folder.Replace(w)
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

var folder = strings.NewReplacer("tch", "ch", "kh", "h", "gh", "g", "ph", "f", "ck", "k", "dj", "j", "ou", "u", "ee", "i", "q", "k", "w", "v", "y", "i")

// TypoBudget is how many edits a name of n letters may be off by and still
// be a misspelling of another: none for short ones (Li, Kim, Wang are
// different people), one from five letters, two from nine.
func TypoBudget(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// Distance is the Levenshtein distance of two keys, by bytes (keys are
// ASCII once folded). Written here, a dozen lines, rather than taken from a
// library: names are short and this is the only use.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, 1+prev[j], 1+cur[j-1])
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Misspelt reports whether two names of folded words are one name
// misspelt: the same number of words, each equal or, when both have five
// letters or more, within TypoBudget plus slack edits. Short words are
// names of their own: "Jong Un" and "Jong Il" are two people.
func Misspelt(a, b []string, slack int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		n := min(len(a[i]), len(b[i]))
		if n < 5 || Distance(a[i], b[i]) > TypoBudget(n)+slack {
			return false
		}
	}
	return true
}

package extract

import (
	"strings"

	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// Spelling variants and transliterations of listed people's names
// ("Pashinian" for Pashinyan, "Zelenskiy" for Zelenskyy, "Lloyd J. Austin
// III" for Lloyd Austin, a typo like "Pete Hagsth") resolve to the listed
// person. Two guards keep different people apart: the first names must
// agree (after folding) before an edit distance is allowed on the rest, and
// exactly one listed person may qualify. Generational suffixes (Jr., Sr.)
// are never dropped: they name a different person.

// foldWord folds one name key word over common romanisation variants: kh/h,
// gh/g, q/k, ph/f, w/v, y/i, ou/u, ee/i, dj/j, tch/ch, -off/-ov, and
// doubled letters.
func foldWord(w string) string {
	if strings.HasSuffix(w, "off") {
		w = w[:len(w)-3] + "ov"
	}
	r := strings.NewReplacer("tch", "ch", "kh", "h", "gh", "g", "ph", "f", "ck", "k", "dj", "j", "ou", "u", "ee", "i", "q", "k", "w", "v", "y", "i")
	w = r.Replace(w)
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// nameWords are a person name's key words without initials ("j"), roman
// generation numbers (III) and particles that come and go ("al").
func nameWords(key string) []string {
	f := strings.Fields(key)
	out := f[:0:0]
	for i, w := range f {
		if len(f) > 2 && i > 0 && (len(w) == 1 || w == "ii" || w == "iii" || w == "iv") {
			continue
		}
		out = append(out, w)
	}
	return out
}

// personKey is a listed person's name as variant matching reads it.
type personKey struct {
	entry  *gazetteer.Entry
	folded []string // folded name words of the name or of one alias
}

// personKeys indexes the listed people's names and full-name aliases.
func personKeys(g *gazetteer.Gazetteer) []personKey {
	var out []personKey
	for _, e := range g.Entries() {
		if e.Type != graph.Person {
			continue
		}
		for _, s := range append([]string{e.Name}, e.Aliases...) {
			ws := nameWords(norm.Key(s))
			if len(ws) < 2 {
				continue
			}
			for i := range ws {
				ws[i] = foldWord(ws[i])
			}
			out = append(out, personKey{e, ws})
		}
	}
	return out
}

// variantPerson returns the one listed person a full name is a variant of,
// or nil.
func (x *Extractor) variantPerson(name string) *gazetteer.Entry {
	ws := nameWords(norm.Key(name))
	if len(ws) < 2 {
		return nil
	}
	for i := range ws {
		ws[i] = foldWord(ws[i])
	}
	first, rest := ws[0], strings.Join(ws[1:], " ")
	var found *gazetteer.Entry
	for _, p := range x.people {
		if p.folded[0] != first || len(p.folded) != len(ws) {
			continue
		}
		r := strings.Join(p.folded[1:], " ")
		if r != rest && editDistance(r, rest) > typoBudget(len(r)) {
			continue
		}
		if found != nil && found != p.entry {
			return nil // two listed people qualify: leave it
		}
		found = p.entry
	}
	return found
}

// typoBudget is how many edits a surname of n letters may be off by: none
// for short ones (Li, Kim, Wang are different people), one from five
// letters, two from nine.
func typoBudget(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// editDistance is the Levenshtein distance of two short ASCII keys. Written
// here (a dozen lines) rather than taken from a library: names are short and
// this is the only use.
func editDistance(a, b string) int {
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
				c = 1 + min(prev[j-1], prev[j], cur[j-1])
			} else {
				c = min(c, 1+prev[j], 1+cur[j-1])
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

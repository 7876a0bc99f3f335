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
				ws[i] = norm.Fold(ws[i])
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
		ws[i] = norm.Fold(ws[i])
	}
	var found *gazetteer.Entry
	for _, p := range x.people {
		if p.folded[0] != ws[0] || !norm.Misspelt(p.folded, ws, 0) {
			continue
		}
		if found != nil && found != p.entry {
			return nil // two listed people qualify: leave it
		}
		found = p.entry
	}
	return found
}

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
	return x.variantPersonSlack(name, 0, nil)
}

// titledVariant returns the one listed person a titled name is a variant
// of, allowing one edit more than variantPerson where the title before the
// name is one the person holds at the article's date ("Defense Secretary
// Pete Hagsth" is Pete Hegseth; "Pete Hagsth" alone is nobody listed).
func (x *Extractor) titledVariant(name, title, date string) *gazetteer.Entry {
	tw := officeWords(title)
	if len(tw) == 0 {
		return nil
	}
	return x.variantPersonSlack(name, 1, func(e *gazetteer.Entry) bool {
		for _, r := range e.RolesAt(date) {
			if coversWords(officeWords(r), tw) {
				return true
			}
		}
		return false
	})
}

// officeWords are a title's words that say what the office is, spelling
// variants folded ("Defence Secretary" -> defense, secretary).
func officeWords(t string) []string {
	var out []string
	for _, w := range strings.Fields(norm.Key(t)) {
		switch w {
		case "of", "the", "for", "and", "us", "u", "s":
			continue
		case "defence":
			w = "defense"
		}
		out = append(out, w)
	}
	return out
}

// coversWords: every word of b is in a.
func coversWords(a, b []string) bool {
	for _, w := range b {
		found := false
		for _, v := range a {
			if v == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (x *Extractor) variantPersonSlack(name string, slack int, ok func(*gazetteer.Entry) bool) *gazetteer.Entry {
	ws := nameWords(norm.Key(name))
	if len(ws) < 2 {
		return nil
	}
	for i := range ws {
		ws[i] = norm.Fold(ws[i])
	}
	var found *gazetteer.Entry
	for _, p := range x.people {
		if p.folded[0] != ws[0] || !norm.Misspelt(p.folded, ws, slack) || ok != nil && !ok(p.entry) {
			continue
		}
		if found != nil && found != p.entry {
			return nil // two listed people qualify: leave it
		}
		found = p.entry
	}
	return found
}

// A weapons designation with a variant suffix ("F-35A", "F-35C", "Su-30MK2",
// "Iskander-M") is its own weapon, even where the list files it as an alias
// of its family entry for recognition (F-35): two variants are two things,
// and the graph must not make them one node. The variant keeps the family's
// attributes (category, maker) but not its id or QID. Only the text can say
// that a variant is the family ("the F-35 (F-35A)"): then it is the family.

// variantOf reports whether the key s is the key f with a variant suffix:
// the last word of f holding a digit extended by letters ("f 35" ->
// "f 35a", "su 30" -> "su 30mk2", words after it allowed: "f 15e strike
// eagle"), or f followed by one letter ("iskander" -> "iskander m").
func variantOf(s, f string) bool {
	sw, fw := strings.Fields(s), strings.Fields(f)
	last := -1
	for i, w := range fw {
		if strings.ContainsAny(w, "0123456789") {
			last = i
		}
	}
	if last >= 0 {
		fw = fw[:last+1]
		if len(sw) < len(fw) {
			return false
		}
		for i := 0; i < last; i++ {
			if sw[i] != fw[i] {
				return false
			}
		}
		w, p := sw[last], fw[last]
		if len(w) <= len(p) || !strings.HasPrefix(w, p) || !endsInDigit(p) {
			return false
		}
		c := w[len(p)]
		return c >= 'a' && c <= 'z'
	}
	if len(sw) != len(fw)+1 || len(sw[len(fw)]) != 1 {
		return false
	}
	c := sw[len(fw)][0]
	return c >= 'a' && c <= 'z' && strings.Join(sw[:len(fw)], " ") == f
}

func endsInDigit(w string) bool { return w != "" && w[len(w)-1] >= '0' && w[len(w)-1] <= '9' }

// weaponVariant returns the listed spelling of the variant a weapon
// mention's key names within its family entry e, or "" when the mention
// names the family itself (or something no more specific than the entry's
// name: "Tu-22M" for the Tu-22M3 entry).
func weaponVariant(e *gazetteer.Entry, key string) string {
	if e == nil || e.Type != graph.Weapon {
		return ""
	}
	name := norm.Key(e.Name)
	if strings.HasPrefix(name, key) {
		return ""
	}
	forms := append([]string{e.Name}, e.Aliases...)
	found := false
	for _, f := range forms {
		if fk := norm.Key(f); fk != key && variantOf(key, fk) {
			found = true
			break
		}
	}
	if !found {
		return ""
	}
	for _, f := range e.Aliases {
		if norm.Key(f) == key {
			return f
		}
	}
	return ""
}

// variantEntity returns the entity of a weapon variant m names, or nil when
// m names its family: the variant is not listed on its own, the text does
// not say it is the family ("the F-35 (F-35A)").
func (st *state) variantEntity(s *sentence, m *mention) *entity {
	v := weaponVariant(m.entry, norm.Key(m.text))
	if v == "" || st.equated(norm.Key(v)) {
		return nil
	}
	e := st.entityFor(graph.Weapon, v, nil)
	if e.entry == nil {
		e.entry, e.variant = m.entry, true
	}
	return e
}

// equated reports whether the article says the variant of key is its
// family: the variant in parentheses right after its family, or the family
// in parentheses after it ("the F-35 (F-35A)"). Variants are rare, so the
// scan runs only for them.
func (st *state) equated(key string) bool {
	for si, ms := range st.mentions {
		s := st.sents[si]
		for i := 0; i+1 < len(ms); i++ {
			a, b := ms[i], ms[i+1]
			if a.entry == nil || a.entry != b.entry || a.typ != graph.Weapon || b.start != a.end+1 || s.lowerAt(a.end) != "(" {
				continue
			}
			for _, m := range []*mention{a, b} {
				if v := weaponVariant(m.entry, norm.Key(m.text)); v != "" && norm.Key(v) == key {
					return true
				}
			}
		}
	}
	return false
}

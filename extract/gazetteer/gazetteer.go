// Package gazetteer loads the lists of known entities (the embedded seeds and
// users' own files given with --gazetteer) and looks surface forms up in them.
//
// A list is a UTF-8 TSV file; see seeds/gazetteer/README.md for the format.
// Every surface form (canonical name, alias, demonym, capital metonym) is
// indexed by its norm.Key, so "U.S.", "US" and "the U.S." find one entry.
// Deciding whether a form found in a text really names the entry (is "us" the
// pronoun, is "Washington" the city or the government) is the extractor's
// job; Form carries what it needs for that: the kind of form, its surface
// spelling and whether the list marks it ambiguous.
package gazetteer

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/seeds"
)

// Entry is one known entity.
type Entry struct {
	Type     graph.EntityType
	Name     string // canonical name
	Aliases  []string
	Wikidata string              // QID, or ""
	Attrs    map[string][]string // key -> values; see the format's README
	Roles    []Role              // Person: the roles attribute with its dates
	Source   string              // file:line it was read from
}

// Attr returns the first value of an attribute, or "".
func (e *Entry) Attr(key string) string {
	if v := e.Attrs[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of an attribute.
func (e *Entry) Values(key string) []string { return e.Attrs[key] }

// Ambiguous reports whether the list marks a surface form of e as ambiguous
// (ambiguous=1 marks every form; ambiguous=A|B marks the forms A and B).
// An extractor should accept an ambiguous form only with supporting context.
func (e *Entry) Ambiguous(surface string) bool {
	k := norm.Key(surface)
	for _, v := range e.Attrs["ambiguous"] {
		if v == "1" || norm.Key(v) == k {
			return true
		}
	}
	return false
}

// FormKind says what a surface form is to its entry.
type FormKind int

const (
	Name    FormKind = iota // the canonical name
	Alias                   // another name, abbreviation or spelling
	Demonym                 // "Iranian", "Iranians" for Iran
	Capital                 // a capital or seat of government standing for its state
)

func (k FormKind) String() string {
	switch k {
	case Name:
		return "name"
	case Alias:
		return "alias"
	case Demonym:
		return "demonym"
	case Capital:
		return "capital"
	}
	return fmt.Sprintf("FormKind(%d)", int(k))
}

// Form is one way of naming an entry in text.
type Form struct {
	Entry     *Entry
	Kind      FormKind
	Surface   string // as written in the list: "US", "Zelenskyy"; its case can tell "US" from "us"
	Ambiguous bool   // marked ambiguous in the list: needs context
}

// Gazetteer indexes entries by the keys of their surface forms.
type Gazetteer struct {
	entries  []*Entry
	forms    map[string][]Form
	byISO    map[string]*Entry
	byName   map[nameKey]*Entry
	maxWords int
	shared   bool // the cached Default: read-only
}

type nameKey struct {
	t   graph.EntityType
	key string
}

// Load reads every *.tsv file at the root of fsys, in name order. Two entries
// of one type with the same canonical name are an error.
func Load(fsys fs.FS) (*Gazetteer, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []*Entry
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		entries, err := parse(f, path.Base(name))
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, entries...)
	}
	g := &Gazetteer{}
	if err := g.add(all, false); err != nil {
		return nil, err
	}
	return g, nil
}

// AddFile adds a user's list, in the same format. An entry whose type and
// canonical name are already known extends that entry (more aliases and
// attributes) instead of duplicating it, so that users can add spellings of
// the seeds' entities. On error g is left unchanged.
func (g *Gazetteer) AddFile(file string) error {
	if g.shared {
		return fmt.Errorf("gazetteer: the Default gazetteer is shared and read-only; use New to add files")
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := parse(f, filepath.Base(file))
	if err != nil {
		return err
	}
	return g.add(entries, true)
}

// New returns a fresh gazetteer of the embedded seeds plus the given files.
func New(files ...string) (*Gazetteer, error) {
	g, err := Load(seeds.Gazetteers())
	if err != nil {
		return nil, fmt.Errorf("embedded seeds: %w", err)
	}
	for _, f := range files {
		if err := g.AddFile(f); err != nil {
			return nil, err
		}
	}
	return g, nil
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
	defaultErr  error
)

// Default returns the embedded seeds, parsed once and shared: it must not be
// modified (AddFile on it fails).
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultG, defaultErr = New()
		if defaultG != nil {
			defaultG.shared = true
		}
	})
	return defaultG, defaultErr
}

// Lookup returns every form whose key is key (a norm.Key), in list order.
func (g *Gazetteer) Lookup(key string) []Form { return g.forms[key] }

// LookupText is Lookup(norm.Key(s)).
func (g *Gazetteer) LookupText(s string) []Form { return g.forms[norm.Key(s)] }

// MaxWords is the number of words of the longest form's key, the longest
// n-gram worth looking up.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

// ByISO returns the State with that ISO 3166-1 alpha-3 code, or nil.
func (g *Gazetteer) ByISO(iso string) *Entry { return g.byISO[strings.ToUpper(iso)] }

// ByName returns the entry of type t whose canonical name has the key of
// name, or nil.
func (g *Gazetteer) ByName(t graph.EntityType, name string) *Entry {
	return g.byName[nameKey{t, norm.Key(name)}]
}

// Entries returns every entry in list order.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

// add merges entries into g (extending entries of the same type and name
// when merge is set), rebuilds the index and checks the whole; on error g is
// unchanged.
func (g *Gazetteer) add(entries []*Entry, merge bool) error {
	all := make([]*Entry, len(g.entries), len(g.entries)+len(entries))
	for i, e := range g.entries {
		c := *e // copy, so that a failed merge leaves g unchanged
		all[i] = &c
	}
	byName := map[nameKey]*Entry{}
	for _, e := range all {
		byName[nameKey{e.Type, norm.Key(e.Name)}] = e
	}
	fresh := map[nameKey]bool{}
	for _, e := range entries {
		k := nameKey{e.Type, norm.Key(e.Name)}
		if k.key == "" {
			return fmt.Errorf("%s: name %q has no letters or digits", e.Source, e.Name)
		}
		old, exists := byName[k]
		switch {
		case exists && (fresh[k] || !merge):
			return fmt.Errorf("%s: %s %q is already defined at %s", e.Source, e.Type, e.Name, old.Source)
		case exists:
			if err := extend(old, e); err != nil {
				return err
			}
		default:
			all = append(all, e)
			byName[k] = e
		}
		fresh[k] = true
	}
	idx, err := index(all)
	if err != nil {
		return err
	}
	idx.shared = g.shared
	*g = *idx
	return nil
}

// extend adds a user's entry to a known one of the same type and name.
func extend(old, e *Entry) error {
	if e.Wikidata != "" && old.Wikidata != "" && e.Wikidata != old.Wikidata {
		return fmt.Errorf("%s: wikidata %s of %q differs from %s at %s", e.Source, e.Wikidata, e.Name, old.Wikidata, old.Source)
	}
	if old.Wikidata == "" {
		old.Wikidata = e.Wikidata
	}
	old.Aliases = append(append([]string(nil), old.Aliases...), e.Aliases...)
	old.Roles = append(append([]Role(nil), old.Roles...), e.Roles...)
	attrs := make(map[string][]string, len(old.Attrs)+len(e.Attrs))
	for k, v := range old.Attrs {
		attrs[k] = v
	}
	for k, v := range e.Attrs {
		if singleValued[k] && len(attrs[k]) > 0 {
			if attrs[k][0] != v[0] {
				return fmt.Errorf("%s: %s=%s of %q differs from %s at %s", e.Source, k, v[0], e.Name, attrs[k][0], old.Source)
			}
			continue
		}
		merged := append([]string(nil), attrs[k]...)
		for _, x := range v {
			if k != "roles" || !containsFold(merged, x) { // roles: titles, each once
				merged = append(merged, x)
			}
		}
		attrs[k] = merged
	}
	old.Attrs = attrs
	old.Source += ", " + e.Source
	return nil
}

// index builds the lookup tables of entries and checks their consistency.
func index(entries []*Entry) (*Gazetteer, error) {
	g := &Gazetteer{
		entries: entries,
		forms:   make(map[string][]Form, len(entries)*4),
		byISO:   map[string]*Entry{},
		byName:  make(map[nameKey]*Entry, len(entries)),
	}
	qids := map[string]*Entry{}
	for _, e := range entries {
		g.byName[nameKey{e.Type, norm.Key(e.Name)}] = e
		if e.Wikidata != "" {
			if other, dup := qids[e.Wikidata]; dup {
				return nil, fmt.Errorf("%s: wikidata %s of %q is also that of %q at %s", e.Source, e.Wikidata, e.Name, other.Name, other.Source)
			}
			qids[e.Wikidata] = e
		}
		if e.Type == graph.State {
			// Checked here rather than per line, so that a user's file can
			// extend a seed state without repeating them.
			if e.Attr("iso") == "" {
				return nil, fmt.Errorf("%s: state %q has no iso attribute", e.Source, e.Name)
			}
			if len(e.Attrs["demonyms"]) == 0 {
				return nil, fmt.Errorf("%s: state %q has no demonyms attribute", e.Source, e.Name)
			}
			iso := e.Attr("iso")
			if other, dup := g.byISO[iso]; dup {
				return nil, fmt.Errorf("%s: iso %s of %q is also that of %q at %s", e.Source, iso, e.Name, other.Name, other.Source)
			}
			g.byISO[iso] = e
		}
		g.addForms(e)
	}
	for _, e := range entries {
		if err := g.checkRefs(e); err != nil {
			return nil, err
		}
	}
	if err := g.checkConflicts(); err != nil {
		return nil, err
	}
	return g, nil
}

func (g *Gazetteer) addForms(e *Entry) {
	all := false
	var ambiguous []string
	for _, v := range e.Attrs["ambiguous"] {
		all = all || v == "1"
		ambiguous = append(ambiguous, norm.Key(v))
	}
	var seen []string // an entry has few forms: a slice beats a map
	put := func(surface string, kind FormKind) {
		k := norm.Key(surface)
		if k == "" || slices.Contains(seen, k) { // one form per key and entry: the first, most specific kind
			return
		}
		seen = append(seen, k)
		amb := all || slices.Contains(ambiguous, k)
		g.forms[k] = append(g.forms[k], Form{Entry: e, Kind: kind, Surface: surface, Ambiguous: amb})
		if n := strings.Count(k, " ") + 1; n > g.maxWords {
			g.maxWords = n
		}
	}
	put(e.Name, Name)
	for _, a := range e.Aliases {
		put(a, Alias)
	}
	// "David Sling" for David's Sling: news drops the possessive of a
	// multi-word name as often as it keeps it.
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		if v := dropPossessive(s); v != s && strings.Contains(v, " ") {
			put(v, Alias)
		}
	}
	for _, d := range e.Attrs["demonyms"] {
		put(d, Demonym)
	}
	for _, c := range e.Attrs["capitals"] {
		put(c, Capital)
	}
}

// dropPossessive removes the possessive 's inside a name.
func dropPossessive(s string) string {
	return strings.NewReplacer("'s ", " ", "’s ", " ").Replace(s)
}

// Keys calls fn with the key of every listed form.
func (g *Gazetteer) Keys(fn func(key string)) {
	for k := range g.forms {
		fn(k)
	}
}

// checkRefs makes sure that in=, maker= and of= name known entries and that
// ambiguous= lists only the entry's own forms.
func (g *Gazetteer) checkRefs(e *Entry) error {
	for _, key := range []string{"in", "maker"} {
		for _, iso := range e.Attrs[key] {
			if g.byISO[iso] == nil {
				return fmt.Errorf("%s: %s=%s: no State has iso %s", e.Source, key, iso, iso)
			}
		}
	}
	for _, of := range e.Attrs["of"] {
		if iso3Pattern.MatchString(of) && g.byISO[of] != nil {
			continue
		}
		if !g.hasForm(norm.Key(of), graph.Organization) {
			return fmt.Errorf("%s: of=%s: neither a State's iso nor an Organization's name", e.Source, of)
		}
	}
	for _, v := range e.Attrs["ambiguous"] {
		if v == "1" {
			continue
		}
		if !g.formOf(norm.Key(v), e) {
			return fmt.Errorf("%s: ambiguous=%s is not a form of %q", e.Source, v, e.Name)
		}
	}
	return nil
}

func (g *Gazetteer) hasForm(key string, t graph.EntityType) bool {
	for _, f := range g.forms[key] {
		if f.Entry.Type == t {
			return true
		}
	}
	return false
}

func (g *Gazetteer) formOf(key string, e *Entry) bool {
	for _, f := range g.forms[key] {
		if f.Entry == e {
			return true
		}
	}
	return false
}

// checkConflicts rejects a surface form naming two entries of one type unless
// the lists mark it ambiguous for both: otherwise an extractor would pick one
// silently and merge two real-world things.
func (g *Gazetteer) checkConflicts() error {
	var err error
	first := "" // report the conflict of the smallest key, so that errors are stable
	for k, forms := range g.forms {
		if len(forms) < 2 || (err != nil && k > first) {
			continue
		}
		for i := range forms {
			for j := i + 1; j < len(forms); j++ {
				a, b := forms[i], forms[j]
				if a.Entry.Type != b.Entry.Type || (a.Ambiguous && b.Ambiguous) {
					continue
				}
				if err == nil || k < first {
					first = k
					err = fmt.Errorf("%s: %q names both %s %q and %q (%s); mark it ambiguous in both or remove it",
						b.Entry.Source, b.Surface, b.Entry.Type, b.Entry.Name, a.Entry.Name, a.Entry.Source)
				}
			}
		}
	}
	return err
}

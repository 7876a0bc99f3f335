package storetest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/kg/graph"
)

// Run runs the conformance suite against the stores open returns. Every call
// of open must return an empty store. Run uses one store at a time: after
// calling open again it never touches the stores it opened before, so a
// backend with a single database may wipe and reuse it on every call. Run
// closes each store when its subtest ends (cleanups that open registers run
// after that).
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	s := suite{open: func(t *testing.T) graph.Store {
		st := open(t)
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		if initial, err := st.Stats(t.Context()); err != nil || initial.Articles != 0 {
			t.Fatalf("open returned a store that is not empty: %+v, %v", initial, err)
		}
		return st
	}}
	t.Run("RoundTrip", s.roundTrip)
	t.Run("Stats", s.stats)
	t.Run("Lookup", s.lookup)
	t.Run("SameDocumentTwiceIsNoOp", s.sameDocumentTwice)
	t.Run("SameHashIsSkipped", s.sameHashSkipped)
	t.Run("EmptyHashAlwaysReplaces", s.emptyHashReplaces)
	t.Run("ChangedArticleReplacesOnlyItsFacts", s.replace)
	t.Run("Forget", s.forget)
	t.Run("SymmetricRelationsAreOneEdge", s.symmetric)
	t.Run("GazetteerAndTextEvidence", s.origins)
	t.Run("InvalidDocumentWritesNothing", s.invalid)
	t.Run("AwkwardStringsStoredExactly", s.awkwardStrings)
	t.Run("HostileStringsStoredExactly", s.hostileStrings)
	t.Run("BatchWrite", s.batch)
	t.Run("AggregationIsOrderIndependent", s.aggregation)
	t.Run("ImportOrderDoesNotMatter", s.importOrder)
	t.Run("CorpusMatchesModel", s.corpus)
	t.Run("Meta", s.meta)
	t.Run("DatedRolesKept", s.datedRoles)
}

// meta: values put are read back exactly, a second put replaces the first,
// an unknown key is not found, and meta values are not part of the graph.
func (s suite) meta(t *testing.T) {
	st := s.open(t)
	ctx := t.Context()
	if _, ok, err := st.GetMeta(ctx, "http:https://example.org/feed"); err != nil || ok {
		t.Fatalf("GetMeta of a key never put: ok %v, err %v", ok, err)
	}
	awkward := `{"etag":"\"abc\"","last_modified":"Tue, 01 Dec 2026 10:00:00 GMT"} 'quotes' ünïcode`
	for _, v := range []string{"first", awkward} {
		if err := st.PutMeta(ctx, "http:https://example.org/feed", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := st.GetMeta(ctx, "http:https://example.org/feed")
		if err != nil || !ok || got != v {
			t.Errorf("GetMeta = %q, %v, %v; want %q", got, ok, err, v)
		}
	}
	if err := st.PutMeta(ctx, "other", ""); err != nil {
		t.Fatal(err)
	}
	if got, ok, _ := st.GetMeta(ctx, "other"); !ok || got != "" {
		t.Errorf("empty value: %q, %v", got, ok)
	}
	if got := stats(t, st); got.Articles != 0 || len(got.Entities) != 0 {
		t.Errorf("meta values show in Stats: %+v", got)
	}
}

type suite struct {
	open func(t *testing.T) graph.Store
}

func write(t *testing.T, s graph.Store, docs ...graph.Document) graph.WriteResult {
	t.Helper()
	res, err := s.Write(t.Context(), docs)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return res
}

func wantResult(t *testing.T, got, want graph.WriteResult) {
	t.Helper()
	if got != want {
		t.Errorf("WriteResult = %+v, want %+v", got, want)
	}
}

// model returns the reference model holding docs, written in order.
func model(t *testing.T, docs ...graph.Document) *Model {
	t.Helper()
	m := NewModel()
	write(t, m, docs...)
	return m
}

func stats(t *testing.T, s graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return normalizeStats(st)
}

// lookupOne looks name up and fails unless exactly one entity matches.
func lookupOne(t *testing.T, s graph.Store, name string) graph.EntityDetail {
	t.Helper()
	ds := lookup(t, s, name)
	if len(ds) != 1 {
		t.Fatalf("Lookup(%q) found %d entities, want 1: %+v", name, len(ds), ds)
	}
	return ds[0]
}

func edge(t *testing.T, d graph.EntityDetail, k graph.RelationKey) graph.RelationDetail {
	t.Helper()
	for _, r := range d.Relations {
		if r.Key == k {
			return r
		}
	}
	t.Fatalf("%s: no edge %v among %d", d.Entity.Name, k, len(d.Relations))
	return graph.RelationDetail{}
}

func articleIDs(as []graph.Article) []string {
	var ids []string
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}

func evidenceOf(r graph.RelationDetail) []string {
	var out []string
	for _, e := range r.Evidence {
		out = append(out, e.ArticleID+": "+e.Sentence)
	}
	return out
}

func key(src graph.Entity, t graph.RelationType, tgt graph.Entity) graph.RelationKey {
	return graph.RelationKey{Source: src.ID, Type: t, Target: tgt.ID}
}

func stringsEqual(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func (s suite) roundTrip(t *testing.T) {
	st := s.open(t)
	empty := graph.Document{Article: graph.Article{ID: "empty", Title: "Nothing to see", Source: "-", Hash: Hash("")}}
	wantResult(t, write(t, st, missilesDoc(), muscatDoc(), empty), graph.WriteResult{Written: 3})

	got := Documents(t, st)
	want := []graph.Document{Normalize(empty), Normalize(missilesDoc()), Normalize(muscatDoc())}
	if len(got) != len(want) {
		t.Fatalf("Documents returned %d documents, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("document %q:\n%s", want[i].Article.ID, Diff(want[i], got[i]))
		}
	}
	// Symmetric relations come back canonical, whatever direction was written.
	for _, r := range got[2].Relations {
		if r.Type == graph.NegotiatesWith && r.Source > r.Target {
			t.Errorf("symmetric relation not canonical: %s -> %s", r.Source, r.Target)
		}
	}
	Equal(t, st, model(t, missilesDoc(), muscatDoc(), empty))
}

func (s suite) stats(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc())
	write(t, st, missilesDoc())
	want := graph.Stats{Articles: 2, Mentions: 6 + 4,
		Entities: map[graph.EntityType]int{graph.State: 3, graph.Person: 2, graph.Place: 1, graph.Organization: 1, graph.Weapon: 1},
		Relations: map[graph.RelationType]int{graph.NegotiatesWith: 2, graph.Mediates: 2, graph.AffiliatedWith: 2,
			graph.LocatedIn: 1, graph.Deploys: 1, graph.Possesses: 1, graph.Threatens: 1}}
	if got := stats(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n%s", Diff(want, got))
	}
}

func (s suite) lookup(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc(), missilesDoc())

	// By alias, in another case.
	a := lookupOne(t, st, "ARAQCHI")
	if a.Entity.ID != araghchi.ID || a.Entity.Name != "Abbas Araghchi" || a.Entity.Type != graph.Person || a.Entity.Mentions != 3 {
		t.Errorf("Lookup(ARAQCHI).Entity = %+v", a.Entity)
	}
	stringsEqual(t, "aliases", a.Entity.Aliases, []string{"Araghchi", "Araqchi"})
	stringsEqual(t, "articles", articleIDs(a.Articles), []string{"muscat"})
	if len(a.Relations) != 2 {
		t.Errorf("Araghchi has %d edges, want 2 (talks, affiliation)", len(a.Relations))
	}
	talks := edge(t, a, key(araghchi, graph.NegotiatesWith, witkoff))
	if talks.SourceName != "Abbas Araghchi" || talks.TargetName != "Steve Witkoff" || talks.CAMEO != "046" || talks.Confidence != 0.9 {
		t.Errorf("talks edge = %+v", talks)
	}
	aff := edge(t, a, key(araghchi, graph.AffiliatedWith, iran))
	if len(aff.Evidence) != 1 || aff.Evidence[0].Properties["role"] != "Foreign Minister" || aff.Evidence[0].Rule != "demonym-title" ||
		aff.Evidence[0].Origin != graph.OriginText || aff.Evidence[0].ArticleID != "muscat" {
		t.Errorf("affiliation evidence = %+v", aff.Evidence)
	}

	// By name, lower case: an entity of two articles.
	i := lookupOne(t, st, "iran")
	stringsEqual(t, "Iran's articles", articleIDs(i.Articles), []string{"missiles", "muscat"})
	stringsEqual(t, "Iran's aliases", i.Entity.Aliases, []string{"Iran", "Iranian", "Islamic Republic", "Tehran"})
	if i.Entity.Mentions != 6 || i.Entity.Wikidata != "Q794" || i.Entity.ISO != "IRN" {
		t.Errorf("Iran = %+v, want 6 mentions, Q794, IRN", i.Entity)
	}
	us := edge(t, i, key(iran, graph.NegotiatesWith, unitedStates))
	stringsEqual(t, "Iran-US talks evidence", evidenceOf(us), []string{
		"missiles: Talks between Iran and the U.S. resumed.", "muscat: Iran says it wants the talks in Muscat."})
	if us.Confidence != 0.95 {
		t.Errorf("Iran-US talks confidence = %v, want the highest evidence, 0.95", us.Confidence)
	}
	if lookupOne(t, st, "washington").Entity.ID != unitedStates.ID {
		t.Error("Lookup(washington) is not the United States")
	}
	for _, name := range []string{"nobody", "", "Ira", "%ran%"} {
		if ds := lookup(t, st, name); len(ds) != 0 {
			t.Errorf("Lookup(%q) found %d entities, want none", name, len(ds))
		}
	}
	Equal(t, st, model(t, muscatDoc(), missilesDoc()))
}

func (s suite) sameDocumentTwice(t *testing.T) {
	st := s.open(t)
	wantResult(t, write(t, st, muscatDoc(), missilesDoc()), graph.WriteResult{Written: 2})
	before, beforeStats := Documents(t, st), stats(t, st)
	wantResult(t, write(t, st, muscatDoc()), graph.WriteResult{Skipped: 1})
	if after := Documents(t, st); !reflect.DeepEqual(after, before) {
		t.Errorf("Documents changed by a repeated write:\n%s", Diff(before, after))
	}
	if after := stats(t, st); !reflect.DeepEqual(after, beforeStats) {
		t.Errorf("Stats changed by a repeated write:\n%s", Diff(beforeStats, after))
	}
	Equal(t, st, model(t, muscatDoc(), missilesDoc()))
}

func (s suite) sameHashSkipped(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc())
	reextracted := muscatDoc()
	reextracted.Relations = reextracted.Relations[:1]
	wantResult(t, write(t, st, reextracted), graph.WriteResult{Skipped: 1})
	Equal(t, st, model(t, muscatDoc()))
}

func (s suite) emptyHashReplaces(t *testing.T) {
	st := s.open(t)
	v1 := muscatDoc()
	v1.Article.Hash = ""
	v2 := v1
	v2.Relations = v1.Relations[:2]
	wantResult(t, write(t, st, v1), graph.WriteResult{Written: 1})
	wantResult(t, write(t, st, v2), graph.WriteResult{Written: 1, Replaced: 1})
	Equal(t, st, model(t, v2))
	wantResult(t, write(t, st, v2), graph.WriteResult{Written: 1, Replaced: 1})
	Equal(t, st, model(t, v2))
}

// muscatV2 is muscatDoc after an edit: the talks, Oman and Muscat are gone,
// Araghchi is described differently and a new weapon appears.
func muscatV2() graph.Document {
	d := muscatDoc()
	d.Article.Hash = Hash("muscat v2")
	d.Article.Title = "What Happened in Muscat? (updated)"
	a := araghchi
	a.Aliases, a.Mentions, a.Wikidata = []string{"Dr. Araghchi"}, 1, "Q4664466"
	d.Entities = []graph.Entity{iran, unitedStates, a, witkoff, khorramshahr}
	d.Relations = []graph.Relation{
		rel(iran, graph.Deploys, khorramshahr, 0.4, "Iran moved Khorramshahr-4 launchers."),
		rel(araghchi, graph.AffiliatedWith, iran, 0.6, "Araghchi, Iran's top diplomat."),
	}
	return d
}

func (s suite) replace(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc(), talksDoc())
	wantResult(t, write(t, st, muscatV2()), graph.WriteResult{Written: 1, Replaced: 1})

	// The talks survive on the strength of talks2 alone.
	a := lookupOne(t, st, "Abbas Araghchi")
	talks := edge(t, a, key(araghchi, graph.NegotiatesWith, witkoff))
	stringsEqual(t, "talks evidence", evidenceOf(talks), []string{"talks2: A second round of talks between Araghchi and Witkoff."})
	if talks.Confidence != 0.85 {
		t.Errorf("talks confidence = %v, want 0.85 (muscat's 0.9 is gone)", talks.Confidence)
	}
	stringsEqual(t, "Araghchi's aliases", a.Entity.Aliases, []string{"Abbas Araqchi", "Araghchi", "Dr. Araghchi"})
	stringsEqual(t, "Araghchi's roles", a.Entity.Roles, []string{"Foreign Minister", "negotiator"})
	if a.Entity.Mentions != 1+5 || a.Entity.Wikidata != "Q4664466" {
		t.Errorf("Araghchi = %+v, want 6 mentions and muscat's new Wikidata id", a.Entity)
	}
	aff := edge(t, a, key(araghchi, graph.AffiliatedWith, iran))
	stringsEqual(t, "affiliation evidence", evidenceOf(aff), []string{"muscat: Araghchi, Iran's top diplomat."})
	if aff.Evidence[0].Properties != nil || aff.Evidence[0].Rule != "" {
		t.Errorf("old evidence properties survived: %+v", aff.Evidence[0])
	}

	// What only the old version supported is gone.
	for _, name := range []string{"Oman", "Muscat"} {
		if ds := lookup(t, st, name); len(ds) != 0 {
			t.Errorf("Lookup(%q) = %+v after the only article naming it changed", name, ds)
		}
	}
	i := lookupOne(t, st, "Iran")
	for _, r := range i.Relations {
		if r.Key.Type == graph.Mediates || r.Key.Type == graph.NegotiatesWith {
			t.Errorf("edge %v survived its only article's replacement", r.Key)
		}
	}
	want := graph.Stats{Articles: 2, Mentions: 5 + 2,
		Entities:  map[graph.EntityType]int{graph.State: 2, graph.Person: 2, graph.Weapon: 1},
		Relations: map[graph.RelationType]int{graph.NegotiatesWith: 1, graph.Deploys: 1, graph.AffiliatedWith: 1}}
	if got := stats(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n%s", Diff(want, got))
	}
	Equal(t, st, model(t, muscatV2(), talksDoc()))
}

func (s suite) forget(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc(), talksDoc())
	for _, c := range []struct {
		id   string
		want bool
	}{{"muscat", true}, {"muscat", false}, {"never-written", false}} {
		got, err := st.Forget(t.Context(), c.id)
		if err != nil || got != c.want {
			t.Errorf("Forget(%q) = %v, %v, want %v", c.id, got, err, c.want)
		}
	}
	a := lookupOne(t, st, "araghchi")
	stringsEqual(t, "Araghchi's articles", articleIDs(a.Articles), []string{"talks2"})
	stringsEqual(t, "Araghchi's aliases", a.Entity.Aliases, []string{"Abbas Araqchi", "Araghchi"})
	if a.Entity.Mentions != 5 || len(a.Relations) != 1 {
		t.Errorf("Araghchi after Forget = %+v with %d edges, want 5 mentions and only the talks", a.Entity, len(a.Relations))
	}
	stringsEqual(t, "talks evidence", evidenceOf(edge(t, a, key(araghchi, graph.NegotiatesWith, witkoff))),
		[]string{"talks2: A second round of talks between Araghchi and Witkoff."})
	for _, name := range []string{"Iran", "Oman", "Muscat", "United States"} {
		if ds := lookup(t, st, name); len(ds) != 0 {
			t.Errorf("Lookup(%q) still finds %d entities after Forget", name, len(ds))
		}
	}
	want := graph.Stats{Articles: 1, Mentions: 2, Entities: map[graph.EntityType]int{graph.Person: 2},
		Relations: map[graph.RelationType]int{graph.NegotiatesWith: 1}}
	if got := stats(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n%s", Diff(want, got))
	}
	Equal(t, st, model(t, talksDoc()))

	if ok, err := st.Forget(t.Context(), "talks2"); !ok || err != nil {
		t.Fatalf("Forget(talks2) = %v, %v", ok, err)
	}
	if got := stats(t, st); !reflect.DeepEqual(got, normalizeStats(graph.Stats{})) {
		t.Errorf("store not empty after forgetting everything: %+v", got)
	}
	if docs := Documents(t, st); len(docs) != 0 {
		t.Errorf("Documents after forgetting everything: %d", len(docs))
	}
}

func (s suite) symmetric(t *testing.T) {
	st := s.open(t)
	x := graph.Document{Article: graph.Article{ID: "x", Hash: Hash("x")},
		Entities: []graph.Entity{araghchi, witkoff},
		Relations: []graph.Relation{
			rel(witkoff, graph.NegotiatesWith, araghchi, 0.5, "s1"),
			rel(araghchi, graph.NegotiatesWith, witkoff, 0.6, "s2"),
			rel(araghchi, graph.Criticizes, witkoff, 0.7, "s4"),
			rel(witkoff, graph.Criticizes, araghchi, 0.7, "s5"),
		}}
	y := graph.Document{Article: graph.Article{ID: "y", Hash: Hash("y")},
		Entities:  []graph.Entity{witkoff, araghchi},
		Relations: []graph.Relation{rel(witkoff, graph.NegotiatesWith, araghchi, 0.4, "s3")}}
	write(t, st, y)
	write(t, st, x)

	want := graph.Stats{Articles: 2, Mentions: 4, Entities: map[graph.EntityType]int{graph.Person: 2},
		Relations: map[graph.RelationType]int{graph.NegotiatesWith: 1, graph.Criticizes: 2}}
	if got := stats(t, st); !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n%s", Diff(want, got))
	}
	w := lookupOne(t, st, "witkoff")
	talks := edge(t, w, key(araghchi, graph.NegotiatesWith, witkoff))
	stringsEqual(t, "talks evidence", evidenceOf(talks), []string{"x: s1", "x: s2", "y: s3"})
	if len(w.Relations) != 3 {
		t.Errorf("Witkoff has %d edges, want 3 (one talks, criticism both ways)", len(w.Relations))
	}
	Equal(t, st, model(t, x, y))
}

func (s suite) origins(t *testing.T) {
	st := s.open(t)
	gaz := graph.Document{Article: graph.Article{ID: "gaz", Hash: Hash("gaz")},
		Entities: []graph.Entity{muscatCity, oman}, Relations: []graph.Relation{gazetteer(muscatCity, graph.LocatedIn, oman)}}
	text := graph.Document{Article: graph.Article{ID: "text", Hash: Hash("text")},
		Entities: []graph.Entity{muscatCity, oman}, Relations: []graph.Relation{rel(muscatCity, graph.LocatedIn, oman, 0.8, "Muscat, Oman.")}}
	write(t, st, text, gaz)
	m := lookupOne(t, st, "muscat")
	loc := edge(t, m, key(muscatCity, graph.LocatedIn, oman))
	want := []graph.Evidence{
		{ArticleID: "gaz", Sentence: "", Confidence: 1, Origin: graph.OriginGazetteer, Rule: "places"},
		{ArticleID: "text", Sentence: "Muscat, Oman.", Confidence: 0.8, Origin: graph.OriginText},
	}
	if !reflect.DeepEqual(loc.Evidence, want) {
		t.Errorf("evidence:\n%s", Diff(want, loc.Evidence))
	}
	if loc.Confidence != 1 || loc.CAMEO != "" {
		t.Errorf("LOCATED_IN confidence %v cameo %q, want 1 and none", loc.Confidence, loc.CAMEO)
	}
	Equal(t, st, model(t, gaz, text))
}

func (s suite) invalid(t *testing.T) {
	st := s.open(t)
	write(t, st, muscatDoc())
	want := model(t, muscatDoc())

	valid := missilesDoc()
	broken := func(name string, edit func(d *graph.Document)) (string, graph.Document) {
		d := talksDoc()
		d.Relations = append([]graph.Relation(nil), d.Relations...)
		d.Entities = append([]graph.Entity(nil), d.Entities...)
		edit(&d)
		return name, d
	}
	cases := map[string]graph.Document{}
	for _, c := range []func() (string, graph.Document){
		func() (string, graph.Document) {
			return broken("unknown entity type", func(d *graph.Document) { d.Entities[0].Type = "Planet" })
		},
		func() (string, graph.Document) {
			return broken("unknown relation type", func(d *graph.Document) { d.Relations[0].Type = "LOVES" })
		},
		func() (string, graph.Document) {
			return broken("dangling endpoint", func(d *graph.Document) { d.Relations[0].Target = iran.ID })
		},
		func() (string, graph.Document) {
			return broken("unknown origin", func(d *graph.Document) { d.Relations[0].Origin = "guess" })
		},
		func() (string, graph.Document) {
			return broken("no article id", func(d *graph.Document) { d.Article.ID = "" })
		},
		func() (string, graph.Document) {
			return broken("entity id too long", func(d *graph.Document) { d.Entities[1].ID = strings.Repeat("x", graph.MaxKeyBytes+1) })
		},
		func() (string, graph.Document) {
			return broken("entity name too long", func(d *graph.Document) { d.Entities[1].Name = strings.Repeat("é", graph.MaxKeyBytes/2+1) })
		},
		func() (string, graph.Document) {
			return broken("article id too long", func(d *graph.Document) { d.Article.ID = strings.Repeat("x", graph.MaxKeyBytes+1) })
		},
		func() (string, graph.Document) {
			return broken("label injection", func(d *graph.Document) { d.Entities[1].Type = "Person:Admin" })
		},
	} {
		name, d := c()
		cases[name] = d
	}
	for name, bad := range cases {
		_, err := st.Write(t.Context(), []graph.Document{valid, bad})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%s: Write error = %v, want graph.ErrInvalid", name, err)
		}
	}
	Equal(t, st, want)
}

// awkward are strings that break naive quoting in SQL, Cypher, JSON or LIKE.
var awkwardStrings = []string{
	`He said "no"`, `O'Brien's`, "back`tick`", "{braces} and [brackets]", "line one\nline two\r\n\ttab",
	"Zürich – Genève, طهران, 東京, 🚀", "MATCH (n) DETACH DELETE n", "'); DROP TABLE x;--",
	`\' \" \\ \0`, "100%_sure", "  padded  ", "$param",
}

func (s suite) awkwardStrings(t *testing.T) {
	st := s.open(t)
	d := graph.Document{Article: graph.Article{ID: "it's \"odd\"; --", Title: strings.Join(awkwardStrings, " | "),
		Source: `C:\news\"odd".txt`, URL: "https://example.org/?q='x'&y=`z`", Published: "2026-01-01", Hash: Hash("odd")}}
	for i, name := range awkwardStrings {
		d.Entities = append(d.Entities, graph.Entity{ID: fmt.Sprintf("odd:%d:%s", i, name), Type: graph.EntityTypes[i%5],
			Name: name, Aliases: []string{name, "alias " + name}, Mentions: i, Wikidata: name, Roles: []string{name}})
	}
	for i := 1; i < len(d.Entities); i++ {
		r := graph.Relation{Source: d.Entities[i-1].ID, Target: d.Entities[i].ID, Type: graph.Supports,
			Origin: graph.OriginText, Confidence: 0.5, Sentence: awkwardStrings[i], Rule: awkwardStrings[i-1],
			Properties: map[string]string{awkwardStrings[i]: awkwardStrings[i-1]}}
		d.Relations = append(d.Relations, r)
	}
	unicodeCase := graph.Entity{ID: "org:école", Type: graph.Organization, Name: "École de Guerre", Aliases: []string{"ÉDG"}}
	d.Entities = append(d.Entities, unicodeCase)
	write(t, st, d)

	got := Documents(t, st)
	if len(got) != 1 || !reflect.DeepEqual(got[0], Normalize(d)) {
		t.Fatalf("awkward document not stored exactly:\n%s", Diff([]graph.Document{Normalize(d)}, got))
	}
	for i, name := range awkwardStrings {
		e := lookupOne(t, st, strings.ToUpper(name)).Entity
		if e.ID != d.Entities[i].ID || e.Name != name {
			t.Errorf("Lookup(upper %q) = %q %q", name, e.ID, e.Name)
		}
	}
	if lookupOne(t, st, "école de guerre").Entity.ID != unicodeCase.ID || lookupOne(t, st, "édg").Entity.ID != unicodeCase.ID {
		t.Error("Lookup is not case-insensitive beyond ASCII")
	}
	for _, pattern := range []string{"100%", "100__sure", "%", "_"} {
		if ds := lookup(t, st, pattern); len(ds) != 0 {
			t.Errorf("Lookup(%q) matched %d entities: names must match exactly, not as patterns", pattern, len(ds))
		}
	}
	Equal(t, st, model(t, d))
}

func (s suite) batch(t *testing.T) {
	st := s.open(t)
	v2 := muscatV2()
	wantResult(t, write(t, st, muscatDoc(), talksDoc(), missilesDoc(), v2), graph.WriteResult{Written: 4, Replaced: 1})
	Equal(t, st, model(t, v2, talksDoc(), missilesDoc()))

	st2 := s.open(t)
	wantResult(t, write(t, st2, talksDoc(), talksDoc()), graph.WriteResult{Written: 1, Skipped: 1})
	wantResult(t, write(t, st2, muscatDoc(), talksDoc(), missilesDoc()), graph.WriteResult{Written: 2, Skipped: 1})
	wantResult(t, write(t, st2), graph.WriteResult{})
	Equal(t, st2, model(t, muscatDoc(), talksDoc(), missilesDoc()))
}

func (s suite) aggregation(t *testing.T) {
	base := graph.Entity{ID: "x:zed", Type: graph.Organization, Name: "Zed", Aliases: []string{"Zed", "Z"},
		Mentions: 2, Wikidata: "Q2", Kind: "k-b"}
	doc := func(id string, e graph.Entity) graph.Document {
		return graph.Document{Article: graph.Article{ID: id, Hash: Hash(id)}, Entities: []graph.Entity{e}}
	}
	b := doc("b", base)
	a := base
	a.Type, a.Name, a.Aliases, a.Mentions, a.Wikidata, a.Kind, a.Category, a.Roles =
		graph.Person, "Zeta", []string{"Zeta"}, 3, "", "", "cat-a", []string{"boss"}
	c := base
	c.Name, c.Aliases, c.Mentions, c.Wikidata, c.Kind = "", nil, 0, "Q3", "k-c"
	docs := []graph.Document{doc("c", c), b, doc("a", a)}

	want := graph.Entity{ID: "x:zed", Type: graph.Person, Name: "Zeta", Aliases: []string{"Z", "Zed", "Zeta"},
		Mentions: 5, Wikidata: "Q2", Kind: "k-b", Category: "cat-a", Roles: []string{"boss"}}
	for _, order := range [][]graph.Document{docs, {docs[2], docs[0], docs[1]}} {
		st := s.open(t)
		for _, d := range order {
			write(t, st, d)
		}
		if got := lookupOne(t, st, "zed").Entity; !reflect.DeepEqual(got, want) {
			t.Errorf("written in order %s%s%s:\n%s", order[0].Article.ID, order[1].Article.ID, order[2].Article.ID, Diff(want, got))
		}
		Equal(t, st, model(t, docs...))
	}

	// Without article a, b (the smallest id left) gives the name and type.
	st := s.open(t)
	write(t, st, docs...)
	if ok, err := st.Forget(t.Context(), "a"); !ok || err != nil {
		t.Fatalf("Forget(a) = %v, %v", ok, err)
	}
	want = graph.Entity{ID: "x:zed", Type: graph.Organization, Name: "Zed", Aliases: []string{"Z", "Zed"},
		Mentions: 2, Wikidata: "Q2", Kind: "k-b"}
	if got := lookupOne(t, st, "zed").Entity; !reflect.DeepEqual(got, want) {
		t.Errorf("after Forget(a):\n%s", Diff(want, got))
	}
	if got := stats(t, st).Entities; !reflect.DeepEqual(got, map[graph.EntityType]int{graph.Organization: 1}) {
		t.Errorf("entity counts after Forget(a) = %v, want one Organization", got)
	}
	Equal(t, st, model(t, docs[0], b))
}

// importOrder writes a corpus in order, one by one, then in a shuffled order
// in batches; both must equal the model (so each other).
func (s suite) importOrder(t *testing.T) {
	docs := Corpus(40)
	want := model(t, docs...)
	inOrder := s.open(t)
	for _, d := range docs {
		write(t, inOrder, d)
	}
	Equal(t, inOrder, want)

	shuffled := s.open(t)
	perm := rand.New(rand.NewPCG(7, 7)).Perm(len(docs))
	var batch []graph.Document
	for i, p := range perm {
		batch = append(batch, docs[p])
		if len(batch) == 7 || i == len(perm)-1 {
			write(t, shuffled, batch...)
			batch = nil
		}
	}
	Equal(t, shuffled, want)
}

func (s suite) corpus(t *testing.T) {
	docs := Corpus(200)
	st, ref := s.open(t), NewModel()
	r := rand.New(rand.NewPCG(200, 1))
	both := func(batch []graph.Document) {
		t.Helper()
		want := write(t, ref, batch...)
		wantResult(t, write(t, st, batch...), want)
	}
	shuffled := append([]graph.Document(nil), docs...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for len(shuffled) > 0 {
		n := min(len(shuffled), 1+r.IntN(12))
		both(shuffled[:n])
		shuffled = shuffled[n:]
	}
	if !Equal(t, st, ref) {
		t.FailNow()
	}
	if got := stats(t, st); got.Articles != 200 || got.Mentions < 400 || len(got.Relations) < 10 {
		t.Errorf("corpus too thin to test anything: %+v", got)
	}

	// Edit some articles, forget others, then import the original corpus again:
	// edited ones are replaced back, forgotten ones return, the rest are skipped.
	var revised []graph.Document
	for i := 0; i < len(docs); i += 9 {
		revised = append(revised, Revise(docs[i], 2))
	}
	both(revised)
	for i := 4; i < len(docs); i += 13 {
		ok, err := st.Forget(t.Context(), docs[i].Article.ID)
		ref.Forget(t.Context(), docs[i].Article.ID)
		if !ok || err != nil {
			t.Fatalf("Forget(%s) = %v, %v", docs[i].Article.ID, ok, err)
		}
	}
	if !Equal(t, st, ref) {
		t.FailNow()
	}
	both(docs)
	Equal(t, st, ref)
	Equal(t, st, model(t, docs...))
}

// HostileStrings are names and ids an attacker (or a scraper's bug) could
// put in an article: Cypher and SQL injections, backticks that would close
// a quoted label, braces of a map literal, comments, NUL, bidirectional
// controls and 10 kB strings. They must go in and out byte-identical.
var HostileStrings = []string{
	"`}) MERGE (x:Admin {pwned:true}) //",
	"n`) DETACH DELETE n //", "Person:Admin", "`Person`:`Admin`",
	"{name: 'x'}) RETURN 1 UNION MATCH (n) RETURN n //", "// comment", "/* block */ x",
	"a\x00b", "nul\x00inside", "\x00",
	"\u202eRTL override\u202c", "\u200fRLM \u200eLRM", "\u2066isolate\u2069", "\ufeffBOM",
	"\\\\\\' \\\"", "$x ${y} $$", "%s %d %%",
	strings.Repeat("x", 10<<10), strings.Repeat("`'\"{}//\x00\u202e", 1<<10),
}

// hostileStrings: every hostile string as an article id, title, entity id,
// name, alias, role and relation evidence, read back byte-identical, and
// the store's entity types still only the schema's.
func (s suite) hostileStrings(t *testing.T) {
	st := s.open(t)
	var docs []graph.Document
	for _, h := range HostileStrings {
		k := AsKey(h)
		d := graph.Document{Article: graph.Article{ID: k, Title: h, Source: h, URL: h, Hash: Hash(h)}}
		for j, typ := range graph.EntityTypes {
			d.Entities = append(d.Entities, graph.Entity{ID: fmt.Sprintf("%s#%d", k, j), Type: typ, Name: fmt.Sprintf("%s#%d", k, j),
				Aliases: []string{h}, Mentions: 1, Wikidata: h, Roles: []string{h}, Kind: h, Category: h, ISO: h})
		}
		d.Relations = append(d.Relations, graph.Relation{Source: d.Entities[0].ID, Target: d.Entities[1].ID, Type: graph.Supports,
			Origin: graph.OriginText, Confidence: 0.5, Sentence: h, Rule: h, Properties: map[string]string{h: h}})
		docs = append(docs, d)
	}
	write(t, st, docs...)
	got := Documents(t, st)
	want := make([]graph.Document, len(docs))
	for i, d := range docs {
		want[i] = Normalize(d)
	}
	byID := map[string]graph.Document{}
	for _, d := range got {
		byID[d.Article.ID] = d
	}
	if len(got) != len(want) {
		t.Fatalf("%d documents read back, want %d", len(got), len(want))
	}
	for _, w := range want {
		g, ok := byID[w.Article.ID]
		if !ok {
			t.Errorf("article %q not read back", short(w.Article.ID))
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("article %q not stored exactly:\n%s", short(w.Article.ID), Diff(w, g))
		}
	}
	for _, h := range HostileStrings {
		name := AsKey(h) + "#0"
		if e := lookupOne(t, st, name).Entity; e.ID != name || e.Name != name {
			t.Errorf("Lookup(%q) = %q %q", short(name), short(e.ID), short(e.Name))
		}
	}
	for typ := range stats(t, st).Entities {
		if !typ.Valid() {
			t.Errorf("store reports entity type %q, not one of the schema's", typ)
		}
	}
	Equal(t, st, model(t, docs...))
}

// AsKey cuts h to fit an id or a name (graph.MaxKeyBytes, less room for a
// suffix), on a rune boundary.
func AsKey(h string) string {
	n := graph.MaxKeyBytes - 16
	if len(h) <= n {
		return h
	}
	for n > 0 && !utf8.RuneStart(h[n]) {
		n--
	}
	return h[:n]
}

// short cuts a string for a message.
func short(s string) string {
	if len(s) > 60 {
		return fmt.Sprintf("%q... (%d bytes)", s[:60], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// datedRoles: a role with its dates (Title@FROM..TO, see graph.Role) is a
// role string like any other: kept exactly, united over articles, and gone
// with the only article that gave it.
func (s suite) datedRoles(t *testing.T) {
	st := s.open(t)
	biden := graph.Entity{ID: "Q6279", Type: graph.Person, Name: "Joe Biden", Aliases: []string{"Biden"}, Mentions: 1, Wikidata: "Q6279"}
	a, b := biden, biden
	a.Roles = []string{"President@2021-01-20..2025-01-20", "president"}
	b.Roles = []string{"Vice President@2009-01-20..2017-01-20", "President@2021-01-20..2025-01-20"}
	doc := func(id, date string, e graph.Entity) graph.Document {
		return graph.Document{Article: graph.Article{ID: id, Title: id, Source: id + ".txt", Published: date, Hash: Hash(id)},
			Entities: []graph.Entity{e}, Relations: []graph.Relation{}}
	}
	write(t, st, doc("old", "2023-02-20", a), doc("older", "2012-05-01", b))
	d := lookupOne(t, st, "Joe Biden")
	stringsEqual(t, "Biden's roles", d.Entity.Roles,
		[]string{"President@2021-01-20..2025-01-20", "Vice President@2009-01-20..2017-01-20", "president"})
	if r := graph.ParseRole(d.Entity.Roles[0]); r != (graph.Role{Title: "President", From: "2021-01-20", To: "2025-01-20"}) {
		t.Errorf("stored role reads back as %+v", r)
	}
	if ok, err := st.Forget(t.Context(), "older"); err != nil || !ok {
		t.Fatalf("Forget: %v, %v", ok, err)
	}
	d = lookupOne(t, st, "Joe Biden")
	stringsEqual(t, "Biden's roles after forgetting", d.Entity.Roles, []string{"President@2021-01-20..2025-01-20", "president"})
}

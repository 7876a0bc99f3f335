package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/internal/testdata"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const goodGold = `{"article": "duck-soup",
 "entities": [{"name": "Rufus Firefly", "type": "Person", "aliases": ["Firefly"]},
              {"name": "Freedonia", "type": "State", "aliases": []}],
 "optional_entities": [{"name": "Sylvania", "type": "State"}],
 "relations": [{"source": "Rufus Firefly", "type": "AFFILIATED_WITH", "target": "Freedonia"}],
 "optional_relations": [{"source": "Sylvania", "type": "NEGOTIATES_WITH", "target": "Freedonia"}]}`

func TestLoadGold(t *testing.T) {
	g, err := LoadGold(writeFile(t, t.TempDir(), "duck-soup.gold.json", goodGold))
	if err != nil {
		t.Fatal(err)
	}
	want := Gold{
		Article:           "duck-soup",
		Entities:          []GoldEntity{{"Rufus Firefly", graph.Person, []string{"Firefly"}}, {"Freedonia", graph.State, []string{}}},
		OptionalEntities:  []GoldEntity{{Name: "Sylvania", Type: graph.State}},
		Relations:         []GoldRelation{{"Rufus Firefly", graph.AffiliatedWith, "Freedonia"}},
		OptionalRelations: []GoldRelation{{"Sylvania", graph.NegotiatesWith, "Freedonia"}},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("LoadGold = %+v\nwant %+v", g, want)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	cases := []struct {
		name, file, content, wantErr string
	}{
		{"not JSON", "a.gold.json", `{"article": "a",`, "a.gold.json"},
		{"unknown field", "a.gold.json", `{"article": "a", "entites": []}`, `unknown field "entites"`},
		{"trailing data", "a.gold.json", `{"article": "a"} {}`, "data after"},
		{"no article", "a.gold.json", `{"entities": []}`, `"article" is empty`},
		{"article is not the file name", "a.gold.json", `{"article": "b"}`, `article "b" does not match`},
		{"unknown entity type", "a.gold.json", `{"article": "a", "entities": [{"name": "X", "type": "Country"}]}`, `unknown type "Country"`},
		{"entity without name", "a.gold.json", `{"article": "a", "entities": [{"name": " ", "type": "State"}]}`, "has no name"},
		{"entity twice", "a.gold.json", `{"article": "a", "entities": [{"name": "X", "type": "State"}],
			"optional_entities": [{"name": "X", "type": "Place"}]}`, `entity "X" is given twice`},
		{"unknown relation type", "a.gold.json", `{"article": "a", "entities": [{"name": "X", "type": "State"}, {"name": "Y", "type": "State"}],
			"relations": [{"source": "X", "type": "LIKES", "target": "Y"}]}`, "unknown type"},
		{"endpoint not an entity", "a.gold.json", `{"article": "a", "entities": [{"name": "X", "type": "State"}],
			"optional_relations": [{"source": "X", "type": "SUPPORTS", "target": "Z"}]}`, `"Z" is not a gold entity name`},
		{"symmetric relation twice", "a.gold.json", `{"article": "a", "entities": [{"name": "X", "type": "State"}, {"name": "Y", "type": "State"}],
			"relations": [{"source": "X", "type": "MEETS_WITH", "target": "Y"}],
			"optional_relations": [{"source": "Y", "type": "MEETS_WITH", "target": "X"}]}`, "given twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), c.file, c.content)
			_, err := LoadGold(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name %s and say %q", err, path, c.wantErr)
			}
		})
	}
	// A directed relation in both directions is two relations.
	ok := `{"article": "a", "entities": [{"name": "X", "type": "State"}, {"name": "Y", "type": "State"}],
		"relations": [{"source": "X", "type": "SUPPORTS", "target": "Y"}, {"source": "Y", "type": "SUPPORTS", "target": "X"}]}`
	if _, err := LoadGold(writeFile(t, t.TempDir(), "a.gold.json", ok)); err != nil {
		t.Errorf("both directions of a directed relation: %v", err)
	}
	if _, err := LoadGold(filepath.Join(t.TempDir(), "missing.gold.json")); err == nil || !strings.Contains(err.Error(), "missing.gold.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestPairs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.txt", "b.gold.json", "a.txt", "a.gold.json", "text-only.txt", "gold-only.gold.json", "notes.md"} {
		writeFile(t, dir, f, "")
	}
	if err := os.Mkdir(filepath.Join(dir, "c.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "c.gold.json", "")
	names, err := Pairs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a", "b"}; !reflect.DeepEqual(names, want) {
		t.Errorf("Pairs = %v, want %v", names, want)
	}
	if _, err := Pairs(filepath.Join(dir, "absent")); err == nil {
		t.Error("Pairs of a missing directory: no error")
	}
}

// devDir is /work/shared/corpus/dev, found as ../shared beside the module root.
func devDir(t *testing.T) string { return testdata.DevCorpus(t) }

// perfect is the Document an ideal extractor would return for g: every gold
// entity, required and optional, and every gold relation, as text.
func perfect(g Gold) graph.Document {
	d := graph.Document{Article: graph.Article{ID: g.Article}}
	for _, e := range append(append([]GoldEntity{}, g.Entities...), g.OptionalEntities...) {
		d.Entities = append(d.Entities, graph.Entity{ID: "id:" + e.Name, Type: e.Type, Name: e.Name, Aliases: e.Aliases, Mentions: 1})
	}
	for _, r := range append(append([]GoldRelation{}, g.Relations...), g.OptionalRelations...) {
		d.Relations = append(d.Relations, graph.Relation{Source: "id:" + r.Source, Type: r.Type, Target: "id:" + r.Target, Origin: graph.OriginText})
	}
	return d
}

func TestDevGoldFiles(t *testing.T) {
	dev := devDir(t)
	golds, err := filepath.Glob(filepath.Join(dev, "*"+GoldSuffix))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold files in %s (%v)", dev, err)
	}
	names, err := Pairs(dev)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(golds) {
		t.Errorf("Pairs found %d articles for %d gold files", len(names), len(golds))
	}
	var pairs []Pair
	for _, path := range golds {
		g, err := LoadGold(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if err := perfect(g).Validate(); err != nil {
			t.Errorf("%s: perfect document invalid: %v", path, err)
		}
		pairs = append(pairs, Pair{Doc: perfect(g), Gold: g})
	}
	r := Score(pairs)
	for _, s := range []struct {
		what string
		prf  PRF
	}{{"entities", r.Entities}, {"relations", r.Relations}} {
		if s.prf.FP != 0 || s.prf.FN != 0 || s.prf.TP == 0 || s.prf.Precision != 1 || s.prf.Recall != 1 || s.prf.F1 != 1 {
			t.Errorf("perfect prediction, %s: %+v", s.what, s.prf)
		}
	}
	for _, a := range r.Articles {
		if len(a.EntityFP)+len(a.EntityFN)+len(a.RelationFP)+len(a.RelationFN) > 0 {
			t.Errorf("%s: perfect prediction has errors: %+v %+v %+v %+v", a.Article, a.EntityFP, a.EntityFN, a.RelationFP, a.RelationFN)
		}
	}
}

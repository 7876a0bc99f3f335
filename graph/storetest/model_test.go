package storetest

import (
	"reflect"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// The reference model must itself pass the suite, or the suite is wrong.
func TestModelConforms(t *testing.T) {
	Run(t, func(t *testing.T) graph.Store { return NewModel() })
}

func TestCorpusIsDeterministicAndValid(t *testing.T) {
	a, b := Corpus(120), Corpus(120)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Corpus(120) differs between calls")
	}
	for _, d := range a {
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
	}
}

// The corpus must exercise what the suite relies on it for: shared
// entities, every relation type, both origins, symmetric relations written
// against canonical order, and repeated evidence within an article.
func TestCorpusCoverage(t *testing.T) {
	docs := Corpus(200)
	articlesPerEntity := map[string]int{}
	types := map[graph.RelationType]bool{}
	var gazetteer, reversed, repeated, nameVariants int
	names := map[string]map[string]bool{}
	for _, d := range docs {
		for _, e := range d.Entities {
			articlesPerEntity[e.ID]++
			if names[e.ID] == nil {
				names[e.ID] = map[string]bool{}
			}
			names[e.ID][e.Name] = true
		}
		if n := len(d.Relations) - len(Normalize(d).Relations); n > 0 {
			repeated += n
		}
		for _, r := range d.Relations {
			types[r.Type] = true
			if r.Origin == graph.OriginGazetteer {
				gazetteer++
			}
			if r.Type.Symmetric() && r.Source > r.Target {
				reversed++
			}
		}
	}
	shared := 0
	for id, n := range articlesPerEntity {
		if n >= 5 {
			shared++
		}
		if len(names[id]) > 1 {
			nameVariants++
		}
	}
	if shared < 10 || len(types) != len(graph.RelationTypes) || gazetteer == 0 || reversed == 0 || repeated == 0 || nameVariants == 0 {
		t.Errorf("corpus lacks coverage: %d entities in >=5 articles, %d/%d relation types, %d gazetteer, %d reversed symmetric, %d repeated, %d entities with name variants",
			shared, len(types), len(graph.RelationTypes), gazetteer, reversed, repeated, nameVariants)
	}
}

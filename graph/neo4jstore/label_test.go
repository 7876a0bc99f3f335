package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// No article can create a label or a relationship type: after writing
// documents whose every string is hostile (and trying types that are not
// the schema's), the database holds only the schema's labels and types.
func TestArticleCannotCreateLabel(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	ctx := context.Background()
	for i, h := range storetest.HostileStrings {
		k := storetest.AsKey(h)
		e1 := graph.Entity{ID: fmt.Sprintf("a%d", i), Type: graph.Person, Name: k, Aliases: []string{h}, Roles: []string{h}}
		e2 := graph.Entity{ID: k, Type: graph.State, Name: k + "2", ISO: h}
		good := graph.Document{Article: graph.Article{ID: k, Title: h, Hash: storetest.Hash(h)}, Entities: []graph.Entity{e1, e2},
			Relations: []graph.Relation{{Source: e1.ID, Target: e2.ID, Type: graph.AffiliatedWith, Origin: graph.OriginText, Sentence: h, Properties: map[string]string{h: h}}}}
		if _, err := s.Write(ctx, []graph.Document{good}); err != nil {
			t.Fatalf("Write %d: %v", i, err)
		}
		badLabel := good
		badLabel.Article.ID += "-bad"
		badLabel.Entities = []graph.Entity{e1, {ID: "x" + k, Type: graph.EntityType(h), Name: k}}
		badLabel.Relations = nil
		badType := good
		badType.Article.ID += "-badtype"
		badType.Relations = []graph.Relation{{Source: e1.ID, Target: e2.ID, Type: graph.RelationType(h), Origin: graph.OriginText}}
		for _, bad := range []graph.Document{badLabel, badType} {
			if _, err := s.Write(ctx, []graph.Document{bad}); !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("Write of type %q: err %v, want ErrInvalid", h, err)
			}
		}
	}
	allowedLabels := map[string]bool{"Entity": true, "Article": true, "KgMeta": true}
	for _, typ := range graph.EntityTypes {
		allowedLabels[string(typ)] = true
	}
	allowedTypes := map[string]bool{"MENTIONS": true}
	for _, typ := range graph.RelationTypes {
		allowedTypes[string(typ)] = true
	}
	for q, allowed := range map[string]map[string]bool{
		"MATCH (n) UNWIND labels(n) AS x RETURN DISTINCT x": allowedLabels,
		"MATCH ()-[r]->() RETURN DISTINCT type(r) AS x":     allowedTypes,
	} {
		res, err := s.QueryAccess(ctx, q, nil, false)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, row := range res.Rows {
			if x, _ := row[0].(string); !allowed[x] {
				t.Errorf("%s: %q is not the schema's", q, x)
			}
		}
	}
}

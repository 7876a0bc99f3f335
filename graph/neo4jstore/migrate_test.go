package neo4jstore

import (
	"context"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// TestInitReplacesSynchronousKeysIndex: a store written before entity_keys
// became eventually consistent has the synchronous index; Init replaces it,
// and the graph, Lookup included, reads as before and takes new writes.
func TestInitReplacesSynchronousKeysIndex(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	ctx := context.Background()
	docs := storetest.Corpus(60)
	old := []string{
		"DROP INDEX entity_keys IF EXISTS",
		"CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (e:Entity) ON EACH [e.keys] " +
			"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
		"CALL db.awaitIndexes(300)",
	}
	for _, stmt := range old {
		if _, err := s.run(ctx, stmt, nil); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if recs, err := s.run(ctx, stmtKeysIndexSynchronous, nil); err != nil || len(recs) != 1 {
		t.Fatalf("the old index is not seen as synchronous: %d records, %v", len(recs), err)
	}
	if _, err := s.Write(ctx, docs[:40]); err != nil {
		t.Fatal(err)
	}

	if err := s.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	if recs, err := s.run(ctx, stmtKeysIndexSynchronous, nil); err != nil || len(recs) != 0 {
		t.Fatalf("after Init the index is still synchronous: %d records, %v", len(recs), err)
	}
	if err := s.Init(ctx); err != nil { // idempotent
		t.Fatalf("second Init: %v", err)
	}
	model := storetest.NewModel()
	if _, err := model.Write(ctx, docs[:40]); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, s, model)

	// New writes are found by Lookup at once.
	for _, d := range docs[40:] {
		if _, err := s.Write(ctx, []graph.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := model.Write(ctx, docs[40:]); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, s, model)
}

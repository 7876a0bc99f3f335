package neo4jstore

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

// TestConcurrentWriters writes a corpus from two goroutines at once, in
// opposite orders: they race on shared entities and edges all along, and on
// the same articles in the middle. No update may be lost and neither writer
// may fail.
func TestConcurrentWriters(t *testing.T) {
	s := openEmpty(t)
	defer s.Close()
	docs := storetest.Corpus(160)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One writer goes forward through the corpus, the other back:
			// they meet in the middle on the same articles.
			mine := append([]graph.Document(nil), docs...)
			if w == 1 {
				slices.Reverse(mine)
			}
			for i := 0; i < len(mine) && errs[w] == nil; i += 2 {
				_, errs[w] = s.Write(context.Background(), mine[i:min(i+2, len(mine))])
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	clean := storetest.NewModel()
	if _, err := clean.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, s, clean)
}

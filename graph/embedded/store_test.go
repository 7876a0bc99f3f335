package embedded

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/storetest"
)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return openTemp(t) })
}

func TestReopenKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	docs := storetest.Corpus(40)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	reopenEqualsModel(t, path, docs)
}

// The path goes into a file: URI; characters that mean something in a URI
// must still name the file they spell.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news ?#%&=; 'x'")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "my kg?.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Write(context.Background(), storetest.Corpus(3)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at %q: directory holds %q", path, names)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := len(storetest.Documents(t, s)); n != 3 {
		t.Errorf("reopened store holds %d articles, want 3", n)
	}
}

func TestOpenFailsClearly(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "missing-dir", "kg.db"))
	if err == nil || !strings.Contains(err.Error(), "embedded") {
		t.Errorf("Open in a missing directory: %v", err)
	}

	path := filepath.Join(t.TempDir(), "newer.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "schema version 99") {
		t.Errorf("Open of a newer schema: %v", err)
	}
}

// Two handles on one file stand for two kg processes importing at once:
// writers wait for each other (busy timeout) instead of failing.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	docs := storetest.Corpus(60)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for half := range 2 {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wg.Go(func() {
			for i := half; i < len(docs); i += 2 {
				if _, err := s.Write(context.Background(), docs[i:i+1]); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	reopenEqualsModel(t, path, docs)
}

// reopenEqualsModel opens the store file at path and checks it holds what
// the reference model holds after writing docs.
func reopenEqualsModel(t *testing.T, path string, docs []graph.Document) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ref := storetest.NewModel()
	ref.Write(context.Background(), docs)
	storetest.Equal(t, s, ref)
}

// The entities and relations views are for people; they must say what
// Lookup says.
func TestViewsAgreeWithLookup(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Write(ctx, storetest.Corpus(60)); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.Query("SELECT id, type, name, aliases, mentions, articles, wikidata, iso, category, kind FROM entities")
	if err != nil {
		t.Fatal(err)
	}
	viewEdges := map[graph.RelationKey]float64{}
	n := 0
	for rows.Next() {
		n++
		var e graph.Entity
		var aliases string
		var articles int
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &aliases, &e.Mentions, &articles, &e.Wikidata, &e.ISO, &e.Category, &e.Kind); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(aliases), &e.Aliases); err != nil {
			t.Fatal(err)
		}
		d := lookupID(t, s, e.Name, e.ID)
		want := d.Entity
		want.Roles = nil // the view leaves roles out
		if !reflect.DeepEqual(e, want) || articles != len(d.Articles) {
			t.Errorf("entities view row for %s:\n%s", e.ID, storetest.Diff(want, e))
		}
		for _, r := range d.Relations {
			viewEdges[r.Key] = r.Confidence
		}
	}
	rows.Close()
	st, _ := s.Stats(ctx)
	total := 0
	for _, c := range st.Entities {
		total += c
	}
	if n != total {
		t.Errorf("entities view has %d rows, Stats counts %d entities", n, total)
	}

	rows, err = s.db.Query("SELECT source, source_name, type, target, target_name, confidence FROM relations")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n = 0
	for rows.Next() {
		n++
		var k graph.RelationKey
		var sourceName, targetName string
		var conf float64
		if err := rows.Scan(&k.Source, &sourceName, &k.Type, &k.Target, &targetName, &conf); err != nil {
			t.Fatal(err)
		}
		if want, ok := viewEdges[k]; !ok || want != conf {
			t.Errorf("relations view row %v confidence %v, Lookup has %v (found %v)", k, conf, want, ok)
		}
		if lookupID(t, s, sourceName, k.Source).Entity.Name != sourceName || lookupID(t, s, targetName, k.Target).Entity.Name != targetName {
			t.Errorf("relations view names %q -> %q for %v", sourceName, targetName, k)
		}
	}
	if n != len(viewEdges) {
		t.Errorf("relations view has %d rows, Lookup found %d edges", n, len(viewEdges))
	}
}

// lookupID looks name up and returns the match with the given id.
func lookupID(t *testing.T, s *Store, name, id string) graph.EntityDetail {
	t.Helper()
	ds, err := s.Lookup(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Entity.ID == id {
			return d
		}
	}
	t.Fatalf("Lookup(%q) does not find %s", name, id)
	return graph.EntityDetail{}
}

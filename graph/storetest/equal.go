package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// maxReported caps the differences Equal prints, so a broken store does not
// bury the first (most telling) difference in thousands of lines.
const maxReported = 5

// Equal checks that a and b hold the same graph: the same Documents (after
// Normalize), the same Stats, and the same Lookup answer for the name of every
// entity either holds. It reports differences with t.Errorf and returns
// whether there were none.
func Equal(t testing.TB, a, b graph.Store) bool {
	t.Helper()
	ctx := context.Background()
	docsA, docsB := Documents(t, a), Documents(t, b)
	reported := 0
	report := func(format string, args ...any) {
		t.Helper()
		if reported < maxReported {
			t.Errorf(format, args...)
		}
		reported++
	}

	byID := func(ds []graph.Document) map[string]graph.Document {
		m := make(map[string]graph.Document, len(ds))
		for _, d := range ds {
			m[d.Article.ID] = d
		}
		return m
	}
	mapA, mapB := byID(docsA), byID(docsB)
	for _, id := range unionKeys(mapA, mapB) {
		da, okA := mapA[id]
		db, okB := mapB[id]
		switch {
		case !okA:
			report("article %q only in the second store", id)
		case !okB:
			report("article %q only in the first store", id)
		case !reflect.DeepEqual(da, db):
			report("article %q differs:\n%s", id, Diff(da, db))
		}
	}

	sa, err := a.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	sb, err := b.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if na, nb := normalizeStats(sa), normalizeStats(sb); !reflect.DeepEqual(na, nb) {
		report("Stats differ:\n%s", Diff(na, nb))
	}

	names := map[string]bool{}
	for _, ds := range [][]graph.Document{docsA, docsB} {
		for _, e := range aggregate(ds).entities {
			names[e.Name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(names)) {
		la, lb := lookup(t, a, name), lookup(t, b, name)
		if !reflect.DeepEqual(la, lb) {
			report("Lookup(%q) differs:\n%s", name, Diff(la, lb))
		}
	}
	if reported > maxReported {
		t.Errorf("... and %d more differences", reported-maxReported)
	}
	return reported == 0
}

// Documents returns every document s holds, normalised, failing t when the
// store does not deliver them in strictly increasing article-id order.
func Documents(t testing.TB, s graph.Store) []graph.Document {
	t.Helper()
	var out []graph.Document
	err := s.Documents(context.Background(), func(d graph.Document) error {
		if n := len(out); n > 0 && out[n-1].Article.ID >= d.Article.ID {
			return fmt.Errorf("article %q after %q: not in article-id order", d.Article.ID, out[n-1].Article.ID)
		}
		out = append(out, Normalize(d))
		return nil
	})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	return out
}

func lookup(t testing.TB, s graph.Store, name string) []graph.EntityDetail {
	t.Helper()
	ds, err := s.Lookup(context.Background(), name)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", name, err)
	}
	return normalizeDetails(ds)
}

// Diff renders two values as indented JSON and shows where they first
// differ, with a few lines of context.
func Diff(want, got any) string {
	a, _ := json.MarshalIndent(want, "", "  ")
	b, _ := json.MarshalIndent(got, "", "  ")
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	if i == len(la) && i == len(lb) {
		return fmt.Sprintf("(same JSON, different Go values: %#v vs %#v)", want, got)
	}
	window := func(lines []string) string {
		lo, hi := max(0, i-4), min(len(lines), i+4)
		return strings.Join(lines[lo:hi], "\n")
	}
	return fmt.Sprintf("first difference at line %d\n--- first:\n%s\n--- second:\n%s", i+1, window(la), window(lb))
}

func unionKeys[V any](a, b map[string]V) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	return slices.Sorted(maps.Keys(set))
}

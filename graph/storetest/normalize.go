package storetest

import (
	"sort"

	"github.com/newsgraph/kg/graph"
)

// Normalize returns a copy of d in the form the suite compares: relations
// canonical and without repeated (edge, sentence) evidence, aliases and roles
// sorted and unique, empty slices and maps nil, everything sorted. It never
// modifies d.
func Normalize(d graph.Document) graph.Document {
	out := graph.Document{Article: d.Article}
	for _, e := range d.Entities {
		e.Aliases = sortedSet(e.Aliases)
		e.Roles = sortedSet(e.Roles)
		out.Entities = append(out.Entities, e)
	}
	type evidenceKey struct {
		key      graph.RelationKey
		sentence string
	}
	seen := map[evidenceKey]bool{}
	for _, r := range d.Relations {
		r = r.Canonical()
		k := evidenceKey{r.Key(), r.Sentence}
		if seen[k] {
			continue
		}
		seen[k] = true
		r.Properties = copyMap(r.Properties)
		out.Relations = append(out.Relations, r)
	}
	out.Sort()
	return out
}

// sortedSet returns the sorted distinct values of s, nil when there are none.
func sortedSet(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	set := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !set[v] {
			set[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

func copyMap(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// normalizeStats drops zero counts so that stores may omit or report them.
func normalizeStats(s graph.Stats) graph.Stats {
	out := graph.Stats{Articles: s.Articles, Mentions: s.Mentions,
		Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	for k, v := range s.Entities {
		if v != 0 {
			out.Entities[k] = v
		}
	}
	for k, v := range s.Relations {
		if v != 0 {
			out.Relations[k] = v
		}
	}
	return out
}

// normalizeDetails puts Lookup results in the form the suite compares:
// entity fields as Normalize does, edges sorted by key, empty slices and
// maps nil. Articles and evidence keep the store's order, which is specified.
func normalizeDetails(ds []graph.EntityDetail) []graph.EntityDetail {
	if len(ds) == 0 {
		return nil
	}
	out := make([]graph.EntityDetail, 0, len(ds))
	for _, d := range ds {
		d.Entity.Aliases = sortedSet(d.Entity.Aliases)
		d.Entity.Roles = sortedSet(d.Entity.Roles)
		if len(d.Articles) == 0 {
			d.Articles = nil
		} else {
			d.Articles = append([]graph.Article(nil), d.Articles...)
		}
		var rels []graph.RelationDetail
		for _, r := range d.Relations {
			var ev []graph.Evidence
			for _, e := range r.Evidence {
				e.Properties = copyMap(e.Properties)
				ev = append(ev, e)
			}
			r.Evidence = ev
			rels = append(rels, r)
		}
		sort.Slice(rels, func(i, j int) bool { return keyLess(rels[i].Key, rels[j].Key) })
		d.Relations = rels
		out = append(out, d)
	}
	return out
}

func keyLess(a, b graph.RelationKey) bool {
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	return a.Target < b.Target
}

package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// Audit measures resolution across a corpus, the way a store that merges
// nodes by id sees it: gold entities of every article are grouped into real
// things (same type, a shared name or alias), and each is followed to the
// predicted ids it was matched to. A thing matched to two ids is a split (an
// extra node); an id matched to two things is a false merge; a thing found
// under another type in some article (a gold State read as a Place) is a type
// change.
type Audit struct {
	Things      int          `json:"things"` // real things gold names across the corpus
	Nodes       int          `json:"nodes"`  // distinct predicted ids matched to them
	ExtraNodes  int          `json:"extra_nodes"`
	SplitRate   float64      `json:"split_rate"` // ExtraNodes / Things
	Splits      []AuditSplit `json:"splits"`
	Merges      []AuditMerge `json:"merges"`
	TypeChanges []AuditType  `json:"type_changes"`
}

// AuditSplit is one real thing held by several nodes.
type AuditSplit struct {
	Type graph.EntityType `json:"type"`
	Name string           `json:"name"` // a gold name of the thing
	IDs  []string         `json:"ids"`  // each with the articles it came from
}

// AuditMerge is one node holding several real things.
type AuditMerge struct {
	ID     string   `json:"id"`
	Things []string `json:"things"` // gold names, each with an article
}

// AuditType is a gold entity predicted under another type.
type AuditType struct {
	Article string           `json:"article"`
	Name    string           `json:"name"`
	Gold    graph.EntityType `json:"gold"`
	As      graph.EntityType `json:"as"`
}

// CorpusAudit scores every pair and audits resolution across them.
func CorpusAudit(pairs []Pair) Audit {
	// Group gold entities into things: union-find over (article, entity),
	// joined by a shared type|key.
	type ref struct {
		art int
		g   GoldEntity
	}
	var refs []ref
	for i, p := range pairs {
		for _, g := range append(append([]GoldEntity{}, p.Gold.Entities...), p.Gold.OptionalEntities...) {
			refs = append(refs, ref{i, g})
		}
	}
	parent := make([]int, len(refs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Two entities are one thing when they share a name, or one's name is
	// the other's alias; two aliases alone do not join ("Foreign Ministry"
	// is an alias of many states' ministries).
	byName := map[string]int{}
	for i, r := range refs {
		k := string(r.g.Type) + "|" + norm.Key(r.g.Name)
		if j, ok := byName[k]; ok {
			parent[find(i)] = find(j)
		} else {
			byName[k] = i
		}
	}
	for i, r := range refs {
		for _, s := range r.g.Aliases {
			if j, ok := byName[string(r.g.Type)+"|"+norm.Key(s)]; ok {
				parent[find(i)] = find(j)
			}
		}
	}
	// thingOf[article][type|gold name] -> thing root.
	thingOf := make([]map[string]int, len(pairs))
	for i := range thingOf {
		thingOf[i] = map[string]int{}
	}
	for i, r := range refs {
		thingOf[r.art][string(r.g.Type)+"|"+r.g.Name] = find(i)
	}

	idsOf := map[int]map[string][]string{}    // thing -> id -> articles
	thingsOf := map[string]map[int][]string{} // id -> thing -> articles
	var a Audit
	for i, p := range pairs {
		res := ScoreArticle(p.Doc, p.Gold)
		name := res.Article
		for _, m := range append(append([]EntityMatch{}, res.EntityTP...), res.EntityIgnored...) {
			t, ok := thingOf[i][string(m.Type)+"|"+m.Gold]
			if !ok {
				continue
			}
			if idsOf[t] == nil {
				idsOf[t] = map[string][]string{}
			}
			idsOf[t][m.ID] = appendOnce(idsOf[t][m.ID], name)
			if thingsOf[m.ID] == nil {
				thingsOf[m.ID] = map[int][]string{}
			}
			thingsOf[m.ID][t] = appendOnce(thingsOf[m.ID][t], name)
		}
		// A node that took in the full name of a second thing of the
		// article ("Nicolás Petro" as an alias of Gustavo Petro) merges them,
		// though one-to-one matching scores only one.
		for _, e := range p.Doc.Entities {
			pe := newNamed(e.Name, e.Type, e.Aliases)
			for _, g := range append(append([]GoldEntity{}, p.Gold.Entities...), p.Gold.OptionalEntities...) {
				if g.Type != e.Type || !pe.Keys[norm.Key(g.Name)] {
					continue
				}
				t := thingOf[i][string(g.Type)+"|"+g.Name]
				if thingsOf[e.ID] == nil {
					thingsOf[e.ID] = map[int][]string{}
				}
				thingsOf[e.ID][t] = appendOnce(thingsOf[e.ID][t], name)
			}
		}
		for _, fn := range res.EntityFN {
			if n := fn.Note; strings.HasPrefix(n, "as ") {
				as, _, _ := strings.Cut(strings.TrimPrefix(n, "as "), ":")
				a.TypeChanges = append(a.TypeChanges, AuditType{Article: name, Name: fn.Name, Gold: fn.Type, As: graph.EntityType(as)})
			}
		}
	}
	roots := map[int]bool{}
	for i := range refs {
		roots[find(i)] = true
	}
	a.Things = len(roots)
	a.Nodes = len(thingsOf)
	for t, ids := range idsOf {
		if len(ids) < 2 {
			continue
		}
		s := AuditSplit{Type: refs[t].g.Type, Name: refs[t].g.Name}
		for id, arts := range ids {
			s.IDs = append(s.IDs, fmt.Sprintf("%s (%s)", id, strings.Join(arts, ", ")))
		}
		sort.Strings(s.IDs)
		a.ExtraNodes += len(ids) - 1
		a.Splits = append(a.Splits, s)
	}
	for id, things := range thingsOf {
		if len(things) < 2 {
			continue
		}
		m := AuditMerge{ID: id}
		for t, arts := range things {
			m.Things = append(m.Things, fmt.Sprintf("%s (%s)", refs[t].g.Name, strings.Join(arts, ", ")))
		}
		sort.Strings(m.Things)
		a.Merges = append(a.Merges, m)
	}
	if a.Things > 0 {
		a.SplitRate = float64(a.ExtraNodes) / float64(a.Things)
	}
	sort.Slice(a.Splits, func(i, j int) bool { return a.Splits[i].Name < a.Splits[j].Name })
	sort.Slice(a.Merges, func(i, j int) bool { return a.Merges[i].ID < a.Merges[j].ID })
	sort.SliceStable(a.TypeChanges, func(i, j int) bool { return a.TypeChanges[i].Name < a.TypeChanges[j].Name })
	return a
}

func appendOnce(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// WriteTable prints the audit's figures, then each split, merge and type
// change.
func (a Audit) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "things %d  nodes %d  extra nodes %d (split rate %.1f%%)  false merges %d  type changes %d\n",
		a.Things, a.Nodes, a.ExtraNodes, 100*a.SplitRate, len(a.Merges), len(a.TypeChanges))
	for _, s := range a.Splits {
		fmt.Fprintf(w, "split  %s %s: %s\n", s.Type, s.Name, strings.Join(s.IDs, "; "))
	}
	for _, m := range a.Merges {
		fmt.Fprintf(w, "merge  %s: %s\n", m.ID, strings.Join(m.Things, "; "))
	}
	for _, t := range a.TypeChanges {
		fmt.Fprintf(w, "type   %s: %s %s read as %s\n", t.Article, t.Gold, t.Name, t.As)
	}
	return nil
}

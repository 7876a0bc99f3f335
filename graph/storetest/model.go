package storetest

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/kg/graph"
)

// Model is the reference graph.Store: it keeps the normalised documents and
// computes every cross-article view from them on demand, following the rules
// of the package documentation as literally as possible. It is the oracle
// real stores are compared with, and it passes Run itself.
type Model struct {
	mu   sync.Mutex
	docs map[string]graph.Document // by article id, normalised
	meta map[string]string
}

var _ graph.Store = (*Model)(nil)

// NewModel returns an empty reference store.
func NewModel() *Model { return &Model{docs: map[string]graph.Document{}, meta: map[string]string{}} }

func (m *Model) GetMeta(_ context.Context, key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.meta[key]
	return v, ok, nil
}

func (m *Model) PutMeta(_ context.Context, key, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.meta[key] = value
	return nil
}

func (m *Model) Init(context.Context) error { return nil }
func (m *Model) Close() error               { return nil }

func (m *Model) Write(_ context.Context, docs []graph.Document) (graph.WriteResult, error) {
	for _, d := range docs {
		if err := d.Validate(); err != nil {
			return graph.WriteResult{}, err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var res graph.WriteResult
	for _, d := range docs {
		old, ok := m.docs[d.Article.ID]
		switch {
		case ok && d.Article.Hash != "" && old.Article.Hash == d.Article.Hash:
			res.Skipped++
			continue
		case ok:
			res.Replaced++
		}
		res.Written++
		m.docs[d.Article.ID] = Normalize(d)
	}
	return res, nil
}

func (m *Model) Forget(_ context.Context, articleID string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.docs[articleID]
	delete(m.docs, articleID)
	return ok, nil
}

func (m *Model) Documents(_ context.Context, fn func(graph.Document) error) error {
	for _, d := range m.sorted() {
		if err := fn(Normalize(d)); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) Lookup(_ context.Context, name string) ([]graph.EntityDetail, error) {
	v := aggregate(m.sorted())
	want := strings.ToLower(name)
	var out []graph.EntityDetail
	for _, id := range v.entityIDs() {
		e := v.entities[id]
		match := strings.ToLower(e.Name) == want
		for _, a := range e.Aliases {
			match = match || strings.ToLower(a) == want
		}
		if match {
			out = append(out, v.detail(id))
		}
	}
	return out, nil
}

func (m *Model) Stats(context.Context) (graph.Stats, error) {
	docs := m.sorted()
	v := aggregate(docs)
	s := graph.Stats{Articles: len(docs),
		Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	for _, e := range v.entities {
		s.Entities[e.Type]++
	}
	for k := range v.edges {
		s.Relations[k.Type]++
	}
	for _, arts := range v.mentionedIn {
		s.Mentions += len(arts)
	}
	return s, nil
}

// sorted returns the stored documents in article-id order.
func (m *Model) sorted() []graph.Document {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]graph.Document, 0, len(m.docs))
	for _, d := range m.docs {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Article.ID < out[j].Article.ID })
	return out
}

// view is the cross-article graph computed from a set of documents.
type view struct {
	entities    map[string]*graph.Entity
	mentionedIn map[string][]graph.Article // entity id -> articles, by id
	edges       map[graph.RelationKey][]graph.Evidence
}

// aggregate merges normalised documents given in article-id order, so that
// "first non-empty value" means "from the smallest article id".
func aggregate(docs []graph.Document) *view {
	v := &view{entities: map[string]*graph.Entity{}, mentionedIn: map[string][]graph.Article{},
		edges: map[graph.RelationKey][]graph.Evidence{}}
	firstNonEmpty := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	for _, d := range docs {
		for _, e := range d.Entities {
			agg, ok := v.entities[e.ID]
			if !ok {
				agg = &graph.Entity{ID: e.ID}
				v.entities[e.ID] = agg
			}
			firstNonEmpty(&agg.Name, e.Name)
			firstNonEmpty((*string)(&agg.Type), string(e.Type))
			firstNonEmpty(&agg.Wikidata, e.Wikidata)
			firstNonEmpty(&agg.ISO, e.ISO)
			firstNonEmpty(&agg.Category, e.Category)
			firstNonEmpty(&agg.Kind, e.Kind)
			agg.Aliases = sortedSet(append(agg.Aliases, e.Aliases...))
			agg.Roles = sortedSet(append(agg.Roles, e.Roles...))
			agg.Mentions += e.Mentions
			v.mentionedIn[e.ID] = append(v.mentionedIn[e.ID], d.Article)
		}
		for _, r := range d.Relations {
			v.edges[r.Key()] = append(v.edges[r.Key()], graph.Evidence{
				ArticleID: d.Article.ID, Sentence: r.Sentence, Confidence: r.Confidence,
				Origin: r.Origin, Rule: r.Rule, Properties: copyMap(r.Properties),
			})
		}
	}
	for k, ev := range v.edges {
		sort.SliceStable(ev, func(i, j int) bool {
			if ev[i].ArticleID != ev[j].ArticleID {
				return ev[i].ArticleID < ev[j].ArticleID
			}
			return ev[i].Sentence < ev[j].Sentence
		})
		v.edges[k] = ev
	}
	return v
}

func (v *view) entityIDs() []string {
	ids := make([]string, 0, len(v.entities))
	for id := range v.entities {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (v *view) detail(id string) graph.EntityDetail {
	d := graph.EntityDetail{Entity: *v.entities[id], Articles: v.mentionedIn[id]}
	for k, ev := range v.edges {
		if k.Source != id && k.Target != id {
			continue
		}
		rd := graph.RelationDetail{Key: k, SourceName: v.entities[k.Source].Name,
			TargetName: v.entities[k.Target].Name, CAMEO: k.Type.CAMEO(), Evidence: ev}
		rd.Confidence = ev[0].Confidence
		for _, e := range ev[1:] {
			rd.Confidence = max(rd.Confidence, e.Confidence)
		}
		d.Relations = append(d.Relations, rd)
	}
	sort.Slice(d.Relations, func(i, j int) bool { return keyLess(d.Relations[i].Key, d.Relations[j].Key) })
	return d
}

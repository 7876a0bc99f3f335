package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
)

// documentsPage is how many articles Documents rebuilds per transaction.
const documentsPage = 200

// Documents rebuilds each stored article's Document from its MENTIONS edges
// and its entries in the evidence lists, in article-id order. Each page of
// articles is read in its own transaction, and fn runs outside it; a Write
// running at the same time may be seen by later pages only.
func (s *Store) Documents(ctx context.Context, fn func(graph.Document) error) error {
	after := ""
	for {
		page, err := readTx(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]graph.Document, error) {
			return documentsAfter(ctx, tx, after)
		})
		if err != nil {
			return fmt.Errorf("neo4j at %s: documents: %w", s.uri, err)
		}
		for _, d := range page {
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(page) < documentsPage {
			return nil
		}
		after = page[len(page)-1].Article.ID
	}
}

// readTx runs a read transaction within cfg.TxTimeout (see retrying); work
// must use the context it is given.
func readTx[T any](ctx context.Context, s *Store, work func(context.Context, neo4j.ManagedTransaction) (T, error)) (T, error) {
	actx, cancel := context.WithTimeout(ctx, s.cfg.TxTimeout)
	defer cancel()
	sess := s.session(actx, neo4j.AccessModeRead)
	defer closeSession(sess)
	out, err := neo4j.ExecuteRead(actx, sess, func(tx neo4j.ManagedTransaction) (T, error) {
		return work(actx, tx)
	}, neo4j.WithTxTimeout(s.cfg.TxTimeout))
	return out, s.timedOut(ctx, actx, err)
}

func collect(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := txRun(ctx, tx, stmt, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func documentsAfter(ctx context.Context, tx neo4j.ManagedTransaction, after string) ([]graph.Document, error) {
	recs, err := collect(ctx, tx, stmtArticlesPage, map[string]any{"after": after, "limit": int64(documentsPage)})
	if err != nil {
		return nil, err
	}
	docs := make([]graph.Document, len(recs))
	index := make(map[string]int, len(recs))
	ids := make([]string, len(recs))
	for i, r := range recs {
		docs[i].Article = articleFrom(asMap(r.Values[0]))
		ids[i] = docs[i].Article.ID
		index[ids[i]] = i
	}
	if len(ids) == 0 {
		return nil, nil
	}

	recs, err = collect(ctx, tx, stmtPageMentions, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		d := &docs[index[r.Values[0].(string)]]
		e := entityFrom(asMap(r.Values[2]), "count")
		e.ID = r.Values[1].(string)
		d.Entities = append(d.Entities, e)
	}

	recs, err = collect(ctx, tx, stmtPageRelations, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		d := &docs[index[r.Values[0].(string)]]
		src, typ, dst := r.Values[1].(string), r.Values[2].(string), r.Values[3].(string)
		for _, ev := range asList(r.Values[4]) {
			f := asList(ev)
			rel := graph.Relation{Source: src, Type: graph.RelationType(typ), Target: dst,
				Sentence: str(f[0]), Confidence: num(f[1]), Origin: graph.Origin(str(f[2])),
				Rule: str(f[3]), CAMEO: str(f[5])}
			if rel.Properties, err = propertiesFrom(str(f[4])); err != nil {
				return nil, fmt.Errorf("article %s: %s edge %s -> %s: %w", d.Article.ID, typ, src, dst, err)
			}
			d.Relations = append(d.Relations, rel)
		}
	}
	for i := range docs {
		docs[i].Sort()
	}
	return docs, nil
}

// Lookup finds entities by name or alias, case-insensitively (Go's
// strings.ToLower on both sides), through the entity_keys index.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.EntityDetail, error) {
	key := strings.ToLower(name)
	if key == "" {
		return nil, nil
	}
	out, err := readTx(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]graph.EntityDetail, error) {
		if _, err := collect(ctx, tx, stmtAwaitKeys, nil); err != nil {
			return nil, err
		}
		recs, err := collect(ctx, tx, stmtLookupCandidates, map[string]any{"query": phrase(key), "key": key})
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, r := range recs {
			ids = append(ids, r.Values[0].(string))
		}
		if len(ids) == 0 {
			return nil, nil
		}
		recs, err = collect(ctx, tx, stmtEntityDetails, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		var out []graph.EntityDetail
		for _, r := range recs {
			d, err := detailFrom(r)
			if err != nil {
				return nil, err
			}
			if matches(d.Entity, key) {
				out = append(out, d)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j at %s: lookup %q: %w", s.uri, name, err)
	}
	return out, nil
}

// phrase quotes s as one Lucene phrase: on a keyword-analysed field that is
// a single exact term, with no operator or wildcard in s interpreted.
func phrase(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// matches applies the contract's rule to the aggregated entity: the index
// holds every name any article gave, a superset.
func matches(e graph.Entity, key string) bool {
	if strings.ToLower(e.Name) == key {
		return true
	}
	for _, a := range e.Aliases {
		if strings.ToLower(a) == key {
			return true
		}
	}
	return false
}

func detailFrom(r *neo4j.Record) (graph.EntityDetail, error) {
	var d graph.EntityDetail
	d.Entity = entityFrom(asMap(r.Values[0]), "mentions")
	d.Entity.ID = str(asMap(r.Values[0])["id"])
	for _, l := range asList(r.Values[1]) {
		if t := graph.EntityType(str(l)); t.Valid() {
			d.Entity.Type = t
		}
	}
	for _, a := range asList(r.Values[2]) {
		d.Articles = append(d.Articles, articleFrom(asMap(a)))
	}
	seen := map[graph.RelationKey]bool{}
	for _, v := range asList(r.Values[3]) {
		m := asMap(v)
		k := graph.RelationKey{Source: str(m["source"]), Type: graph.RelationType(str(m["type"])), Target: str(m["target"])}
		if seen[k] { // a self-loop matches the undirected pattern twice
			continue
		}
		seen[k] = true
		rd := graph.RelationDetail{Key: k, SourceName: str(m["source_name"]), TargetName: str(m["target_name"]),
			CAMEO: k.Type.CAMEO()}
		arts, sents, confs := asList(m["articles"]), asList(m["sentences"]), asList(m["confidences"])
		origins, rules, props := asList(m["origins"]), asList(m["rules"]), asList(m["properties"])
		for i := range arts {
			ev := graph.Evidence{ArticleID: str(arts[i]), Sentence: str(sents[i]), Confidence: num(confs[i]),
				Origin: graph.Origin(str(origins[i])), Rule: str(rules[i])}
			var err error
			if ev.Properties, err = propertiesFrom(str(props[i])); err != nil {
				return d, fmt.Errorf("%s edge %s -> %s: %w", k.Type, k.Source, k.Target, err)
			}
			rd.Evidence = append(rd.Evidence, ev)
			if i == 0 || ev.Confidence > rd.Confidence {
				rd.Confidence = ev.Confidence
			}
		}
		sort.SliceStable(rd.Evidence, func(i, j int) bool {
			a, b := rd.Evidence[i], rd.Evidence[j]
			if a.ArticleID != b.ArticleID {
				return a.ArticleID < b.ArticleID
			}
			return a.Sentence < b.Sentence
		})
		d.Relations = append(d.Relations, rd)
	}
	return d, nil
}

// Stats counts articles, mentions, entities by type label and edges by type.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	recs, err := readTx(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		return collect(ctx, tx, stmtStats, nil)
	})
	if err != nil {
		return st, fmt.Errorf("neo4j at %s: stats: %w", s.uri, err)
	}
	v := recs[0].Values
	st.Articles, st.Mentions = int(v[0].(int64)), int(v[1].(int64))
	v = v[2:]
	for i, t := range graph.EntityTypes {
		if n := int(v[i].(int64)); n > 0 {
			st.Entities[t] = n
		}
	}
	v = v[len(graph.EntityTypes):]
	for i, t := range graph.RelationTypes {
		if n := int(v[i].(int64)); n > 0 {
			st.Relations[t] = n
		}
	}
	return st, nil
}

func articleFrom(m map[string]any) graph.Article {
	return graph.Article{ID: str(m["id"]), Title: str(m["title"]), Source: str(m["source"]),
		URL: str(m["url"]), Published: str(m["published"]), Hash: str(m["hash"])}
}

// entityFrom reads entity fields from node or MENTIONS properties. MENTIONS
// edges carry the type as a property and the mentions as count; nodes carry
// the type as a label and the sum of the counts as mentions.
func entityFrom(m map[string]any, mentionsKey string) graph.Entity {
	return graph.Entity{Type: graph.EntityType(str(m["type"])), Name: str(m["name"]),
		Aliases: strs(m["aliases"]), Mentions: int(integer(m[mentionsKey])),
		Wikidata: str(m["wikidata"]), ISO: str(m["iso"]), Category: str(m["category"]),
		Kind: str(m["kind"]), Roles: strs(m["roles"])}
}

func propertiesFrom(s string) (map[string]string, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("properties %q: %w", s, err)
	}
	return m, nil
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asList(v any) []any         { l, _ := v.([]any); return l }
func str(v any) string           { s, _ := v.(string); return s }
func integer(v any) int64        { n, _ := v.(int64); return n }

func num(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	}
	return 0
}

func strs(v any) []string {
	l := asList(v)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = str(x)
	}
	return out
}

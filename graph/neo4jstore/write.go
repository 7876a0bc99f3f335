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

// Write stores the documents, replacing earlier versions of their articles
// and skipping articles already stored with the same non-empty hash.
//
// Atomicity: a call whose documents add up to at most Config.MaxTxRows rows
// (entities plus relations) is one transaction. A bigger call is split into
// several transactions between whole articles, in order, so each article is
// always all there or not at all; if a later transaction fails, the articles
// of the earlier ones stay written and running the same Write again finishes
// the job (they are then skipped by hash, or replaced by the same facts when
// they have no hash). Transactions that fail for transient reasons (a
// restart, a lost connection, a deadlock) are retried for up to
// Config.RetryTime.
func (s *Store) Write(ctx context.Context, docs []graph.Document) (graph.WriteResult, error) {
	var total graph.WriteResult
	for _, d := range docs {
		if err := d.Validate(); err != nil {
			return total, err
		}
	}
	prepared := make([]graph.Document, len(docs))
	for i, d := range docs {
		prepared[i] = prepare(d)
	}
	for _, chunk := range chunks(prepared, s.cfg.MaxTxRows) {
		res, err := retrying(ctx, s, func(tx neo4j.ManagedTransaction) (graph.WriteResult, error) {
			return s.writeChunk(ctx, tx, chunk)
		})
		if err != nil {
			return total, fmt.Errorf("neo4j at %s: write: %w", s.uri, err)
		}
		total.Add(res)
	}
	return total, nil
}

// prepare puts symmetric relations in canonical order and keeps one piece of
// evidence per (edge, sentence), the first, as the store contract says.
func prepare(d graph.Document) graph.Document {
	out := graph.Document{Article: d.Article, Entities: d.Entities}
	type evidenceKey struct {
		key      graph.RelationKey
		sentence string
	}
	seen := make(map[evidenceKey]bool, len(d.Relations))
	for _, r := range d.Relations {
		r = r.Canonical()
		k := evidenceKey{r.Key(), r.Sentence}
		if !seen[k] {
			seen[k] = true
			out.Relations = append(out.Relations, r)
		}
	}
	return out
}

// chunks splits docs, in order, into runs of at most maxRows rows; a
// document bigger than that is a run of its own.
func chunks(docs []graph.Document, maxRows int) [][]graph.Document {
	var out [][]graph.Document
	start, rows := 0, 0
	for i, d := range docs {
		n := 1 + len(d.Entities) + len(d.Relations)
		if i > start && rows+n > maxRows {
			out = append(out, docs[start:i])
			start, rows = i, 0
		}
		rows += n
	}
	if start < len(docs) {
		out = append(out, docs[start:])
	}
	return out
}

// writeChunk applies docs in one transaction. It only reads the transaction
// and its arguments, so the driver may run it again after a failure.
func (s *Store) writeChunk(ctx context.Context, tx neo4j.ManagedTransaction, docs []graph.Document) (graph.WriteResult, error) {
	var res graph.WriteResult
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.Article.ID)
	}
	stored, err := storedHashes(ctx, tx, ids)
	if err != nil {
		return res, err
	}

	// Apply the documents one by one in memory: the same article twice in
	// one call leaves the later version, and each version is compared with
	// the one before it.
	current := make(map[string]string, len(stored))
	for id, h := range stored {
		current[id] = h
	}
	final := map[string]graph.Document{}
	for _, d := range docs {
		h, ok := current[d.Article.ID]
		if ok && d.Article.Hash != "" && h == d.Article.Hash {
			res.Skipped++
			continue
		}
		if ok {
			res.Replaced++
		}
		res.Written++
		current[d.Article.ID] = d.Article.Hash
		final[d.Article.ID] = d
	}
	if len(final) == 0 {
		return res, nil
	}

	var replaced []string
	writeIDs := make([]string, 0, len(final))
	for id := range final {
		writeIDs = append(writeIDs, id)
		if _, ok := stored[id]; ok {
			replaced = append(replaced, id)
		}
	}
	sort.Strings(writeIDs)
	sort.Strings(replaced)

	touched, err := s.removeArticles(ctx, tx, replaced)
	if err != nil {
		return res, err
	}
	written := make([]graph.Document, 0, len(writeIDs))
	for _, id := range writeIDs {
		written = append(written, final[id])
	}
	if err := s.insert(ctx, tx, written); err != nil {
		return res, err
	}
	for _, d := range written {
		for _, e := range d.Entities {
			touched[e.ID] = true
		}
	}
	return res, s.refreshEntities(ctx, tx, touched)
}

func storedHashes(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]string, error) {
	res, err := txRun(ctx, tx, stmtExistingHashes, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(recs))
	for _, r := range recs {
		id, _ := r.Values[0].(string)
		h, _ := r.Values[1].(string)
		out[id] = h
	}
	return out, nil
}

// removeArticles takes the articles' facts out of the graph: their evidence
// on edges, their mentions and their nodes. It returns the entities they
// mentioned, whose properties must then be recomputed (or which must go).
func (s *Store) removeArticles(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]bool, error) {
	touched := map[string]bool{}
	for start := 0; start < len(ids); start += s.cfg.BatchRows {
		batch := ids[start:min(start+s.cfg.BatchRows, len(ids))]
		if err := consume(ctx, tx, stmtRemoveEvidence, map[string]any{"ids": batch}); err != nil {
			return nil, err
		}
		res, err := txRun(ctx, tx, stmtDeleteArticles, map[string]any{"ids": batch})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			list, _ := r.Values[0].([]any)
			for _, v := range list {
				if id, ok := v.(string); ok {
					touched[id] = true
				}
			}
		}
	}
	return touched, nil
}

// insert writes the documents' articles, mentions and evidence; none of the
// articles is in the graph when it runs.
func (s *Store) insert(ctx context.Context, tx neo4j.ManagedTransaction, docs []graph.Document) error {
	articles := make([]map[string]any, 0, len(docs))
	var mentions []map[string]any
	for _, d := range docs {
		articles = append(articles, articleRow(d.Article))
		for _, e := range d.Entities {
			mentions = append(mentions, map[string]any{"article": d.Article.ID, "id": e.ID, "props": mentionProps(e)})
		}
	}
	if err := s.batches(ctx, tx, stmtCreateArticles, articles, nil); err != nil {
		return err
	}
	if err := s.batches(ctx, tx, stmtMentions, mentions, nil); err != nil {
		return err
	}
	for _, t := range graph.RelationTypes {
		rows := relationRows(docs, t)
		if len(rows) == 0 {
			continue
		}
		var cameo any
		if c := t.CAMEO(); c != "" {
			cameo = c
		}
		if err := s.batches(ctx, tx, relationStatements[t], rows, map[string]any{"cameo": cameo}); err != nil {
			return err
		}
	}
	return nil
}

// refreshEntities deletes the touched entities no article mentions any more
// and recomputes the properties and type label of the others.
func (s *Store) refreshEntities(ctx context.Context, tx neo4j.ManagedTransaction, touched map[string]bool) error {
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for start := 0; start < len(ids); start += s.cfg.BatchRows {
		batch := ids[start:min(start+s.cfg.BatchRows, len(ids))]
		if err := consume(ctx, tx, stmtDeleteOrphans, map[string]any{"ids": batch}); err != nil {
			return err
		}
		if err := consume(ctx, tx, stmtRefreshEntities, map[string]any{"ids": batch}); err != nil {
			return err
		}
	}
	return nil
}

// batches runs an UNWIND $rows statement over rows, BatchRows at a time.
func (s *Store) batches(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, rows []map[string]any, extra map[string]any) error {
	for start := 0; start < len(rows); start += s.cfg.BatchRows {
		params := map[string]any{"rows": rows[start:min(start+s.cfg.BatchRows, len(rows))]}
		for k, v := range extra {
			params[k] = v
		}
		if err := consume(ctx, tx, stmt, params); err != nil {
			return err
		}
	}
	return nil
}

// txRun runs one of this package's statements. replan=skip keeps a cached
// plan even when the statistics have changed a lot since it was made, as
// they do while a graph grows from nothing: replanning the same statements
// again and again cost more than the writes themselves, and the plans of
// these statements (index seeks on unique ids) do not depend on sizes.
func txRun(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) (neo4j.ResultWithContext, error) {
	return tx.Run(ctx, "CYPHER replan=skip "+stmt, params)
}

// consume runs a statement and waits for its outcome, so that errors
// surface here and not at commit.
func consume(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, params map[string]any) error {
	res, err := txRun(ctx, tx, stmt, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// putString sets m[k] to v unless v is empty: absent properties keep the
// graph readable in the Browser, and read back as "".
func putString(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func putList(m map[string]any, k string, v []string) {
	if len(v) > 0 {
		m[k] = v
	}
}

func articleRow(a graph.Article) map[string]any {
	m := map[string]any{"id": a.ID}
	putString(m, "title", a.Title)
	putString(m, "source", a.Source)
	putString(m, "url", a.URL)
	putString(m, "published", a.Published)
	putString(m, "hash", a.Hash)
	return m
}

// mentionProps is what one article says of an entity, kept on its MENTIONS
// edge. keys (the lower-cased name and aliases) feed the Lookup index.
func mentionProps(e graph.Entity) map[string]any {
	m := map[string]any{"type": string(e.Type), "count": int64(e.Mentions)}
	putString(m, "name", e.Name)
	putList(m, "aliases", e.Aliases)
	putString(m, "wikidata", e.Wikidata)
	putString(m, "iso", e.ISO)
	putString(m, "category", e.Category)
	putString(m, "kind", e.Kind)
	putList(m, "roles", e.Roles)
	m["keys"] = lookupKeys(e)
	return m
}

func lookupKeys(e graph.Entity) []string {
	seen := map[string]bool{}
	keys := []string{}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		k := strings.ToLower(n)
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// relationRows gathers the evidence of relations of type t, one row per edge
// with parallel lists, so that each edge is merged once per statement.
func relationRows(docs []graph.Document, t graph.RelationType) []map[string]any {
	type lists struct {
		articles, sentences, origins, rules, properties, cameos []string
		confidences                                             []float64
	}
	edges := map[graph.RelationKey]*lists{}
	var keys []graph.RelationKey
	for _, d := range docs {
		for _, r := range d.Relations {
			if r.Type != t {
				continue
			}
			k := r.Key()
			l := edges[k]
			if l == nil {
				l = &lists{}
				edges[k] = l
				keys = append(keys, k)
			}
			l.articles = append(l.articles, d.Article.ID)
			l.sentences = append(l.sentences, r.Sentence)
			l.confidences = append(l.confidences, r.Confidence)
			l.origins = append(l.origins, string(r.Origin))
			l.rules = append(l.rules, r.Rule)
			l.properties = append(l.properties, propertiesJSON(r.Properties))
			l.cameos = append(l.cameos, r.CAMEO)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Source != keys[j].Source {
			return keys[i].Source < keys[j].Source
		}
		return keys[i].Target < keys[j].Target
	})
	rows := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		l := edges[k]
		rows = append(rows, map[string]any{
			"source": k.Source, "target": k.Target,
			"articles": l.articles, "sentences": l.sentences, "confidences": l.confidences,
			"origins": l.origins, "rules": l.rules, "properties": l.properties, "cameos": l.cameos,
		})
	}
	return rows
}

// propertiesJSON encodes a relation's properties for a list entry (Neo4j
// properties cannot hold maps); "{}" when there are none.
func propertiesJSON(p map[string]string) string {
	if len(p) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(p) // a map of strings always encodes
	return string(b)
}

// Forget removes an article and whatever only it supported.
func (s *Store) Forget(ctx context.Context, articleID string) (bool, error) {
	found, err := retrying(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		stored, err := storedHashes(ctx, tx, []string{articleID})
		if err != nil || len(stored) == 0 {
			return false, err
		}
		touched, err := s.removeArticles(ctx, tx, []string{articleID})
		if err != nil {
			return false, err
		}
		return true, s.refreshEntities(ctx, tx, touched)
	})
	if err != nil {
		return false, fmt.Errorf("neo4j at %s: forget %q: %w", s.uri, articleID, err)
	}
	return found, nil
}

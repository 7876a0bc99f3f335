package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/kg/graph"
)

// Write stores the documents, replacing earlier versions of their articles
// and skipping articles already stored with the same non-empty hash.
//
// Atomicity: a call whose documents add up to at most Config.MaxTxRows rows
// (entities plus relations) is one transaction. A bigger call, or one the
// server refuses as too big for its transaction memory, is split into
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
		res, err := s.writeSplitting(ctx, chunk)
		total.Add(res)
		if err != nil {
			return total, fmt.Errorf("neo4j at %s: write: %w", s.uri, err)
		}
	}
	return total, nil
}

// writeSplitting writes docs in one transaction or, when that is more than
// the server's transaction memory allows, in two halves, recursively.
func (s *Store) writeSplitting(ctx context.Context, docs []graph.Document) (graph.WriteResult, error) {
	res, err := retrying(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (graph.WriteResult, error) {
		return s.writeChunk(ctx, tx, docs)
	})
	if err == nil || !tooBig(err) || len(docs) < 2 {
		return res, err
	}
	half := len(docs) / 2
	res, err = s.writeSplitting(ctx, docs[:half])
	if err != nil {
		return res, err
	}
	more, err := s.writeSplitting(ctx, docs[half:])
	res.Add(more)
	return res, err
}

// prepare puts symmetric relations in canonical order and keeps one piece of
// evidence per (edge, sentence), the first, as the store contract says.
func prepare(d graph.Document) graph.Document {
	return graph.Document{Article: d.Article, Entities: d.Entities, Relations: d.Evidence()}
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
	stored, mentioned, err := lockArticles(ctx, tx, ids)
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

	// Fast path: when no stored article is replaced, nothing is read before
	// the entities are upserted, and stmtUpsertEntities locks them itself,
	// in the same id order, so the separate locking pass is left out.
	if len(replaced) > 0 || s.before {
		involved := map[string]bool{}
		for _, id := range replaced {
			for _, e := range mentioned[id] {
				involved[e] = true
			}
		}
		for _, d := range final {
			for _, e := range d.Entities {
				involved[e.ID] = true
			}
		}
		if err := consume(ctx, tx, stmtLockEntities, map[string]any{"ids": slices.Sorted(maps.Keys(involved))}); err != nil {
			return res, err
		}
	}

	// Entities the replaced versions mentioned are recomputed from all
	// their mentions; the others only gain what the new articles say.
	removed, err := s.removeArticles(ctx, tx, replaced)
	if err != nil {
		return res, err
	}
	written := make([]graph.Document, 0, len(writeIDs))
	for _, id := range writeIDs {
		written = append(written, final[id])
	}
	if err := s.insert(ctx, tx, written, removed); err != nil {
		return res, err
	}
	return res, s.recomputeEntities(ctx, tx, removed)
}

// entityAdditions sums up, per entity not in skip, what docs (in article-id
// order) say of it, in the rows stmtUpsertEntities takes.
func entityAdditions(docs []graph.Document, skip map[string]bool) []map[string]any {
	type addition struct {
		values, articles             []string // per attribute of attributeList
		mentions                     int64
		aliases, roles, keys         []string
		seenAlias, seenRole, seenKey map[string]bool
	}
	adds := map[string]*addition{}
	var order []string
	for _, d := range docs {
		for _, e := range d.Entities {
			if skip[e.ID] {
				continue
			}
			a := adds[e.ID]
			if a == nil {
				a = &addition{values: make([]string, 6), articles: make([]string, 6),
					seenAlias: map[string]bool{}, seenRole: map[string]bool{}, seenKey: map[string]bool{}}
				adds[e.ID] = a
				order = append(order, e.ID)
			}
			for i, v := range []string{e.Name, string(e.Type), e.Wikidata, e.ISO, e.Category, e.Kind} {
				if a.values[i] == "" && v != "" {
					a.values[i], a.articles[i] = v, d.Article.ID
				}
			}
			a.mentions += int64(e.Mentions)
			a.aliases = appendNew(a.aliases, a.seenAlias, e.Aliases...)
			a.roles = appendNew(a.roles, a.seenRole, e.Roles...)
			a.keys = appendNew(a.keys, a.seenKey, lookupKeys(e)...)
		}
	}
	sort.Strings(order)
	rows := make([]map[string]any, 0, len(order))
	for _, id := range order {
		a := adds[id]
		rows = append(rows, map[string]any{"id": id, "values": a.values, "articles": a.articles,
			"mentions": a.mentions, "aliases": nonNil(a.aliases), "roles": nonNil(a.roles), "keys": nonNil(a.keys)})
	}
	return rows
}

func appendNew(list []string, seen map[string]bool, vs ...string) []string {
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			list = append(list, v)
		}
	}
	return list
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// lockArticles locks the stored articles among ids and returns their hashes
// and the entities each mentions.
func lockArticles(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]string, map[string][]string, error) {
	ids = slices.Sorted(slices.Values(ids))
	res, err := txRun(ctx, tx, stmtLockArticles, map[string]any{"ids": slices.Compact(ids)})
	if err != nil {
		return nil, nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, nil, err
	}
	hashes := make(map[string]string, len(recs))
	mentioned := make(map[string][]string, len(recs))
	for _, r := range recs {
		id := str(r.Values[0])
		hashes[id] = str(r.Values[1])
		mentioned[id] = strs(r.Values[2])
	}
	return hashes, mentioned, nil
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

// insert writes the documents' articles, entities, mentions and evidence.
// None of the articles is in the graph when it runs. Entities in skip are
// left alone: they are recomputed from all their mentions afterwards.
func (s *Store) insert(ctx context.Context, tx neo4j.ManagedTransaction, docs []graph.Document, skip map[string]bool) error {
	upsert := stmtUpsertEntities
	if s.before {
		upsert = s.beforeUpsert
	}
	if err := s.batches(ctx, tx, upsert, entityAdditions(docs, skip)); err != nil {
		return err
	}
	articles := make([]map[string]any, 0, len(docs))
	for _, d := range docs {
		articles = append(articles, articleWithMentions(d))
	}
	if err := s.batches(ctx, tx, stmtCreateArticles, articles); err != nil {
		return err
	}
	rows := relationRows(docs)
	for _, t := range graph.RelationTypes {
		if err := s.batches(ctx, tx, stmtRelations[t], rows[t]); err != nil {
			return err
		}
	}
	return nil
}

// recomputeEntities deletes the entities of ids no article mentions any more
// and recomputes the properties and type label of the others.
func (s *Store) recomputeEntities(ctx context.Context, tx neo4j.ManagedTransaction, touched map[string]bool) error {
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
		if err := consume(ctx, tx, stmtRecomputeEntities, map[string]any{"ids": batch}); err != nil {
			return err
		}
	}
	return nil
}

// batches runs an UNWIND $rows statement over rows, BatchRows at a time.
func (s *Store) batches(ctx context.Context, tx neo4j.ManagedTransaction, stmt string, rows []map[string]any) error {
	for start := 0; start < len(rows); start += s.cfg.BatchRows {
		params := map[string]any{"rows": rows[start:min(start+s.cfg.BatchRows, len(rows))]}
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

// articleWithMentions is d's row for stmtCreateArticles.
func articleWithMentions(d graph.Document) map[string]any {
	mentions := make([]map[string]any, 0, len(d.Entities))
	for _, e := range d.Entities {
		mentions = append(mentions, map[string]any{"id": e.ID, "props": mentionProps(e)})
	}
	return map[string]any{"props": articleRow(d.Article), "mentions": mentions}
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

// relationRows gathers the evidence of the documents' relations, one row
// per edge with parallel lists and their aggregates, so that each edge is
// merged once per statement. Rows are grouped by type and sorted by
// endpoints.
func relationRows(docs []graph.Document) map[graph.RelationType][]map[string]any {
	type evidence struct {
		articles, sentences, origins, rules, properties, cameos []string
		confidences                                             []float64
		confidence                                              float64
		origin                                                  graph.Origin
	}
	edges := map[graph.RelationKey]*evidence{}
	var keys []graph.RelationKey
	for _, d := range docs {
		for _, r := range d.Relations {
			k := r.Key()
			ev := edges[k]
			if ev == nil {
				ev = &evidence{confidence: r.Confidence, origin: r.Origin}
				edges[k] = ev
				keys = append(keys, k)
			}
			ev.articles = append(ev.articles, d.Article.ID)
			ev.sentences = append(ev.sentences, r.Sentence)
			ev.confidences = append(ev.confidences, r.Confidence)
			ev.origins = append(ev.origins, string(r.Origin))
			ev.rules = append(ev.rules, r.Rule)
			ev.properties = append(ev.properties, propertiesJSON(r.Properties))
			ev.cameos = append(ev.cameos, r.CAMEO)
			ev.confidence = max(ev.confidence, r.Confidence)
			if r.Origin == graph.OriginText {
				ev.origin = graph.OriginText
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Type < b.Type
	})
	rows := map[graph.RelationType][]map[string]any{}
	for _, k := range keys {
		ev := edges[k]
		props := map[string]any{
			"articles": ev.articles, "sentences": ev.sentences, "confidences": ev.confidences,
			"origins": ev.origins, "rules": ev.rules, "properties": ev.properties, "cameos": ev.cameos,
			"count": int64(len(ev.articles)), "confidence": ev.confidence, "origin": string(ev.origin),
		}
		putString(props, "cameo", k.Type.CAMEO())
		rows[k.Type] = append(rows[k.Type], map[string]any{"source": k.Source, "target": k.Target, "props": props})
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
	found, err := retrying(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) (bool, error) {
		stored, mentioned, err := lockArticles(ctx, tx, []string{articleID})
		if err != nil || len(stored) == 0 {
			return false, err
		}
		if err := consume(ctx, tx, stmtLockEntities, map[string]any{"ids": slices.Sorted(slices.Values(mentioned[articleID]))}); err != nil {
			return false, err
		}
		touched, err := s.removeArticles(ctx, tx, []string{articleID})
		if err != nil {
			return false, err
		}
		return true, s.recomputeEntities(ctx, tx, touched)
	})
	if err != nil {
		return false, fmt.Errorf("neo4j at %s: forget %q: %w", s.uri, articleID, err)
	}
	return found, nil
}

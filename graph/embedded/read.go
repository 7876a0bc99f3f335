package embedded

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/newsgraph/kg/graph"
)

// querier is what reads need: the database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readTx runs fn in a read-only transaction, so that it sees one snapshot
// (WAL readers do not block the writer).
func (s *Store) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("embedded: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

const articleColumns = "id, title, source, url, published, hash"

func scanArticle(rows *sql.Rows) (graph.Article, error) {
	var a graph.Article
	err := rows.Scan(&a.ID, &a.Title, &a.Source, &a.URL, &a.Published, &a.Hash)
	return a, err
}

// documentsPage is how many articles Documents holds in memory at a time.
const documentsPage = 256

// Documents calls fn with each article's facts as written, in article-id
// order, from one snapshot. Articles are read a page at a time (keyset on
// id), so memory does not grow with the store.
func (s *Store) Documents(ctx context.Context, fn func(graph.Document) error) error {
	return s.readTx(ctx, func(tx *sql.Tx) error {
		after := "" // ids are never empty (Validate)
		for {
			articles, err := collect(ctx, tx, scanArticle,
				"SELECT "+articleColumns+" FROM articles WHERE id > ? ORDER BY id LIMIT ?", after, documentsPage)
			if err != nil {
				return err
			}
			for _, a := range articles {
				d := graph.Document{Article: a}
				if d.Entities, err = collect(ctx, tx, scanMention,
					"SELECT "+mentionColumns+" FROM article_mentions WHERE article_id = ? ORDER BY entity_id", a.ID); err != nil {
					return err
				}
				if d.Relations, err = collect(ctx, tx, scanRelation,
					"SELECT "+relationColumns+" FROM article_evidence WHERE article_id = ? ORDER BY source, type, target, sentence", a.ID); err != nil {
					return err
				}
				if err := fn(d); err != nil {
					return err
				}
			}
			if len(articles) < documentsPage {
				return nil
			}
			after = articles[len(articles)-1].ID
		}
	})
}

const mentionColumns = "entity_id, type, name, aliases, count, wikidata, iso, category, kind, roles"

// scanMention reads one article's description of an entity.
func scanMention(rows *sql.Rows) (graph.Entity, error) {
	var e graph.Entity
	var aliases, roles string
	err := rows.Scan(&e.ID, &e.Type, &e.Name, &aliases, &e.Mentions, &e.Wikidata, &e.ISO, &e.Category, &e.Kind, &roles)
	if err == nil {
		err = decodeJSON(aliases, &e.Aliases)
	}
	if err == nil {
		err = decodeJSON(roles, &e.Roles)
	}
	return e, err
}

const relationColumns = "source, type, target, sentence, confidence, origin, rule, cameo, properties"

func scanRelation(rows *sql.Rows) (graph.Relation, error) {
	var r graph.Relation
	var props string
	err := rows.Scan(&r.Source, &r.Type, &r.Target, &r.Sentence, &r.Confidence, &r.Origin, &r.Rule, &r.CAMEO, &props)
	if err == nil {
		err = decodeJSON(props, &r.Properties)
	}
	return r, err
}

// Stats counts what the store holds. An entity's type is the one its
// smallest-id article gives, as everywhere else.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&st.Articles); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM mentions").Scan(&st.Mentions); err != nil {
			return err
		}
		type count struct {
			typ string
			n   int
		}
		scanCount := func(rows *sql.Rows) (c count, err error) { err = rows.Scan(&c.typ, &c.n); return c, err }
		entities, err := collect(ctx, tx, scanCount, `
			SELECT type, count(*) FROM (
				SELECT type, row_number() OVER (PARTITION BY entity_id ORDER BY article_id) AS nth FROM article_mentions)
			WHERE nth = 1 GROUP BY type`)
		if err != nil {
			return err
		}
		for _, c := range entities {
			st.Entities[graph.EntityType(c.typ)] = c.n
		}
		relations, err := collect(ctx, tx, scanCount,
			"SELECT type, count(*) FROM (SELECT DISTINCT source, type, target FROM evidence) GROUP BY type")
		for _, c := range relations {
			st.Relations[graph.RelationType(c.typ)] = c.n
		}
		return err
	})
	if err != nil {
		return graph.Stats{}, fmt.Errorf("embedded: stats: %w", err)
	}
	return st, nil
}

// Lookup finds entities by name or alias, case-insensitively. Candidates
// come from name_keys, which holds every name any article used; only those
// whose merged name or aliases match are kept.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.EntityDetail, error) {
	var out []graph.EntityDetail
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		key := lookupKey(name)
		ids, err := collect(ctx, tx, scanString, "SELECT DISTINCT x.id FROM name_keys k JOIN entity_ids x ON x.n = k.entity WHERE k.key = ? ORDER BY x.id", key)
		if err != nil {
			return err
		}
		for _, id := range ids {
			e, err := mergedEntity(ctx, tx, id)
			if err != nil {
				return err
			}
			if lookupKey(e.Name) != key && !slices.ContainsFunc(e.Aliases, func(a string) bool { return lookupKey(a) == key }) {
				continue
			}
			d, err := detail(ctx, tx, e)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("embedded: lookup %q: %w", name, err)
	}
	return out, nil
}

// mergedEntity is the entity as all its articles describe it together:
// attributes from the smallest article id that gives one, aliases and roles
// united, mentions summed.
func mergedEntity(ctx context.Context, q querier, id string) (graph.Entity, error) {
	views, err := collect(ctx, q, scanMention,
		"SELECT "+mentionColumns+" FROM article_mentions WHERE entity_id = ? ORDER BY article_id", id)
	if err != nil {
		return graph.Entity{}, err
	}
	merged := graph.Entity{ID: id}
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	for _, v := range views {
		first((*string)(&merged.Type), string(v.Type))
		first(&merged.Name, v.Name)
		first(&merged.Wikidata, v.Wikidata)
		first(&merged.ISO, v.ISO)
		first(&merged.Category, v.Category)
		first(&merged.Kind, v.Kind)
		merged.Aliases = append(merged.Aliases, v.Aliases...)
		merged.Roles = append(merged.Roles, v.Roles...)
		merged.Mentions += v.Mentions
	}
	merged.Aliases = sortedSet(merged.Aliases)
	merged.Roles = sortedSet(merged.Roles)
	return merged, nil
}

func sortedSet(s []string) []string {
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) == 0 {
		return nil
	}
	return s
}

// detail adds an entity's articles and the edges touching it.
func detail(ctx context.Context, q querier, e graph.Entity) (graph.EntityDetail, error) {
	d := graph.EntityDetail{Entity: e}
	var err error
	d.Articles, err = collect(ctx, q, scanArticle, `
		SELECT a.id, a.title, a.source, a.url, a.published, a.hash
		FROM entity_ids x JOIN mentions m ON m.entity = x.n JOIN articles a ON a.n = m.article WHERE x.id = ? ORDER BY a.id`, e.ID)
	if err != nil {
		return d, err
	}
	type row struct {
		graph.Relation
		article string
	}
	rows, err := collect(ctx, q, func(rows *sql.Rows) (row, error) {
		var r row
		var props string
		err := rows.Scan(&r.article, &r.Source, &r.Type, &r.Target, &r.Sentence, &r.Confidence, &r.Origin, &r.Rule, &props)
		if err == nil {
			err = decodeJSON(props, &r.Properties)
		}
		return r, err
	}, `
		SELECT article_id, source, type, target, sentence, confidence, origin, rule, properties FROM article_evidence WHERE source = ?1
		UNION ALL
		SELECT article_id, source, type, target, sentence, confidence, origin, rule, properties FROM article_evidence WHERE target = ?1 AND source <> ?1
		ORDER BY source, type, target, article_id, sentence`, e.ID)
	if err != nil {
		return d, err
	}
	names := map[string]string{e.ID: e.Name}
	name := func(id string) (string, error) {
		if n, ok := names[id]; ok {
			return n, nil
		}
		var n sql.NullString
		err := q.QueryRowContext(ctx,
			"SELECT name FROM article_mentions WHERE entity_id = ? AND name <> '' ORDER BY article_id LIMIT 1", id).Scan(&n)
		if err != nil && err != sql.ErrNoRows {
			return "", err
		}
		names[id] = n.String
		return n.String, nil
	}
	for _, r := range rows {
		k := r.Key()
		if n := len(d.Relations); n == 0 || d.Relations[n-1].Key != k {
			rd := graph.RelationDetail{Key: k, CAMEO: k.Type.CAMEO(), Confidence: r.Confidence}
			if rd.SourceName, err = name(k.Source); err != nil {
				return d, err
			}
			if rd.TargetName, err = name(k.Target); err != nil {
				return d, err
			}
			d.Relations = append(d.Relations, rd)
		}
		rd := &d.Relations[len(d.Relations)-1]
		rd.Confidence = max(rd.Confidence, r.Confidence)
		rd.Evidence = append(rd.Evidence, graph.Evidence{ArticleID: r.article, Sentence: r.Sentence,
			Confidence: r.Confidence, Origin: r.Origin, Rule: r.Rule, Properties: r.Properties})
	}
	return d, nil
}

// collect runs a query and scans every row with scan.
func collect[T any](ctx context.Context, q querier, scan func(*sql.Rows) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanString(rows *sql.Rows) (s string, err error) { err = rows.Scan(&s); return s, err }

// decodeJSON reads a JSON list or map column; empty ones decode to nil.
func decodeJSON[T []string | map[string]string](text string, dst *T) error {
	if text == "" || text == "[]" || text == "{}" {
		return nil
	}
	return json.Unmarshal([]byte(text), dst)
}

package embedded

import (
	"context"
	"database/sql"
	"fmt"
)

// migrateV1 rewrites a schema-1 file (text article ids in every row, one
// sentence copy per relation, rowid tables) into the current layout, inside
// the caller's transaction: a crash leaves the old file as it was. The old
// tables are renamed out of the way (SQLite rewrites their foreign keys to
// follow), the current schema is created, the rows are copied and the old
// tables dropped, children first.
func migrateV1(ctx context.Context, tx *sql.Tx) error {
	steps := []string{
		"DROP VIEW IF EXISTS entities",
		"DROP VIEW IF EXISTS relations",
		"DROP INDEX IF EXISTS mentions_by_entity",
		"DROP INDEX IF EXISTS name_keys_by_key",
		"DROP INDEX IF EXISTS evidence_by_source",
		"DROP INDEX IF EXISTS evidence_by_target",
		"ALTER TABLE evidence RENAME TO v1_evidence",
		"ALTER TABLE name_keys RENAME TO v1_name_keys",
		"ALTER TABLE mentions RENAME TO v1_mentions",
		"ALTER TABLE articles RENAME TO v1_articles",
		schema,
		`INSERT INTO articles (id, title, source, url, published, hash)
			SELECT id, title, source, url, published, hash FROM v1_articles ORDER BY id`,
		`INSERT OR IGNORE INTO entity_ids (id) SELECT entity_id FROM v1_mentions ORDER BY entity_id`,
		`INSERT INTO mentions SELECT a.n, x.n, m.type, m.name, m.aliases, m.count, m.wikidata, m.iso, m.category, m.kind, m.roles
			FROM v1_mentions m JOIN articles a ON a.id = m.article_id JOIN entity_ids x ON x.id = m.entity_id`,
		`INSERT INTO name_keys SELECT a.n, x.n, k.key FROM v1_name_keys k JOIN articles a ON a.id = k.article_id JOIN entity_ids x ON x.id = k.entity_id`,
		`INSERT INTO sentences SELECT a.n, row_number() OVER (PARTITION BY s.article_id ORDER BY s.sentence), s.sentence
			FROM (SELECT DISTINCT article_id, sentence FROM v1_evidence) s JOIN articles a ON a.id = s.article_id`,
		`INSERT INTO evidence SELECT a.n, xs.n, e.type, xt.n, s.n, e.confidence, e.origin, e.rule, e.cameo, e.properties
			FROM v1_evidence e JOIN articles a ON a.id = e.article_id JOIN sentences s ON s.article = a.n AND s.text = e.sentence
			JOIN entity_ids xs ON xs.id = e.source JOIN entity_ids xt ON xt.id = e.target`,
		"DROP TABLE v1_evidence",
		"DROP TABLE v1_name_keys",
		"DROP TABLE v1_mentions",
		"DROP TABLE v1_articles",
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("embedded: migrate schema 1 to %d: %w", schemaVersion, err)
		}
	}
	return nil
}

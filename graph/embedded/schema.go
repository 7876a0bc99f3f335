package embedded

import (
	"context"
	"fmt"
)

// schemaVersion is stored in PRAGMA user_version. A file written by a newer
// kg is refused rather than misread.
const schemaVersion = 1

// schema is the whole database layout; see the package documentation.
// Every statement is idempotent so that Init can run on every Open.
const schema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
	id        TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	source    TEXT NOT NULL,
	url       TEXT NOT NULL,
	published TEXT NOT NULL,
	hash      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS mentions (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	entity_id  TEXT NOT NULL,
	type       TEXT NOT NULL,
	name       TEXT NOT NULL,
	aliases    TEXT NOT NULL,
	count      INTEGER NOT NULL,
	wikidata   TEXT NOT NULL,
	iso        TEXT NOT NULL,
	category   TEXT NOT NULL,
	kind       TEXT NOT NULL,
	roles      TEXT NOT NULL,
	PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity_id, article_id);

CREATE TABLE IF NOT EXISTS name_keys (
	article_id TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	key        TEXT NOT NULL,
	PRIMARY KEY (article_id, entity_id, key),
	FOREIGN KEY (article_id, entity_id) REFERENCES mentions(article_id, entity_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS name_keys_by_key ON name_keys(key);

CREATE TABLE IF NOT EXISTS evidence (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	source     TEXT NOT NULL,
	type       TEXT NOT NULL,
	target     TEXT NOT NULL,
	sentence   TEXT NOT NULL,
	confidence REAL NOT NULL,
	origin     TEXT NOT NULL CHECK (origin IN ('text', 'gazetteer')),
	rule       TEXT NOT NULL,
	cameo      TEXT NOT NULL,
	properties TEXT NOT NULL,
	PRIMARY KEY (article_id, source, type, target, sentence),
	FOREIGN KEY (article_id, source) REFERENCES mentions(article_id, entity_id) ON DELETE CASCADE,
	FOREIGN KEY (article_id, target) REFERENCES mentions(article_id, entity_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS evidence_by_source ON evidence(source, type, target);
CREATE INDEX IF NOT EXISTS evidence_by_target ON evidence(target, article_id);

-- Views for people browsing the file; the store itself reads the tables.
CREATE VIEW IF NOT EXISTS entities AS
SELECT m.entity_id AS id,
	(SELECT x.type FROM mentions x WHERE x.entity_id = m.entity_id ORDER BY x.article_id LIMIT 1) AS type,
	coalesce((SELECT x.name FROM mentions x WHERE x.entity_id = m.entity_id AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS name,
	(SELECT json_group_array(value) FROM (SELECT DISTINCT j.value FROM mentions x, json_each(x.aliases) j
		WHERE x.entity_id = m.entity_id ORDER BY j.value)) AS aliases,
	sum(m.count) AS mentions,
	count(*) AS articles,
	coalesce((SELECT x.wikidata FROM mentions x WHERE x.entity_id = m.entity_id AND x.wikidata <> '' ORDER BY x.article_id LIMIT 1), '') AS wikidata,
	coalesce((SELECT x.iso FROM mentions x WHERE x.entity_id = m.entity_id AND x.iso <> '' ORDER BY x.article_id LIMIT 1), '') AS iso,
	coalesce((SELECT x.category FROM mentions x WHERE x.entity_id = m.entity_id AND x.category <> '' ORDER BY x.article_id LIMIT 1), '') AS category,
	coalesce((SELECT x.kind FROM mentions x WHERE x.entity_id = m.entity_id AND x.kind <> '' ORDER BY x.article_id LIMIT 1), '') AS kind
FROM mentions m GROUP BY m.entity_id;

CREATE VIEW IF NOT EXISTS relations AS
SELECT e.source,
	coalesce((SELECT x.name FROM mentions x WHERE x.entity_id = e.source AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS source_name,
	e.type,
	e.target,
	coalesce((SELECT x.name FROM mentions x WHERE x.entity_id = e.target AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS target_name,
	max(e.confidence) AS confidence,
	count(*) AS evidence,
	group_concat(DISTINCT e.article_id) AS articles,
	group_concat(DISTINCT e.origin) AS origins
FROM evidence e GROUP BY e.source, e.type, e.target;
`

// Init creates the schema. It is idempotent, and refuses a file whose
// schema is newer than this code.
func (s *Store) Init(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("embedded: read schema version: %w", err)
	}
	if version > schemaVersion {
		return fmt.Errorf("embedded: %s has schema version %d, this kg knows up to %d", s.path, version, schemaVersion)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("embedded: init: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("embedded: create schema: %w", err)
	}
	// PRAGMA takes no parameters; the value is a constant of this package.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("embedded: set schema version: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("embedded: init: %w", err)
	}
	return nil
}

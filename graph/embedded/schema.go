package embedded

import (
	"context"
	"fmt"
)

// schemaVersion is stored in PRAGMA user_version. A file written by a newer
// kg is refused rather than misread; an older one is migrated (migrate.go).
const schemaVersion = 2

// schema is the whole database layout; see the package documentation.
// Every statement is idempotent so that Init can run on every Open.
//
// Sized for bulk imports: the per-article tables are WITHOUT ROWID (the
// primary key is the table, not a second b-tree beside it), they refer to
// their article and entities by integer keys rather than repeating text ids
// in every row and index entry, and an evidence sentence is stored once per
// article however many relations it states.
const schema = `
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS articles (
	n         INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL,
	source    TEXT NOT NULL,
	url       TEXT NOT NULL,
	published TEXT NOT NULL,
	hash      TEXT NOT NULL
);

-- A dictionary of entity ids: rows are added, never changed or removed
-- (an entity exists while a mention of it does).
CREATE TABLE IF NOT EXISTS entity_ids (
	n  INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS mentions (
	article   INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
	entity    INTEGER NOT NULL,
	type      TEXT NOT NULL,
	name      TEXT NOT NULL,
	aliases   TEXT NOT NULL,
	count     INTEGER NOT NULL,
	wikidata  TEXT NOT NULL,
	iso       TEXT NOT NULL,
	category  TEXT NOT NULL,
	kind      TEXT NOT NULL,
	roles     TEXT NOT NULL,
	PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(entity);

CREATE TABLE IF NOT EXISTS name_keys (
	article   INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
	entity    INTEGER NOT NULL,
	key       TEXT NOT NULL,
	PRIMARY KEY (article, entity, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_keys_by_key ON name_keys(key);

CREATE TABLE IF NOT EXISTS sentences (
	article INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
	n       INTEGER NOT NULL,
	text    TEXT NOT NULL,
	PRIMARY KEY (article, n)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS evidence (
	article    INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
	source     INTEGER NOT NULL,
	type       TEXT NOT NULL,
	target     INTEGER NOT NULL,
	sentence   INTEGER NOT NULL,
	confidence REAL NOT NULL,
	origin     TEXT NOT NULL CHECK (origin IN ('text', 'gazetteer')),
	rule       TEXT NOT NULL,
	cameo      TEXT NOT NULL,
	properties TEXT NOT NULL,
	PRIMARY KEY (article, source, type, target, sentence)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS evidence_by_source ON evidence(source, type, target);
CREATE INDEX IF NOT EXISTS evidence_by_target ON evidence(target);

-- The per-article tables with the article's text id and the sentence's
-- text: what the store reads, and what people browsing the file want.
CREATE VIEW IF NOT EXISTS article_mentions AS
SELECT a.id AS article_id, x.id AS entity_id, m.type, m.name, m.aliases, m.count, m.wikidata, m.iso, m.category, m.kind, m.roles
FROM mentions m JOIN articles a ON a.n = m.article JOIN entity_ids x ON x.n = m.entity;

CREATE VIEW IF NOT EXISTS article_evidence AS
SELECT a.id AS article_id, xs.id AS source, e.type, xt.id AS target, s.text AS sentence, e.confidence, e.origin, e.rule, e.cameo, e.properties
FROM evidence e JOIN articles a ON a.n = e.article JOIN sentences s ON s.article = e.article AND s.n = e.sentence
	JOIN entity_ids xs ON xs.n = e.source JOIN entity_ids xt ON xt.n = e.target;

CREATE VIEW IF NOT EXISTS article_name_keys AS
SELECT a.id AS article_id, x.id AS entity_id, k.key FROM name_keys k JOIN articles a ON a.n = k.article JOIN entity_ids x ON x.n = k.entity;

-- The merged graph, for people browsing the file.
CREATE VIEW IF NOT EXISTS entities AS
SELECT m.entity_id AS id,
	(SELECT x.type FROM article_mentions x WHERE x.entity_id = m.entity_id ORDER BY x.article_id LIMIT 1) AS type,
	coalesce((SELECT x.name FROM article_mentions x WHERE x.entity_id = m.entity_id AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS name,
	(SELECT json_group_array(value) FROM (SELECT DISTINCT j.value FROM article_mentions x, json_each(x.aliases) j
		WHERE x.entity_id = m.entity_id ORDER BY j.value)) AS aliases,
	sum(m.count) AS mentions,
	count(*) AS articles,
	coalesce((SELECT x.wikidata FROM article_mentions x WHERE x.entity_id = m.entity_id AND x.wikidata <> '' ORDER BY x.article_id LIMIT 1), '') AS wikidata,
	coalesce((SELECT x.iso FROM article_mentions x WHERE x.entity_id = m.entity_id AND x.iso <> '' ORDER BY x.article_id LIMIT 1), '') AS iso,
	coalesce((SELECT x.category FROM article_mentions x WHERE x.entity_id = m.entity_id AND x.category <> '' ORDER BY x.article_id LIMIT 1), '') AS category,
	coalesce((SELECT x.kind FROM article_mentions x WHERE x.entity_id = m.entity_id AND x.kind <> '' ORDER BY x.article_id LIMIT 1), '') AS kind
FROM article_mentions m GROUP BY m.entity_id;

CREATE VIEW IF NOT EXISTS relations AS
SELECT e.source,
	coalesce((SELECT x.name FROM article_mentions x WHERE x.entity_id = e.source AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS source_name,
	e.type,
	e.target,
	coalesce((SELECT x.name FROM article_mentions x WHERE x.entity_id = e.target AND x.name <> '' ORDER BY x.article_id LIMIT 1), '') AS target_name,
	max(e.confidence) AS confidence,
	count(*) AS evidence,
	group_concat(DISTINCT e.article_id) AS articles,
	group_concat(DISTINCT e.origin) AS origins
FROM article_evidence e GROUP BY e.source, e.type, e.target;
`

// Init creates the schema. It is idempotent, and refuses a file whose
// schema is newer than this code.
func (s *Store) Init(ctx context.Context) error {
	// A store at this version has its schema: creating it again changes
	// nothing, so it runs outside a write transaction. That way a store
	// that is read-only, or busy with another process's write, still opens
	// and can be read; a write then fails with a clear reason (writeErr).
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("embedded: read schema version: %w%s", err, hint(err))
	}
	if version > schemaVersion {
		return fmt.Errorf("embedded: %s has schema version %d, this kg knows up to %d", s.path, version, schemaVersion)
	}
	if version == schemaVersion {
		if _, err := s.db.ExecContext(ctx, schema); err != nil {
			return fmt.Errorf("embedded: create schema: %w%s", err, hint(err))
		}
		return nil
	}
	// The version is read again inside the (immediate, so exclusive) transaction:
	// two processes opening an old file at once migrate it once.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("embedded: init: %w%s", err, hint(err))
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("embedded: read schema version: %w", err)
	}
	if version > schemaVersion {
		return fmt.Errorf("embedded: %s has schema version %d, this kg knows up to %d", s.path, version, schemaVersion)
	}
	if version == 1 {
		if err := migrateV1(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("embedded: create schema: %w%s", err, hint(err))
	}
	// PRAGMA takes no parameters; the value is a constant of this package.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return fmt.Errorf("embedded: set schema version: %w%s", err, hint(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("embedded: init: %w%s", err, hint(err))
	}
	return nil
}

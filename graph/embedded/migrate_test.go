package embedded

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/newsgraph/kg/graph/storetest"
)

// A file written by the previous kg (schema 1) opens, is migrated in place
// and holds the same graph; writing to it afterwards works as on a new file.
func TestMigratesSchemaV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(schemaV1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	docs := storetest.Corpus(50)
	// The rows schema-1 kg wrote, by its own statements.
	for _, d := range docs {
		a := d.Article
		mustExec(t, db, "INSERT INTO articles (id, title, source, url, published, hash) VALUES (?, ?, ?, ?, ?, ?)",
			a.ID, a.Title, a.Source, a.URL, a.Published, a.Hash)
		for _, e := range d.Entities {
			mustExec(t, db, `INSERT INTO mentions (article_id, entity_id, type, name, aliases, count, wikidata, iso, category, kind, roles)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, e.ID, string(e.Type), e.Name, jsonText(e.Aliases),
				e.Mentions, e.Wikidata, e.ISO, e.Category, e.Kind, jsonText(e.Roles))
			for _, name := range append([]string{e.Name}, e.Aliases...) {
				mustExec(t, db, "INSERT OR IGNORE INTO name_keys (article_id, entity_id, key) VALUES (?, ?, ?)", a.ID, e.ID, lookupKey(name))
			}
		}
		for _, r := range d.Evidence() {
			mustExec(t, db, `INSERT INTO evidence (article_id, source, type, target, sentence, confidence, origin, rule, cameo, properties)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, r.Source, string(r.Type), r.Target, r.Sentence,
				r.Confidence, string(r.Origin), r.Rule, r.CAMEO, jsonText(r.Properties))
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatalf("opening a schema-1 file: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != schemaVersion {
		t.Fatalf("user_version %d (%v), want %d", version, err, schemaVersion)
	}
	model := storetest.NewModel()
	if _, err := model.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	storetest.Equal(t, s, model)

	// Replacing and forgetting work on the migrated rows.
	more := storetest.Corpus(60)
	if _, err := s.Write(context.Background(), more); err != nil {
		t.Fatal(err)
	}
	if _, err := model.Write(context.Background(), more); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{docs[0].Article.ID, docs[7].Article.ID} {
		if ok, err := s.Forget(context.Background(), id); err != nil || !ok {
			t.Fatalf("forget %s: %v %v", id, ok, err)
		}
		model.Forget(context.Background(), id)
	}
	storetest.Equal(t, s, model)
	var integrity string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check: %q %v", integrity, err)
	}
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

// schemaV1 is the layout kg wrote before schema version 2, verbatim.
const schemaV1 = `
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

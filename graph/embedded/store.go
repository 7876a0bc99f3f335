package embedded

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/newsgraph/kg/graph"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is a graph.Store in one SQLite file.
type Store struct {
	db   *sql.DB
	path string
}

var _ graph.Store = (*Store)(nil)

// Open opens (creating if needed) the store in the SQLite file at path and
// makes sure its schema exists. The file's directory must exist.
func Open(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("embedded: %w", err)
	}
	// A file: URI, so that any character in the path is escaped rather than
	// read as the start of the DSN's parameters.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)") // wait for another writer rather than fail
	q.Add("_pragma", "journal_mode(WAL)")   // readers never block the writer, nor it them
	q.Add("_pragma", "synchronous(NORMAL)") // with WAL: consistent after any crash, fsync at checkpoints
	q.Add("_pragma", "foreign_keys(1)")     // deleting an article cascades to its facts
	q.Set("_txlock", "immediate")           // writers take the lock up front: no upgrade deadlocks
	db, err := sql.Open("sqlite", u.String()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.Init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path is the file the store lives in, as given to Open.
func (s *Store) Path() string { return s.path }

// Close closes the database; the file stays consistent without it, but
// closing checkpoints the WAL into the main file.
func (s *Store) Close() error { return s.db.Close() }

// Write stores docs in one transaction; see graph.Store.
func (s *Store) Write(ctx context.Context, docs []graph.Document) (graph.WriteResult, error) {
	for _, d := range docs {
		if err := d.Validate(); err != nil {
			return graph.WriteResult{}, err
		}
	}
	if len(docs) == 0 {
		return graph.WriteResult{}, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return graph.WriteResult{}, fmt.Errorf("embedded: begin write: %w", err)
	}
	defer tx.Rollback()
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return graph.WriteResult{}, err
	}
	defer w.close()
	var res graph.WriteResult
	for _, d := range docs {
		r, err := w.write(ctx, d)
		if err != nil {
			return graph.WriteResult{}, fmt.Errorf("embedded: write article %q: %w", d.Article.ID, err)
		}
		res.Add(r)
	}
	if err := tx.Commit(); err != nil {
		return graph.WriteResult{}, fmt.Errorf("embedded: commit: %w", err)
	}
	return res, nil
}

// Forget removes an article; foreign keys cascade to its mentions, name
// keys and evidence, and entities and edges exist only through those.
func (s *Store) Forget(ctx context.Context, articleID string) (bool, error) {
	res, err := s.db.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", articleID)
	if err != nil {
		return false, fmt.Errorf("embedded: forget %q: %w", articleID, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// writer holds the statements of one Write transaction.
type writer struct {
	hash, deleteArticle, insertArticle, insertMention, insertKey, insertEvidence *sql.Stmt
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.hash, "SELECT hash FROM articles WHERE id = ?"},
		{&w.deleteArticle, "DELETE FROM articles WHERE id = ?"},
		{&w.insertArticle, "INSERT INTO articles (id, title, source, url, published, hash) VALUES (?, ?, ?, ?, ?, ?)"},
		{&w.insertMention, `INSERT INTO mentions (article_id, entity_id, type, name, aliases, count, wikidata, iso, category, kind, roles)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.insertKey, "INSERT OR IGNORE INTO name_keys (article_id, entity_id, key) VALUES (?, ?, ?)"},
		{&w.insertEvidence, `INSERT INTO evidence (article_id, source, type, target, sentence, confidence, origin, rule, cameo, properties)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, p.query)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("embedded: prepare: %w", err)
		}
		*p.stmt = st
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.hash, w.deleteArticle, w.insertArticle, w.insertMention, w.insertKey, w.insertEvidence} {
		if st != nil {
			st.Close()
		}
	}
}

// write replaces one article's facts, or skips it when the same text (a
// non-empty hash) is already stored.
func (w *writer) write(ctx context.Context, d graph.Document) (graph.WriteResult, error) {
	a := d.Article
	var res graph.WriteResult
	var oldHash string
	switch err := w.hash.QueryRowContext(ctx, a.ID).Scan(&oldHash); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return res, err
	case a.Hash != "" && oldHash == a.Hash:
		res.Skipped = 1
		return res, nil
	default:
		if _, err := w.deleteArticle.ExecContext(ctx, a.ID); err != nil {
			return res, err
		}
		res.Replaced = 1
	}
	res.Written = 1

	if _, err := w.insertArticle.ExecContext(ctx, a.ID, a.Title, a.Source, a.URL, a.Published, a.Hash); err != nil {
		return res, err
	}
	for _, e := range d.Entities {
		if _, err := w.insertMention.ExecContext(ctx, a.ID, e.ID, string(e.Type), e.Name, jsonText(e.Aliases),
			e.Mentions, e.Wikidata, e.ISO, e.Category, e.Kind, jsonText(e.Roles)); err != nil {
			return res, err
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			if _, err := w.insertKey.ExecContext(ctx, a.ID, e.ID, lookupKey(name)); err != nil {
				return res, err
			}
		}
	}
	for _, r := range d.Evidence() {
		if _, err := w.insertEvidence.ExecContext(ctx, a.ID, r.Source, string(r.Type), r.Target, r.Sentence,
			r.Confidence, string(r.Origin), r.Rule, r.CAMEO, jsonText(r.Properties)); err != nil {
			return res, err
		}
	}
	return res, nil
}

// lookupKey is the case-insensitive form names are matched by. It is
// computed here rather than with SQL lower(), which folds ASCII only.
func lookupKey(name string) string { return strings.ToLower(name) }

// jsonText encodes a list or map as JSON text, [] or {} when empty, without
// HTML escaping so that the file reads naturally in any SQLite tool.
func jsonText[T []string | map[string]string](v T) string {
	if len(v) == 0 {
		var zero T
		if _, isMap := any(zero).(map[string]string); isMap {
			return "{}"
		}
		return "[]"
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // lists and maps of strings always encode
	}
	return strings.TrimSuffix(b.String(), "\n")
}

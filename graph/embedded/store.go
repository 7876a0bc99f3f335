package embedded

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/newsgraph/kg/graph"
)

// Store is a graph.Store in one SQLite file.
type Store struct {
	db   *sql.DB
	path string

	// entityN caches entity_ids (id -> n). Its rows never change once
	// committed, so the cache stays true whatever other processes write;
	// it only holds what this Store's own committed writes saw.
	mu      sync.Mutex
	entityN map[string]int64
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
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())) // wait for another writer rather than fail
	q.Add("_pragma", "journal_mode(WAL)")                                         // readers never block the writer, nor it them
	q.Add("_pragma", "synchronous(NORMAL)")                                       // with WAL: consistent after any crash, fsync at checkpoints
	q.Add("_pragma", "foreign_keys(1)")                                           // deleting an article cascades to its facts
	q.Add("_pragma", "temp_store(MEMORY)")                                        // statement journals of multi-row inserts: no temp file writes
	q.Set("_txlock", "immediate")                                                 // writers take the lock up front: no upgrade deadlocks
	db, err := sql.Open("sqlite", u.String()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, entityN: map[string]int64{}}
	if err := s.Init(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// busyTimeout is how long a write waits for another process's write lock
// (another kg import commits one batch at a time, in well under a second)
// before it fails as busy.
const busyTimeout = 10 * time.Second

// writeErr names the store's file in a write error, with the likely cause
// when SQLite gives one (see hint).
func (s *Store) writeErr(op string, err error) error {
	return fmt.Errorf("embedded store %s: %s: %w%s", s.path, op, err, hint(err))
}

// hint says, for the SQLite failures an operator can act on, what is
// probably wrong: a full disk or a file-size limit (ulimit -f) make SQLite
// report SQLITE_FULL or SQLITE_IOERR_WRITE; a file, directory or file
// system without write permission SQLITE_READONLY (SQLite silently opens
// such a file read-only, so this shows at the first write); another
// process holding the write lock past busyTimeout SQLITE_BUSY.
func hint(err error) string {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Code() & 0xff { // the primary result code
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR:
		return " (is the disk full, or a file-size limit reached?)"
	case sqlite3.SQLITE_READONLY:
		return " (the store is read-only: the file, or its directory where SQLite keeps the -wal and -shm files, is not writable by this user, or the file system is mounted read-only)"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Sprintf(" (store busy: another process has held its write lock for over %s; is another kg import or a program with an open transaction using it? Try again when it is done)", busyTimeout)
	case sqlite3.SQLITE_CANTOPEN:
		return " (cannot open the file: does its directory exist, and may this user write there?)"
	}
	return ""
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
		return graph.WriteResult{}, s.writeErr("begin write", err)
	}
	defer tx.Rollback()
	w, err := prepareWriter(ctx, tx)
	if err != nil {
		return graph.WriteResult{}, err
	}
	defer w.close()
	s.mu.Lock()
	w.known = s.entityN
	s.mu.Unlock()
	var res graph.WriteResult
	for _, d := range docs {
		r, err := w.write(ctx, d)
		if err != nil {
			return graph.WriteResult{}, s.writeErr(fmt.Sprintf("write article %q", d.Article.ID), err)
		}
		res.Add(r)
	}
	if err := w.flush(ctx); err != nil {
		return graph.WriteResult{}, s.writeErr("write", err)
	}
	if err := tx.Commit(); err != nil {
		return graph.WriteResult{}, s.writeErr("commit", err)
	}
	if len(w.added) > 0 {
		s.mu.Lock()
		next := make(map[string]int64, len(s.entityN)+len(w.added))
		maps.Copy(next, s.entityN)
		maps.Copy(next, w.added)
		s.entityN = next // copy on write: a Write in progress keeps reading its own map
		s.mu.Unlock()
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

// writer holds the statements of one Write transaction, prepared once per
// call and reused for every row.
type writer struct {
	tx                                         *sql.Tx
	hash, deleteArticle, insertArticle, entity *sql.Stmt
	// The rows of mentions, name keys, sentences and evidence wait here
	// and go in as multi-row INSERTs (flush): one statement per few hundred
	// rows instead of one per row.
	mentions, keys, sentences, evidence *rowBuffer
	known                               map[string]int64 // committed entity_ids (read only)
	added                               map[string]int64 // entity_ids read or added by this transaction
}

// rowBuffer collects the rows of one INSERT statement.
type rowBuffer struct {
	head    string // INSERT ... INTO table (columns) VALUES
	columns int
	args    []any
	full    *sql.Stmt // prepared for rowsPerInsert rows, on first use
}

// rowsPerInsert rows go in one INSERT: large enough that the per-statement
// cost vanishes, small enough to stay far below SQLite's limit of 32,766
// parameters (11 columns x 256 rows = 2,816).
const rowsPerInsert = 256

func newRowBuffer(head string, columns int) *rowBuffer {
	return &rowBuffer{head: head, columns: columns}
}

func (b *rowBuffer) add(values ...any) { b.args = append(b.args, values...) }

// insertSQL is the statement for n rows: head (?, ?, ...), (?, ?, ...) ...
func (b *rowBuffer) insertSQL(n int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.columns), ", ") + ")"
	return b.head + " " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

func (b *rowBuffer) flush(ctx context.Context, tx *sql.Tx) error {
	per := rowsPerInsert * b.columns
	for len(b.args) >= per {
		if b.full == nil {
			st, err := tx.PrepareContext(ctx, b.insertSQL(rowsPerInsert))
			if err != nil {
				return err
			}
			b.full = st
		}
		if _, err := b.full.ExecContext(ctx, b.args[:per]...); err != nil {
			return err
		}
		b.args = b.args[per:]
	}
	if n := len(b.args) / b.columns; n > 0 {
		if _, err := tx.ExecContext(ctx, b.insertSQL(n), b.args...); err != nil {
			return err
		}
	}
	b.args = b.args[:0]
	return nil
}

func (b *rowBuffer) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// flush writes every buffered row.
func (w *writer) flush(ctx context.Context) error {
	for _, b := range []*rowBuffer{w.mentions, w.keys, w.sentences, w.evidence} {
		if err := b.flush(ctx, w.tx); err != nil {
			return err
		}
	}
	return nil
}

// entityN returns the integer key of an entity id, adding it to entity_ids
// when new.
func (w *writer) entityN(ctx context.Context, id string) (int64, error) {
	if n, ok := w.known[id]; ok {
		return n, nil
	}
	if n, ok := w.added[id]; ok {
		return n, nil
	}
	var n int64
	if err := w.entity.QueryRowContext(ctx, id).Scan(&n); err != nil {
		return 0, err
	}
	if w.added == nil {
		w.added = map[string]int64{}
	}
	w.added[id] = n
	return n, nil
}

func prepareWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{tx: tx,
		mentions:  newRowBuffer("INSERT INTO mentions (article, entity, type, name, aliases, count, wikidata, iso, category, kind, roles) VALUES", 11),
		keys:      newRowBuffer("INSERT OR IGNORE INTO name_keys (article, entity, key) VALUES", 3),
		sentences: newRowBuffer("INSERT INTO sentences (article, n, text) VALUES", 3),
		evidence:  newRowBuffer("INSERT INTO evidence (article, source, type, target, sentence, confidence, origin, rule, cameo, properties) VALUES", 10),
	}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.hash, "SELECT n, hash FROM articles WHERE id = ?"},
		{&w.deleteArticle, "DELETE FROM articles WHERE n = ?"},
		{&w.insertArticle, "INSERT INTO articles (id, title, source, url, published, hash) VALUES (?, ?, ?, ?, ?, ?)"},
		// DO UPDATE (a no-op) rather than DO NOTHING, so that RETURNING
		// gives the existing row's key too.
		{&w.entity, "INSERT INTO entity_ids (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET id = excluded.id RETURNING n"},
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
	for _, st := range []*sql.Stmt{w.hash, w.deleteArticle, w.insertArticle, w.entity} {
		if st != nil {
			st.Close()
		}
	}
	for _, b := range []*rowBuffer{w.mentions, w.keys, w.sentences, w.evidence} {
		b.close()
	}
}

// write replaces one article's facts, or skips it when the same text (a
// non-empty hash) is already stored.
func (w *writer) write(ctx context.Context, d graph.Document) (graph.WriteResult, error) {
	a := d.Article
	var res graph.WriteResult
	var oldN int64
	var oldHash string
	switch err := w.hash.QueryRowContext(ctx, a.ID).Scan(&oldN, &oldHash); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return res, err
	case a.Hash != "" && oldHash == a.Hash:
		res.Skipped = 1
		return res, nil
	default:
		// The old version's rows may still be buffered (the same article
		// twice in one call): write them, so that the delete takes them.
		if err := w.flush(ctx); err != nil {
			return res, err
		}
		if _, err := w.deleteArticle.ExecContext(ctx, oldN); err != nil {
			return res, err
		}
		res.Replaced = 1
	}
	res.Written = 1

	r, err := w.insertArticle.ExecContext(ctx, a.ID, a.Title, a.Source, a.URL, a.Published, a.Hash)
	if err != nil {
		return res, err
	}
	n, err := r.LastInsertId()
	if err != nil {
		return res, err
	}
	ents := make(map[string]int64, len(d.Entities))
	for _, e := range d.Entities {
		en, err := w.entityN(ctx, e.ID)
		if err != nil {
			return res, err
		}
		ents[e.ID] = en
		w.mentions.add(n, en, string(e.Type), e.Name, jsonText(e.Aliases),
			e.Mentions, e.Wikidata, e.ISO, e.Category, e.Kind, jsonText(e.Roles))
		w.keys.add(n, en, lookupKey(e.Name))
		for _, name := range e.Aliases {
			w.keys.add(n, en, lookupKey(name))
		}
	}
	// Each distinct sentence once, numbered in order of first use.
	sentences := map[string]int{}
	for _, r := range d.Evidence() {
		sn, ok := sentences[r.Sentence]
		if !ok {
			sn = len(sentences) + 1
			sentences[r.Sentence] = sn
			w.sentences.add(n, sn, r.Sentence)
		}
		// Validate made sure both endpoints are among the entities.
		w.evidence.add(n, ents[r.Source], string(r.Type), ents[r.Target], sn,
			r.Confidence, string(r.Origin), r.Rule, r.CAMEO, jsonText(r.Properties))
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

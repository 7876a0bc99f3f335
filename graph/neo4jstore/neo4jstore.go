// Package neo4jstore is the Neo4j backend of graph.Store.
//
// The graph it keeps (see docs/cypher-cookbook.md for queries over it):
//
//	(:Entity:<Type> {id, name, aliases, mentions, wikidata, iso, category, kind, roles, keys, attr_articles})
//	(:Article {id, title, source, url, published, hash})-[:MENTIONS {count, name, type, aliases, ...}]->(:Entity)
//	(:Entity)-[:<RELATION_TYPE> {articles, sentences, confidences, origins, rules, properties, cameos,
//	                             count, confidence, origin, cameo}]->(:Entity)
//
// Each MENTIONS edge keeps what one article said of an entity, and each
// relationship keeps one entry per piece of evidence in parallel lists
// (articles[i], sentences[i], ...), so that a stored article can be rebuilt
// exactly (Documents) and replaced or forgotten exactly (Write, Forget).
// Entity properties and relationship aggregates follow the rules of
// graph/storetest: adding articles folds their facts into the stored
// aggregates (attr_articles remembers which article each single value came
// from); removing or replacing one recomputes the entities and edges it
// touched from the facts that remain.
//
// Labels and relationship types never come from input: statements are built
// once from graph.EntityTypes and graph.RelationTypes, and rows reach them
// only after validation. Values always travel as parameters.
//
// Writers lock the articles and entities they touch before reading them, so
// concurrent Write and Forget calls serialize where they overlap instead of
// losing updates. Failed transactions are retried for Config.RetryTime
// when the failure may pass (a restart, a lost connection, a deadlock):
// every write is idempotent.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/kg/graph"
)

// Config says which server to use and how patient to be with it.
type Config struct {
	URI      string // bolt://host:7687, neo4j://host, neo4j+s://xxx.databases.neo4j.io, ...
	Username string // "neo4j" when empty and a password is given
	Password string
	Database string // "" for the server's default database

	// ConnectTimeout bounds Open's connectivity check (default 15s).
	ConnectTimeout time.Duration
	// RetryTime is how long a write keeps retrying after transient and
	// connectivity errors, e.g. while the server restarts (default 2m).
	RetryTime time.Duration
	// TxTimeout bounds one attempt of one transaction or statement, on the
	// client (a deadline on every read of the connection) and on the server
	// (its transaction timeout), default 5m: a server that stops answering,
	// or a network that stalls, fails the attempt instead of hanging the
	// import forever; the attempt is retried within RetryTime.
	TxTimeout time.Duration
	// MaxTxRows caps the rows (entity mentions plus relations) one
	// transaction writes; a Write call with more is split, between whole
	// articles (default 50,000).
	MaxTxRows int
	// BatchRows is the number of rows sent per UNWIND statement (default 5,000).
	BatchRows int
}

// ConfigFromEnv reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
// NEO4J_DATABASE. Username defaults to "neo4j".
func ConfigFromEnv() Config {
	c := Config{
		URI:      os.Getenv("NEO4J_URI"),
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if c.Username == "" {
		c.Username = "neo4j"
	}
	return c
}

func (c Config) withDefaults() Config {
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 15 * time.Second
	}
	if c.RetryTime <= 0 {
		c.RetryTime = 2 * time.Minute
	}
	if c.TxTimeout <= 0 {
		c.TxTimeout = 5 * time.Minute
	}
	if c.MaxTxRows <= 0 {
		c.MaxTxRows = 50_000
	}
	if c.BatchRows <= 0 {
		c.BatchRows = 5_000
	}
	return c
}

// Store is a graph.Store on a Neo4j server. It is safe for concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
	uri    string // for messages: the URI without any user info
	// before makes Write work as it did before the issue-9 changes (the
	// separate entity lock pass for fresh articles too, and beforeUpsert
	// as the entity statement): BenchmarkWriters sets them to measure that
	// writer beside this one, in the same run.
	before       bool
	beforeUpsert string
}

var _ graph.Store = (*Store)(nil)

var supportedSchemes = []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}

// Open connects to the server, checks that it answers and accepts the
// credentials, and creates the schema (Init). Errors name the URI and the
// cause, never the password. A wrong password fails at once: authentication
// errors are not retried (the server would lock the account anyway).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	shown := redact(cfg.URI)
	if cfg.URI == "" {
		return nil, errors.New("neo4j: no server URI given (set NEO4J_URI, e.g. bolt://127.0.0.1:7687)")
	}
	u, err := url.Parse(cfg.URI)
	if err != nil || !contains(supportedSchemes, u.Scheme) || u.Host == "" {
		return nil, fmt.Errorf("neo4j at %s: not a Neo4j URI (want %s://host[:port])", shown, strings.Join(supportedSchemes, "|"))
	}
	auth := neo4j.NoAuth()
	if cfg.Password != "" && cfg.Username == "" {
		cfg.Username = "neo4j"
	}
	if cfg.Username != "" || cfg.Password != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = time.Minute
		// The driver's own retry of one transaction, short: writes are
		// retried again as a whole by Store (see again) up to
		// cfg.RetryTime, and a transaction too big for the server's memory
		// is split (see Write) rather than retried as is.
		c.MaxTransactionRetryTime = 5 * time.Second
		c.MaxConnectionPoolSize = 16
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j at %s: %w", shown, err)
	}
	s := &Store{driver: driver, cfg: cfg, uri: shown}

	vctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(vctx); err != nil {
		driver.Close(context.Background())
		return nil, s.describe(err, cfg.ConnectTimeout)
	}
	if err := s.Init(ctx); err != nil {
		driver.Close(context.Background())
		return nil, err
	}
	return s, nil
}

// describe turns a connection error into a message an operator can act on.
func (s *Store) describe(err error, timeout time.Duration) error {
	var nerr *neo4j.Neo4jError
	switch {
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.Unauthorized":
		return fmt.Errorf("neo4j at %s: authentication failed for user %q (check NEO4J_USERNAME and NEO4J_PASSWORD): %w",
			s.uri, s.cfg.Username, err)
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
		return fmt.Errorf("neo4j at %s: too many failed logins for user %q, the server has locked it for a while: %w",
			s.uri, s.cfg.Username, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("neo4j at %s: no answer within %s (is the server running?): %w", s.uri, timeout, err)
	}
	return fmt.Errorf("neo4j at %s: cannot connect: %w", s.uri, err)
}

// RedactURI drops user info (user:password@) from a URI, for messages and logs.
func RedactURI(uri string) string { return redact(uri) }

// redact drops user info (user:password@) from a URI for messages.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.User == nil {
		if i, j := strings.Index(uri, "://"), strings.LastIndex(uri, "@"); i >= 0 && j > i {
			return uri[:i+3] + uri[j+1:]
		}
		return uri
	}
	u.User = nil
	return u.String()
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Init creates the constraints and indexes, if they do not exist yet. Schema
// commands cannot share a transaction with data, so each runs on its own.
func (s *Store) Init(ctx context.Context) error {
	old, err := s.run(ctx, stmtKeysIndexSynchronous, nil)
	if err != nil {
		return fmt.Errorf("neo4j at %s: init schema: %w", s.uri, err)
	}
	if len(old) > 0 {
		if _, err := s.run(ctx, stmtDropKeysIndex, nil); err != nil {
			return fmt.Errorf("neo4j at %s: init schema: replacing index entity_keys: %w", s.uri, err)
		}
	}
	for _, stmt := range schemaStatements {
		if _, err := s.run(ctx, stmt, nil); err != nil {
			return fmt.Errorf("neo4j at %s: init schema: %w", s.uri, err)
		}
	}
	// Index population is asynchronous; wait so the first queries use them.
	// Within one attempt's TxTimeout (5 min by default).
	wait := max(1, int(s.cfg.TxTimeout.Seconds())-5)
	if _, err := s.run(ctx, "CALL db.awaitIndexes($seconds)", map[string]any{"seconds": wait}); err != nil {
		return fmt.Errorf("neo4j at %s: waiting for indexes: %w", s.uri, err)
	}
	return s.finishBulkImport(ctx)
}

// Close releases the driver's connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// URI is the server address, without credentials.
func (s *Store) URI() string { return s.uri }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
}

// run executes one idempotent auto-commit statement (schema commands, which
// cannot run in a transaction with data, and CALL IN TRANSACTIONS, which
// needs an auto-commit one), retrying like writes do.
func (s *Store) run(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	return again(ctx, s, func() ([]*neo4j.Record, error) {
		actx, cancel := context.WithTimeout(ctx, s.cfg.TxTimeout)
		defer cancel()
		sess := s.session(actx, neo4j.AccessModeWrite)
		defer closeSession(sess)
		res, err := sess.Run(actx, cypher, params, neo4j.WithTxTimeout(s.cfg.TxTimeout))
		if err == nil {
			var recs []*neo4j.Record
			recs, err = res.Collect(actx)
			if err == nil {
				return recs, nil
			}
		}
		return nil, s.timedOut(ctx, actx, err)
	})
}

// retrying runs a write transaction, and runs it again after errors that a
// server restart or a lost connection produce, until cfg.RetryTime has
// passed. The driver already retries transient errors inside ExecuteWrite,
// but gives up on a connection lost during commit (the outcome is unknown)
// and on transactions the shutting-down server terminated. Every write of
// this package is idempotent (re-running it after an unknown outcome gives
// the same graph), so retrying those is safe. Each attempt gets
// cfg.TxTimeout; work must use the context it is given, whose deadline
// makes every read of the connection give up.
func retrying[T any](ctx context.Context, s *Store, work func(context.Context, neo4j.ManagedTransaction) (T, error)) (T, error) {
	return again(ctx, s, func() (T, error) {
		actx, cancel := context.WithTimeout(ctx, s.cfg.TxTimeout)
		defer cancel()
		sess := s.session(actx, neo4j.AccessModeWrite)
		defer closeSession(sess)
		out, err := neo4j.ExecuteWrite(actx, sess, func(tx neo4j.ManagedTransaction) (T, error) {
			return work(actx, tx)
		}, neo4j.WithTxTimeout(s.cfg.TxTimeout))
		return out, s.timedOut(ctx, actx, err)
	})
}

// closeSession closes a session without waiting on a server that stopped
// answering (after a timed-out read the driver has closed the connection
// anyway).
func closeSession(sess neo4j.SessionWithContext) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess.Close(ctx)
}

// attemptTimeout is an attempt that ran out of Config.TxTimeout while the
// caller's context was still live: the server or the network is too slow
// or stalled. It may pass, so it is retried.
type attemptTimeout struct {
	limit time.Duration
	err   error
}

func (e *attemptTimeout) Error() string {
	return fmt.Sprintf("no answer within %s (the server or the network is too slow, or stalled; Config.TxTimeout): %v", e.limit, e.err)
}

func (e *attemptTimeout) Unwrap() error { return e.err }

// timedOut turns err into an attemptTimeout when the attempt's own
// deadline (actx), not the caller's context, ended it.
func (s *Store) timedOut(ctx, actx context.Context, err error) error {
	if err != nil && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return &attemptTimeout{limit: s.cfg.TxTimeout, err: err}
	}
	return err
}

// again calls fn until it succeeds, fails for a reason that will not go
// away by itself, or cfg.RetryTime has passed.
func again[T any](ctx context.Context, s *Store, fn func() (T, error)) (T, error) {
	deadline := time.Now().Add(s.cfg.RetryTime)
	wait := 500 * time.Millisecond
	for {
		out, err := fn()
		if err == nil || !retriable(err) || ctx.Err() != nil || time.Now().After(deadline) {
			return out, err
		}
		select {
		case <-ctx.Done():
			return out, err
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// retriable reports whether err may go away by itself (a restart, a lost
// connection, a transient server state) rather than being a bug or a
// refusal such as bad credentials, a constraint violation or a transaction
// too big for the server's memory.
func retriable(err error) bool {
	if tooBig(err) {
		return false
	}
	if neo4j.IsRetryable(err) {
		return true
	}
	var (
		slow  *attemptTimeout
		conn  *neo4j.ConnectivityError
		limit *neo4j.TransactionExecutionLimit
		nerr  *neo4j.Neo4jError
	)
	switch {
	case errors.As(err, &slow), errors.As(err, &conn), errors.As(err, &limit):
		return true
	case errors.As(err, &nerr):
		switch nerr.Code {
		case "Neo.ClientError.Transaction.Terminated", "Neo.ClientError.Transaction.LockClientStopped",
			// The server's side of TxTimeout: as slow as the attempt's own deadline.
			"Neo.ClientError.Transaction.TransactionTimedOut", "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
			return true
		case "Neo.ClientError.Schema.ConstraintValidationFailed":
			// Two writers created the same new article or entity at once;
			// run again, the loser sees the winner's node.
			return true
		}
		return nerr.IsRetriable()
	}
	return false
}

// tooBig reports whether err says a transaction needed more memory than the
// server allows one (dbms.memory.transaction.total.max and friends).
// Neo4j calls that transient, but the same transaction fails again.
func tooBig(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		err = limit.Errors[len(limit.Errors)-1]
	}
	var nerr *neo4j.Neo4jError
	return errors.As(err, &nerr) && strings.HasSuffix(nerr.Code, ".MemoryPoolOutOfMemoryError")
}

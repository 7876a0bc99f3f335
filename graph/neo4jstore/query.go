package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Result is the answer to a Query, made of plain values (strings, int64,
// float64, bool, nil, []any, map[string]any) that encode to JSON as is.
type Result struct {
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	// Counters says what a writing query changed ("nodes_created": 2, ...);
	// empty for reads.
	Counters map[string]int `json:"counters,omitempty"`
}

// Query runs one Cypher statement for `kg query`, with its values passed in
// params, and returns all its rows.
//
// It runs as an auto-commit transaction in write mode, so it may read or
// write, and `CALL { ... } IN TRANSACTIONS` works (it is refused inside
// explicit transactions). Auto-commit statements are not retried: a query
// that fails on a transient error reports it and may simply be run again.
//
// Values are converted for printing: a node becomes {elementId, labels,
// properties}, a relationship {elementId, type, start, end, properties}, a
// path {nodes, relationships}, temporal values ISO-8601 strings, points
// {srid, x, y[, z]}.
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any) (Result, error) {
	return s.QueryAccess(ctx, cypher, params, true)
}

// ErrReadOnly marks a query refused because it writes in a read-only
// session (`kg query` without --write).
var ErrReadOnly = errors.New("the query writes, and the session is read-only")

// QueryAccess is Query in a session of read access mode unless write, as
// cypher-shell's --access-mode: the server refuses a query that writes
// (ErrReadOnly).
func (s *Store) QueryAccess(ctx context.Context, cypher string, params map[string]any, write bool) (Result, error) {
	mode := neo4j.AccessModeRead
	if write {
		mode = neo4j.AccessModeWrite
	}
	out, err := s.query(ctx, cypher, params, mode)
	var ne *neo4j.Neo4jError
	if err != nil && !write && errors.As(err, &ne) && (ne.Code == "Neo.ClientError.Statement.AccessMode" || strings.Contains(ne.Msg, "read access mode")) {
		return Result{}, fmt.Errorf("neo4j at %s: %w (%s)", s.uri, ErrReadOnly, ne.Msg)
	}
	return out, err
}

func (s *Store) query(ctx context.Context, cypher string, params map[string]any, mode neo4j.AccessMode) (Result, error) {
	sess := s.session(ctx, mode)
	defer sess.Close(context.Background())
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return Result{}, fmt.Errorf("neo4j at %s: query: %w", s.uri, err)
	}
	keys, err := res.Keys()
	if err != nil {
		return Result{}, fmt.Errorf("neo4j at %s: query: %w", s.uri, err)
	}
	out := Result{Columns: keys, Rows: [][]any{}}
	for res.Next(ctx) {
		rec := res.Record()
		row := make([]any, len(rec.Values))
		for i, v := range rec.Values {
			row[i] = Plain(v)
		}
		out.Rows = append(out.Rows, row)
	}
	if err := res.Err(); err != nil {
		return Result{}, fmt.Errorf("neo4j at %s: query: %w", s.uri, err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("neo4j at %s: query: %w", s.uri, err)
	}
	out.Counters = counters(sum.Counters())
	return out, nil
}

func counters(c neo4j.Counters) map[string]int {
	all := map[string]int{
		"nodes_created": c.NodesCreated(), "nodes_deleted": c.NodesDeleted(),
		"relationships_created": c.RelationshipsCreated(), "relationships_deleted": c.RelationshipsDeleted(),
		"properties_set": c.PropertiesSet(), "labels_added": c.LabelsAdded(), "labels_removed": c.LabelsRemoved(),
		"indexes_added": c.IndexesAdded(), "indexes_removed": c.IndexesRemoved(),
		"constraints_added": c.ConstraintsAdded(), "constraints_removed": c.ConstraintsRemoved(),
	}
	out := map[string]int{}
	for k, v := range all {
		if v != 0 {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Plain converts a value from the driver into plain Go values (see Result).
func Plain(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string, []byte:
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Plain(e)
		}
		return out
	case dbtype.Node:
		return map[string]any{"elementId": x.ElementId, "labels": stringsToAny(x.Labels), "properties": Plain(x.Props)}
	case dbtype.Relationship:
		return map[string]any{"elementId": x.ElementId, "type": x.Type,
			"start": x.StartElementId, "end": x.EndElementId, "properties": Plain(x.Props)}
	case dbtype.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = Plain(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = Plain(r)
		}
		return map[string]any{"nodes": nodes, "relationships": rels}
	case time.Time: // DATETIME
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.String()
	case dbtype.LocalDateTime:
		return x.String()
	case dbtype.LocalTime:
		return x.String()
	case dbtype.Time:
		return x.String()
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y}
	case dbtype.Point3D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y, "z": x.Z}
	case []string:
		return stringsToAny(x)
	}
	return fmt.Sprint(v)
}

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// Wipe deletes every node and relationship, in batches of committed
// transactions so that a large graph does not need one huge transaction.
// Constraints and indexes stay. It is for tests and `kg` resets.
func (s *Store) Wipe(ctx context.Context) error {
	for _, stmt := range []string{stmtWipeRelationships, stmtWipeNodes} {
		if _, err := s.run(ctx, stmt, nil); err != nil {
			return fmt.Errorf("neo4j at %s: wipe: %w", s.uri, err)
		}
	}
	return nil
}

package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Meta values live on :KgMeta nodes, outside the graph of SCHEMA.md: no
// relationship touches them and Stats, Documents and Lookup never match
// the label.
const (
	stmtGetMeta = `MATCH (m:KgMeta {key: $key}) RETURN m.value AS value`
	stmtPutMeta = `MERGE (m:KgMeta {key: $key}) SET m.value = $value`
)

// GetMeta reads a meta value (graph.Store).
func (s *Store) GetMeta(ctx context.Context, key string) (string, bool, error) {
	recs, err := readTx(ctx, s, func(ctx context.Context, tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
		return collect(ctx, tx, stmtGetMeta, map[string]any{"key": key})
	})
	if err != nil {
		return "", false, fmt.Errorf("neo4j at %s: read meta %q: %w", s.uri, key, err)
	}
	if len(recs) == 0 {
		return "", false, nil
	}
	v, _ := recs[0].Values[0].(string)
	return v, true, nil
}

// PutMeta sets a meta value.
func (s *Store) PutMeta(ctx context.Context, key, value string) error {
	if _, err := s.run(ctx, stmtPutMeta, map[string]any{"key": key, "value": value}); err != nil {
		return fmt.Errorf("neo4j at %s: write meta %q: %w", s.uri, key, err)
	}
	return nil
}

package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// GetMeta reads a value of the meta table (graph.Store); the table is
// created by Init with IF NOT EXISTS, so files written before it gain it
// on their next Open and keep schema version 1.
func (s *Store) GetMeta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("embedded: read meta %q: %w", key, err)
	}
	return v, true, nil
}

// PutMeta sets a value of the meta table.
func (s *Store) PutMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("embedded: write meta %q: %w", key, err)
	}
	return nil
}

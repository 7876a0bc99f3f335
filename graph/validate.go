package graph

import "fmt"

// MaxKeyBytes is the longest article id, entity id and entity name a
// Document may hold: the stores index them, and Neo4j's range indexes
// refuse values near 8 kB (the whole write would fail). Other strings
// (titles, aliases, evidence sentences) have no limit.
const MaxKeyBytes = 4096

// Validate checks a Document against the schema: known entity and relation
// types, non-empty ids, and relation endpoints that are entities of the
// document. Errors wrap ErrInvalid.
func (d Document) Validate() error {
	if d.Article.ID == "" {
		return fmt.Errorf("%w: article has no id", ErrInvalid)
	}
	if len(d.Article.ID) > MaxKeyBytes {
		return fmt.Errorf("%w: article id of %d bytes (at most %d)", ErrInvalid, len(d.Article.ID), MaxKeyBytes)
	}
	ids := make(map[string]bool, len(d.Entities))
	for _, e := range d.Entities {
		if e.ID == "" {
			return fmt.Errorf("%w: article %s: entity %q has no id", ErrInvalid, d.Article.ID, e.Name)
		}
		if len(e.ID) > MaxKeyBytes || len(e.Name) > MaxKeyBytes {
			return fmt.Errorf("%w: article %s: entity id or name of %d bytes (at most %d)", ErrInvalid, d.Article.ID, max(len(e.ID), len(e.Name)), MaxKeyBytes)
		}
		if !e.Type.Valid() {
			return fmt.Errorf("%w: article %s: entity %q has unknown type %q", ErrInvalid, d.Article.ID, e.Name, e.Type)
		}
		if ids[e.ID] {
			return fmt.Errorf("%w: article %s: entity id %q appears twice", ErrInvalid, d.Article.ID, e.ID)
		}
		ids[e.ID] = true
	}
	for _, r := range d.Relations {
		if !r.Type.Valid() {
			return fmt.Errorf("%w: article %s: unknown relation type %q", ErrInvalid, d.Article.ID, r.Type)
		}
		if !ids[r.Source] || !ids[r.Target] {
			return fmt.Errorf("%w: article %s: %s relation %s -> %s names an entity not in the document", ErrInvalid, d.Article.ID, r.Type, r.Source, r.Target)
		}
		if r.Origin != OriginText && r.Origin != OriginGazetteer {
			return fmt.Errorf("%w: article %s: relation origin %q", ErrInvalid, d.Article.ID, r.Origin)
		}
	}
	return nil
}

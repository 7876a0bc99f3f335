package graph

import "fmt"

// Validate checks a Document against the schema: known entity and relation
// types, non-empty ids, and relation endpoints that are entities of the
// document. Errors wrap ErrInvalid.
func (d Document) Validate() error {
	if d.Article.ID == "" {
		return fmt.Errorf("%w: article has no id", ErrInvalid)
	}
	ids := make(map[string]bool, len(d.Entities))
	for _, e := range d.Entities {
		if e.ID == "" {
			return fmt.Errorf("%w: article %s: entity %q has no id", ErrInvalid, d.Article.ID, e.Name)
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

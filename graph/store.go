package graph

import (
	"context"
	"errors"
)

// Store persists Documents. Both backends (graph/embedded, graph/neo4jstore)
// implement it and pass the same conformance suite (graph/storetest).
//
// The unit of change is the article: Write replaces everything a store holds
// for each article id with what the Document says, so writing the same
// Document twice changes nothing and writing a changed one replaces that
// article's facts and nothing else. Entities and relations are shared
// between articles: a node or edge lives while at least one article
// supports it, and its aliases, mentions and evidence are the union of
// what its supporting articles say.
type Store interface {
	// Init creates the schema (tables, constraints, indexes). Idempotent;
	// Open calls it, `kg init` calls it explicitly.
	Init(ctx context.Context) error

	// Write stores each Document, replacing the article's earlier facts.
	// An article whose id and hash are already stored is skipped. Writes are
	// atomic per call: after a crash either all of a call's documents are
	// stored or none are.
	Write(ctx context.Context, docs []Document) (WriteResult, error)

	// Forget removes an article and the entities and relations that no other
	// article supports. It reports false when the article was not stored.
	Forget(ctx context.Context, articleID string) (bool, error)

	// Documents calls fn with each stored article's facts, as written, in
	// article-id order. `kg push` copies a store through it.
	Documents(ctx context.Context, fn func(Document) error) error

	// Lookup finds the entities whose name or one of whose aliases equals
	// name, case-insensitively, with their articles and relations.
	Lookup(ctx context.Context, name string) ([]EntityDetail, error)

	// Stats counts articles, entities by type and relations by type.
	Stats(ctx context.Context) (Stats, error)

	// GetMeta and PutMeta keep small named values beside the graph, not in
	// it: `kg import URL` keeps there the validators (ETag, Last-Modified)
	// of what it fetched, so that fetching again downloads only what
	// changed. Keys are namespaced by the caller ("http:" + URL). GetMeta
	// reports false for a key never put.
	GetMeta(ctx context.Context, key string) (string, bool, error)
	PutMeta(ctx context.Context, key, value string) error

	Close() error
}

// WriteResult says what a Write did.
type WriteResult struct {
	Written  int // articles new or replaced
	Skipped  int // articles already stored with the same hash
	Replaced int // of Written, articles that replaced an older version
}

// Add sums two results.
func (r *WriteResult) Add(o WriteResult) {
	r.Written += o.Written
	r.Skipped += o.Skipped
	r.Replaced += o.Replaced
}

// Stats counts what a store holds.
type Stats struct {
	Articles  int                  `json:"articles"`
	Entities  map[EntityType]int   `json:"entities"`
	Relations map[RelationType]int `json:"relations"`
	Mentions  int                  `json:"mentions"` // Article-MENTIONS->Entity edges
}

// EntityDetail is an entity as a store knows it across all its articles,
// for `kg show`.
type EntityDetail struct {
	Entity    Entity           `json:"entity"`   // aliases unioned, mentions summed
	Articles  []Article        `json:"articles"` // articles that mention it, by id
	Relations []RelationDetail `json:"relations"`
}

// RelationDetail is one edge touching an entity, with its evidence.
type RelationDetail struct {
	Key        RelationKey `json:"key"`
	SourceName string      `json:"source_name"`
	TargetName string      `json:"target_name"`
	CAMEO      string      `json:"cameo"`
	Confidence float64     `json:"confidence"` // highest over the evidence
	Evidence   []Evidence  `json:"evidence"`   // ordered by article id, then sentence
}

// Evidence is one article's statement of an edge.
type Evidence struct {
	ArticleID  string            `json:"article"`
	Sentence   string            `json:"sentence"`
	Confidence float64           `json:"confidence"`
	Origin     Origin            `json:"origin"`
	Rule       string            `json:"rule,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

// Evidence returns a document's relations as a store keeps them: symmetric
// relations in canonical order, and one piece of evidence per (edge,
// sentence), the first, since the same statement twice is one statement.
func (d Document) Evidence() []Relation {
	type evidenceKey struct {
		key      RelationKey
		sentence string
	}
	seen := make(map[evidenceKey]bool, len(d.Relations))
	out := make([]Relation, 0, len(d.Relations))
	for _, r := range d.Relations {
		r = r.Canonical()
		k := evidenceKey{r.Key(), r.Sentence}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// ErrInvalid marks a Document that breaks the schema (an unknown type, a
// relation whose endpoint is not among the document's entities). Stores
// check before writing anything, so labels never come from article text.
var ErrInvalid = errors.New("invalid document")

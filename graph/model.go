// Package graph is the knowledge-graph model of SCHEMA.md and the Store
// interface that every backend (embedded SQLite, Neo4j) implements.
//
// It knows nothing of NLP: extractors produce Documents, stores persist them.
package graph

import (
	"sort"
)

// EntityType is the one type label an Entity node carries besides Entity.
type EntityType string

const (
	Person       EntityType = "Person"
	State        EntityType = "State"
	Place        EntityType = "Place"
	Organization EntityType = "Organization"
	Weapon       EntityType = "Weapon"
)

// EntityTypes lists every entity type of the schema, in a stable order.
var EntityTypes = []EntityType{Person, State, Place, Organization, Weapon}

// Valid reports whether t is one of the schema's entity types. Stores use it
// to make sure a label never comes from anywhere but the schema.
func (t EntityType) Valid() bool {
	for _, v := range EntityTypes {
		if v == t {
			return true
		}
	}
	return false
}

// RelationType is a relationship type of the schema.
type RelationType string

const (
	NegotiatesWith RelationType = "NEGOTIATES_WITH"
	MeetsWith      RelationType = "MEETS_WITH"
	Mediates       RelationType = "MEDIATES"
	CooperatesWith RelationType = "COOPERATES_WITH"
	Supports       RelationType = "SUPPORTS"
	Demands        RelationType = "DEMANDS"
	Criticizes     RelationType = "CRITICIZES"
	Threatens      RelationType = "THREATENS"
	Sanctions      RelationType = "SANCTIONS"
	Attacks        RelationType = "ATTACKS"
	Deploys        RelationType = "DEPLOYS"
	Uses           RelationType = "USES"
	Possesses      RelationType = "POSSESSES"
	AffiliatedWith RelationType = "AFFILIATED_WITH"
	RelativeOf     RelationType = "RELATIVE_OF"
	LocatedIn      RelationType = "LOCATED_IN"
)

// RelationSpec is what the schema says of one relation type.
type RelationSpec struct {
	Type      RelationType
	Symmetric bool   // one edge per pair, direction not meaningful
	CAMEO     string // CAMEO event root, "" where the schema gives none
}

// RelationSpecs lists the sixteen relation types of SCHEMA.md in its order.
var RelationSpecs = []RelationSpec{
	{NegotiatesWith, true, "046"},
	{MeetsWith, true, "04"},
	{Mediates, false, "045"},
	{CooperatesWith, true, "05"},
	{Supports, false, "07"},
	{Demands, false, "10"},
	{Criticizes, false, "11"},
	{Threatens, false, "13"},
	{Sanctions, false, "16"},
	{Attacks, false, "19"},
	{Deploys, false, "15"},
	{Uses, false, "19"},
	{Possesses, false, ""},
	{AffiliatedWith, false, ""},
	{RelativeOf, false, ""},
	{LocatedIn, false, ""},
}

// RelationTypes lists every relation type, in the schema's order.
var RelationTypes = func() []RelationType {
	out := make([]RelationType, len(RelationSpecs))
	for i, s := range RelationSpecs {
		out[i] = s.Type
	}
	return out
}()

func (t RelationType) spec() (RelationSpec, bool) {
	for _, s := range RelationSpecs {
		if s.Type == t {
			return s, true
		}
	}
	return RelationSpec{}, false
}

// Valid reports whether t is one of the schema's relation types.
func (t RelationType) Valid() bool { _, ok := t.spec(); return ok }

// Symmetric reports whether t has one edge per pair, direction not meaningful.
func (t RelationType) Symmetric() bool { s, _ := t.spec(); return s.Symmetric }

// Allows checks a relation's endpoint types against SCHEMA.md.
func (t RelationType) Allows(src, dst EntityType) bool {
	actor := func(e EntityType) bool { return e == Person || e == State || e == Organization }
	switch t {
	case Deploys, Uses, Possesses:
		return actor(src) && dst == Weapon
	case Attacks:
		return actor(src) && (actor(dst) || dst == Place || dst == Weapon)
	case AffiliatedWith:
		return (src == Person || src == Organization || src == State) && (dst == State || dst == Organization)
	case RelativeOf:
		return src == Person && dst == Person
	case LocatedIn:
		return (src == Place || src == Organization || src == Weapon) && (dst == Place || dst == State)
	}
	return actor(src) && actor(dst)
}

// CAMEO is the CAMEO event root code of t, or "".
func (t RelationType) CAMEO() string { s, _ := t.spec(); return s.CAMEO }

// Origin says where a relation comes from.
type Origin string

const (
	OriginText      Origin = "text"      // read from the article
	OriginGazetteer Origin = "gazetteer" // background knowledge (the seed lists)
)

// Article is the metadata of one article. Its text is not part of the graph;
// Hash (of the text) lets stores tell a re-import from a changed article.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // ISO date, when known
	Hash      string `json:"hash,omitempty"`      // hex SHA-256 of the text
}

// Entity is one node: a real-world thing with its many surface forms.
// Within a Document, Aliases and Mentions are what that article says;
// a store reports their union and sum over the articles it holds.
type Entity struct {
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Aliases  []string   `json:"aliases"`
	Mentions int        `json:"mentions"`
	Wikidata string     `json:"wikidata,omitempty"` // QID where known
	ISO      string     `json:"iso,omitempty"`      // State: ISO 3166-1 alpha-3
	Category string     `json:"category,omitempty"` // Weapon: ballistic missile, drone, ...
	Kind     string     `json:"kind,omitempty"`     // Place: city, region, water, facility, territory
	Roles    []string   `json:"roles,omitempty"`    // Person: roles seen in text
}

// Relation is one edge as one article states it. Source and Target are
// entity ids. For symmetric types extractors emit the pair once, in
// canonical order (see Canonical).
type Relation struct {
	Source     string            `json:"source"`
	Type       RelationType      `json:"type"`
	Target     string            `json:"target"`
	Origin     Origin            `json:"origin"`
	Confidence float64           `json:"confidence"`
	Sentence   string            `json:"sentence"`
	CAMEO      string            `json:"cameo"`
	Properties map[string]string `json:"properties"`
	Rule       string            `json:"rule,omitempty"` // which rule or model produced it
}

// Canonical returns r with the endpoints of a symmetric relation in a fixed
// order, so that A-B and B-A are the same edge everywhere.
func (r Relation) Canonical() Relation {
	if r.Type.Symmetric() && r.Target < r.Source {
		r.Source, r.Target = r.Target, r.Source
	}
	return r
}

// Key identifies the edge a relation contributes to (after Canonical).
func (r Relation) Key() RelationKey {
	c := r.Canonical()
	return RelationKey{c.Source, c.Type, c.Target}
}

// RelationKey identifies one edge of the graph.
type RelationKey struct {
	Source string
	Type   RelationType
	Target string
}

// Document is everything extracted from one article: the unit a store
// writes, replaces and forgets. It is also the `extract` JSON output.
type Document struct {
	Article   Article    `json:"article"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}

// Sort puts entities and relations in a deterministic order.
func (d *Document) Sort() {
	sort.SliceStable(d.Entities, func(i, j int) bool { return d.Entities[i].ID < d.Entities[j].ID })
	sort.SliceStable(d.Relations, func(i, j int) bool {
		a, b := d.Relations[i], d.Relations[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Sentence < b.Sentence
	})
}

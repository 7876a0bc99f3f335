package graph

import (
	"errors"
	"testing"
)

func TestSchemaTypes(t *testing.T) {
	if len(EntityTypes) != 5 || len(RelationTypes) != 16 {
		t.Fatalf("%d entity types, %d relation types", len(EntityTypes), len(RelationTypes))
	}
	for _, bad := range []string{"", "person", "Country", "Person`) DETACH DELETE n //"} {
		if EntityType(bad).Valid() {
			t.Errorf("EntityType(%q) is valid", bad)
		}
		if RelationType(bad).Valid() {
			t.Errorf("RelationType(%q) is valid", bad)
		}
	}
	if !NegotiatesWith.Symmetric() || Mediates.Symmetric() || Attacks.CAMEO() != "19" || Possesses.CAMEO() != "" {
		t.Error("relation specs differ from SCHEMA.md")
	}
}

func TestCanonical(t *testing.T) {
	a := Relation{Source: "b", Type: MeetsWith, Target: "a"}.Canonical()
	if a.Source != "a" || a.Target != "b" {
		t.Errorf("symmetric relation not canonical: %+v", a)
	}
	d := Relation{Source: "b", Type: Mediates, Target: "a"}.Canonical()
	if d.Source != "b" {
		t.Errorf("directed relation reordered: %+v", d)
	}
	if (Relation{Source: "x", Type: CooperatesWith, Target: "y"}).Key() != (Relation{Source: "y", Type: CooperatesWith, Target: "x"}).Key() {
		t.Error("A-B and B-A are different edges")
	}
}

func TestValidate(t *testing.T) {
	ok := Document{Article: Article{ID: "a"},
		Entities:  []Entity{{ID: "1", Type: State, Name: "Oman"}, {ID: "2", Type: State, Name: "Iran"}},
		Relations: []Relation{{Source: "1", Type: Mediates, Target: "2", Origin: OriginText}}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []Document{
		{Article: Article{}},
		{Article: Article{ID: "a"}, Entities: []Entity{{ID: "1", Type: "Country"}}},
		{Article: Article{ID: "a"}, Entities: []Entity{{ID: "1", Type: State}, {ID: "1", Type: State}}},
		{Article: Article{ID: "a"}, Entities: ok.Entities, Relations: []Relation{{Source: "1", Type: "LIKES", Target: "2", Origin: OriginText}}},
		{Article: Article{ID: "a"}, Entities: ok.Entities, Relations: []Relation{{Source: "1", Type: Mediates, Target: "3", Origin: OriginText}}},
		{Article: Article{ID: "a"}, Entities: ok.Entities, Relations: []Relation{{Source: "1", Type: Mediates, Target: "2", Origin: "guess"}}},
	}
	for i, d := range bad {
		if err := d.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("bad document %d: %v", i, err)
		}
	}
}

// Package eval scores extracted Documents against hand-made gold files, as
// SCHEMA.md's "Gold files for evaluation" describes: entities and text
// relations, precision, recall and F1, overall and per type, micro-averaged
// over articles.
package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/kg/graph"
)

// GoldSuffix ends the name of a gold file; NAME.gold.json sits beside NAME.txt.
const GoldSuffix = ".gold.json"

// Gold is one article's gold file.
type Gold struct {
	Article           string         `json:"article"`
	Entities          []GoldEntity   `json:"entities"`
	OptionalEntities  []GoldEntity   `json:"optional_entities"`
	Relations         []GoldRelation `json:"relations"`
	OptionalRelations []GoldRelation `json:"optional_relations"`
}

// GoldEntity is an entity the article names.
type GoldEntity struct {
	Name    string           `json:"name"`
	Type    graph.EntityType `json:"type"`
	Aliases []string         `json:"aliases"`
}

// GoldRelation is a relation the article states; Source and Target are the
// names of gold entities (required or optional).
type GoldRelation struct {
	Source string             `json:"source"`
	Type   graph.RelationType `json:"type"`
	Target string             `json:"target"`
}

// LoadGold reads and checks a gold file. The file is read strictly (unknown
// fields, trailing data and schema violations are errors) because a typo in
// gold silently skews every score computed from it.
func LoadGold(path string) (Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Gold{}, fmt.Errorf("gold file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var g Gold
	if err := dec.Decode(&g); err != nil {
		return Gold{}, fmt.Errorf("gold file %s: %w", path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Gold{}, fmt.Errorf("gold file %s: data after the JSON object", path)
	}
	if err := g.Validate(); err != nil {
		return Gold{}, fmt.Errorf("gold file %s: %w", path, err)
	}
	if want := strings.TrimSuffix(filepath.Base(path), GoldSuffix); g.Article != want {
		return Gold{}, fmt.Errorf("gold file %s: article %q does not match the file name (want %q)", path, g.Article, want)
	}
	return g, nil
}

// Validate checks that g follows the schema: an article name, entities with
// names and schema types, names unique (relations refer to them), relations
// of schema types between gold entities, and no relation given twice.
func (g Gold) Validate() error {
	if g.Article == "" {
		return errors.New(`"article" is empty`)
	}
	names := map[string]bool{}
	for _, e := range append(append([]GoldEntity{}, g.Entities...), g.OptionalEntities...) {
		if strings.TrimSpace(e.Name) == "" {
			return fmt.Errorf("an entity of type %q has no name", e.Type)
		}
		if !e.Type.Valid() {
			return fmt.Errorf("entity %q: unknown type %q", e.Name, e.Type)
		}
		if names[e.Name] {
			return fmt.Errorf("entity %q is given twice", e.Name)
		}
		names[e.Name] = true
	}
	seen := map[graph.RelationKey]bool{}
	for _, r := range append(append([]GoldRelation{}, g.Relations...), g.OptionalRelations...) {
		if !r.Type.Valid() {
			return fmt.Errorf("relation %s -%s-> %s: unknown type", r.Source, r.Type, r.Target)
		}
		for _, end := range []string{r.Source, r.Target} {
			if !names[end] {
				return fmt.Errorf("relation %s -%s-> %s: %q is not a gold entity name", r.Source, r.Type, r.Target, end)
			}
		}
		k := graph.Relation{Source: r.Source, Type: r.Type, Target: r.Target}.Key()
		if seen[k] {
			return fmt.Errorf("relation %s -%s-> %s is given twice", r.Source, r.Type, r.Target)
		}
		seen[k] = true
	}
	return nil
}

// Pairs returns, sorted, NAME for every NAME.txt in dir that has a
// NAME.gold.json beside it.
func Pairs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			files[e.Name()] = true
		}
	}
	var names []string
	for f := range files {
		name, ok := strings.CutSuffix(f, ".txt")
		if ok && name != "" && files[name+GoldSuffix] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

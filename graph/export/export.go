// Package export writes what a graph.Store holds in formats other tools
// open: GraphML (Gephi, yEd, networkx), CSV (spreadsheets, pandas) and JSON
// lines of SCHEMA.md documents (re-importable with `kg load`).
//
// Every format is computed from Store.Documents alone, with the merge rules
// of the conformance suite (graph/storetest), so two stores holding the same
// graph export byte-identical files. Documents are streamed: memory grows
// with the number of distinct entities and edges, never with the number of
// articles or their evidence sentences.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/newsgraph/kg/graph"
)

// Summary says what an export wrote.
type Summary struct {
	Articles int   // documents read from the store
	Entities int   // nodes written
	Edges    int   // edges written
	Evidence int   // pieces of evidence (article, sentence) read
	Bytes    int64 // bytes written, over all files
	Elapsed  time.Duration
}

// Node is an entity merged over the articles that list it, as Lookup
// reports it: attributes from the smallest article id giving one, aliases
// and roles united, mentions summed.
type Node struct {
	graph.Entity
	Articles int // articles that list it
}

// Edge is one edge of the graph with its evidence summarised.
type Edge struct {
	graph.RelationKey
	Confidence float64 // highest over the evidence
	Articles   int     // distinct articles stating it
	Evidence   int     // (article, sentence) pairs
}

// Graph is the merged graph: nodes by entity id, edges by key.
type Graph struct {
	Nodes map[string]*Node
	Edges map[graph.RelationKey]*Edge
	// last article seen per edge, so that Articles counts distinct ones
	// without keeping their ids (documents come in article-id order).
	lastArticle map[graph.RelationKey]string
}

func newGraph() *Graph {
	return &Graph{Nodes: map[string]*Node{}, Edges: map[graph.RelationKey]*Edge{},
		lastArticle: map[graph.RelationKey]string{}}
}

// add merges one document. Documents must come in article-id order (Store
// guarantees it), which is what makes "first non-empty" the smallest id.
func (g *Graph) add(d graph.Document) int {
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	for _, e := range d.Entities {
		n, ok := g.Nodes[e.ID]
		if !ok {
			n = &Node{Entity: graph.Entity{ID: e.ID}}
			g.Nodes[e.ID] = n
		}
		first(&n.Name, e.Name)
		first((*string)(&n.Type), string(e.Type))
		first(&n.Wikidata, e.Wikidata)
		first(&n.ISO, e.ISO)
		first(&n.Category, e.Category)
		first(&n.Kind, e.Kind)
		n.Aliases = union(n.Aliases, e.Aliases)
		n.Roles = union(n.Roles, e.Roles)
		n.Mentions += e.Mentions
		n.Articles++
	}
	evidence := d.Evidence()
	for _, r := range evidence {
		k := r.Key()
		ed, ok := g.Edges[k]
		if !ok {
			ed = &Edge{RelationKey: k, Confidence: r.Confidence}
			g.Edges[k] = ed
		}
		ed.Confidence = max(ed.Confidence, r.Confidence)
		ed.Evidence++
		if g.lastArticle[k] != d.Article.ID || ed.Articles == 0 {
			ed.Articles++
			g.lastArticle[k] = d.Article.ID
		}
	}
	return len(evidence)
}

// union returns the sorted distinct values of a and b.
func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// SortedNodes returns the nodes in entity-id order.
func (g *Graph) SortedNodes() []*Node {
	out := make([]*Node, 0, len(g.Nodes))
	for _, n := range g.Nodes {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *Node) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// SortedEdges returns the edges ordered by source, type, target.
func (g *Graph) SortedEdges() []*Edge {
	out := make([]*Edge, 0, len(g.Edges))
	for _, e := range g.Edges {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Edge) int {
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
			return c
		}
		return strings.Compare(a.Target, b.Target)
	})
	return out
}

// Merge reads every document of s and returns the merged graph; each
// document is also passed to fn (when not nil) as it streams by.
func Merge(ctx context.Context, s graph.Store, fn func(graph.Document) error) (*Graph, Summary, error) {
	start := time.Now()
	g := newGraph()
	var sum Summary
	err := s.Documents(ctx, func(d graph.Document) error {
		sum.Articles++
		sum.Evidence += g.add(d)
		if fn != nil {
			return fn(d)
		}
		return nil
	})
	sum.Entities, sum.Edges = len(g.Nodes), len(g.Edges)
	sum.Elapsed = time.Since(start)
	return g, sum, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// JSONL writes one SCHEMA.md document per article per line, in article-id
// order: the `kg extract --format json` format, which `kg load` reads back.
func JSONL(ctx context.Context, s graph.Store, w io.Writer) (Summary, error) {
	start := time.Now()
	cw := &countingWriter{w: w}
	enc := json.NewEncoder(cw)
	enc.SetEscapeHTML(false)
	var sum Summary
	err := s.Documents(ctx, func(d graph.Document) error {
		sum.Articles++
		sum.Evidence += len(d.Evidence())
		return enc.Encode(d)
	})
	sum.Bytes = cw.n
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, fmt.Errorf("export jsonl: %w", err)
	}
	return sum, nil
}

// ReadJSONL reads documents written by JSONL (or `kg extract --format
// json`), one per line, calling fn with each. A line that does not parse
// is passed to bad with its number and the reason, and reading goes on:
// one broken line never loses the others. Only fn's or the reader's errors
// stop it.
func ReadJSONL(r io.Reader, fn func(graph.Document) error, bad func(line int, err error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var d graph.Document
		err := json.Unmarshal(b, &d)
		if err == nil && d.Article.ID == "" {
			err = errors.New("document has no article id")
		}
		if err == nil {
			err = d.Validate()
		}
		if err != nil {
			bad(line, err)
			continue
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", line+1, err)
	}
	return nil
}

// Package audit looks over a whole store for resolution errors no single
// article shows: likely splits (one real thing held by two nodes: "Pete
// Hagsth" beside Pete Hegseth, "TDA" beside Tren de Aragua) and likely
// false merges (one node that looks like two things: an organization
// affiliated with two states, a person whose aliases give two given names
// for one surname). It reads the merged graph (graph/export) and reports
// candidates for a person to check; users fix them with their own
// --gazetteer lists (an alias, or a separate entry).
package audit

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/export"
)

// Ref names a node in a report.
type Ref struct {
	ID       string           `json:"id"`
	Type     graph.EntityType `json:"type"`
	Name     string           `json:"name"`
	Articles int              `json:"articles"`
}

// Split is a pair of nodes that likely hold one thing.
type Split struct {
	A      Ref    `json:"a"`
	B      Ref    `json:"b"`
	Why    string `json:"why"`
	Shared int    `json:"shared_neighbours"`
}

// Merge is a node that likely holds two things.
type Merge struct {
	Node Ref    `json:"node"`
	Why  string `json:"why"`
}

// Report is what Run found.
type Report struct {
	Nodes  int     `json:"nodes"`
	Splits []Split `json:"splits"`
	Merges []Merge `json:"merges"`
}

// node is a graph node as the audit compares it.
type node struct {
	*export.Node
	names [][]string // folded words of the name and of each alias
	caps  []string   // all-caps one-word forms (acronyms), lower-cased
}

// blockLimit: a word shared by more nodes than this (ministry, army, new)
// does not pair them up; their other words still can.
const blockLimit = 50

// Run audits the merged graph.
func Run(g *export.Graph) Report {
	nodes := make([]*node, 0, len(g.Nodes))
	for _, n := range g.SortedNodes() {
		x := &node{Node: n}
		for _, s := range append([]string{n.Name}, n.Aliases...) {
			ws := strings.Fields(norm.Key(s))
			if len(ws) == 0 {
				continue
			}
			for i := range ws {
				ws[i] = norm.Fold(ws[i])
			}
			x.names = append(x.names, ws)
			if len(ws) == 1 && len(s) >= 2 && strings.ToUpper(s) == s {
				x.caps = append(x.caps, ws[0])
			}
		}
		nodes = append(nodes, x)
	}
	neighbours := map[string]map[string]bool{}
	link := func(a, b string) {
		if neighbours[a] == nil {
			neighbours[a] = map[string]bool{}
		}
		neighbours[a][b] = true
	}
	states := map[string][]string{} // node -> states it is affiliated with
	for _, e := range g.SortedEdges() {
		link(e.Source, e.Target)
		link(e.Target, e.Source)
		if t := g.Nodes[e.Target]; e.Type == graph.AffiliatedWith && t != nil && t.Type == graph.State {
			states[e.Source] = append(states[e.Source], t.Name)
		}
	}

	r := Report{Nodes: len(nodes), Splits: []Split{}, Merges: []Merge{}}
	// Blocking: only nodes of one type that share a folded word, the start
	// of a long word, or an acronym and its expansion's initials are
	// compared.
	blocks := map[string][]int{}
	for i, n := range nodes {
		keys := map[string]bool{}
		for _, ws := range n.names {
			for _, w := range ws {
				if len(w) >= 3 {
					keys[w] = true
				}
				if len(w) >= 5 { // misspelt words share their start
					keys["<"+w[:3]] = true
				}
			}
			if a := initials(ws); len(a) >= 2 {
				keys["^"+a] = true
			}
		}
		for _, c := range n.caps {
			keys["^"+c] = true
		}
		for k := range keys {
			b := string(n.Type) + "|" + k
			blocks[b] = append(blocks[b], i)
		}
	}
	seen := map[[2]int]bool{}
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b := blocks[k]
		if len(b) > blockLimit {
			continue
		}
		for x := 0; x < len(b); x++ {
			for y := x + 1; y < len(b); y++ {
				p := [2]int{b[x], b[y]}
				if seen[p] {
					continue
				}
				seen[p] = true
				a, c := nodes[b[x]], nodes[b[y]]
				why, strong := similar(a, c)
				n := shared(neighbours[a.ID], neighbours[c.ID])
				// A weak likeness (a shorter form, an acronym, a looser
				// misspelling) counts only beside a shared neighbour.
				if why != "" && (strong || n > 0) {
					r.Splits = append(r.Splits, Split{A: ref(a), B: ref(c), Why: why, Shared: n})
				}
			}
		}
	}
	sort.Slice(r.Splits, func(i, j int) bool {
		if r.Splits[i].A.ID != r.Splits[j].A.ID {
			return r.Splits[i].A.ID < r.Splits[j].A.ID
		}
		return r.Splits[i].B.ID < r.Splits[j].B.ID
	})

	for _, n := range nodes {
		if s := distinct(states[n.ID]); len(s) >= 2 && n.Type == graph.Organization {
			r.Merges = append(r.Merges, Merge{Node: ref(n), Why: "affiliated with " + fmt.Sprint(len(s)) + " states: " + strings.Join(s, ", ")})
		}
		if n.Type == graph.Person {
			if a, b := twoGivenNames(n); a != "" {
				r.Merges = append(r.Merges, Merge{Node: ref(n), Why: fmt.Sprintf("aliases give two given names: %q and %q", a, b)})
			}
		}
	}
	return r
}

func ref(n *node) Ref { return Ref{ID: n.ID, Type: n.Type, Name: n.Name, Articles: n.Articles} }

// similar says why two nodes of one type likely hold one thing, or "", and
// whether the likeness is strong enough on its own.
func similar(a, b *node) (string, bool) {
	why, strong := "", false
	for _, x := range a.names {
		for _, y := range b.names {
			if w, st := similarNames(a.Type, x, y); w != "" && (why == "" || st && !strong) {
				why, strong = w, st
			}
		}
	}
	if why != "" {
		return why, strong
	}
	for _, p := range [2][2]*node{{a, b}, {b, a}} {
		for _, c := range p[0].caps {
			for _, y := range p[1].names {
				if len(c) >= 3 && initials(y) == c {
					return "an acronym of the name", false
				}
			}
		}
	}
	return "", false
}

// similarNames compares two folded names. People must agree on the given
// name (a different one is kin or a namesake: Nicolás and Gustavo Petro);
// a misspelling is allowed on the rest within norm.TypoBudget (one edit
// more, as a weak likeness). A one-word name equal to another only once
// folded is weak too ("Typhon", "Typhoon").
func similarNames(t graph.EntityType, x, y []string) (string, bool) {
	xs, ys := strings.Join(x, " "), strings.Join(y, " ")
	if xs == ys {
		return "the same name up to spelling", len(x) > 1
	}
	if t == graph.Person {
		if len(x) < 2 || len(y) < 2 || x[0] != y[0] {
			return "", false
		}
		if len(x) == len(y) {
			switch {
			case norm.Misspelt(x, y, 0):
				return "a misspelling", true
			case norm.Misspelt(x, y, 1):
				return "a misspelling", false
			}
			return "", false
		}
		if run(x, y) || run(y, x) {
			return "a shorter form of the name", false
		}
		return "", false
	}
	if norm.Distance(xs, ys) <= norm.TypoBudget(min(len(xs), len(ys))) {
		return "a misspelling", len(x) > 1 && len(y) > 1
	}
	// "Air Force" beside "Ukrainian Air Force": one name ends the other.
	if len(x) >= 2 && len(y) > len(x) && slices.Equal(y[len(y)-len(x):], x) ||
		len(y) >= 2 && len(x) > len(y) && slices.Equal(x[len(x)-len(y):], y) {
		return "a shorter form of the name", false
	}
	return "", false
}

// run reports whether needle's words appear in a row in hay.
func run(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// initials of a multi-word name, small words included: "tren de aragua"
// -> "tda".
func initials(ws []string) string {
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		b.WriteByte(w[0])
	}
	return b.String()
}

func shared(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

func distinct(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// twoGivenNames finds two full-name aliases of a person with one surname and
// different given names ("Gustavo Petro", "Nicolás Petro").
func twoGivenNames(n *node) (string, string) {
	byLast := map[string]string{}
	for _, s := range append([]string{n.Name}, n.Aliases...) {
		ws := strings.Fields(norm.Key(s))
		if len(ws) < 2 || len(ws[0]) < 2 {
			continue
		}
		last := norm.Fold(ws[len(ws)-1])
		if o, ok := byLast[last]; ok {
			if norm.Fold(strings.Fields(norm.Key(o))[0]) != norm.Fold(ws[0]) {
				return o, s
			}
			continue
		}
		byLast[last] = s
	}
	return "", ""
}

// WriteTable prints the report, one candidate a line.
func (r Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "nodes %d  likely splits %d  likely false merges %d\n", r.Nodes, len(r.Splits), len(r.Merges))
	for _, s := range r.Splits {
		fmt.Fprintf(w, "split  %s %s ~ %s: %s; %d shared neighbour(s)\n", s.A.Type, show(s.A), show(s.B), s.Why, s.Shared)
	}
	for _, m := range r.Merges {
		fmt.Fprintf(w, "merge  %s %s: %s\n", m.Node.Type, show(m.Node), m.Why)
	}
	return nil
}

func show(r Ref) string {
	return fmt.Sprintf("%q (%s, %d article(s))", r.Name, r.ID, r.Articles)
}

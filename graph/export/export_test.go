package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
)

// stores returns a real embedded store and the reference model, both
// holding the same corpus. The model is the oracle every export is checked
// against: its Lookup merges entities and edges by the suite's rules.
func stores(t *testing.T, n int) (*embedded.Store, *storetest.Model) {
	t.Helper()
	s, err := embedded.Open(filepath.Join(t.TempDir(), "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m := storetest.NewModel()
	docs := storetest.Corpus(n)
	for i := 0; i < len(docs); i += 16 {
		batch := docs[i:min(i+16, len(docs))]
		if _, err := s.Write(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Write(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	return s, m
}

// expected is what the model says of every entity and edge.
func expected(t *testing.T, m *storetest.Model) (map[string]graph.EntityDetail, map[graph.RelationKey]graph.RelationDetail) {
	t.Helper()
	nodes := map[string]graph.EntityDetail{}
	edges := map[graph.RelationKey]graph.RelationDetail{}
	err := m.Documents(context.Background(), func(d graph.Document) error {
		for _, e := range d.Entities {
			if _, ok := nodes[e.ID]; ok {
				continue
			}
			ds, err := m.Lookup(context.Background(), e.Name)
			if err != nil {
				return err
			}
			for _, det := range ds {
				nodes[det.Entity.ID] = det
				for _, r := range det.Relations {
					edges[r.Key] = r
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) == 0 || len(edges) == 0 {
		t.Fatal("the corpus has no entities or edges: nothing to compare")
	}
	return nodes, edges
}

func distinctArticles(ev []graph.Evidence) int {
	seen := map[string]bool{}
	for _, e := range ev {
		seen[e.ArticleID] = true
	}
	return len(seen)
}

// wantNode is the row a node should export as, keyed by attribute name.
func wantNode(d graph.EntityDetail) map[string]string {
	e := d.Entity
	m := map[string]string{"type": string(e.Type), "name": e.Name, "wikidata": e.Wikidata,
		"aliases": strings.Join(e.Aliases, ListSeparator), "mentions": strconv.Itoa(e.Mentions),
		"articles": strconv.Itoa(len(d.Articles)), "iso": e.ISO, "category": e.Category, "kind": e.Kind,
		"roles": strings.Join(e.Roles, ListSeparator)}
	return dropEmpty(m)
}

func wantEdge(r graph.RelationDetail) map[string]string {
	return dropEmpty(map[string]string{"type": string(r.Key.Type), "confidence": formatFloat(r.Confidence),
		"articles": strconv.Itoa(distinctArticles(r.Evidence)), "evidence": strconv.Itoa(len(r.Evidence)),
		"cameo": r.CAMEO, "symmetric": strconv.FormatBool(r.Key.Type.Symmetric())})
}

func dropEmpty(m map[string]string) map[string]string {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// The GraphML export parses back through encoding/xml into exactly the
// model's nodes and edges, attributes typed as declared.
func TestGraphMLRoundTrip(t *testing.T) {
	s, m := stores(t, 90)
	var buf bytes.Buffer
	sum, err := GraphML(context.Background(), s, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 90 || sum.Bytes != int64(buf.Len()) {
		t.Errorf("summary %+v: want 90 articles and %d bytes", sum, buf.Len())
	}
	var doc struct {
		XMLName xml.Name `xml:"graphml"`
		Keys    []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string    `xml:"edgedefault,attr"`
			Nodes       []xmlNode `xml:"node"`
			Edges       []xmlEdge `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	if doc.XMLName.Space != GraphMLNamespace || doc.Graph.EdgeDefault != "directed" {
		t.Errorf("root %v, edgedefault %q", doc.XMLName, doc.Graph.EdgeDefault)
	}
	keyName := map[string]string{}
	for _, k := range doc.Keys {
		keyName[k.ID] = k.Name
	}
	attrs := func(ds []xmlData) map[string]string {
		out := map[string]string{}
		for _, d := range ds {
			name, ok := keyName[d.Key]
			if !ok {
				t.Errorf("data key %q is not declared", d.Key)
			}
			out[name] = d.Value
		}
		return out
	}
	nodes, edges := expected(t, m)
	if len(doc.Graph.Nodes) != len(nodes) || len(doc.Graph.Edges) != len(edges) {
		t.Fatalf("%d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(nodes), len(edges))
	}
	for _, n := range doc.Graph.Nodes {
		if got, want := attrs(n.Data), wantNode(nodes[n.ID]); !reflect.DeepEqual(got, want) {
			t.Errorf("node %s:\n%s", n.ID, storetest.Diff(want, got))
		}
	}
	for _, e := range doc.Graph.Edges {
		a := attrs(e.Data)
		k := graph.RelationKey{Source: e.Source, Type: graph.RelationType(a["type"]), Target: e.Target}
		want, ok := edges[k]
		if !ok {
			t.Errorf("edge %v is not in the model", k)
			continue
		}
		if w := wantEdge(want); !reflect.DeepEqual(a, w) {
			t.Errorf("edge %v:\n%s", k, storetest.Diff(w, a))
		}
	}
}

// networkx, the GraphML reader most people use, reads the export with the
// same nodes, edges and typed attributes.
func TestGraphMLReadsInNetworkx(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: skipping the networkx check")
	}
	if out, err := exec.Command(py, "-c", "import networkx").CombinedOutput(); err != nil {
		t.Skipf("python3 has no networkx (pip install networkx): skipping the networkx check: %s", bytes.TrimSpace(out))
	}
	s, m := stores(t, 60)
	path := filepath.Join(t.TempDir(), "kg.graphml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := GraphML(context.Background(), s, f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// networkx turns typed attributes into Python values; the script
	// prints them back as JSON for comparison.
	script := `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1], force_multigraph=True)
print(json.dumps({
  "directed": g.is_directed(),
  "nodes": {n: d for n, d in g.nodes(data=True)},
  "edges": [[u, v, d] for u, v, d in g.edges(data=True)],
}))`
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("networkx: %v", err)
	}
	var got struct {
		Directed bool
		Nodes    map[string]map[string]any
		Edges    [][3]json.RawMessage
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	nodes, edges := expected(t, m)
	if !got.Directed || len(got.Nodes) != len(nodes) || len(got.Edges) != len(edges) {
		t.Fatalf("networkx: directed %v, %d nodes, %d edges; want %d and %d", got.Directed, len(got.Nodes), len(got.Edges), len(nodes), len(edges))
	}
	for id, d := range nodes {
		n := got.Nodes[id]
		if n["name"] != d.Entity.Name || n["type"] != string(d.Entity.Type) ||
			n["mentions"] != float64(d.Entity.Mentions) || n["articles"] != float64(len(d.Articles)) {
			t.Errorf("networkx node %s = %v, want %+v", id, n, d.Entity)
		}
	}
	for _, e := range got.Edges {
		var src, dst string
		var a map[string]any
		json.Unmarshal(e[0], &src)
		json.Unmarshal(e[1], &dst)
		json.Unmarshal(e[2], &a)
		typ, _ := a["type"].(string)
		want, ok := edges[graph.RelationKey{Source: src, Type: graph.RelationType(typ), Target: dst}]
		if !ok || a["confidence"] != want.Confidence || a["evidence"] != float64(len(want.Evidence)) ||
			a["symmetric"] != want.Key.Type.Symmetric() {
			t.Errorf("networkx edge %s -%s-> %s = %v, want %+v", src, typ, dst, a, want)
		}
	}
}

func readCSV(t *testing.T, path string, header []string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	if len(rows) == 0 || !reflect.DeepEqual(rows[0], header) {
		t.Fatalf("%s: header %v, want %v", path, rows[:min(1, len(rows))], header)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The CSV export parses back through encoding/csv into the model's nodes,
// edges and every piece of evidence, byte for byte (awkward names included).
func TestCSVRoundTrip(t *testing.T) {
	s, m := stores(t, 90)
	dir := filepath.Join(t.TempDir(), "out")
	sum, err := CSV(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := expected(t, m)
	gotNodes := readCSV(t, filepath.Join(dir, "nodes.csv"), NodesHeader)
	if len(gotNodes) != len(nodes) || sum.Entities != len(nodes) {
		t.Fatalf("%d node rows (summary %d), want %d", len(gotNodes), sum.Entities, len(nodes))
	}
	for _, n := range gotNodes {
		id := n["id"]
		delete(n, "id")
		if want := wantNode(nodes[id]); !reflect.DeepEqual(dropEmpty(n), want) {
			t.Errorf("node %s:\n%s", id, storetest.Diff(want, n))
		}
	}
	gotEdges := readCSV(t, filepath.Join(dir, "edges.csv"), EdgesHeader)
	if len(gotEdges) != len(edges) {
		t.Fatalf("%d edge rows, want %d", len(gotEdges), len(edges))
	}
	for _, e := range gotEdges {
		k := graph.RelationKey{Source: e["source"], Type: graph.RelationType(e["type"]), Target: e["target"]}
		delete(e, "source")
		delete(e, "target")
		if want := wantEdge(edges[k]); !reflect.DeepEqual(dropEmpty(e), want) {
			t.Errorf("edge %v:\n%s", k, storetest.Diff(want, e))
		}
	}
	// evidence.csv: every (edge, article, sentence) of the model, once.
	want := map[string]graph.Evidence{}
	for k, r := range edges {
		for _, ev := range r.Evidence {
			want[string(k.Source)+"|"+string(k.Type)+"|"+k.Target+"|"+ev.ArticleID+"|"+ev.Sentence] = ev
		}
	}
	gotEv := readCSV(t, filepath.Join(dir, "evidence.csv"), EvidenceHeader)
	if len(gotEv) != len(want) || sum.Evidence != len(want) {
		t.Fatalf("%d evidence rows (summary %d), want %d", len(gotEv), sum.Evidence, len(want))
	}
	for _, r := range gotEv {
		key := r["source"] + "|" + r["type"] + "|" + r["target"] + "|" + r["article"] + "|" + r["sentence"]
		w, ok := want[key]
		if !ok {
			t.Errorf("evidence row %v is not in the model", r)
			continue
		}
		var props map[string]string
		if err := json.Unmarshal([]byte(r["properties"]), &props); err != nil {
			t.Errorf("evidence properties %q: %v", r["properties"], err)
		}
		if len(props) == 0 {
			props = nil
		}
		if len(w.Properties) == 0 {
			w.Properties = nil
		}
		conf, _ := strconv.ParseFloat(r["confidence"], 64)
		if conf != w.Confidence || r["origin"] != string(w.Origin) || r["rule"] != w.Rule || !reflect.DeepEqual(props, w.Properties) ||
			r["cameo"] != graph.RelationType(r["type"]).CAMEO() {
			t.Errorf("evidence row %v, want %+v", r, w)
		}
	}
}

// A JSON lines export loaded into a fresh store gives the same graph, by the
// conformance suite's Equal; a broken line is reported and skipped.
func TestJSONLReimport(t *testing.T) {
	s, m := stores(t, 90)
	var buf bytes.Buffer
	sum, err := JSONL(context.Background(), s, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Articles != 90 || strings.Count(buf.String(), "\n") != 90 {
		t.Fatalf("summary %+v, %d lines: want 90", sum, strings.Count(buf.String(), "\n"))
	}
	input := "{not json\n" + buf.String() + `{"article":{"id":"x"},"entities":[],"relations":[{"source":"a","target":"b","type":"ATTACKS","origin":"text"}]}` + "\n"
	fresh, err := embedded.Open(filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	var bad []int
	err = ReadJSONL(strings.NewReader(input), func(d graph.Document) error {
		_, err := fresh.Write(context.Background(), []graph.Document{d})
		return err
	}, func(line int, err error) { bad = append(bad, line) })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bad, []int{1, 92}) {
		t.Errorf("bad lines %v, want [1 92]", bad)
	}
	storetest.Equal(t, fresh, s)
	storetest.Equal(t, fresh, m)
}

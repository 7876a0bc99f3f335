package export

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/kg/graph"
)

// GraphMLNamespace is the namespace of GraphML 1.0 documents.
const GraphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

// graphMLKey declares one attribute; the id is what <data key=...> names.
type graphMLKey struct {
	id, domain, name, typ string
}

// The attributes of nodes and edges, in the order they are declared. Lists
// (aliases, roles) are joined with "; ", since GraphML values are scalars.
var graphMLKeys = []graphMLKey{
	{"type", "node", "type", "string"},
	{"name", "node", "name", "string"},
	{"wikidata", "node", "wikidata", "string"},
	{"aliases", "node", "aliases", "string"},
	{"mentions", "node", "mentions", "int"},
	{"narticles", "node", "articles", "int"},
	{"iso", "node", "iso", "string"},
	{"category", "node", "category", "string"},
	{"kind", "node", "kind", "string"},
	{"roles", "node", "roles", "string"},
	{"etype", "edge", "type", "string"},
	{"confidence", "edge", "confidence", "double"},
	{"earticles", "edge", "articles", "int"},
	{"evidence", "edge", "evidence", "int"},
	{"cameo", "edge", "cameo", "string"},
	{"symmetric", "edge", "symmetric", "boolean"},
}

// ListSeparator joins list values (aliases, roles) in GraphML and CSV.
const ListSeparator = "; "

type xmlData struct {
	XMLName xml.Name `xml:"data"`
	Key     string   `xml:"key,attr"`
	Value   string   `xml:",chardata"`
}

type xmlNode struct {
	XMLName xml.Name  `xml:"node"`
	ID      string    `xml:"id,attr"`
	Data    []xmlData `xml:"data"`
}

type xmlEdge struct {
	XMLName xml.Name  `xml:"edge"`
	ID      string    `xml:"id,attr"`
	Source  string    `xml:"source,attr"`
	Target  string    `xml:"target,attr"`
	Data    []xmlData `xml:"data"`
}

// data appends a <data> element, leaving empty strings out (GraphML readers
// then report the attribute as absent rather than "").
func data(out []xmlData, key, value string) []xmlData {
	if value == "" {
		return out
	}
	return append(out, xmlData{Key: key, Value: value})
}

// GraphML writes the merged graph as one directed GraphML graph: a node
// per entity (id = entity id) and an edge per (source, type, target), with
// the attributes of graphMLKeys. Symmetric relation types keep their
// canonical direction and carry symmetric=true.
func GraphML(ctx context.Context, s graph.Store, w io.Writer) (Summary, error) {
	start := time.Now()
	g, sum, err := Merge(ctx, s, nil)
	if err != nil {
		return sum, fmt.Errorf("export graphml: %w", err)
	}
	cw := &countingWriter{w: w}
	if err := writeGraphML(cw, g); err != nil {
		return sum, fmt.Errorf("export graphml: %w", err)
	}
	sum.Bytes = cw.n
	sum.Elapsed = time.Since(start)
	return sum, nil
}

func writeGraphML(w io.Writer, g *Graph) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: GraphMLNamespace}}}
	if err := enc.EncodeToken(root); err != nil {
		return err
	}
	for _, k := range graphMLKeys {
		el := xml.StartElement{Name: xml.Name{Local: "key"}, Attr: []xml.Attr{
			{Name: xml.Name{Local: "id"}, Value: k.id},
			{Name: xml.Name{Local: "for"}, Value: k.domain},
			{Name: xml.Name{Local: "attr.name"}, Value: k.name},
			{Name: xml.Name{Local: "attr.type"}, Value: k.typ},
		}}
		if err := enc.EncodeToken(el); err != nil {
			return err
		}
		if err := enc.EncodeToken(el.End()); err != nil {
			return err
		}
	}
	gr := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "id"}, Value: "kg"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}
	if err := enc.EncodeToken(gr); err != nil {
		return err
	}
	for _, n := range g.SortedNodes() {
		var d []xmlData
		d = data(d, "type", string(n.Type))
		d = data(d, "name", n.Name)
		d = data(d, "wikidata", n.Wikidata)
		d = data(d, "aliases", strings.Join(n.Aliases, ListSeparator))
		d = data(d, "mentions", strconv.Itoa(n.Mentions))
		d = data(d, "narticles", strconv.Itoa(n.Articles))
		d = data(d, "iso", n.ISO)
		d = data(d, "category", n.Category)
		d = data(d, "kind", n.Kind)
		d = data(d, "roles", strings.Join(n.Roles, ListSeparator))
		if err := enc.Encode(xmlNode{ID: n.ID, Data: d}); err != nil {
			return err
		}
	}
	for i, e := range g.SortedEdges() {
		var d []xmlData
		d = data(d, "etype", string(e.Type))
		d = data(d, "confidence", formatFloat(e.Confidence))
		d = data(d, "earticles", strconv.Itoa(e.Articles))
		d = data(d, "evidence", strconv.Itoa(e.Evidence))
		d = data(d, "cameo", e.Type.CAMEO())
		d = data(d, "symmetric", strconv.FormatBool(e.Type.Symmetric()))
		if err := enc.Encode(xmlEdge{ID: "e" + strconv.Itoa(i), Source: e.Source, Target: e.Target, Data: d}); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(gr.End()); err != nil {
		return err
	}
	if err := enc.EncodeToken(root.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// formatFloat writes the shortest decimal that reads back as the same
// float64, so confidences survive a round trip exactly.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/kg/graph"
)

// CSV file names and headers, in the order their columns are written.
var (
	NodesHeader    = []string{"id", "type", "name", "wikidata", "aliases", "mentions", "articles", "iso", "category", "kind", "roles"}
	EdgesHeader    = []string{"source", "type", "target", "confidence", "articles", "evidence", "cameo", "symmetric"}
	EvidenceHeader = []string{"source", "type", "target", "article", "sentence", "confidence", "origin", "rule", "cameo", "properties"}
)

// CSV writes three files into dir (created if needed): nodes.csv (one row
// per entity), edges.csv (one row per edge) and evidence.csv (one row per
// sentence stating an edge, streamed in article-id order, so its size costs
// no memory). Lists are joined with "; ", properties are a JSON object.
func CSV(ctx context.Context, s graph.Store, dir string) (Summary, error) {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("export csv: %w", err)
	}
	var total int64
	ev, err := createCSV(filepath.Join(dir, "evidence.csv"), EvidenceHeader)
	if err != nil {
		return Summary{}, err
	}
	g, sum, err := Merge(ctx, s, func(d graph.Document) error {
		for _, r := range d.Evidence() {
			if err := ev.Write([]string{r.Source, string(r.Type), r.Target, d.Article.ID, r.Sentence,
				formatFloat(r.Confidence), string(r.Origin), r.Rule, r.CAMEO, propertiesJSON(r.Properties)}); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := ev.close(); err == nil {
		err = cerr
	}
	total += ev.count.n
	if err != nil {
		return sum, fmt.Errorf("export csv: %w", err)
	}

	nodes, err := createCSV(filepath.Join(dir, "nodes.csv"), NodesHeader)
	if err != nil {
		return sum, err
	}
	for _, n := range g.SortedNodes() {
		if err = nodes.Write([]string{n.ID, string(n.Type), n.Name, n.Wikidata, strings.Join(n.Aliases, ListSeparator),
			strconv.Itoa(n.Mentions), strconv.Itoa(n.Articles), n.ISO, n.Category, n.Kind, strings.Join(n.Roles, ListSeparator)}); err != nil {
			break
		}
	}
	if cerr := nodes.close(); err == nil {
		err = cerr
	}
	total += nodes.count.n
	if err != nil {
		return sum, fmt.Errorf("export csv: %w", err)
	}

	edges, err := createCSV(filepath.Join(dir, "edges.csv"), EdgesHeader)
	if err != nil {
		return sum, err
	}
	for _, e := range g.SortedEdges() {
		if err = edges.Write([]string{e.Source, string(e.Type), e.Target, formatFloat(e.Confidence),
			strconv.Itoa(e.Articles), strconv.Itoa(e.Evidence), e.Type.CAMEO(), strconv.FormatBool(e.Type.Symmetric())}); err != nil {
			break
		}
	}
	if cerr := edges.close(); err == nil {
		err = cerr
	}
	total += edges.count.n
	if err != nil {
		return sum, fmt.Errorf("export csv: %w", err)
	}
	sum.Bytes = total
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// csvFile is a CSV writer on a file, counting the bytes it writes.
type csvFile struct {
	*csv.Writer
	f     *os.File
	count *countingWriter
}

func createCSV(path string, header []string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	cw := &countingWriter{w: f}
	c := &csvFile{Writer: csv.NewWriter(cw), f: f, count: cw}
	if err := c.Write(header); err != nil {
		f.Close()
		return nil, fmt.Errorf("export csv: %s: %w", path, err)
	}
	return c, nil
}

func (c *csvFile) close() error {
	c.Flush()
	return errors.Join(c.Error(), c.f.Close())
}

// propertiesJSON encodes relation properties as a JSON object ("{}" when
// there are none), keys sorted by encoding/json.
func propertiesJSON(p map[string]string) string {
	if len(p) == 0 {
		return "{}"
	}
	b, err := json.Marshal(p)
	if err != nil {
		panic(err) // a map of strings always encodes
	}
	return string(b)
}

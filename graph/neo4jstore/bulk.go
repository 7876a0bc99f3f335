package neo4jstore

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/kg/graph"
)

// The bulk path: ExportAdmin writes what a store holds as the CSV input of
// `neo4j-admin database import full`, with exactly the nodes, relationships
// and properties this package's writer would have made, so a store loaded
// offline is the same as one written by Write (and Write can go on from
// there). The offline importer writes store files directly, with no
// transactions, locks or evidence-list appends.
//
// One thing the CSV format cannot say: an array field is split on the
// array delimiter and an empty field is no property, so a one-element list
// holding "" (the rule or CAMEO code of an edge with one piece of evidence,
// often empty) is lost. The export therefore adds a :KgMeta marker node;
// Init, run by every Open, finds it and puts those lists back
// (stmtBulkFixup) before anything reads the graph.

// AdminArrayDelimiter separates array elements in the exported CSV
// (--array-delimiter=U+001F): a control character articles do not hold.
const AdminArrayDelimiter = "\x1f"

// AdminFiles are the files ExportAdmin writes, nodes first.
var AdminFiles = struct{ Nodes, Relationships []string }{
	Nodes:         []string{"articles.csv", "entities.csv", "meta.csv"},
	Relationships: []string{"mentions.csv", "relations.csv"},
}

// AdminImportArgs are the arguments of `neo4j-admin` that load an export in
// dir into database db (which must not exist, or is overwritten with
// --overwrite-destination).
func AdminImportArgs(dir, db string) []string {
	args := []string{"database", "import", "full", db}
	for _, f := range AdminFiles.Nodes {
		args = append(args, "--nodes="+filepath.Join(dir, f))
	}
	for _, f := range AdminFiles.Relationships {
		args = append(args, "--relationships="+filepath.Join(dir, f))
	}
	return append(args, "--array-delimiter=U+001F", "--multiline-fields=true")
}

const bulkMetaKey = "kg:bulk-import"

const (
	// stmtBulkFixup gives back, on edges with one piece of evidence, the
	// lists the CSV could not hold because their one element was "".
	// MENTIONS edges have no articles list and are left alone.
	stmtBulkFixup = `
MATCH (:Entity)-[r]->(:Entity)
WHERE size(r.articles) = 1 AND (r.sentences IS NULL OR r.origins IS NULL OR r.rules IS NULL
      OR r.properties IS NULL OR r.cameos IS NULL)
CALL (r) {
  SET r.sentences = coalesce(r.sentences, ['']), r.origins = coalesce(r.origins, ['']),
      r.rules = coalesce(r.rules, ['']), r.properties = coalesce(r.properties, ['']),
      r.cameos = coalesce(r.cameos, [''])
} IN TRANSACTIONS OF 10000 ROWS`
	stmtBulkDone = `MATCH (m:KgMeta {key: $key}) DELETE m`
)

// finishBulkImport runs the fix-up when the graph came from ExportAdmin and
// has not been fixed yet. Both statements are idempotent, so an Init
// interrupted between them does it again.
func (s *Store) finishBulkImport(ctx context.Context) error {
	if _, ok, err := s.GetMeta(ctx, bulkMetaKey); err != nil || !ok {
		return err
	}
	if _, err := s.run(ctx, stmtBulkFixup, nil); err != nil {
		return fmt.Errorf("neo4j at %s: finishing a bulk import: %w", s.uri, err)
	}
	if _, err := s.run(ctx, stmtBulkDone, map[string]any{"key": bulkMetaKey}); err != nil {
		return fmt.Errorf("neo4j at %s: finishing a bulk import: %w", s.uri, err)
	}
	return nil
}

// AdminSummary says what ExportAdmin wrote.
type AdminSummary struct {
	Articles, Entities, Mentions, Relations, Evidence int
	Bytes                                             int64
	Elapsed                                           time.Duration
}

// ExportAdmin writes the graph src holds (any graph.Store) into dir as the
// CSV files of AdminFiles. Articles and mentions are streamed; entities
// and edges are aggregated in memory (an edge's evidence must be one CSV
// row), so memory grows with the evidence, not only with the graph.
func ExportAdmin(ctx context.Context, src graph.Store, dir string) (AdminSummary, error) {
	start := time.Now()
	var sum AdminSummary
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sum, err
	}
	files := map[string]*csvFile{}
	var err error
	for _, name := range append(slices.Clone(AdminFiles.Nodes), AdminFiles.Relationships...) {
		if files[name], err = createCSV(filepath.Join(dir, name)); err != nil {
			for _, f := range files {
				f.close()
			}
			return sum, err
		}
	}
	err = exportAdmin(ctx, src, files, &sum)
	for _, name := range append(slices.Clone(AdminFiles.Nodes), AdminFiles.Relationships...) {
		n, cerr := files[name].close()
		sum.Bytes += n
		err = errors.Join(err, cerr)
	}
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, fmt.Errorf("export to %s: %w", dir, err)
	}
	return sum, nil
}

// Column layouts: names and types as Write sets them (articleRow,
// mentionProps, stmtUpsertEntities, relationRows).
var (
	articleHeader  = []string{"id:ID(Article)", ":LABEL", "title", "source", "url", "published", "hash"}
	entityHeader   = []string{"id:ID(Entity)", ":LABEL", "name", "wikidata", "iso", "category", "kind", "aliases:string[]", "roles:string[]", "keys:string[]", "mentions:long", "attr_articles:string[]"}
	metaHeader     = []string{":LABEL", "key", "value"}
	mentionHeader  = []string{":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "type", "count:long", "name", "aliases:string[]", "wikidata", "iso", "category", "kind", "roles:string[]", "keys:string[]"}
	relationHeader = []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "articles:string[]", "sentences:string[]", "confidences:double[]", "origins:string[]", "rules:string[]", "properties:string[]", "cameos:string[]", "count:long", "confidence:double", "origin", "cameo"}
)

type bulkEntity struct {
	values, articles []string // per attribute of attributeList
	mentions         int64
	aliases, roles   []string
	keys             []string
	seen             map[string]bool // "a:"+alias, "r:"+role, "k:"+key
}

type bulkEdge struct {
	articles, sentences, origins, rules, properties, cameos []string
	confidences                                             []float64
}

func exportAdmin(ctx context.Context, src graph.Store, files map[string]*csvFile, sum *AdminSummary) error {
	for name, h := range map[string][]string{"articles.csv": articleHeader, "entities.csv": entityHeader,
		"meta.csv": metaHeader, "mentions.csv": mentionHeader, "relations.csv": relationHeader} {
		if err := files[name].w.Write(h); err != nil {
			return err
		}
	}
	entities := map[string]*bulkEntity{}
	edges := map[graph.RelationKey]*bulkEdge{}
	err := src.Documents(ctx, func(d graph.Document) error {
		d = prepare(d)
		a := d.Article
		sum.Articles++
		if err := files["articles.csv"].w.Write([]string{a.ID, "Article", a.Title, a.Source, a.URL, a.Published, a.Hash}); err != nil {
			return err
		}
		for _, e := range d.Entities {
			sum.Mentions++
			if err := checkArrays(e.Aliases, e.Roles); err != nil {
				return fmt.Errorf("article %q, entity %q: %w", a.ID, e.ID, err)
			}
			if err := files["mentions.csv"].w.Write([]string{a.ID, e.ID, "MENTIONS", string(e.Type),
				strconv.Itoa(e.Mentions), e.Name, join(e.Aliases), e.Wikidata, e.ISO, e.Category, e.Kind,
				join(e.Roles), join(lookupKeys(e))}); err != nil {
				return err
			}
			be := entities[e.ID]
			if be == nil {
				be = &bulkEntity{values: make([]string, 6), articles: make([]string, 6), seen: map[string]bool{}}
				entities[e.ID] = be
			}
			// Documents come in article-id order: the first value is the
			// earliest article's, as stmtUpsertEntities keeps it.
			for i, v := range []string{e.Name, string(e.Type), e.Wikidata, e.ISO, e.Category, e.Kind} {
				if be.values[i] == "" && v != "" {
					be.values[i], be.articles[i] = v, a.ID
				}
			}
			be.mentions += int64(e.Mentions)
			be.aliases = be.add(be.aliases, "a:", e.Aliases)
			be.roles = be.add(be.roles, "r:", e.Roles)
			be.keys = be.add(be.keys, "k:", lookupKeys(e))
		}
		for _, r := range d.Relations {
			k := r.Key()
			ed := edges[k]
			if ed == nil {
				ed = &bulkEdge{}
				edges[k] = ed
			}
			ed.articles = append(ed.articles, a.ID)
			ed.sentences = append(ed.sentences, r.Sentence)
			ed.confidences = append(ed.confidences, r.Confidence)
			ed.origins = append(ed.origins, string(r.Origin))
			ed.rules = append(ed.rules, r.Rule)
			ed.properties = append(ed.properties, propertiesJSON(r.Properties))
			ed.cameos = append(ed.cameos, r.CAMEO)
			sum.Evidence++
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}

	for _, id := range slices.Sorted(func(yield func(string) bool) {
		for id := range entities {
			if !yield(id) {
				return
			}
		}
	}) {
		be := entities[id]
		typ := be.values[1]
		if !slices.Contains(graph.EntityTypes, graph.EntityType(typ)) {
			return fmt.Errorf("entity %q: type %q is not a schema type", id, typ)
		}
		if err := checkArrays(be.aliases, be.roles, be.keys, be.articles); err != nil {
			return fmt.Errorf("entity %q: %w", id, err)
		}
		if err := files["entities.csv"].w.Write([]string{id, "Entity" + AdminArrayDelimiter + typ,
			be.values[0], be.values[2], be.values[3], be.values[4], be.values[5],
			join(be.aliases), join(be.roles), join(be.keys), strconv.FormatInt(be.mentions, 10),
			join(be.articles)}); err != nil {
			return err
		}
		sum.Entities++
	}
	if err := files["meta.csv"].w.Write([]string{"KgMeta", bulkMetaKey, "pending"}); err != nil {
		return err
	}

	keys := make([]graph.RelationKey, 0, len(edges))
	for k := range edges {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b graph.RelationKey) int {
		return strings.Compare(a.Source+"\x00"+string(a.Type)+"\x00"+a.Target, b.Source+"\x00"+string(b.Type)+"\x00"+b.Target)
	})
	for _, k := range keys {
		ed := edges[k]
		conf := slices.Max(ed.confidences)
		origin := string(graph.OriginGazetteer)
		if slices.Contains(ed.origins, string(graph.OriginText)) {
			origin = string(graph.OriginText)
		}
		confs := make([]string, len(ed.confidences))
		for i, c := range ed.confidences {
			confs[i] = strconv.FormatFloat(c, 'g', -1, 64)
		}
		if err := checkArrays(ed.articles, ed.sentences, ed.origins, ed.rules, ed.properties, ed.cameos); err != nil {
			return fmt.Errorf("edge %s -%s-> %s: %w", k.Source, k.Type, k.Target, err)
		}
		if err := files["relations.csv"].w.Write([]string{k.Source, k.Target, mustIdentifier(string(k.Type)),
			join(ed.articles), join(ed.sentences), strings.Join(confs, AdminArrayDelimiter),
			join(ed.origins), join(ed.rules), join(ed.properties), join(ed.cameos),
			strconv.Itoa(len(ed.articles)), strconv.FormatFloat(conf, 'g', -1, 64), origin, k.Type.CAMEO()}); err != nil {
			return err
		}
		sum.Relations++
	}
	return nil
}

// checkArrays fails when a value of an array column holds the delimiter:
// the importer would split it, and the CSV format has no escape for it.
func checkArrays(lists ...[]string) error {
	for _, l := range lists {
		for _, v := range l {
			if strings.Contains(v, AdminArrayDelimiter) {
				return fmt.Errorf("the value %q holds U+001F, which the neo4j-admin array format cannot carry (use kg export --format jsonl and kg load instead)", v)
			}
		}
	}
	return nil
}

// add appends the values not seen yet under prefix.
func (be *bulkEntity) add(list []string, prefix string, vs []string) []string {
	for _, v := range vs {
		if !be.seen[prefix+v] {
			be.seen[prefix+v] = true
			list = append(list, v)
		}
	}
	return list
}

// join renders a list for an array column. An empty list is an empty
// field, which the importer leaves out: Write leaves empty roles and
// mention aliases out too, and readers take a missing list as empty.
func join(vs []string) string { return strings.Join(vs, AdminArrayDelimiter) }

// csvFile is an output file with its CSV writer and a byte count.
type csvFile struct {
	f *os.File
	n *countingWriter
	w *csv.Writer
}

type countingWriter struct {
	f *os.File
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.f.Write(p)
	c.n += int64(n)
	return n, err
}

func createCSV(path string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	cw := &countingWriter{f: f}
	return &csvFile{f: f, n: cw, w: csv.NewWriter(cw)}, nil
}

func (c *csvFile) close() (int64, error) {
	c.w.Flush()
	err := errors.Join(c.w.Error(), c.f.Close())
	return c.n.n, err
}

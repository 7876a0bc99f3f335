package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/export"
	"github.com/newsgraph/kg/graph/neo4jstore"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the graph as GraphML, CSV or JSON lines (for Gephi, yEd, networkx, pandas, or kg load)",
		ArgsUsage: "[FILE|DIR]",
		Description: `Writes everything the store holds (embedded or Neo4j; both export the same files
for the same graph). The argument is the output: a file for graphml and jsonl
(default: standard output), a folder for csv (required).

  graphml  one node per entity (type, name, wikidata, aliases, mentions, articles, ...),
           one edge per relation (type, confidence, articles, evidence, cameo, symmetric)
  csv      DIR/nodes.csv, DIR/edges.csv, DIR/evidence.csv (one row per evidence sentence)
  jsonl    one SCHEMA.md document per article per line; kg load reads it back
  neo4j-admin  DIR/*.csv, the input of neo4j-admin database import full: the bulk path
           into an empty Neo4j database (docs/scale-out.md); the first kg command
           against the imported database completes it

Examples:
   kg export --format graphml kg.graphml
   kg export --format csv out/
   kg export --format jsonl backup.jsonl && kg --db copy.db load backup.jsonl
   kg export --format neo4j-admin bulk/ && neo4j-admin database import full neo4j \
      --nodes=bulk/articles.csv --nodes=bulk/entities.csv --nodes=bulk/meta.csv \
      --relationships=bulk/mentions.csv --relationships=bulk/relations.csv \
      --array-delimiter=U+001F --multiline-fields=true`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"o"}, Value: "graphml", Usage: "graphml, csv, jsonl or neo4j-admin"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if c.NArg() > 1 {
				return withCode(exitUsage, fmt.Errorf("export takes one output FILE or DIR, not %d", c.NArg()))
			}
			out := c.Args().First()
			switch format {
			case "graphml", "jsonl":
			case "csv", "neo4j-admin":
				if out == "" || out == "-" {
					return withCode(exitUsage, fmt.Errorf("--format %s writes several files: give the output folder", format))
				}
			default:
				return withCode(exitUsage, fmt.Errorf("--format must be graphml, csv, jsonl or neo4j-admin, not %q", format))
			}
			store, where, err := openStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			if format == "neo4j-admin" {
				return exportAdmin(c, store, where, out)
			}
			var sum export.Summary
			if format == "csv" {
				sum, err = export.CSV(c.Context, store, out)
			} else {
				sum, err = exportStream(c, store, format, out)
			}
			if err != nil {
				return err
			}
			target := out
			if target == "" || target == "-" {
				target = "standard output"
			}
			fmt.Fprintf(c.App.ErrWriter, "Exported %d article(s) from %s to %s (%s) in %s: %s\n",
				sum.Articles, where, target, format, sum.Elapsed.Round(time.Millisecond), throughput(sum.Articles, sum.Bytes, sum.Elapsed))
			if format != "jsonl" {
				fmt.Fprintf(c.App.ErrWriter, "  %d entities, %d edges, %d pieces of evidence\n", sum.Entities, sum.Edges, sum.Evidence)
			}
			return nil
		},
	}
}

// exportAdmin writes the neo4j-admin CSV files and says how to load them.
func exportAdmin(c *cli.Context, store graph.Store, where, out string) error {
	sum, err := neo4jstore.ExportAdmin(c.Context, store, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "Exported %d article(s) from %s to %s (neo4j-admin) in %s: %s\n",
		sum.Articles, where, out, sum.Elapsed.Round(time.Millisecond), throughput(sum.Articles, sum.Bytes, sum.Elapsed))
	fmt.Fprintf(c.App.ErrWriter, "  %d entities, %d mentions, %d edges, %d pieces of evidence\n", sum.Entities, sum.Mentions, sum.Relations, sum.Evidence)
	fmt.Fprintf(c.App.ErrWriter, "Load into a new database (server stopped, or a database that does not exist yet) with:\n  neo4j-admin %s\n"+
		"then start the server and run any kg command against it (kg init) to complete the import.\n",
		strings.Join(neo4jstore.AdminImportArgs(out, "neo4j"), " "))
	return nil
}

// exportStream writes a one-file format to out, or to stdout.
func exportStream(c *cli.Context, store graph.Store, format, out string) (export.Summary, error) {
	var w io.Writer = c.App.Writer
	var f *os.File
	if out != "" && out != "-" {
		var err error
		if f, err = os.Create(out); err != nil {
			return export.Summary{}, err
		}
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var sum export.Summary
	var err error
	if format == "graphml" {
		sum, err = export.GraphML(c.Context, store, bw)
	} else {
		sum, err = export.JSONL(c.Context, store, bw)
	}
	err = errors.Join(err, bw.Flush())
	if f != nil {
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		return sum, fmt.Errorf("export to %s: %w", out, err)
	}
	return sum, nil
}

// throughput renders articles/s and MB/s (MB = 10^6 bytes).
func throughput(articles int, bytes int64, d time.Duration) string {
	s := d.Seconds()
	if s <= 0 {
		s = 1e-9
	}
	return fmt.Sprintf("%.0f articles/s, %.1f MB/s", float64(articles)/s, float64(bytes)/1e6/s)
}

func loadCommand() *cli.Command {
	return &cli.Command{
		Name:      "load",
		Usage:     "write documents (kg export --format jsonl, kg extract --format json) into the store, without extraction",
		ArgsUsage: "FILE...",
		Description: `Reads JSON lines of SCHEMA.md documents, one per article, and writes them to the
store like import does (idempotent; the same article id and hash again changes
nothing). Use it to restore or copy an export, or to write what kg extract
computed elsewhere. A line that does not parse or breaks the schema is skipped
with a warning naming the file and line; exit code 3 then.

Examples:
   kg export --format jsonl backup.jsonl && kg --db copy.db load backup.jsonl
   kg extract --format json articles/ > facts.jsonl && kg load facts.jsonl
   kg load - < facts.jsonl`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "batch", Value: 64, Usage: "documents per store transaction"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("load needs at least one FILE (or - for standard input)"))
			}
			batchSize := max(1, c.Int("batch"))
			store, where, err := openStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			start := time.Now()
			var res graph.WriteResult
			var batch []graph.Document
			var n, bad int
			var bytes int64
			flush := func() error {
				if len(batch) == 0 {
					return nil
				}
				r, err := store.Write(c.Context, batch)
				batch = batch[:0]
				res.Add(r)
				return err
			}
			for _, path := range c.Args().Slice() {
				var r io.Reader = os.Stdin
				if path != "-" {
					f, err := os.Open(path)
					if err != nil {
						logrus.WithField("input", path).Warn("skipped: " + err.Error())
						bad++
						continue
					}
					defer f.Close()
					r = f
				}
				cr := &countingReader{r: r}
				err := export.ReadJSONL(cr, func(d graph.Document) error {
					n++
					batch = append(batch, d)
					if len(batch) >= batchSize {
						return flush()
					}
					return nil
				}, func(line int, err error) {
					bad++
					logrus.WithFields(logrus.Fields{"input": path, "line": line}).Warn("skipped: " + err.Error())
				})
				bytes += cr.n
				if err == nil {
					err = flush()
				}
				if err != nil {
					return fmt.Errorf("load %s: %w (what was written is consistent; run the same load again to complete it)", path, err)
				}
			}
			elapsed := time.Since(start)
			fmt.Fprintf(c.App.Writer, "Loaded %d document(s) into %s in %s: %s\n", n, where, elapsed.Round(time.Millisecond), throughput(n, bytes, elapsed))
			fmt.Fprintf(c.App.Writer, "  written %d (replaced %d), unchanged %d, skipped %d\n", res.Written, res.Replaced, res.Skipped, bad)
			switch {
			case n == 0:
				return withCode(exitError, fmt.Errorf("no document was loaded"))
			case bad > 0:
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", bad))
			}
			return nil
		},
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/neo4jstore"
)

func queryCommand() *cli.Command {
	return &cli.Command{
		Name:      "query",
		Usage:     "run a Cypher query against Neo4j and print the rows",
		ArgsUsage: "CYPHER",
		Description: `Runs one Cypher statement against the Neo4j server of --neo4j-uri / NEO4J_URI.
Values go in parameters: --param name=value (repeatable; numbers and true/false are
typed, anything else is a string; name:=JSON passes a JSON value). The session is
read-only unless --write: a query that creates, changes or deletes is refused by the
server, so a typo cannot damage the graph.

Examples:
   kg query 'MATCH (a)-[r:NEGOTIATES_WITH]-(b) RETURN a.name, b.name, r.sentences'
   kg query --param name=Oman 'MATCH (m {name:$name})-[:MEDIATES]->(p) RETURN p.name'
   kg query --format csv 'MATCH (n:State) RETURN n.name, n.iso' > states.csv

See docs/cypher-cookbook.md for the questions analysts ask.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "query parameter `name=value` (or name:=JSON)"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "output: table, json or csv"},
			&cli.BoolFlag{Name: "write", Usage: "allow the query to write (the session is read-only by default, as cypher-shell's --access-mode read)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return withCode(exitUsage, fmt.Errorf("query needs one CYPHER argument (quote it)"))
			}
			if c.String("neo4j-uri") == "" {
				return withCode(exitUsage, fmt.Errorf("query needs Neo4j: set --neo4j-uri or NEO4J_URI"))
			}
			format := c.String("format")
			if format != "table" && format != "json" && format != "csv" {
				return withCode(exitUsage, fmt.Errorf("--format must be table, json or csv, not %q", format))
			}
			params, err := parseParams(c.StringSlice("param"))
			if err != nil {
				return withCode(exitUsage, err)
			}
			store, err := openNeo4j(c)
			if err != nil {
				return err
			}
			defer store.Close()
			res, err := store.QueryAccess(c.Context, c.Args().First(), params, c.Bool("write"))
			if errors.Is(err, neo4jstore.ErrReadOnly) {
				return fmt.Errorf("%w; run it again with --write to allow writes", err)
			}
			if err != nil {
				return err
			}
			return printResult(c.App.Writer, res, format)
		},
	}
}

// parseParams reads name=value and name:=JSON pairs.
func parseParams(pairs []string) (map[string]any, error) {
	params := map[string]any{}
	for _, p := range pairs {
		if i := strings.Index(p, ":="); i > 0 {
			var v any
			if err := json.Unmarshal([]byte(p[i+2:]), &v); err != nil {
				return nil, fmt.Errorf("--param %s: not JSON: %v", p[:i], err)
			}
			params[p[:i]] = v
			continue
		}
		i := strings.IndexByte(p, '=')
		if i <= 0 {
			return nil, fmt.Errorf("--param %q: want name=value", p)
		}
		name, val := p[:i], p[i+1:]
		if n, err := strconv.ParseInt(val, 10, 64); err == nil {
			params[name] = n
		} else if f, err := strconv.ParseFloat(val, 64); err == nil {
			params[name] = f
		} else if b, err := strconv.ParseBool(val); err == nil && (val == "true" || val == "false") {
			params[name] = b
		} else {
			params[name] = val
		}
	}
	return params, nil
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64, float64, bool:
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func printResult(w io.Writer, res neo4jstore.Result, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		for _, row := range res.Rows {
			obj := map[string]any{}
			for i, c := range res.Columns {
				obj[c] = row[i]
			}
			if err := enc.Encode(obj); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(res.Columns)
		for _, row := range res.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				rec[i] = cell(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	for _, row := range res.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = cell(v)
		}
		fmt.Fprintln(tw, strings.Join(rec, "\t"))
	}
	tw.Flush()
	if len(res.Counters) > 0 {
		fmt.Fprintf(w, "(%v)\n", res.Counters)
	}
	fmt.Fprintf(w, "(%d row(s))\n", len(res.Rows))
	return nil
}

func pushCommand() *cli.Command {
	return &cli.Command{
		Name:  "push",
		Usage: "copy the embedded store into Neo4j (idempotent)",
		Description: `Writes every article of the embedded store (--db) to the Neo4j server of
--neo4j-uri / NEO4J_URI, exactly as an import would. Running it again changes
nothing; articles changed since are replaced.

Examples:
   kg import seeds/ && NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kg push`,
		Flags: []cli.Flag{&cli.IntFlag{Name: "batch", Value: 64, Usage: "articles per Neo4j transaction"}},
		Action: func(c *cli.Context) error {
			if c.String("neo4j-uri") == "" {
				return withCode(exitUsage, fmt.Errorf("push needs Neo4j: set --neo4j-uri or NEO4J_URI"))
			}
			if err := embeddedExists(c.String("db")); err != nil {
				return err
			}
			src, err := embedded.Open(c.String("db"))
			if err != nil {
				return fmt.Errorf("embedded store %s: %w", c.String("db"), err)
			}
			defer src.Close()
			dst, err := openNeo4j(c)
			if err != nil {
				return err
			}
			defer dst.Close()
			var total graph.WriteResult
			var batch []graph.Document
			flush := func() error {
				if len(batch) == 0 {
					return nil
				}
				res, err := dst.Write(c.Context, batch)
				if err != nil {
					return err
				}
				total.Add(res)
				batch = batch[:0]
				return nil
			}
			err = src.Documents(c.Context, func(d graph.Document) error {
				batch = append(batch, d)
				if len(batch) >= c.Int("batch") {
					return flush()
				}
				return nil
			})
			if err == nil {
				err = flush()
			}
			logrus.WithFields(logrus.Fields{"written": total.Written, "unchanged": total.Skipped}).Info("push")
			if err != nil {
				return fmt.Errorf("push stopped: %w (run it again to complete)", err)
			}
			fmt.Fprintf(c.App.Writer, "Pushed %s to %s: %d article(s) written (%d replaced), %d unchanged\n",
				c.String("db"), dst.URI(), total.Written, total.Replaced, total.Skipped)
			return nil
		},
	}
}

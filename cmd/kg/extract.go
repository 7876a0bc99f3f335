package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/pipeline"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "print what extraction finds in articles, without a store",
		ArgsUsage: "PATH...",
		Description: `Reads articles like import does and prints, for each, the entities and relations
found. --format json prints one object per article per line, the "extract JSON
output" of SCHEMA.md; --format table prints them for reading.

Examples:
   kg extract seeds/articles/muscat.txt
   kg extract --format json articles/ > facts.jsonl
   echo "Iran and Oman held talks in Muscat." | kg extract -`,
		Flags: append(readFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"o"}, Value: "table", Usage: "output: table or json (one SCHEMA.md object per article per line)"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("extract needs at least one PATH (a file, a folder or -)"))
			}
			out := c.String("format")
			if out != "table" && out != "json" {
				return withCode(exitUsage, fmt.Errorf("--format must be table or json, not %q", out))
			}
			ropts, x, err := readAndExtract(c)
			if err != nil {
				return err
			}
			if ropts, err = withWeb(c, ropts, nil); err != nil {
				return err
			}
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			var werr error
			sum, err := pipeline.Import(c.Context, c.Args().Slice(), x, nil, pipeline.Options{
				Read: ropts, Workers: c.Int("workers"), OnSkip: logSkip,
				OnDocument: func(d graph.Document) {
					if werr != nil {
						return
					}
					if out == "json" {
						werr = enc.Encode(d)
					} else {
						werr = printDocument(c.App.Writer, d)
					}
				},
			})
			if err == nil {
				err = werr
			}
			if err != nil {
				return err
			}
			if sum.Articles == 0 {
				return withCode(exitError, fmt.Errorf("no article was read"))
			}
			if len(sum.Skipped) > 0 {
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", len(sum.Skipped)))
			}
			return nil
		},
	}
}

// printDocument prints one document for reading.
func printDocument(w io.Writer, d graph.Document) error {
	a := d.Article
	fmt.Fprintf(w, "== %s: %s", a.ID, a.Title)
	if a.Published != "" {
		fmt.Fprintf(w, " (%s)", a.Published)
	}
	fmt.Fprintf(w, "\n\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tNAME\tMENTIONS\tALIASES")
	names := map[string]string{}
	for _, e := range d.Entities {
		names[e.ID] = e.Name
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", e.Type, e.Name, e.Mentions, strings.Join(e.Aliases, "; "))
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tRELATION\tTARGET\tCONF\tRULE")
	for _, r := range d.Relations {
		arrow := string(r.Type)
		if r.Origin != graph.OriginText {
			arrow += " (" + string(r.Origin) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\n", names[r.Source], arrow, names[r.Target], r.Confidence, r.Rule)
	}
	tw.Flush()
	fmt.Fprintln(w)
	return nil
}

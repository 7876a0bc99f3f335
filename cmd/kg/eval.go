package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/extract/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold annotations (precision, recall, F1)",
		ArgsUsage: "DIR...",
		Description: `Extracts every NAME.txt in each DIR that has a NAME.gold.json beside it and
scores the result by the rules of SCHEMA.md: precision, recall and F1,
micro-averaged over all the articles, overall and per type, for entities and
for relations.

With --audit it reports instead how the articles resolve across the corpus,
as one store holding them all would: real things (gold entities of every
article grouped by type and shared names), the nodes they became, splits (one
thing, several nodes), false merges (one node, several things) and type
changes (a thing read under another type in some article).

Examples:
   kg eval ../shared/corpus/dev
   kg eval --diagnostics ../shared/corpus/dev    also list misses per article
   kg eval --json ../shared/corpus/dev
   kg eval --audit ../shared/corpus/dev ../shared/corpus/news`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON"},
			&cli.BoolFlag{Name: "diagnostics", Aliases: []string{"v"}, Usage: "list false positives and negatives per article"},
			&cli.BoolFlag{Name: "audit", Usage: "report cross-article resolution: splits, false merges, type changes"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("eval needs a DIR"))
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			var pairs []eval.Pair
			for _, dir := range c.Args().Slice() {
				p, err := eval.DirPairs(dir, x.Extract)
				if err != nil {
					return err
				}
				pairs = append(pairs, p...)
			}
			w := c.App.Writer
			if c.Bool("audit") {
				a := eval.CorpusAudit(pairs)
				if c.Bool("json") {
					enc := json.NewEncoder(w)
					enc.SetIndent("", "  ")
					return enc.Encode(a)
				}
				return a.WriteTable(w)
			}
			report := eval.Score(pairs)
			if c.Bool("json") {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(report)
			}
			if err := report.WriteTable(w); err != nil {
				return err
			}
			if c.Bool("diagnostics") {
				return report.WriteDiagnostics(w)
			}
			return nil
		},
	}
}

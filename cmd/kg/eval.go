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
		ArgsUsage: "DIR",
		Description: `Extracts every NAME.txt in DIR that has a NAME.gold.json beside it and scores
the result by the rules of SCHEMA.md: precision, recall and F1, micro-averaged,
overall and per type, for entities and for relations.

Examples:
   kg eval ../shared/corpus/dev
   kg eval --diagnostics ../shared/corpus/dev    also list misses per article
   kg eval --json ../shared/corpus/dev`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON"},
			&cli.BoolFlag{Name: "diagnostics", Aliases: []string{"v"}, Usage: "list false positives and negatives per article"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return withCode(exitUsage, fmt.Errorf("eval needs one DIR"))
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			report, err := eval.Dir(c.Args().First(), x.Extract)
			if err != nil {
				return err
			}
			w := c.App.Writer
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

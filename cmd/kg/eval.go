package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/article"
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
			dir := c.Args().First()
			names, err := eval.Pairs(dir)
			if err != nil {
				return err
			}
			if len(names) == 0 {
				return fmt.Errorf("%s: no NAME.txt with a NAME%s beside it", dir, eval.GoldSuffix)
			}
			x, err := newExtractor(c)
			if err != nil {
				return err
			}
			var pairs []eval.Pair
			for _, n := range names {
				arts, err := article.ReadFile(filepath.Join(dir, n+".txt"), article.Options{})
				if err != nil || len(arts) != 1 {
					return fmt.Errorf("%s: %v", filepath.Join(dir, n+".txt"), err)
				}
				gold, err := eval.LoadGold(filepath.Join(dir, n+eval.GoldSuffix))
				if err != nil {
					return err
				}
				pairs = append(pairs, eval.Pair{Doc: x.Extract(arts[0]), Gold: gold})
			}
			report := eval.Score(pairs)
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

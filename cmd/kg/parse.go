package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/syntax"
)

func parseCommand() *cli.Command {
	return &cli.Command{
		Name:      "parse",
		Usage:     "print the dependency parse of articles (CoNLL-U), or score the parser",
		ArgsUsage: "[PATH...]",
		Description: `Reads articles like import does, splits them into sentences with the extractor's
tokenizer and prints each sentence's words with lemma, part of speech, head and
dependency label in CoNLL-U (https://universaldependencies.org/format.html), to
see why a relation was or was not read. With no PATH it reads standard input.

With --eval FILE.conllu it parses the words of a gold CoNLL-U file (its own
tokens) and prints UPOS accuracy, UAS and LAS over all words, punctuation
included, as the CoNLL 2018 shared task counts them (LAS compares universal
relations, without subtypes).

Examples:
   kg parse seeds/articles/muscat.txt
   echo "Oman mediated the talks between Iran and the United States." | kg parse
   kg parse --eval ../shared/datasets/ud-ewt/en_ewt-ud-test.conllu --json`,
		Flags: append(readFlags(),
			&cli.StringFlag{Name: "eval", Usage: "score the parser on a gold CoNLL-U `FILE`"},
			&cli.BoolFlag{Name: "json", Usage: "with --eval: print the scores as JSON"},
		),
		Action: func(c *cli.Context) error {
			m := syntax.Default()
			if path := c.String("eval"); path != "" {
				if c.NArg() > 0 {
					return withCode(exitUsage, errors.New("--eval takes a CoNLL-U file and no PATH"))
				}
				return evalParser(c, m, path)
			}
			if c.Bool("json") {
				return withCode(exitUsage, errors.New("--json goes with --eval"))
			}
			paths := c.Args().Slice()
			if len(paths) == 0 {
				paths = []string{"-"}
			}
			ropts, err := readOptions(c)
			if err != nil {
				return err
			}
			w := c.App.Writer
			read, skipped := 0, 0
			err = article.Read(c.Context, paths, ropts, func(a article.Article) error {
				read++
				if _, err := fmt.Fprintf(w, "# newdoc id = %s\n", a.ID); err != nil {
					return err
				}
				for _, s := range m.ParseText(a.ID, a.Text) {
					if err := syntax.WriteCoNLLU(w, s); err != nil {
						return err
					}
				}
				return nil
			}, func(s article.Skip) { skipped++; logSkip(s) })
			if err != nil {
				return err
			}
			if read == 0 {
				return withCode(exitError, errors.New("no article was read"))
			}
			if skipped > 0 {
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", skipped))
			}
			return nil
		},
	}
}

func evalParser(c *cli.Context, m *syntax.Model, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gold, err := syntax.ReadCoNLLU(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(gold) == 0 {
		return fmt.Errorf("%s: no sentence", path)
	}
	for i, s := range gold {
		for j, w := range s.Words {
			if w.Head < 0 {
				return fmt.Errorf("%s: sentence %d, word %d has no head: not a gold tree", path, i+1, j+1)
			}
		}
	}
	sc := syntax.Evaluate(m, gold)
	w := c.App.Writer
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(map[string]any{"upos": round4(sc.UPOS), "uas": round4(sc.UAS), "las": round4(sc.LAS),
			"xpos": round4(sc.XPOS), "lemma": round4(sc.Lemma), "sentences": sc.Sentences, "tokens": sc.Tokens})
	}
	fmt.Fprintf(w, "%s: %d sentences, %d words (gold tokens, punctuation included)\n", path, sc.Sentences, sc.Tokens)
	fmt.Fprintf(w, "UPOS   %.4f\nXPOS   %.4f\nLemma  %.4f\nUAS    %.4f\nLAS    %.4f\n", sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS)
	return nil
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }

package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/pipeline"
)

// readFlags configure the article readers; import and extract share them.
func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "input-format", Value: "auto", Usage: "input format: auto, text, html, json, jsonl"},
		&cli.Int64Flag{Name: "max-bytes", Value: article.DefaultMaxBytes, Usage: "skip inputs (and JSON lines) larger than this"},
		&cli.StringFlag{Name: "id-field", Usage: "JSON field(s) holding the article id (comma-separated alternatives)", Value: article.DefaultJSONFields.ID},
		&cli.StringFlag{Name: "title-field", Usage: "JSON field(s) holding the title", Value: article.DefaultJSONFields.Title},
		&cli.StringFlag{Name: "url-field", Usage: "JSON field(s) holding the URL", Value: article.DefaultJSONFields.URL},
		&cli.StringFlag{Name: "published-field", Usage: "JSON field(s) holding the publication date", Value: article.DefaultJSONFields.Published},
		&cli.StringFlag{Name: "text-field", Usage: "JSON field(s) holding the text (may be HTML)", Value: article.DefaultJSONFields.Text},
		&cli.IntFlag{Name: "workers", Usage: "extraction workers (default: one per CPU)"},
	}
}

// readAndExtract reads the flags import and extract share: the reader
// options and the extractor (with the user's gazetteers).
func readAndExtract(c *cli.Context) (article.Options, *extract.Extractor, error) {
	ropts, err := readOptions(c)
	if err != nil {
		return ropts, nil, err
	}
	x, err := newExtractor(c)
	return ropts, x, err
}

func readOptions(c *cli.Context) (article.Options, error) {
	f, err := article.ParseFormat(c.String("input-format"))
	if err != nil {
		return article.Options{}, withCode(exitUsage, err)
	}
	return article.Options{
		Format:   f,
		MaxBytes: c.Int64("max-bytes"),
		Fields: article.JSONFields{ID: c.String("id-field"), Title: c.String("title-field"), URL: c.String("url-field"),
			Published: c.String("published-field"), Text: c.String("text-field")},
	}, nil
}

func logSkip(s article.Skip) {
	f := logrus.Fields{"input": s.Source}
	if s.Line > 0 {
		f["line"] = s.Line
	}
	logrus.WithFields(f).Warn("skipped: " + s.Reason)
}

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "read articles, extract entities and relations, write them to the store",
		ArgsUsage: "PATH...",
		Description: `Reads every PATH (a file, a folder searched recursively, or - for standard input),
extracts each article and writes its facts to the store, replacing what an earlier
import of the same article id wrote. Importing the same articles again changes
nothing; a changed article replaces its own facts and nothing else.

A broken input is skipped with a warning that names it and the reason; every other
article is still imported. Exit code 3 means some inputs were skipped.

Examples:
   kg import seeds/
   kg import --db news.db articles/ more/story.html
   cat feed.jsonl | kg import --input-format jsonl -
   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kg import articles/`,
		Flags: append(readFlags(),
			&cli.IntFlag{Name: "batch", Value: 64, Usage: "articles per store transaction"},
			shardFlag(),
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("import needs at least one PATH (a file, a folder or -)"))
			}
			shard, err := shardOption(c)
			if err != nil {
				return err
			}
			ropts, x, err := readAndExtract(c)
			if err != nil {
				return err
			}
			store, where, err := openStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			logrus.WithField("store", where).Info("importing")
			sum, err := pipeline.Import(c.Context, c.Args().Slice(), x, store, pipeline.Options{
				Read: ropts, Workers: c.Int("workers"), BatchSize: c.Int("batch"), OnSkip: logSkip, Shard: shard,
				OnDocument: func(d graph.Document) {
					logrus.WithFields(logrus.Fields{"article": d.Article.ID, "entities": len(d.Entities), "relations": len(d.Relations)}).Debug("extracted")
				},
			})
			if shard.N > 1 {
				logrus.WithFields(logrus.Fields{"shard": shard.String(), "here": sum.Articles, "other_shards": sum.OtherShard}).Info("sharded import")
			}
			printSummary(c.App.Writer, where, sum)
			if err != nil {
				return fmt.Errorf("import stopped: %w (what was written is consistent; run the same import again to complete it)", err)
			}
			if sum.Articles == 0 && sum.OtherShard == 0 {
				return withCode(exitError, fmt.Errorf("no article was imported"))
			}
			if len(sum.Skipped) > 0 {
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", len(sum.Skipped)))
			}
			return nil
		},
	}
}

func printSummary(w io.Writer, where string, s pipeline.Summary) {
	fmt.Fprintf(w, "Imported %d article(s) into %s in %s\n", s.Articles, where, s.Elapsed.Round(1e6))
	fmt.Fprintf(w, "  written %d (replaced %d), unchanged %d, skipped inputs %d\n",
		s.Write.Written, s.Write.Replaced, s.Write.Skipped, len(s.Skipped))
	fmt.Fprintf(w, "Entities found:  %s\n", countsLine(entityCounts(s.Entities)))
	fmt.Fprintf(w, "Relations found: %s\n", countsLine(relationCounts(s.Relations)))
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "  skipped %s\n", sk.Error())
	}
}

type count struct {
	name string
	n    int
}

func entityCounts(m map[graph.EntityType]int) []count {
	var out []count
	for _, t := range graph.EntityTypes {
		if m[t] > 0 {
			out = append(out, count{string(t), m[t]})
		}
	}
	return out
}

func relationCounts(m map[graph.RelationType]int) []count {
	var out []count
	for _, t := range graph.RelationTypes {
		if m[t] > 0 {
			out = append(out, count{string(t), m[t]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
	return out
}

func countsLine(cs []count) string {
	if len(cs) == 0 {
		return "none"
	}
	total := 0
	parts := make([]string, len(cs))
	for i, c := range cs {
		total += c.n
		parts[i] = fmt.Sprintf("%s %d", c.name, c.n)
	}
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}

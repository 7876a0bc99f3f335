package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/article/web"
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
		&cli.BoolFlag{Name: "follow", Value: true, Usage: "feeds: read each item's linked page (--follow=false: the feed's own content)"},
		&cli.StringFlag{Name: "since", Usage: "feeds: leave out items published before `DATE` (2026-11-30, RFC 3339, or a duration back from now: 48h)"},
		&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "URLs: the longest one request may take, body included"},
		&cli.IntFlag{Name: "per-host", Value: 2, Usage: "URLs: requests at a time to one host"},
		&cli.IntFlag{Name: "retries", Value: 3, Usage: "URLs: retries after 429, 5xx or a failed connection, with backoff (Retry-After honoured)"},
	}
}

// webReader builds the reader of URLs, feeds and lists of URLs; cache
// (the store) keeps the validators of conditional GETs, nil for none.
func webReader(c *cli.Context, ropts article.Options, cache web.Cache) (*web.Reader, error) {
	var since time.Time
	if s := c.String("since"); s != "" {
		var err error
		if since, err = parseSince(s, time.Now()); err != nil {
			return nil, withCode(exitUsage, err)
		}
	}
	retries := c.Int("retries")
	if retries == 0 {
		retries = -1 // web.Options: 0 is the default
	}
	return web.New(web.Options{
		Article: ropts, NoFollow: !c.Bool("follow"), Since: since, Timeout: c.Duration("timeout"),
		PerHost: c.Int("per-host"), Retries: retries, Cache: cache,
		UserAgent: "kg/" + shortVersion() + " (+https://github.com/newsgraph/kg)",
		OnEvent:   logWebEvent,
	}), nil
}

// withWeb returns ropts reading URLs, feeds and URL lists too; cache keeps
// their validators (nil: commands that only read keep none).
func withWeb(c *cli.Context, ropts article.Options, cache web.Cache) (article.Options, error) {
	wr, err := webReader(c, ropts, cache)
	if err != nil {
		return ropts, err
	}
	ropts.Remote = wr
	return ropts, nil
}

func parseSince(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (2026-11-30), an RFC 3339 time or a duration (48h)", s)
}

func logWebEvent(e web.Event) {
	f := logrus.Fields{"url": e.URL}
	switch e.Kind {
	case "fetched":
		f["status"], f["bytes"] = e.Status, e.Bytes
		logrus.WithFields(f).Debug("fetched")
	case "not modified":
		logrus.WithFields(f).Info("not modified since the last import: nothing fetched")
	case "feed":
		f["items"] = e.Items
		logrus.WithFields(f).Info("feed")
	case "retry":
		f["attempt"], f["error"] = e.Attempt, e.Err
		logrus.WithFields(f).Warn("retrying")
	case "fallback":
		f["error"] = e.Err
		logrus.WithFields(f).Warn("linked page unreadable: using the feed's own content")
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
		ArgsUsage: "PATH|URL...",
		Description: `Reads every PATH (a file, a folder searched recursively, or - for standard input)
and every URL (a page, an RSS 2.0 / Atom 1.0 / JSON Feed feed, file://...; an OPML
file or a text file of URLs is a list of them), extracts each article and writes
its facts to the store, replacing what an earlier import of the same article id
wrote. Importing the same articles again changes nothing; a changed article replaces
its own facts and nothing else. Ids: the record's own, else the path under the folder
given (a/story), a page's canonical URL, or for stdin a hash of the content; two
different articles with one id in one import: see --on-duplicate.

A broken input is skipped with a warning that names it and the reason; every other
article is still imported. Exit code 3 means some inputs were skipped. On a terminal
a progress bar shows; Ctrl-C stops after the batch in flight and says what was
written (exit 130).

Examples:
   kg import seeds/
   kg import --db news.db articles/ more/story.html
   cat feed.jsonl | kg import --input-format jsonl -
   kg import https://example.org/feed.xml --since 48h
   kg import --follow=false subscriptions.opml
   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kg import articles/`,
		Flags: append(readFlags(),
			&cli.IntFlag{Name: "batch", Value: 64, Usage: "articles per store transaction"},
			&cli.StringFlag{Name: "on-duplicate", Value: "warn", Usage: "when two different articles of one import have the same id: warn (keep the first), skip (quietly), replace (keep the last), error (stop)"},
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
			policy, err := pipeline.ParseDuplicatePolicy(c.String("on-duplicate"))
			if err != nil {
				return withCode(exitUsage, err)
			}
			store, where, err := openStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			wr, err := webReader(c, ropts, store)
			if err != nil {
				return err
			}
			ropts.Remote = wr
			logrus.WithField("store", where).Info("importing")
			bar := newProgress(c.Context, c.Args().Slice(), ropts)
			sum, err := pipeline.Import(c.Context, c.Args().Slice(), x, store, pipeline.Options{
				Read: ropts, Workers: c.Int("workers"), BatchSize: c.Int("batch"), OnSkip: logSkip, Shard: shard,
				OnDuplicate: policy, Duplicate: logDuplicate, OnProgress: bar.document,
				OnDocument: func(d graph.Document) {
					logrus.WithFields(logrus.Fields{"article": d.Article.ID, "entities": len(d.Entities), "relations": len(d.Relations)}).Debug("extracted")
				},
			})
			bar.stop()
			if shard.N > 1 {
				logrus.WithFields(logrus.Fields{"shard": shard.String(), "here": sum.Articles, "other_shards": sum.OtherShard}).Info("sharded import")
			}
			printSummary(c.App.Writer, where, sum)
			if st, serr := store.Stats(context.WithoutCancel(c.Context)); serr == nil {
				printTotals(c.App.Writer, st)
			}
			if errors.Is(err, context.Canceled) && c.Context.Err() != nil {
				return withCode(exitInterrupted, fmt.Errorf("interrupted: %d article(s) written before the stop (the batch in flight was completed); run the same import again to complete it", sum.Write.Written+sum.Write.Skipped))
			}
			if err != nil {
				return fmt.Errorf("import stopped: %w (what was written is consistent; run the same import again to complete it)", err)
			}
			// Only now: kept earlier, an interrupted import would take an
			// unwritten page for an unchanged one next time.
			if err := wr.Commit(context.WithoutCancel(c.Context)); err != nil {
				logrus.WithError(err).Warn("could not keep the HTTP validators: the next import fetches everything again")
			}
			switch {
			case sum.Articles == 0 && sum.OtherShard == 0 && len(sum.Skipped) > 0:
				return withCode(exitError, fmt.Errorf("no article was imported"))
			case sum.Articles == 0 && sum.OtherShard > 0:
				fmt.Fprintf(c.App.Writer, "No article of shard %s here: %d belong to other shards\n", shard, sum.OtherShard)
				return nil
			case sum.Articles == 0:
				// Only URLs that did not change since the last import (304).
				fmt.Fprintln(c.App.Writer, "Nothing new: every URL is unchanged since the last import")
				return nil
			}
			if len(sum.Skipped) > 0 {
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", len(sum.Skipped)))
			}
			return nil
		},
	}
}

func logDuplicate(d pipeline.Duplicate) {
	f := logrus.Fields{"id": d.ID, "first": d.First, "second": d.Second}
	switch d.Policy {
	case pipeline.DuplicateSkip:
		logrus.WithFields(f).Info("duplicate id: skipped the second article")
	case pipeline.DuplicateReplace:
		logrus.WithFields(f).Warn("duplicate id: the second article replaces the first")
	case pipeline.DuplicateError:
		// the import's error names both
	default:
		logrus.WithFields(f).Warn("duplicate id: kept the first article, skipped the second (--on-duplicate replace|skip|error to choose)")
	}
}

func printSummary(w io.Writer, where string, s pipeline.Summary) {
	fmt.Fprintf(w, "Imported %d article(s) into %s in %s\n", s.Write.Written+s.Write.Skipped, where, s.Elapsed.Round(1e6))
	fmt.Fprintf(w, "  new %d, replaced %d, unchanged %d, skipped inputs %d\n",
		s.Write.Written-s.Write.Replaced, s.Write.Replaced, s.Write.Skipped, len(s.Skipped))
	if s.Write.Replaced > 0 {
		fmt.Fprintf(w, "  %d stored article(s) had the same id with a different text: the new text replaced their facts\n", s.Write.Replaced)
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(w, "  %d article(s) had an id another article of this import already had (see the warnings; --on-duplicate)\n", s.Duplicates)
	}
	fmt.Fprintf(w, "Found in these articles, summed per article (one entity in two articles counts twice):\n")
	fmt.Fprintf(w, "  entities:  %s\n", countsLine(entityCounts(s.Entities)))
	fmt.Fprintf(w, "  relations: %s\n", countsLine(relationCounts(s.Relations)))
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "  skipped %s\n", sk.Error())
	}
}

// printTotals prints what the store now holds, distinct, as kg stats counts it.
func printTotals(w io.Writer, st graph.Stats) {
	fmt.Fprintf(w, "Now in the store (distinct, as kg stats counts): %d article(s), %d entities, %d relations\n",
		st.Articles, sumCounts(st.Entities), sumCounts(st.Relations))
}

func sumCounts[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
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

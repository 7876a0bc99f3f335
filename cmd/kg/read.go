package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/article"
)

// readRecord is what kg read prints for one article: what extraction gets.
type readRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Authors   string `json:"authors,omitempty"`
	Source    string `json:"source"`
	Line      int    `json:"line,omitempty"`
	Text      string `json:"text"`
}

func readCommand() *cli.Command {
	var flags []cli.Flag
	for _, f := range readFlags() {
		if f.Names()[0] != "workers" { // pages are parsed one per CPU; nothing is extracted
			flags = append(flags, f)
		}
	}
	return &cli.Command{
		Name:      "read",
		Usage:     "print what kg reads from articles (id, title, date, URL, text), before extraction",
		ArgsUsage: "PATH|URL...",
		Description: `Reads every PATH or URL like import does (same readers, same flags) and prints each
article as kg takes it: for a web page, the main text without the page chrome,
its title, publication date and canonical URL. --format jsonl (the default)
prints one JSON object per article per line, with id, title, published, url,
authors (when a page names them), source (the input path, - for standard input)
and text; --format text prints them for reading.

Examples:
   kg read page.html
   kg read --format text articles/
   kg read saved-pages/ | jq -r '[.id, .published, .title] | @tsv'`,
		Flags: append(flags,
			&cli.StringFlag{Name: "format", Aliases: []string{"o"}, Value: "jsonl", Usage: "output: jsonl (one object per article per line) or text"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("read needs at least one PATH (a file, a folder or -)"))
			}
			out := c.String("format")
			if out != "jsonl" && out != "json" && out != "text" {
				return withCode(exitUsage, fmt.Errorf("--format must be jsonl or text, not %q", out))
			}
			ropts, err := readOptions(c)
			if err != nil {
				return err
			}
			// Pages, feeds and lists of URLs as import reads them (no
			// validators are kept: reading changes nothing).
			if ropts, err = withWeb(c, ropts, nil); err != nil {
				return err
			}
			ropts.Workers = runtime.GOMAXPROCS(0)
			enc := json.NewEncoder(c.App.Writer)
			enc.SetEscapeHTML(false)
			articles, skipped := 0, 0
			err = article.Read(c.Context, c.Args().Slice(), ropts, func(a article.Article) error {
				articles++
				if out == "text" {
					return printArticle(c.App.Writer, a)
				}
				return enc.Encode(readRecord{ID: a.ID, Title: a.Title, Published: a.Published, URL: a.URL,
					Authors: a.Authors, Source: a.Source, Line: a.Line, Text: a.Text})
			}, func(s article.Skip) {
				skipped++
				logSkip(s)
			})
			if err != nil {
				return err
			}
			if articles == 0 {
				return withCode(exitError, fmt.Errorf("no article was read"))
			}
			if skipped > 0 {
				return withCode(exitPartial, fmt.Errorf("%d input(s) skipped", skipped))
			}
			return nil
		},
	}
}

func printArticle(w io.Writer, a article.Article) error {
	fmt.Fprintf(w, "== %s: %s\n", a.ID, a.Title)
	for _, kv := range [][2]string{{"published", a.Published}, {"url", a.URL}, {"authors", a.Authors}, {"source", a.Source}} {
		if kv[1] != "" {
			fmt.Fprintf(w, "%s: %s\n", kv[0], kv[1])
		}
	}
	_, err := fmt.Fprintf(w, "\n%s\n\n", strings.TrimSpace(a.Text))
	return err
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show an entity: aliases, articles that mention it, relations with evidence",
		ArgsUsage: "NAME",
		Description: `Finds the entities whose name or one of whose aliases is NAME (case-insensitive)
and prints, for each, its aliases, the articles that mention it, and its relations
with the sentences that state them and the rule that read them.

Examples:
   kg show Araghchi
   kg show "United States"
   kg show --json IRGC`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("show needs a NAME"))
			}
			name := strings.Join(c.Args().Slice(), " ")
			store, _, err := openExisting(c)
			if err != nil {
				return err
			}
			defer store.Close()
			found, err := store.Lookup(c.Context, name)
			if err != nil {
				return err
			}
			if len(found) == 0 {
				// "Araghchi" for "Abbas Araghchi": names that hold the words.
				if found, err = lookupByWords(c.Context, store, name); err != nil {
					return err
				}
			}
			if len(found) == 0 {
				return fmt.Errorf("no entity is named %q (try kg stats, or a shorter name)", name)
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(found)
			}
			for i, d := range found {
				if i > 0 {
					fmt.Fprintln(c.App.Writer)
				}
				printDetail(c.App.Writer, d)
			}
			return nil
		},
	}
}

// lookupByWords finds the entities whose name holds every word of query
// (case-insensitive), by reading the store's documents: a fallback for
// partial names, slower than Lookup on a large store.
func lookupByWords(ctx context.Context, store graph.Store, query string) ([]graph.EntityDetail, error) {
	want := strings.Fields(strings.ToLower(query))
	names := map[string]bool{}
	err := store.Documents(ctx, func(d graph.Document) error {
		for _, e := range d.Entities {
			words := strings.Fields(strings.ToLower(e.Name))
			all := true
			for _, w := range want {
				if !slices.Contains(words, w) {
					all = false
					break
				}
			}
			if all {
				names[e.Name] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []graph.EntityDetail
	seen := map[string]bool{}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		ds, err := store.Lookup(ctx, n)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			if !seen[d.Entity.ID] {
				seen[d.Entity.ID] = true
				out = append(out, d)
			}
		}
	}
	return out, nil
}

func printDetail(w io.Writer, d graph.EntityDetail) {
	e := d.Entity
	fmt.Fprintf(w, "%s (%s)  id %s\n", e.Name, e.Type, e.ID)
	var facts []string
	if e.Wikidata != "" {
		facts = append(facts, "wikidata "+e.Wikidata)
	}
	if e.ISO != "" {
		facts = append(facts, "iso "+e.ISO)
	}
	if e.Category != "" {
		facts = append(facts, "category "+e.Category)
	}
	if e.Kind != "" {
		facts = append(facts, "kind "+e.Kind)
	}
	if len(e.Roles) > 0 {
		facts = append(facts, "roles "+strings.Join(showRoles(e.Roles), ", "))
	}
	if len(facts) > 0 {
		fmt.Fprintf(w, "  %s\n", strings.Join(facts, "; "))
	}
	fmt.Fprintf(w, "  aliases:  %s\n", strings.Join(e.Aliases, "; "))
	fmt.Fprintf(w, "  mentions: %d in %d article(s)\n", e.Mentions, len(d.Articles))
	for _, a := range d.Articles {
		fmt.Fprintf(w, "    - %s  %s", a.ID, a.Title)
		if a.Published != "" {
			fmt.Fprintf(w, " (%s)", a.Published)
		}
		fmt.Fprintln(w)
	}
	if len(d.Relations) == 0 {
		return
	}
	fmt.Fprintf(w, "  relations:\n")
	for _, r := range d.Relations {
		arrow := "->"
		if r.Key.Type.Symmetric() {
			arrow = "<->"
		}
		fmt.Fprintf(w, "    %s -[%s]%s %s  (confidence %.2f", r.SourceName, r.Key.Type, arrow, r.TargetName, r.Confidence)
		if r.CAMEO != "" {
			fmt.Fprintf(w, ", CAMEO %s", r.CAMEO)
		}
		fmt.Fprintln(w, ")")
		for _, ev := range r.Evidence {
			how := string(ev.Origin)
			if ev.Rule != "" {
				how += ", rule " + ev.Rule
			}
			if len(ev.Properties) > 0 {
				var ps []string
				for k, v := range ev.Properties {
					ps = append(ps, k+"="+v)
				}
				how += ", " + strings.Join(ps, " ")
			}
			if ev.Sentence != "" {
				fmt.Fprintf(w, "        [%s] %q (%s)\n", ev.ArticleID, ev.Sentence, how)
			} else {
				fmt.Fprintf(w, "        [%s] (%s)\n", ev.ArticleID, how)
			}
		}
	}
}

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count articles, entities by label and relations by type",
		Description: `Examples:
   kg stats
   kg stats --json
   NEO4J_URI=bolt://localhost:7687 kg stats`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			store, where, err := openExisting(c)
			if err != nil {
				return err
			}
			defer store.Close()
			st, err := store.Stats(c.Context)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(st)
			}
			w := c.App.Writer
			fmt.Fprintf(w, "Store: %s\n", where)
			line := func(name string, n int) { fmt.Fprintf(w, "%-20s %8d\n", name, n) }
			line("Articles", st.Articles)
			line("Mentions", st.Mentions)
			total := 0
			for _, t := range graph.EntityTypes {
				total += st.Entities[t]
			}
			line("Entities", total)
			for _, t := range graph.EntityTypes {
				line("  "+string(t), st.Entities[t])
			}
			total = 0
			for _, t := range graph.RelationTypes {
				total += st.Relations[t]
			}
			line("Relations", total)
			for _, t := range graph.RelationTypes {
				if st.Relations[t] > 0 {
					line("  "+string(t), st.Relations[t])
				}
			}
			return nil
		},
	}
}

func forgetCommand() *cli.Command {
	return &cli.Command{
		Name:      "forget",
		Usage:     "remove an article's facts, and entities and relations no other article supports",
		ArgsUsage: "ARTICLE_ID...",
		Description: `Examples:
   kg forget muscat
   kg forget story-1 story-2`,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return withCode(exitUsage, fmt.Errorf("forget needs at least one ARTICLE_ID"))
			}
			store, _, err := openExisting(c)
			if err != nil {
				return err
			}
			defer store.Close()
			missing := 0
			for _, id := range c.Args().Slice() {
				ok, err := store.Forget(c.Context, id)
				if err != nil {
					return err
				}
				if ok {
					fmt.Fprintf(c.App.Writer, "forgot %s\n", id)
				} else {
					fmt.Fprintf(c.App.Writer, "no article %s in the store\n", id)
					missing++
				}
			}
			if missing > 0 {
				return withCode(exitPartial, fmt.Errorf("%d article id(s) not found", missing))
			}
			return nil
		},
	}
}

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "create the store's schema (constraints and indexes in Neo4j); safe to run again",
		Description: `Examples:
   kg init
   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=secret kg init`,
		Action: func(c *cli.Context) error {
			store, where, err := openStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			if err := store.Init(c.Context); err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "schema ready in %s\n", where)
			return nil
		},
	}
}

// showRoles writes dated roles (Title@FROM..TO) with their dates in words,
// "President (2021-01-20 to 2025-01-20)", and drops an undated role that a
// dated one of the same title already shows.
func showRoles(roles []string) []string {
	dated := map[string]bool{}
	for _, s := range roles {
		if r := graph.ParseRole(s); r.Dated() {
			dated[strings.ToLower(r.Title)] = true
		}
	}
	var out []string
	for _, s := range roles {
		r := graph.ParseRole(s)
		switch {
		case r.Dated():
			out = append(out, r.Title+" ("+r.Span()+")")
		case !dated[strings.ToLower(r.Title)]:
			out = append(out, s)
		}
	}
	return out
}

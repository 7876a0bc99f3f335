package main

import (
	"encoding/json"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/audit"
	"github.com/newsgraph/kg/graph/export"
)

func auditCommand() *cli.Command {
	return &cli.Command{
		Name:  "audit",
		Usage: "list likely splits and false merges of entities across the store",
		Description: `Reads the whole store and lists resolution errors no single article shows:

  split   two nodes of one type that likely hold one thing: the same name up
          to spelling (Pashinian, Pashinyan), a misspelling (Hagsth, Hegseth),
          a shorter form (Air Force, Ukrainian Air Force), an acronym (TDA,
          Tren de Aragua); with the neighbours they share
  merge   one node that likely holds two things: an organization affiliated
          with two states, a person whose aliases give two given names

They are candidates to check, not verdicts. Fix them with your own list
(--gazetteer FILE, the seed format of seeds/gazetteer/README.md): a row whose
aliases hold both spellings joins a split; separate rows, or an entry with
its state, keep two things apart. Then import again.

Examples:
   kg audit
   kg audit --json
   NEO4J_URI=bolt://localhost:7687 kg audit`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print JSON"}},
		Action: func(c *cli.Context) error {
			store, _, err := openExisting(c)
			if err != nil {
				return err
			}
			defer store.Close()
			g, _, err := export.Merge(c.Context, store, nil)
			if err != nil {
				return err
			}
			r := audit.Run(g)
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			return r.WriteTable(c.App.Writer)
		},
	}
}

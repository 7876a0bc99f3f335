package main

import (
	"context"
	"fmt"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/neo4jstore"
)

// openStore opens Neo4j when a URI is configured, else the embedded store.
func openStore(c *cli.Context) (graph.Store, string, error) {
	if uri := c.String("neo4j-uri"); uri != "" {
		s, err := openNeo4j(c)
		if err != nil {
			return nil, "", err
		}
		return s, "neo4j " + uri, nil
	}
	path := c.String("db")
	s, err := embedded.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("embedded store %s: %w", path, err)
	}
	return s, "embedded " + path, nil
}

func openNeo4j(c *cli.Context) (*neo4jstore.Store, error) {
	cfg := neo4jstore.Config{
		URI:      c.String("neo4j-uri"),
		Username: c.String("neo4j-username"),
		Password: c.String("neo4j-password"),
		Database: c.String("neo4j-database"),
	}
	logrus.WithFields(logrus.Fields{"uri": cfg.URI, "user": cfg.Username, "database": cfg.Database}).Debug("connecting to Neo4j")
	return neo4jstore.Open(context.Background(), cfg)
}

func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	x, err := extract.New(extract.Options{Gazetteers: c.StringSlice("gazetteer"), NoParse: c.Bool("no-parse")})
	if err != nil {
		return nil, fmt.Errorf("loading gazetteers: %w", err)
	}
	return x, nil
}

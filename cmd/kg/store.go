package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/neo4jstore"
)

// openExisting opens the store for a command that reads (or forgets from)
// one: a missing embedded store is an error, not a new empty file that
// answers as if the graph were empty (`kg --db typo.db stats`).
func openExisting(c *cli.Context) (graph.Store, string, error) {
	if c.String("neo4j-uri") == "" {
		if err := embeddedExists(c.String("db")); err != nil {
			return nil, "", err
		}
	}
	return openStore(c)
}

func embeddedExists(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no store at %s (run kg import first, or pass --db)", path)
	}
	return nil
}

// openStore opens Neo4j when a URI is configured, else the embedded store
// (created when missing).
func openStore(c *cli.Context) (graph.Store, string, error) {
	if uri := c.String("neo4j-uri"); uri != "" {
		s, err := openNeo4j(c)
		if err != nil {
			return nil, "", err
		}
		return s, "neo4j " + neo4jstore.RedactURI(uri), nil
	}
	path := c.String("db")
	s, err := embedded.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("embedded store %s: %w", path, err)
	}
	return s, "embedded " + path, nil
}

func openNeo4j(c *cli.Context) (*neo4jstore.Store, error) {
	password, err := neo4jPassword(c)
	if err != nil {
		return nil, err
	}
	cfg := neo4jstore.Config{
		URI:       c.String("neo4j-uri"),
		Username:  c.String("neo4j-username"),
		Password:  password,
		Database:  c.String("neo4j-database"),
		TxTimeout: c.Duration("neo4j-tx-timeout"),
		RetryTime: c.Duration("neo4j-retry-time"),
	}
	logrus.WithFields(logrus.Fields{"uri": neo4jstore.RedactURI(cfg.URI), "user": cfg.Username, "database": cfg.Database}).Debug("connecting to Neo4j")
	return neo4jstore.Open(context.Background(), cfg)
}

func newExtractor(c *cli.Context) (*extract.Extractor, error) {
	x, err := extract.New(extract.Options{Gazetteers: c.StringSlice("gazetteer"), NoParse: c.Bool("no-parse")})
	if err != nil {
		return nil, fmt.Errorf("loading gazetteers: %w", err)
	}
	return x, nil
}

// neo4jPassword is --neo4j-password, or the first line of
// --neo4j-password-file. Errors name the file, never its content.
func neo4jPassword(c *cli.Context) (string, error) {
	file := c.String("neo4j-password-file")
	if file == "" {
		return c.String("neo4j-password"), nil
	}
	if c.String("neo4j-password") != "" {
		return "", withCode(exitUsage, errors.New("give --neo4j-password (NEO4J_PASSWORD) or --neo4j-password-file (NEO4J_PASSWORD_FILE), not both"))
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("neo4j password file: %w", err) // *PathError: names the file
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", fmt.Errorf("neo4j password file %s: first line is empty", file)
	}
	return line, nil
}

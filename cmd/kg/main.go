// Command kg turns news articles into a knowledge graph: people, states,
// places, organizations and weapons systems, and the relations the text
// states between them, each with its evidence sentence. The graph goes to
// an embedded store (one local file) or to Neo4j.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"
)

// Exit codes, documented in the README.
const (
	exitOK      = 0
	exitError   = 1 // the command failed
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // the command ran, but some inputs were skipped

	exitInterrupted = 130 // stopped by Ctrl-C (128 + SIGINT), as shells report it
)

// exitError carries an exit code through urfave/cli.
type exitCoder struct {
	code int
	err  error
}

func (e exitCoder) Error() string { return e.err.Error() }
func (e exitCoder) Unwrap() error { return e.err }

func withCode(code int, err error) error { return exitCoder{code, err} }

func main() {
	os.Exit(run(os.Args))
}

func run(args []string) int {
	app := newApp()
	// Ctrl-C (or SIGTERM) cancels the command's context: an import stops
	// reading, completes the batch in flight and says what it wrote. A
	// second Ctrl-C kills at once, as usual.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }()
	if err := app.RunContext(ctx, reorderArgs(app, args)); err != nil {
		var ec exitCoder
		code := exitError
		if errors.As(err, &ec) {
			code = ec.code
		}
		if ec.err != nil && ec.err.Error() == "" {
			return code
		}
		if code == exitUsage {
			// A usage error is for the person typing: plain text, not a log line.
			fmt.Fprintf(os.Stderr, "kg: %v\n", err)
			return code
		}
		logrus.Error(err)
		return code
	}
	return exitOK
}

func newApp() *cli.App {
	cli.VersionPrinter = func(c *cli.Context) { printVersion(c.App.Writer) }
	app := &cli.App{
		Name:    "kg",
		Version: shortVersion(),
		Usage:   "turn news articles into a knowledge graph (embedded store or Neo4j)",
		Description: `kg reads articles (plain text, HTML, JSON, JSON lines; files, folders or stdin),
finds the people, states, places, organizations and weapons systems they name,
resolves the many names of each to one node, and reads the relations the text
states (NEGOTIATES_WITH, MEDIATES, DEPLOYS, ...), each with its evidence sentence.

Without --neo4j-uri (or NEO4J_URI) the graph goes to an embedded store, one
SQLite file (--db, default ./kg.db) that any SQLite tool can open.`,
		UsageText: `kg [global options] command [command options] [arguments...]

EXAMPLES:
   kg import seeds/                  build the graph from the shipped articles
   kg show Araghchi                  an entity, its aliases, articles and relations
   kg extract seeds/articles/muscat.txt   what extraction finds, without a store
   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... kg import articles/`,
		EnableBashCompletion: true,
		Flags:                globalFlags(),
		Before:               setupLogging,
		Commands: []*cli.Command{
			importCommand(),
			readCommand(),
			extractCommand(),
			showCommand(),
			statsCommand(),
			forgetCommand(),
			evalCommand(),
			auditCommand(),
			initCommand(),
			queryCommand(),
			pushCommand(),
			exportCommand(),
			loadCommand(),
			parseCommand(),
			versionCommand(),
			completionCommand(),
		},
		// Not a command: say so, with the nearest one, as gh does.
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowAppHelp(c)
			}
			hint := ""
			if s := cli.SuggestCommand(c.App.Commands, c.Args().First()); s != "" {
				hint = "\n" + s
			}
			return withCode(exitUsage, fmt.Errorf("unknown command %q for kg%s\nRun 'kg --help' for the commands.", c.Args().First(), hint))
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return withCode(exitUsage, fmt.Errorf("%w\nRun 'kg --help' for usage.", err))
		},
		ExitErrHandler: func(c *cli.Context, err error) {}, // run() reports errors and exit codes
		Writer:         os.Stdout,
		ErrWriter:      os.Stderr,
	}
	for _, cmd := range app.Commands {
		name := cmd.Name
		cmd.OnUsageError = func(c *cli.Context, err error, isSubcommand bool) error {
			return withCode(exitUsage, fmt.Errorf("%w\nRun 'kg %s --help' for usage.", err, name))
		}
	}
	return app
}

func globalFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log level: debug, info, warn, error", EnvVars: []string{"KG_LOG_LEVEL"}},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format: text or json", EnvVars: []string{"KG_LOG_FORMAT"}},
		&cli.StringFlag{Name: "db", Value: "kg.db", Usage: "embedded store file (used when no Neo4j URI is set)", EnvVars: []string{"KG_DB"}},
		&cli.StringFlag{Name: "neo4j-uri", Usage: "Neo4j URI (bolt://, neo4j://, neo4j+s://); unset: embedded store", EnvVars: []string{"NEO4J_URI"}},
		&cli.StringFlag{Name: "neo4j-username", Value: "neo4j", Usage: "Neo4j user", EnvVars: []string{"NEO4J_USERNAME"}},
		// A flag's value is visible to every user in ps: the file or the environment is safer.
		&cli.StringFlag{Name: "neo4j-password", Usage: "Neo4j password (visible in ps: prefer --neo4j-password-file or the environment)", EnvVars: []string{"NEO4J_PASSWORD"}},
		&cli.StringFlag{Name: "neo4j-password-file", Usage: "read the Neo4j password from `FILE` (its first line; a Docker or Kubernetes secret)", EnvVars: []string{"NEO4J_PASSWORD_FILE"}},
		&cli.StringFlag{Name: "neo4j-database", Usage: "Neo4j database (default: the server's default)", EnvVars: []string{"NEO4J_DATABASE"}},
		// A stalled server or network fails an attempt after the timeout;
		// attempts are retried for the retry time, then kg exits 1.
		&cli.DurationFlag{Name: "neo4j-tx-timeout", Value: 5 * time.Minute, Usage: "Neo4j: the longest one transaction attempt may take", EnvVars: []string{"NEO4J_TX_TIMEOUT"}},
		&cli.DurationFlag{Name: "neo4j-retry-time", Value: 2 * time.Minute, Usage: "Neo4j: how long to keep retrying after transient or connection errors", EnvVars: []string{"NEO4J_RETRY_TIME"}},
		&cli.StringSliceFlag{Name: "gazetteer", Usage: "add an entity list `FILE` (the seeds' TSV format); repeatable"},
		&cli.BoolFlag{Name: "no-parse", Usage: "extract without the dependency parser: rules and lists only, about 10x faster, a little less recall", EnvVars: []string{"KG_NO_PARSE"}},
	}
}

func setupLogging(c *cli.Context) error {
	logrus.SetOutput(os.Stderr)
	lvl, err := logrus.ParseLevel(c.String("log-level"))
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("--log-level: %w", err))
	}
	logrus.SetLevel(lvl)
	switch c.String("log-format") {
	case "text":
		// logrus colours only a terminal; NO_COLOR (no-color.org) turns that off too.
		logrus.SetFormatter(&logrus.TextFormatter{FullTimestamp: true, DisableColors: os.Getenv("NO_COLOR") != ""})
	case "json":
		logrus.SetFormatter(&logrus.JSONFormatter{})
	default:
		return withCode(exitUsage, fmt.Errorf("--log-format must be text or json, not %q", c.String("log-format")))
	}
	return nil
}

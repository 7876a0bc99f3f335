package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/extract"
)

// buildInfo is what the binary knows of its own build: the module version
// and the commit go build stamped into it (debug.ReadBuildInfo).
type buildInfo struct {
	Version, Commit, Time string
	Modified              bool
}

func readBuildInfo() buildInfo {
	b := buildInfo{Version: "(devel)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// shortVersion is the version in the User-Agent and the help's header.
func shortVersion() string {
	b := readBuildInfo()
	v := b.Version
	if b.Commit != "" && len(b.Commit) >= 12 && v == "(devel)" {
		v += " " + b.Commit[:12]
	}
	return v
}

func printVersion(w io.Writer) {
	b := readBuildInfo()
	fmt.Fprintf(w, "kg %s\n", b.Version)
	if b.Commit != "" {
		state := ""
		if b.Modified {
			state = ", with uncommitted changes"
		}
		fmt.Fprintf(w, "  commit     %s (%s%s)\n", b.Commit, b.Time, state)
	} else {
		fmt.Fprintf(w, "  commit     unknown (go build did not stamp it: -buildvcs=false, or not built in a git clone)\n")
	}
	fmt.Fprintf(w, "  go         %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "  extractor  %s\n", extract.Version)
	for _, m := range extract.Models() {
		d := m.Digest
		if d == "" {
			d = "none embedded"
		}
		fmt.Fprintf(w, "  model      %-22s %s\n", m.Name, d)
	}
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version of kg, its commit, Go, the extractor and its models",
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return withCode(exitUsage, fmt.Errorf("version takes no arguments"))
			}
			printVersion(c.App.Writer)
			return nil
		},
	}
}

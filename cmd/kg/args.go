package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// reorderArgs lets flags go anywhere, as gh and kubectl accept them:
// `kg import --db x.db DIR`, `kg show Oman --json`, `kg eval DIR --json`.
// urfave/cli v2 stops reading flags at a command's first argument and reads
// global flags only before the command's name; rather than declare the
// global flags again on every command (v2 then reads a command's own
// default over a global flag set before the name) or move to v3, the
// arguments are put in the order v2 wants before it parses them: global
// flags before the command, the command's flags before its arguments.
// One definition of each flag, one help text, and `--` still ends the flags.
func reorderArgs(app *cli.App, args []string) []string {
	if len(args) < 2 || args[len(args)-1] == "--generate-bash-completion" {
		return args // v2's completion reads the last argument
	}
	global := flagArity(app.Flags)
	global["help"], global["h"], global["version"], global["v"] = false, false, false, false

	// The global flags before the command, and the command's name.
	out := []string{args[0]}
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" || !isFlag(a) {
			break
		}
		out = append(out, a)
		if takesValue(global, a) && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	if i >= len(args) || args[i] == "--" {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil || len(cmd.Subcommands) > 0 || cmd.SkipFlagParsing {
		return args
	}
	name := args[i]
	local := flagArity(cmd.Flags)
	local["help"], local["h"] = false, false

	var globals, flags, positional []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		if a == "--" {
			positional = append(positional, rest[j:]...)
			break
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		n := flagName(a)
		_, isLocal := local[n]
		_, isGlobal := global[n]
		dst := &flags // a command's flag wins over a global one of the same name; unknown flags go to v2 to report
		table := local
		if isGlobal && !isLocal {
			dst, table = &globals, global
		}
		*dst = append(*dst, a)
		if takesValue(table, a) && j+1 < len(rest) {
			j++
			*dst = append(*dst, rest[j])
		}
	}
	out = append(out, globals...)
	out = append(out, name)
	out = append(out, flags...)
	for _, p := range positional {
		if isFlag(p) && (len(positional) == 0 || positional[0] != "--") {
			// Arguments that came after "--" and look like flags stay arguments.
			out = append(out, "--")
			break
		}
	}
	return append(out, positional...)
}

// isFlag reports whether an argument is a flag ("-" alone is standard input).
func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

func flagName(a string) string {
	n := strings.TrimLeft(a, "-")
	if k := strings.IndexByte(n, '='); k >= 0 {
		n = n[:k]
	}
	return n
}

// takesValue reports whether a flag reads the next argument as its value:
// a known non-boolean flag written without "=value".
func takesValue(arity map[string]bool, a string) bool {
	return arity[flagName(a)] && !strings.Contains(a, "=")
}

// flagArity maps every name and alias of flags to whether it takes a value.
func flagArity(flags []cli.Flag) map[string]bool {
	m := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			m[n] = !isBool
		}
	}
	return m
}

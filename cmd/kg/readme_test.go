package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// The README's examples are run, so that they cannot drift from what kg
// does. A block whose first line is "$ kg ..." (or that follows a
// "<!-- README test: CMD -->" comment) is run in a temporary folder that
// holds a copy of seeds/, in README order, against one embedded store, and
// its output compared with the block: "..." stands for any lines, times
// ("in 4ms") and the store's path vary. Every kg command line of the other
// (sh) blocks, and of every command's help examples, must name a command
// and flags that exist.

type readmeBlock struct {
	line     int    // of the opening fence
	info     string // "sh", "" ...
	command  string // to run, for an output block
	expected []string
	lines    []string
}

var outputMarker = regexp.MustCompile(`^<!-- README test: (.+) -->$`)

func readmeBlocks(t *testing.T) []readmeBlock {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	marker := ""
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &readmeBlock{line: i + 1, info: strings.TrimPrefix(line, "```"), command: marker}
			marker = ""
		case cur != nil && strings.HasPrefix(line, "```"):
			if cur.command == "" && len(cur.lines) > 0 && strings.HasPrefix(cur.lines[0], "$ kg ") {
				cur.command, cur.lines = strings.TrimPrefix(cur.lines[0], "$ "), cur.lines[1:]
			}
			if cur.command != "" {
				cur.expected = cur.lines
			}
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		default:
			if m := outputMarker.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				marker = m[1]
			}
		}
	}
	return blocks
}

var (
	durations = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|ms|s|m)\b`)
)

func normalizeLine(s string) string {
	return strings.TrimRight(durations.ReplaceAllString(s, "<time>"), " \t")
}

// matchOutput reports the first documented line not found: the block's
// lines, split at "..." lines into runs, must appear in the output in
// order, each run as consecutive lines.
func matchOutput(expected []string, got string) (missing string, ok bool) {
	out := strings.Split(strings.TrimRight(got, "\n"), "\n")
	for i := range out {
		out[i] = normalizeLine(out[i])
	}
	var runs [][]string
	run := []string{}
	for _, l := range expected {
		if strings.TrimSpace(l) == "..." {
			runs = append(runs, run)
			run = []string{}
			continue
		}
		run = append(run, normalizeLine(l))
	}
	runs = append(runs, run)
	at := 0
	for _, r := range runs {
		if len(r) == 0 {
			continue
		}
		found := -1
		for i := at; i+len(r) <= len(out); i++ {
			same := true
			for j := range r {
				if out[i+j] != r[j] {
					same = false
					break
				}
			}
			if same {
				found = i
				break
			}
		}
		if found < 0 {
			return strings.Join(r, "\n"), false
		}
		at = found + len(r)
	}
	return "", true
}

// shellWords splits a command line as sh would for these examples:
// whitespace, single and double quotes; it stops at a comment, a pipe or a
// redirection.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				w.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case (c == '#' && !inWord) || c == '|' || c == '>' || c == '<' || c == ';' || c == '&':
			if inWord {
				words = append(words, w.String())
			}
			return words
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// kgArgs finds "kg ..." (or "go run ./cmd/kg ...") in a shell line and
// returns its arguments.
func kgArgs(line string) ([]string, bool) {
	words := shellWords(line)
	for i, w := range words {
		if w == "kg" && (i == 0 || strings.Contains(words[i-1], "=") || words[i-1] == "$") {
			return words[i+1:], true
		}
		if w == "./cmd/kg" && i >= 2 && words[i-2] == "go" && words[i-1] == "run" {
			return words[i+1:], true
		}
	}
	return nil, false
}

// checkFlags reports what in args does not exist: the command, or a flag.
func checkFlags(app *cli.App, args []string) string {
	args = reorderArgs(app, append([]string{"kg"}, args...))[1:]
	global := flagArity(app.Flags)
	global["help"], global["h"], global["version"], global["v"] = false, false, false, false
	i := 0
	for ; i < len(args) && isFlag(args[i]); i++ {
		if _, ok := global[flagName(args[i])]; !ok {
			return "global flag " + args[i]
		}
		if takesValue(global, args[i]) {
			i++
		}
	}
	if i >= len(args) {
		return ""
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return "command " + args[i]
	}
	local := flagArity(cmd.Flags)
	local["help"], local["h"] = false, false
	for i++; i < len(args) && args[i] != "--"; i++ {
		if !isFlag(args[i]) {
			continue
		}
		if _, ok := local[flagName(args[i])]; !ok {
			return "flag " + args[i] + " of kg " + cmd.Name
		}
		if takesValue(local, args[i]) {
			i++
		}
	}
	return ""
}

func TestREADMEExamples(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "seeds"), filepath.Join(dir, "seeds"))
	app := newApp()
	ran := 0
	for _, b := range readmeBlocks(t) {
		if b.command != "" {
			args, ok := kgArgs(b.command)
			if !ok {
				t.Errorf("README.md:%d: %q is not a kg command", b.line, b.command)
				continue
			}
			for i, a := range args {
				if strings.HasPrefix(a, "../shared/") {
					p := filepath.Join(root, a)
					if _, err := os.Stat(p); err != nil {
						t.Logf("README.md:%d: %s not here, not run: %s", b.line, a, b.command)
						args = nil
						break
					}
					args[i] = p
				}
			}
			if args == nil {
				continue
			}
			r := kg(t, dir, nil, args...)
			ran++
			if missing, ok := matchOutput(b.expected, r.stdout); !ok {
				t.Errorf("README.md:%d: `%s` (exit %d) does not print\n%s\nIt prints:\n%s%s", b.line, b.command, r.code, missing, r.stdout, r.stderr)
			}
			continue
		}
		if b.info != "sh" {
			continue
		}
		for _, line := range b.lines {
			if args, ok := kgArgs(line); ok {
				if bad := checkFlags(app, args); bad != "" {
					t.Errorf("README.md:%d: %q: no such %s", b.line, line, bad)
				}
			}
		}
	}
	if ran < 5 {
		t.Errorf("only %d README examples ran", ran)
	}
}

// Every example of every command's help names flags that exist.
func TestHelpExamples(t *testing.T) {
	app := newApp()
	_, examples, _ := strings.Cut(app.UsageText, "EXAMPLES:")
	texts := []string{examples}
	for _, c := range app.Commands {
		texts = append(texts, c.Description)
	}
	n := 0
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			if args, ok := kgArgs(strings.TrimSpace(line)); ok {
				n++
				if bad := checkFlags(app, args); bad != "" {
					t.Errorf("help example %q: no such %s", strings.TrimSpace(line), bad)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d help examples", n)
	}
}

func TestMatchOutput(t *testing.T) {
	got := "a\nb in 12ms\nc\nd\ne\n"
	for _, c := range []struct {
		exp []string
		ok  bool
	}{
		{[]string{"a", "b in 4ms"}, true},
		{[]string{"a", "...", "d", "e"}, true},
		{[]string{"a", "c"}, false},
		{[]string{"d", "...", "a"}, false},
		{[]string{"x"}, false},
	} {
		if _, ok := matchOutput(c.exp, got); ok != c.ok {
			t.Errorf("%v: %v", c.exp, ok)
		}
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Command htmlbench scores web page readers on trafilatura's evaluation set
// (tests/evaldata.json and the pages under tests/cache and tests/eval of a
// trafilatura checkout) with trafilatura's own rule (tests/eval_common.py):
// every "with" snippet found in the whitespace-normalised main text is a
// true positive, every "without" snippet found a false positive; micro
// precision, recall, accuracy and F1 over all pages. Published dates are
// compared on YYYY-MM-DD with the gold "date".
//
// It either runs a reader in process (-reader kg is package article, what
// kg read and kg import use; the others are the candidates it was chosen
// from), or scores the JSON lines `kg read --format jsonl` wrote (-jsonl).
// scripts/htmlbench.sh wraps both. The pages stay outside the project.
package main

import (
	"bufio"
	"bytes"

	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/newsgraph/kg/article"
)

// page is one annotated page of evaldata.json.
type page struct {
	URL     string
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
	Date    string   `json:"date"`
	Title   string   `json:"title"`
	path    string
	size    int
}

// result is what a reader took from a page.
type result struct {
	Text, Title, Published string
	Err                    error
	Elapsed                time.Duration
}

func main() {
	dir := flag.String("dir", "", "trafilatura checkout (holds tests/evaldata.json)")
	reader := flag.String("reader", "kg", "reader to run in process: "+strings.Join(readerNames(), ", "))
	jsonl := flag.String("jsonl", "", "score this `kg read --format jsonl` output instead of running a reader")
	seconds := flag.Float64("seconds", 0, "with -jsonl: the wall time of the kg read run, for the table")
	cpuSeconds := flag.Float64("cpu-seconds", 0, "with -jsonl: the CPU time (user+system) of the kg read run, for the table")
	list := flag.Bool("list", false, "print the paths of the eval pages, one a line, and exit")
	misses := flag.Int("misses", 0, "print up to N pages with wrong dates or missed snippets (stderr)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to `FILE`")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "htmlbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "htmlbench: -dir TRAFILATURA_DIR is required")
		os.Exit(2)
	}
	pages, err := loadPages(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "htmlbench:", err)
		os.Exit(1)
	}
	if *list {
		for _, p := range pages {
			fmt.Println(p.path)
		}
		return
	}
	var results map[string]result
	var wall, cpu time.Duration
	name := *reader
	if *jsonl != "" {
		name = "kg read"
		results, err = readJSONL(*jsonl, pages)
		wall = time.Duration(*seconds * float64(time.Second))
		cpu = time.Duration(*cpuSeconds * float64(time.Second))
	} else {
		run, ok := readers[*reader]
		if !ok {
			fmt.Fprintf(os.Stderr, "htmlbench: unknown reader %q (want %s)\n", *reader, strings.Join(readerNames(), ", "))
			os.Exit(2)
		}
		results, wall, cpu, err = runReader(run, pages)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "htmlbench:", err)
		os.Exit(1)
	}
	s := score(pages, results)
	s.name, s.wall, s.cpu = name, wall, cpu
	for _, p := range pages {
		s.bytes += p.size
	}
	printTable(os.Stdout, []scores{s})
	if *misses > 0 {
		printMisses(os.Stderr, pages, results, *misses)
	}
}

func loadPages(dir string) ([]*page, error) {
	tests := filepath.Join(dir, "tests")
	data, err := os.ReadFile(filepath.Join(tests, "evaldata.json"))
	if err != nil {
		return nil, fmt.Errorf("%w (want a trafilatura checkout: git clone https://github.com/adbar/trafilatura)", err)
	}
	var m map[string]*page
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(tests, "evaldata.json"), err)
	}
	var pages []*page
	for url, p := range m {
		p.URL = url
		for _, sub := range []string{"cache", "eval"} { // eval_common.resolve: cache first
			path := filepath.Join(tests, sub, p.File)
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
				p.path, p.size = path, int(info.Size())
				break
			}
		}
		if p.path == "" {
			return nil, fmt.Errorf("%s: page %s not found under tests/cache or tests/eval", url, p.File)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	return pages, nil
}

type readerFunc func(path string, data []byte) result

var readers = map[string]readerFunc{
	// kg: package article, exactly as kg read and kg import run it.
	"kg": func(path string, _ []byte) result {
		arts, err := article.ReadFile(path, article.Options{Format: article.FormatHTML})
		if len(arts) == 0 {
			if err == nil {
				err = errors.New("no article")
			}
			return result{Err: err}
		}
		a := arts[0]
		return result{Text: a.Text, Title: a.Title, Published: a.Published}
	},
	// readability: go-readability v2 alone, the reader kg had before.
	"readability": func(_ string, data []byte) result {
		page, err := readability.FromReader(bytes.NewReader(data), nil)
		if err != nil {
			return result{Err: err}
		}
		var date, text string
		if t, err := page.PublishedTime(); err == nil {
			date = t.Format(time.DateOnly)
		}
		if page.Node != nil {
			text = render.InnerText(page.Node)
		}
		return result{Text: text, Title: page.Title(), Published: date}
	},
	"trafilatura":          trafilaturaReader(false),
	"trafilatura-fallback": trafilaturaReader(true),
}

func trafilaturaReader(fallback bool) readerFunc {
	return func(_ string, data []byte) result {
		r, err := trafilatura.Extract(bytes.NewReader(data), trafilatura.Options{
			EnableFallback: fallback, ExcludeComments: true, // trafilatura's EXTRACT_OPTS: no comments, tables kept
		})
		if err != nil {
			return result{Err: err}
		}
		var date string
		if !r.Metadata.Date.IsZero() {
			date = r.Metadata.Date.Format(time.DateOnly)
		}
		return result{Text: r.ContentText, Title: r.Metadata.Title, Published: date}
	}
}

func readerNames() []string {
	var names []string
	for n := range readers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// runReader runs one reader on every page, one at a time, timing only the
// reading (the file is read into memory first). It also returns the
// process's CPU time over the run (garbage collection included, whichever
// core it ran on): on a shared machine that, not the wall time, is the cost
// per core.
func runReader(run readerFunc, pages []*page) (map[string]result, time.Duration, time.Duration, error) {
	out := make(map[string]result, len(pages))
	var total time.Duration
	cpu0 := cpuTime()
	for _, p := range pages {
		data, err := os.ReadFile(p.path)
		if err != nil {
			return nil, 0, 0, err
		}
		start := time.Now()
		r := run(p.path, data)
		r.Elapsed = time.Since(start)
		total += r.Elapsed
		out[p.path] = r
	}
	return out, total, cpuTime() - cpu0, nil
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// readJSONL reads kg read's output; its source field is the page's path.
// A page kg skipped has no line and counts as a failure.
func readJSONL(path string, pages []*page) (map[string]result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make(map[string]result, len(pages))
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var a struct{ Source, Title, Published, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[a.Source] = result{Text: a.Text, Title: a.Title, Published: a.Published}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, p := range pages {
		if _, ok := out[p.path]; !ok {
			out[p.path] = result{Err: errors.New("skipped by kg read")}
		}
	}
	return out, nil
}

// norm is eval_common.norm: runs of whitespace (Python's str \s, which is
// Unicode whitespace) become one space, trimmed.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// isSpace is Python's str.isspace: Unicode White_Space plus the ASCII
// separators 0x1c-0x1f, which Go's unicode.IsSpace leaves out.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// counts is eval_common.count_item; a failed read finds nothing.
func counts(p *page, r result) (tp, fp, fn, tn int) {
	if r.Err == nil {
		text := norm(r.Text)
		for _, w := range p.With {
			if strings.Contains(text, norm(w)) {
				tp++
			}
		}
		for _, w := range p.Without {
			if strings.Contains(text, norm(w)) {
				fp++
			}
		}
	}
	return tp, fp, len(p.With) - tp, len(p.Without) - fp
}

// goldDate is the annotation's date as YYYY-MM-DD. Four of the 728 are
// written otherwise ("2022-11-1", "2022-01.26", and "2022-29-11" with day
// and month swapped); they are read as meant rather than dropped, so every
// page with a gold date counts.
func goldDate(s string) string {
	parts := strings.FieldsFunc(strings.TrimSpace(s), func(r rune) bool { return r == '-' || r == '.' })
	if len(parts) != 3 {
		return ""
	}
	y, m, d := atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
	if m > 12 && d <= 12 {
		m, d = d, m
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || t.Month() != time.Month(m) || t.Day() != d {
		return ""
	}
	return t.Format(time.DateOnly)
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

type scores struct {
	name                               string
	tp, fp, fn, tn                     int
	pages, withDate, dateFound, dateOK int
	dateOnUndated                      int
	withTitle, titleOK                 int
	failures                           int
	wall, cpu, slowest                 time.Duration
	slowestPage                        string
	bytes                              int
}

func score(pages []*page, results map[string]result) scores {
	var s scores
	for _, p := range pages {
		r := results[p.path]
		tp, fp, fn, tn := counts(p, r)
		s.tp, s.fp, s.fn, s.tn = s.tp+tp, s.fp+fp, s.fn+fn, s.tn+tn
		s.pages++
		if r.Err != nil || strings.TrimSpace(r.Text) == "" {
			s.failures++
		}
		if r.Elapsed > s.slowest {
			s.slowest, s.slowestPage = r.Elapsed, p.File
		}
		got := r.Published
		if len(got) > 10 {
			got = got[:10]
		}
		if gold := goldDate(p.Date); gold != "" {
			s.withDate++
			if got != "" {
				s.dateFound++
			}
			if got == gold {
				s.dateOK++
			}
		} else if got != "" {
			s.dateOnUndated++
		}
		if p.Title != "" {
			s.withTitle++
			if strings.EqualFold(norm(p.Title), norm(r.Title)) {
				s.titleOK++
			}
		}
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func printTable(w io.Writer, ss []scores) {
	fmt.Fprintln(w, "| reader | P | R | F1 | accuracy | date found | date correct | title exact | time | MB/s | CPU | MB/s per core | slowest page | failures |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, s := range ss {
		p := ratio(s.tp, s.tp+s.fp)
		r := ratio(s.tp, s.tp+s.fn)
		f1 := ratio(2*s.tp, 2*s.tp+s.fp+s.fn)
		acc := ratio(s.tp+s.tn, s.tp+s.tn+s.fp+s.fn)
		mbs := "-"
		if s.wall > 0 {
			mbs = fmt.Sprintf("%.1f", float64(s.bytes)/1e6/s.wall.Seconds())
		}
		cpu, perCore := "-", "-"
		if s.cpu > 0 {
			cpu = fmt.Sprintf("%.1f s", s.cpu.Seconds())
			perCore = fmt.Sprintf("%.1f", float64(s.bytes)/1e6/s.cpu.Seconds())
		}
		slowest := "-"
		if s.slowest > 0 {
			slowest = fmt.Sprintf("%.2f s (%s)", s.slowest.Seconds(), s.slowestPage)
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.4f | %.3f | %.0f%% | %.1f%% (%d/%d) | %.0f%% (%d/%d) | %.1f s | %s | %s | %s | %s | %d |\n",
			s.name, p, r, f1, acc,
			100*ratio(s.dateFound, s.withDate), 100*ratio(s.dateOK, s.withDate), s.dateOK, s.withDate,
			100*ratio(s.titleOK, s.withTitle), s.titleOK, s.withTitle,
			s.wall.Seconds(), mbs, cpu, perCore, slowest, s.failures)
	}
	fmt.Fprintf(w, "\n%d pages, %.1f MB of HTML; date found and correct are of the %d pages with a gold date (%d dates given on pages without one); failures: error or no text; MB/s per core is HTML read per second of CPU time (user+system, GC included)\n",
		ss[0].pages, float64(ss[0].bytes)/1e6, ss[0].withDate, ss[0].dateOnUndated)
}

func printMisses(w io.Writer, pages []*page, results map[string]result, n int) {
	for _, p := range pages {
		if n == 0 {
			return
		}
		r := results[p.path]
		tp, fp, _, _ := counts(p, r)
		gold := goldDate(p.Date)
		if r.Err == nil && tp == len(p.With) && fp == 0 && (gold == "" || strings.HasPrefix(r.Published, gold)) {
			continue
		}
		n--
		fmt.Fprintf(w, "%s  with %d/%d  without-found %d  date %q gold %q", p.File, tp, len(p.With), fp, r.Published, gold)
		if r.Err != nil {
			fmt.Fprintf(w, "  error: %v", r.Err)
		}
		fmt.Fprintln(w)
	}
}

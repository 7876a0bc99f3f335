package article

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxBytes is the default largest input read; a larger file is
// skipped as bad input, and so is a larger JSON line.
const DefaultMaxBytes = 10 << 20

// MaxIDBytes is the longest article id a JSON record may give; a longer
// one is skipped as bad input. It is graph.MaxKeyBytes, the longest key
// the stores index (Neo4j's range indexes stop near 8 kB).
const MaxIDBytes = 4096

// Options configure Read. The zero value reads every known format with
// the defaults.
type Options struct {
	// Fields names the fields of JSON records; empty names take the defaults.
	Fields JSONFields
	// MaxBytes is the largest document (or JSON line) read; default
	// DefaultMaxBytes. JSON lines files may be larger: they are read line
	// by line.
	MaxBytes int64
	// Extensions maps the extensions (".txt") a directory walk reads to
	// their format; default DefaultExtensions().
	Extensions map[string]Format
	// Format forces one format for every input. By default a file's
	// extension decides, and its content when the extension is unknown or
	// the input is standard input.
	Format Format
	// Stdin is read for the path "-"; default os.Stdin.
	Stdin io.Reader
	// Remote reads the paths it handles (URLs, feeds, lists of URLs;
	// article/web) instead of the file reader; nil: every path is a file.
	Remote Remote
	// Workers is how many web pages are parsed at once. Reading a page
	// costs some 100 times extracting its text, so with one parser an
	// import of HTML is bound by reading. Articles and skips still reach
	// fn and skip in input order, from the goroutine that called Read.
	// 0 or 1: one page at a time.
	Workers int
}

// Remote reads inputs that are not local articles: package web fetches
// URLs and feeds. It reports bad inputs to skip and hands articles to
// emit, like the file reader.
type Remote interface {
	Handles(path string) bool
	Read(ctx context.Context, path string, emit func(Article) error, skip func(Skip)) error
}

// ReadFrom reads one input already open (a fetched page, a feed item's
// content) as Read reads a file: source names it in Skips, id is the id
// of its article (of its records: id-N), format as for Options.Format.
func ReadFrom(ctx context.Context, in io.Reader, source, id string, format Format, opts Options, fn func(Article) error, skip func(Skip)) error {
	r := newReader(ctx, opts, fn, skip)
	if err := r.readInput(in, source, id, format, -1); err != nil {
		return err
	}
	return r.drain(0)
}

// Skip is an input, or a record of one, that was not read, and why.
type Skip struct {
	Source string // path, "-" for standard input
	Line   int    // line of a JSON record, 0 for a whole input
	Reason string
}

func (s Skip) Error() string {
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", s.Source, s.Line, s.Reason)
	}
	return fmt.Sprintf("%s: %s", s.Source, s.Reason)
}

// Read streams every article of every path to fn, in order: files as
// given, directories walked recursively in lexical order (hidden entries
// skipped, only files whose extension is in opts.Extensions), "-" for
// standard input. Memory does not grow with the number of articles.
//
// A bad input (missing, unreadable, binary, not UTF-8, empty, too large,
// a record without text, a JSON line that does not parse) is reported to
// skip, which may be nil, and reading goes on with the next one. When fn
// returns an error, or ctx is done, reading stops and Read returns that
// error.
func Read(ctx context.Context, paths []string, opts Options, fn func(Article) error, skip func(Skip)) error {
	r := newReader(ctx, opts, fn, skip)
	for _, p := range paths {
		if err := r.readPath(p); err != nil {
			return err
		}
	}
	return r.drain(0)
}

// ReadFile reads every article of one path (a file, a directory or "-").
// Skipped inputs are returned as the error, joined, next to the articles
// that were read.
func ReadFile(path string, opts Options) ([]Article, error) {
	var arts []Article
	var skips []error
	err := Read(context.Background(), []string{path}, opts,
		func(a Article) error { arts = append(arts, a); return nil },
		func(s Skip) { skips = append(skips, s) })
	if err != nil {
		return arts, err
	}
	return arts, errors.Join(skips...)
}

type reader struct {
	ctx   context.Context
	opts  Options
	fn    func(Article) error
	skip  func(Skip)
	count int // articles passed to fn so far
	// pending are the pages being parsed in parallel (Options.Workers),
	// oldest first; what they give is passed on in this order.
	pending []*pendingPage
	passing bool  // drain is passing on a pending page: emit and report must not wait
	err     error // fn's error or cancellation met by drain: reading stops
}

// pendingPage is a web page being parsed on its own goroutine.
type pendingPage struct {
	done       chan struct{}
	a          Article
	err        error
	source, id string
}

// parsePage parses a web page: now with one worker, else on a goroutine
// of its own, at most Workers at once; its article or skip is passed on
// by drain, in input order.
func (r *reader) parsePage(data []byte, source, id string) error {
	if r.opts.Workers <= 1 {
		a, err := parseHTML(data)
		if err != nil {
			r.report(source, 0, err.Error())
			return nil
		}
		return r.document(a, source, id)
	}
	if err := r.drain(r.opts.Workers - 1); err != nil {
		return err
	}
	p := &pendingPage{done: make(chan struct{}), source: source, id: id}
	r.pending = append(r.pending, p)
	go func() {
		defer close(p.done)
		p.a, p.err = parseHTML(data)
	}()
	return nil
}

// drain passes on the pending pages, oldest first, waiting for them,
// until at most keep are left.
func (r *reader) drain(keep int) error {
	if r.err != nil {
		return r.err
	}
	for len(r.pending) > keep {
		p := r.pending[0]
		select {
		case <-p.done:
		case <-r.ctx.Done():
			r.err = r.ctx.Err()
			return r.err
		}
		r.pending[0] = nil
		r.pending = r.pending[1:]
		if p.err != nil {
			r.skip(Skip{Source: p.source, Reason: p.err.Error()})
			continue
		}
		r.passing = true
		err := r.document(p.a, p.source, p.id)
		r.passing = false
		if err != nil {
			r.err = err
			return err
		}
	}
	return nil
}

func newReader(ctx context.Context, opts Options, fn func(Article) error, skip func(Skip)) *reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Extensions == nil {
		opts.Extensions = DefaultExtensions()
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	opts.Fields = opts.Fields.withDefaults()
	if skip == nil {
		skip = func(Skip) {}
	}
	return &reader{ctx: ctx, opts: opts, fn: fn, skip: skip}
}

// report passes on a skip, after the pages still being parsed, so skips
// and articles keep the input order.
func (r *reader) report(source string, line int, reason string) {
	if len(r.pending) > 0 && !r.passing {
		if r.drain(0) != nil {
			return // fn failed or cancelled (r.err): reading stops at the next input
		}
	}
	r.skip(Skip{Source: source, Line: line, Reason: reason})
}

// emit hands a finished article to fn, after the pages still being parsed.
func (r *reader) emit(a Article) error {
	if !r.passing {
		if err := r.drain(0); err != nil {
			return err
		}
	}
	r.count++
	a.ID = contentID(a)
	return r.fn(a)
}

func (r *reader) readPath(path string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if path == "-" {
		return r.readInput(r.opts.Stdin, "-", stdinID, r.opts.Format, -1)
	}
	if r.opts.Remote != nil && r.opts.Remote.Handles(path) {
		return r.opts.Remote.Read(r.ctx, path, r.emit, r.skip)
	}
	info, err := os.Stat(path)
	if err != nil {
		r.report(path, 0, describe(err))
		return nil
	}
	if info.IsDir() {
		return r.walk(path)
	}
	format := r.opts.Format
	if format == FormatAuto {
		format, _ = formatOf(path, r.opts.Extensions) // unknown: FormatAuto, sniffed
	}
	return r.readFile(path, stem(path), format)
}

// walk reads the article files under root, in lexical order.
func (r *reader) walk(root string) error {
	before, candidates, rootUnreadable := r.count, 0, false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			r.report(path, 0, describe(err))
			rootUnreadable = rootUnreadable || path == root
			return nil // WalkDir already skips what it cannot read
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		format, ok := formatOf(path, r.opts.Extensions)
		if !ok {
			return nil
		}
		if r.opts.Format != FormatAuto {
			format = r.opts.Format
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(path)
			if err != nil {
				r.report(path, 0, describe(err))
				return nil
			}
			if info.IsDir() {
				return nil // symlinked directories are not followed: they can loop
			}
			mode = info.Mode().Type()
		}
		candidates++
		if !mode.IsRegular() {
			r.report(path, 0, "not a regular file")
			return nil
		}
		return r.readFile(path, relID(root, path), format)
	})
	if err != nil {
		return err
	}
	if err := r.drain(0); err != nil { // its pages count for the check below
		return err
	}
	switch {
	case r.count > before, rootUnreadable:
	case candidates == 0:
		r.report(root, 0, "directory has no article files ("+extensionList(r.opts.Extensions)+")")
	default:
		r.report(root, 0, fmt.Sprintf("no articles read from the directory's %d file(s)", candidates))
	}
	return nil
}

func (r *reader) readFile(path, id string, format Format) error {
	f, err := os.Open(path)
	if err != nil {
		r.report(path, 0, describe(err))
		return nil
	}
	defer f.Close()
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	return r.readInput(f, path, id, format, size)
}

// readInput reads one input; size is its size when known, else -1.
func (r *reader) readInput(in io.Reader, source, id string, format Format, size int64) error {
	if r.err != nil {
		return r.err
	}
	if (format == FormatText || format == FormatHTML) && size > r.opts.MaxBytes {
		r.report(source, 0, tooLarge(size, r.opts.MaxBytes)) // before reading any of it
		return nil
	}
	br := bufio.NewReaderSize(in, 64<<10)
	sample, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		r.report(source, 0, describe(err))
		return nil
	}
	if len(sample) == 0 {
		r.report(source, 0, "empty file")
		return nil
	}
	if reason := binaryReason(sample); reason != "" {
		r.report(source, 0, reason)
		return nil
	}
	if format == FormatAuto {
		format = sniff(sample)
	}
	if format == FormatJSON && r.opts.Format != FormatJSON {
		peek, _ := br.Peek(br.Size())
		if jsonLinesIn(peek) {
			format = FormatJSONLines
		}
	}
	if format == FormatJSONLines {
		return r.readJSONLines(br, source, id)
	}

	if size > r.opts.MaxBytes {
		r.report(source, 0, tooLarge(size, r.opts.MaxBytes))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxBytes+1))
	if err != nil {
		r.report(source, 0, describe(err))
		return nil
	}
	if int64(len(data)) > r.opts.MaxBytes {
		r.report(source, 0, tooLarge(-1, r.opts.MaxBytes))
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		r.report(source, 0, "empty file (only whitespace)")
		return nil
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if format == FormatHTML {
		data = htmlToUTF8(data)
	}
	if reason := utf8Reason(data); reason != "" {
		r.report(source, 0, reason)
		return nil
	}

	switch format {
	case FormatJSON:
		return r.readJSONDocument(data, source, id)
	case FormatHTML:
		return r.parsePage(data, source, id)
	default:
		return r.document(parseText(string(data)), source, id)
	}
}

// document emits the one article of a text or HTML input.
func (r *reader) document(a Article, source, id string) error {
	if strings.TrimSpace(a.Text) == "" {
		r.report(source, 0, "no article text found")
		return nil
	}
	a.ID, a.Source = id, source
	return r.emit(a)
}

// stdinID is the id prefix of standard input's articles; contentID
// completes it with a hash of the text.
const stdinID = "stdin"

// contentID returns id, except for standard input, which has no name that
// stays the same between runs: its articles without an id of their own
// are named by a hash of their text, so reading the same feed again is
// idempotent and a different feed adds articles instead of replacing the
// first one's "stdin-1", "stdin-2", ...
func contentID(a Article) string {
	if a.Source != "-" || (a.ID != stdinID && !strings.HasPrefix(a.ID, stdinID+"-")) {
		return a.ID
	}
	sum := sha256.Sum256([]byte(a.Title + "\x00" + a.URL + "\x00" + a.Text))
	return stdinID + "-" + hex.EncodeToString(sum[:8])
}

// relID is the id of a file found under a directory: its path relative
// to the directory given, without the extension, with forward slashes
// ("a/story", "b/story"), so two same-named files in two subfolders are
// two articles.
func relID(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." {
		return stem(path)
	}
	dir := filepath.Dir(rel)
	if dir == "." {
		return stem(path)
	}
	return filepath.ToSlash(filepath.Join(dir, stem(path)))
}

// stem is a file's name without directory and extension: the default
// article id.
func stem(path string) string {
	base := filepath.Base(path)
	if s := strings.TrimSuffix(base, filepath.Ext(base)); s != "" {
		return s
	}
	return base
}

// describe turns an error into a reason without the path, which Skip
// already names.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

func tooLarge(size, limit int64) string {
	if size < 0 {
		return fmt.Sprintf("input is larger than the %s limit (MaxBytes)", humanBytes(limit))
	}
	return fmt.Sprintf("file is %s, larger than the %s limit (MaxBytes)", humanBytes(size), humanBytes(limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

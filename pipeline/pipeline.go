// Package pipeline runs an import: read articles, extract each one, write
// the documents to a store. Extraction runs on several workers while one
// writer batches documents into the store, so a whole import takes about
// as long as the slower of the two, not their sum. Memory is bounded by
// the channel and batch sizes, not by the number of articles.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

// Extractor turns an article into a document (extract.Extractor does).
type Extractor interface {
	Extract(article.Article) graph.Document
}

// Options configure an import.
type Options struct {
	Read      article.Options
	Workers   int // extraction workers; default GOMAXPROCS
	BatchSize int // documents per store write; default 64
	// Shard, when set, imports only the articles whose id it holds; the
	// others are read (to learn their id) but neither extracted nor written.
	Shard Shard
	// OnSkip is told about every input that was not imported.
	OnSkip func(article.Skip)
	// OnDocument is told about every document extracted (for progress).
	OnDocument func(graph.Document)
	// OnProgress is told, in input order, the text size of each article
	// extracted (for a progress bar's MB/s).
	OnProgress func(textBytes int)
	// OnDuplicate decides what happens to a second, different article
	// that claims an id already read in this import; default DuplicateWarn.
	OnDuplicate DuplicatePolicy
	// Duplicate is told about each such article (to warn), whatever the
	// policy.
	Duplicate func(Duplicate)
}

// DuplicatePolicy says what to do with a second article of the same id in
// one import. An article read twice with the same text is not a
// duplicate: it is written once.
type DuplicatePolicy int

const (
	DuplicateWarn    DuplicatePolicy = iota // keep the first, skip the second, tell Duplicate
	DuplicateSkip                           // the same, quietly (the caller logs less)
	DuplicateReplace                        // the second replaces the first
	DuplicateError                          // stop the import
)

// ParseDuplicatePolicy reads a policy's name: warn, skip, replace, error.
func ParseDuplicatePolicy(s string) (DuplicatePolicy, error) {
	switch s {
	case "", "warn":
		return DuplicateWarn, nil
	case "skip":
		return DuplicateSkip, nil
	case "replace":
		return DuplicateReplace, nil
	case "error":
		return DuplicateError, nil
	}
	return 0, fmt.Errorf("--on-duplicate must be warn, skip, replace or error, not %q", s)
}

// Duplicate is a second article claiming an id: where the first and the
// second were read (path, or path:line for a record).
type Duplicate struct {
	ID            string
	First, Second string
	Policy        DuplicatePolicy
}

func (d Duplicate) Error() string {
	return fmt.Sprintf("two different articles have the id %q: %s and %s", d.ID, d.First, d.Second)
}

// Summary says what an import did.
type Summary struct {
	Articles   int // articles read and extracted (duplicates included)
	OtherShard int // articles read but left to other shards
	Write      graph.WriteResult
	Duplicates int // different articles whose id an earlier one in this import had: skipped, or replaced it
	Skipped    []article.Skip
	Entities   map[graph.EntityType]int   // entities found, by type, summed over articles
	Relations  map[graph.RelationType]int // text relations found, by type, summed over articles
	Elapsed    time.Duration
}

// Import reads paths, extracts and writes to store (nil: extract only,
// for callers that only want OnDocument). A bad input is
// skipped and reported; only a store failure, a duplicate id under
// DuplicateError or cancellation stops the
// import, and what was written before stays consistent (writes are
// atomic per batch and idempotent, so running the import again completes
// it).
func Import(ctx context.Context, paths []string, x Extractor, store graph.Store, opts Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Read.Workers <= 0 {
		opts.Read.Workers = opts.Workers // web pages are parsed in parallel too
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 64
	}
	// Cancelling ctx stops reading and extraction; the documents already
	// extracted are still written (the batch in flight completes), so an
	// interrupted import ends on a batch boundary and says what it wrote.
	wctx := context.WithoutCancel(ctx)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		a   article.Article
	}
	type result struct {
		seq    int
		doc    graph.Document
		origin string
		size   int
	}
	jobs := make(chan job, opts.Workers*2)
	results := make(chan result, opts.Workers*2)

	var readErr error
	var skipMu sync.Mutex
	go func() {
		defer close(jobs)
		seq := 0
		readErr = article.Read(ctx, paths, opts.Read, func(a article.Article) error {
			if !opts.Shard.Holds(a.ID) {
				sum.OtherShard++ // only this goroutine writes it before close(jobs)
				return nil
			}
			select {
			case jobs <- job{seq, a}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(s article.Skip) {
			skipMu.Lock()
			sum.Skipped = append(sum.Skipped, s)
			skipMu.Unlock()
			if opts.OnSkip != nil {
				opts.OnSkip(s)
			}
		})
	}()

	var wg sync.WaitGroup
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				doc := x.Extract(j.a)
				select {
				case results <- result{j.seq, doc, origin(j.a), len(j.a.Text)}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// The writer keeps input order, so that with duplicate ids the first
	// version read is kept (or, with DuplicateReplace, the last), as in a
	// sequential import. Batches are written by their own goroutine, one
	// batch behind, so that extraction goes on while the store writes
	// (memory: two batches).
	pending := map[int]result{}
	// seen holds, per id read, the text's hash and where it was read, to
	// tell a duplicate id from the same article twice. It grows by one
	// small entry per article: tens of bytes, not the article.
	type firstRead struct {
		hash   string
		origin string
	}
	seen := map[string]firstRead{}
	var dupErr error
	next := 0
	var batch []graph.Document
	var writeErr error
	var writeMu sync.Mutex // guards writeErr and sum.Write against the store goroutine
	failed := func() bool { writeMu.Lock(); defer writeMu.Unlock(); return writeErr != nil }
	batches := make(chan []graph.Document, 1)
	written := make(chan struct{})
	go func() {
		defer close(written)
		for b := range batches {
			if failed() {
				continue
			}
			res, err := store.Write(wctx, b)
			writeMu.Lock()
			if err != nil {
				writeErr = err
				cancel()
			}
			sum.Write.Add(res)
			writeMu.Unlock()
		}
	}()
	flush := func() {
		if len(batch) == 0 || failed() {
			return
		}
		if store == nil { // extraction only
			batch = batch[:0]
			return
		}
		batches <- batch
		batch = make([]graph.Document, 0, opts.BatchSize)
	}
	for r := range results {
		if failed() || dupErr != nil {
			continue // drain
		}
		pending[r.seq] = r
		for !failed() && dupErr == nil {
			pr, ok := pending[next]
			if !ok {
				break
			}
			d := pr.doc
			delete(pending, next)
			next++
			sum.Articles++
			if opts.OnProgress != nil {
				opts.OnProgress(pr.size)
			}
			if f, ok := seen[d.Article.ID]; ok {
				if f.hash == d.Article.Hash {
					continue // the same article read twice
				}
				dup := Duplicate{ID: d.Article.ID, First: f.origin, Second: pr.origin, Policy: opts.OnDuplicate}
				sum.Duplicates++
				if opts.Duplicate != nil {
					opts.Duplicate(dup)
				}
				switch opts.OnDuplicate {
				case DuplicateError:
					dupErr = dup
					cancel()
					continue
				case DuplicateReplace:
					seen[d.Article.ID] = firstRead{d.Article.Hash, pr.origin}
					// Still in the batch: replace it there, so the store
					// never sees two versions in one write.
					if i := slices.IndexFunc(batch, func(b graph.Document) bool { return b.Article.ID == d.Article.ID }); i >= 0 {
						batch[i] = d
						continue
					}
				default:
					continue
				}
			} else {
				seen[d.Article.ID] = firstRead{d.Article.Hash, pr.origin}
			}
			for _, e := range d.Entities {
				sum.Entities[e.Type]++
			}
			for _, rel := range d.Relations {
				if rel.Origin == graph.OriginText {
					sum.Relations[rel.Type]++
				}
			}
			if opts.OnDocument != nil {
				opts.OnDocument(d)
			}
			batch = append(batch, d)
			if len(batch) >= opts.BatchSize {
				flush()
			}
		}
	}
	flush()
	close(batches)
	<-written
	sum.Elapsed = time.Since(start)
	switch {
	case writeErr != nil:
		return sum, writeErr
	case dupErr != nil:
		return sum, dupErr
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return sum, readErr
	}
	return sum, ctx.Err()
}

// origin names where an article was read: its path, with the line of a
// JSON record.
func origin(a article.Article) string {
	src := a.Source
	if src == "-" {
		src = "stdin"
	}
	if a.Line > 0 {
		return src + ":" + strconv.Itoa(a.Line)
	}
	return src
}

// Package pipeline runs an import: read articles, extract each one, write
// the documents to a store. Extraction runs on several workers while one
// writer batches documents into the store, so a whole import takes about
// as long as the slower of the two, not their sum. Memory is bounded by
// the channel and batch sizes, not by the number of articles.
package pipeline

import (
	"context"
	"errors"
	"runtime"
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
}

// Summary says what an import did.
type Summary struct {
	Articles   int // articles read and extracted
	OtherShard int // articles read but left to other shards
	Write      graph.WriteResult
	Skipped    []article.Skip
	Entities   map[graph.EntityType]int   // entities found, by type, summed over articles
	Relations  map[graph.RelationType]int // text relations found, by type, summed over articles
	Elapsed    time.Duration
}

// Import reads paths, extracts and writes to store (nil: extract only,
// for callers that only want OnDocument). A bad input is
// skipped and reported; only a store failure or cancellation stops the
// import, and what was written before stays consistent (writes are
// atomic per batch and idempotent, so running the import again completes
// it).
func Import(ctx context.Context, paths []string, x Extractor, store graph.Store, opts Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Entities: map[graph.EntityType]int{}, Relations: map[graph.RelationType]int{}}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 64
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		a   article.Article
	}
	type result struct {
		seq int
		doc graph.Document
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
				case results <- result{j.seq, doc}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// The writer keeps input order, so that with duplicate ids the last
	// version read wins, as it would in a sequential import. Batches are
	// written by their own goroutine, one batch behind, so that extraction
	// goes on while the store writes (memory: two batches).
	pending := map[int]graph.Document{}
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
			res, err := store.Write(ctx, b)
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
		if failed() {
			continue // drain
		}
		pending[r.seq] = r.doc
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			sum.Articles++
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
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return sum, readErr
	}
	return sum, ctx.Err()
}

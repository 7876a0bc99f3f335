package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/sirupsen/logrus"
	"golang.org/x/term"

	"github.com/newsgraph/kg/article"
)

// progress shows an import's progress on a terminal: articles done of the
// total (counted in the background; unknown for stdin and URLs), articles
// per second, MB/s of article text and the time left. It is only shown
// when stderr is a terminal (KG_PROGRESS=0 turns it off there too); on a
// pipe or a file an import prints its log lines and the final summary,
// nothing more.
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	start time.Time
	bytes int64
	out   io.Writer
}

func stderrIsTerminal() bool {
	return term.IsTerminal(int(os.Stderr.Fd())) && os.Getenv("KG_PROGRESS") != "0"
}

// newProgress starts a bar for an import of paths, or returns nil when
// stderr is not a terminal. While the bar shows, log lines go through it
// so that they do not garble it.
func newProgress(ctx context.Context, paths []string, opts article.Options) *progress {
	if !stderrIsTerminal() {
		return nil
	}
	p := &progress{start: time.Now(), out: os.Stderr}
	p.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
	)
	logrus.SetOutput(p)
	go func() {
		if n, ok := countArticles(ctx, paths, opts); ok && n > 0 {
			p.mu.Lock()
			p.bar.ChangeMax64(int64(n))
			p.mu.Unlock()
		}
	}()
	return p
}

// Write lets log lines through: the bar is cleared, the line written, and
// the bar drawn again on its next step.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Clear()
	return p.out.Write(b)
}

// document counts one article done.
func (p *progress) document(textBytes int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes += int64(textBytes)
	if s := time.Since(p.start).Seconds(); s > 0 {
		p.bar.Describe(fmt.Sprintf("%.1f MB/s", float64(p.bytes)/s/1e6))
	}
	p.bar.Add(1)
}

// stop removes the bar before the summary is printed.
func (p *progress) stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	// Finish, not Exit: it stops the bar's own redraw ticker, and with
	// OptionClearOnFinish it erases the bar, so the summary stands alone.
	p.bar.Finish()
	p.bar.Clear()
	p.mu.Unlock()
	logrus.SetOutput(os.Stderr)
}

// countArticles counts the articles under paths without reading them
// whole: one per text or HTML file, one per non-empty line of a JSON
// lines file, one per JSON file (an array holds more: the count is then a
// floor, and the bar ends when the import does). ok is false when the
// total cannot be known (stdin, URLs).
func countArticles(ctx context.Context, paths []string, opts article.Options) (int, bool) {
	exts := opts.Extensions
	if exts == nil {
		exts = article.DefaultExtensions()
	}
	n := 0
	count := func(path string, f article.Format) {
		if f != article.FormatJSONLines {
			n++
			return
		}
		file, err := os.Open(path)
		if err != nil {
			return
		}
		defer file.Close()
		br := bufio.NewReaderSize(file, 256<<10)
		content := false // the line read so far has more than spaces
		for {
			chunk, err := br.ReadSlice('\n')
			content = content || len(bytes.TrimSpace(chunk)) > 0
			if err == bufio.ErrBufferFull {
				continue // a long line goes on
			}
			if content {
				n++
			}
			content = false
			if err != nil {
				return
			}
		}
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			return 0, false
		}
		if p == "-" || strings.Contains(p, "://") || (opts.Remote != nil && opts.Remote.Handles(p)) {
			return 0, false
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			f := exts[strings.ToLower(filepath.Ext(p))]
			count(p, f)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if f, ok := exts[strings.ToLower(filepath.Ext(path))]; ok {
				count(path, f)
			}
			return nil
		})
	}
	return n, true
}

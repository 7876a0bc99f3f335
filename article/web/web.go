// Package web reads articles from the web for `kg import URL`: a page
// (read by the article package's HTML reader), a feed (RSS 2.0, Atom 1.0,
// JSON Feed; each item's linked page, or its own content), an OPML list of
// feeds or a text file of URLs, and file:// URLs.
//
// HTTP is done as a polite client should: a timeout, a size limit, a
// User-Agent naming kg and its version, gzip, a bounded number of
// redirects, retries with backoff on 429 and 5xx that honour Retry-After,
// at most PerHost requests at a time to one host, and conditional GETs
// (ETag, Last-Modified) whose validators are kept in the store, so that
// polling a feed again downloads nothing that did not change.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/newsgraph/kg/article"
)

// Cache keeps the validators of fetched URLs between runs; graph.Store's
// GetMeta and PutMeta are one.
type Cache interface {
	GetMeta(ctx context.Context, key string) (string, bool, error)
	PutMeta(ctx context.Context, key, value string) error
}

// Options configure a Reader; zero values take the defaults.
type Options struct {
	Article       article.Options // how pages and item contents are read; MaxBytes limits every body
	NoFollow      bool            // feed items: read the feed's own content, do not fetch the linked page
	Since         time.Time       // feed items published before are left out (items without a date are kept)
	Timeout       time.Duration   // one request, body included; default 30s
	PerHost       int             // requests at a time to one host; default 2
	Concurrency   int             // requests at a time in all; default 8
	Retries       int             // after the first attempt, on 429, 5xx and failed connections; default 3, <0 none
	Backoff       time.Duration   // first wait before a retry, doubled each time; default 1s
	MaxRetryAfter time.Duration   // longest Retry-After honoured (a longer one fails the URL); default 2m
	MaxRedirects  int             // default 5
	UserAgent     string          // default "kg (+https://github.com/newsgraph/kg)"
	Cache         Cache           // validators for conditional GETs; nil: none
	OnEvent       func(Event)     // told of fetches, 304s, retries (for logs)
}

// Event is something the reader did, for logs.
type Event struct {
	URL     string
	Kind    string // "fetched", "not modified", "retry", "feed", "fallback"
	Status  int
	Bytes   int
	Items   int // of a feed: items read (after --since)
	Attempt int
	Err     error
}

// Reader is an article.Remote.
type Reader struct {
	opts   Options
	client *http.Client
	hosts  *hostLimiter
	all    chan struct{}

	mu      sync.Mutex
	pending map[string]validators // validators to keep once the import has written what they cover
}

var _ article.Remote = (*Reader)(nil)

// New returns a Reader.
func New(o Options) *Reader {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Retries == 0 {
		o.Retries = 3
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 2 * time.Minute
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.UserAgent == "" {
		o.UserAgent = "kg (+https://github.com/newsgraph/kg)"
	}
	if o.Article.MaxBytes <= 0 {
		o.Article.MaxBytes = article.DefaultMaxBytes
	}
	o.Article.Remote = nil
	r := &Reader{opts: o, hosts: &hostLimiter{n: o.PerHost, hosts: map[string]chan struct{}{}},
		all: make(chan struct{}, o.Concurrency), pending: map[string]validators{}}
	r.client = newClient(o)
	return r
}

func (r *Reader) log(e Event) {
	if r.opts.OnEvent != nil {
		r.opts.OnEvent(e)
	}
}

// MaxBytes is the size limit of one body.
func (r *Reader) MaxBytes() int64 { return r.opts.Article.MaxBytes }

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" || err == nil && u.Scheme == "file" && u.Path != ""
}

// Handles reports whether path is for the web reader: an http(s) or file
// URL, an OPML file, or a text file whose every line is a URL.
func (r *Reader) Handles(path string) bool {
	if isURL(path) {
		return true
	}
	if strings.EqualFold(filepath.Ext(path), ".opml") {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() > 1<<20 {
		return false
	}
	buf := make([]byte, 64<<10)
	n, _ := f.Read(buf)
	_, ok := urlList(buf[:n])
	return ok
}

// Read reads one path: a URL, or a list of them.
func (r *Reader) Read(ctx context.Context, path string, emit func(article.Article) error, skip func(article.Skip)) error {
	if isURL(path) {
		return r.readURL(ctx, path, emit, skip)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		skip(article.Skip{Source: path, Reason: err.Error()})
		return nil
	}
	var urls []string
	if strings.EqualFold(filepath.Ext(path), ".opml") || bytes.Contains(body[:min(len(body), 1024)], []byte("<opml")) {
		if urls, err = opml(body); err != nil {
			skip(article.Skip{Source: path, Reason: err.Error()})
			return nil
		}
	} else {
		urls, _ = urlList(body)
	}
	for _, u := range urls {
		if err := r.readURL(ctx, u, emit, skip); err != nil {
			return err
		}
	}
	return nil
}

// get fetches u (file:// from the disk), with the validators of its last
// fetch when the cache has them. A 304 comes back as notModified.
func (r *Reader) get(ctx context.Context, u string) (response, error) {
	if strings.HasPrefix(u, "file:") {
		pu, _ := url.Parse(u)
		body, err := os.ReadFile(pu.Path)
		if err != nil {
			return response{}, err
		}
		if int64(len(body)) > r.opts.Article.MaxBytes {
			return response{}, fmt.Errorf("file is %d bytes, larger than the %d-byte limit (--max-bytes)", len(body), r.opts.Article.MaxBytes)
		}
		return response{url: u, status: 200, contentType: mime.TypeByExtension(filepath.Ext(pu.Path)), body: body}, nil
	}
	select {
	case r.all <- struct{}{}:
		defer func() { <-r.all }()
	case <-ctx.Done():
		return response{}, ctx.Err()
	}
	var prev validators
	if r.opts.Cache != nil {
		if v, ok, err := r.opts.Cache.GetMeta(ctx, cacheKey(u)); err == nil && ok {
			json.Unmarshal([]byte(v), &prev)
		}
	}
	res, err := r.fetch(ctx, u, prev)
	if err != nil {
		return res, err
	}
	if res.notModified {
		r.log(Event{URL: u, Kind: "not modified", Status: res.status})
		return res, nil
	}
	r.log(Event{URL: u, Kind: "fetched", Status: res.status, Bytes: len(res.body)})
	if res.etag != "" || res.modified != "" {
		r.mu.Lock()
		r.pending[u] = validators{ETag: res.etag, LastModified: res.modified}
		r.mu.Unlock()
	}
	return res, nil
}

func cacheKey(u string) string { return "http:" + u }

// Commit keeps the validators of what was fetched, for the next run's
// conditional GETs. The caller calls it once the articles read are in the
// store: kept earlier, an interrupted import would make the next run take
// an unwritten page for an unchanged one.
func (r *Reader) Commit(ctx context.Context) error {
	if r.opts.Cache == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for u, v := range r.pending {
		b, _ := json.Marshal(v)
		if err := r.opts.Cache.PutMeta(ctx, cacheKey(u), string(b)); err != nil {
			return err
		}
		delete(r.pending, u)
	}
	return nil
}

// readURL reads a page or a feed.
func (r *Reader) readURL(ctx context.Context, u string, emit func(article.Article) error, skip func(article.Skip)) error {
	res, err := r.get(ctx, u)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		skip(article.Skip{Source: u, Reason: err.Error()})
		return nil
	}
	if res.notModified {
		return nil // unchanged since the import that stored it
	}
	if kind := feedKind(res.body, res.contentType); kind != "" {
		return r.readFeed(ctx, u, kind, res.body, emit, skip)
	}
	return r.readPage(ctx, u, res, emit, skip)
}

// format decides how a body is read from its media type; "" with a
// reason when it is not an article.
func format(contentType string, body []byte) (article.Format, string) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return article.FormatHTML, ""
	case mt == "text/plain" || mt == "text/markdown":
		return article.FormatText, ""
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return article.FormatJSON, ""
	case mt == "application/x-ndjson" || mt == "application/jsonl":
		return article.FormatJSONLines, ""
	case mt == "" || mt == "application/octet-stream":
		return article.FormatAuto, "" // no word from the server: the content decides
	case strings.HasSuffix(mt, "xml"):
		return article.FormatAuto, "XML that is not an RSS, Atom or RDF feed (content type " + mt + ")"
	}
	return article.FormatAuto, "not an article or a feed (content type " + mt + ")"
}

// toUTF8 decodes a body whose Content-Type declares another charset
// (a page's <meta charset> is the article reader's job).
func toUTF8(body []byte, contentType string) []byte {
	_, params, _ := mime.ParseMediaType(contentType)
	label := strings.ToLower(strings.TrimSpace(params["charset"]))
	if label == "" || label == "utf-8" || label == "utf8" || label == "us-ascii" {
		return body
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// readPage reads a fetched page; its article's id is the page's canonical
// URL (<link rel=canonical>, og:url), else the URL it was fetched from
// after redirects.
func (r *Reader) readPage(ctx context.Context, u string, res response, emit func(article.Article) error, skip func(article.Skip)) error {
	f, reason := format(res.contentType, res.body)
	if reason != "" {
		skip(article.Skip{Source: u, Reason: reason})
		return nil
	}
	body := toUTF8(res.body, res.contentType)
	final := canonical(res.url, "")
	return article.ReadFrom(ctx, bytes.NewReader(body), u, final, f, r.opts.Article, func(a article.Article) error {
		if f == article.FormatHTML || a.Line == 0 {
			a.ID = canonical(res.url, a.URL)
			a.URL = a.ID
		}
		a.Source = u
		return emit(a)
	}, skip)
}

// canonical resolves ref (a page's canonical link, may be relative or
// empty) against the URL fetched, and normalises it: lower-case scheme
// and host, no default port, no fragment.
func canonical(fetched, ref string) string {
	base, err := url.Parse(fetched)
	if err != nil {
		return fetched
	}
	u := base
	if ref = strings.TrimSpace(ref); ref != "" {
		if ru, err := base.Parse(ref); err == nil && (ru.Scheme == "http" || ru.Scheme == "https") && ru.Host != "" {
			u = ru
		}
	}
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if (c.Scheme == "http" && c.Port() == "80") || (c.Scheme == "https" && c.Port() == "443") {
		c.Host = c.Hostname()
	}
	c.Fragment, c.RawFragment = "", ""
	if c.Path == "" {
		c.Path = "/"
	}
	return c.String()
}

// readFeed reads a feed's items, in the feed's order: each item's linked
// page (fetched concurrently, within the per-host limit) unless NoFollow,
// else or when the page cannot be had, the item's own content.
func (r *Reader) readFeed(ctx context.Context, feedURL, kind string, body []byte, emit func(article.Article) error, skip func(article.Skip)) error {
	f, err := parseFeed(kind, body)
	if err != nil {
		skip(article.Skip{Source: feedURL, Reason: err.Error()})
		return nil
	}
	var items []item
	for _, it := range f.Items {
		if !r.opts.Since.IsZero() && !it.Published.IsZero() && it.Published.Before(r.opts.Since) {
			continue
		}
		items = append(items, it)
	}
	r.log(Event{URL: feedURL, Kind: "feed", Items: len(items)})
	if len(items) == 0 {
		return nil
	}

	// One result per item, filled by the fetchers, emitted in order.
	type result struct {
		arts  []article.Article
		skips []article.Skip
		err   error
	}
	results := make([]chan result, len(items))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Launch at most Concurrency fetchers ahead of the one emitted, so a
	// huge feed does not hold every page in memory.
	window := make(chan struct{}, r.opts.Concurrency*2)
	go func() {
		for i, it := range items {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				var res result
				res.err = r.readItem(ctx, feedURL, it,
					func(a article.Article) error { res.arts = append(res.arts, a); return nil },
					func(s article.Skip) { res.skips = append(res.skips, s) })
				results[i] <- res
			}()
		}
	}()
	for i := range items {
		var res result
		select {
		case res = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-window
		for _, s := range res.skips {
			skip(s)
		}
		if res.err != nil {
			return res.err
		}
		for _, a := range res.arts {
			if err := emit(a); err != nil {
				return err
			}
		}
	}
	return nil
}

// readItem reads one feed item.
func (r *Reader) readItem(ctx context.Context, feedURL string, it item, emit func(article.Article) error, skip func(article.Skip)) error {
	link := ""
	if it.Link != "" {
		if base, err := url.Parse(feedURL); err == nil {
			if lu, err := base.Parse(it.Link); err == nil {
				link = lu.String()
			}
		}
	}
	if link != "" && !r.opts.NoFollow {
		res, err := r.get(ctx, link)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err == nil && res.notModified:
			return nil // unchanged since the import that stored it
		case err == nil:
			var pageSkips []article.Skip
			n := 0
			perr := r.readPage(ctx, link, res, func(a article.Article) error {
				n++
				if a.Published == "" && !it.Published.IsZero() {
					a.Published = it.Published.UTC().Format("2006-01-02")
				}
				return emit(a)
			}, func(s article.Skip) { pageSkips = append(pageSkips, s) })
			if perr != nil || n > 0 || strings.TrimSpace(it.Content) == "" {
				for _, s := range pageSkips {
					skip(s)
				}
				return perr
			}
			err = fmt.Errorf("no article text found")
			if len(pageSkips) > 0 {
				err = fmt.Errorf("%s", pageSkips[0].Reason)
			}
			fallthrough
		default:
			if strings.TrimSpace(it.Content) == "" {
				skip(article.Skip{Source: link, Reason: err.Error()})
				return nil
			}
			r.log(Event{URL: link, Kind: "fallback", Err: err})
		}
	}
	if strings.TrimSpace(it.Content) == "" {
		skip(article.Skip{Source: feedURL, Reason: fmt.Sprintf("feed item %q has no content and no link", firstNonEmpty(it.Title, it.ID))})
		return nil
	}
	id := ""
	switch {
	case link != "":
		id = canonical(link, "")
	case isURL(it.ID):
		id = canonical(it.ID, "")
	case it.ID != "":
		id = feedURL + "#" + it.ID
	default:
		sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Content))
		id = feedURL + "#" + hex.EncodeToString(sum[:8])
	}
	source := firstNonEmpty(link, feedURL)
	return article.ReadFrom(ctx, strings.NewReader(it.Content), source, id, article.FormatHTML, r.opts.Article, func(a article.Article) error {
		a.ID, a.URL, a.Source = id, link, source
		if it.Title != "" {
			a.Title = it.Title
		}
		if !it.Published.IsZero() {
			a.Published = it.Published.UTC().Format("2006-01-02")
		}
		return emit(a)
	}, skip)
}

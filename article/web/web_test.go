package web

import (
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph/embedded"
)

const pageHTML = `<!doctype html><html><head><title>Talks in Muscat</title>
<link rel="canonical" href="/news/muscat?ref=x#top"></head>
<body><article><h1>Talks in Muscat</h1><p>Iranian Foreign Minister Abbas Araghchi met Omani Foreign Minister Badr Albusaidi in Muscat on Monday.</p>
<p>Iran and the United States held talks through Omani mediation, officials said.</p></article></body></html>`

func page(title, body string) string {
	return `<!doctype html><html><head><title>` + title + `</title></head><body><article><h1>` + title + `</h1><p>` + body + `</p><p>Officials confirmed the meeting on Monday, and more talks are planned.</p></article></body></html>`
}

// site is a local web server with the pages and feeds of the tests; it
// counts requests and the most at a time.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	hits     map[string]int
	inFlight atomic.Int32
	maxIn    atomic.Int32
	agents   []string
}

func newSite(t *testing.T, routes map[string]http.HandlerFunc) *site {
	s := &site{hits: map[string]int{}}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxIn.Load()
			if n <= m || s.maxIn.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.hits[req.URL.Path]++
		s.agents = append(s.agents, req.UserAgent())
		s.mu.Unlock()
		mux.ServeHTTP(w, req)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func html(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func testReader(o Options) *Reader {
	if o.Backoff == 0 {
		o.Backoff = 10 * time.Millisecond
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	o.UserAgent = "kg/test (+https://github.com/newsgraph/kg)"
	return New(o)
}

func read(t *testing.T, r *Reader, path string) ([]article.Article, []article.Skip) {
	t.Helper()
	var arts []article.Article
	var skips []article.Skip
	err := article.Read(context.Background(), []string{path}, article.Options{Remote: r},
		func(a article.Article) error { arts = append(arts, a); return nil },
		func(s article.Skip) { skips = append(skips, s) })
	if err != nil {
		t.Fatalf("Read %s: %v", path, err)
	}
	return arts, skips
}

func TestPageIDIsCanonicalURL(t *testing.T) {
	s := newSite(t, map[string]http.HandlerFunc{"/story": html(pageHTML)})
	arts, skips := read(t, testReader(Options{}), s.URL+"/story")
	if len(arts) != 1 || len(skips) != 0 {
		t.Fatalf("articles %v, skips %v", arts, skips)
	}
	a := arts[0]
	if a.ID != s.URL+"/news/muscat?ref=x" || a.URL != a.ID || a.Source != s.URL+"/story" {
		t.Errorf("id %q, url %q, source %q", a.ID, a.URL, a.Source)
	}
	if a.Title != "Talks in Muscat" || !strings.Contains(a.Text, "Araghchi met Omani") {
		t.Errorf("article %+v", a)
	}
	if ua := s.agents[0]; ua != "kg/test (+https://github.com/newsgraph/kg)" {
		t.Errorf("User-Agent %q", ua)
	}
}

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Courier</title>
<item><title>First</title><link>%[1]s/a</link><guid>a1</guid><pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>
<description>Short A.</description><content:encoded><![CDATA[<p>Armenia and Azerbaijan held talks in Brussels, mediated by the European Union.</p>]]></content:encoded></item>
<item><title>Second</title><link>%[1]s/b</link><guid>b1</guid><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>
<description>Russia struck Kharkiv with Shahed-136 drones &amp; missiles&nbsp;overnight.</description></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Courier</title>
<entry><id>tag:courier,2026:1</id><title>Atom one</title><link rel="alternate" href="%[1]s/a"/><updated>2026-11-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;Kenyan President William Ruto met army chief Abdel Fattah al-Burhan in Nairobi.&lt;/p&gt;</content></entry>
<entry><id>tag:courier,2026:2</id><title>Atom two</title><link href="%[1]s/b"/><published>2026-12-01T10:00:00Z</published>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Iran and <b>Oman</b> met in Muscat.</p></div></summary></entry>
</feed>`

const jsonFeedBody = `{"version":"https://jsonfeed.org/version/1.1","title":"JSON Courier","items":[
{"id":"1","url":"%[1]s/a","title":"JSON one","content_text":"Turkey mediated talks between Russia and Ukraine in Istanbul.","date_published":"2026-11-02T10:00:00Z"},
{"id":2,"url":"%[1]s/b","title":"JSON two","content_html":"<p>Israel struck Hezbollah positions in Lebanon.</p>","date_published":"2026-12-01T10:00:00+00:00"}]}`

func feedSite(t *testing.T) *site {
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/a": html(page("Page A", "Armenia and Azerbaijan held talks in Brussels, mediated by the European Union.")),
		"/b": html(page("Page B", "Russia struck Kharkiv with Shahed-136 drones overnight.")),
		"/rss": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, rss, s.URL)
		},
		"/atom": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprintf(w, atom, s.URL)
		},
		"/json": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/feed+json")
			fmt.Fprintf(w, jsonFeedBody, s.URL)
		},
	})
	return s
}

func TestFeedsOfEachKind(t *testing.T) {
	s := feedSite(t)
	for _, kind := range []string{"rss", "atom", "json"} {
		// --follow (the default): the linked pages.
		arts, skips := read(t, testReader(Options{}), s.URL+"/"+kind)
		if len(arts) != 2 || len(skips) != 0 {
			t.Fatalf("%s: %d articles, skips %v", kind, len(arts), skips)
		}
		if arts[0].ID != s.URL+"/a" || arts[1].ID != s.URL+"/b" || arts[0].Title != "Page A" || !strings.Contains(arts[1].Text, "Kharkiv") {
			t.Errorf("%s followed: %+v", kind, arts)
		}
		if arts[0].Published != "2026-11-02" {
			t.Errorf("%s: the item's date is not the page's: %q", kind, arts[0].Published)
		}
		// The items' own content.
		arts, skips = read(t, testReader(Options{NoFollow: true}), s.URL+"/"+kind)
		if len(arts) != 2 || len(skips) != 0 {
			t.Fatalf("%s no-follow: %d articles, skips %v", kind, len(arts), skips)
		}
		want := map[string][2]string{
			"rss":  {"First", "Armenia and Azerbaijan"},
			"atom": {"Atom one", "William Ruto"},
			"json": {"JSON one", "Turkey mediated"},
		}[kind]
		if arts[0].Title != want[0] || !strings.Contains(arts[0].Text, want[1]) || arts[0].ID != s.URL+"/a" || arts[0].Published != "2026-11-02" {
			t.Errorf("%s content: %+v", kind, arts[0])
		}
		if kind == "atom" && !strings.Contains(arts[1].Text, "Iran and Oman met in Muscat.") {
			t.Errorf("atom xhtml content: %q", arts[1].Text)
		}
		if strings.Contains(arts[1].Text, "<p>") || strings.Contains(arts[1].Text, "&nbsp;") {
			t.Errorf("%s: markup left in %q", kind, arts[1].Text)
		}
		// --since leaves out the first (November) item.
		since, _ := time.Parse("2006-01-02", "2026-11-15")
		arts, _ = read(t, testReader(Options{NoFollow: true, Since: since}), s.URL+"/"+kind)
		if len(arts) != 1 || arts[0].ID != s.URL+"/b" {
			t.Errorf("%s --since: %+v", kind, arts)
		}
	}
}

func TestConditionalGETKeepsValidatorsInTheStore(t *testing.T) {
	var s *site
	s = newSite(t, map[string]http.HandlerFunc{
		"/a": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT")
			if r.Header.Get("If-Modified-Since") == "Mon, 02 Nov 2026 10:00:00 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			html(page("Page A", "Armenia and Azerbaijan held talks in Brussels."))(w, r)
		},
		"/b": html(page("Page B", "Russia struck Kharkiv with Shahed-136 drones overnight.")), // no validators: fetched each time
		"/rss": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, rss, s.URL)
		},
	})
	store, err := embedded.Open(filepath.Join(t.TempDir(), "kg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	r := testReader(Options{Cache: store})
	if arts, _ := read(t, r, s.URL+"/rss"); len(arts) != 2 {
		t.Fatalf("first run: %d articles", len(arts))
	}
	// Before Commit nothing is kept: an interrupted import fetches again.
	if _, ok, _ := store.GetMeta(context.Background(), "http:"+s.URL+"/rss"); ok {
		t.Error("validators kept before Commit")
	}
	if err := r.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	r = testReader(Options{Cache: store})
	if arts, skips := read(t, r, s.URL+"/rss"); len(arts) != 0 || len(skips) != 0 {
		t.Errorf("second run read %d articles, skips %v; want nothing new", len(arts), skips)
	}
	if s.count("/rss") != 2 || s.count("/a") != 1 {
		t.Errorf("requests: feed %d, page a %d", s.count("/rss"), s.count("/a"))
	}
	// The page a again, by itself: 304, nothing read.
	if arts, _ := read(t, r, s.URL+"/a"); len(arts) != 0 || s.count("/a") != 2 {
		t.Errorf("page a again: %d articles, %d requests", len(arts), s.count("/a"))
	}
}

func TestHTTPFailures(t *testing.T) {
	var flaky, limited atomic.Int32
	big := strings.Repeat("<p>Iran and Oman met in Muscat.</p>", 4000) // ~140 KB
	s := newSite(t, map[string]http.HandlerFunc{
		"/page": html(page("Page", "Iran and Oman met in Muscat for talks.")),
		"/moved": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/page", http.StatusMovedPermanently)
		},
		"/loop":    func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
		"/missing": http.NotFound,
		"/flaky": func(w http.ResponseWriter, r *http.Request) {
			if flaky.Add(1) == 1 {
				http.Error(w, "try later", http.StatusInternalServerError)
				return
			}
			html(page("Flaky", "Iran and Oman met in Muscat for talks."))(w, r)
		},
		"/limited": func(w http.ResponseWriter, r *http.Request) {
			if limited.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			html(page("Limited", "Iran and Oman met in Muscat for talks."))(w, r)
		},
		"/down": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) },
		"/later": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "", 503)
		},
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
			html(page("Slow", "Too late."))(w, r)
		},
		"/huge": html("<html><body>" + big + "</body></html>"),
		"/image": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n"))
		},
		"/xml": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml")
			fmt.Fprint(w, "<note>hi</note>")
		},
	})
	r := testReader(Options{Timeout: 500 * time.Millisecond, Article: article.Options{MaxBytes: 64 << 10}})
	cases := []struct {
		path, want string // want: an article title, or a skip reason's words
	}{
		{"/moved", "title:Page"},
		{"/loop", "more than 5 redirects"},
		{"/missing", "HTTP 404 Not Found"},
		{"/flaky", "title:Flaky"},
		{"/limited", "title:Limited"},
		{"/down", "HTTP 503 Service Unavailable (after 4 attempts)"},
		{"/later", "more than the 2m0s kg waits"},
		{"/slow", "no complete answer within 500ms (--timeout)"},
		{"/huge", "larger than the 65536-byte limit"},
		{"/image", "not an article or a feed (content type image/png)"},
		{"/xml", "XML that is not an RSS, Atom or RDF feed"},
	}
	for _, c := range cases {
		start := time.Now()
		arts, skips := read(t, r, s.URL+c.path)
		if title, ok := strings.CutPrefix(c.want, "title:"); ok {
			if len(arts) != 1 || arts[0].Title != title || len(skips) != 0 {
				t.Errorf("%s: articles %+v, skips %v", c.path, arts, skips)
			}
			if c.path == "/moved" && arts[0].ID != s.URL+"/page" {
				t.Errorf("redirected page id %q, want the final URL", arts[0].ID)
			}
			continue
		}
		if len(arts) != 0 || len(skips) != 1 || !strings.Contains(skips[0].Reason, c.want) || skips[0].Source != s.URL+c.path {
			t.Errorf("%s: articles %d, skips %v; want one naming the URL and %q", c.path, len(arts), skips, c.want)
		}
		if c.path == "/slow" && time.Since(start) > 2*time.Second {
			t.Errorf("slow server held the reader %s", time.Since(start))
		}
	}
	if limited.Load() != 2 {
		t.Errorf("429 then 200: %d requests", limited.Load())
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	if d := retryAfter("7", now); d < 7*time.Second || d > 8*time.Second {
		t.Errorf("seconds: %s", d)
	}
	if d := retryAfter("Thu, 03 Dec 2026 12:00:30 GMT", now); d != 30*time.Second {
		t.Errorf("date: %s", d)
	}
	if d := retryAfter("soon", now); d != 0 {
		t.Errorf("garbage: %s", d)
	}
}

func TestCharsetsAndGzip(t *testing.T) {
	latin := func(s string) []byte { b, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(s)); return b }
	body := page("Café talks", "Iran and Oman met at the café in Muscat, officials said.")
	metaBody := strings.Replace(body, "<head>", `<head><meta charset="windows-1252">`, 1)
	s := newSite(t, map[string]http.HandlerFunc{
		"/header": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=windows-1252")
			w.Write(latin(body))
		},
		"/meta": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write(latin(metaBody))
		},
		"/gzip": func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				http.Error(w, "gzip only", http.StatusNotAcceptable)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			fmt.Fprint(gz, body)
			gz.Close()
		},
	})
	for _, p := range []string{"/header", "/meta", "/gzip"} {
		arts, skips := read(t, testReader(Options{}), s.URL+p)
		if len(arts) != 1 || arts[0].Title != "Café talks" || !strings.Contains(arts[0].Text, "at the café in Muscat") {
			t.Errorf("%s: %+v %v", p, arts, skips)
		}
	}
}

func TestListsAndFileURLs(t *testing.T) {
	s := feedSite(t)
	dir := t.TempDir()
	opmlPath := filepath.Join(dir, "subs.opml")
	os.WriteFile(opmlPath, []byte(`<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body>
<outline text="News"><outline type="rss" text="Courier" xmlUrl="`+s.URL+`/rss"/><outline type="rss" text="Atom" xmlUrl="`+s.URL+`/atom"/></outline></body></opml>`), 0o644)
	listPath := filepath.Join(dir, "urls.txt")
	os.WriteFile(listPath, []byte("# my sources\n"+s.URL+"/a\n\n"+s.URL+"/json\n"), 0o644)
	pagePath := filepath.Join(dir, "page.html")
	os.WriteFile(pagePath, []byte(page("Local page", "Iran and Oman met in Muscat for talks.")), 0o644)
	notList := filepath.Join(dir, "story.txt")
	os.WriteFile(notList, []byte(s.URL+"/a\nIran and Oman met in Muscat for talks.\n"), 0o644)

	r := testReader(Options{NoFollow: true})
	if arts, skips := read(t, r, opmlPath); len(arts) != 4 || len(skips) != 0 {
		t.Errorf("OPML: %d articles, %v", len(arts), skips)
	}
	if arts, skips := read(t, r, listPath); len(arts) != 3 || len(skips) != 0 {
		t.Errorf("URL list: %d articles, %v", len(arts), skips)
	}
	if arts, _ := read(t, r, "file://"+pagePath); len(arts) != 1 || arts[0].Title != "Local page" {
		t.Errorf("file URL: %+v", arts)
	}
	if r.Handles(notList) {
		t.Error("an article whose first line is a link was taken for a list of URLs")
	}
}

func TestPerHostLimit(t *testing.T) {
	routes := map[string]http.HandlerFunc{}
	var items strings.Builder
	var s *site
	for i := range 12 {
		p := fmt.Sprintf("/p%d", i)
		routes[p] = func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(30 * time.Millisecond)
			html(page(fmt.Sprintf("Page %d", i), "Iran and Oman met in Muscat for talks."))(w, r)
		}
		fmt.Fprintf(&items, `<item><title>%d</title><link>%s</link></item>`, i, p)
	}
	routes["/rss"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Many</title>%s</channel></rss>`, items.String())
	}
	s = newSite(t, routes)
	arts, skips := read(t, testReader(Options{PerHost: 3}), s.URL+"/rss")
	if len(arts) != 12 || len(skips) != 0 {
		t.Fatalf("%d articles, %v", len(arts), skips)
	}
	for i, a := range arts {
		if a.Title != fmt.Sprintf("Page %d", i) {
			t.Errorf("items out of the feed's order at %d: %q", i, a.Title)
		}
	}
	if m := s.maxIn.Load(); m > 3 || m < 2 {
		t.Errorf("at most %d requests at a time, want 2..3 (PerHost 3)", m)
	}
}

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// A feed from a local server imported twice: the second run fetches
// nothing new (conditional GETs with the validators kept in the store).
func TestFeedImportTwiceFetchesNothingNew(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	pages := map[string]string{
		"/muscat": storyA, "/sudan": storyB,
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("ETag", `"`+r.URL.Path+`-v1"`)
		if r.Header.Get("If-None-Match") == `"`+r.URL.Path+`-v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Muscat</title><link>%[1]s/muscat</link><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item>
<item><title>Sudan</title><link>%[1]s/sudan</link></item></channel></rss>`, srv.URL)
			return
		}
		text, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		title, body, _ := strings.Cut(text, "\n")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>", title, strings.ReplaceAll(body, "\n", "</p><p>"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	r := kg(t, dir, nil, "import", srv.URL+"/feed.xml", "--db", "x.db")
	if r.code != 0 || !strings.Contains(r.stdout, "Imported 2 article(s)") || !strings.Contains(r.stdout, "new 2") {
		t.Fatalf("first import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if s := kg(t, dir, nil, "--db", "x.db", "forget", srv.URL+"/muscat"); s.code != 0 {
		t.Errorf("the page's id is not its URL: %s%s", s.stdout, s.stderr)
	}
	// Put it back, then poll again.
	kg(t, dir, nil, "import", srv.URL+"/muscat", "--db", "x.db")
	mu.Lock()
	before := map[string]int{"/feed.xml": hits["/feed.xml"], "/muscat": hits["/muscat"], "/sudan": hits["/sudan"]}
	mu.Unlock()
	r = kg(t, dir, nil, "import", srv.URL+"/feed.xml", "--db", "x.db")
	if r.code != 0 || !strings.Contains(r.stdout, "Nothing new") || !strings.Contains(r.stderr, "not modified") {
		t.Errorf("second import: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := kg(t, dir, nil, "import", srv.URL+"/nope", "--db", "x.db"); r.code != exitError || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("404: %d %s", r.code, r.stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/feed.xml"] != before["/feed.xml"]+1 || hits["/muscat"] != before["/muscat"] || hits["/sudan"] != before["/sudan"] {
		t.Errorf("requests before %v, after %v: the second run fetched pages", before, hits)
	}
}

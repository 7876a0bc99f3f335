package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

const readTestPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry talks resume | The Courier</title>
<meta property="og:title" content="Ferry talks resume">
<link rel="canonical" href="https://courier.example/2025/04/ferry-talks">
<meta property="article:published_time" content="2025-04-02T08:15:00+03:00">
<meta name="author" content="Maria Lindqvist">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry talks resume</h1>
<p>Negotiators from the two island states met again in the harbour town on Wednesday to settle the timetable of the winter ferry routes between their ports.</p>
<p>The talks had stalled in March over the price of fuel, and both delegations said they expected a draft agreement before the summer season begins.</p>
<p>Harbour workers in both ports welcomed the news and asked for a say in the new timetable.</p>
</article>
<footer><p>Subscribe to our newsletter</p><p>© The Courier 2025</p></footer>
</body></html>`

func readRecords(t *testing.T, stdout string) []readRecord {
	t.Helper()
	var recs []readRecord
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r readRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestReadHTMLTextJSON(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "ferry.html")
	write(t, page, readTestPage)
	text := filepath.Join(dir, "muscat.txt")
	write(t, text, "Oman hosts new round of talks\n\nMuscat, 3 May 2025 — Iran and the United States held a new round of talks in Muscat on Saturday, Omani officials said.\n")
	js := filepath.Join(dir, "feed.json")
	write(t, js, `[{"id":"a1","title":"Quota deal","url":"https://news.example/a1","published":"2024-11-05T08:00:00Z","text":"The two ministers signed the quota deal at the port on Tuesday."}]`)

	res := kg(t, dir, nil, "read", page, text, js)
	if res.code != 0 {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	recs := readRecords(t, res.stdout)
	if len(recs) != 3 {
		t.Fatalf("want 3 records, got %d:\n%s", len(recs), res.stdout)
	}

	h := recs[0]
	if h.ID != "ferry" || h.Source != page || h.Title != "Ferry talks resume" || h.Published != "2025-04-02" ||
		h.URL != "https://courier.example/2025/04/ferry-talks" || h.Authors != "Maria Lindqvist" {
		t.Errorf("html record = %+v", h)
	}
	for _, want := range []string{"Negotiators from the two island states", "before the summer season begins.", "asked for a say in the new timetable."} {
		if !strings.Contains(h.Text, want) {
			t.Errorf("html text lacks %q:\n%s", want, h.Text)
		}
	}
	for _, chrome := range []string{"Home", "Sport", "newsletter", "© The Courier"} {
		if strings.Contains(h.Text, chrome) {
			t.Errorf("html text keeps page chrome %q:\n%s", chrome, h.Text)
		}
	}

	x := recs[1]
	if x.ID != "muscat" || x.Title != "Oman hosts new round of talks" || x.Published != "2025-05-03" || !strings.Contains(x.Text, "held a new round of talks in Muscat") {
		t.Errorf("text record = %+v", x)
	}

	j := recs[2]
	if j.ID != "a1" || j.Title != "Quota deal" || j.URL != "https://news.example/a1" || j.Published != "2024-11-05" ||
		j.Source != js || j.Text != "The two ministers signed the quota deal at the port on Tuesday." {
		t.Errorf("json record = %+v", j)
	}
}

func TestReadTextFormatAndSkips(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "ferry.html")
	write(t, page, readTestPage)
	empty := filepath.Join(dir, "empty.html")
	write(t, empty, "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>")

	res := kg(t, dir, nil, "read", "--format", "text", page, empty)
	if res.code != exitPartial {
		t.Fatalf("exit %d, want %d (a skipped input)\n%s", res.code, exitPartial, res.stderr)
	}
	if !strings.HasPrefix(res.stdout, "== ferry: Ferry talks resume\npublished: 2025-04-02\n") || !strings.Contains(res.stdout, "Negotiators from the two island states") {
		t.Errorf("text output:\n%s", res.stdout)
	}
	if !strings.Contains(res.stderr, "empty.html") || !strings.Contains(res.stderr, "no article text found") {
		t.Errorf("stderr does not name the skipped page and why:\n%s", res.stderr)
	}

	if res := kg(t, dir, nil, "read", "--format", "xml", page); res.code != exitUsage {
		t.Errorf("--format xml: exit %d, want %d", res.code, exitUsage)
	}
}

// kg read takes URLs as import does: a page from a real local server.
func TestReadURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, readTestPage)
	}))
	defer srv.Close()
	r := kg(t, t.TempDir(), nil, "read", srv.URL+"/ferry.html")
	if r.code != 0 {
		t.Fatalf("kg read URL: %d\n%s", r.code, r.stderr)
	}
	recs := readRecords(t, r.stdout)
	if len(recs) != 1 || recs[0].ID != "https://courier.example/2025/04/ferry-talks" || recs[0].Published != "2025-04-02" ||
		!strings.Contains(recs[0].Text, "winter ferry routes") || strings.Contains(recs[0].Text, "newsletter") {
		t.Errorf("kg read URL: %+v", recs)
	}
}

package article

import (
	"strings"
	"testing"
)

func TestJSONSingleObject(t *testing.T) {
	path := writeFile(t, t.TempDir(), "quota.json", `{
  "title": "Quota deal signed",
  "url": "https://courier.example/quota",
  "published": "2024-11-05T08:00:00+01:00",
  "text": "The two ministers signed the quota deal on Tuesday.\r\nFishing crews welcomed it."
}`)
	a := readOne(t, Options{}, path)
	want := Article{ID: "quota", Title: "Quota deal signed", Source: path, Line: 1, URL: "https://courier.example/quota",
		Published: "2024-11-05", Text: "The two ministers signed the quota deal on Tuesday.\nFishing crews welcomed it."}
	if a != want {
		t.Errorf("got  %+v\nwant %+v", a, want)
	}
}

func TestJSONArray(t *testing.T) {
	path := writeFile(t, t.TempDir(), "batch.json", `[
  {"id": "a-1", "title": "One", "text": "The first ferry left at dawn."},
  {"title": "Two", "text": ""},
  42,
  {"id": 7, "body": "The third ferry waited for the tide.", "date": "March 3, 2025"}
]`)
	arts, skips := readAll(t, Options{}, path)
	if got := strings.Join(ids(arts), ","); got != "a-1,7" {
		t.Fatalf("ids = %s", got)
	}
	if arts[1].Published != "2025-03-03" || arts[1].Text != "The third ferry waited for the tide." || arts[1].Line != 5 {
		t.Errorf("second article = %+v", arts[1])
	}
	if len(skips) != 2 || skips[0].Line != 3 || !strings.Contains(skips[0].Reason, "no text") ||
		skips[1].Line != 4 || !strings.Contains(skips[1].Reason, "not an object") {
		t.Errorf("skips = %v", skips)
	}
	if got := skips[0].Error(); got != path+`:3: record has no text (field "text,body,content")` {
		t.Errorf("Skip.Error() = %q", got)
	}
}

func TestJSONArrayIDsDefaultToIndex(t *testing.T) {
	path := writeFile(t, t.TempDir(), "batch.json", `[{"text":"One ferry."},{"text":"Two ferries."}]`)
	arts, _ := readAll(t, Options{}, path)
	if got := strings.Join(ids(arts), ","); got != "batch-1,batch-2" {
		t.Errorf("ids = %s", got)
	}
}

func TestJSONSyntaxErrorKeepsEarlierRecords(t *testing.T) {
	path := writeFile(t, t.TempDir(), "broken.json", "[\n{\"text\": \"The ferry left.\"},\n{\"text\": \"unterminated}\n]")
	arts, skips := readAll(t, Options{}, path)
	if len(arts) != 1 {
		t.Fatalf("articles = %v", arts)
	}
	if len(skips) != 1 || skips[0].Line != 3 || !strings.Contains(skips[0].Reason, "invalid JSON") {
		t.Errorf("skips = %v", skips)
	}
}

func TestJSONLines(t *testing.T) {
	lines := []string{
		`{"id": "x1", "title": "First", "text": "The first ferry left at dawn.", "published": 1735732800}`,
		``,
		`{"title": "Second", "text": "The second ferry left at noon."}`,
		`{"title": "Broken", "text": "no closing brace"`,
		`{"title": "No text"}`,
		`["not", "an", "object"]`,
		`{"text": "The last ferry left at dusk."}`,
	}
	path := writeFile(t, t.TempDir(), "feed.jsonl", strings.Join(lines, "\r\n"))
	arts, skips := readAll(t, Options{}, path)
	if got := strings.Join(ids(arts), ","); got != "x1,feed-3,feed-7" {
		t.Errorf("ids = %s", got)
	}
	if arts[0].Published != "2025-01-01" || arts[0].Line != 1 || arts[2].Line != 7 || arts[2].Source != path {
		t.Errorf("articles = %+v", arts)
	}
	if arts[2].Title != "The last ferry left at dusk." {
		t.Errorf("title from text = %q", arts[2].Title)
	}
	wantLines := []int{4, 5, 6}
	if len(skips) != len(wantLines) {
		t.Fatalf("skips = %v", skips)
	}
	for i, s := range skips {
		if s.Source != path || s.Line != wantLines[i] {
			t.Errorf("skip %d = %+v, want line %d", i, s, wantLines[i])
		}
	}
}

func TestJSONLinesSniffedInDotJSON(t *testing.T) {
	path := writeFile(t, t.TempDir(), "dump.json", "{\"text\":\"One ferry.\"}\n{\"text\":\"Two ferries.\"}\n")
	arts, skips := readAll(t, Options{}, path)
	if len(skips) != 0 || strings.Join(ids(arts), ",") != "dump-1,dump-2" {
		t.Errorf("ids %v, skips %v", ids(arts), skips)
	}
}

func TestJSONLinesStreamPastMaxBytes(t *testing.T) {
	// The file is larger than MaxBytes, each line is not: it is read.
	// The one line over the limit is skipped, and reading goes on after it.
	var b strings.Builder
	for range 20 {
		b.WriteString(`{"text":"A ferry left the harbour on time."}` + "\n")
	}
	b.WriteString(`{"text":"` + strings.Repeat("long ", 100) + `"}` + "\n")
	b.WriteString(`{"text":"The last ferry."}`)
	path := writeFile(t, t.TempDir(), "big.ndjson", b.String())
	arts, skips := readAll(t, Options{MaxBytes: 200}, path)
	if len(arts) != 21 || arts[20].ID != "big-22" {
		t.Errorf("read %d articles, last %+v", len(arts), arts[len(arts)-1])
	}
	wantSkip(t, skips, path, 21, "longer than the 200 bytes limit")
}

func TestJSONLinesBadBytes(t *testing.T) {
	path := writeFile(t, t.TempDir(), "bad.jsonl", "{\"text\":\"caf\xe9\"}\n{\"text\":\"fine ferry\"}\n")
	arts, skips := readAll(t, Options{}, path)
	if len(arts) != 1 || arts[0].ID != "bad-2" {
		t.Errorf("articles = %+v", arts)
	}
	wantSkip(t, skips, path, 1, "invalid UTF-8")
}

func TestJSONCustomFieldsAndHTMLText(t *testing.T) {
	path := writeFile(t, t.TempDir(), "cms.json", `{
  "guid": "cms-77",
  "headline": "Port reopens",
  "meta": {"link": "https://courier.example/port", "when": "2025-02-01T07:00:00Z"},
  "content": {"html": "<div class=\"story\"><p>The port reopened on Saturday.</p><p>Ships queued at the <b>outer</b> harbour.</p></div>"}
}`)
	opts := Options{Fields: JSONFields{ID: "guid", Title: "headline", URL: "meta.link", Published: "meta.when", Text: "content.html"}}
	a := readOne(t, opts, path)
	want := Article{ID: "cms-77", Title: "Port reopens", Source: path, Line: 1, URL: "https://courier.example/port",
		Published: "2025-02-01", Text: "The port reopened on Saturday.\n\nShips queued at the outer harbour."}
	if a != want {
		t.Errorf("got  %+v\nwant %+v", a, want)
	}
}

func TestJSONTextAsParagraphList(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.json", `{"text": ["The port reopened.", " ", "Ships queued."], "published": "not a date"}`)
	a := readOne(t, Options{}, path)
	if a.Text != "The port reopened.\n\nShips queued." || a.Published != "not a date" {
		t.Errorf("text %q, published %q", a.Text, a.Published)
	}
}

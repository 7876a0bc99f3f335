package article

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for every reader: whatever the bytes, a reader returns
// articles that hold (valid UTF-8, non-empty text, an id, an ISO date or
// none) or skips with a reason, and never panics. scripts/fuzz.sh runs them.

// checkRead reads data in format and checks every article and skip.
func checkRead(t *testing.T, data []byte, format Format) []Article {
	t.Helper()
	var arts []Article
	var skips []Skip
	err := ReadFrom(context.Background(), bytes.NewReader(data), "fuzz.in", "fuzz", format, Options{MaxBytes: 1 << 20},
		func(a Article) error { arts = append(arts, a); return nil },
		func(s Skip) { skips = append(skips, s) })
	if err != nil {
		t.Fatalf("ReadFrom returned %v; bad input must be a Skip", err)
	}
	for _, s := range skips {
		if s.Source != "fuzz.in" || strings.TrimSpace(s.Reason) == "" {
			t.Fatalf("skip %+v does not name the input and a reason", s)
		}
	}
	for _, a := range arts {
		checkArticle(t, a)
	}
	if len(arts) == 0 && len(skips) == 0 {
		t.Fatalf("input neither read nor skipped")
	}
	return arts
}

func checkArticle(t *testing.T, a Article) {
	t.Helper()
	if a.ID == "" {
		t.Fatalf("article without id: %+v", a)
	}
	if strings.TrimSpace(a.Text) == "" {
		t.Fatalf("article %s has no text", a.ID)
	}
	for name, s := range map[string]string{"id": a.ID, "title": a.Title, "text": a.Text, "url": a.URL, "published": a.Published} {
		if !utf8.ValidString(s) {
			t.Fatalf("article %s: %s is not valid UTF-8: %q", a.ID, name, s)
		}
	}
	// Published is YYYY-MM-DD, or a JSON record's own value kept as
	// given (one line) when it holds no date.
	if _, err := time.Parse("2006-01-02", a.Published); a.Published != "" && err != nil {
		if iso, ok := NormalizeDate(a.Published); ok {
			t.Fatalf("article %s: published %q not normalised to %s", a.ID, a.Published, iso)
		}
		if strings.ContainsAny(a.Published, "\r\n") {
			t.Fatalf("article %s: published %q spans lines", a.ID, a.Published)
		}
	}
	if strings.ContainsAny(a.Title, "\r\n") {
		t.Fatalf("article %s: title %q spans lines", a.ID, a.Title)
	}
}

func FuzzReadText(f *testing.F) {
	for _, s := range []string{
		"Iran and Oman hold talks\nBy Jane Doe | March 3, 2025\n\nMuscat — Iran's foreign minister met Oman's.\n\nSubscribe to our newsletter\n© 2025 Example News",
		"Title only",
		"\ufeffTitle\r\n\r\nPublished: 2024-02-29\r\nBody text.\r\n",
		"Share this\nFacebook\nTwitter\n",
		"\x00\x01binary",
		"caf\xe9 latin-1",
		"# Markdown title\n\n*emphasis* and [link](http://x)\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts := checkRead(t, data, FormatText)
		if len(arts) > 1 {
			t.Fatalf("plain text gave %d articles", len(arts))
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range []string{
		`<html><head><title>Talks in Muscat</title><meta property="article:published_time" content="2025-03-03T10:00:00Z"></head><body><article><h1>Talks</h1><p>Iran met Oman in Muscat.</p></article></body></html>`,
		`<p>fragment only</p>`,
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2024-01-01"}</script><p>Body</p>`,
		`<meta charset="windows-1252"><p>caf` + "\xe9" + `</p>`,
		`<div><div><div><p>deep</p></div></div></div>`,
		`<html><body></body></html>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts := checkRead(t, data, FormatHTML)
		if len(arts) > 1 {
			t.Fatalf("HTML gave %d articles", len(arts))
		}
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`{"id":"a1","title":"T","text":"Iran met Oman.","published":"2025-03-03"}`,
		`[{"id":"a","text":"one"},{"id":"b","text":"two","date":1700000000}]`,
		`{"text":"x"}{"text":"y"}`,
		`{"content":"<p>html body</p>","url":"https://example.com/a"}`,
		`[1, "two", null, {"text": ""}]`,
		`{"id": 7, "text": {"nested": true}}`,
		`{"text":"a"} trailing`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts := checkRead(t, data, FormatJSON)
		seen := map[string]bool{}
		for _, a := range arts {
			if a.Line < 1 {
				t.Fatalf("JSON record %s has no line", a.ID)
			}
			seen[a.ID] = true
		}
	})
}

func FuzzReadJSONLines(f *testing.F) {
	for _, s := range []string{
		"{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n",
		"{\"text\":\"ok\"}\nnot json\n\n{\"text\":\"\"}\n",
		"{\"text\":\"no newline at end\"}",
		"\r\n{\"text\":\"crlf\"}\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts := checkRead(t, data, FormatJSONLines)
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		for _, a := range arts {
			if a.Line < 1 || a.Line > lines || a.Line < last {
				t.Fatalf("record %s at line %d of %d (previous %d)", a.ID, a.Line, lines, last)
			}
			last = a.Line
		}
	})
}

func FuzzReadAuto(f *testing.F) {
	for _, s := range []string{"plain\ntext", "<p>html</p>", `{"text":"json"}`, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data, FormatAuto) })
}

func FuzzNormalizeDate(f *testing.F) {
	for _, s := range []string{
		"2025-03-03", "2025-03-03T10:00:00Z", "March 3, 2025", "3 March 2025", "Mon, 03 Mar 2025 10:00:00 +0000",
		"20250303", "Published 12/31/2024", "2024-02-30", "Feb 29, 2023", "99999-01-01", "", "1700000000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := NormalizeDate(s)
		if !ok {
			if iso != "" {
				t.Fatalf("NormalizeDate(%q) = %q, false", s, iso)
			}
			return
		}
		d, err := time.Parse("2006-01-02", iso)
		if err != nil {
			t.Fatalf("NormalizeDate(%q) = %q: not a date: %v", s, iso, err)
		}
		if again, ok := NormalizeDate(iso); !ok || again != iso {
			t.Fatalf("NormalizeDate(%q) = %q, but NormalizeDate(%q) = %q, %v", s, iso, iso, again, ok)
		}
		if d.Format("2006-01-02") != iso {
			t.Fatalf("NormalizeDate(%q) = %q, not canonical", s, iso)
		}
	})
}

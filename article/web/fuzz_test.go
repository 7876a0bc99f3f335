package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzFeed checks the feed readers (RSS, Atom, RDF, JSON Feed) and the
// OPML and URL-list readers on arbitrary bodies: no panic, a kind only
// for what parses as one, items and URLs with valid UTF-8 text.
func FuzzFeed(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><title>Talks</title><link>https://example.com/a</link><guid>a</guid><pubDate>Mon, 03 Mar 2025 10:00:00 +0000</pubDate><description>&lt;p&gt;Iran met Oman.&lt;/p&gt;</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:1</id><link href="https://example.com/b"/><title type="html">B</title><updated>2025-03-03T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://example.com/c","content_html":"<p>c</p>","date_published":"2025-03-03T10:00:00Z"}]}`,
		`<rdf:RDF><item><title>r</title><link>https://example.com/r</link></item></rdf:RDF>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>caf` + "\xe9" + `</title></item></channel></rss>`,
		`<opml><body><outline xmlUrl="https://example.com/feed.xml"/></body></opml>`,
		"# feeds\nhttps://example.com/a\nhttps://example.com/b\n",
		`<html><body>not a feed</body></html>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		kind := feedKind(body, "")
		switch kind {
		case "", "rss", "atom", "rdf", "json":
		default:
			t.Fatalf("feedKind = %q", kind)
		}
		if kind != "" {
			fd, err := parseFeed(kind, body)
			if err == nil {
				for _, it := range fd.Items {
					for _, s := range []string{it.ID, it.Link, it.Title, it.Content} {
						if !utf8.ValidString(s) {
							t.Fatalf("%s item field %q is not valid UTF-8", kind, s)
						}
					}
				}
			}
		}
		if urls, err := opml(body); err == nil {
			for _, u := range urls {
				if u == "" || u != strings.TrimSpace(u) {
					t.Fatalf("OPML URL %q", u)
				}
			}
		}
		if urls, ok := urlList(body); ok {
			for _, u := range urls {
				if !isURL(u) || strings.ContainsAny(u, " \t\n") {
					t.Fatalf("URL list entry %q", u)
				}
			}
		}
	})
}

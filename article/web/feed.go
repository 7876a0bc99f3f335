package web

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Feeds are parsed by hand with encoding/xml and encoding/json: RSS 2.0,
// Atom 1.0 and JSON Feed 1.x need a handful of fields each (id, link,
// title, date, content), and the one widely used Go feed library,
// github.com/mmcdole/gofeed, is not an approved release here (see
// go-partial.tsv); the standard library reads all three formats exactly.

// item is one entry of a feed, whatever its format.
type item struct {
	ID, Link, Title, Content string
	Published                time.Time // zero when the feed gives none
}

type feed struct {
	Title string
	Items []item
}

// feedKind tells a feed from a page by its first bytes: "rss", "atom",
// "rdf", "json" or "".
func feedKind(body []byte, contentType string) string {
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 2048)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(head, []byte("{")) {
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return "json"
		}
		return ""
	}
	if !bytes.HasPrefix(head, []byte("<")) {
		return ""
	}
	// Skip the prolog: declaration, comments, stylesheets, doctype.
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if i := bytes.Index(head, []byte(tag)); i >= 0 && !bytes.Contains(head[:i], []byte("<html")) {
			return map[string]string{"<rss": "rss", "<feed": "atom", "<rdf:rdf": "rdf"}[tag]
		}
	}
	return ""
}

func parseFeed(kind string, body []byte) (feed, error) {
	if kind == "json" {
		return parseJSONFeed(body)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = charset.NewReaderLabel // feeds in ISO-8859-1, windows-1252, ...
	dec.Strict = false                         // real feeds carry HTML entities (&nbsp;) and stray ampersands
	dec.Entity = xml.HTMLEntity
	switch kind {
	case "atom":
		var f atomFeed
		if err := dec.Decode(&f); err != nil {
			return feed{}, fmt.Errorf("Atom feed does not parse: %w", err)
		}
		return f.feed(), nil
	default: // rss, and RSS 1.0 (rdf), whose items have the same fields
		var f rssFeed
		if err := dec.Decode(&f); err != nil {
			return feed{}, fmt.Errorf("RSS feed does not parse: %w", err)
		}
		return f.feed(), nil
	}
}

type rssFeed struct {
	Title string    `xml:"channel>title"`
	Items []rssItem `xml:"channel>item"`
	// RSS 1.0 puts items beside the channel.
	RDFItems []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Date        string `xml:"http://purl.org/dc/elements/1.1/ date"`
	Description string `xml:"description"`
	Encoded     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

func (f rssFeed) feed() feed {
	out := feed{Title: strings.TrimSpace(f.Title)}
	for _, it := range append(f.Items, f.RDFItems...) {
		out.Items = append(out.Items, item{
			ID: strings.TrimSpace(it.GUID), Link: strings.TrimSpace(it.Link), Title: strings.TrimSpace(it.Title),
			Content:   firstNonEmpty(it.Encoded, it.Description),
			Published: parseDate(firstNonEmpty(it.PubDate, it.Date)),
		})
	}
	return out
}

type atomFeed struct {
	Title   string      `xml:"title"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Links     []atomLink `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Content   atomText   `xml:"content"`
	Summary   atomText   `xml:"summary"`
}

// atomText is Atom's text construct: type text or html holds (escaped)
// text, type xhtml a <div> of inline markup.
type atomText struct {
	Type  string `xml:"type,attr"`
	Text  string `xml:",chardata"`
	Inner string `xml:",innerxml"`
}

func (t atomText) String() string {
	if t.Type == "xhtml" {
		return t.Inner
	}
	return t.Text
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

func (f atomFeed) feed() feed {
	out := feed{Title: strings.TrimSpace(f.Title)}
	for _, e := range f.Entries {
		link := ""
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				link = l.Href
				break
			}
		}
		out.Items = append(out.Items, item{
			ID: strings.TrimSpace(e.ID), Link: strings.TrimSpace(link), Title: strings.TrimSpace(e.Title),
			Content:   firstNonEmpty(e.Content.String(), e.Summary.String()),
			Published: parseDate(firstNonEmpty(e.Published, e.Updated)),
		})
	}
	return out
}

type jsonFeed struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	Items   []struct {
		ID            any    `json:"id"` // a string by the spec; numbers occur
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		ContentText   string `json:"content_text"`
		Summary       string `json:"summary"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
	} `json:"items"`
}

func parseJSONFeed(body []byte) (feed, error) {
	var f jsonFeed
	if err := json.Unmarshal(body, &f); err != nil {
		return feed{}, fmt.Errorf("JSON Feed does not parse: %w", err)
	}
	out := feed{Title: f.Title}
	for _, it := range f.Items {
		id := ""
		if it.ID != nil {
			id = fmt.Sprint(it.ID)
		}
		out.Items = append(out.Items, item{
			ID: id, Link: it.URL, Title: it.Title,
			Content:   firstNonEmpty(it.ContentHTML, it.ContentText, it.Summary),
			Published: parseDate(firstNonEmpty(it.DatePublished, it.DateModified)),
		})
	}
	return out, nil
}

// dateLayouts are the date forms feeds use: RFC 822/1123 in RSS (with and
// without the weekday, numeric or named zones), RFC 3339 in Atom and JSON
// Feed.
var dateLayouts = []string{
	time.RFC3339Nano, time.RFC3339, time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700", time.RFC822Z, time.RFC822, "2006-01-02T15:04:05", "2006-01-02",
}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// opml reads the feed URLs of an OPML subscription list.
func opml(body []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	var urls []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if len(urls) == 0 {
				return nil, fmt.Errorf("OPML has no outline with an xmlUrl")
			}
			return urls, nil
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "outline") {
			for _, a := range se.Attr {
				if strings.EqualFold(a.Name.Local, "xmlUrl") && strings.TrimSpace(a.Value) != "" {
					urls = append(urls, strings.TrimSpace(a.Value))
				}
			}
		}
	}
}

// urlList reads a text file of URLs, one a line ('#' starts a comment);
// ok is false when a line is something else, so an article that happens
// to start with a link is not taken for a list.
func urlList(body []byte) (urls []string, ok bool) {
	for line := range strings.SplitSeq(string(body), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !isURL(line) || strings.ContainsAny(line, " \t") {
			return nil, false
		}
		urls = append(urls, line)
	}
	return urls, len(urls) > 0
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

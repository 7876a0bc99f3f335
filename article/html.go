package article

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// parseHTML extracts a web page's main text with readability, and its
// title, date and URL from the page metadata.
func parseHTML(data []byte) (Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Article{}, err
	}
	meta := readMeta(doc)
	var pageURL *url.URL
	if u, err := url.Parse(meta.url); err == nil && u.IsAbs() {
		pageURL = u
	}

	parser := readability.NewParser()
	page, err := parser.ParseDocument(doc, pageURL) // works on a copy: doc stays whole for the fallback
	var text string
	if err == nil && page.Node != nil {
		text = render.InnerText(page.Node)
	}
	if strings.TrimSpace(text) == "" {
		text = render.InnerText(doc) // too little for readability: take the whole page
	}
	body, trailer := splitTrailingChrome(paragraphs(text))

	title := firstNonEmpty(meta.ogTitle, meta.ldHeadline, oneLine(page.Title()), meta.title)
	published := firstNonEmpty(meta.published...)
	if published == "" {
		if t, err := page.PublishedTime(); err == nil {
			published = t.Format("2006-01-02")
		}
	}
	if published == "" {
		published = firstNonEmpty(meta.timeTags...)
	}
	if published == "" {
		published = labelledDate(body, trailer)
	}
	return Article{
		Title:     firstNonEmpty(title, titleFrom(body)),
		URL:       meta.url,
		Published: published,
		Text:      body,
	}, nil
}

// pageMeta is what the page says about itself. published holds ISO dates
// from the explicit publication metadata, best first; timeTags those of
// <time datetime> elements.
type pageMeta struct {
	url, ogTitle, ldHeadline, title string
	published, timeTags             []string
}

var publishedMetaNames = map[string]bool{
	"article:published_time": true, "datepublished": true, "date": true, "pubdate": true,
	"publish-date": true, "publish_date": true, "publication_date": true, "dc.date": true,
	"dc.date.issued": true, "dcterms.created": true, "dcterms.issued": true, "parsely-pub-date": true,
	"sailthru.date": true, "og:article:published_time": true,
}

func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var canonical, ogURL string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				switch {
				case key == "og:url" && ogURL == "":
					ogURL = content
				case key == "og:title" && m.ogTitle == "":
					m.ogTitle = oneLine(content)
				case publishedMetaNames[key]:
					if iso, ok := NormalizeDate(content); ok {
						m.published = append(m.published, iso)
					}
				}
			case "title":
				if m.title == "" && n.FirstChild != nil {
					m.title = oneLine(n.FirstChild.Data)
				}
			case "time":
				if iso, ok := NormalizeDate(attr(n, "datetime")); ok {
					if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
						m.published = append(m.published, iso)
					} else {
						m.timeTags = append(m.timeTags, iso)
					}
				}
			case "script":
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					var v any
					if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
						date, headline := jsonLD(v)
						if iso, ok := NormalizeDate(date); ok {
							m.published = append(m.published, iso)
						}
						if m.ldHeadline == "" {
							m.ldHeadline = oneLine(headline)
						}
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.url = firstNonEmpty(canonical, ogURL)
	return m
}

// jsonLD finds datePublished and headline in JSON-LD, which may nest its
// article inside @graph or a list.
func jsonLD(v any) (date, headline string) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if d, h := jsonLD(e); d != "" || h != "" {
				return d, h
			}
		}
	case map[string]any:
		date, _ = v["datePublished"].(string)
		headline, _ = v["headline"].(string)
		if date != "" || headline != "" {
			return date, headline
		}
		if g, ok := v["@graph"]; ok {
			return jsonLD(g)
		}
	}
	return "", ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// paragraphs makes every line of rendered text its own paragraph,
// separated by a blank line, so sentence splitting never joins two
// blocks; spaces inside a line are collapsed.
func paragraphs(text string) string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if line = oneLine(line); line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n\n")
}

var fragmentTagRe = regexp.MustCompile(`(?i)</?(p|div|br|h[1-6]|article|section|blockquote|ul|ol|li|span|a|em|strong|b|i|table|tr|td)(\s[^<>]*)?/?>`)

// looksLikeHTML tells whether the text of a JSON record is HTML markup.
func looksLikeHTML(s string) bool {
	return fragmentTagRe.MatchString(s)
}

// htmlFragmentText renders an HTML fragment (no page around it, so no
// readability) as paragraphs of plain text.
func htmlFragmentText(s string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return normalizeText(s)
	}
	return paragraphs(render.InnerText(doc))
}

var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?([\w.:-]+)`)

// htmlToUTF8 converts a page that is not UTF-8 but declares its charset
// (windows-1252, ISO-8859-x, Shift_JIS, ...) to UTF-8. A page that is not
// valid UTF-8 and declares nothing is returned as it is, to be reported.
func htmlToUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	head := data[:min(len(data), 4096)]
	m := metaCharsetRe.FindSubmatch(head)
	if m == nil {
		return data
	}
	enc, name := charset.Lookup(string(m[1]))
	if enc == nil || name == "utf-8" {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

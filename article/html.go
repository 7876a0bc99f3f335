package article

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"fmt"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// HTMLTimeLimit bounds the reading of one web page. The extractor cannot
// be interrupted, so a page over the limit is skipped with a warning and
// its reading finishes in the background, its result dropped.
var HTMLTimeLimit = 20 * time.Second

// parseHTML reads a web page within HTMLTimeLimit.
func parseHTML(data []byte) (Article, error) {
	type result struct {
		a   Article
		err error
	}
	done := make(chan result, 1)
	go func() { a, err := extractHTML(data); done <- result{a, err} }()
	timer := time.NewTimer(HTMLTimeLimit)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.a, r.err
	case <-timer.C:
		return Article{}, fmt.Errorf("reading the page took longer than the %s limit per page; skipped", HTMLTimeLimit)
	}
}

// shortPage is trafilatura's MinExtractedSize, in characters.
const shortPage = 250

// extractHTML takes a web page's main text from trafilatura (with its
// readability and DOM distiller fallbacks, which won on trafilatura's
// benchmark: see cmd/htmlbench), its date from htmldate (run by
// trafilatura) unless the publication metadata names the publisher's own
// day, and its title and URL from the page metadata.
func extractHTML(data []byte) (Article, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// html.Parse refuses pages nesting more than 512 elements (a guard
		// against stack exhaustion): say so, not "no text".
		return Article{}, fmt.Errorf("HTML not parsed: %w", err)
	}
	meta := readMeta(doc)
	var pageURL *url.URL
	if u, err := url.Parse(meta.url); err == nil && u.IsAbs() {
		pageURL = u
	}
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true, OriginalURL: pageURL}
	if len(meta.published) > 0 && localDay(meta.firstRaw) {
		// htmldate's page-wide search is the slowest step; a plain date or a
		// local timestamp in the metadata is as good and saves it.
		if t, err := time.Parse(time.DateOnly, meta.published[0]); err == nil {
			opts.HtmlDateOverride = &htmldate.Result{DateTime: t, HasTime: true} // HasTime marks it set
		}
	}
	var text, tfTitle, tfDate string
	var authors string
	if res, err := trafilatura.ExtractDocument(doc, opts); err == nil && res != nil {
		if res.ContentNode != nil {
			text = render.InnerText(res.ContentNode) // keeps the blocks apart, unlike res.ContentText
		}
		tfTitle = oneLine(res.Metadata.Title)
		authors = oneLine(res.Metadata.Author) // trafilatura joins several with "; "
		if !res.Metadata.Date.IsZero() {
			tfDate = res.Metadata.Date.Format(time.DateOnly)
		}
	}
	if utf8.RuneCountInString(strings.TrimSpace(text)) < shortPage {
		// Under this trafilatura falls back to a raw dump of the page (title
		// glued to the text); readability, then the page's text, do better.
		text = ""
		parser := readability.NewParser()
		if page, err := parser.ParseDocument(doc, pageURL); err == nil && page.Node != nil {
			text = render.InnerText(page.Node)
		}
		if strings.TrimSpace(text) == "" {
			text = render.InnerText(doc)
		}
	}
	body, trailer := splitTrailingChrome(cutRelatedSection(dropRelatedLinks(paragraphs(text))))

	title := firstNonEmpty(meta.ogTitle, meta.ldHeadline, tfTitle, meta.title)
	published := firstNonEmpty(tfDate, firstNonEmpty(meta.published...), firstNonEmpty(meta.timeTags...))
	if published == "" {
		published = labelledDate(body, trailer)
	}
	return Article{
		Title:     firstNonEmpty(title, titleFrom(body)),
		URL:       meta.url,
		Published: published,
		Authors:   authors,
		Text:      body,
	}, nil
}

// relatedLinkRe matches the label of a link to another story set inside an
// article ("Read more: ...", "Lea también: ...", "Lesen Sie auch: ..."):
// the headline after it is another article's, and its names must not be
// read as this one's.
var relatedLinkRe = regexp.MustCompile(`(?i)^(read (more|also|next)|see also|also read|related( articles?| stories| content)?|more on this( topic)?|recommended|lea (también|más|además)|lea|leia (também|mais)|le puede interesar|te puede interesar|también te puede interesar|puede interesarle|ver también|lesen sie (auch|mehr)|auch interessant|mehr zum thema|das könnte sie auch interessieren|weiterlesen|à lire aussi|lire aussi|czytaj (też|także|więcej)|zobacz (też|także)|polecamy)\s*[:|>»-]`)

// dropRelatedLinks removes the short paragraphs that relatedLinkRe
// matches from text made by paragraphs.
func dropRelatedLinks(text string) string {
	paras := strings.Split(text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if len(p) < 300 && relatedLinkRe.MatchString(p) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "\n\n")
}

// relatedSectionRe matches a heading alone in its paragraph that opens a
// list of other stories ("Related articles", "Mehr zum Thema", "Lo más
// leído", "Czytaj także"): what follows is other articles' headlines and
// teasers, which trafilatura often keeps at the end of the text.
var relatedSectionRe = regexp.MustCompile(`(?i)^(` +
	`related( (articles?|stories|posts|content|news|reading))?|more (stories|news|articles)( from .*)?|more from .{1,40}|recommended( for you| stories| articles)?|` +
	`read (more|next|also)|you (may|might) (also )?(like|enjoy)|most (read|popular)|latest( (news|stories|articles|posts))?|trending( now)?|also read|popular (posts|stories|articles)|` +
	`mehr zum thema|weitere (themen|artikel|beiträge|nachrichten|meldungen|news)|empfohlene (beiträge|artikel)|neueste (artikel|beiträge|nachrichten)|schon gelesen|zum weiterlesen|` +
	`das könnte (sie|dich) auch interessieren|auch interessant|ähnliche (artikel|beiträge)|verwandte (artikel|beiträge|themen)|meistgelesene?( (artikel|beiträge))?|beliebte (beiträge|artikel)|lesen sie auch|` +
	`contenido relacionado|noticias relacionadas|art[ií]culos relacionados|relacionad[oa]s|(también )?te puede interesar|lo más leído|más noticias|últimas noticias|` +
	`à lire aussi|lire aussi|articles (similaires|liés)|sur le même sujet|` +
	`czytaj (także|też|więcej)|zobacz (także|też)|polecane|najnowsze|podobne artykuły` +
	`)\s*[:?!.]?$`)

// cutRelatedSection cuts text made by paragraphs at the first paragraph
// in its second half that relatedSectionRe matches. On trafilatura's
// benchmark this removed 18 "without" snippets and lost no "with" snippet.
func cutRelatedSection(text string) string {
	pos := 0
	for p := range strings.SplitSeq(text, "\n\n") {
		if 2*pos >= len(text) && len(p) < 80 && relatedSectionRe.MatchString(strings.TrimSpace(p)) {
			return strings.TrimRight(text[:pos], "\n")
		}
		pos += len(p) + 2
	}
	return text
}

// pageMeta is what the page says about itself. published holds ISO dates
// from the explicit publication metadata, best first; timeTags those of
// <time datetime> elements.
type pageMeta struct {
	url, ogTitle, ldHeadline, title string
	published, timeTags             []string
	// firstRaw is the first publication metadata as written, to tell a
	// publisher's local day from a UTC timestamp.
	firstRaw string
}

var publishedMetaNames = map[string]bool{
	"article:published_time": true, "datepublished": true, "date": true, "pubdate": true,
	"publish-date": true, "publish_date": true, "publication_date": true, "dc.date": true,
	"dc.date.issued": true, "dcterms.created": true, "dcterms.issued": true, "parsely-pub-date": true,
	"sailthru.date": true, "og:article:published_time": true,
}

func (m *pageMeta) addPublished(iso, raw string) {
	if len(m.published) == 0 {
		m.firstRaw = strings.TrimSpace(raw)
	}
	m.published = append(m.published, iso)
}

// localDay tells whether a metadata date names the publisher's own day: a
// plain date, or a time with a non-zero UTC offset. A UTC or zone-less
// timestamp ("2022-05-04T00:44:52Z" for an evening story in Brazil) may be
// a day off, and htmldate, which weighs the page's other dates, does better
// on those.
func localDay(raw string) bool {
	if _, err := time.Parse(time.DateOnly, raw); err == nil {
		return true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, raw); err == nil {
			_, off := t.Zone()
			return off != 0
		}
	}
	return false
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
						m.addPublished(iso, content)
					}
				}
			case "title":
				if m.title == "" && n.FirstChild != nil {
					m.title = oneLine(n.FirstChild.Data)
				}
			case "time":
				if iso, ok := NormalizeDate(attr(n, "datetime")); ok {
					if strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate") {
						m.addPublished(iso, attr(n, "datetime"))
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
							m.addPublished(iso, date)
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
// (windows-1252, ISO-8859-x, Shift_JIS, ...) to UTF-8. A page that is UTF-8
// but for a few stray bytes (one in a thousand or fewer: a Latin-1 snippet
// pasted into a UTF-8 template, a string cut mid-character) gets U+FFFD for
// them, as a browser shows it. Anything else is returned as it is, to be
// reported.
func htmlToUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	head := data[:min(len(data), 4096)]
	if m := metaCharsetRe.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(data); err == nil {
				return out
			}
			return data
		}
	}
	if invalidUTF8Bytes(data)*1000 <= len(data) {
		return bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data
}

func invalidUTF8Bytes(data []byte) int {
	n := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	return n
}

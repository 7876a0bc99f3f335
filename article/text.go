package article

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Plain-text articles are usually pages copied or scraped from the web: the
// first line is the headline, a byline with the date follows, and the page
// ends with subscribe prompts, share buttons and copyright lines. This file
// turns such text into an Article.

const (
	bylineLines   = 5   // non-empty lines at the top searched for the date
	bylineMaxLen  = 120 // longer lines are prose: a date there is an event, not the byline
	maxTitleRunes = 200
)

// parseText builds an Article from the text of a plain-text file. text must
// already be checked as valid, non-binary UTF-8.
func parseText(text string) Article {
	text = normalizeText(text)
	body, trailer := splitTrailingChrome(text)
	return Article{
		Title:     titleFrom(body),
		Published: publishedFrom(body, trailer),
		Text:      body,
	}
}

// normalizeText strips a byte-order mark, converts CRLF and CR line endings
// to LF, removes trailing spaces on each line and surrounding blank lines.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00A0")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// titleFrom returns the first non-empty line. A first line that is a whole
// paragraph (an excerpt without a headline) is cut to its first sentence,
// or to a word boundary, so that titles stay titles.
func titleFrom(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if h := markdownHeadingRe.ReplaceAllString(line, ""); h != "" {
			line = h
		}
		return shortTitle(withoutDateStamp(line))
	}
	return ""
}

var markdownHeadingRe = regexp.MustCompile(`^#{1,6}\s+`)

var stampSeparators = " \t:|-–—·,"

// withoutDateStamp removes a date stamp that opens a line ("date
// 2026-02-26 Iran and ...", "June 4, 2025 | Talks resume"): it is the
// byline, not part of the headline.
func withoutDateStamp(line string) string {
	d, ok := findDate(prefix(line, labelScan)) // a stamp opens the line

	if !ok {
		return line
	}
	prefix := strings.TrimSpace(line[:d.start])
	if prefix != "" && !onlyDateLabelRe.MatchString(prefix) {
		return line
	}
	if rest := strings.TrimLeft(line[d.end:], stampSeparators); rest != "" {
		return rest
	}
	return line
}

func shortTitle(line string) string {
	if utf8.RuneCountInString(line) <= maxTitleRunes {
		return line
	}
	if i := strings.Index(line, ". "); i > 0 && utf8.RuneCountInString(line[:i]) < maxTitleRunes {
		return line[:i+1]
	}
	cut := line
	for utf8.RuneCountInString(cut) > maxTitleRunes-1 {
		i := strings.LastIndexByte(cut, ' ')
		if i <= 0 {
			r := []rune(cut)
			cut = string(r[:maxTitleRunes-1])
			break
		}
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// dateLabelRe matches the words that label a date as the publication date,
// when they end the text before it: "Published – June 23, 2025", "date
// 2026-02-26", "Posted on 4 June 2025".
var (
	dateLabelRe     = regexp.MustCompile(`(?i)\b` + dateLabel + `\s*$`)
	onlyDateLabelRe = regexp.MustCompile(`(?i)^` + dateLabel + `\s*$`)
)

const dateLabel = `(published|posted|updated|released|date|dated)(\s+on)?\s*[:|\-–—·,]*`

// publishedFrom finds the publication date: a labelled date near the top,
// then a bare date in a short byline line near the top, then a labelled
// date stamp in the dropped page trailer or the last lines.
func publishedFrom(body, trailer string) string {
	top := firstNonEmptyLines(body, bylineLines)
	if d := labelledIn(top); d != "" {
		return d
	}
	for _, l := range top {
		if utf8.RuneCountInString(l) > bylineMaxLen {
			continue
		}
		if d, ok := findDate(l); ok {
			return d.iso
		}
	}
	return labelledIn(bottomLines(body, trailer))
}

// labelledDate finds only a date labelled as the publication date
// ("Published: ..."), at the top or the end of the text.
func labelledDate(body, trailer string) string {
	return firstNonEmpty(labelledIn(firstNonEmptyLines(body, bylineLines)), labelledIn(bottomLines(body, trailer)))
}

// labelScan is how far into a line a labelled date is looked for: a
// label and its date open a line, and scanning a hostile 5 MB line with
// the date patterns took seconds.
const labelScan = 512

func labelledIn(lines []string) string {
	for _, l := range lines {
		l = prefix(l, labelScan)
		if d, ok := findDate(l); ok && dateLabelRe.MatchString(l[:d.start]) {
			return d.iso
		}
	}
	return ""
}

func bottomLines(body, trailer string) []string {
	return append(strings.Split(trailer, "\n"), lastNonEmptyLines(body, 2)...)
}

func firstNonEmptyLines(text string, n int) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

func lastNonEmptyLines(text string, n int) []string {
	lines := strings.Split(text, "\n")
	var out []string
	for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Page chrome. A line is strong chrome when it is a prompt, a share or
// comment widget, a copyright notice, a bare link or a date stamp; it is
// weak chrome when it is short and is not a sentence (a site name, a
// "Facebook" button, a related headline). splitTrailingChrome drops the
// trailing run of such lines from its topmost strong line on, so weak
// lines are dropped only below a strong one and a short real last line
// survives.
var (
	chromePhraseRe = regexp.MustCompile(`(?i)^(` + strings.Join([]string{
		`discover more\b`, `subscribe\b`, `sign (up|in)\b`, `log ?in\b`, `register (now|here|for free|to)\b`,
		`continue reading`, `keep reading`, `read (more|also|next)\b`, `read the full (story|article)`,
		`leave a (reply|comment)`, `post a comment`, `add (a )?comment`, `\d+ comments?$`, `comments?( \(\d+\))?:?$`,
		`join the (conversation|discussion)`,
		`social( media)? links`, `share( this| on| via| the article| the story)\b`, `share:?$`, `follow us\b`,
		`related( articles| posts| stories| news| topics| content| coverage)?:?$`,
		`related (articles|posts|stories|news|content|coverage)\b`, `more (from|stories)\b`, `you (may|might) also like`,
		`recommended( for you| stories| articles)?:?$`, `trending( now)?:?$`, `most (read|popular)\b`,
		`popular posts\b`, `latest news:?$`, `top stories:?$`,
		`tags?:`, `topics?:`, `filed under\b`, `posted in\b`, `categor(y|ies):`,
		`©`, `\(c\) ?\d{4}`, `copyright\b`, `all rights reserved`, `privacy policy`, `terms of (use|service)`,
		`cookie (policy|settings|preferences)`, `we use cookies`,
		`advertisement:?$`, `sponsored( content)?:?$`, `newsletter:?$`, `(sign up for|get) (the|our) .{0,40}newsletter`,
		`click here\b`, `like this:?$`, `like loading`, `loading\.\.\.$`, `(previous|next) (post|article|story)\b`,
		`back to top$`, `skip to (main )?content`, `powered by\b`, `photo credit\b`,
	}, "|") + `)`)
	socialOnlyRe = regexp.MustCompile(`(?i)^((facebook|twitter|x|instagram|linkedin|youtube|telegram|whatsapp|reddit|pinterest|tiktok|threads|bluesky|mastodon|email|e-mail|print|copy link|rss)[\s,|·•/]*)+$`)
	bareURLRe    = regexp.MustCompile(`(?i)^(https?://|www\.)\S+$`)
	allRightsRe  = regexp.MustCompile(`(?i)all rights reserved|©`)
)

const (
	chromeMaxLen = 200 // longer lines are always text
	weakMaxLen   = 100
)

func isStrongChrome(line string) bool {
	if utf8.RuneCountInString(line) > chromeMaxLen {
		return false
	}
	if chromePhraseRe.MatchString(line) || socialOnlyRe.MatchString(line) ||
		bareURLRe.MatchString(line) || allRightsRe.MatchString(line) {
		return true
	}
	// A stand-alone date stamp such as "Published – June 23, 2025 07:59 am IST".
	if d, ok := findDate(line); ok && utf8.RuneCountInString(line) <= 60 &&
		(d.start == 0 || dateLabelRe.MatchString(line[:d.start])) && !endsSentence(line) {
		return true
	}
	return false
}

func isWeakChrome(line string) bool {
	return utf8.RuneCountInString(line) <= weakMaxLen && !endsSentence(line)
}

// endsSentence reports whether line ends like prose: with a full stop,
// question or exclamation mark, possibly inside quotes or brackets.
func endsSentence(line string) bool {
	line = strings.TrimRight(line, ` "'”’»)]`)
	return strings.HasSuffix(line, ".") || strings.HasSuffix(line, "?") ||
		strings.HasSuffix(line, "!") || strings.HasSuffix(line, "…")
}

// splitTrailingChrome returns text without its trailing chrome block, and
// that block (for a date stamp it may hold).
func splitTrailingChrome(text string) (body, trailer string) {
	lines := strings.Split(text, "\n")
	cut := len(lines) // index of the first removed line
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		switch {
		case l == "":
			continue
		case isStrongChrome(l):
			cut = i
			continue
		case isWeakChrome(l):
			continue
		}
		break
	}
	if cut == len(lines) {
		return text, ""
	}
	body = strings.TrimRight(strings.Join(lines[:cut], "\n"), "\n \t")
	if strings.TrimSpace(body) == "" {
		return text, "" // all of it looks like chrome: better keep it than lose the input
	}
	return body, strings.Join(lines[cut:], "\n")
}

// prefix cuts s to at most n bytes, on a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

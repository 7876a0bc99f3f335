package article

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date patterns found in bylines and metadata. None is anchored by a word
// boundary at its start, so a date glued to a name ("Alhurra02-06-2026") is
// still found; a leading non-digit group stands in for the missing
// look-behind.
var (
	isoDateRe     = regexp.MustCompile(`(?:^|[^\d])((\d{4})-(\d{1,2})-(\d{1,2}))(?:[^\d]|$)`)
	numericDateRe = regexp.MustCompile(`(?:^|[^\d])((\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))(?:[^\d]|$)`)
	monthDayRe    = regexp.MustCompile(`(?i)\b((` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b`)
	dayMonthRe    = regexp.MustCompile(`(?i)\b((\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthNames + `)\.?,?\s+(\d{4}))\b`)
)

const monthNames = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

// dateMatch is a date found in a line: its ISO form and where it starts.
type dateMatch struct {
	iso        string
	start, end int // byte offsets of the date in the line
}

// findDate returns the earliest valid date in s. Numeric dates such as
// 02-06-2026 are read US-style (month first) unless the first number is
// over 12.
func findDate(s string) (dateMatch, bool) {
	best := dateMatch{start: -1}
	consider := func(start, end int, iso string, ok bool) {
		if ok && (best.start < 0 || start < best.start) {
			best = dateMatch{iso: iso, start: start, end: end}
		}
	}
	for _, m := range isoDateRe.FindAllStringSubmatchIndex(s, -1) {
		iso, ok := isoDate(atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]]))
		consider(m[2], m[3], iso, ok)
	}
	for _, m := range numericDateRe.FindAllStringSubmatchIndex(s, -1) {
		a, b, y := atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		month, day := a, b
		if a > 12 {
			month, day = b, a
		}
		iso, ok := isoDate(y, month, day)
		consider(m[2], m[3], iso, ok)
	}
	for _, m := range monthDayRe.FindAllStringSubmatchIndex(s, -1) {
		iso, ok := isoDate(atoi(s[m[8]:m[9]]), monthNumber(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
		consider(m[2], m[3], iso, ok)
	}
	for _, m := range dayMonthRe.FindAllStringSubmatchIndex(s, -1) {
		iso, ok := isoDate(atoi(s[m[8]:m[9]]), monthNumber(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]))
		consider(m[2], m[3], iso, ok)
	}
	return best, best.start >= 0
}

// isoDate formats a calendar date as YYYY-MM-DD, rejecting impossible dates
// (month 13, 31 June) and years outside news archives.
func isoDate(year, month, day int) (string, bool) {
	if year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 {
		return "", false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func monthNumber(name string) int {
	name = strings.ToLower(name)
	for i, prefix := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(name, prefix) {
			return i + 1
		}
	}
	return 0
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// timeLayouts are the machine formats seen in metadata and JSON records.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"20060102",
}

// NormalizeDate turns a publication date in a common machine or human
// format into YYYY-MM-DD. The date is the one written (the publisher's
// local day), not converted to UTC. ok is false when s holds no date.
func NormalizeDate(s string) (iso string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return isoDate(t.Year(), int(t.Month()), t.Day())
		}
	}
	// A date field is short: the date patterns run over its start only,
	// so that a hostile 10 MB field costs no more than a short one.
	if d, found := findDate(prefix(s, labelScan)); found {
		return d.iso, true
	}
	return "", false
}

// unixDate reads a number as a Unix time in seconds, or milliseconds when
// it is too large to be seconds.
func unixDate(n float64) (string, bool) {
	if n <= 0 {
		return "", false
	}
	var t time.Time
	if n > 1e11 {
		t = time.UnixMilli(int64(n)).UTC()
	} else {
		t = time.Unix(int64(n), 0).UTC()
	}
	return isoDate(t.Year(), int(t.Month()), t.Day())
}

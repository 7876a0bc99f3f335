// Package norm normalises names for matching, as SCHEMA.md's scorer does:
// case, punctuation, diacritics and a leading "the" do not count.
package norm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the matching key of a name: lower case, diacritics removed,
// punctuation turned into spaces (apostrophes and periods dropped, so that
// "U.S." is "us" and "Busaidi's" is "busaidis"), spaces folded, and a
// leading "the" removed.
func Key(s string) string {
	if k, ok := asciiKey(s); ok {
		return k
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r): // combining mark: a diacritic
			continue
		case r == '.' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(foldLetter(r)))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	k := strings.TrimRight(b.String(), " ")
	k = strings.TrimPrefix(k, "the ")
	return k
}

// asciiKey is Key's fast path for a single ASCII word, the common case
// when keys are made token by token: it allocates only when the word
// changes.
func asciiKey(s string) (string, bool) {
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			lower = false
		default:
			return "", false
		}
	}
	if lower {
		return s, true
	}
	return strings.ToLower(s), true
}

// foldLetter maps letters that NFD does not decompose to their ASCII base.
func foldLetter(r rune) rune {
	switch r {
	case 'ı':
		return 'i'
	case 'ø', 'Ø':
		return 'o'
	case 'ł', 'Ł':
		return 'l'
	case 'đ', 'Đ':
		return 'd'
	case 'ß':
		return 's'
	}
	return r
}

package syntax

import (
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template id and the hashed values it
// combines; no strings are built.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// feat1..feat3 hash a template with one to three values; the result is never
// 0, which marks an empty slot.
func feat1(t, a uint64) uint64 { return mix(t*0x9E3779B97F4A7C15^a) | 1 }
func feat2(t, a, b uint64) uint64 {
	return mix(mix(t*0x9E3779B97F4A7C15^a)^b*0xC2B2AE3D27D4EB4F) | 1
}
func feat3(t, a, b, c uint64) uint64 {
	return mix(mix(mix(t*0x9E3779B97F4A7C15^a)^b*0xC2B2AE3D27D4EB4F)^c*0x165667B19E3779F9) | 1
}

// lower folds s to lower case and curly quotes to straight ones, for
// lexical features.
func lower(s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii && !upper {
		return s
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', '`':
			r = '\''
		case '“', '”':
			r = '"'
		}
		b = append(b, unicode.ToLower(r))
	}
	return string(b)
}

// shape maps a word to its character classes with runs collapsed:
// "Khorramshahr-4" -> "Xx-d", "U.S." -> "X.X.", "1,200" -> "d,d".
func shape(s string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n < len(b) {
			b[n] = c
			n++
		}
	}
	return string(b[:n])
}

// affixes returns the hashes of the first and last k runes of s for
// k = 1..len(pre) and 1..len(suf); missing ones hash the whole word.
func affixes(s string, pre, suf []uint64) {
	// rune boundaries
	var idx [64]int
	n := 0
	for i := range s {
		if n < len(idx) {
			idx[n] = i
		}
		n++
	}
	for k := range pre {
		end := len(s)
		if k+1 < n && k+1 < len(idx) {
			end = idx[k+1]
		}
		pre[k] = hashString(s[:end])
	}
	for k := range suf {
		start := 0
		if n > k+1 && n <= len(idx) {
			start = idx[n-k-1]
		} else if n > len(idx) {
			// long word: walk back from the end
			start = len(s)
			for j := 0; j <= k && start > 0; j++ {
				_, size := utf8.DecodeLastRuneInString(s[:start])
				start -= size
			}
		}
		suf[k] = hashString(s[start:])
	}
}

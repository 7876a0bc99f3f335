package tagger

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are hashed: each one is a 64-bit hash of a template id and the
// hashes of the token properties it combines, and its top bits pick a row of
// the weight table. Every token property is hashed once per token (FNV-1a
// over its bytes, without building a string), so a feature costs a couple
// of multiplications and no allocation.

// featureVersion changes whenever the features change, so that a model file
// trained with other features is refused instead of silently misused.
const featureVersion = 3

// Token flags.
const (
	flagTitle    = 1 << iota // starts with an upper-case letter
	flagAllCaps              // has letters, all upper case
	flagLower                // has letters, all lower case
	flagDigit                // has a digit
	flagHyphen               // has a hyphen
	flagPeriod               // has a period ("U.S.", "Mr.")
	flagFirst                // no word or number before it in the sentence
	flagNoLetter             // punctuation or number
)

// Sentence casing modes: headlines in Title Case, shouted or lower-cased
// text make the shape of a word say little, and the model learns that
// (it is trained on some sentences re-cased that way).
const (
	modeNormal = iota
	modeTitle
	modeUpper
	modeLower
)

// token holds the hashed properties of one token.
type token struct {
	word    uint64    // lower-cased word, curly quotes folded to straight
	cased   uint64    // word as written
	shape   uint64    // character classes, runs collapsed: Xx, X.X., X-d, d
	pre     [2]uint64 // lower-cased prefixes of 2 and 3 runes
	suf     [4]uint64 // lower-cased suffixes of 1..4 runes
	flags   uint8
	letters uint8 // number of letters, at most 255
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Feature templates: each id salts the hash of the properties it combines.
const (
	tBias = iota + 1
	tWord
	tWordPrev
	tWordNext
	tWordPrev2
	tWordPrevWord
	tWordWordNext
	tCased
	tShape
	tShapePrev
	tShapeNext
	tShapePrevShape
	tShapeShapeNext
	tPre2
	tPre3
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tFlags
	tFlagsWord
	tWordPrevShape
	tShapeWordNext
	tModeShape
	tModeFlags
	tHint
	tHintShape
	tHintPrev
	tHintNext
)

// Boundary tokens stand before the first and after the last word.
var (
	tokBOS = boundary(1)
	tokEOS = boundary(2)
)

func boundary(k uint64) token {
	h := mix(k * 0x51_7cc1_b727_220a)
	t := token{word: h, cased: h, shape: h, flags: flagNoLetter}
	for i := range t.pre {
		t.pre[i] = h
	}
	for i := range t.suf {
		t.suf[i] = h
	}
	return t
}

// mix is the splitmix64 finaliser: a cheap, well-spread 64-bit hash.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func feat1(t, a uint64) uint64 { return mix(a ^ t*0x9E3779B97F4A7C15) }

// feat2 rotates b so that feat2(t, a, b) and feat2(t, b, a) differ.
func feat2(t, a, b uint64) uint64 {
	return mix(a ^ bits.RotateLeft64(b, 29) ^ t*0x9E3779B97F4A7C15)
}

// foldQuote maps typographic quotes to the straight ones of the training data.
func foldQuote(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ', '′':
		return '\''
	case '“', '”', '„', '«', '»', '″':
		return '"'
	}
	return r
}

// analyze hashes the properties of word w. buf is scratch space for the
// lower-cased word; analyze returns it for reuse.
func analyze(w string, buf []byte) (token, []byte) {
	var t token
	buf = buf[:0]
	hw, hc, hs := uint64(fnvOffset), uint64(fnvOffset), uint64(fnvOffset)
	var last byte
	runes, upper, lower := 0, 0, 0
	for i := 0; i < len(w); {
		c := w[i]
		var class byte
		if c < utf8.RuneSelf {
			i++
			hc = (hc ^ uint64(c)) * fnvPrime
			switch {
			case 'A' <= c && c <= 'Z':
				class, c = 'X', c+'a'-'A'
				upper++
			case 'a' <= c && c <= 'z':
				class = 'x'
				lower++
			case '0' <= c && c <= '9':
				class = 'd'
				t.flags |= flagDigit
			default:
				class = c
				if c == '-' {
					t.flags |= flagHyphen
				} else if c == '.' {
					t.flags |= flagPeriod
				}
			}
			buf = append(buf, c)
			hw = (hw ^ uint64(c)) * fnvPrime
		} else {
			r, size := utf8.DecodeRuneInString(w[i:])
			i += size
			r = foldQuote(r)
			lr := r
			switch {
			case unicode.IsUpper(r):
				class, lr = 'X', unicode.ToLower(r)
				upper++
			case unicode.IsLetter(r):
				class = 'x'
				lower++
			case unicode.IsDigit(r):
				class = 'd'
				t.flags |= flagDigit
			case r < utf8.RuneSelf: // a folded quote
				class = byte(r)
			default:
				class = 'o'
			}
			n := len(buf)
			buf = utf8.AppendRune(buf, r)
			for _, b := range buf[n:] {
				hc = (hc ^ uint64(b)) * fnvPrime
			}
			buf = utf8.AppendRune(buf[:n], lr)
			for _, b := range buf[n:] {
				hw = (hw ^ uint64(b)) * fnvPrime
			}
		}
		if runes == 0 && class == 'X' {
			t.flags |= flagTitle
		}
		if class != last {
			hs = (hs ^ uint64(class)) * fnvPrime
			last = class
		}
		runes++
		if 2 <= runes && runes < 2+len(t.pre) {
			t.pre[runes-2] = hw
		}
	}
	for k := max(runes-1, 0); k < len(t.pre); k++ {
		t.pre[k] = hw // shorter words are their own prefix
	}
	// Suffixes of 1..4 runes of the lower-cased word.
	end := len(buf)
	start := end
	for k := range t.suf {
		if start > 0 {
			start--
			for start > 0 && !utf8.RuneStart(buf[start]) {
				start--
			}
		}
		h := uint64(fnvOffset)
		for _, b := range buf[start:end] {
			h = (h ^ uint64(b)) * fnvPrime
		}
		t.suf[k] = h
	}
	switch {
	case upper+lower == 0:
		t.flags |= flagNoLetter
	case lower == 0:
		t.flags |= flagAllCaps
	case upper == 0:
		t.flags |= flagLower
	}
	t.word, t.cased, t.shape = hw, hc, hs
	t.letters = uint8(min(upper+lower, 255))
	return t, buf
}

// sentenceMode tells headlines, shouting and lower-cased text from prose.
// A sentence is in Title Case when every word after the first, except
// function words, is capitalised, and there are at least two such words.
func sentenceMode(toks []token) int {
	title, caps, anyUpper, words := 0, 0, false, 0
	for i := range toks {
		t := &toks[i]
		if t.letters == 0 {
			continue
		}
		if t.flags&flagLower == 0 {
			anyUpper = true
		}
		if t.letters < 2 {
			continue
		}
		words++
		if t.flags&flagAllCaps != 0 {
			caps++
		}
		if t.flags&flagFirst != 0 || title < 0 {
			continue
		}
		switch {
		case t.flags&flagTitle != 0:
			title++
		case !functionWordHashes[t.word]:
			title = -1 // a lower-case content word: not a headline
		}
	}
	switch {
	case words >= 2 && caps == words:
		return modeUpper
	case words >= 2 && !anyUpper:
		return modeLower
	case title >= 2:
		return modeTitle
	}
	return modeNormal
}

// functionWords stay lower case in a Title Case headline.
var functionWords = map[string]bool{}

// functionWordHashes holds the word hashes of functionWords.
var functionWordHashes = map[uint64]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for by
		with from as into over per via vs. 's '`) {
		functionWords[w] = true
		t, _ := analyze(w, nil)
		functionWordHashes[t.word] = true
	}
}

// featurizer turns a sentence into the weight-table rows of its features.
// It keeps its buffers between sentences; it is not safe for concurrent use.
type featurizer struct {
	shift uint     // 64 - log2(rows)
	toks  []token  // the sentence, after two start tokens and before an end token
	rows  []uint32 // feature rows of all tokens, token after token
	offs  []int32  // token i's rows are rows[offs[i]:offs[i+1]]
	buf   []byte
}

// extract computes the feature rows of words; hints may be nil, or give a
// label per word (O for no hint).
func (f *featurizer) extract(words []string, hints []Label) {
	n := len(words)
	f.toks = f.toks[:0]
	f.toks = append(f.toks, tokBOS, tokBOS)
	seenWord := false
	for _, w := range words {
		var t token
		t, f.buf = analyze(w, f.buf)
		if !seenWord {
			t.flags |= flagFirst
			seenWord = t.flags&flagNoLetter == 0 || t.flags&flagDigit != 0
		}
		f.toks = append(f.toks, t)
	}
	f.toks = append(f.toks, tokEOS)
	mode := uint64(sentenceMode(f.toks[2 : 2+n]))

	f.rows = f.rows[:0]
	f.offs = append(f.offs[:0], 0)
	for i := range n {
		p2, p1, t, n1 := &f.toks[i], &f.toks[i+1], &f.toks[i+2], &f.toks[i+3]
		fl := uint64(t.flags)
		f.add(feat1(tBias, 0))
		f.add(feat1(tWord, t.word))
		f.add(feat1(tWordPrev, p1.word))
		f.add(feat1(tWordNext, n1.word))
		f.add(feat1(tWordPrev2, p2.word))
		f.add(feat2(tWordPrevWord, p1.word, t.word))
		f.add(feat2(tWordWordNext, t.word, n1.word))
		f.add(feat1(tCased, t.cased))
		f.add(feat1(tShape, t.shape))
		f.add(feat1(tShapePrev, p1.shape))
		f.add(feat1(tShapeNext, n1.shape))
		f.add(feat2(tShapePrevShape, p1.shape, t.shape))
		f.add(feat2(tShapeShapeNext, t.shape, n1.shape))
		f.add(feat1(tPre2, t.pre[0]))
		f.add(feat1(tPre3, t.pre[1]))
		f.add(feat1(tSuf1, t.suf[0]))
		f.add(feat1(tSuf2, t.suf[1]))
		f.add(feat1(tSuf3, t.suf[2]))
		f.add(feat1(tSuf4, t.suf[3]))
		f.add(feat1(tFlags, fl))
		f.add(feat2(tFlagsWord, fl, t.word))
		f.add(feat2(tWordPrevShape, p1.word, t.shape))
		f.add(feat2(tShapeWordNext, t.shape, n1.word))
		if mode != modeNormal {
			f.add(feat2(tModeShape, mode, t.shape))
			f.add(feat2(tModeFlags, mode, fl))
		}
		if hints != nil {
			if h := hints[i]; h != O {
				f.add(feat1(tHint, uint64(h)))
				f.add(feat2(tHintShape, uint64(h), t.shape))
			}
			if i > 0 && hints[i-1] != O {
				f.add(feat1(tHintPrev, uint64(hints[i-1])))
			}
			if i+1 < n && hints[i+1] != O {
				f.add(feat1(tHintNext, uint64(hints[i+1])))
			}
		}
		f.offs = append(f.offs, int32(len(f.rows)))
	}
}

func (f *featurizer) add(h uint64) { f.rows = append(f.rows, uint32(h>>f.shift)) }

package syntax

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Tag is one part-of-speech class: a universal tag and a Penn Treebank tag
// predicted together (the Penn tag keeps distinctions the parser needs,
// such as VBN against VBD).
type Tag struct{ UPOS, XPOS string }

// tagger is the part-of-speech tagger.
type tagger struct {
	tags []Tag
	dict map[string]int32 // frequent unambiguous words (lower case) -> tag
	w    *weights
}

// tagWord holds the hashed properties of one word.
type tagWord struct {
	low, cased, shape uint64
	pre               [3]uint64
	suf               [4]uint64
	flags             uint64
	dict              int32 // tag from the dictionary, or -1
}

const (
	wfTitle = 1 << iota
	wfAllCaps
	wfDigit
	wfHyphen
	wfFirst
	wfPeriod
)

// Tagger feature templates.
const (
	tfBias = iota + 1
	tfW
	tfWm1
	tfWp1
	tfWm2
	tfWp2
	tfSuf1
	tfSuf2
	tfSuf3
	tfSuf4
	tfPre1
	tfPre2
	tfPre3
	tfShape
	tfShapeM1
	tfShapeP1
	tfT1
	tfT12
	tfT1W
	tfWm1W
	tfWWp1
	tfCased
	tfSufM1
	tfSufP1
	tfFlags
	tfT1Wp1
	tfT1Suf
	tfFlagsW
)

var noneHash = hashString("\x00none")

func (tg *tagger) prepare(forms []string, out []tagWord) []tagWord {
	out = slices.Grow(out[:0], len(forms))[:len(forms)]
	for i, f := range forms {
		l := lower(f)
		tw := &out[i]
		tw.low = hashString(l)
		tw.cased = hashString(f)
		tw.shape = hashString(shape(f))
		affixes(l, tw.pre[:], tw.suf[:])
		var fl uint64
		r := firstRune(f)
		if unicode.IsUpper(r) {
			fl |= wfTitle
		}
		if isAllCaps(f) {
			fl |= wfAllCaps
		}
		if strings.ContainsAny(f, "0123456789") {
			fl |= wfDigit
		}
		if strings.Contains(f, "-") {
			fl |= wfHyphen
		}
		if strings.Contains(f, ".") {
			fl |= wfPeriod
		}
		if i == 0 {
			fl |= wfFirst
		}
		tw.flags = fl
		tw.dict = -1
		if tg.dict != nil {
			if t, ok := tg.dict[l]; ok {
				tw.dict = t
			}
		}
	}
	return out
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// features appends the features of word i given the two previous tags.
func tagFeatures(ws []tagWord, i int, p1, p2 uint64, out []uint64) []uint64 {
	w := &ws[i]
	get := func(j int) *tagWord {
		if j < 0 || j >= len(ws) {
			return nil
		}
		return &ws[j]
	}
	low := func(j int) uint64 {
		if t := get(j); t != nil {
			return t.low
		}
		return noneHash + uint64(j-i)
	}
	shp := func(j int) uint64 {
		if t := get(j); t != nil {
			return t.shape
		}
		return noneHash
	}
	suf3 := func(j int) uint64 {
		if t := get(j); t != nil {
			return t.suf[2]
		}
		return noneHash
	}
	out = append(out,
		feat1(tfBias, 0),
		feat1(tfW, w.low),
		feat1(tfWm1, low(i-1)),
		feat1(tfWp1, low(i+1)),
		feat1(tfWm2, low(i-2)),
		feat1(tfWp2, low(i+2)),
		feat1(tfSuf1, w.suf[0]),
		feat1(tfSuf2, w.suf[1]),
		feat1(tfSuf3, w.suf[2]),
		feat1(tfSuf4, w.suf[3]),
		feat1(tfPre1, w.pre[0]),
		feat1(tfPre2, w.pre[1]),
		feat1(tfPre3, w.pre[2]),
		feat1(tfShape, w.shape),
		feat2(tfShapeM1, shp(i-1), w.shape),
		feat2(tfShapeP1, w.shape, shp(i+1)),
		feat1(tfT1, p1),
		feat2(tfT12, p1, p2),
		feat2(tfT1W, p1, w.low),
		feat2(tfWm1W, low(i-1), w.low),
		feat2(tfWWp1, w.low, low(i+1)),
		feat1(tfCased, w.cased),
		feat1(tfSufM1, suf3(i-1)),
		feat1(tfSufP1, suf3(i+1)),
		feat1(tfFlags, w.flags),
		feat2(tfT1Wp1, p1, low(i+1)),
		feat2(tfT1Suf, p1, w.suf[2]),
		feat2(tfFlagsW, w.flags, w.low),
	)
	return out
}

var startTag = [2]uint64{hashString("\x00start1"), hashString("\x00start2")}

func tagHash(t int) uint64 { return mix(uint64(t) + 77) }

// tagInto tags the prepared words, writing tag indexes to tags.
// A tag already in tags (>= 0) is kept: the caller knows it (a name).
func (tg *tagger) tagInto(ws []tagWord, tags []int32, s *scratch) {
	p1, p2 := startTag[0], startTag[1]
	for i := range ws {
		t := ws[i].dict
		if tags[i] >= 0 {
			t = tags[i]
		} else if t < 0 {
			s.feats = tagFeatures(ws, i, p1, p2, s.feats[:0])
			s.spans = tg.w.score(s.feats, s.spans, s.tscore)
			t = int32(argmax(s.tscore))
		}
		tags[i] = t
		p2, p1 = p1, tagHash(int(t))
	}
}

func argmax(s []int32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

func argmaxF(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// tagSet lists the (UPOS, XPOS) pairs of sents, most frequent first.
func tagSet(sents []Sentence) []Tag {
	count := map[Tag]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			count[Tag{w.UPOS, w.XPOS}]++
		}
	}
	tags := make([]Tag, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	slices.SortFunc(tags, func(a, b Tag) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return strings.Compare(a.UPOS+"\t"+a.XPOS, b.UPOS+"\t"+b.XPOS)
	})
	if len(tags) > 250 {
		tags = tags[:250]
	}
	return tags
}

// trainTagger trains a tagger on sents.
func trainTagger(sents []Sentence, tags []Tag, iters int, seed uint64, prune int) *tagger {
	index := map[Tag]int{}
	for i, t := range tags {
		index[t] = i
	}
	tg := &tagger{tags: tags, dict: tagDict(sents, index)}
	tr := newTrainer(len(tags))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x7a66))
	var ws []tagWord
	var feats []uint64
	scores := make([]float32, len(tags))
	forms := []string{}
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := sents[si]
			forms = forms[:0]
			for _, w := range s.Words {
				forms = append(forms, w.Form)
			}
			ws = tg.prepare(forms, ws)
			p1, p2 := startTag[0], startTag[1]
			for i, w := range s.Words {
				gold, ok := index[Tag{w.UPOS, w.XPOS}]
				if !ok {
					gold = 0
				}
				var pred int
				if ws[i].dict >= 0 {
					pred = int(ws[i].dict)
				} else {
					feats = tagFeatures(ws, i, p1, p2, feats[:0])
					tr.score(feats, scores)
					pred = argmaxF(scores)
					tr.update(feats, gold, pred)
					tr.tick()
				}
				p2, p1 = p1, tagHash(pred)
			}
		}
	}
	tg.w = tr.average(prune)
	return tg
}

// tagDict lists the words frequent enough and unambiguous enough in
// training to be tagged without the classifier.
func tagDict(sents []Sentence, index map[Tag]int) map[string]int32 {
	counts := map[string]map[int]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			l := lower(w.Form)
			m := counts[l]
			if m == nil {
				m = map[int]int{}
				counts[l] = m
			}
			m[index[Tag{w.UPOS, w.XPOS}]]++
		}
	}
	dict := map[string]int32{}
	for word, m := range counts {
		total, best, bestN := 0, 0, -1
		for t, n := range m {
			total += n
			if n > bestN || n == bestN && t < best {
				best, bestN = t, n
			}
		}
		if total >= 20 && float64(bestN)/float64(total) >= 0.995 {
			dict[word] = int32(best)
		}
	}
	return dict
}

package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	bits  uint8   // log2 of the number of weight rows
	scale float32 // weight = round(trained weight * scale)

	// packed holds the weights of a feature row as offset 16-bit lanes,
	// four labels to a uint64, so that adding a row to a word's scores is
	// two additions (see setWeight). Label O has no lane: only differences
	// between labels' scores count, so each row's O weight was subtracted
	// from its other weights, leaving O at zero.
	packed []uint64
	trans  [numLabels + 1][numLabels]int32 // previous label (or start) -> label

	decodeTrans [numLabels + 1][numLabels]int32 // trans, impossible BIO steps forbidden
	scratch     sync.Pool                       // *tagScratch
}

// Weights are integers in [-maxWeight, maxWeight], stored plus
// weightOffset in 16-bit lanes: a lane then stays positive, and the sum of
// up to maxFeatures of them stays below 1<<16, so lanes add without
// carrying into each other.
const (
	maxWeight    = 511
	weightOffset = maxWeight + 1
	maxFeatures  = (1 << 16) / (2*maxWeight + 1)
	rowWords     = 2 // uint64 per row: 16 bytes, four rows to a cache line
)

// The eight labels besides O fill the lanes of two words exactly.
const (
	_ = uint(numLabels - 1 - 4*rowWords)
	_ = uint(4*rowWords - numLabels + 1)
)

// setWeight sets the weight of a row for a label other than O.
func (m *Model) setWeight(row int, label Label, w int) {
	w = max(-maxWeight, min(maxWeight, w))
	i, shift := row*rowWords+int(label-1)/4, 16*uint(label-1)%64
	m.packed[i] = m.packed[i]&^(0xffff<<shift) | uint64(w+weightOffset)<<shift
}

// weight returns the weight of a row for a label (0 for O).
func (m *Model) weight(row int, label Label) int {
	if label == O {
		return 0
	}
	i, shift := row*rowWords+int(label-1)/4, 16*uint(label-1)%64
	return int(m.packed[i]>>shift&0xffff) - weightOffset
}

type tagScratch struct {
	f    featurizer
	emit []int32
	back []uint8
}

// forbidden is the score of a transition that breaks BIO (O then I-PER).
// Viterbi renormalises its scores at each word, so this never overflows.
const forbidden = -1 << 28

func newModel(bits uint8) *Model {
	m := &Model{bits: bits, packed: make([]uint64, rowWords<<bits)}
	for i := range m.packed {
		m.packed[i] = weightOffset * 0x0001_0001_0001_0001 // all weights 0
	}
	return m
}

// decodeTable fills dst with the transition weights of trans, forbidding
// the steps BIO does not allow (an I- that continues nothing).
func decodeTable(dst, trans *[numLabels + 1][numLabels]int32) {
	for p := range numLabels + 1 {
		prev := O
		if p < numLabels {
			prev = Label(p)
		}
		for c := range numLabels {
			dst[p][c] = trans[p][c]
			if !follows(prev, Label(c)) {
				dst[p][c] = forbidden
			}
		}
	}
}

// prepare derives the decoding tables once the weights are known.
func (m *Model) prepare() {
	decodeTable(&m.decodeTrans, &m.trans)
	m.scratch.New = func() any { return &tagScratch{f: featurizer{shift: 64 - uint(m.bits)}} }
}

// Tag labels each word of a tokenized sentence. Words follow the Penn
// Treebank conventions of the training data: punctuation and possessive 's
// are tokens of their own, abbreviations ("U.S.", "Mr.") and hyphenated
// words ("Khorramshahr-4") are one token.
//
// hints may be nil. Otherwise it holds one label per word: what a gazetteer
// or rule already believes (B-/I- marking its matches, O where it knows
// nothing). The model weighs a hint against the context; it does not
// simply copy it.
func (m *Model) Tag(words []string, hints []Label) []Label {
	return m.TagInto(make([]Label, len(words)), words, hints)
}

// TagInto is Tag writing into out, grown if needed; it returns the labels.
// With a reused out it does not allocate.
func (m *Model) TagInto(out []Label, words []string, hints []Label) []Label {
	n := len(words)
	if cap(out) < n {
		out = make([]Label, n)
	}
	out = out[:n]
	if n == 0 {
		return out
	}
	if hints != nil && len(hints) != n {
		panic(fmt.Sprintf("tagger: %d hints for %d words", len(hints), n))
	}
	s := m.scratch.Get().(*tagScratch)
	s.f.extract(words, hints)
	s.emit = grow(s.emit, n*numLabels)
	s.back = grow(s.back, n*numLabels)
	for i := range n {
		rows := s.f.rows[s.f.offs[i]:s.f.offs[i+1]]
		var a, b uint64
		for _, r := range rows {
			w := (*[rowWords]uint64)(m.packed[int(r)*rowWords:])
			a += w[0]
			b += w[1]
		}
		off := int32(len(rows)) * weightOffset
		e := (*[numLabels]int32)(s.emit[i*numLabels:])
		*e = [numLabels]int32{0,
			int32(a&0xffff) - off, int32(a>>16&0xffff) - off, int32(a>>32&0xffff) - off, int32(a>>48) - off,
			int32(b&0xffff) - off, int32(b>>16&0xffff) - off, int32(b>>32&0xffff) - off, int32(b>>48) - off,
		}
	}
	viterbi(s.emit, &m.decodeTrans, s.back, out)
	m.scratch.Put(s)
	return out
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// viterbi writes to out the best label sequence under emission scores
// emit (numLabels per word) and transition scores trans; back is scratch of
// the same size as emit.
func viterbi(emit []int32, trans *[numLabels + 1][numLabels]int32, back []uint8, out []Label) {
	n := len(out)
	var delta [numLabels]int32
	for c := range numLabels {
		delta[c] = trans[numLabels][c] + emit[c]
	}
	for i := 1; i < n; i++ {
		var next [numLabels]int32
		e := emit[i*numLabels : (i+1)*numLabels]
		b := back[i*numLabels : (i+1)*numLabels]
		top := int32(math.MinInt32)
		for c := range numLabels {
			best, arg := delta[0]+trans[0][c], 0
			if l := Label(c); l == O || l.Begin() {
				for p := 1; p < numLabels; p++ {
					if s := delta[p] + trans[p][c]; s > best {
						best, arg = s, p
					}
				}
			} else { // I-X continues only B-X or I-X: skip the forbidden steps
				best, arg = delta[c-1]+trans[c-1][c], c-1
				if s := delta[c] + trans[c][c]; s > best {
					best, arg = s, c
				}
			}
			next[c] = best + e[c]
			b[c] = uint8(arg)
			top = max(top, next[c])
		}
		for c := range numLabels {
			delta[c] = max(next[c]-top, forbidden) // keep scores bounded
		}
	}
	arg := 0
	for c := 1; c < numLabels; c++ {
		if delta[c] > delta[arg] {
			arg = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = Label(arg)
		arg = int(back[i*numLabels+arg])
	}
}

// File format: a gzip stream of
//
//	magic "kgtagger", feature version, log2 rows, labels (bytes), scale (float32),
//	transitions ((labels+1) x labels int32), weights (rows x (labels-1) int16:
//	O's weights are zero),
//
// little-endian.
const magic = "kgtagger"

// Save writes the model.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	bw.Write([]byte{featureVersion, m.bits, byte(numLabels)})
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, &m.trans)
	row := make([]byte, 2*(numLabels-1))
	for i := range 1 << m.bits {
		for l := Label(1); l < Label(numLabels); l++ {
			binary.LittleEndian.PutUint16(row[2*(l-1):], uint16(int16(m.weight(i, l))))
		}
		bw.Write(row)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger: reading model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic)+3)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("tagger: reading model: %w", err)
	}
	if string(head[:len(magic)]) != magic {
		return nil, errors.New("tagger: not a tagger model")
	}
	version, bits, labels := head[len(magic)], head[len(magic)+1], head[len(magic)+2]
	if version != featureVersion || int(labels) != numLabels || bits < 8 || bits > 24 {
		return nil, fmt.Errorf("tagger: model has feature version %d, %d labels, %d bits; this code needs version %d, %d labels",
			version, labels, bits, featureVersion, numLabels)
	}
	m := newModel(bits)
	if err := binary.Read(br, binary.LittleEndian, &m.scale); err != nil {
		return nil, fmt.Errorf("tagger: reading model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("tagger: reading model: %w", err)
	}
	row := make([]byte, 2*(numLabels-1))
	for i := range 1 << bits {
		if _, err := io.ReadFull(br, row); err != nil {
			return nil, fmt.Errorf("tagger: reading model: %w", err)
		}
		for l := Label(1); l < Label(numLabels); l++ {
			w := int(int16(binary.LittleEndian.Uint16(row[2*(l-1):])))
			if w < -maxWeight || w > maxWeight {
				return nil, fmt.Errorf("tagger: reading model: weight %d out of range", w)
			}
			m.setWeight(i, l, w)
		}
	}
	m.prepare()
	return m, nil
}

//go:embed model.bin
var embedded []byte

var defaultModel = sync.OnceValue(func() *Model {
	m, err := Load(bytes.NewReader(embedded))
	if err != nil {
		panic("tagger: embedded model: " + err.Error())
	}
	return m
})

// Default returns the model embedded in the binary, trained on the GMB
// sample (see the package documentation). It is loaded on first use.
func Default() *Model { return defaultModel() }

package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The model file: gzip of a magic string, the format version, then the
// tag set, tag dictionary, lemma exceptions, known lemmas, labels and the three weight
// tables, every list in sorted order so that the bytes are deterministic.

const (
	magic         = "kg-syntax"
	formatVersion = 3 // change with any change of features or layout
)

// Save writes the model.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	e := &enc{w: bw}
	e.str(magic)
	e.uvar(formatVersion)
	e.uvar(uint64(len(m.tagger.tags)))
	for _, t := range m.tagger.tags {
		e.str(t.UPOS)
		e.str(t.XPOS)
	}
	words := make([]string, 0, len(m.tagger.dict))
	for k := range m.tagger.dict {
		words = append(words, k)
	}
	slices.Sort(words)
	e.uvar(uint64(len(words)))
	for _, k := range words {
		e.str(k)
		e.uvar(uint64(m.tagger.dict[k]))
	}
	keys := make([]string, 0, len(m.lemma.exceptions))
	for k := range m.lemma.exceptions {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uvar(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m.lemma.exceptions[k])
	}
	known := make([]string, 0, len(m.lemma.known))
	for k := range m.lemma.known {
		known = append(known, k)
	}
	slices.Sort(known)
	e.uvar(uint64(len(known)))
	for _, k := range known {
		e.str(k)
	}
	e.uvar(uint64(len(m.labels)))
	for _, l := range m.labels {
		e.str(l)
	}
	e.weights(m.tagger.w)
	e.weights(m.trans)
	if m.label != nil {
		e.uvar(1)
		e.weights(m.label)
	} else {
		e.uvar(0)
	}
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

type enc struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *enc) uvar(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	if _, err := e.w.Write(e.buf[:n]); err != nil && e.err == nil {
		e.err = err
	}
}

func (e *enc) str(s string) {
	e.uvar(uint64(len(s)))
	e.w.WriteString(s)
}

func (e *enc) weights(w *weights) {
	e.uvar(uint64(w.classes))
	e.uvar(uint64(math.Float32bits(w.scale)))
	type frow struct {
		key uint64
		row []classWeight
	}
	var rows []frow
	w.rows(func(k uint64, row []classWeight) { rows = append(rows, frow{k, slices.Clone(row)}) })
	slices.SortFunc(rows, func(a, b frow) int {
		if a.key < b.key {
			return -1
		}
		return 1
	})
	e.uvar(uint64(len(rows)))
	prev := uint64(0)
	for _, r := range rows {
		e.uvar(r.key - prev) // keys ascend: store the gaps
		prev = r.key
		e.uvar(uint64(len(r.row)))
		for _, cw := range r.row {
			e.uvar(uint64(cw.class))
			v := int64(cw.w)
			e.uvar(uint64(v<<1) ^ uint64(v>>63))
		}
	}
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	d := &dec{r: bufio.NewReader(zr)}
	if d.str() != magic {
		return nil, errors.New("syntax model: not a model file")
	}
	if v := d.uvar(); v != formatVersion {
		return nil, fmt.Errorf("syntax model: format %d, this build reads %d (retrain it)", v, formatVersion)
	}
	tg := &tagger{dict: map[string]int32{}}
	nt := d.count()
	for i := 0; i < nt && d.err == nil; i++ {
		tg.tags = append(tg.tags, Tag{d.str(), d.str()})
	}
	nd := d.count()
	for i := 0; i < nd && d.err == nil; i++ {
		k := d.str()
		tg.dict[k] = int32(d.uvar())
	}
	lm := &lemmatizer{exceptions: map[string]string{}, known: map[string]bool{}}
	nl := d.count()
	for i := 0; i < nl && d.err == nil; i++ {
		k := d.str()
		lm.exceptions[k] = d.str()
	}
	nk := d.count()
	for i := 0; i < nk && d.err == nil; i++ {
		lm.known[d.str()] = true
	}
	m := &Model{tagger: tg, lemma: lm}
	nlab := d.count()
	for i := 0; i < nlab && d.err == nil; i++ {
		m.labels = append(m.labels, d.str())
	}
	tg.w = d.weights()
	m.trans = d.weights()
	if d.uvar() == 1 {
		m.label = d.weights()
	}
	if d.err != nil {
		return nil, fmt.Errorf("syntax model: %w", d.err)
	}
	if tg.w.classes != len(tg.tags) || len(m.labels) == 0 ||
		m.label == nil && m.trans.classes != 1+2*len(m.labels) ||
		m.label != nil && (m.trans.classes != numMoves || m.label.classes != len(m.labels)) {
		return nil, errors.New("syntax model: inconsistent class counts")
	}
	for _, t := range tg.dict {
		if int(t) >= len(tg.tags) {
			return nil, errors.New("syntax model: tag dictionary out of range")
		}
	}
	return m, nil
}

type dec struct {
	r   *bufio.Reader
	err error
}

func (d *dec) uvar() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.err = err
	}
	return v
}

// count reads a list length, refusing absurd ones.
func (d *dec) count() int {
	v := d.uvar()
	if v > 1<<26 {
		d.err = errors.New("list too long")
		return 0
	}
	return int(v)
}

func (d *dec) str() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	if n > 1<<16 {
		d.err = errors.New("string too long")
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = err
		return ""
	}
	return string(b)
}

func (d *dec) weights() *weights {
	classes := d.count()
	scale := math.Float32frombits(uint32(d.uvar()))
	n := d.count()
	if classes > 255 {
		d.err = errors.New("too many classes")
	}
	if d.err != nil {
		return &weights{}
	}
	b := newWeightsBuilder(classes, scale, n)
	key := uint64(0)
	var row []classWeight
	for i := 0; i < n && d.err == nil; i++ {
		key += d.uvar()
		k := d.count()
		row = row[:0]
		for j := 0; j < k && d.err == nil; j++ {
			c := d.uvar()
			z := d.uvar()
			v := int64(z>>1) ^ -int64(z&1)
			if c >= uint64(classes) {
				d.err = errors.New("class out of range")
			}
			row = append(row, classWeight{uint8(c), int16(v)})
		}
		if key == 0 {
			d.err = errors.New("zero feature key")
		}
		b.add(key, row)
	}
	if d.err != nil {
		return &weights{}
	}
	w, err := b.build()
	if err != nil {
		d.err = err
		return &weights{}
	}
	return w
}

package syntax

import (
	"fmt"
	"math"
	"slices"
)

// An averaged perceptron over hashed features. Training keeps a dense row
// of class weights per feature seen in an update; the trained model keeps
// only non-zero averaged weights, quantised to 16 bits, in an open-addressed
// table, so that scoring a feature is one probe and one short run of
// (class, weight) pairs, whatever the number of classes.

// trainer holds the weights while training.
type trainer struct {
	classes int
	index   map[uint64]int32 // feature -> row
	w       []float32        // current weights, row-major
	u       []float64        // sum of step*delta, for lazy averaging
	step    float64          // decisions seen
}

func newTrainer(classes int) *trainer {
	return &trainer{classes: classes, index: map[uint64]int32{}}
}

// score adds the weights of feats to scores (len classes).
func (t *trainer) score(feats []uint64, scores []float32) {
	clear(scores)
	n := t.classes
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		row := t.w[int(r)*n : int(r)*n+n]
		for c, v := range row {
			scores[c] += v
		}
	}
}

// update moves weight from class bad to class good for feats.
func (t *trainer) update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	n := t.classes
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			r = int32(len(t.w) / n)
			t.index[f] = r
			t.w = append(t.w, make([]float32, n)...)
			t.u = append(t.u, make([]float64, n)...)
		}
		i := int(r) * n
		t.w[i+good]++
		t.u[i+good] += t.step
		t.w[i+bad]--
		t.u[i+bad] -= t.step
	}
}

// tick counts one decision, for averaging.
func (t *trainer) tick() { t.step++ }

// weights is the trained, averaged model of one classifier.
type weights struct {
	classes int
	scale   float32  // quantised weight = round(weight * scale)
	shift   uint     // 64 - log2(len(slots))
	slots   []slot   // open addressing; span 0 is an empty slot
	keys    []uint64 // each slot's full key, for rows (saving, pruning), not for scoring
	entries []uint32 // sparse rows: class<<16 | uint16(weight)
	dense   []int16  // dense rows (classes weights each), for features with many weights
	packed  []uint64 // the dense rows again, two offset 32-bit lanes to a word (see score)
}

// Dense rows are added two classes at a time: each weight is stored plus
// laneOffset in a 32-bit lane, so lanes stay positive and the sum of up to
// maxDense rows never carries into the next lane.
const (
	laneOffset = 1 << 15
	maxDense   = (1 << 32) / (1 << 16)
)

// A span with denseFlag set holds the number of a dense row; otherwise it
// is start<<8 | count into entries. maxEntries bounds start.
const (
	denseFlag  = 1 << 31
	maxEntries = 1 << 23
)

// slot holds a feature's check bits and its run of entries together in 8
// bytes, so that a probe touches one cache line and the table is a
// quarter of the size it was with full keys and 64-bit spans (it is read
// at random and was the largest part of the cache misses). The check is
// the key's low 32 bits; the slot index comes from its high bits. build
// refuses two features of the model that one lookup could confuse, so
// every feature in the model finds its own row; a feature absent from the
// model is taken for another with a chance of 1 in 2^32 per slot probed.
type slot struct {
	check uint32
	span  uint32
}

// average turns the training weights into the compact model, dropping
// weights whose quantised magnitude is below prune (at least zero ones)
// and features left with none.
func (t *trainer) average(prune int) *weights {
	n := t.classes
	avg := make([]float32, len(t.w))
	maxAbs := float32(0)
	for i, v := range t.w {
		a := v - float32(t.u[i]/max(t.step, 1))
		avg[i] = a
		maxAbs = max(maxAbs, float32(math.Abs(float64(a))))
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	type feat struct {
		key uint64
		row int32
	}
	feats := make([]feat, 0, len(t.index))
	for k, r := range t.index {
		feats = append(feats, feat{k, r})
	}
	slices.SortFunc(feats, func(a, b feat) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	b := newWeightsBuilder(n, scale, len(feats))
	var row []classWeight
	for _, f := range feats {
		row = row[:0]
		for c := 0; c < n; c++ {
			q := int(math.Round(float64(avg[int(f.row)*n+c] * scale)))
			if q != 0 && (q >= prune || q <= -prune) {
				row = append(row, classWeight{uint8(c), int16(q)})
			}
		}
		b.add(f.key, row)
	}
	return b.mustBuild()
}

type classWeight struct {
	class uint8
	w     int16
}

// weightsBuilder fills a weights table feature by feature.
type weightsBuilder struct {
	w     *weights
	feats []uint64
	rows  [][]classWeight
}

func newWeightsBuilder(classes int, scale float32, hint int) *weightsBuilder {
	return &weightsBuilder{w: &weights{classes: classes, scale: scale}, feats: make([]uint64, 0, hint)}
}

func (b *weightsBuilder) add(key uint64, row []classWeight) {
	if len(row) == 0 {
		return
	}
	b.feats = append(b.feats, key)
	b.rows = append(b.rows, slices.Clone(row))
}

func (b *weightsBuilder) build() (*weights, error) {
	w := b.w
	// at most 60% full: probe runs stay short, and mostly in one cache
	// line of eight slots
	size := 16
	for size*3 < 5*len(b.feats) {
		size *= 2
	}
	w.shift = uint(64 - bitsLen(size))
	w.slots = make([]slot, size)
	w.keys = make([]uint64, size)
	total := 0
	for _, r := range b.rows {
		total += len(r)
	}
	if total >= maxEntries || len(b.feats) >= denseFlag {
		return nil, fmt.Errorf("weight table too large (%d weights)", total)
	}
	w.entries = make([]uint32, 0, total)
	for i, k := range b.feats {
		s, ok := w.insert(k)
		if !ok {
			return nil, fmt.Errorf("two features share slot check bits (key %#x); train with another seed", k)
		}
		w.keys[s] = k
		row := b.rows[i]
		// A row with weights for a quarter of the classes or more is
		// faster to add densely: no decoding, no scattered writes.
		if 4*len(row) >= w.classes && w.classes > 8 {
			w.slots[s] = slot{check: uint32(k), span: denseFlag | uint32(len(w.dense)/w.classes)}
			d := make([]int16, w.classes)
			for _, cw := range row {
				d[cw.class] = cw.w
			}
			w.dense = append(w.dense, d...)
			for c := 0; c < w.classes; c += 2 {
				v := uint64(int64(d[c]) + laneOffset)
				if c+1 < w.classes {
					v |= uint64(int64(d[c+1])+laneOffset) << 32
				} else {
					v |= laneOffset << 32
				}
				w.packed = append(w.packed, v)
			}
			continue
		}
		w.slots[s] = slot{check: uint32(k), span: uint32(len(w.entries))<<8 | uint32(len(row))}
		for _, cw := range row {
			w.entries = append(w.entries, uint32(cw.class)<<16|uint32(uint16(cw.w)))
		}
	}
	return w, nil
}

// mustBuild is build for tables made in training.
func (b *weightsBuilder) mustBuild() *weights {
	w, err := b.build()
	if err != nil {
		panic("syntax: " + err.Error())
	}
	return w
}

func bitsLen(size int) int {
	n := 0
	for size > 1 {
		size >>= 1
		n++
	}
	return n
}

// lookup returns key's span, 0 if the model has no weights for it.
func (w *weights) lookup(key uint64) uint32 {
	mask := len(w.slots) - 1
	i := int((key * 0x9E3779B97F4A7C15) >> w.shift)
	c := uint32(key)
	for {
		s := w.slots[i]
		if s.check == c || s.span == 0 {
			return s.span
		}
		i = (i + 1) & mask
	}
}

// insert returns the empty slot for key, and false if a slot on the way
// has key's check bits (lookup would stop there).
func (w *weights) insert(key uint64) (int, bool) {
	mask := len(w.slots) - 1
	i := int((key * 0x9E3779B97F4A7C15) >> w.shift)
	c := uint32(key)
	for {
		s := w.slots[i]
		if s.span == 0 {
			return i, true
		}
		if s.check == c {
			return i, false
		}
		i = (i + 1) & mask
	}
}

// score sets scores (len classes) to the sum of the weights of feats. It
// probes every feature first and adds the rows after, so that the
// probes' cache misses overlap instead of waiting on the additions.
func (w *weights) score(feats []uint64, spans []uint32, scores []int32) []uint32 {
	clear(scores)
	spans = spans[:0]
	for _, f := range feats {
		if sp := w.lookup(f); sp != 0 {
			spans = append(spans, sp)
		}
	}
	n := w.classes
	words := (n + 1) / 2
	var acc [128]uint64
	sum := acc[:words:words]
	dense := 0
	for _, sp := range spans {
		if sp&denseFlag != 0 {
			if dense == maxDense-1 { // flush before the lanes could carry
				unpack(sum, scores, dense)
				clear(sum)
				dense = 0
			}
			i := int(sp&^denseFlag) * words
			row := w.packed[i : i+words : i+words]
			for j, v := range row {
				sum[j] += v
			}
			dense++
			continue
		}
		for _, e := range w.entries[sp>>8 : sp>>8+sp&0xff] {
			scores[e>>16] += int32(int16(uint16(e)))
		}
	}
	if dense > 0 {
		unpack(sum, scores, dense)
	}
	return spans
}

// unpack adds the lanes of sum, less the offsets of rows dense rows, to scores.
func unpack(sum []uint64, scores []int32, rows int) {
	off := int64(rows) * laneOffset
	for j, v := range sum {
		scores[2*j] += int32(int64(v&0xffffffff) - off)
		if 2*j+1 < len(scores) {
			scores[2*j+1] += int32(int64(v>>32) - off)
		}
	}
}

// features returns the number of features with weights.
func (w *weights) features() int {
	n := 0
	for _, s := range w.slots {
		if s.span != 0 {
			n++
		}
	}
	return n
}

// rows calls fn with each feature and its non-zero weights, in slot order.
func (w *weights) rows(fn func(key uint64, row []classWeight)) {
	var row []classWeight
	for j, s := range w.slots {
		if s.span == 0 {
			continue
		}
		row = row[:0]
		if s.span&denseFlag != 0 {
			i := int(s.span&^denseFlag) * w.classes
			for c, v := range w.dense[i : i+w.classes] {
				if v != 0 {
					row = append(row, classWeight{uint8(c), v})
				}
			}
		} else {
			for _, e := range w.entries[s.span>>8 : s.span>>8+s.span&0xff] {
				row = append(row, classWeight{uint8(e >> 16), int16(uint16(e))})
			}
		}
		fn(w.keys[j], row)
	}
}

// weightCount returns the number of non-zero weights.
func (w *weights) weightCount() int {
	n := 0
	w.rows(func(_ uint64, row []classWeight) { n += len(row) })
	return n
}

// pruned returns a copy without the weights of magnitude below min
// (quantised units), and without the features none of whose weights
// reaches rowMin.
func (w *weights) pruned(min, rowMin int) *weights {
	b := newWeightsBuilder(w.classes, w.scale, len(w.slots)/2)
	var kept []classWeight
	w.rows(func(k uint64, row []classWeight) {
		kept = kept[:0]
		top := 0
		for _, cw := range row {
			a := int(cw.w)
			if a < 0 {
				a = -a
			}
			top = max(top, a)
			if a >= min {
				kept = append(kept, cw)
			}
		}
		if top < rowMin {
			return
		}
		b.add(k, kept)
	})
	return b.mustBuild()
}

package syntax

import (
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
	shift   uint     // 64 - log2(len(keys))
	keys    []uint64 // open addressing; 0 is an empty slot
	spans   []uint32 // per slot: start<<8 | count into entries
	entries []uint32 // class<<16 | uint16(weight)
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
	return b.build()
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

func (b *weightsBuilder) build() *weights {
	w := b.w
	size := 16
	for size < 2*len(b.feats) {
		size *= 2
	}
	w.shift = uint(64 - bitsLen(size))
	w.keys = make([]uint64, size)
	w.spans = make([]uint32, size)
	total := 0
	for _, r := range b.rows {
		total += len(r)
	}
	w.entries = make([]uint32, 0, total)
	for i, k := range b.feats {
		s := w.slot(k)
		w.keys[s] = k
		w.spans[s] = uint32(len(w.entries))<<8 | uint32(len(b.rows[i]))
		for _, cw := range b.rows[i] {
			w.entries = append(w.entries, uint32(cw.class)<<16|uint32(uint16(cw.w)))
		}
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

// slot finds key's slot, or the empty slot where it would go.
func (w *weights) slot(key uint64) int {
	mask := len(w.keys) - 1
	i := int((key * 0x9E3779B97F4A7C15) >> w.shift)
	for {
		k := w.keys[i]
		if k == key || k == 0 {
			return i
		}
		i = (i + 1) & mask
	}
}

// score sets scores (len classes) to the sum of the weights of feats.
func (w *weights) score(feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		s := w.slot(f)
		if w.keys[s] == 0 {
			continue
		}
		sp := w.spans[s]
		for _, e := range w.entries[sp>>8 : sp>>8+sp&0xff] {
			scores[e>>16] += int32(int16(uint16(e)))
		}
	}
}

// features returns the number of features with weights.
func (w *weights) features() int {
	n := 0
	for _, k := range w.keys {
		if k != 0 {
			n++
		}
	}
	return n
}

// pruned returns a copy without the weights of magnitude below min
// (quantised units): the many features seen in few updates carry little.
func (w *weights) pruned(min int) *weights {
	b := newWeightsBuilder(w.classes, w.scale, len(w.keys)/2)
	var row []classWeight
	for i, k := range w.keys {
		if k == 0 {
			continue
		}
		sp := w.spans[i]
		row = row[:0]
		for _, e := range w.entries[sp>>8 : sp>>8+sp&0xff] {
			v := int16(uint16(e))
			if int(v) >= min || int(v) <= -min {
				row = append(row, classWeight{uint8(e >> 16), v})
			}
		}
		b.add(k, row)
	}
	return b.build()
}

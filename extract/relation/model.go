package relation

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
)

// Model scores candidates: one logistic regression per class over hashed
// features. Add is the probability above which a class is emitted for a
// pair the rules did not state; Keep the one a rule's own relation must
// reach to be kept.
type Model struct {
	weights map[uint64][]float32 // feature -> weight per class
	bias    []float32
	Add     float64
	Keep    float64
}

func hashFeat(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Scores returns the probability of each class (indexes of Classes) for c;
// classes the schema forbids for the pair's types get 0.
func (m *Model) Scores(c *Candidate) []float64 {
	k := len(Classes)
	z := make([]float64, k)
	for i := range z {
		z[i] = float64(m.bias[i])
	}
	for _, f := range c.Feats {
		if w, ok := m.weights[hashFeat(f)]; ok {
			for i, v := range w {
				z[i] += float64(v)
			}
		}
	}
	for i := range z {
		if !allowedClass(i, c) {
			z[i] = 0
			continue
		}
		z[i] = 1 / (1 + math.Exp(-z[i]))
	}
	return z
}

func allowedClass(i int, c *Candidate) bool {
	cl := Classes[i]
	if cl.Forward {
		return cl.Type.Allows(c.TA, c.TB)
	}
	return cl.Type.Allows(c.TB, c.TA)
}

// Example is a candidate with its gold classes.
type Example struct {
	Cand   Candidate
	Labels []bool // per class
	// Bag groups the candidates of one pair of entities in one article:
	// gold says that the article states a relation, not which sentence
	// does, so only the bag's best-scoring candidate learns it as a
	// positive (the at-least-one assumption of multi-instance learning,
	// Riedel, Yao and McCallum 2010); the others learn nothing of it.
	Bag string
}

// TrainOptions set how Train trains.
type TrainOptions struct {
	Epochs int     // passes (default 20)
	Rate   float64 // learning rate (default 0.2)
	L2     float64 // weight decay per update (default 1e-5)
	Seed   uint64
}

// Train fits the model by stochastic gradient descent on the logistic loss
// of every class; the weights are averaged over the updates, which steadies
// them as an averaged perceptron's are.
func Train(ex []Example, opts TrainOptions) *Model {
	if opts.Epochs == 0 {
		opts.Epochs = 20
	}
	if opts.Rate == 0 {
		opts.Rate = 0.2
	}
	if opts.L2 == 0 {
		opts.L2 = 1e-5
	}
	k := len(Classes)
	w := map[uint64][]float64{}
	sum := map[uint64][]float64{}
	bias, biasSum := make([]float64, k), make([]float64, k)
	feats := make([][]uint64, len(ex))
	for i, e := range ex {
		for _, f := range e.Cand.Feats {
			feats[i] = append(feats[i], hashFeat(f))
		}
	}
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x5e1))
	steps := 0.0
	z := make([]float64, k)
	score := func(i int, z []float64) {
		copy(z, bias)
		for _, f := range feats[i] {
			if row, ok := w[f]; ok {
				for c, v := range row {
					z[c] += v
				}
			}
		}
	}
	type bagClass struct {
		bag string
		c   int
	}
	for ep := 0; ep < opts.Epochs; ep++ {
		// each bag's positive class goes to its best-scoring candidate
		// (the first candidate of the bag before any training)
		bestOf := map[bagClass]int{}
		bestZ := map[bagClass]float64{}
		for i, e := range ex {
			if e.Bag == "" {
				continue
			}
			score(i, z)
			for c, on := range e.Labels {
				if !on {
					continue
				}
				k := bagClass{e.Bag, c}
				if old, ok := bestZ[k]; !ok || z[c] > old {
					bestOf[k], bestZ[k] = i, z[c]
				}
			}
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := opts.Rate / (1 + float64(ep)*0.2)
		for _, i := range order {
			e := &ex[i]
			score(i, z)
			steps++
			for c := range k {
				if !allowedClass(c, &e.Cand) {
					continue
				}
				p := 1 / (1 + math.Exp(-z[c]))
				y := 0.0
				if e.Labels[c] {
					if e.Bag != "" && bestOf[bagClass{e.Bag, c}] != i {
						continue // another sentence of the bag states it
					}
					y = 1
				}
				g := (y - p) * rate
				if math.Abs(g) < 1e-6 {
					continue
				}
				bias[c] += g
				biasSum[c] += g * steps
				for _, f := range feats[i] {
					row := w[f]
					if row == nil {
						row = make([]float64, k)
						w[f] = row
						sum[f] = make([]float64, k)
					}
					row[c] = row[c]*(1-opts.L2) + g
					sum[f][c] += g * steps
				}
			}
		}
	}
	// averaged weights: w - sum/steps (the lazy averaging of a perceptron)
	m := &Model{weights: map[uint64][]float32{}, bias: make([]float32, k), Add: 0.5, Keep: 0.5}
	for c := range k {
		m.bias[c] = float32(bias[c] - biasSum[c]/steps)
	}
	for f, row := range w {
		out := make([]float32, k)
		keep := false
		for c, v := range row {
			a := v - sum[f][c]/steps
			if math.Abs(a) >= 1e-3 {
				out[c] = float32(a)
				keep = true
			}
		}
		if keep {
			m.weights[f] = out
		}
	}
	return m
}

const modelMagic = "kg-relation-1"

// Save writes the model (deterministically: features in key order).
func (m *Model) Save(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	put := func(v any) { binary.Write(bw, binary.LittleEndian, v) }
	bw.WriteString(modelMagic)
	put(uint32(len(Classes)))
	put(m.Add)
	put(m.Keep)
	put(m.bias)
	keys := make([]uint64, 0, len(m.weights))
	for k := range m.weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	put(uint32(len(keys)))
	for _, k := range keys {
		put(k)
		put(m.weights[k])
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
		return nil, fmt.Errorf("relation model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("relation model: not a model file of this version")
	}
	var n uint32
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, binary.LittleEndian, v)
		}
	}
	get(&n)
	if err == nil && int(n) != len(Classes) {
		return nil, fmt.Errorf("relation model: %d classes, this build has %d (retrain it)", n, len(Classes))
	}
	m := &Model{weights: map[uint64][]float32{}, bias: make([]float32, len(Classes))}
	get(&m.Add)
	get(&m.Keep)
	get(m.bias)
	var nf uint32
	get(&nf)
	if err == nil && nf > 1<<24 {
		return nil, errors.New("relation model: too many features")
	}
	for i := 0; i < int(nf) && err == nil; i++ {
		var k uint64
		get(&k)
		row := make([]float32, len(Classes))
		get(row)
		m.weights[k] = row
	}
	if err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	return m, nil
}

package tagger

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Sentence is a tokenized sentence with its gold labels.
type Sentence struct {
	Words  []string
	Labels []Label
}

// TrainOptions control training. The zero value of a field means its default.
type TrainOptions struct {
	Iterations int    // passes over the data; default 10
	Seed       uint64 // seeds shuffling, re-casing and hint simulation
	HashBits   uint8  // log2 of the weight-table rows; default 16

	// Re-casing: the probability that a training sentence is shown in
	// UPPER CASE, in Title Case and in lower case (each), so that the model
	// learns not to trust word shape alone in such text. Default 0.03;
	// negative disables.
	Recase float64

	// Hint simulation (the training text has no gazetteer). Each gold entity
	// is given as a hint with probability HintRate (default 0.5; negative
	// disables hints); a hint gets a wrong type with probability
	// HintWrongType (default 0.05), and a capitalised word outside any
	// entity gets a spurious hint with probability HintSpurious (default
	// 0.02). Hints are drawn anew at each pass, so every entity is also seen
	// without one.
	HintRate      float64
	HintWrongType float64
	HintSpurious  float64

	// Progress, if set, is called after each pass.
	Progress func(pass int, mistakes int)
}

func (o *TrainOptions) defaults() {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		} else if *v < 0 {
			*v = 0
		}
	}
	if o.Iterations <= 0 {
		o.Iterations = 10
	}
	if o.HashBits == 0 {
		o.HashBits = 16
	}
	def(&o.Recase, 0.03)
	def(&o.HintRate, 0.5)
	def(&o.HintWrongType, 0.05)
	def(&o.HintSpurious, 0.02)
}

// trainer holds an averaged structured perceptron (Collins 2002): weights w
// and, for averaging, u = sum of step*update, so that the average over all
// steps is w - u/step.
type trainer struct {
	w      [][numLabels]int32
	u      [][numLabels]int64
	tw     [numLabels + 1][numLabels]int32
	tu     [numLabels + 1][numLabels]int64
	step   int64
	decode [numLabels + 1][numLabels]int32
}

// Train trains a model on sentences. It is deterministic for given options.
func Train(sentences []Sentence, opts TrainOptions) *Model {
	opts.defaults()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6b67746167676572))
	rows := 1 << opts.HashBits
	tr := &trainer{w: make([][numLabels]int32, rows), u: make([][numLabels]int64, rows)}
	f := featurizer{shift: 64 - uint(opts.HashBits)}
	var emit []int32
	var back []uint8
	var pred, hints []Label
	order := make([]int, len(sentences))
	for i := range order {
		order[i] = i
	}
	for pass := 1; pass <= opts.Iterations; pass++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		mistakes := 0
		for _, k := range order {
			s := sentences[k]
			n := len(s.Words)
			if n == 0 {
				continue
			}
			words := recase(s.Words, rng, opts.Recase)
			hints = simulateHints(hints, s, rng, &opts)
			tr.step++
			f.extract(words, hints)
			emit = grow(emit, n*numLabels)
			back = grow(back, n*numLabels)
			pred = grow(pred, n)
			tr.score(&f, emit)
			tr.refreshDecode()
			viterbi(emit, &tr.decode, back, pred)
			if !slices.Equal(pred, s.Labels) {
				mistakes++
				tr.update(&f, s.Labels, pred)
			}
		}
		if opts.Progress != nil {
			opts.Progress(pass, mistakes)
		}
	}
	return tr.model(opts.HashBits)
}

func (tr *trainer) score(f *featurizer, emit []int32) {
	for i := range len(f.offs) - 1 {
		var sc [numLabels]int32
		for _, r := range f.rows[f.offs[i]:f.offs[i+1]] {
			w := &tr.w[r]
			for l := range numLabels {
				sc[l] += w[l]
			}
		}
		copy(emit[i*numLabels:], sc[:])
	}
}

func (tr *trainer) refreshDecode() { decodeTable(&tr.decode, &tr.tw) }

// update moves the weights towards the gold labels and away from the
// predicted ones, at the words and transitions where they differ.
func (tr *trainer) update(f *featurizer, gold, pred []Label) {
	prevGold, prevPred := numLabels, numLabels // the start state
	for i := range gold {
		g, p := gold[i], pred[i]
		if g != p {
			for _, r := range f.rows[f.offs[i]:f.offs[i+1]] {
				tr.w[r][g]++
				tr.u[r][g] += tr.step
				tr.w[r][p]--
				tr.u[r][p] -= tr.step
			}
		}
		if g != p || prevGold != prevPred {
			tr.tw[prevGold][g]++
			tr.tu[prevGold][g] += tr.step
			tr.tw[prevPred][p]--
			tr.tu[prevPred][p] -= tr.step
		}
		prevGold, prevPred = int(g), int(p)
	}
}

// model averages the weights, subtracts each row's O weight from its other
// weights (which changes no decision), and quantises them to integers in
// [-maxWeight, maxWeight] with one scale. (On held-out data, F1 is the same
// with 10-bit weights as with float64.)
func (tr *trainer) model(bits uint8) *Model {
	step := float64(max(tr.step, 1))
	avg := func(w int32, u int64) float64 { return float64(w) - float64(u)/step }
	rel := func(i int, l Label) float64 {
		return avg(tr.w[i][l], tr.u[i][l]) - avg(tr.w[i][O], tr.u[i][O])
	}
	top := 0.0
	for i := range tr.w {
		for l := Label(1); l < Label(numLabels); l++ {
			top = max(top, math.Abs(rel(i, l)))
		}
	}
	m := newModel(bits)
	m.scale = 1
	if top > 0 {
		m.scale = float32(maxWeight / top)
	}
	for i := range tr.w {
		for l := Label(1); l < Label(numLabels); l++ {
			m.setWeight(i, l, int(math.Round(rel(i, l)*float64(m.scale))))
		}
	}
	q := func(w int32, u int64) float64 { return math.Round(avg(w, u) * float64(m.scale)) }
	for p := range tr.tw {
		for c := range numLabels {
			m.trans[p][c] = int32(q(tr.tw[p][c], tr.tu[p][c]))
		}
	}
	m.prepare()
	return m
}

// recase returns words, or with probability 3p a copy in UPPER CASE,
// Title Case or lower case.
func recase(words []string, rng *rand.Rand, p float64) []string {
	x := rng.Float64()
	if x >= 3*p {
		return words
	}
	out := make([]string, len(words))
	for i, w := range words {
		switch {
		case x < p:
			out[i] = strings.ToUpper(w)
		case x < 2*p:
			out[i] = w
			if w != "" && (!functionWords[strings.ToLower(w)] || i == 0) {
				r := []rune(w)
				r[0] = unicode.ToUpper(r[0])
				out[i] = string(r)
			}
		default:
			out[i] = strings.ToLower(w)
		}
	}
	return out
}

// simulateHints draws the gazetteer hints of one training sentence into
// buf, or returns nil when hints are disabled.
func simulateHints(buf []Label, s Sentence, rng *rand.Rand, o *TrainOptions) []Label {
	if o.HintRate == 0 {
		return nil
	}
	hints := grow(buf, len(s.Words))
	clear(hints)
	for _, sp := range Spans(s.Labels) {
		if rng.Float64() >= o.HintRate {
			continue
		}
		t := sp.Type
		if rng.Float64() < o.HintWrongType {
			// Another of the numTypes-1 types: skip 1 to numTypes-2 ahead.
			t = Type(1 + (int(t)+rng.IntN(int(numTypes)-2))%(int(numTypes)-1))
		}
		hints[sp.Start] = B(t)
		for i := sp.Start + 1; i < sp.End; i++ {
			hints[i] = I(t)
		}
	}
	for i, w := range s.Words {
		if s.Labels[i] == O && i > 0 && w != "" && unicode.IsUpper([]rune(w)[0]) && rng.Float64() < o.HintSpurious {
			hints[i] = B(Type(1 + rng.IntN(int(numTypes)-1)))
		}
	}
	return hints
}

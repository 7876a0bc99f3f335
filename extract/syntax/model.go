package syntax

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// Model is a trained tagger and parser. It is immutable and safe for
// concurrent use; per-call scratch space comes from a pool.
type Model struct {
	tagger *tagger
	labels []string // index 0 is "root"
	trans  *weights // moves
	label  *weights // arc labels
	lemma  *lemmatizer

	pool sync.Pool // *scratch
}

// scratch is the working memory of one Parse call.
type scratch struct {
	tw     []tagWord
	tags   []int32
	pw     []pword
	suf    []uint64
	c      config
	feats  []uint64
	spans  []uint32
	tscore []int32
	mscore []int32
	lscore []int32
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		tscore: make([]int32, len(m.tagger.tags)),
		mscore: make([]int32, m.trans.classes),
		lscore: make([]int32, len(m.labels)),
	}
}

// Labels returns the dependency labels the model knows.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Parse tags, lemmatises and parses one sentence given as words (see
// Words for splitting article tokens into words). The result has one Word
// per form with Form, Lemma, UPOS, XPOS, Head (1-based, 0 = root) and Deprel.
func (m *Model) Parse(forms []string) []Word {
	if len(forms) == 0 {
		return make([]Word, 0)
	}
	s := m.scratch()
	defer m.pool.Put(s)
	m.run(forms, s, nil, nil)
	return m.words(forms, s)
}

// ParseNames is Parse with some words known to be proper names (names[i]):
// they are tagged PROPN/NNP rather than guessed. The tagger learned names
// from web text and guesses unknown ones badly ("Witkoff" as a preposition),
// and one wrong tag can derail the whole tree.
func (m *Model) ParseNames(forms []string, names []bool) []Word {
	if len(forms) == 0 {
		return make([]Word, 0)
	}
	s := m.scratch()
	defer m.pool.Put(s)
	m.run(forms, s, nil, names)
	return m.words(forms, s)
}

func (m *Model) words(forms []string, s *scratch) []Word {
	out := make([]Word, len(forms))
	for i, f := range forms {
		t := m.tagger.tags[s.tags[i]]
		out[i] = Word{Form: f, UPOS: t.UPOS, XPOS: t.XPOS, Head: s.c.head[i] + 1, Deprel: m.labels[s.c.label[i]]}
		if out[i].Head == len(forms)+1 {
			out[i].Head = 0
		}
		out[i].Lemma = m.lemma.lemma(f, t)
	}
	return out
}

// run tags (unless tags are given; names[i] fixes word i as a proper
// name) and parses forms into s.c.
func (m *Model) run(forms []string, s *scratch, tags []int32, names []bool) {
	n := len(forms)
	s.tw = m.tagger.prepare(forms, s.tw)
	s.tags = slices.Grow(s.tags[:0], n)[:n]
	if tags != nil {
		copy(s.tags, tags)
	} else {
		nnp := int32(slices.Index(m.tagger.tags, Tag{"PROPN", "NNP"}))
		for i := range s.tags {
			s.tags[i] = -1
			if i < len(names) && names[i] && nnp >= 0 {
				s.tags[i] = nnp
			}
		}
		m.tagger.tagInto(s.tw, s.tags, s)
	}
	s.pw = parserWords(s.tw, s.tags, s.pw)
	s.suf = slices.Grow(s.suf[:0], n)[:n]
	for i := range s.tw {
		s.suf[i] = s.tw[i].suf[2]
	}
	c := &s.c
	c.reset(n)
	c.markPunct(forms)
	for !c.done() {
		s.feats = parserFeatures(c, s.pw, s.feats[:0])
		if m.label == nil {
			s.spans = m.trans.score(s.feats, s.spans, s.mscore)
			move, l := m.bestJoint(c, s.mscore)
			c.apply(move, l)
			continue
		}
		s.spans = m.trans.score(s.feats, s.spans, s.mscore)
		move := -1
		for mv := 0; mv < numMoves; mv++ {
			if c.valid(mv) && (move < 0 || s.mscore[mv] > s.mscore[move]) {
				move = mv
			}
		}
		l := 0
		if move != moveShift {
			d, h := c.arc(move)
			if h != n {
				s.feats = labelFeatures(c, s.pw, s.suf, d, h, s.feats[:0])
				s.spans = m.label.score(s.feats, s.spans, s.lscore)
				l = 1 + argmax(s.lscore[1:])
			}
		}
		c.apply(move, l)
	}
}

// Joint classes: 0 shifts, 1+l makes a left arc labelled l, 1+L+l a right arc.
func jointClass(move, l, nlabels int) int {
	switch move {
	case moveShift:
		return 0
	case moveLeft:
		return 1 + l
	}
	return 1 + nlabels + l
}

func jointMove(class, nlabels int) (move, l int) {
	switch {
	case class == 0:
		return moveShift, 0
	case class <= nlabels:
		return moveLeft, class - 1
	}
	return moveRight, class - 1 - nlabels
}

// jointValid reports whether a joint class can be taken: only the root's
// one dependent is labelled root.
func jointValid(c *config, class, nlabels int) bool {
	move, l := jointMove(class, nlabels)
	if !c.valid(move) {
		return false
	}
	switch move {
	case moveLeft:
		return (c.b == c.n) == (l == 0)
	case moveRight:
		return l != 0
	}
	return true
}

func (m *Model) bestJoint(c *config, scores []int32) (move, l int) {
	L := len(m.labels)
	best := -1
	for cl := range scores {
		if (best < 0 || scores[cl] > scores[best]) && jointValid(c, cl, L) {
			best = cl
		}
	}
	return jointMove(best, L)
}

func parserWords(tw []tagWord, tags []int32, out []pword) []pword {
	out = slices.Grow(out[:0], len(tw))[:len(tw)]
	for i := range tw {
		t := tagHash(int(tags[i]))
		out[i] = pword{w: tw[i].low, t: t, wt: feat2(0, tw[i].low, t)}
	}
	return out
}

// TrainOptions set how Train trains.
type TrainOptions struct {
	TagIterations   int     // passes over the data for the tagger (default 10)
	ParseIterations int     // passes for the parser (default 15)
	Folds           int     // jackknife folds giving the parser predicted tags (default 5; 1: gold tags)
	Labeller        bool    // label arcs with a second classifier instead of joint labelled moves
	Explore         float64 // probability of following the model's own wrong move after the first pass (default 0.9)
	Prune           int     // drop averaged weights below this magnitude, in units of 1/32000 of the largest (default 300)
	PruneParser     int     // the same for the parser's tables (moves, labeller); default Prune
	ParserRowMin    int     // then drop the parser's features none of whose weights reaches this magnitude (0: keep)
	Seed            uint64
	Progress        func(stage string, pass int, errors, decisions int)
}

func (o *TrainOptions) defaults() {
	if o.TagIterations <= 0 {
		o.TagIterations = 10
	}
	if o.ParseIterations <= 0 {
		o.ParseIterations = 15
	}
	if o.Folds <= 0 {
		o.Folds = 5
	}
	if o.Prune == 0 {
		o.Prune = 300
	}
	if o.PruneParser == 0 {
		o.PruneParser = o.Prune
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	if o.Progress == nil {
		o.Progress = func(string, int, int, int) {}
	}
}

// Train trains a tagger, lemmatiser and parser on treebank sentences.
func Train(sents []Sentence, opts TrainOptions) *Model {
	opts.defaults()
	sents = prepareTraining(sents, opts.Seed)
	tags := tagSet(sents)
	index := map[Tag]int{}
	for i, t := range tags {
		index[t] = i
	}
	// The parser learns from predicted tags, as it will see them: each fold
	// is tagged by a tagger trained on the other folds.
	pred := make([][]int32, len(sents))
	if opts.Folds > 1 {
		for f := 0; f < opts.Folds; f++ {
			var rest []Sentence
			for i, s := range sents {
				if i%opts.Folds != f {
					rest = append(rest, s)
				}
			}
			tg := trainTagger(rest, tags, opts.TagIterations, opts.Seed+uint64(f)+1, opts.Prune)
			tm := &Model{tagger: tg}
			s := &scratch{tscore: make([]int32, len(tags))}
			for i := f; i < len(sents); i += opts.Folds {
				pred[i] = tm.tagOnly(sents[i], s)
			}
			opts.Progress("tagger fold", f+1, 0, 0)
		}
	} else {
		for i, s := range sents {
			pred[i] = make([]int32, len(s.Words))
			for j, w := range s.Words {
				pred[i][j] = int32(index[Tag{w.UPOS, w.XPOS}])
			}
		}
	}
	m := &Model{tagger: trainTagger(sents, tags, opts.TagIterations, opts.Seed, opts.Prune)}
	opts.Progress("tagger", opts.TagIterations, 0, 0)
	m.lemma = trainLemmatizer(sents, tags)
	m.labels = labelSet(sents)
	m.trainParser(sents, pred, opts)
	return m
}

// tagOnly tags a sentence with the model's tagger.
func (m *Model) tagOnly(s Sentence, sc *scratch) []int32 {
	forms := make([]string, len(s.Words))
	for i, w := range s.Words {
		forms[i] = w.Form
	}
	sc.tw = m.tagger.prepare(forms, sc.tw)
	tags := make([]int32, len(forms))
	for i := range tags {
		tags[i] = -1
	}
	m.tagger.tagInto(sc.tw, tags, sc)
	return tags
}

func labelSet(sents []Sentence) []string {
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Deprel != "root" {
				count[w.Deprel]++
			}
		}
	}
	labels := make([]string, 0, len(count))
	for l := range count {
		labels = append(labels, l)
	}
	slices.SortFunc(labels, func(a, b string) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	if len(labels) > 63 { // label sets are 64-bit masks
		labels = labels[:63]
	}
	return append([]string{"root"}, labels...)
}

func (m *Model) trainParser(sents []Sentence, pred [][]int32, opts TrainOptions) {
	labelIndex := map[string]int{}
	for i, l := range m.labels {
		labelIndex[l] = i
	}
	L := len(m.labels)
	classes := 1 + 2*L
	if opts.Labeller {
		classes = numMoves
	}
	tr := newTrainer(classes)
	lt := newTrainer(len(m.labels))
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9a45e))
	var usable []int
	golds := make([][]int, len(sents))
	goldLabels := make([][]int, len(sents))
	for i, s := range sents {
		n := len(s.Words)
		g := make([]int, n)
		for j, w := range s.Words {
			g[j] = w.Head - 1
			if w.Head == 0 {
				g[j] = n
			}
		}
		golds[i] = g
		gl := make([]int, n)
		for j, w := range s.Words {
			l, ok := labelIndex[w.Deprel]
			if !ok {
				l = -1
			}
			gl[j] = l
		}
		goldLabels[i] = gl
		if projective(g) {
			usable = append(usable, i)
		}
	}
	sc := &scratch{}
	var c config
	var feats []uint64
	mscores := make([]float32, classes)
	jcost := make([]int, classes)
	lscores := make([]float32, len(m.labels))
	var cost [numMoves]int
	for it := 0; it < opts.ParseIterations; it++ {
		rng.Shuffle(len(usable), func(i, j int) { usable[i], usable[j] = usable[j], usable[i] })
		errs, decisions := 0, 0
		for _, si := range usable {
			s := sents[si]
			gold := golds[si]
			n := len(s.Words)
			forms := make([]string, n)
			for j, w := range s.Words {
				forms[j] = w.Form
			}
			sc.tw = m.tagger.prepare(forms, sc.tw)
			sc.pw = parserWords(sc.tw, pred[si], sc.pw)
			sc.suf = slices.Grow(sc.suf[:0], n)[:n]
			for j := range sc.tw {
				sc.suf[j] = sc.tw[j].suf[2]
			}
			c.reset(n)
			c.markPunct(forms)
			for !c.done() {
				feats = parserFeatures(&c, sc.pw, feats[:0])
				tr.score(feats, mscores)
				c.costs(gold, &cost)
				if !opts.Labeller {
					// joint: a labelled arc also costs one if its label is not the dependent's
					for cl := range jcost {
						jcost[cl] = -1
						if !jointValid(&c, cl, L) {
							continue
						}
						mv, l := jointMove(cl, L)
						k := cost[mv]
						if mv != moveShift {
							d, _ := c.arc(mv)
							if l != goldLabels[si][d] {
								k++
							}
						}
						jcost[cl] = k
					}
					p, g, minCost := pick(jcost, mscores)
					decisions++
					if jcost[p] > minCost {
						errs++
						tr.update(feats, g, p)
					}
					tr.tick()
					cl := g
					if it > 0 && rng.Float64() < opts.Explore {
						cl = p
					}
					c.apply(jointMove(cl, L))
					continue
				}
				p, g, minCost := pick(cost[:], mscores)
				decisions++
				if cost[p] > minCost {
					errs++
					tr.update(feats, g, p)
				}
				tr.tick()
				move := g
				if it > 0 && rng.Float64() < opts.Explore {
					move = p
				}
				l := 0
				if move != moveShift {
					d, h := c.arc(move)
					if h != n {
						feats = labelFeatures(&c, sc.pw, sc.suf, d, h, feats[:0])
						lt.score(feats, lscores)
						lp := 1 + argmaxF(lscores[1:])
						lg, ok := labelIndex[s.Words[d].Deprel]
						if !ok || lg == 0 {
							lg = lp
						}
						lt.update(feats, lg, lp)
						lt.tick()
						l = lp
						if it == 0 {
							l = lg
						}
					}
				}
				c.apply(move, l)
			}
		}
		opts.Progress("parser", it+1, errs, decisions)
	}
	m.trans = tr.average(opts.PruneParser)
	if opts.Labeller {
		m.label = lt.average(opts.PruneParser)
	}
	if opts.ParserRowMin > 0 {
		p := m.PruneParser(opts.PruneParser, opts.ParserRowMin)
		m.trans, m.label = p.trans, p.label
	}
}

// pick returns, among the classes with a cost (-1: not allowed), the
// best-scoring one, the best-scoring one of least cost, and that cost.
func pick(cost []int, scores []float32) (pred, gold, minCost int) {
	pred, gold, minCost = -1, -1, 1<<30
	for _, k := range cost {
		if k >= 0 && k < minCost {
			minCost = k
		}
	}
	for c, k := range cost {
		if k < 0 {
			continue
		}
		if pred < 0 || scores[c] > scores[pred] {
			pred = c
		}
		if k == minCost && (gold < 0 || scores[c] > scores[gold]) {
			gold = c
		}
	}
	return pred, gold, minCost
}

// prepareTraining returns the training sentences, each with its
// hyphenated compounds ("long - term" written without spaces) also given
// merged into one word, as the article tokenizer keeps them.
func prepareTraining(sents []Sentence, seed uint64) []Sentence {
	rng := rand.New(rand.NewPCG(seed, 0x4e9))
	out := make([]Sentence, 0, len(sents))
	for _, s := range sents {
		if merged, ok := mergeHyphens(s); ok && rng.Float64() < 0.5 {
			out = append(out, merged)
			continue
		}
		out = append(out, s)
	}
	return out
}

// mergeHyphens joins "X - Y" spans (a HYPH word with no space either side)
// into one word that takes the head, tag and label of the span's head.
func mergeHyphens(s Sentence) (Sentence, bool) {
	n := len(s.Words)
	noSpace := func(i int) bool { return strings.Contains(s.Words[i].Misc, "SpaceAfter=No") }
	start := make([]int, n) // span start of each word
	for i := range start {
		start[i] = i
	}
	found := false
	for i := 1; i+1 < n; i++ {
		if s.Words[i].XPOS == "HYPH" && s.Words[i].Form == "-" && noSpace(i-1) && noSpace(i) {
			start[i] = start[i-1]
			start[i+1] = start[i-1]
			found = true
		}
	}
	if !found {
		return s, false
	}
	// new index of each span, and the span's head word: the one whose head
	// lies outside the span
	newIdx := make([]int, n)
	k := -1
	for i := 0; i < n; i++ {
		if start[i] == i {
			k++
		}
		newIdx[i] = k
	}
	spanEnd := func(i int) int {
		j := i
		for j+1 < n && start[j+1] == start[i] {
			j++
		}
		return j
	}
	out := Sentence{Comments: s.Comments}
	for i := 0; i < n; {
		j := spanEnd(i)
		h := -1
		for x := i; x <= j; x++ {
			hd := s.Words[x].Head - 1
			if hd < i || hd > j {
				if h >= 0 { // two words lead out of the span: keep it split
					return s, false
				}
				h = x
			}
		}
		w := s.Words[h]
		if j > i {
			var form strings.Builder
			for x := i; x <= j; x++ {
				form.WriteString(s.Words[x].Form)
			}
			w.Form = form.String()
			w.Lemma = strings.ToLower(w.Form)
			w.Misc = s.Words[j].Misc
		}
		if w.Head > 0 {
			w.Head = newIdx[w.Head-1] + 1
		}
		out.Words = append(out.Words, w)
		i = j + 1
	}
	return out, true
}

// PruneParser returns a copy of m whose parser tables (moves and
// labeller) keep only the weights of magnitude at least min, in the
// quantised units of TrainOptions.Prune, and only the features with a
// weight of at least rowMin. Weights are quantised before they are pruned,
// so pruning a trained model by min gives the same bytes as training it
// with PruneParser set to min (for min at least the model's own).
func (m *Model) PruneParser(min, rowMin int) *Model {
	c := &Model{tagger: m.tagger, labels: m.labels, lemma: m.lemma, trans: m.trans.pruned(min, rowMin)}
	if m.label != nil {
		c.label = m.label.pruned(min, rowMin)
	}
	return c
}

// Size describes the model's weight tables: features and non-zero weights
// of the tagger, the move classifier and the labeller.
func (m *Model) Size() string {
	f := func(w *weights) string {
		if w == nil {
			return "none"
		}
		return fmt.Sprintf("%d features, %d weights", w.features(), w.weightCount())
	}
	return fmt.Sprintf("tagger %s; moves %s; labels %s; %d tag-dictionary words; %d lemma exceptions",
		f(m.tagger.w), f(m.trans), f(m.label), len(m.tagger.dict), len(m.lemma.exceptions))
}

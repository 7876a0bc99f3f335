package syntax

// The arc-hybrid transition system. Words are 0..n-1; the root is a last
// pseudo-word n at the end of the buffer, so that the one word it governs
// is attached by the final LEFT move, when the stack holds only that word.
// A word gets its head when it leaves the stack, so by then all its
// dependents are known: the labeller sees the dependent's whole subtree.

const (
	moveShift = iota
	moveLeft  // s0 <- b0, pop
	moveRight // s1 -> s0, pop
	numMoves
)

// config is the parser state for one sentence.
type config struct {
	n      int
	stack  []int
	b      int     // front of the buffer; n is the root
	head   []int   // -1 until attached; n for the root
	label  []int   // label index, for attached words
	l1, l2 []int   // leftmost and second leftmost dependents, -1 if none
	r1, r2 []int   // rightmost and second rightmost
	nl, nr []uint8 // numbers of left and right dependents
	lset   []uint64
	rset   []uint64 // bit sets of the labels of left and right dependents
	punct  []bool   // words that are commas, semicolons, dashes or colons
}

func (c *config) reset(n int) {
	c.n = n
	c.stack = c.stack[:0]
	c.b = 0
	grow := func(s []int) []int {
		if cap(s) < n+1 {
			return make([]int, n+1)
		}
		return s[:n+1]
	}
	c.head, c.label = grow(c.head), grow(c.label)
	c.l1, c.l2, c.r1, c.r2 = grow(c.l1), grow(c.l2), grow(c.r1), grow(c.r2)
	if cap(c.nl) < n+1 {
		c.nl, c.nr = make([]uint8, n+1), make([]uint8, n+1)
		c.lset, c.rset = make([]uint64, n+1), make([]uint64, n+1)
	}
	c.nl, c.nr, c.lset, c.rset = c.nl[:n+1], c.nr[:n+1], c.lset[:n+1], c.rset[:n+1]
	for i := 0; i <= n; i++ {
		c.head[i], c.label[i] = -1, -1
		c.l1[i], c.l2[i], c.r1[i], c.r2[i] = -1, -1, -1, -1
		c.nl[i], c.nr[i], c.lset[i], c.rset[i] = 0, 0, 0, 0
	}
}

// markPunct marks the clause-separating punctuation among forms.
func (c *config) markPunct(forms []string) {
	if cap(c.punct) < len(forms) {
		c.punct = make([]bool, len(forms))
	}
	c.punct = c.punct[:len(forms)]
	for i, f := range forms {
		c.punct[i] = f == "," || f == ";" || f == ":" || f == "-" || f == "--" || f == "—" || f == "–"
	}
}

func (c *config) done() bool { return c.b == c.n && len(c.stack) == 0 }

func (c *config) valid(m int) bool {
	switch m {
	case moveShift:
		return c.b < c.n
	case moveLeft:
		return len(c.stack) > 0 && (c.b < c.n || len(c.stack) == 1)
	case moveRight:
		return len(c.stack) > 1
	}
	return false
}

// dependent and head of the arc move m would make.
func (c *config) arc(m int) (dep, head int) {
	s0 := c.stack[len(c.stack)-1]
	if m == moveLeft {
		return s0, c.b
	}
	return s0, c.stack[len(c.stack)-2]
}

// apply makes move m; for an arc, the dependent gets label l.
func (c *config) apply(m, l int) {
	switch m {
	case moveShift:
		c.stack = append(c.stack, c.b)
		c.b++
		return
	}
	d, h := c.arc(m)
	c.stack = c.stack[:len(c.stack)-1]
	c.head[d], c.label[d] = h, l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		c.l2[h], c.l1[h] = c.l1[h], d
		c.nl[h] = min(c.nl[h]+1, 255)
		c.lset[h] |= bit
	} else {
		c.r2[h], c.r1[h] = c.r1[h], d
		c.nr[h] = min(c.nr[h]+1, 255)
		c.rset[h] |= bit
	}
}

// costs sets, for each valid move, the number of gold arcs it makes
// unreachable (Goldberg and Nivre 2013); gold[i] is i's gold head (n: root).
// Invalid moves get a cost of -1.
func (c *config) costs(gold []int, out *[numMoves]int) {
	for m := range out {
		out[m] = -1
	}
	inBuf := func(x int) bool { return x >= c.b }
	var s0, s1 = -1, -1
	if k := len(c.stack); k > 0 {
		s0 = c.stack[k-1]
		if k > 1 {
			s1 = c.stack[k-2]
		}
	}
	if c.valid(moveShift) {
		cost := 0
		b := c.b
		for _, k := range c.stack {
			if gold[k] == b {
				cost++
			}
			if gold[b] == k && k != s0 {
				cost++
			}
		}
		out[moveShift] = cost
	}
	// Dependents of s0 still in the buffer are lost by either arc move.
	kids := 0
	if s0 >= 0 {
		for d := c.b; d < c.n; d++ {
			if gold[d] == s0 {
				kids++
			}
		}
	}
	if c.valid(moveLeft) {
		cost := kids
		if h := gold[s0]; h != c.b && (h == s1 || inBuf(h)) {
			cost++
		}
		out[moveLeft] = cost
	}
	if c.valid(moveRight) {
		cost := kids
		if inBuf(gold[s0]) {
			cost++
		}
		out[moveRight] = cost
	}
}

// projective reports whether the gold tree (heads 0-based, n for root) has
// no crossing arcs.
func projective(gold []int) bool {
	n := len(gold)
	for i := 0; i < n; i++ {
		a, b := min(i, gold[i]), max(i, gold[i])
		for j := a + 1; j < b; j++ {
			// every word strictly inside the arc must descend from its head
			h := j
			for steps := 0; h != gold[i] && h < n && steps <= n; steps++ {
				h = gold[h]
			}
			if h != gold[i] {
				return false
			}
		}
	}
	return true
}

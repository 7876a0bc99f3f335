package syntax

// Parser feature templates (Zhang and Nivre 2011, adapted to arc-hybrid:
// stack words have no heads yet, so their dependents and the buffer carry
// the context).
const (
	pfBias = iota + 1
	pfW    // + item*4
	pfT
	pfWT
	pfL
)

const (
	// items
	iS0 = iota
	iS1
	iS2
	iB0
	iB1
	iB2
	iS0L1
	iS0L2
	iS0R1
	iS0R2
	iB0L1
	iB0L2
	iS1L1
	iS1R1
	numItems
)

const (
	pfPairs = 100 + iota
	pfS0wtB0wt
	pfS0wtB0w
	pfS0wB0wt
	pfS0wtB0t
	pfS0tB0wt
	pfS0wB0w
	pfS0tB0t
	pfB0tB1t
	pfS0tS1t
	pfS1wS0w
	pfB0tB1tB2t
	pfS0tB0tB1t
	pfS1tS0tB0t
	pfS0tS0l1tB0t
	pfS0tS0r1tB0t
	pfS0tB0tB0l1t
	pfS0tS0l1tS0l2t
	pfS0tS0r1tS0r2t
	pfB0tB0l1tB0l2t
	pfS2tS1tS0t
	pfS1tS1r1tS0t
	pfDistS0w
	pfDistS0t
	pfDistB0w
	pfDistB0t
	pfDistS0tB0t
	pfS0wNr
	pfS0tNr
	pfS0wNl
	pfS0tNl
	pfB0wNl
	pfB0tNl
	pfS0wLset
	pfS0tLset
	pfS0wRset
	pfS0tRset
	pfB0wLset
	pfB0tLset
	pfS1tRset
	pfS0wB0wB1t
	pfS1wS0tB0t
	pfS0nW
	pfS0nT
	pfB0pW
	pfB0pT
	pfS0tS0nTB0t
	pfS0tB0pTB0t
	pfPunctS0tB0t
	pfPunct
)

// Labeller templates.
const (
	lfBias = 200 + iota
	lfDW
	lfDT
	lfHW
	lfHT
	lfDir
	lfDWHW
	lfDTHT
	lfDTHTDir
	lfDWHT
	lfDTHW
	lfDTDirDist
	lfDL1
	lfDL1W
	lfDR1
	lfDLset
	lfDRset
	lfDTLset
	lfDTRset
	lfDL1WDT
	lfHLsetDT
	lfHRsetDT
	lfHTDL1W
	lfDPrevT
	lfDNextT
	lfHTDTDL1T
	lfDWDir
	lfHWDir
	lfDSuf
	lfDTHTDL1W
)

// pword holds the hashed properties of one parser word.
type pword struct{ w, t, wt uint64 }

var (
	rootWord = pword{hashString("\x00root"), hashString("\x00ROOT"), hashString("\x00rootROOT")}
	noWord   = pword{noneHash, noneHash + 1, noneHash + 2}
)

func labelHash(l int) uint64 {
	if l < 0 {
		return noneHash + 3
	}
	return mix(uint64(l) + 1000)
}

// parserFeatures appends the features of configuration c.
func parserFeatures(c *config, ws []pword, out []uint64) []uint64 {
	var it [numItems]int
	for i := range it {
		it[i] = -1
	}
	k := len(c.stack)
	if k > 0 {
		it[iS0] = c.stack[k-1]
	}
	if k > 1 {
		it[iS1] = c.stack[k-2]
	}
	if k > 2 {
		it[iS2] = c.stack[k-3]
	}
	it[iB0] = c.b
	if c.b+1 <= c.n {
		it[iB1] = c.b + 1
	}
	if c.b+2 <= c.n {
		it[iB2] = c.b + 2
	}
	if s0 := it[iS0]; s0 >= 0 {
		it[iS0L1], it[iS0L2], it[iS0R1], it[iS0R2] = c.l1[s0], c.l2[s0], c.r1[s0], c.r2[s0]
	}
	it[iB0L1], it[iB0L2] = c.l1[c.b], c.l2[c.b]
	if s1 := it[iS1]; s1 >= 0 {
		it[iS1L1], it[iS1R1] = c.l1[s1], c.r1[s1]
	}
	var p [numItems]pword
	for i, x := range it {
		switch {
		case x < 0:
			p[i] = noWord
		case x == c.n:
			p[i] = rootWord
		default:
			p[i] = ws[x]
		}
	}
	out = append(out, feat1(pfBias, 0))
	for i := iS0; i <= iB2; i++ {
		t := uint64(i) * 8
		out = append(out, feat1(pfW+t, p[i].w), feat1(pfT+t, p[i].t), feat1(pfWT+t, p[i].wt))
	}
	for i := iS0L1; i < numItems; i++ {
		t := uint64(i) * 8
		l := -1
		if it[i] >= 0 {
			l = c.label[it[i]]
		}
		out = append(out, feat1(pfW+t, p[i].w), feat1(pfT+t, p[i].t), feat2(pfL+t, labelHash(l), p[i].t))
	}
	s0, s1, s2, b0, b1, b2 := p[iS0], p[iS1], p[iS2], p[iB0], p[iB1], p[iB2]
	out = append(out,
		feat2(pfS0wtB0wt, s0.wt, b0.wt),
		feat2(pfS0wtB0w, s0.wt, b0.w),
		feat2(pfS0wB0wt, s0.w, b0.wt),
		feat2(pfS0wtB0t, s0.wt, b0.t),
		feat2(pfS0tB0wt, s0.t, b0.wt),
		feat2(pfS0wB0w, s0.w, b0.w),
		feat2(pfS0tB0t, s0.t, b0.t),
		feat2(pfB0tB1t, b0.t, b1.t),
		feat2(pfS0tS1t, s0.t, s1.t),
		feat2(pfS1wS0w, s1.w, s0.w),
		feat3(pfB0tB1tB2t, b0.t, b1.t, b2.t),
		feat3(pfS0tB0tB1t, s0.t, b0.t, b1.t),
		feat3(pfS1tS0tB0t, s1.t, s0.t, b0.t),
		feat3(pfS0tS0l1tB0t, s0.t, p[iS0L1].t, b0.t),
		feat3(pfS0tS0r1tB0t, s0.t, p[iS0R1].t, b0.t),
		feat3(pfS0tB0tB0l1t, s0.t, b0.t, p[iB0L1].t),
		feat3(pfS0tS0l1tS0l2t, s0.t, p[iS0L1].t, p[iS0L2].t),
		feat3(pfS0tS0r1tS0r2t, s0.t, p[iS0R1].t, p[iS0R2].t),
		feat3(pfB0tB0l1tB0l2t, b0.t, p[iB0L1].t, p[iB0L2].t),
		feat3(pfS2tS1tS0t, s2.t, s1.t, s0.t),
		feat3(pfS1tS1r1tS0t, s1.t, p[iS1R1].t, s0.t),
		feat3(pfS0wB0wB1t, s0.w, b0.w, b1.t),
		feat3(pfS1wS0tB0t, s1.w, s0.t, b0.t),
	)
	if x := it[iS0]; x >= 0 {
		d := uint64(min(c.b-x, 6))
		if c.b == c.n {
			d = 7
		}
		nl, nr := uint64(c.nl[x]), uint64(c.nr[x])
		out = append(out,
			feat2(pfDistS0w, d, s0.w),
			feat2(pfDistS0t, d, s0.t),
			feat2(pfDistB0w, d, b0.w),
			feat2(pfDistB0t, d, b0.t),
			feat3(pfDistS0tB0t, d, s0.t, b0.t),
			feat2(pfS0wNr, nr, s0.w),
			feat2(pfS0tNr, nr, s0.t),
			feat2(pfS0wNl, nl, s0.w),
			feat2(pfS0tNl, nl, s0.t),
			feat2(pfS0wLset, c.lset[x], s0.w),
			feat2(pfS0tLset, c.lset[x], s0.t),
			feat2(pfS0wRset, c.rset[x], s0.w),
			feat2(pfS0tRset, c.rset[x], s0.t),
		)
	}
	bl := uint64(c.nl[c.b])
	out = append(out,
		feat2(pfB0wNl, bl, b0.w),
		feat2(pfB0tNl, bl, b0.t),
		feat2(pfB0wLset, c.lset[c.b], b0.w),
		feat2(pfB0tLset, c.lset[c.b], b0.t),
	)
	if x := it[iS1]; x >= 0 {
		out = append(out, feat2(pfS1tRset, c.rset[x], s1.t))
	}
	// The words beside s0 and b0 in the sentence: adjacent pairs are
	// not always adjacent on the stack and buffer.
	if x := it[iS0]; x >= 0 {
		nx := noWord
		if x+1 < c.n {
			nx = ws[x+1]
		}
		pv := noWord
		if c.b > 0 && c.b-1 != x {
			pv = ws[c.b-1]
		}
		commas := 0
		for j := x + 1; j < c.b && j < c.n; j++ {
			if c.punct != nil && c.punct[j] {
				commas++
			}
		}
		pc := uint64(min(commas, 3))
		out = append(out,
			feat1(pfS0nW, nx.w),
			feat1(pfS0nT, nx.t),
			feat1(pfB0pW, pv.w),
			feat1(pfB0pT, pv.t),
			feat3(pfS0tS0nTB0t, s0.t, nx.t, b0.t),
			feat3(pfS0tB0pTB0t, s0.t, pv.t, b0.t),
			feat3(pfPunctS0tB0t, pc, s0.t, b0.t),
			feat1(pfPunct, pc),
		)
	}
	return out
}

// labelFeatures appends the features for labelling the arc h -> d.
func labelFeatures(c *config, ws []pword, suf []uint64, d, h int, out []uint64) []uint64 {
	pw := func(x int) pword {
		switch {
		case x < 0:
			return noWord
		case x >= c.n:
			return rootWord
		}
		return ws[x]
	}
	dw, hw := pw(d), pw(h)
	dir := uint64(0)
	if d < h {
		dir = 1
	}
	dist := uint64(min(max(h-d, d-h), 6))
	l1 := c.l1[d]
	l1w := pw(l1)
	l1l := -1
	if l1 >= 0 {
		l1l = c.label[l1]
	}
	r1l := -1
	if r1 := c.r1[d]; r1 >= 0 {
		r1l = c.label[r1]
	}
	out = append(out,
		feat1(lfBias, 0),
		feat1(lfDW, dw.w),
		feat1(lfDT, dw.t),
		feat1(lfHW, hw.w),
		feat1(lfHT, hw.t),
		feat1(lfDir, dir),
		feat2(lfDWHW, dw.w, hw.w),
		feat2(lfDTHT, dw.t, hw.t),
		feat3(lfDTHTDir, dw.t, hw.t, dir),
		feat2(lfDWHT, dw.w, hw.t),
		feat2(lfDTHW, dw.t, hw.w),
		feat3(lfDTDirDist, dw.t, dir, dist),
		feat1(lfDL1, labelHash(l1l)),
		feat2(lfDL1W, labelHash(l1l), l1w.w),
		feat1(lfDR1, labelHash(r1l)),
		feat1(lfDLset, c.lset[d]),
		feat1(lfDRset, c.rset[d]),
		feat2(lfDTLset, dw.t, c.lset[d]),
		feat2(lfDTRset, dw.t, c.rset[d]),
		feat2(lfDL1WDT, l1w.w, dw.t),
		feat2(lfHLsetDT, c.lset[h], dw.t),
		feat2(lfHRsetDT, c.rset[h], dw.t),
		feat2(lfHTDL1W, hw.t, l1w.w),
		feat2(lfDPrevT, pw(d-1).t, dw.t),
		feat2(lfDNextT, pw(d+1).t, dw.t),
		feat3(lfHTDTDL1T, hw.t, dw.t, l1w.t),
		feat2(lfDWDir, dw.w, dir),
		feat2(lfHWDir, hw.w, dir),
		feat3(lfDTHTDL1W, dw.t, hw.t, l1w.w),
	)
	if suf != nil && d < len(suf) {
		out = append(out, feat2(lfDSuf, suf[d], dw.t))
	}
	return out
}

package syntax

import (
	"bytes"
	"slices"
	"testing"
)

// naiveScore is score written plainly: each feature's row decoded and
// added class by class.
func naiveScore(w *weights, feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		sp := w.lookup(f)
		switch {
		case sp == 0:
		case sp&denseFlag != 0:
			i := int(sp&^denseFlag) * w.classes
			for c, v := range w.dense[i : i+w.classes] {
				scores[c] += int32(v)
			}
		default:
			for _, e := range w.entries[sp>>8 : sp>>8+sp&0xff] {
				scores[e>>16] += int32(int16(uint16(e)))
			}
		}
	}
}

// TestScoreExact checks the fast scoring against naiveScore on every
// decision of tagging and parsing real sentences, with the features
// repeated to pass the dense rows' flush of the lanes.
func TestScoreExact(t *testing.T) {
	m := Default()
	sents := readEWT(t, "dev")
	if len(sents) > 300 {
		sents = sents[:300]
	}
	s := m.scratch()
	want := make([]int32, max(m.trans.classes, len(m.tagger.tags)))
	check := func(w *weights, feats []uint64) {
		got := make([]int32, w.classes)
		s.spans = w.score(feats, s.spans, got)
		naiveScore(w, feats, want[:w.classes])
		if !slices.Equal(got, want[:w.classes]) {
			t.Fatalf("score differs from the plain sum for %d features", len(feats))
		}
	}
	decisions := 0
	for _, se := range sents {
		forms := make([]string, len(se.Words))
		for i, w := range se.Words {
			forms[i] = w.Form
		}
		n := len(forms)
		s.tw = m.tagger.prepare(forms, s.tw)
		s.tags = slices.Grow(s.tags[:0], n)[:n]
		for i := range s.tags {
			s.tags[i] = -1
		}
		m.tagger.tagInto(s.tw, s.tags, s)
		p1, p2 := startTag[0], startTag[1]
		for i := range s.tw {
			s.feats = tagFeatures(s.tw, i, p1, p2, s.feats[:0])
			check(m.tagger.w, s.feats)
			p2, p1 = p1, tagHash(int(s.tags[i]))
		}
		s.pw = parserWords(s.tw, s.tags, s.pw)
		c := &s.c
		c.reset(n)
		c.markPunct(forms)
		for !c.done() {
			s.feats = parserFeatures(c, s.pw, s.feats[:0])
			check(m.trans, s.feats)
			decisions++
			s.spans = m.trans.score(s.feats, s.spans, s.mscore)
			c.apply(m.bestJoint(c, s.mscore))
		}
	}
	// a hundred thousand rows: more than one batch of lanes
	var many []uint64
	for len(many) < 3*maxDense {
		many = append(many, s.feats...)
	}
	check(m.trans, many)
	if decisions < 1000 {
		t.Fatalf("only %d decisions checked", decisions)
	}
}

// TestShippedPruning checks that the embedded model is pruned as the
// training defaults say (pruning it again by 300/800 gives its own bytes),
// and that stronger pruning drops features.
func TestShippedPruning(t *testing.T) {
	m := Default()
	var buf bytes.Buffer
	if err := m.PruneParser(300, 800).Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), modelBin) {
		t.Fatal("pruning the embedded model by 300/800 changed it: it was not built with the documented pruning")
	}
	if p := m.PruneParser(300, 1000); p.trans.features() >= m.trans.features() {
		t.Fatalf("row-min 1000 kept %d of %d features", p.trans.features(), m.trans.features())
	}
}

package main

import (
	"errors"
	"testing"
)

func TestCountsFollowTrafilaturasRule(t *testing.T) {
	p := &page{With: []string{"Die GEMA  dreht\nvöllig", "http://www.openpetition.de"}, Without: []string{"Impressum", "31. Mai"}}
	// Whitespace differs (tab, no-break space, newline), one "with" is missing, one "without" is there.
	r := result{Text: "Die GEMA\tdreht\u00a0völlig am Zeiger!\n\nImpressum"}
	if tp, fp, fn, tn := counts(p, r); tp != 1 || fp != 1 || fn != 1 || tn != 1 {
		t.Errorf("counts = %d %d %d %d, want 1 1 1 1", tp, fp, fn, tn)
	}
	// A failed page finds nothing: every "with" missed, every "without" a true negative.
	if tp, fp, fn, tn := counts(p, result{Err: errors.New("boom"), Text: "Impressum"}); tp != 0 || fp != 0 || fn != 2 || tn != 2 {
		t.Errorf("failed page counts = %d %d %d %d", tp, fp, fn, tn)
	}
}

func TestGoldDate(t *testing.T) {
	for in, want := range map[string]string{
		"2019-08-02": "2019-08-02", "2022-11-1": "2022-11-01", "2022-01.26": "2022-01-26",
		"2022-29-11": "2022-11-29", "": "", "2022-02-30": "",
	} {
		if got := goldDate(in); got != want {
			t.Errorf("goldDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScoreDatesAndF1(t *testing.T) {
	pages := []*page{
		{path: "a", With: []string{"alpha"}, Without: []string{"menu"}, Date: "2020-01-02"},
		{path: "b", With: []string{"beta"}, Without: []string{"footer"}, Date: ""},
	}
	s := score(pages, map[string]result{
		"a": {Text: "alpha menu", Published: "2020-01-02"},
		"b": {Text: "", Published: "2021-05-05"},
	})
	if s.tp != 1 || s.fp != 1 || s.fn != 1 || s.tn != 1 || s.withDate != 1 || s.dateOK != 1 || s.dateOnUndated != 1 || s.failures != 1 {
		t.Errorf("scores = %+v", s)
	}
}

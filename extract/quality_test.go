package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/extract/eval"
	"github.com/newsgraph/kg/internal/testdata"
)

// The quality gates: extraction on the annotated corpora, scored by the
// rules of SCHEMA.md, must not fall below the project's targets. The dev
// corpus was tuned on; the news corpus is real articles the rules were not
// written for, so its floor is what extraction reaches there minus a small
// margin (first run on its 24 articles: entity F1 0.917, relation F1 0.464).
const (
	minEntityF1   = 0.95
	minRelationF1 = 0.85

	minNewsEntityF1   = 0.90
	minNewsRelationF1 = 0.60 // kg-extract-8 reaches 0.632
)

// The project's own annotated sets (testdata/*/README.md), each floored at
// what kg-extract-8 reaches minus a small margin. First runs, before anyone
// read the set: blind2 relation F1 0.435 (kg-extract-4), blind3 0.546
// (kg-extract-5).
var ownSets = []struct {
	dir                    string
	minEntity, minRelation float64
}{
	{"heldout", 0.95, 0.88}, // reaches 0.979 / 0.902
	{"blind", 0.93, 0.69},   // 0.952 / 0.713
	{"blind2", 0.92, 0.54},  // 0.940 / 0.562
	{"blind3", 0.89, 0.57},  // 0.918 / 0.591
}

func TestOwnSetsQuality(t *testing.T) {
	for _, set := range ownSets {
		r := evalDir(t, filepath.Join("..", "testdata", set.dir))
		if r.Entities.F1 < set.minEntity {
			t.Errorf("%s: entity F1 %.3f < %.2f", set.dir, r.Entities.F1, set.minEntity)
		}
		if r.Relations.F1 < set.minRelation {
			t.Errorf("%s: relation F1 %.3f < %.2f", set.dir, r.Relations.F1, set.minRelation)
		}
	}
}

func evalDev(t *testing.T) eval.Report {
	return evalDir(t, testdata.DevCorpus(t))
}

func evalDir(t *testing.T, dir string) eval.Report {
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := eval.Dir(dir, x.Extract)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDevCorpusQuality(t *testing.T) {
	r := evalDev(t)
	if testing.Verbose() || os.Getenv("KG_EVAL_DIAG") != "" {
		r.WriteTable(os.Stdout)
		if os.Getenv("KG_EVAL_DIAG") != "" {
			r.WriteDiagnostics(os.Stdout)
		}
	}
	if r.Entities.F1 < minEntityF1 {
		t.Errorf("entity F1 %.3f < %.2f", r.Entities.F1, minEntityF1)
	}
	if r.Relations.F1 < minRelationF1 {
		t.Errorf("relation F1 %.3f < %.2f", r.Relations.F1, minRelationF1)
	}
}

func TestNewsCorpusQuality(t *testing.T) {
	dir := filepath.Join(filepath.Dir(testdata.DevCorpus(t)), "news")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no news corpus beside the dev corpus: %v", err)
	}
	r := evalDir(t, dir)
	if testing.Verbose() {
		r.WriteTable(os.Stdout)
	}
	if r.Entities.F1 < minNewsEntityF1 {
		t.Errorf("news entity F1 %.3f < %.2f", r.Entities.F1, minNewsEntityF1)
	}
	if r.Relations.F1 < minNewsRelationF1 {
		t.Errorf("news relation F1 %.3f < %.2f", r.Relations.F1, minNewsRelationF1)
	}
}

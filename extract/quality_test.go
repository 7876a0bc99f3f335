package extract_test

import (
	"os"
	"testing"

	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/extract/eval"
	"github.com/newsgraph/kg/internal/testdata"
)

// The quality gate: extraction on the annotated dev corpus, scored by the
// rules of SCHEMA.md, must not fall below the project's targets.
const (
	minEntityF1   = 0.92
	minRelationF1 = 0.75
)

func evalDev(t *testing.T) eval.Report {
	dir := testdata.DevCorpus(t)
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

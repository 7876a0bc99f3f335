// Command train trains the part-of-speech tagger, lemmatiser and dependency
// parser on the UD English Web Treebank and writes the model that package
// syntax embeds. Run it from the repository root:
//
//	go run ./extract/syntax/cmd/train
//
// It trains on the train file, prints scores on the dev file (and on the
// test file with -test) and writes extract/syntax/model.bin. Training is
// deterministic: the same data and flags give the same bytes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/kg/extract/syntax"
)

func main() {
	data := flag.String("data", "../shared/datasets/ud-ewt", "folder with en_ewt-ud-{train,dev,test}.conllu")
	out := flag.String("out", "extract/syntax/model.bin", "model file to write (empty: do not write)")
	tagIters := flag.Int("tag-iters", 10, "tagger training passes")
	parseIters := flag.Int("parse-iters", 15, "parser training passes")
	labeller := flag.Bool("labeller", false, "label arcs with a second classifier instead of joint labelled moves")
	folds := flag.Int("folds", 5, "jackknife folds for the parser's training tags (1: gold tags)")
	explore := flag.Float64("explore", 0.9, "probability of following the parser's own move after pass 1")
	prune := flag.Int("prune", 300, "drop averaged weights below this magnitude (1/32000 of the largest); negative: keep all")
	pruneParser := flag.Int("prune-parser", 300, "the same for the parser's weights (the shipped model: see extract/syntax/README.md)")
	rowMin := flag.Int("parser-row-min", 800, "then drop parser features none of whose weights reaches this magnitude (0: keep all)")
	seed := flag.Uint64("seed", 1, "random seed")
	test := flag.Bool("test", false, "also score the test file (report it once, do not tune on it)")
	flag.Parse()

	read := func(name string) []syntax.Sentence {
		path := filepath.Join(*data, "en_ewt-ud-"+name+".conllu")
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		s, err := syntax.ReadCoNLLU(f)
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		return s
	}
	train := read("train")
	fmt.Printf("training on %d sentences\n", len(train))
	start := time.Now()
	m := syntax.Train(train, syntax.TrainOptions{
		TagIterations: *tagIters, ParseIterations: *parseIters, Folds: *folds,
		Explore: *explore, Seed: *seed, Labeller: *labeller, Prune: *prune, PruneParser: *pruneParser, ParserRowMin: *rowMin,
		Progress: func(stage string, pass, errs, decisions int) {
			if decisions > 0 {
				fmt.Printf("%s pass %2d: %.2f%% moves wrong  (%s)\n", stage, pass, 100*float64(errs)/float64(decisions), time.Since(start).Round(time.Second))
			} else {
				fmt.Printf("%s %d done (%s)\n", stage, pass, time.Since(start).Round(time.Second))
			}
		},
	})
	fmt.Printf("trained in %s\n%s\n", time.Since(start).Round(time.Second), m.Size())
	for _, name := range []string{"dev", "test"} {
		if name == "test" && !*test {
			continue
		}
		s := syntax.Evaluate(m, read(name))
		fmt.Printf("%-5s UPOS %.4f  XPOS %.4f  lemma %.4f  UAS %.4f  LAS %.4f  (%d sentences, %d words)\n",
			name, s.UPOS, s.XPOS, s.Lemma, s.UAS, s.LAS, s.Sentences, s.Tokens)
	}
	if *out == "" {
		return
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, buf.Len())
}

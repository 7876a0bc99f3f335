// Command train trains the named-entity tagger on the GMB sample and writes
// the model that package tagger embeds. Run it from the repository root:
//
//	go run ./extract/tagger/cmd/train
//
// It trains on the first 90% of the sentences, prints span-level scores on
// the held-out last 10% and writes extract/tagger/model.bin. Training is
// deterministic: the same data and flags give the same file.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/kg/extract/tagger"
)

func main() {
	data := flag.String("data", "../shared/datasets/gmb-ner/ner_dataset.csv", "GMB ner_dataset.csv")
	out := flag.String("out", "extract/tagger/model.bin", "model file to write (empty: do not write)")
	iters := flag.Int("iters", 10, "training passes")
	bits := flag.Uint("bits", 16, "log2 of the weight-table rows")
	seed := flag.Uint64("seed", 1, "random seed")
	hintRate := flag.Float64("hints", 0.5, "probability that a gold entity is given as a hint in training (negative: no hints)")
	recase := flag.Float64("recase", 0.03, "probability of each re-casing of a training sentence (negative: none)")
	dev := flag.Bool("dev", false, "tune: train on the first 80%, score on the next 10% (the test tenth stays unseen)")
	flag.Parse()

	sents, err := tagger.LoadGMB(*data)
	if err != nil {
		log.Fatal(err)
	}
	train, test := tagger.Split(sents)
	if *dev {
		train, test = tagger.Split(train)
	}
	fmt.Printf("%d sentences: training on %d, scoring on %d\n", len(sents), len(train), len(test))

	start := time.Now()
	m := tagger.Train(train, tagger.TrainOptions{
		Iterations: *iters,
		Seed:       *seed,
		HashBits:   uint8(*bits),
		HintRate:   *hintRate,
		Recase:     *recase,
		Progress: func(pass, mistakes int) {
			fmt.Printf("pass %2d: %d sentences wrong\n", pass, mistakes)
		},
	})
	fmt.Printf("trained in %s\n\n", time.Since(start).Round(time.Millisecond))

	fmt.Printf("held-out, no hints:\n%s\n", tagger.Evaluate(m, test, nil))
	fmt.Printf("held-out, half the entities hinted (as a gazetteer would):\n%s\n",
		tagger.Evaluate(m, test, goldHints(0.5, *seed)))
	for _, c := range []struct {
		name string
		f    func(string) string
	}{{"UPPER CASE", strings.ToUpper}, {"lower case", strings.ToLower}} {
		fmt.Printf("held-out in %s, no hints:\n%s\n", c.name, tagger.Evaluate(m, recased(test, c.f), nil))
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

// goldHints hints each gold entity with probability p, as a gazetteer that
// knows some of the names would.
func goldHints(p float64, seed uint64) func(tagger.Sentence) []tagger.Label {
	rng := rand.New(rand.NewPCG(seed, 2))
	return func(s tagger.Sentence) []tagger.Label {
		h := make([]tagger.Label, len(s.Words))
		for _, sp := range tagger.Spans(s.Labels) {
			if rng.Float64() < p {
				h[sp.Start] = tagger.B(sp.Type)
				for i := sp.Start + 1; i < sp.End; i++ {
					h[i] = tagger.I(sp.Type)
				}
			}
		}
		return h
	}
}

func recased(sents []tagger.Sentence, f func(string) string) []tagger.Sentence {
	out := make([]tagger.Sentence, len(sents))
	for i, s := range sents {
		w := make([]string, len(s.Words))
		for j := range w {
			w[j] = f(s.Words[j])
		}
		out[i] = tagger.Sentence{Words: w, Labels: s.Labels}
	}
	return out
}

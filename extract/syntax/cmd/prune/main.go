// Command prune rewrites a trained syntax model with a smaller parser: it
// drops the move classifier's (and labeller's) weights below a magnitude,
// which makes the tables fit far better in the cache and the parser
// faster. The tagger is left as it is. Run it from the repository root:
//
//	go run ./extract/syntax/cmd/prune -min 2000
//
// The result is the same, byte for byte, as training with
// go run ./extract/syntax/cmd/train -prune-parser 2000, without the
// minutes of training: weights are quantised before they are pruned.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/newsgraph/kg/extract/syntax"
)

func main() {
	in := flag.String("in", "extract/syntax/model.bin", "model to read")
	out := flag.String("out", "extract/syntax/model.bin", "model to write (empty: do not write)")
	min := flag.Int("min", 2000, "drop parser weights below this magnitude (1/32000 of the largest)")
	rowMin := flag.Int("row-min", 0, "drop parser features none of whose weights reaches this magnitude")
	eval := flag.String("eval", "", "score the result on this CoNLL-U file (tune on dev, not test)")
	flag.Parse()

	f, err := os.Open(*in)
	if err != nil {
		log.Fatal(err)
	}
	m, err := syntax.Load(f)
	f.Close()
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	fmt.Printf("before: %s\n", m.Size())
	m = m.PruneParser(*min, *rowMin)
	fmt.Printf("after:  %s\n", m.Size())
	if *eval != "" {
		g, err := os.Open(*eval)
		if err != nil {
			log.Fatal(err)
		}
		gold, err := syntax.ReadCoNLLU(g)
		g.Close()
		if err != nil {
			log.Fatalf("%s: %v", *eval, err)
		}
		s := syntax.Evaluate(m, gold)
		fmt.Printf("%s: UPOS %.4f  UAS %.4f  LAS %.4f\n", filepath.Base(*eval), s.UPOS, s.UAS, s.LAS)
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

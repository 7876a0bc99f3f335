package tagger

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadGMB reads the CSV export of the Groningen Meaning Bank NER corpus
// (columns "Sentence #,Word,POS,Tag", Latin-1, one token per row, the
// sentence number only on a sentence's first row). Tags per, org, geo and
// gpe become PER, ORG, GEO and GPE; tim, art, eve and nat become O (too
// few, or of no use to the graph). An I- tag that continues nothing is read
// as B-.
func ReadGMB(r io.Reader) ([]Sentence, error) {
	cr := csv.NewReader(latin1Reader{bufio.NewReader(r)})
	cr.FieldsPerRecord = 4
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil { // header
		return nil, fmt.Errorf("gmb: %w", err)
	}
	var out []Sentence
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gmb: %w", err)
		}
		if rec[0] != "" || len(out) == 0 {
			out = append(out, Sentence{})
		}
		s := &out[len(out)-1]
		l, ok := ParseLabel(rec[3])
		if !ok {
			if len(rec[3]) < 3 || !droppedGMBTypes[rec[3][2:]] {
				return nil, fmt.Errorf("gmb: sentence %d: unknown tag %q", len(out), rec[3])
			}
			l = O
		}
		prev := O
		if len(s.Labels) > 0 {
			prev = s.Labels[len(s.Labels)-1]
		}
		if !follows(prev, l) {
			l = B(l.Type())
		}
		s.Words = append(s.Words, strings.Clone(rec[1]))
		s.Labels = append(s.Labels, l)
	}
	for i := range out {
		stripTitles(&out[i])
	}
	return out, nil
}

// personTitles are the words of titles that GMB puts inside person names
// ("President Bush", "Prime Minister Tony Blair", "Mr. Annan").
var personTitles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`mr. mrs. ms. dr. president prime minister vice
		general gen. senator sen. king queen prince princess pope chancellor
		secretary mayor ayatollah prophet foreign defense defence interior
		finance governor gov. lieutenant lt. colonel col. major maj. captain
		capt. admiral adm. sergeant sgt. sheikh cardinal archbishop bishop
		rev. reverend judge justice ambassador envoy commander chief premier
		deputy of state national security adviser advisor spokesman
		spokeswoman representative rep. emir sultan crown president-elect
		secretary-general`) {
		personTitles[w] = true
	}
}

// stripTitles moves titles out of person names, so that the tagger finds
// the name an analyst looks for ("Tony Blair"); the pipeline reads roles
// from the words before a name.
func stripTitles(s *Sentence) {
	for _, sp := range Spans(s.Labels) {
		if sp.Type != PER {
			continue
		}
		i := sp.Start
		for i < sp.End-1 && personTitles[strings.ToLower(s.Words[i])] {
			s.Labels[i] = O
			i++
		}
		s.Labels[i] = B(PER)
	}
}

// droppedGMBTypes are the GMB types read as O.
var droppedGMBTypes = map[string]bool{"tim": true, "art": true, "eve": true, "nat": true}

// LoadGMB reads the GMB sample file at path and drops its last sentence,
// which the sample cuts off.
func LoadGMB(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadGMB(f)
	if len(s) > 0 {
		s = s[:len(s)-1]
	}
	return s, err
}

// Split divides sentences into training and held-out parts: the held-out
// part is the last tenth, whole documents the model never saw.
func Split(sentences []Sentence) (train, heldOut []Sentence) {
	cut := len(sentences) - len(sentences)/10
	return sentences[:cut], sentences[cut:]
}

// latin1Reader decodes ISO 8859-1 to UTF-8: each byte is the rune of the
// same number.
type latin1Reader struct{ r *bufio.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n+2 <= len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b < 0x80 {
			p[n] = b
			n++
		} else {
			p[n], p[n+1] = 0xC0|b>>6, 0x80|b&0x3F
			n += 2
		}
	}
	return n, nil
}

// PRF is precision, recall and F1 of entity spans.
type PRF struct {
	Gold, Predicted, Correct int
}

func (s PRF) Precision() float64 { return ratio(s.Correct, s.Predicted) }
func (s PRF) Recall() float64    { return ratio(s.Correct, s.Gold) }
func (s PRF) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are span-level scores, overall and per type: a predicted entity
// is correct when its start, end and type all equal a gold entity's.
type Scores struct {
	Overall PRF
	ByType  [numTypes]PRF // indexed by Type; ByType[None] is unused
}

// Evaluate tags sentences with m, passing the hints that hints returns for
// each (hints may be nil), and scores the entities found.
func Evaluate(m *Model, sentences []Sentence, hints func(Sentence) []Label) Scores {
	var sc Scores
	var out []Label
	for _, s := range sentences {
		var h []Label
		if hints != nil {
			h = hints(s)
		}
		out = m.TagInto(out, s.Words, h)
		sc.add(Spans(s.Labels), Spans(out))
	}
	return sc
}

func (sc *Scores) add(gold, pred []Span) {
	correct := make(map[Span]bool, len(gold))
	for _, g := range gold {
		correct[g] = true
		sc.Overall.Gold++
		sc.ByType[g.Type].Gold++
	}
	for _, p := range pred {
		sc.Overall.Predicted++
		sc.ByType[p.Type].Predicted++
		if correct[p] {
			sc.Overall.Correct++
			sc.ByType[p.Type].Correct++
		}
	}
}

// String formats the scores as a table.
func (sc Scores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %6s %6s %6s %6s\n", "type", "P", "R", "F1", "gold")
	row := func(name string, s PRF) {
		fmt.Fprintf(&b, "%-8s %6.3f %6.3f %6.3f %6d\n", name, s.Precision(), s.Recall(), s.F1(), s.Gold)
	}
	for t := PER; t < numTypes; t++ {
		row(t.String(), sc.ByType[t])
	}
	row("overall", sc.Overall)
	return b.String()
}

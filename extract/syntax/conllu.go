package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence, as a CoNLL-U line holds it.
// Head is the 1-based index of the head word, 0 for the root.
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int
	Deprel                         string
	Misc                           string
}

// Sentence is one CoNLL-U sentence: its comment lines and its words.
// Multiword tokens ("don't" = do + n't) are kept as ranges over Words.
type Sentence struct {
	Comments []string
	Words    []Word
	Multi    []MultiToken
}

// MultiToken is a CoNLL-U range line: the surface token of Words[First-1:Last].
type MultiToken struct {
	First, Last int
	Form        string
	Misc        string
}

// ReadCoNLLU reads every sentence of r. Empty nodes (IDs such as 8.1) are
// skipped: they belong to the enhanced graph, not to the basic tree. An error
// names the line.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Sentence
	var cur Sentence
	line := 0
	flush := func() error {
		if len(cur.Words) == 0 && len(cur.Comments) == 0 {
			return nil
		}
		for i, w := range cur.Words {
			if w.Head < 0 || w.Head > len(cur.Words) {
				return fmt.Errorf("line %d: word %d has head %d outside the sentence", line, i+1, w.Head)
			}
		}
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if strings.HasPrefix(t, "#") {
			cur.Comments = append(cur.Comments, t)
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d fields, CoNLL-U has 10", line, len(f))
		}
		id := f[0]
		if strings.Contains(id, ".") {
			continue
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || last < first {
				return nil, fmt.Errorf("line %d: bad range %q", line, id)
			}
			cur.Multi = append(cur.Multi, MultiToken{First: first, Last: last, Form: f[1], Misc: f[9]})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("line %d: word id %q, expected %d", line, id, len(cur.Words)+1)
		}
		head := -1
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return nil, fmt.Errorf("line %d: head %q is not a number", line, f[6])
			}
		}
		cur.Words = append(cur.Words, Word{Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, Deprel: f[7], Misc: f[9]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteCoNLLU writes s in CoNLL-U, with its multiword token ranges.
func WriteCoNLLU(w io.Writer, s Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	m := 0
	for i, wd := range s.Words {
		for m < len(s.Multi) && s.Multi[m].First == i+1 {
			mt := s.Multi[m]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", mt.First, mt.Last, field(mt.Form), field(mt.Misc))
			m++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", i+1, field(wd.Form), field(wd.Lemma),
			field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.Deprel), field(wd.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

// field makes a value safe for one CoNLL-U column.
func field(s string) string {
	if s == "" {
		return "_"
	}
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return s
}

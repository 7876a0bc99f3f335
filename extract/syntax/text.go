package syntax

import (
	"fmt"

	"github.com/newsgraph/kg/extract/text"
)

// ParseText splits an article's text into sentences with the extractor's
// tokenizer and parses each one. Tokens that split into several words are
// kept as multiword tokens; SpaceAfter=No marks tokens written together.
// id names the sentences (id-1, id-2, ...).
func (m *Model) ParseText(id, body string) []Sentence {
	var out []Sentence
	for _, s := range text.Split(body) {
		toks := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			toks[i] = t.Text
		}
		words, tokenOf := Words(toks)
		parsed := m.Parse(words)
		sent := Sentence{
			Comments: []string{fmt.Sprintf("# sent_id = %s-%d", id, s.Index+1), "# text = " + s.Text},
			Words:    parsed,
		}
		for i := 0; i < len(words); {
			j := i
			for j+1 < len(words) && tokenOf[j+1] == tokenOf[i] {
				j++
			}
			t := tokenOf[i]
			glued := t+1 < len(s.Tokens) && s.Tokens[t+1].Start == s.Tokens[t].End
			misc := ""
			if glued {
				misc = "SpaceAfter=No"
			}
			if j > i {
				sent.Multi = append(sent.Multi, MultiToken{First: i + 1, Last: j + 1, Form: s.Tokens[t].Text, Misc: misc})
			} else {
				sent.Words[i].Misc = misc
			}
			i = j + 1
		}
		out = append(out, sent)
	}
	return out
}

package extract

import "github.com/newsgraph/kg/graph"

// tagger is the statistical recogniser: it proposes typed spans for names
// no list or rule knows. It runs last and loses every tie.
type tagger interface {
	spans(words []string) []taggedSpan
}

type taggedSpan struct {
	start, end int
	typ        graph.EntityType
}

func defaultTagger() tagger { return nil }

// taggerMentions adds the tagger's spans as candidates.
func (x *Extractor) taggerMentions(s *sentence, out []*mention) []*mention {
	if x.tagger == nil {
		return out
	}
	words := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		words[i] = t.Text
	}
	for _, sp := range x.tagger.spans(words) {
		out = append(out, &mention{sent: s.Index, start: sp.start, end: sp.end, typ: sp.typ,
			text: s.span(sp.start, sp.end), rule: "tagger"})
	}
	return out
}

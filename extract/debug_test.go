package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/kg/article"
)

// TestDebugUnits prints the mentions, units and relations of the text in
// KG_DEBUG_TEXT (a file path or the text itself). A development aid: it
// skips when the variable is unset.
func TestDebugUnits(t *testing.T) {
	in := os.Getenv("KG_DEBUG_TEXT")
	if in == "" {
		t.Skip("set KG_DEBUG_TEXT to a file or a text to see how it is read")
	}
	if b, err := os.ReadFile(in); err == nil {
		in = string(b)
	}
	x, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := x.analyse(in, "", &buffers{}, "debug")
	for i, s := range st.sents {
		fmt.Printf("[%d] %s\n", i, s.Text)
		v := &sentenceView{s: s, units: st.buildUnits(s, st.mentions[i])}
		v.index()
		st.addReferences(v, i)
		for _, u := range v.units {
			var mods []string
			for _, m := range u.mods {
				mods = append(mods, m.name)
			}
			head := "<nil>"
			if u.head != nil {
				head = fmt.Sprintf("%s/%s", u.head.name, u.head.typ)
			}
			fmt.Printf("    unit %q head=%s mods=%v role=%q poss=%v roleRef=%v family=%q pron=%v\n",
				s.span(u.start, u.end), head, mods, u.role, u.possessive, u.roleRef, u.family, u.pronoun)
		}
	}
	if os.Getenv("KG_DEBUG_PARSE") != "" {
		for _, sc := range st.candidates(true) {
			v := sc.view
			fmt.Printf("PARSE [%d]\n", sc.sent)
			for k, w := range v.Tokens {
				fmt.Printf("    %d\t%s\t%s\t%s\t%d\t%s\t%s\n", k, w, v.Lemmas[k], v.UPOS[k], v.Heads[k], v.Deprels[k], v.Cues[k])
			}
		}
	}
	doc := x.Extract(article.Article{ID: "debug", Text: in})
	names := map[string]string{}
	for _, e := range doc.Entities {
		names[e.ID] = e.Name
	}
	for _, r := range doc.Relations {
		fmt.Printf("REL %s %s %s (%s, %.2f) %s\n", names[r.Source], r.Type, names[r.Target], r.Rule, r.Confidence, strings.TrimSpace(r.Sentence[:min(60, len(r.Sentence))]))
	}
}

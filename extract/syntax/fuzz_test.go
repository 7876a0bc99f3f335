package syntax

import (
	"strings"
	"testing"
)

// FuzzParse checks the parser on arbitrary sentences: one Word per form,
// heads in range, exactly one root, no cycles, a label on every word; and
// the token tree built from it well formed too.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Iran 's foreign minister met his Omani counterpart in Muscat .",
		"They did n't say .",
		"?", "the the the the", ". , ; :", "Talks resume Monday , officials said , in Geneva",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z",
	} {
		f.Add(s)
	}
	m := Default()
	f.Fuzz(func(t *testing.T, s string) {
		tokens := strings.Fields(s)
		if len(tokens) > 400 {
			tokens = tokens[:400]
		}
		words, tokenOf := Words(tokens)
		if len(tokenOf) != len(words) {
			t.Fatalf("Words gave %d words, %d token indexes", len(words), len(tokenOf))
		}
		if strings.Join(words, "") != strings.Join(tokens, "") {
			t.Fatalf("Words(%q) = %q: not the same characters", tokens, words)
		}
		parsed := m.Parse(words)
		if len(parsed) != len(words) {
			t.Fatalf("Parse gave %d words for %d", len(parsed), len(words))
		}
		if len(words) == 0 {
			return
		}
		heads := make([]int, len(parsed))
		for i, w := range parsed {
			if w.Form != words[i] || w.Deprel == "" {
				t.Fatalf("word %d %+v for form %q", i, w, words[i])
			}
			heads[i] = w.Head - 1 // -1: root
		}
		checkHeads(t, heads, "word")
		th, labels := TokenTree(parsed, tokenOf, len(tokens))
		for i := range labels {
			if labels[i] == "" {
				t.Fatalf("token %d has no label", i)
			}
		}
		checkHeads(t, th, "token")
		tp := m.ParseTokens(tokens)
		if len(tp.Heads) != len(tokens) || len(tp.Lemmas) != len(tokens) || len(tp.UPOS) != len(tokens) {
			t.Fatalf("ParseTokens lengths %d %d %d for %d tokens", len(tp.Heads), len(tp.Lemmas), len(tp.UPOS), len(tokens))
		}
	})
}

// checkHeads checks heads (index of the head, -1 for the root): in range,
// one root, every node reaching the root without a cycle.
func checkHeads(t *testing.T, heads []int, what string) {
	t.Helper()
	roots := 0
	for i, h := range heads {
		if h < -1 || h >= len(heads) || h == i {
			t.Fatalf("%s %d has head %d of %d", what, i, h, len(heads))
		}
		if h == -1 {
			roots++
		}
	}
	if roots != 1 {
		t.Fatalf("%d roots among %d %ss: %v", roots, len(heads), what, heads)
	}
	for i := range heads {
		j, steps := i, 0
		for heads[j] != -1 {
			j = heads[j]
			if steps++; steps > len(heads) {
				t.Fatalf("%s %d is in a cycle: %v", what, i, heads)
			}
		}
	}
}

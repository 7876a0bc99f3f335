package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"Iran's foreign minister met Mr. Smith in Muscat. Talks resume on Jan. 5, says U.S. envoy.",
	"\"We will respond,\" said Gen. Hossein Salami.\nSecond paragraph — F/A-18E and Khorramshahr-4 missiles.",
	"Tehran’s drones hit 3.5% of targets… (officials said.) Really?! Yes.",
	"", "\n\n", " . . . ", "\xff\xfe invalid \xc3", "A.B.C.D. e.g. i.e. etc.",
}

// FuzzSplit checks the sentence splitter and tokenizer: offsets inside the
// text and in order, each token's text the bytes it spans, every token
// inside its sentence, sentences never crossing a line break.
func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := Split(s)
		prevEnd := 0
		for i, st := range sents {
			if st.Index != i {
				t.Fatalf("sentence %d has index %d", i, st.Index)
			}
			if len(st.Tokens) > MaxSentenceTokens {
				t.Fatalf("sentence %d has %d tokens", i, len(st.Tokens))
			}
			if st.Start < prevEnd || st.Start > st.End || st.End > len(s) {
				t.Fatalf("sentence %d spans [%d,%d) after %d in %d bytes", i, st.Start, st.End, prevEnd, len(s))
			}
			if st.Text != s[st.Start:st.End] {
				t.Fatalf("sentence %d text %q, bytes %q", i, st.Text, s[st.Start:st.End])
			}
			if strings.Contains(st.Text, "\n") {
				t.Fatalf("sentence %d crosses a line: %q", i, st.Text)
			}
			if len(st.Tokens) == 0 {
				t.Fatalf("sentence %d has no tokens", i)
			}
			prev := st.Start
			for j, tok := range st.Tokens {
				if tok.Start < prev || tok.End <= tok.Start || tok.End > st.End {
					t.Fatalf("sentence %d token %d spans [%d,%d) after %d, sentence [%d,%d)", i, j, tok.Start, tok.End, prev, st.Start, st.End)
				}
				if tok.Text != s[tok.Start:tok.End] {
					t.Fatalf("token %q at [%d,%d) is %q", tok.Text, tok.Start, tok.End, s[tok.Start:tok.End])
				}
				if strings.TrimSpace(tok.Text) == "" {
					t.Fatalf("blank token %q", tok.Text)
				}
				prev = tok.End
			}
			prevEnd = st.End
		}
		if utf8.ValidString(s) {
			for _, st := range sents {
				if !utf8.ValidString(st.Text) {
					t.Fatalf("valid input gave invalid sentence %q", st.Text)
				}
			}
		}
	})
}

// FuzzTokenize checks Tokenize on one line at an offset.
func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 0)
	}
	f.Add("didn't can't 42km", 1000)
	f.Fuzz(func(t *testing.T, s string, base int) {
		if base < 0 || base > 1<<30 {
			return
		}
		prev := base
		for _, tok := range Tokenize(s, base) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > base+len(s) {
				t.Fatalf("token [%d,%d) after %d, line [%d,%d)", tok.Start, tok.End, prev, base, base+len(s))
			}
			if tok.Text != s[tok.Start-base:tok.End-base] {
				t.Fatalf("token %q is not its bytes", tok.Text)
			}
			if tok.Kind > Possessive {
				t.Fatalf("token %q has kind %d", tok.Text, tok.Kind)
			}
			prev = tok.End
		}
	})
}

// No sentence has more than MaxSentenceTokens tokens, and cutting a long
// one loses no token.
func TestLongSentenceIsCut(t *testing.T) {
	s := strings.Repeat("word ", 5*MaxSentenceTokens+7)
	sents := Split(s)
	n := 0
	for _, st := range sents {
		if len(st.Tokens) > MaxSentenceTokens {
			t.Fatalf("sentence of %d tokens", len(st.Tokens))
		}
		n += len(st.Tokens)
	}
	if n != 5*MaxSentenceTokens+7 || len(sents) != 6 {
		t.Fatalf("%d tokens in %d sentences", n, len(sents))
	}
}

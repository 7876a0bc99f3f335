package text

import (
	"reflect"
	"testing"
)

func words(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := map[string][]string{
		"Iran's S-400 batteries":                 {"Iran", "'s", "S-400", "batteries"},
		"Tehran’s nuclear program, U.S. forces.": {"Tehran", "’s", "nuclear", "program", ",", "U.S.", "forces", "."},
		"the Houthis' attacks on F/A-18E jets":   {"the", "Houthis", "'", "attacks", "on", "F/A-18E", "jets"},
		"“Khorramshahr-4,” 1,200 km, 60% of it":  {"“", "Khorramshahr-4", ",", "”", "1,200", "km", ",", "60%", "of", "it"},
		"O'Brien didn't say":                     {"O'Brien", "didn't", "say"},
		"Mr. Grossi met Gen. Smith":              {"Mr.", "Grossi", "met", "Gen.", "Smith"},
		"Erdoğan visited Çırağan Palace":         {"Erdoğan", "visited", "Çırağan", "Palace"},
		"Iranian-backed, NATO-led, state-run":    {"Iranian", "-", "backed", ",", "NATO", "-", "led", ",", "state-run"},
		"Saudi-leds Al-Qaeda-linked":             {"Saudi-leds", "Al-Qaeda", "-", "linked"},
	}
	for in, want := range cases {
		if got := words(Tokenize(in, 0)); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "Intro line\nThe U.S. Navy’s carrier."
	for _, sent := range Split(s) {
		for _, tok := range sent.Tokens {
			if s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token %q has offsets %d:%d = %q", tok.Text, tok.Start, tok.End, s[tok.Start:tok.End])
			}
		}
		if s[sent.Start:sent.End] != sent.Text {
			t.Fatalf("sentence offsets wrong: %q", sent.Text)
		}
	}
}

func TestSplit(t *testing.T) {
	cases := map[string][]string{
		"Mr. Smith met Donald J. Trump in the U.S. capital. Then he left.": {
			"Mr. Smith met Donald J. Trump in the U.S. capital.", "Then he left."},
		"He said: “We are ready.” The talks resumed on Monday.": {
			"He said: “We are ready.”", "The talks resumed on Monday."},
		"Forces were sent to the U.S. The next day, talks began.": {
			"Forces were sent to the U.S.", "The next day, talks began."},
		"Why It Matters\nThe carrier arrived in the Red Sea on Jan. 5. It stayed.": {
			"Why It Matters", "The carrier arrived in the Red Sea on Jan. 5.", "It stayed."},
		"Is it over? Not yet! 1,000 troops remain.":         {"Is it over?", "Not yet!", "1,000 troops remain."},
		"The U.N. Security Council met.\n\n\nNothing else.": {"The U.N. Security Council met.", "Nothing else."},
	}
	for in, want := range cases {
		var got []string
		for _, s := range Split(in) {
			got = append(got, s.Text)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	para := "Iranian Foreign Minister Abbas Araghchi met U.S. envoy Steve Witkoff in Muscat on Saturday, officials said. " +
		"The talks, mediated by Oman’s foreign minister, ended without a deal; both sides said they would return.\n"
	var s string
	for i := 0; i < 50; i++ {
		s += para
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Split(s)
	}
}

package norm

import "testing"

func TestKey(t *testing.T) {
	cases := map[string]string{
		"U.S.":                     "us",
		"the United States":        "united states",
		"The  White House":         "white house",
		"Erdoğan":                  "erdogan",
		"Çırağan Palace":           "ciragan palace",
		"Khorramshahr-4":           "khorramshahr 4",
		"Al-Alam Palace":           "al alam palace",
		"theocracy":                "theocracy",
		"  F/A-18E Super Hornet  ": "f a 18e super hornet",
		"Busaidi’s":                "busaidis",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

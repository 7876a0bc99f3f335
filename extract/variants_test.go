package extract

import (
	"testing"

	"github.com/newsgraph/kg/extract/norm"
)

func TestFoldWord(t *testing.T) {
	for _, c := range [][2]string{
		{"pashinian", "pashinyan"}, {"zelenskiy", "zelenskyy"}, {"zelensky", "zelenskyy"},
		{"qaddafi", "kaddafi"}, {"khamenei", "hamenei"}, {"lavroff", "lavrov"},
	} {
		if norm.Fold(c[0]) != norm.Fold(c[1]) {
			t.Errorf("norm.Fold(%q) = %q, norm.Fold(%q) = %q: want equal", c[0], norm.Fold(c[0]), c[1], norm.Fold(c[1]))
		}
	}
	for _, c := range [][2]string{{"hassan", "hussein"}, {"petro", "pedro"}} {
		if norm.Fold(c[0]) == norm.Fold(c[1]) {
			t.Errorf("Fold folds %q and %q together", c[0], c[1])
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"hegseth", "hagsth", 2}, {"grossi", "grosi", 1}} {
		if got := norm.Distance(c.a, c.b); got != c.d {
			t.Errorf("norm.Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestSpellingVariantsAndKin(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "transliteration of a listed name, and its surname echoed later",
			text:    "Armenian Prime Minister Nikol Pashinian met Azerbaijani President Ilham Aliyev on Friday. Pashinian said peace was near.",
			want:    []string{"Person=Nikol Pashinyan", "Person:Pashinian"},
			wantNot: []string{"Person=Nikol Pashinian", "Person=Pashinian"},
		},
		{
			name:    "middle initial and generation number",
			text:    "Former Defense Secretary Lloyd J. Austin III spoke at the forum.",
			want:    []string{"Person=Lloyd Austin"},
			wantNot: []string{"Person=Lloyd J. Austin III"},
		},
		{
			name:    "a one-letter typo in a long surname",
			text:    "President Volodymyr Zelenskiy said Ukraine would fight on. UN nuclear chief Rafael Grosi visited the plant.",
			want:    []string{"Person=Volodymyr Zelenskyy", "Person=Rafael Grossi"},
			wantNot: []string{"Person=Rafael Grosi"},
		},
		{
			name:    "a different given name is a different person",
			text:    "Colombian President Gustavo Petro defended his son Nicolás Petro on Monday.",
			want:    []string{"Person=Gustavo Petro", "Person=Nicolás Petro", "Nicolás Petro RELATIVE_OF Gustavo Petro"},
			wantNot: []string{"Person=Petro"},
		},
		{
			name: "Jr. names another person",
			text: "Donald Trump Jr. campaigned for President Donald Trump in Ohio.",
			want: []string{"Person=Donald Trump Jr.", "Person=Donald Trump"},
		},
		{
			name: "two people sharing a family name stay two",
			text: "Kim Yo Jong, the sister of Kim Jong Un, issued a statement.",
			want: []string{"Person=Kim Yo Jong", "Person=Kim Jong Un"},
		},
		{
			name: "similar but different given names are not merged",
			text: "Iraqi Foreign Minister Mohammed Hussein met Interior Minister Mohammed Hassan in Baghdad.",
			want: []string{"Person=Mohammed Hussein", "Person=Mohammed Hassan"},
		},
	})
}

func TestNameForms(t *testing.T) {
	check(t, []mechanismCase{
		{
			name: "a listed name without its possessive",
			text: "Hezbollah drones can be taken down by the Iron Dome or by David Sling, the army said.",
			want: []string{"Weapon=David's Sling"}, wantNot: []string{"Person:David Sling"},
		},
		{
			name: "a corporate suffix names an organization",
			text: "The Treasury placed Blue Harbour Logistics S.A. and Nordwind Shipping Ltd on its list.",
			want: []string{"Organization:Blue Harbour Logistics S.A.", "Organization:Nordwind Shipping Ltd"},
		},
	})
}

// A name one edit further from a listed person than the typo budget is
// that person only when the title before it is one the person holds.
func TestTitledVariant(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "a held title allows one more edit",
			text:    "The minister cited a warning by US Defense Secretary Pete Hagsth about the Houthis.",
			want:    []string{"Person=Pete Hegseth"},
			wantNot: []string{"Person=Pete Hagsth"},
		},
		{
			name:    "negative: the same spelling without the title stays apart",
			text:    "The letter was signed by Pete Hagsth, a farmer from Ohio.",
			want:    []string{"Person=Pete Hagsth"},
			wantNot: []string{"Person=Pete Hegseth"},
		},
		{
			name:    "negative: a title the listed person does not hold",
			text:    "Health Minister Pete Hagsth opened the clinic.",
			wantNot: []string{"Person=Pete Hegseth"},
		},
	})
}

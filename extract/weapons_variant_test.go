package extract

import (
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

func TestVariantOf(t *testing.T) {
	for _, c := range []struct {
		s, f string
		want bool
	}{
		{"f 35a", "f 35", true},
		{"su 30mk2", "su 30", true},
		{"f 15e strike eagle", "f 15", true},
		{"iskander m", "iskander", true},
		{"leopard 2a4", "leopard 2", true},
		{"f 35", "f 35", false},
		{"f 35", "f 35a", false},
		{"tu 22m", "tu 22m3", false},
		{"f 350", "f 35", false}, // a digit: another number, not a variant
		{"iris t slm", "iris t", false},
		{"mig 31k", "su 31", false},
	} {
		if got := variantOf(c.s, c.f); got != c.want {
			t.Errorf("variantOf(%q, %q) = %v, want %v", c.s, c.f, got, c.want)
		}
	}
}

func weapons(t *testing.T, id, text string) map[string]graph.Entity {
	t.Helper()
	d := extractor(t).Extract(article.Article{ID: id, Text: text})
	out := map[string]graph.Entity{}
	for _, e := range d.Entities {
		if e.Type == graph.Weapon {
			out[e.Name] = e
		}
	}
	return out
}

// A designation with a variant letter is its own weapon: F-35A and F-35C
// are two nodes, in one article and across articles, and neither is the
// F-35 family's entry; only the text can say a variant is the family.
func TestWeaponVariants(t *testing.T) {
	a := weapons(t, "one", "Japan flew F-35A fighters over the sea while the carrier launched F-35C jets.")
	b := weapons(t, "two", "Poland received its first F-35A fighters at Lask.")
	fa, fc := a["F-35A"], a["F-35C"]
	if fa.ID != "weapon:f-35a" || fc.ID != "weapon:f-35c" {
		t.Fatalf("two variants in one sentence: %+v", a)
	}
	if _, ok := a["F-35"]; ok {
		t.Errorf("the F-35 family took a variant: %+v", a)
	}
	if fa.Category != "aircraft" || fa.Wikidata != "" {
		t.Errorf("F-35A: category %q, wikidata %q; want the family's category, no QID of its own", fa.Category, fa.Wikidata)
	}
	if b["F-35A"].ID != fa.ID {
		t.Errorf("F-35A in two articles: %q and %q", fa.ID, b["F-35A"].ID)
	}
	// The family named bare stays the family, beside the variant.
	c := weapons(t, "three", "Greece ordered F-35A jets; the F-35 program is run by Lockheed Martin.")
	if c["F-35A"].ID != "weapon:f-35a" || c["F-35"].ID == "" || c["F-35"].ID == c["F-35A"].ID {
		t.Errorf("family and variant in one article: %+v", c)
	}
	// The text says they are one.
	d := weapons(t, "four", "Poland flies the F-35 (F-35A) from Lask. The F-35A arrived in 2024.")
	if len(d) != 1 || d["F-35"].ID == "" {
		t.Errorf("the F-35 (F-35A): want one weapon, the family: %+v", d)
	}
	// A less specific form of a listed variant entry is that entry.
	e := weapons(t, "five", "Russian Tu-22M bombers flew over the Baltic.")
	if e["Tu-22M3"].ID == "" {
		t.Errorf("Tu-22M: want the Tu-22M3 entry: %+v", e)
	}
	// A dash-letter variant.
	f := weapons(t, "six", "Russia fired an Iskander-M missile and an Iskander-K cruise missile.")
	if f["Iskander-M"].ID == "" || f["Iskander-K"].ID == "" || f["Iskander-M"].ID == f["Iskander-K"].ID {
		t.Errorf("Iskander-M and Iskander-K: %+v", f)
	}
}

package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

// FuzzExtract runs the whole extractor on arbitrary text: the document
// validates (schema types, endpoints among its entities), entities have
// names, every evidence sentence is a piece of the text, and everything
// that comes out is valid UTF-8.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Iran and Oman hold talks in Muscat\nOman's foreign minister Badr Albusaidi mediated talks between Iran and the United States in Muscat on Saturday.",
		"Israel attacked Hezbollah positions in southern Lebanon with F-35 jets, the IDF said.\nRussia launched Shahed drones at Kyiv.",
		"President Donald Trump met Vladimir Putin in Alaska. Trump's envoy Steve Witkoff criticized Hamas.",
		"The European Union sanctioned Iran. Brussels demanded the release of prisoners.",
		"", "\n\n\n", "U.S. U.S. U.S.", "Mr. Mr. Mr. Gen. Lt.", "\xff\xfeinvalid \xc3( UTF-8 Iran",
		"Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran Iran",
	} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		doc := x.Extract(article.Article{ID: "fuzz", Title: "t", Source: "fuzz.txt", Text: s})
		if err := doc.Validate(); err != nil {
			t.Fatalf("document does not validate: %v", err)
		}
		valid := utf8.ValidString(s)
		for _, e := range doc.Entities {
			if strings.TrimSpace(e.Name) == "" {
				t.Fatalf("entity %s has no name", e.ID)
			}
			if valid && (!utf8.ValidString(e.Name) || !utf8.ValidString(e.ID)) {
				t.Fatalf("entity %q (%q) is not valid UTF-8", e.Name, e.ID)
			}
			for _, a := range e.Aliases {
				if valid && !utf8.ValidString(a) {
					t.Fatalf("alias %q is not valid UTF-8", a)
				}
			}
		}
		for _, r := range doc.Relations {
			if r.Origin == graph.OriginText && (r.Sentence == "" || !strings.Contains(s, r.Sentence)) {
				t.Fatalf("%s relation's sentence %q is not in the text", r.Type, r.Sentence)
			}
			if r.Confidence < 0 || r.Confidence > 1 {
				t.Fatalf("%s relation has confidence %v", r.Type, r.Confidence)
			}
			if r.Type.Symmetric() && r.Target < r.Source {
				t.Fatalf("symmetric %s relation not in canonical order", r.Type)
			}
		}
	})
}

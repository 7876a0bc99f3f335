package extract

import (
	"strings"
	"testing"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

func TestGenericBody(t *testing.T) {
	for in, want := range map[string]string{
		"foreign ministry":                 "foreign-ministry",
		"ministry of foreign affairs":      "foreign-ministry",
		"the ministry of external affairs": "foreign-ministry",
		"foreign office":                   "foreign-ministry",
		"ministry of national defense":     "defence-ministry",
		"defence ministry":                 "defence-ministry",
		"ministry of the interior":         "interior-ministry",
		"ministry of public health":        "health-ministry",
		"joint chiefs of staff":            "joint-chiefs-of-staff",
		"coast guard":                      "coast-guard",
		"gaza health ministry":             "", // a name of its own
		"ministry of state security":       "",
		"revolutionary guard":              "",
		"ministry":                         "",
	} {
		got, _, _ := genericBody(strings.Fields(in))
		if got != want {
			t.Errorf("genericBody(%q) = %q, want %q", in, got, want)
		}
	}
}

// orgIDs extracts text as an article of the given id and returns the ids
// of its organizations by name.
func orgIDs(t *testing.T, id, text string) map[string]string {
	t.Helper()
	d := extractor(t).Extract(article.Article{ID: id, Text: text})
	out := map[string]string{}
	for _, e := range d.Entities {
		if e.Type == graph.Organization {
			out[e.Name] = e.ID
		}
	}
	return out
}

func TestQualifiedBodiesAcrossArticles(t *testing.T) {
	// Armenia's foreign ministry named two ways in two articles is one
	// node; Azerbaijan's, in the same sentence, is another.
	a := orgIDs(t, "one", "Armenia's Foreign Ministry and Azerbaijan's Foreign Ministry issued a joint statement on Monday.")
	b := orgIDs(t, "two", "The Armenian Ministry of Foreign Affairs said the border talks would resume.")
	arm, aze := a["Armenian Foreign Ministry"], a["Azerbaijani Foreign Ministry"]
	if arm != "organization:foreign-ministry@Q399" || aze != "organization:foreign-ministry@Q227" {
		t.Fatalf("two states' ministries in one sentence: %v", a)
	}
	if b["Armenian Foreign Ministry"] != arm {
		t.Errorf("Armenia's ministry in article two: %v, want id %s", b, arm)
	}

	// With no state in the text, an unlisted generic body is a node of its
	// article only: two articles' "Foreign Ministry" are not one node.
	c := orgIDs(t, "three", "The Foreign Ministry said on Tuesday that the talks had failed.")
	d := orgIDs(t, "four", "The Foreign Ministry rejected the report as baseless.")
	if c["Foreign Ministry"] == "" || c["Foreign Ministry"] == d["Foreign Ministry"] {
		t.Errorf("unqualified bodies of two articles: %v and %v", c, d)
	}
}

func TestQualifiedBodies(t *testing.T) {
	check(t, []mechanismCase{
		{
			name: "listed body of the state that qualifies it",
			text: "South Korea's Joint Chiefs of Staff said the missile flew 800 km.",
			want: []string{"Organization=South Korean Joint Chiefs of Staff", "South Korean Joint Chiefs of Staff AFFILIATED_WITH South Korea"},
		},
		{
			name:    "unqualified listed body keeps its usual reading",
			text:    "The Joint Chiefs of Staff met at the Pentagon on Friday.",
			want:    []string{"Organization=Joint Chiefs of Staff"},
			wantNot: []string{"Organization=South Korean Joint Chiefs of Staff"},
		},
		{
			name: "state after the body",
			text: "The Ministry of Defence of Armenia said three soldiers were wounded.",
			want: []string{"Organization=Armenian Defence Ministry", "Armenian Defence Ministry AFFILIATED_WITH Armenia"},
		},
		{
			name:    "later mention takes the state tied earlier",
			text:    "Armenia's Defence Ministry reported shelling on Monday. The Defence Ministry later said the shelling had stopped.",
			want:    []string{"Organization=Armenian Defence Ministry"},
			wantNot: []string{"Organization=Defence Ministry"},
		},
		{
			name:    "a minister of one state does not serve another state's ministry",
			text:    "Greek Defence Minister Nikos Dendias met officials of Turkey's Ministry of National Defence.",
			want:    []string{"Nikos Dendias AFFILIATED_WITH Greece"},
			wantNot: []string{"Nikos Dendias AFFILIATED_WITH Turkish Defence Ministry"},
		},
		{
			name: "the speaker's state",
			text: "Foreign Ministry spokeswoman Mao Ning said the talks went well.",
			want: []string{"Organization=Chinese Foreign Ministry"},
		},
	})
}

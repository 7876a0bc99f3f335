package eval

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// sampleReport: entities all right but an extra Weapon; relations one TP,
// one reversed FP, four FNs.
func sampleReport() Report {
	entities := append(append([]graph.Entity{}, relEntities...), ent("w", graph.Weapon, "Swordfish"))
	return Score([]Pair{{
		Doc:  doc(entities, rel("sy", graph.NegotiatesWith, "fr"), rel("fr", graph.Supports, "sy")),
		Gold: relGold,
	}})
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for _, l := range lines {
		if len(l) > 80 {
			t.Errorf("line wider than 80 columns: %q", l)
		}
	}
	fields := map[string][]string{} // "section/type" -> columns
	section := ""
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case len(f) == 1:
			section = f[0]
		case len(f) == 7 && f[0] != "type":
			fields[section+"/"+f[0]] = f[1:]
		}
	}
	want := map[string]string{
		"Entities/overall":          "0.833 1.000 0.909 5 1 0",
		"Entities/Weapon":           "0.000 - 0.000 0 1 0",
		"Entities/Organization":     "- - - 0 0 0",
		"Relations/overall":         "0.500 0.200 0.286 1 1 4",
		"Relations/SUPPORTS":        "0.000 0.000 0.000 0 1 1",
		"Relations/AFFILIATED_WITH": "- 0.000 0.000 0 0 3",
	}
	for k, w := range want {
		if got := strings.Join(fields[k], " "); got != w {
			t.Errorf("%s: %q, want %q", k, got, w)
		}
	}
	// The overall line comes first in each section, and every schema type has a line.
	for _, sec := range []string{"Entities", "Relations"} {
		i := strings.Index(out, sec+"\n")
		if i < 0 {
			t.Fatalf("no %s section:\n%s", sec, out)
		}
		head := strings.SplitN(out[i:], "\n", 4)
		if !strings.HasPrefix(head[1], "type ") || !strings.HasPrefix(head[2], "overall ") {
			t.Errorf("%s section starts %q, %q", sec, head[1], head[2])
		}
	}
	if n := len(fields); n != 2+len(graph.EntityTypes)+len(graph.RelationTypes) {
		t.Errorf("%d table rows:\n%s", n, out)
	}
}

func TestWriteDiagnostics(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleReport().WriteDiagnostics(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{
		"FP entity   Weapon       Swordfish [w]",
		"FP relation Freedonia -SUPPORTS-> Sylvania  (gold has it in the other direction)",
		"FN relation Sylvania -SUPPORTS-> Freedonia",
		"FN relation Rufus Firefly -AFFILIATED_WITH-> Freedonia",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "NEGOTIATES_WITH") {
		t.Errorf("diagnostics list a true positive:\n%s", out)
	}
}

func TestEntityNotes(t *testing.T) {
	gold := Gold{Article: "x", Entities: []GoldEntity{gent(graph.Weapon, "Hammer-7"), gent(graph.Person, "Marta Kowalczyk", "Kowalczyk")}}
	res := ScoreArticle(doc([]graph.Entity{
		ent("h", graph.Organization, "Hammer 7"),
		ent("m1", graph.Person, "Marta Kowalczyk"),
		ent("m2", graph.Person, "Kowalczyk"),
	}), gold)
	notes := map[string]string{}
	for _, e := range res.EntityFP {
		notes["FP "+e.Name] = e.Note
	}
	for _, e := range res.EntityFN {
		notes["FN "+e.Name] = e.Note
	}
	want := map[string]string{
		"FP Hammer 7":  "as Weapon: Hammer-7",
		"FN Hammer-7":  "as Organization: Hammer 7",
		"FP Kowalczyk": "Marta Kowalczyk was matched to another entity",
	}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notes %v, want %v", notes, want)
	}
}

func TestReportJSON(t *testing.T) {
	r := sampleReport()
	a, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(sampleReport())
	if !bytes.Equal(a, b) {
		t.Error("two marshalings of the same report differ")
	}
	var back Report
	if err := json.Unmarshal(a, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("round trip changed the report:\n%+v\n%+v", back, r)
	}
	var shape map[string]json.RawMessage
	_ = json.Unmarshal(a, &shape)
	for _, k := range []string{"entities", "relations", "per_entity_type", "per_relation_type", "articles"} {
		if _, ok := shape[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, a)
		}
	}
	if !strings.Contains(string(a), `"SUPPORTS":{"tp":0,"fp":1,"fn":1,"precision":0,"recall":0,"f1":0}`) {
		t.Errorf("per-type JSON: %s", a)
	}
}

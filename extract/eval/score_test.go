package eval

import (
	"math"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// The tests use invented names so that they say nothing about the corpus.

func ent(id string, t graph.EntityType, name string, aliases ...string) graph.Entity {
	return graph.Entity{ID: id, Type: t, Name: name, Aliases: aliases, Mentions: 1}
}

func rel(source string, t graph.RelationType, target string) graph.Relation {
	return graph.Relation{Source: source, Type: t, Target: target, Origin: graph.OriginText, Confidence: 0.9, CAMEO: t.CAMEO()}
}

func gent(t graph.EntityType, name string, aliases ...string) GoldEntity {
	return GoldEntity{Name: name, Type: t, Aliases: aliases}
}

func grel(source string, t graph.RelationType, target string) GoldRelation {
	return GoldRelation{Source: source, Type: t, Target: target}
}

func doc(entities []graph.Entity, relations ...graph.Relation) graph.Document {
	return graph.Document{Article: graph.Article{ID: "test"}, Entities: entities, Relations: relations}
}

func checkPRF(t *testing.T, what string, got PRF, tp, fp, fn int) {
	t.Helper()
	if got.TP != tp || got.FP != fp || got.FN != fn {
		t.Errorf("%s: TP/FP/FN = %d/%d/%d, want %d/%d/%d", what, got.TP, got.FP, got.FN, tp, fp, fn)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEntityMatchRule(t *testing.T) {
	cases := []struct {
		name string
		pred graph.Entity
		gold GoldEntity
		want bool
	}{
		{"exact name", ent("a", graph.Person, "Marta Kowalczyk"), gent(graph.Person, "Marta Kowalczyk"), true},
		{"predicted name is a gold alias", ent("a", graph.Person, "Kowalczyk"), gent(graph.Person, "Marta Kowalczyk", "Kowalczyk"), true},
		{"predicted alias is the gold name", ent("a", graph.State, "Republic of Freedonia", "Freedonia"), gent(graph.State, "Freedonia"), true},
		{"alias meets alias", ent("a", graph.Organization, "Guild", "NFG"), gent(graph.Organization, "Northern Fishing Guild", "NFG"), true},
		{"case and diacritics", ent("a", graph.Place, "SAINT ETIENNE DU LAC"), gent(graph.Place, "Saint-Étienne-du-Lac"), true},
		{"leading the", ent("a", graph.Organization, "Northern Fishing Guild"), gent(graph.Organization, "The Northern Fishing Guild"), true},
		{"periods", ent("a", graph.Organization, "N.F.G."), gent(graph.Organization, "NFG"), true},
		{"hyphen and space", ent("a", graph.Weapon, "Hammer 7"), gent(graph.Weapon, "Hammer-7"), true},
		{"same name other type", ent("a", graph.State, "Hammer-7"), gent(graph.Weapon, "Hammer-7"), false},
		{"other name", ent("a", graph.Person, "Marta Nowak"), gent(graph.Person, "Marta Kowalczyk"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ScoreArticle(doc([]graph.Entity{c.pred}), Gold{Article: "x", Entities: []GoldEntity{c.gold}})
			if c.want {
				checkPRF(t, "entities", res.Entities, 1, 0, 0)
			} else {
				checkPRF(t, "entities", res.Entities, 0, 1, 1)
			}
		})
	}
}

func TestOneToOneTwoPredictionsForOneGold(t *testing.T) {
	full := ent("full", graph.Person, "Marta Kowalczyk")
	short := ent("short", graph.Person, "Kowalczyk")
	short.Mentions = 4 // the extractor's main node for her: it should win
	gold := Gold{Article: "x", Entities: []GoldEntity{gent(graph.Person, "Marta Kowalczyk", "Kowalczyk")}}

	res := ScoreArticle(doc([]graph.Entity{full, short}), gold)
	checkPRF(t, "entities", res.Entities, 1, 1, 0)
	if res.EntityTP[0].ID != "short" || res.EntityFP[0].ID != "full" {
		t.Errorf("TP %+v FP %+v: want the entity with more mentions matched", res.EntityTP, res.EntityFP)
	}
}

func TestMaximumMatchingBeatsGreedy(t *testing.T) {
	// "Reyes" could be either gold person and is tried first (more mentions);
	// a greedy pass that gave it Bruno would leave "Bruno Reyes" unmatched.
	reyes := ent("r", graph.Person, "Reyes")
	reyes.Mentions = 5
	bruno := ent("b", graph.Person, "Bruno Reyes")
	gold := Gold{Article: "x", Entities: []GoldEntity{
		gent(graph.Person, "Bruno Reyes", "Reyes"),
		gent(graph.Person, "Alba Reyes", "Reyes"),
	}}
	res := ScoreArticle(doc([]graph.Entity{reyes, bruno}), gold)
	checkPRF(t, "entities", res.Entities, 2, 0, 0)
}

func TestOptionalEntityIgnored(t *testing.T) {
	gold := Gold{
		Article:          "x",
		Entities:         []GoldEntity{gent(graph.State, "Freedonia")},
		OptionalEntities: []GoldEntity{gent(graph.Organization, "Harbour Police", "HP")},
	}
	// Matching the optional entity, even twice, costs and earns nothing;
	// leaving it out is no false negative.
	res := ScoreArticle(doc([]graph.Entity{
		ent("f", graph.State, "Freedonia"),
		ent("hp", graph.Organization, "Harbour Police"),
		ent("hp2", graph.Organization, "H.P."),
	}), gold)
	checkPRF(t, "with optional", res.Entities, 1, 0, 0)
	if len(res.EntityIgnored) != 2 {
		t.Errorf("ignored = %+v, want both optional matches", res.EntityIgnored)
	}
	res = ScoreArticle(doc([]graph.Entity{ent("f", graph.State, "Freedonia")}), gold)
	checkPRF(t, "without optional", res.Entities, 1, 0, 0)
}

// relGold is the gold of the relation tests: Freedonia and Sylvania, their
// leaders, a port, and an optional coast guard.
var relGold = Gold{
	Article: "x",
	Entities: []GoldEntity{
		gent(graph.State, "Freedonia"),
		gent(graph.State, "Sylvania"),
		gent(graph.Person, "Rufus Firefly", "Firefly"),
		gent(graph.Person, "Trentino", "Ambassador Trentino"),
		gent(graph.Place, "Port Marx"),
	},
	OptionalEntities: []GoldEntity{gent(graph.Organization, "Freedonian Coast Guard", "Coast Guard")},
	Relations: []GoldRelation{
		grel("Freedonia", graph.NegotiatesWith, "Sylvania"),
		grel("Sylvania", graph.Supports, "Freedonia"),
		grel("Rufus Firefly", graph.AffiliatedWith, "Freedonia"),
		grel("Trentino", graph.AffiliatedWith, "Sylvania"),
		grel("Freedonian Coast Guard", graph.AffiliatedWith, "Freedonia"),
	},
	OptionalRelations: []GoldRelation{
		grel("Port Marx", graph.LocatedIn, "Freedonia"),
		grel("Freedonian Coast Guard", graph.LocatedIn, "Port Marx"),
	},
}

var relEntities = []graph.Entity{
	ent("fr", graph.State, "Freedonia"),
	ent("sy", graph.State, "Sylvania"),
	ent("rf", graph.Person, "Firefly"),
	ent("tr", graph.Person, "Ambassador Trentino"),
	ent("pm", graph.Place, "Port Marx"),
	ent("cg", graph.Organization, "Coast Guard"),
}

func TestRelations(t *testing.T) {
	gazetteer := rel("pm", graph.LocatedIn, "sy")
	gazetteer.Origin = graph.OriginGazetteer
	gazetteerGold := rel("rf", graph.AffiliatedWith, "fr")
	gazetteerGold.Origin = graph.OriginGazetteer
	cases := []struct {
		name       string
		relations  []graph.Relation
		tp, fp, fn int
		ignored    int
	}{
		{"symmetric, gold order", []graph.Relation{rel("fr", graph.NegotiatesWith, "sy")}, 1, 0, 4, 0},
		{"symmetric, other order", []graph.Relation{rel("sy", graph.NegotiatesWith, "fr")}, 1, 0, 4, 0},
		{"directed, right order", []graph.Relation{rel("sy", graph.Supports, "fr")}, 1, 0, 4, 0},
		{"directed, wrong order is FP and FN", []graph.Relation{rel("fr", graph.Supports, "sy")}, 0, 1, 5, 0},
		{"wrong type", []graph.Relation{rel("fr", graph.MeetsWith, "sy")}, 0, 1, 5, 0},
		{"gazetteer origin not scored", []graph.Relation{gazetteer, gazetteerGold}, 0, 0, 5, 0},
		{"duplicates counted once", []graph.Relation{
			rel("fr", graph.NegotiatesWith, "sy"), rel("sy", graph.NegotiatesWith, "fr"), rel("fr", graph.NegotiatesWith, "sy"),
			rel("fr", graph.Threatens, "sy"), rel("fr", graph.Threatens, "sy"),
		}, 1, 1, 4, 0},
		{"optional relation ignored", []graph.Relation{rel("pm", graph.LocatedIn, "fr")}, 0, 0, 5, 1},
		{"endpoint matched an optional entity, required relation", []graph.Relation{rel("cg", graph.AffiliatedWith, "fr")}, 1, 0, 4, 0},
		{"endpoint matched an optional entity, optional relation", []graph.Relation{rel("cg", graph.LocatedIn, "pm")}, 0, 0, 5, 1},
		{"everything", []graph.Relation{
			rel("sy", graph.NegotiatesWith, "fr"), rel("sy", graph.Supports, "fr"), rel("rf", graph.AffiliatedWith, "fr"),
			rel("tr", graph.AffiliatedWith, "sy"), rel("cg", graph.AffiliatedWith, "fr"), rel("pm", graph.LocatedIn, "fr"),
		}, 5, 0, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := ScoreArticle(doc(relEntities, c.relations...), relGold)
			checkPRF(t, "entities", res.Entities, 5, 0, 0)
			checkPRF(t, "relations", res.Relations, c.tp, c.fp, c.fn)
			if len(res.RelationIgnored) != c.ignored {
				t.Errorf("ignored relations %+v, want %d", res.RelationIgnored, c.ignored)
			}
		})
	}
}

func TestRelationOfUnmatchedEntity(t *testing.T) {
	// "R. T. Firefly" matches no gold name: the entity is a false positive,
	// and so is its relation, although with the right entity it would match.
	entities := []graph.Entity{ent("fr", graph.State, "Freedonia"), ent("rtf", graph.Person, "R. T. Firefly")}
	res := ScoreArticle(doc(entities, rel("rtf", graph.AffiliatedWith, "fr")), relGold)
	checkPRF(t, "entities", res.Entities, 1, 1, 4)
	checkPRF(t, "relations", res.Relations, 0, 1, 5)
	if fp := res.RelationFP[0]; fp.Source != "R. T. Firefly" || fp.Note != "source matches no gold entity" {
		t.Errorf("FP = %+v", fp)
	}
}

func TestRelationOfDuplicateEntity(t *testing.T) {
	// A split node: only the matched one stands for the gold entity.
	entities := append([]graph.Entity{}, relEntities...)
	main := ent("rf2", graph.Person, "Rufus Firefly")
	main.Mentions = 3
	entities = append(entities, main)
	res := ScoreArticle(doc(entities, rel("rf", graph.AffiliatedWith, "fr")), relGold)
	checkPRF(t, "entities", res.Entities, 5, 1, 0)
	checkPRF(t, "relations", res.Relations, 0, 1, 5)
	res = ScoreArticle(doc(entities, rel("rf2", graph.AffiliatedWith, "fr")), relGold)
	checkPRF(t, "relations", res.Relations, 1, 0, 4)
}

func TestScoreMicroAverage(t *testing.T) {
	// Article one: entities Freedonia TP, Sylvania FN, "Groucho" Person FP;
	// relation NEGOTIATES_WITH FN, SUPPORTS FP (Sylvania not matched).
	one := Pair{
		Doc: doc([]graph.Entity{ent("fr", graph.State, "Freedonia"), ent("g", graph.Person, "Groucho")},
			rel("fr", graph.Supports, "g")),
		Gold: Gold{Article: "one",
			Entities:  []GoldEntity{gent(graph.State, "Freedonia"), gent(graph.State, "Sylvania")},
			Relations: []GoldRelation{grel("Freedonia", graph.NegotiatesWith, "Sylvania")}},
	}
	// Article two: the relation gold: five entity TPs, five relation TPs,
	// one relation ignored, plus a Weapon FP and a MEETS_WITH FP.
	two := Pair{
		Doc: doc(append(append([]graph.Entity{}, relEntities...), ent("w", graph.Weapon, "Swordfish")),
			rel("sy", graph.NegotiatesWith, "fr"), rel("sy", graph.Supports, "fr"), rel("rf", graph.AffiliatedWith, "fr"),
			rel("tr", graph.AffiliatedWith, "sy"), rel("cg", graph.AffiliatedWith, "fr"), rel("pm", graph.LocatedIn, "fr"),
			rel("rf", graph.MeetsWith, "tr")),
		Gold: relGold,
	}
	r := Score([]Pair{one, two})

	// Entities: TP 1+5, FP 1+1, FN 1+0.
	checkPRF(t, "entities", r.Entities, 6, 2, 1)
	if p, rc := 6.0/8, 6.0/7; !near(r.Entities.Precision, p) || !near(r.Entities.Recall, rc) || !near(r.Entities.F1, 2*p*rc/(p+rc)) {
		t.Errorf("entity ratios %+v", r.Entities)
	}
	checkPRF(t, "State", r.PerEntityType[graph.State], 3, 0, 1)
	checkPRF(t, "Person", r.PerEntityType[graph.Person], 2, 1, 0)
	checkPRF(t, "Weapon", r.PerEntityType[graph.Weapon], 0, 1, 0)
	checkPRF(t, "Place", r.PerEntityType[graph.Place], 1, 0, 0)
	checkPRF(t, "Organization", r.PerEntityType[graph.Organization], 0, 0, 0) // optional only

	// Relations: TP 0+5, FP 1+1, FN 1+0.
	checkPRF(t, "relations", r.Relations, 5, 2, 1)
	if p, rc := 5.0/7, 5.0/6; !near(r.Relations.Precision, p) || !near(r.Relations.Recall, rc) || !near(r.Relations.F1, 2*p*rc/(p+rc)) {
		t.Errorf("relation ratios %+v", r.Relations)
	}
	checkPRF(t, "NEGOTIATES_WITH", r.PerRelationType[graph.NegotiatesWith], 1, 0, 1)
	checkPRF(t, "SUPPORTS", r.PerRelationType[graph.Supports], 1, 1, 0)
	checkPRF(t, "AFFILIATED_WITH", r.PerRelationType[graph.AffiliatedWith], 3, 0, 0)
	checkPRF(t, "MEETS_WITH", r.PerRelationType[graph.MeetsWith], 0, 1, 0)
	checkPRF(t, "LOCATED_IN", r.PerRelationType[graph.LocatedIn], 0, 0, 0)
	if sup := r.PerRelationType[graph.Supports]; !near(sup.Precision, 0.5) || !near(sup.Recall, 1) || !near(sup.F1, 2.0/3) {
		t.Errorf("SUPPORTS ratios %+v", sup)
	}
	if len(r.PerEntityType) != len(graph.EntityTypes) || len(r.PerRelationType) != len(graph.RelationTypes) {
		t.Errorf("per-type maps should hold every schema type: %d, %d", len(r.PerEntityType), len(r.PerRelationType))
	}
}

func TestNewPRFZeroDenominators(t *testing.T) {
	for _, c := range [][3]int{{0, 0, 0}, {0, 3, 0}, {0, 0, 2}} {
		p := NewPRF(c[0], c[1], c[2])
		if p.Precision != 0 || p.Recall != 0 || p.F1 != 0 {
			t.Errorf("NewPRF%v = %+v, want zero ratios", c, p)
		}
	}
	if p := NewPRF(3, 1, 0); !near(p.Precision, 0.75) || !near(p.Recall, 1) || !near(p.F1, 6.0/7) {
		t.Errorf("NewPRF(3,1,0) = %+v", p)
	}
}

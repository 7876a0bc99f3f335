package storetest

import "github.com/newsgraph/kg/graph"

// Hand-made entities for the suite's readable cases. Ids are chosen so that
// canonical order is obvious: "person:abbas-araghchi" < "person:steve-witkoff"
// and "state:iran" < "state:united-states".
var (
	iran = graph.Entity{ID: "state:iran", Type: graph.State, Name: "Iran",
		Aliases: []string{"Iran", "Tehran", "Islamic Republic"}, Mentions: 4, Wikidata: "Q794", ISO: "IRN"}
	unitedStates = graph.Entity{ID: "state:united-states", Type: graph.State, Name: "United States",
		Aliases: []string{"U.S.", "Washington"}, Mentions: 2, Wikidata: "Q30", ISO: "USA"}
	oman = graph.Entity{ID: "state:oman", Type: graph.State, Name: "Oman",
		Aliases: []string{"Oman", "Omani"}, Mentions: 2, ISO: "OMN"}
	araghchi = graph.Entity{ID: "person:abbas-araghchi", Type: graph.Person, Name: "Abbas Araghchi",
		Aliases: []string{"Araghchi", "Araqchi"}, Mentions: 3, Roles: []string{"Foreign Minister"}}
	witkoff = graph.Entity{ID: "person:steve-witkoff", Type: graph.Person, Name: "Steve Witkoff",
		Aliases: []string{"Witkoff"}, Mentions: 1, Roles: []string{"envoy"}}
	muscatCity = graph.Entity{ID: "place:muscat", Type: graph.Place, Name: "Muscat",
		Aliases: []string{"Muscat"}, Mentions: 2, Kind: "city"}
	irgc = graph.Entity{ID: "org:irgc", Type: graph.Organization, Name: "Islamic Revolutionary Guard Corps",
		Aliases: []string{"IRGC"}, Mentions: 2, Wikidata: "Q272423"}
	khorramshahr = graph.Entity{ID: "weapon:khorramshahr-4", Type: graph.Weapon, Name: "Khorramshahr-4",
		Aliases: []string{"Khorramshahr-4", "Kheibar"}, Mentions: 1, Category: "ballistic missile"}
)

func rel(src graph.Entity, t graph.RelationType, tgt graph.Entity, conf float64, sentence string) graph.Relation {
	return graph.Relation{Source: src.ID, Type: t, Target: tgt.ID, Origin: graph.OriginText,
		Confidence: conf, Sentence: sentence, CAMEO: t.CAMEO()}
}

func gazetteer(src graph.Entity, t graph.RelationType, tgt graph.Entity) graph.Relation {
	return graph.Relation{Source: src.ID, Type: t, Target: tgt.ID, Origin: graph.OriginGazetteer,
		Confidence: 1, CAMEO: t.CAMEO(), Rule: "places"}
}

// muscatDoc is about the talks in Muscat. Its symmetric relations are
// written against canonical order on purpose.
func muscatDoc() graph.Document {
	affiliated := rel(araghchi, graph.AffiliatedWith, iran, 0.9, "Iranian Foreign Minister Abbas Araghchi arrived.")
	affiliated.Properties = map[string]string{"role": "Foreign Minister"}
	affiliated.Rule = "demonym-title"
	return graph.Document{
		Article: graph.Article{ID: "muscat", Title: "What Happened in Muscat?", Source: "seeds/muscat.txt",
			URL: "https://example.org/muscat", Published: "2026-02-06", Hash: Hash("muscat v1")},
		Entities: []graph.Entity{iran, unitedStates, oman, araghchi, witkoff, muscatCity},
		Relations: []graph.Relation{
			rel(witkoff, graph.NegotiatesWith, araghchi, 0.9, "Araghchi held talks with Witkoff."),
			rel(unitedStates, graph.NegotiatesWith, iran, 0.7, "Iran says it wants the talks in Muscat."),
			rel(oman, graph.Mediates, iran, 0.8, "Through Omani mediation, the sides met."),
			rel(oman, graph.Mediates, unitedStates, 0.8, "Through Omani mediation, the sides met."),
			affiliated,
			gazetteer(muscatCity, graph.LocatedIn, oman),
		},
	}
}

// missilesDoc shares Iran, the United States and the Iran-US talks with
// muscatDoc.
func missilesDoc() graph.Document {
	return graph.Document{
		Article: graph.Article{ID: "missiles", Title: "IRGC shows new missile", Source: "news/missiles.html",
			Published: "2026-02-10", Hash: Hash("missiles v1")},
		Entities: []graph.Entity{
			{ID: iran.ID, Type: graph.State, Name: "Iran", Aliases: []string{"Iranian"}, Mentions: 2, ISO: "IRN"},
			unitedStates, irgc, khorramshahr,
		},
		Relations: []graph.Relation{
			rel(irgc, graph.Deploys, khorramshahr, 0.8, "The IRGC unveiled the Khorramshahr-4."),
			rel(iran, graph.Possesses, khorramshahr, 0.6, "Iran's Khorramshahr-4 missiles."),
			rel(iran, graph.Threatens, unitedStates, 0.75, "Tehran warned Washington of strikes."),
			rel(irgc, graph.AffiliatedWith, iran, 0.5, "Iran's Revolutionary Guards."),
			rel(iran, graph.NegotiatesWith, unitedStates, 0.95, "Talks between Iran and the U.S. resumed."),
		},
	}
}

// talksDoc shares the two negotiators and their talks with muscatDoc.
func talksDoc() graph.Document {
	a := araghchi
	a.Aliases, a.Mentions, a.Roles = []string{"Araghchi", "Abbas Araqchi"}, 5, []string{"negotiator"}
	w := witkoff
	w.Mentions = 2
	return graph.Document{
		Article: graph.Article{ID: "talks2", Title: "Second round", Source: "news/talks2.txt",
			Published: "2026-02-20", Hash: Hash("talks2 v1")},
		Entities: []graph.Entity{a, w},
		Relations: []graph.Relation{
			rel(araghchi, graph.NegotiatesWith, witkoff, 0.85, "A second round of talks between Araghchi and Witkoff."),
		},
	}
}

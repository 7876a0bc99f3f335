package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/kg/graph"
)

// TestCookbookQueriesRun runs every query of docs/cypher-cookbook.md on a
// small graph of invented news (cookbookDocs), so the cookbook stays true.
// A query's leading comments give its parameters and what its answer must
// contain:
//
//	// params: {"name": "Abbas Araghchi"}
//	// expect: Steve Witkoff
//	// requires: apoc      (skipped when the server has no APOC)
//
// With KG_COOKBOOK_SHOW=1 the answers are logged, to paste into the cookbook.
func TestCookbookQueriesRun(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "cypher-cookbook.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the cookbook: %v", err)
	}
	queries := cookbookQueries(string(text))
	if len(queries) < 8 {
		t.Fatalf("found %d cypher blocks in %s, want the whole cookbook", len(queries), path)
	}

	s := openEmpty(t)
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Write(ctx, cookbookDocs()); err != nil {
		t.Fatal(err)
	}
	apoc, err := s.Query(ctx, "SHOW FUNCTIONS YIELD name WHERE name = 'apoc.convert.fromJsonMap' RETURN name", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		t.Run(q.title, func(t *testing.T) {
			if q.needsAPOC && len(apoc.Rows) == 0 {
				t.Skip("APOC is not installed on this server")
			}
			res, err := s.Query(ctx, q.cypher, q.params)
			if err != nil {
				t.Fatalf("%v\n%s", err, q.cypher)
			}
			if len(res.Rows) == 0 {
				t.Fatalf("no rows:\n%s", q.cypher)
			}
			answer, _ := json.Marshal(res.Rows)
			for _, want := range q.expect {
				if !strings.Contains(string(answer), want) {
					t.Errorf("answer lacks %q:\n%s", want, answer)
				}
			}
			if os.Getenv("KG_COOKBOOK_SHOW") != "" {
				t.Logf("%s\n%s", strings.Join(res.Columns, " | "), formatRows(res.Rows))
			}
		})
	}
}

type cookbookQuery struct {
	title, cypher string
	params        map[string]any
	expect        []string
	needsAPOC     bool
}

var (
	heading     = regexp.MustCompile(`(?m)^### (.*)$`)
	cypherBlock = regexp.MustCompile("(?s)```cypher\n(.*?)```")
	paramsLine  = regexp.MustCompile(`(?m)^// params: (.*)$`)
	expectLine  = regexp.MustCompile(`(?m)^// expect: (.*)$`)
)

// cookbookQueries finds each ```cypher block and names it after the ###
// heading above it.
func cookbookQueries(md string) []cookbookQuery {
	var out []cookbookQuery
	seen := map[string]int{}
	for _, m := range cypherBlock.FindAllStringSubmatchIndex(md, -1) {
		title := "untitled"
		if hs := heading.FindAllStringSubmatch(md[:m[0]], -1); hs != nil {
			title = hs[len(hs)-1][1]
		}
		if seen[title]++; seen[title] > 1 {
			title = fmt.Sprintf("%s (%d)", title, seen[title])
		}
		q := cookbookQuery{title: title, cypher: md[m[2]:m[3]], params: map[string]any{}}
		if p := paramsLine.FindStringSubmatch(q.cypher); p != nil {
			if err := json.Unmarshal([]byte(p[1]), &q.params); err != nil {
				panic("cookbook params of " + q.title + ": " + err.Error())
			}
		}
		q.needsAPOC = strings.Contains(q.cypher, "// requires: apoc")
		for _, e := range expectLine.FindAllStringSubmatch(q.cypher, -1) {
			q.expect = append(q.expect, e[1])
		}
		out = append(out, q)
	}
	return out
}

func formatRows(rows [][]any) string {
	var b strings.Builder
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, v := range r {
			j, _ := json.Marshal(v)
			cells[i] = string(j)
		}
		b.WriteString(strings.Join(cells, " | ") + "\n")
	}
	return b.String()
}

// cookbookDocs is a small invented news story in four articles: talks in
// Muscat with Omani mediation, threats and deployments around them, strikes,
// and a second round of talks.
func cookbookDocs() []graph.Document {
	ent := func(id string, t graph.EntityType, name string, mentions int, aliases ...string) graph.Entity {
		return graph.Entity{ID: id, Type: t, Name: name, Aliases: append([]string{name}, aliases...), Mentions: mentions}
	}
	iran := ent("state:iran", graph.State, "Iran", 5, "Tehran", "Islamic Republic", "Iranian")
	iran.ISO, iran.Wikidata = "IRN", "Q794"
	us := ent("state:united-states", graph.State, "United States", 4, "U.S.", "Washington", "American")
	us.ISO, us.Wikidata = "USA", "Q30"
	oman := ent("state:oman", graph.State, "Oman", 3, "Omani")
	oman.ISO = "OMN"
	israel := ent("state:israel", graph.State, "Israel", 3, "Israeli")
	israel.ISO = "ISR"
	araghchi := ent("person:abbas-araghchi", graph.Person, "Abbas Araghchi", 3, "Araghchi")
	araghchi.Roles = []string{"Foreign Minister"}
	witkoff := ent("person:steve-witkoff", graph.Person, "Steve Witkoff", 2, "Witkoff")
	witkoff.Roles = []string{"envoy"}
	busaidi := ent("person:badr-albusaidi", graph.Person, "Badr Albusaidi", 2, "Albusaidi")
	busaidi.Roles = []string{"Foreign Minister"}
	trump := ent("person:donald-trump", graph.Person, "Donald Trump", 2, "Trump", "President Donald Trump")
	trump.Roles = []string{"President"}
	muscat := ent("place:muscat", graph.Place, "Muscat", 2)
	muscat.Kind = "city"
	fordow := ent("place:fordow", graph.Place, "Fordow", 1)
	fordow.Kind = "facility"
	irgc := ent("org:irgc", graph.Organization, "Islamic Revolutionary Guard Corps", 2, "IRGC")
	lincoln := ent("weapon:uss-abraham-lincoln", graph.Weapon, "USS Abraham Lincoln", 1)
	lincoln.Category = "ship"
	khorram := ent("weapon:khorramshahr-4", graph.Weapon, "Khorramshahr-4", 1)
	khorram.Category = "ballistic missile"
	shahed := ent("weapon:shahed-136", graph.Weapon, "Shahed-136", 1)
	shahed.Category = "drone"
	f35 := ent("weapon:f-35", graph.Weapon, "F-35", 1)
	f35.Category = "aircraft"
	ironDome := ent("weapon:iron-dome", graph.Weapon, "Iron Dome", 1)
	ironDome.Category = "air defence"

	rel := func(src graph.Entity, t graph.RelationType, tgt graph.Entity, conf float64, sentence string) graph.Relation {
		return graph.Relation{Source: src.ID, Type: t, Target: tgt.ID, Origin: graph.OriginText, Confidence: conf,
			Sentence: sentence, CAMEO: t.CAMEO(), Rule: "cookbook"}
	}
	role := func(r graph.Relation, role string) graph.Relation {
		r.Properties = map[string]string{"role": role}
		return r
	}
	located := func(src, tgt graph.Entity) graph.Relation {
		return graph.Relation{Source: src.ID, Type: graph.LocatedIn, Target: tgt.ID, Origin: graph.OriginGazetteer,
			Confidence: 1, CAMEO: graph.LocatedIn.CAMEO(), Rule: "gazetteer"}
	}
	doc := func(id, title, published string, ents []graph.Entity, rels ...graph.Relation) graph.Document {
		return graph.Document{Article: graph.Article{ID: id, Title: title, Source: "cookbook/" + id + ".txt",
			Published: published, Hash: id + "-v1"}, Entities: ents, Relations: rels}
	}

	s1 := "Iranian Foreign Minister Abbas Araghchi and U.S. envoy Steve Witkoff held indirect talks in Muscat on Friday."
	s2 := "Omani Foreign Minister Badr Albusaidi shuttled between the two delegations."
	s3 := "President Donald Trump warned that Iran would face strikes if the talks failed."
	s4 := "The Islamic Revolutionary Guard Corps threatened American bases in the region."
	s5 := "Washington moved the USS Abraham Lincoln into the Arabian Sea."
	s6 := "Tehran unveiled the Khorramshahr-4 missile, which the IRGC says it has in large numbers."
	s7 := "Israeli F-35 jets struck the Fordow enrichment site overnight."
	s8 := "Iran launched Shahed-136 drones at Israel, most of which Iron Dome intercepted."
	s9 := "A second round of talks between Araghchi and Witkoff opened in Muscat, again through Omani mediation."
	s10 := "Araghchi condemned the Israeli strikes and said Washington must restrain its ally."
	return []graph.Document{
		doc("2026-02-06-muscat-talks", "Iran and U.S. hold talks in Muscat", "2026-02-06",
			[]graph.Entity{iran, us, oman, araghchi, witkoff, busaidi, muscat},
			rel(araghchi, graph.NegotiatesWith, witkoff, 0.9, s1),
			rel(iran, graph.NegotiatesWith, us, 0.8, s1),
			rel(oman, graph.Mediates, iran, 0.85, s2),
			rel(oman, graph.Mediates, us, 0.85, s2),
			rel(busaidi, graph.Mediates, araghchi, 0.7, s2),
			rel(busaidi, graph.Mediates, witkoff, 0.7, s2),
			role(rel(araghchi, graph.AffiliatedWith, iran, 0.95, s1), "Foreign Minister"),
			role(rel(witkoff, graph.AffiliatedWith, us, 0.9, s1), "envoy"),
			role(rel(busaidi, graph.AffiliatedWith, oman, 0.95, s2), "Foreign Minister"),
			located(muscat, oman)),
		doc("2026-02-08-gulf-warnings", "Warnings and warships in the Gulf", "2026-02-08",
			[]graph.Entity{trump, iran, us, irgc, lincoln, khorram},
			rel(trump, graph.Threatens, iran, 0.85, s3),
			role(rel(trump, graph.AffiliatedWith, us, 0.9, s3), "President"),
			rel(irgc, graph.Threatens, us, 0.8, s4),
			rel(us, graph.Deploys, lincoln, 0.9, s5),
			rel(iran, graph.Deploys, khorram, 0.8, s6),
			rel(irgc, graph.Possesses, khorram, 0.75, s6),
			role(rel(irgc, graph.AffiliatedWith, iran, 0.7, s6), "member")),
		doc("2026-02-12-strikes", "Strikes on Fordow and a drone barrage", "2026-02-12",
			[]graph.Entity{israel, iran, fordow, f35, shahed, ironDome},
			rel(israel, graph.Attacks, fordow, 0.9, s7),
			rel(israel, graph.Uses, f35, 0.85, s7),
			rel(iran, graph.Attacks, israel, 0.9, s8),
			rel(iran, graph.Uses, shahed, 0.9, s8),
			rel(israel, graph.Possesses, ironDome, 0.6, s8),
			located(fordow, iran)),
		doc("2026-02-15-second-round", "Second round in Muscat", "2026-02-15",
			[]graph.Entity{araghchi, witkoff, oman, iran, us, israel, muscat},
			rel(witkoff, graph.NegotiatesWith, araghchi, 0.9, s9), // the same edge as in the first article
			rel(oman, graph.Mediates, iran, 0.8, s9),
			rel(oman, graph.Mediates, us, 0.8, s9),
			rel(araghchi, graph.Criticizes, israel, 0.8, s10),
			rel(iran, graph.Demands, us, 0.6, s10),
			located(muscat, oman)),
	}
}

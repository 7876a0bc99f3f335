package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/newsgraph/kg/graph"
)

// Corpus generates n articles' documents, the same for the same n. Entities
// are drawn from a shared pool with a skew (a few are in most articles, many
// in one or two), and each article describes them a little differently:
// another surface name now and then, a subset of aliases, a Wikidata id only
// sometimes. Relations cover every type and both origins, symmetric ones
// written in either direction, with sentences that recur across articles and
// the occasional repeated (edge, sentence) pair within one article.
func Corpus(n int) []graph.Document {
	r := rand.New(rand.NewPCG(uint64(n), 0x6b67))
	pool := entityPool(r, n/3+12)
	docs := make([]graph.Document, n)
	for i := range docs {
		docs[i] = corpusDoc(r, pool, i)
	}
	return docs
}

// poolEntity is what the generator knows of one real-world thing.
type poolEntity struct {
	graph.Entity
	variants []string // other surface forms
}

var (
	syllables = []string{"ka", "ra", "mi", "an", "sha", "ol", "te", "vi", "dor", "qu", "el", "zu", "bar", "hen", "ri"}
	roleWords = []string{"Foreign Minister", "envoy", "President", "spokesman", "commander"}
	kinds     = []string{"city", "region", "water", "facility", "territory"}
	category  = []string{"ballistic missile", "drone", "aircraft", "ship", "air defence"}
	// awkward surface forms that stores must keep byte for byte
	awkward = []string{`O'Neil`, `Al-"Qud"s`, "Zürich–Genève", "`backtick`", "{brace}", "MATCH (n) DETACH DELETE n", "'); DROP TABLE x;--"}
)

func word(r *rand.Rand, syl int) string {
	var b strings.Builder
	for range syl {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func entityPool(r *rand.Rand, size int) []poolEntity {
	types := []graph.EntityType{graph.Person, graph.Person, graph.Person, graph.State, graph.State,
		graph.Place, graph.Place, graph.Organization, graph.Organization, graph.Weapon}
	pool := make([]poolEntity, size)
	for i := range pool {
		t := types[r.IntN(len(types))]
		e := graph.Entity{ID: fmt.Sprintf("%s:%03d", strings.ToLower(string(t)), i), Type: t,
			Wikidata: fmt.Sprintf("Q%d", 1000+i)}
		var variants []string
		switch t {
		case graph.Person:
			first, last := word(r, 2), word(r, 2+r.IntN(2))
			e.Name = first + " " + last
			variants = []string{last, "Mr. " + last}
		case graph.State:
			e.Name = word(r, 3) + "ia"
			e.ISO = strings.ToUpper(e.Name[:3])
			variants = []string{strings.ToUpper(e.Name[:2]) + ".", e.Name[:4] + "ian"}
		case graph.Place:
			e.Name = word(r, 2+r.IntN(2))
			e.Kind = kinds[r.IntN(len(kinds))]
			variants = []string{"the " + e.Name}
		case graph.Organization:
			a, b := word(r, 2), word(r, 3)
			e.Name = a + " " + b + " Council"
			variants = []string{strings.ToUpper(a[:1] + b[:1] + "C")}
		case graph.Weapon:
			e.Name = word(r, 2) + fmt.Sprintf("-%d", 1+r.IntN(400))
			e.Category = category[r.IntN(len(category))]
		}
		if i%17 == 5 {
			variants = append(variants, awkward[(i/17)%len(awkward)])
		}
		pool[i] = poolEntity{Entity: e, variants: variants}
	}
	return pool
}

func corpusDoc(r *rand.Rand, pool []poolEntity, i int) graph.Document {
	id := fmt.Sprintf("a%04d", i)
	d := graph.Document{Article: graph.Article{ID: id, Title: "Report " + word(r, 3),
		Source: "corpus/" + id + ".txt", Published: fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
		Hash: Hash(id + " v1")}}
	if i%5 == 0 {
		d.Article.URL = "https://news.example/" + id
	}

	k := 2 + r.IntN(8)
	chosen := map[int]bool{}
	for attempts := 0; len(chosen) < k && attempts < 50; attempts++ {
		chosen[r.IntN(1+r.IntN(len(pool)))] = true // skewed towards the start of the pool
	}
	var ents []graph.Entity
	for j := range pool {
		if chosen[j] {
			ents = append(ents, describe(r, pool[j]))
		}
	}
	r.Shuffle(len(ents), func(a, b int) { ents[a], ents[b] = ents[b], ents[a] })
	d.Entities = ents

	if len(ents) < 2 {
		return d
	}
	for range r.IntN(2 * len(ents)) {
		src, tgt := ents[r.IntN(len(ents))], ents[r.IntN(len(ents))]
		if src.ID == tgt.ID {
			continue
		}
		rel := graph.Relation{Source: src.ID, Target: tgt.ID, Origin: graph.OriginText,
			Type:       graph.RelationTypes[r.IntN(len(graph.RelationTypes))],
			Confidence: float64(r.IntN(101)) / 100,
			Sentence:   fmt.Sprintf("Sentence %d on %s and %s.", r.IntN(3), src.Name, tgt.Name)}
		rel.CAMEO = rel.Type.CAMEO()
		switch rel.Type {
		case graph.AffiliatedWith:
			rel.Properties = map[string]string{"role": roleWords[r.IntN(len(roleWords))]}
		case graph.RelativeOf:
			rel.Properties = map[string]string{"relation": "son-in-law"}
		case graph.LocatedIn:
			if r.IntN(2) == 0 {
				rel.Origin, rel.Sentence, rel.Confidence = graph.OriginGazetteer, "", 1
			}
		}
		if r.IntN(3) == 0 {
			rel.Rule = "rule-" + strings.ToLower(string(rel.Type))
		}
		d.Relations = append(d.Relations, rel)
		if r.IntN(15) == 0 { // the same statement again, weaker: one piece of evidence
			again := rel
			again.Source, again.Target = rel.Target, rel.Source
			if !rel.Type.Symmetric() {
				again = rel
			}
			again.Confidence /= 2
			d.Relations = append(d.Relations, again)
		}
	}
	return d
}

// describe is how one article presents a pool entity.
func describe(r *rand.Rand, p poolEntity) graph.Entity {
	e := p.Entity
	e.Mentions = 1 + r.IntN(6)
	if len(p.variants) > 0 && r.IntN(8) == 0 {
		e.Name = p.variants[r.IntN(len(p.variants))]
	}
	e.Aliases = []string{e.Name}
	for _, v := range p.variants {
		if r.IntN(2) == 0 {
			e.Aliases = append(e.Aliases, v)
		}
	}
	if r.IntN(3) == 0 {
		e.Wikidata = ""
	}
	if r.IntN(4) == 0 {
		e.ISO, e.Kind, e.Category = "", "", ""
	}
	if e.Type == graph.Person && r.IntN(2) == 0 {
		e.Roles = []string{roleWords[r.IntN(len(roleWords))]}
	}
	return e
}

// Hash is the hex SHA-256 of s, the form of graph.Article.Hash.
func Hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// Revise returns a changed version of d, as if its text had been edited:
// a new hash, one entity (and its relations) dropped, confidences and a
// sentence changed, one relation added. The same (d, version) gives the same
// revision.
func Revise(d graph.Document, version int) graph.Document {
	r := rand.New(rand.NewPCG(uint64(version), uint64(len(d.Article.ID))+uint64(len(d.Relations))))
	out := graph.Document{Article: d.Article}
	out.Article.Hash = Hash(fmt.Sprintf("%s v%d", d.Article.ID, version))
	out.Article.Title = fmt.Sprintf("%s (rev %d)", d.Article.Title, version)
	drop := ""
	if len(d.Entities) > 2 {
		drop = d.Entities[r.IntN(len(d.Entities))].ID
	}
	for _, e := range d.Entities {
		if e.ID == drop {
			continue
		}
		e.Aliases = append(append([]string(nil), e.Aliases...), fmt.Sprintf("%s rev%d", e.Name, version))
		e.Mentions++
		out.Entities = append(out.Entities, e)
	}
	for _, rel := range d.Relations {
		if rel.Source == drop || rel.Target == drop {
			continue
		}
		rel.Confidence = float64(r.IntN(101)) / 100
		out.Relations = append(out.Relations, rel)
	}
	if len(out.Entities) >= 2 {
		a, b := out.Entities[0], out.Entities[1]
		out.Relations = append(out.Relations, graph.Relation{Source: a.ID, Target: b.ID,
			Type: graph.MeetsWith, Origin: graph.OriginText, Confidence: 0.5, CAMEO: graph.MeetsWith.CAMEO(),
			Sentence: fmt.Sprintf("In revision %d, %s met %s.", version, a.Name, b.Name)})
	}
	return out
}

package neo4jstore

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/newsgraph/kg/graph"
)

// schemaStatements create what MERGE and the lookups need. The uniqueness
// constraints back every MERGE key with an index (without one, each MERGE
// scans the label); entity_keys answers Lookup: a keyword (whole-value)
// full-text index over the lower-cased names and aliases articles gave.
var schemaStatements = []string{
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
	"CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
	"CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (e:Entity) ON EACH [e.keys] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
}

const (
	stmtExistingHashes = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, coalesce(a.hash, '') AS hash`

	// The evidence lists of every edge an article supports lose that
	// article's entries; edges left without evidence go.
	stmtRemoveEvidence = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(:Entity)-[r]->(:Entity)
WHERE id IN r.articles
WITH DISTINCT r
WITH r, [i IN range(0, size(r.articles) - 1) WHERE NOT r.articles[i] IN $ids] AS keep
SET r.articles = [i IN keep | r.articles[i]],
    r.sentences = [i IN keep | r.sentences[i]],
    r.confidences = [i IN keep | r.confidences[i]],
    r.origins = [i IN keep | r.origins[i]],
    r.rules = [i IN keep | r.rules[i]],
    r.properties = [i IN keep | r.properties[i]],
    r.cameos = [i IN keep | r.cameos[i]]
` + setEdgeAggregates + `
WITH r WHERE r.count = 0
DELETE r`

	// Deleting the article node deletes its MENTIONS edges; the entities it
	// mentioned are returned for refreshing.
	stmtDeleteArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(e.id) AS entities
DETACH DELETE a
RETURN entities`

	stmtCreateArticles = `
UNWIND $rows AS row
CREATE (a:Article)
SET a = row`

	stmtMentions = `
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (e:Entity {id: row.id})
CREATE (a)-[m:MENTIONS]->(e)
SET m = row.props`

	// Aggregates of an edge, from its evidence lists: the schema's CAMEO
	// code, the highest confidence, "text" when any evidence is text.
	setEdgeAggregates = `
SET r.count = size(r.articles),
    r.confidence = reduce(m = r.confidences[0], c IN r.confidences | CASE WHEN c > m THEN c ELSE m END),
    r.origin = CASE WHEN 'text' IN r.origins THEN 'text' WHEN size(r.origins) > 0 THEN 'gazetteer' END`

	stmtDeleteOrphans = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e`

	// Entity properties from what its articles say, the earliest article
	// (by id) first: see graph/storetest for the rules.
	stmtRefreshEntitiesHead = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (a:Article)-[m:MENTIONS]->(e)
  WITH a, m ORDER BY a.id
  RETURN collect(m) AS ms
}
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.aliases, []) AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS aliases }
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.roles, []) AS x WITH DISTINCT x ORDER BY x RETURN collect(x) AS roles }
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.keys, []) AS x WITH DISTINCT x RETURN collect(x) AS keys }
WITH e, ms, aliases, roles, keys, head([m IN ms WHERE m.type <> '' | m.type]) AS type
SET e.name = head([m IN ms WHERE m.name <> '' | m.name]),
    e.wikidata = head([m IN ms WHERE m.wikidata <> '' | m.wikidata]),
    e.iso = head([m IN ms WHERE m.iso <> '' | m.iso]),
    e.category = head([m IN ms WHERE m.category <> '' | m.category]),
    e.kind = head([m IN ms WHERE m.kind <> '' | m.kind]),
    e.mentions = reduce(n = 0, m IN ms | n + m.count),
    e.aliases = aliases,
    e.roles = CASE WHEN size(roles) = 0 THEN null ELSE roles END,
    e.keys = keys`

	stmtArticlesPage = `
MATCH (a:Article) WHERE a.id > $after
RETURN a {.*} AS article
ORDER BY a.id
LIMIT $limit`

	stmtPageMentions = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
RETURN id, e.id AS entity, m {.*} AS props`

	stmtPageRelations = `
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(s:Entity)-[r]->(t:Entity)
WHERE id IN r.articles
RETURN id, s.id AS source, type(r) AS type, t.id AS target,
       [i IN range(0, size(r.articles) - 1) WHERE r.articles[i] = id |
        [r.sentences[i], r.confidences[i], r.origins[i], r.rules[i], r.properties[i], r.cameos[i]]] AS evidence`

	// Lucene phrase on a keyword-analysed field: one exact term. The IN
	// check makes the answer exact whatever the analyser does.
	stmtLookupCandidates = `
CALL db.index.fulltext.queryNodes('entity_keys', $query) YIELD node AS e
WHERE $key IN e.keys
RETURN e.id AS id`

	stmtEntityDetails = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e {.*} AS entity, labels(e) AS labels,
  COLLECT { MATCH (a:Article)-[:MENTIONS]->(e) RETURN a {.*} ORDER BY a.id } AS articles,
  COLLECT { MATCH (e)-[r]-(:Entity)
            RETURN {source: startNode(r).id, type: type(r), target: endNode(r).id,
                    source_name: startNode(r).name, target_name: endNode(r).name,
                    articles: r.articles, sentences: r.sentences, confidences: r.confidences,
                    origins: r.origins, rules: r.rules, properties: r.properties} } AS relations
ORDER BY e.id`

	stmtWipe = `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`
)

// identifier is what a label or relationship type from the schema must look
// like to be pasted into a statement; anything else is a programming error.
var identifier = regexp.MustCompile(`^[A-Z][A-Za-z_]*$`)

func mustIdentifier(s string) string {
	if !identifier.MatchString(s) {
		panic(fmt.Sprintf("neo4jstore: schema name %q is not a plain identifier", s))
	}
	return s
}

// stmtRefreshEntities sets the one type label an entity has from the
// earliest article's type, with one clause per schema type.
var stmtRefreshEntities = func() string {
	var b strings.Builder
	b.WriteString(stmtRefreshEntitiesHead)
	for _, t := range graph.EntityTypes {
		l := mustIdentifier(string(t))
		fmt.Fprintf(&b, "\nFOREACH (_ IN CASE WHEN type = '%s' THEN [1] ELSE [] END | SET e:%s)", l, l)
		fmt.Fprintf(&b, "\nFOREACH (_ IN CASE WHEN type = '%s' THEN [] ELSE [1] END | REMOVE e:%s)", l, l)
	}
	return b.String()
}()

// relationStatements appends evidence to the edge of each row, creating it
// when needed: one statement per schema relation type, as MERGE needs a
// static type to use the endpoints it has found.
var relationStatements = func() map[graph.RelationType]string {
	out := make(map[graph.RelationType]string, len(graph.RelationTypes))
	for _, t := range graph.RelationTypes {
		out[t] = `
UNWIND $rows AS row
MATCH (s:Entity {id: row.source})
MATCH (t:Entity {id: row.target})
MERGE (s)-[r:` + mustIdentifier(string(t)) + `]->(t)
SET r.articles = coalesce(r.articles, []) + row.articles,
    r.sentences = coalesce(r.sentences, []) + row.sentences,
    r.confidences = coalesce(r.confidences, []) + row.confidences,
    r.origins = coalesce(r.origins, []) + row.origins,
    r.rules = coalesce(r.rules, []) + row.rules,
    r.properties = coalesce(r.properties, []) + row.properties,
    r.cameos = coalesce(r.cameos, []) + row.cameos,
    r.cameo = $cameo` + setEdgeAggregates
	}
	return out
}()

// stmtStats counts with the count store: one count per schema label and
// relationship type, which Neo4j answers without scanning.
var stmtStats = func() string {
	var b strings.Builder
	b.WriteString("CALL () { MATCH (a:Article) RETURN count(a) AS articles }\n")
	b.WriteString("CALL () { MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions }\n")
	var cols []string
	for i, t := range graph.EntityTypes {
		fmt.Fprintf(&b, "CALL () { MATCH (n:%s) RETURN count(n) AS e%d }\n", mustIdentifier(string(t)), i)
		cols = append(cols, fmt.Sprintf("e%d", i))
	}
	for i, t := range graph.RelationTypes {
		fmt.Fprintf(&b, "CALL () { MATCH ()-[r:%s]->() RETURN count(r) AS r%d }\n", mustIdentifier(string(t)), i)
		cols = append(cols, fmt.Sprintf("r%d", i))
	}
	b.WriteString("RETURN articles, mentions, " + strings.Join(cols, ", "))
	return b.String()
}()

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
// full-text index over the lower-cased names and aliases articles gave. It
// is eventually consistent: Lucene updates made inside each write's commit
// were a large share of the writer's time (BenchmarkWriters with and without
// the index), so the server applies them just after the commit, and Lookup first waits for them
// (stmtAwaitKeys), which keeps reads seeing every write before them.
var schemaStatements = []string{
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
	"CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
	"CREATE CONSTRAINT kg_meta_key IF NOT EXISTS FOR (m:KgMeta) REQUIRE m.key IS UNIQUE",
	"CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS FOR (e:Entity) ON EACH [e.keys] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: true}}",
}

const (
	// stmtKeysIndexSynchronous tells whether a stored entity_keys index is the
	// synchronous one of stores made before it became eventually consistent;
	// Init then drops it, and recreates and repopulates it the new way.
	stmtKeysIndexSynchronous = `
SHOW FULLTEXT INDEXES YIELD name, options
WHERE name = 'entity_keys' AND NOT coalesce(options.indexConfig['fulltext.eventually_consistent'], false)
RETURN name`
	stmtDropKeysIndex = "DROP INDEX entity_keys IF EXISTS"

	// stmtAwaitKeys waits until entity_keys holds every committed write.
	stmtAwaitKeys = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
)

const (
	// Writers lock what they are about to read and change, in id order:
	// the stored articles of a chunk first (this also serializes the hash
	// checks), then every existing entity involved. An edge changes only
	// with both its endpoints locked, so no update is lost between
	// concurrent writers (Neo4j reads without locks: read committed). A
	// property set and removed again takes the node's write lock and leaves
	// nothing behind.
	stmtLockArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a._lock = true
REMOVE a._lock
RETURN a.id AS id, coalesce(a.hash, '') AS hash,
       COLLECT { MATCH (a)-[:MENTIONS]->(e:Entity) RETURN e.id } AS entities`

	stmtLockEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e._lock = true
REMOVE e._lock`

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
	// mentioned are returned, to be recomputed.
	stmtDeleteArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(e.id) AS entities
DETACH DELETE a
RETURN entities`

	// Each row is an article with its mentions; the entities exist
	// (stmtUpsertEntities ran first), the article does not.
	stmtCreateArticles = `
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props
WITH a, row
UNWIND row.mentions AS mention
MATCH (e:Entity {id: mention.id})
CREATE (a)-[m:MENTIONS]->(e)
SET m = mention.props`

	// Aggregates of an edge, from its evidence lists: the highest
	// confidence, "text" when any evidence is text.
	setEdgeAggregates = `
SET r.count = size(r.articles),
    r.confidence = reduce(m = r.confidences[0], c IN r.confidences | CASE WHEN c > m THEN c ELSE m END),
    r.origin = CASE WHEN 'text' IN r.origins THEN 'text' WHEN size(r.origins) > 0 THEN 'gazetteer' END`

	stmtDeleteOrphans = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e`

	// stmtRecomputeEntitiesHead recomputes entity properties from all that
	// their articles say, the earliest article (by id) first: see
	// graph/storetest for the rules. attr_articles records which article
	// each of name, type, wikidata, iso, category and kind comes from, so
	// that stmtUpsertEntities can update them without reading every mention.
	stmtRecomputeEntitiesHead = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (a:Article)-[m:MENTIONS]->(e)
  WITH a, m ORDER BY a.id
  RETURN collect(m) AS ms, collect(a.id) AS aids
}
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.aliases, []) AS x RETURN collect(DISTINCT x) AS aliases }
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.roles, []) AS x RETURN collect(DISTINCT x) AS roles }
CALL (ms) { UNWIND ms AS m UNWIND coalesce(m.keys, []) AS x RETURN collect(DISTINCT x) AS keys }
WITH e, ms, aids, aliases, roles, keys,
     [f IN ` + attributeList + ` | head([i IN range(0, size(ms) - 1) WHERE ms[i][f] <> '' | i])] AS first
WITH e, ms, aids, aliases, roles, keys, first, ms[first[1]].type AS type
SET e.name = ms[first[0]].name,
    e.wikidata = ms[first[2]].wikidata,
    e.iso = ms[first[3]].iso,
    e.category = ms[first[4]].category,
    e.kind = ms[first[5]].kind,
    e.attr_articles = [i IN first | coalesce(aids[i], '')],
    e.mentions = reduce(n = 0, m IN ms | n + m.count),
    e.aliases = aliases,
    e.roles = CASE WHEN size(roles) = 0 THEN null ELSE roles END,
    e.keys = keys`

	// stmtUpsertEntitiesHead creates entities and folds what new articles
	// say into them, one row per entity: row.values and row.articles give,
	// per attribute of attributeList, the value from the earliest new
	// article that has one and that article's id; it wins over the stored
	// value when its article comes first. Sums and unions need nothing but
	// the stored aggregates, so this never reads the entity's mentions.
	// MERGE on the constraint-backed id makes concurrent writers of one new
	// entity wait for each other instead of both creating it; the lock
	// right after it keeps a third writer out while this one reads.
	stmtUpsertEntitiesHead = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e._lock = true
REMOVE e._lock
WITH e, row, coalesce(e.attr_articles, ['', '', '', '', '', '']) AS old,
     coalesce(e.aliases, []) AS aliases, coalesce(e.roles, []) AS roles, coalesce(e.keys, []) AS keys
WITH e, row, old, aliases, roles, keys,
     [i IN range(0, 5) | row.values[i] <> '' AND (old[i] = '' OR row.articles[i] < old[i])] AS take
WITH e, row, old, take, CASE WHEN take[1] THEN row.values[1] END AS type,
     aliases, [x IN row.aliases WHERE NOT x IN aliases] AS newAliases,
     roles, [x IN row.roles WHERE NOT x IN roles] AS newRoles,
     keys, [x IN row.keys WHERE NOT x IN keys] AS newKeys
SET e.mentions = coalesce(e.mentions, 0) + row.mentions
SET e += CASE WHEN true IN take THEN {
      name: CASE WHEN take[0] THEN row.values[0] ELSE e.name END,
      wikidata: CASE WHEN take[2] THEN row.values[2] ELSE e.wikidata END,
      iso: CASE WHEN take[3] THEN row.values[3] ELSE e.iso END,
      category: CASE WHEN take[4] THEN row.values[4] ELSE e.category END,
      kind: CASE WHEN take[5] THEN row.values[5] ELSE e.kind END,
      attr_articles: [i IN range(0, 5) | CASE WHEN take[i] THEN row.articles[i] ELSE old[i] END]} ELSE {} END
SET e += CASE WHEN size(newAliases) > 0 OR e.aliases IS NULL THEN {aliases: aliases + newAliases} ELSE {} END
SET e += CASE WHEN size(newRoles) > 0 THEN {roles: roles + newRoles} ELSE {} END
SET e += CASE WHEN size(newKeys) > 0 OR e.keys IS NULL THEN {keys: keys + newKeys} ELSE {} END`

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

	// Relationships first: DETACH DELETE of a batch of well-connected
	// nodes can take more memory than a transaction may use.
	stmtWipeRelationships = `MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS`
	stmtWipeNodes         = `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`
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

// attributeList names the single-valued entity attributes, in the order of
// attr_articles; type is the one kept as a label.
const attributeList = "['name', 'type', 'wikidata', 'iso', 'category', 'kind']"

// setTypeLabel gives e the type label named by the variable type, when it is
// not null, and removes the other type labels. The outer FOREACH makes the
// usual case, no new type, one test per row.
var setTypeLabel = func() string {
	var b strings.Builder
	labels := make([]string, len(graph.EntityTypes))
	for i, t := range graph.EntityTypes {
		labels[i] = mustIdentifier(string(t))
	}
	b.WriteString("\nFOREACH (_ IN CASE WHEN type IS NOT NULL THEN [1] ELSE [] END |\n  REMOVE e:" + strings.Join(labels, ":"))
	for _, l := range labels {
		fmt.Fprintf(&b, "\n  FOREACH (_ IN CASE WHEN type = '%s' THEN [1] ELSE [] END | SET e:%s)", l, l)
	}
	b.WriteString(")")
	return b.String()
}()

var (
	stmtRecomputeEntities = stmtRecomputeEntitiesHead + setTypeLabel
	stmtUpsertEntities    = stmtUpsertEntitiesHead + setTypeLabel
)

// stmtRelations adds, per relationship type, the evidence of each row to
// its edge, creating the edge when needed. row.props holds the evidence
// lists and their aggregates (count, confidence, origin), so a new edge takes
// them as they are and an existing one appends the lists and combines the
// aggregates, never reading the lists back. MERGE needs a static type, so
// there is one statement per schema type and rows are grouped by type.
var stmtRelations = func() map[graph.RelationType]string {
	m := map[graph.RelationType]string{}
	for _, t := range graph.RelationTypes {
		m[t] = fmt.Sprintf(`
UNWIND $rows AS row
MATCH (s:Entity {id: row.source})
MATCH (t:Entity {id: row.target})
MERGE (s)-[r:%s]->(t)
ON CREATE SET r = row.props
ON MATCH SET %s`, mustIdentifier(string(t)), appendEvidence)
	}
	return m
}()

const appendEvidence = `r.articles = r.articles + row.props.articles,
    r.sentences = r.sentences + row.props.sentences,
    r.confidences = r.confidences + row.props.confidences,
    r.origins = r.origins + row.props.origins,
    r.rules = r.rules + row.props.rules,
    r.properties = r.properties + row.props.properties,
    r.cameos = r.cameos + row.props.cameos,
    r.count = r.count + row.props.count,
    r.confidence = CASE WHEN row.props.confidence > r.confidence THEN row.props.confidence ELSE r.confidence END,
    r.origin = CASE WHEN r.origin = 'text' THEN 'text' ELSE row.props.origin END`

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

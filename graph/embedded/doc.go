// Package embedded is the graph.Store that needs no server: one SQLite file
// (modernc.org/sqlite, pure Go), in WAL mode with foreign keys on and a busy
// timeout, so several kg processes can share it and a killed process never
// leaves it half-written. Each Write call is one transaction.
//
// The tables hold exactly what each article said; the merged graph (one
// entity per id, one edge per relation key) is computed from them on read,
// following the rules of graph/storetest. So replacing or forgetting an
// article is a delete of its rows, and nothing else can go stale.
//
//	articles   id PK, title, source, url, published, hash
//	mentions   one row per (article, entity): the entity as that article
//	           describes it; article_id, entity_id PK, type, name, count,
//	           aliases and roles (JSON arrays as written), wikidata, iso,
//	           category, kind. The article's MENTIONS edges.
//	name_keys  (article_id, entity_id, key): lower-cased name and aliases of
//	           each mention, to find entities by name.
//	evidence   one row per (article, relation key, sentence): article_id,
//	           source, type, target (symmetric types in canonical order),
//	           sentence, confidence, origin ('text' or 'gazetteer'), rule,
//	           cameo, properties (JSON object).
//
// Deleting an article cascades (foreign keys) to its mentions, name keys and
// evidence. Two views make the file pleasant to query by hand:
//
//	entities   id, type, name, aliases, mentions, articles, wikidata, iso,
//	           category, kind: the merged entity.
//	relations  source, source_name, type, target, target_name, confidence
//	           (the highest), evidence (count), articles, origins.
//
// For example:
//
//	sqlite3 kg.db "SELECT source_name, type, target_name, confidence FROM relations WHERE type = 'MEDIATES'"
//
// The schema version is in PRAGMA user_version.
package embedded

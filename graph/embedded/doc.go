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
//	articles   n (integer key), id (unique), title, source, url, published, hash
//	entity_ids n (integer key), id (unique): a dictionary of entity ids,
//	           only ever added to
//	mentions   one row per (article, entity): the entity as that article
//	           describes it; article, entity PK, type, name, count,
//	           aliases and roles (JSON arrays as written), wikidata, iso,
//	           category, kind. The article's MENTIONS edges.
//	name_keys  (article, entity, key): lower-cased name and aliases of
//	           each mention, to find entities by name.
//	sentences  (article, n, text): each evidence sentence once per article.
//	evidence   one row per (article, relation key, sentence): article,
//	           source, type, target (symmetric types in canonical order),
//	           sentence (its n), confidence, origin ('text' or 'gazetteer'),
//	           rule, cameo, properties (JSON object).
//
// The per-article tables are WITHOUT ROWID and refer to articles and
// entities by integer keys: a file about 0.4 times the size of schema 1's,
// which kept text ids and sentences in every row and index (Init migrates
// such a file in place). Deleting an article cascades (foreign keys) to its
// mentions, name keys, sentences and evidence. Views give the text ids back
// and make the file pleasant to query by hand:
//
//	article_mentions, article_evidence, article_name_keys
//	           the tables with article_id, entity ids and sentence text
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

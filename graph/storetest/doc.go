// Package storetest is the conformance suite every graph.Store must pass,
// with the in-memory reference model it checks stores against and a corpus
// generator for tests and benchmarks.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store { return openEmptyStore(t) })
//	}
//
// # Semantics the suite asserts
//
// graph/store.go gives the outline; where it is silent these rules decide,
// chosen so that the graph depends only on the set of stored documents and
// never on the order they were written in (importing A then B equals B then A).
//
// Per article (what Documents returns, compared after Normalize):
//   - Each article's Document comes back as written: article metadata, each
//     entity with the attributes that article gave it, each relation with its
//     sentence, confidence, origin, rule and properties. Order of entities and
//     relations, and of aliases and roles within an entity, is not significant
//     (Normalize sorts them, drops repeated aliases and roles, and treats empty
//     and nil slices and maps alike).
//   - Relations of symmetric types come back in canonical order
//     (graph.Relation.Canonical): B-A and A-B are one edge.
//   - Within one document, two relations with the same edge (Relation.Key) and
//     the same sentence are one piece of evidence: the first one is kept.
//
// Writing:
//   - Write validates every document (graph.Document.Validate) before writing
//     anything; one invalid document fails the whole call with an error
//     wrapping graph.ErrInvalid and the store is unchanged.
//   - Documents of one call are applied in order, as if written one by one, but
//     atomically: the same article twice in one call leaves the later version.
//   - An article already stored with the same non-empty Hash is skipped, even
//     if its facts differ (the hash names the text, not the extraction).
//     An empty Hash means "unknown": such a document always replaces.
//   - Replacing an article removes all its facts first, so an entity or edge
//     that only the old version supported disappears.
//   - Forget removes an article's facts the same way; it reports false for an
//     article that is not stored.
//
// Across articles (what Lookup and Stats report):
//   - An entity exists while at least one stored article lists it; an edge
//     while at least one stored article states it.
//   - Entity Name, Type, Wikidata, ISO, Category and Kind are taken from the
//     supporting article with the smallest article id that gives a non-empty
//     value. Aliases and Roles are the sorted union over the supporting
//     articles, Mentions the sum.
//   - An edge's evidence is one item per (article, sentence), ordered by article
//     id then sentence; its Confidence is the highest evidence confidence;
//     its CAMEO is the schema's code for the type (RelationType.CAMEO).
//   - Lookup matches the entity's (aggregated) name or any of its aliases,
//     case-insensitively (strings.ToLower on both sides); results are ordered
//     by entity id, each with its articles ordered by id and its edges (either
//     endpoint) in any order. Unknown names give no results and no error.
//   - Stats counts stored articles, entities by aggregated type, edges by type
//     and Mentions as (article, entity) pairs. Zero counts may be omitted.
package storetest

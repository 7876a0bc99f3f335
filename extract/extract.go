// Package extract turns an article into a graph.Document: the entities it
// names (recognised, typed and resolved to one node each) and the relations
// its sentences state, each with its evidence sentence.
//
// The pipeline runs one way: text (tokens, sentences) -> mentions
// (gazetteer, contextual rules, statistical tagger) -> resolution (one
// entity per real-world thing) -> relations (cue words over sentence
// structure). It knows nothing of storage.
package extract

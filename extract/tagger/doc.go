// Package tagger is a statistical named-entity tagger: it labels the words
// of a tokenized sentence with BIO tags for persons (PER), organizations
// (ORG), geographical locations (GEO) and geopolitical entities (GPE,
// mostly demonyms such as "Iranian").
//
// The model is an averaged structured perceptron (first-order, Viterbi
// decoding, BIO constraints enforced) over hashed features of the word and
// its neighbours. It is trained by this package's own code on the Groningen
// Meaning Bank sample in ../shared (command ./cmd/train) and embedded in the
// binary, so Default works offline. README.md gives the features, data,
// scores and speed.
//
// Typical use, with words from package text:
//
//	labels := tagger.Default().TagInto(buf, words, nil)
//	for _, sp := range tagger.Spans(labels) {
//		// words[sp.Start:sp.End] is an entity of type sp.Type
//	}
//
// A caller that already knows some names (a gazetteer) passes them as hints,
// one label per word; the model weighs them with the context.
package tagger

// Package syntax reads the grammar of a sentence: a part-of-speech tagger
// and a labelled dependency parser in the Universal Dependencies scheme,
// trained by the project's own code on the UD English Web Treebank.
//
// The tagger is a greedy averaged perceptron over word, affix, shape and
// previous-tag features; it predicts a UPOS and a Penn tag together. The
// parser is a greedy arc-hybrid transition parser (Kuhlmann et al. 2011)
// with an averaged perceptron trained with a dynamic oracle and error
// exploration (Goldberg and Nivre 2013), and a second perceptron that
// labels each arc when it is made, seeing the dependent's whole subtree.
// Both are deterministic: the same data and seed give the same model bytes.
//
// Parse takes words as the treebank tokenizes them (clitics such as "n't"
// and "'s" apart); Words splits the article tokenizer's tokens that way and
// maps the words back, so the extractor and the parser agree on tokens.
package syntax

package syntax

import (
	"bytes"
	_ "embed"
	"sync"
)

// model.bin is trained by go run ./extract/syntax/cmd/train on the
// Universal Dependencies English Web Treebank. Its annotations are
// © 2013-2021 The Board of Trustees of The Leland Stanford Junior
// University, CC BY-SA 4.0; see README.md.
//
//go:embed model.bin
var modelBin []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the embedded model, loaded on first use.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(modelBin))
		if err != nil {
			panic("syntax: embedded model: " + err.Error()) // a build error, caught by the tests
		}
		defaultModel = m
	})
	return defaultModel
}

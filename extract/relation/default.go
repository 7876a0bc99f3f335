package relation

import (
	"bytes"
	_ "embed"
	"sync"
)

// model.bin is trained by go run ./extract/relation/cmd/train on the
// project's annotated articles (see README.md).
//
//go:embed model.bin
var modelBin []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the embedded model, loaded on first use; nil before the
// first training has written one (extraction then keeps the rules' relations).
func Default() *Model {
	defaultOnce.Do(func() {
		if len(modelBin) == 0 {
			return
		}
		m, err := Load(bytes.NewReader(modelBin))
		if err != nil {
			panic("relation: embedded model: " + err.Error()) // a build error, caught by the tests
		}
		defaultModel = m
	})
	return defaultModel
}

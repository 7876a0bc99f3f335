package extract

import (
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/extract/syntax"
	"github.com/newsgraph/kg/extract/tagger"
)

// Model names one embedded model and its version.
type Model struct {
	Name, Digest string
}

// Models lists the models built into the extractor, for `kg version`.
func Models() []Model {
	return []Model{
		{"tagger (names)", tagger.ModelDigest()},
		{"parser (dependencies)", syntax.ModelDigest()},
		{"relation scorer", relation.ModelDigest()},
	}
}

// Package seeds embeds the product's seed data, so that the kg binary works
// from any directory: the gazetteers (background knowledge of states, places,
// organizations, weapons and people) and the user's seed article.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed gazetteer/*.tsv
var gazetteers embed.FS

//go:embed articles/*.txt
var articles embed.FS

// Sources says where the seed articles come from.
//
//go:embed SOURCES.md
var Sources string

// Gazetteers returns the embedded gazetteer lists (*.tsv) at the root of the
// returned file system. The format is described in gazetteer/README.md.
func Gazetteers() fs.FS { return sub(gazetteers, "gazetteer") }

// Articles returns the embedded seed articles (*.txt) at the
// root of the returned file system.
func Articles() fs.FS { return sub(articles, "articles") }

func sub(f embed.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil { // only if dir is not a valid path, which is a bug here
		panic(err)
	}
	return s
}

package eval

import (
	"fmt"
	"path/filepath"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/graph"
)

// Dir extracts every NAME.txt of dir that has a NAME.gold.json beside it
// with extract and scores the results. `kg eval` and the quality gate
// both run it.
func Dir(dir string, extract func(article.Article) graph.Document) (Report, error) {
	pairs, err := DirPairs(dir, extract)
	if err != nil {
		return Report{}, err
	}
	return Score(pairs), nil
}

// DirPairs extracts every NAME.txt of dir that has a NAME.gold.json beside
// it and pairs each Document with its gold.
func DirPairs(dir string, extract func(article.Article) graph.Document) ([]Pair, error) {
	names, err := Pairs(dir)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no NAME.txt with a NAME%s beside it", dir, GoldSuffix)
	}
	pairs := make([]Pair, 0, len(names))
	for _, n := range names {
		path := filepath.Join(dir, n+".txt")
		arts, err := article.ReadFile(path, article.Options{})
		if err != nil {
			return nil, err
		}
		if len(arts) != 1 {
			return nil, fmt.Errorf("%s: want one article, read %d", path, len(arts))
		}
		gold, err := LoadGold(filepath.Join(dir, n+GoldSuffix))
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, Pair{Doc: extract(arts[0]), Gold: gold})
	}
	return pairs, nil
}

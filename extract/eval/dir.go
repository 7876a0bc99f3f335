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
	names, err := Pairs(dir)
	if err != nil {
		return Report{}, err
	}
	if len(names) == 0 {
		return Report{}, fmt.Errorf("%s: no NAME.txt with a NAME%s beside it", dir, GoldSuffix)
	}
	pairs := make([]Pair, 0, len(names))
	for _, n := range names {
		path := filepath.Join(dir, n+".txt")
		arts, err := article.ReadFile(path, article.Options{})
		if err != nil {
			return Report{}, err
		}
		if len(arts) != 1 {
			return Report{}, fmt.Errorf("%s: want one article, read %d", path, len(arts))
		}
		gold, err := LoadGold(filepath.Join(dir, n+GoldSuffix))
		if err != nil {
			return Report{}, err
		}
		pairs = append(pairs, Pair{Doc: extract(arts[0]), Gold: gold})
	}
	return Score(pairs), nil
}

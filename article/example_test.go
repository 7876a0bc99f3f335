package article_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsgraph/kg/article"
)

func ExampleRead() {
	dir, _ := os.MkdirTemp("", "articles")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "ferry.txt"), []byte("Ferry Strike Ends\n\nBy Ann Lee | March 4, 2025\n\nThe crews returned on Tuesday.\n\nShare this\nFacebook\n© Harbour Courier 2025\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte("{\"title\":\"Port reopens\",\"text\":\"The port reopened.\"}\nnot json\n"), 0o644)

	err := article.Read(context.Background(), []string{dir}, article.Options{},
		func(a article.Article) error {
			fmt.Printf("%s | %s | %s | %q\n", a.ID, a.Title, a.Published, a.Text)
			return nil
		},
		func(s article.Skip) { fmt.Println("skipped", filepath.Base(s.Source), s.Line, s.Reason) })
	fmt.Println(err)
	// Output:
	// feed-1 | Port reopens |  | "The port reopened."
	// skipped feed.jsonl 2 invalid JSON: invalid character 'o' in literal null (expecting 'u')
	// ferry | Ferry Strike Ends | 2025-03-04 | "Ferry Strike Ends\n\nBy Ann Lee | March 4, 2025\n\nThe crews returned on Tuesday."
	// <nil>
}

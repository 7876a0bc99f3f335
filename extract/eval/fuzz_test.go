package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzLoadGold checks the gold-file loader: an error names the file; a
// file that loads is valid, and written back and loaded again it is the
// same gold.
func FuzzLoadGold(f *testing.F) {
	for _, s := range []string{
		`{"article":"a","entities":[{"name":"Iran","type":"State"},{"name":"Oman","type":"State","aliases":["Sultanate of Oman"]}],"relations":[{"source":"Oman","type":"MEDIATES","target":"Iran"}]}`,
		`{"article":"a","entities":[],"relations":[]}`,
		`{"article":"a","entities":[{"name":"X","type":"Planet"}]}`,
		`{"article":"a","extra":1}`,
		`{"article":"a"} {}`,
		`{"article":"b"}`,
		`{"article":"a","entities":[{"name":"A","type":"Person"},{"name":"B","type":"Person"}],"relations":[{"source":"A","type":"MEETS_WITH","target":"B"},{"source":"B","type":"MEETS_WITH","target":"A"}]}`,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "a"+GoldSuffix)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		g, err := LoadGold(path)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("loaded gold does not validate: %v", err)
		}
		out, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		again, err := LoadGold(path)
		if err != nil {
			t.Fatalf("gold written back does not load: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normalGold(g), normalGold(again)) {
			t.Fatalf("round trip changed the gold:\n%+v\n%+v", g, again)
		}
	})
}

// normalGold treats empty and absent lists alike.
func normalGold(g Gold) Gold {
	b, _ := json.Marshal(g)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	b, _ = json.Marshal(m)
	var out Gold
	_ = json.Unmarshal(b, &out)
	for i := range out.Entities {
		if len(out.Entities[i].Aliases) == 0 {
			out.Entities[i].Aliases = nil
		}
	}
	for i := range out.OptionalEntities {
		if len(out.OptionalEntities[i].Aliases) == 0 {
			out.OptionalEntities[i].Aliases = nil
		}
	}
	return out
}

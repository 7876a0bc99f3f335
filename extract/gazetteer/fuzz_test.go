package gazetteer

import (
	"strings"
	"testing"
)

// FuzzParse checks the gazetteer file parser: an error names the file and
// line; a file that parses has entries of schema types with names, sources
// and non-empty aliases, and indexing them never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		Header + "\nState\tUnited States\tU.S.|US\tQ30\tiso=USA;demonyms=American;capitals=Washington\n",
		Header + "\nPerson\tDonald Trump\tTrump\tQ22686\troles=President;of=USA\n",
		"# comment\n\n" + Header + "\r\nWeapon\tShahed-136\tShahed\t\tcategory=drone;maker=IRN\r\n",
		"\ufeff" + Header + "\nPlace\tMuscat\t\t\tkind=city;in=OMN;capital=1\n",
		Header + "\nOrganization\tEU\tEuropean Union||x\tQ458\tkind=intl\n",
		Header + "\nContry\tX\n",
		"no header\n",
		Header + "\nState\tA\t\tQ1\tiso=AAA\nState\tB\t\tQ1\tiso=BBB\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		entries, err := parse(strings.NewReader(s), "fuzz.tsv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.tsv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, e := range entries {
			if !e.Type.Valid() || strings.TrimSpace(e.Name) == "" || !strings.HasPrefix(e.Source, "fuzz.tsv:") {
				t.Fatalf("entry %+v", e)
			}
			for _, a := range e.Aliases {
				if strings.TrimSpace(a) == "" {
					t.Fatalf("entry %q has an empty alias", e.Name)
				}
			}
		}
		g, err := index(entries)
		if err != nil {
			return
		}
		for _, e := range g.Entries() {
			if len(g.LookupText(e.Name)) == 0 {
				t.Fatalf("entry %q is not found by its name", e.Name)
			}
		}
	})
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// kg show gives a listed person's roles with their dates, and the holder of
// "the U.S. president" follows each article's date.
func TestShowRolesWithDates(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "old.txt"), "Kyiv visit\nPublished: 2023-02-20\n\n"+
		"Joe Biden and Donald Trump both spoke about the war on Monday.\n"+
		"The U.S. president met Volodymyr Zelenskyy in Kyiv on Tuesday.\n")
	write(t, filepath.Join(in, "new.txt"), "Kyiv visit\nPublished: 2026-02-20\n\n"+
		"Joe Biden and Donald Trump both spoke about the war on Monday.\n"+
		"The U.S. president met Volodymyr Zelenskyy in Kyiv on Tuesday.\n")
	if r := kg(t, dir, nil, "import", in); r.code != 0 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	biden := kg(t, dir, nil, "show", "Joe Biden")
	for _, want := range []string{"President (2021-01-20 to 2025-01-20)", "Vice President (2009-01-20 to 2017-01-20)"} {
		if !strings.Contains(biden.stdout, want) {
			t.Errorf("show Joe Biden lacks %q:\n%s%s", want, biden.stdout, biden.stderr)
		}
	}
	trump := kg(t, dir, nil, "show", "Donald Trump")
	for _, want := range []string{"President (2017-01-20 to 2021-01-20)", "President (since 2025-01-20)"} {
		if !strings.Contains(trump.stdout, want) {
			t.Errorf("show Donald Trump lacks %q:\n%s", want, trump.stdout)
		}
	}
	// Each article's meeting goes to the president of its date.
	if !strings.Contains(biden.stdout, "Joe Biden -[MEETS_WITH]<-> Volodymyr Zelenskyy") && !strings.Contains(biden.stdout, "Volodymyr Zelenskyy -[MEETS_WITH]<-> Joe Biden") {
		t.Errorf("the 2023 article's president met no one:\n%s", biden.stdout)
	}
	if !strings.Contains(trump.stdout, "MEETS_WITH]<-> Volodymyr Zelenskyy") && !strings.Contains(trump.stdout, "Volodymyr Zelenskyy -[MEETS_WITH]<-> Donald Trump") {
		t.Errorf("the 2026 article's president met no one:\n%s", trump.stdout)
	}
}

// A --gazetteer file can give a seed entry a QID: the entity's id becomes it.
func TestUserGazetteerAddsQID(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "story.txt")
	write(t, story, "Envoy visit\nPublished: 2025-03-01\n\nKeith Kellogg met Volodymyr Zelenskyy in Kyiv on Tuesday.\n")
	user := filepath.Join(dir, "mine.tsv")
	// A made-up QID: the test is about the mechanism, not the value.
	write(t, user, "type\tname\taliases\twikidata\tattrs\nPerson\tKeith Kellogg\tGeneral Kellogg\tQ999999999\t\n")
	if r := kg(t, dir, nil, "--gazetteer", user, "import", story); r.code != 0 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	show := kg(t, dir, nil, "show", "Keith Kellogg")
	if !strings.Contains(show.stdout, "id Q999999999") || !strings.Contains(show.stdout, "wikidata Q999999999") {
		t.Errorf("the user's QID is not the entity's id:\n%s%s", show.stdout, show.stderr)
	}
}

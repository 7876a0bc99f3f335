package article

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestPlainTextFile(t *testing.T) {
	path := writeFile(t, t.TempDir(), "harbour-talks.txt", "Harbour Talks End\n\nJune 4, 2025\n\nThe ministers left the port.\n")
	a := readOne(t, Options{}, path)
	want := Article{ID: "harbour-talks", Title: "Harbour Talks End", Source: path, Published: "2025-06-04",
		Text: "Harbour Talks End\n\nJune 4, 2025\n\nThe ministers left the port."}
	if a != want {
		t.Errorf("got  %+v\nwant %+v", a, want)
	}
}

func TestDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", "Second\nThe ferry left.")
	writeFile(t, dir, "a.text", "First\nThe ferry arrived.")
	writeFile(t, dir, "README.md", "# Notes\nNot an article: .md files are read only when named.")
	writeFile(t, dir, "sub/c.html", "<html><head><title>Third</title></head><body><p>The ferry docked at the pier.</p></body></html>")
	writeFile(t, dir, "sub/d.jsonl", `{"text":"The ferry sailed."}`+"\n"+`{"text":"The ferry sank."}`)
	writeFile(t, dir, "sub/e.TXT", "Fifth\nUpper-case extensions count.")
	writeFile(t, dir, "notes.csv", "not,an,article")
	writeFile(t, dir, ".hidden/x.txt", "Hidden\nNot read.")
	writeFile(t, dir, ".draft.txt", "Hidden\nNot read.")

	arts, skips := readAll(t, Options{}, dir)
	if len(skips) != 0 {
		t.Errorf("skips = %v", skips)
	}
	if got := strings.Join(ids(arts), ","); got != "a,b,sub/c,sub/d-1,sub/d-2,sub/e" {
		t.Errorf("ids = %s, want lexical order without hidden files", got)
	}
	if len(arts) > 2 && arts[2].Source != filepath.Join(dir, "sub", "c.html") {
		t.Errorf("source = %q", arts[2].Source)
	}
}

func TestSeveralPathsAndExtensionOption(t *testing.T) {
	dir := t.TempDir()
	one := writeFile(t, dir, "one.txt", "One\nThe ferry left.")
	sub := filepath.Join(dir, "sub")
	writeFile(t, sub, "two.txt", "Two\nThe ferry arrived.")
	writeFile(t, sub, "three.story", "Three\nThe ferry docked.")
	arts, _ := readAll(t, Options{Extensions: map[string]Format{".story": FormatText}}, one, sub)
	if got := strings.Join(ids(arts), ","); got != "one,three" {
		t.Errorf("ids = %s", got)
	}
}

func TestForcedFormat(t *testing.T) {
	// A .txt file holding JSON is read as JSON when asked to.
	path := writeFile(t, t.TempDir(), "export.txt", `{"id":"e1","text":"The ferry left."}`)
	a := readOne(t, Options{Format: FormatJSON}, path)
	if a.ID != "e1" || a.Text != "The ferry left." {
		t.Errorf("article = %+v", a)
	}
}

func TestUnknownExtensionIsSniffed(t *testing.T) {
	dir := t.TempDir()
	html := writeFile(t, dir, "page", "<!doctype html><html><head><title>Sniffed</title></head><body><p>The ferry left the port.</p></body></html>")
	if a := readOne(t, Options{}, html); a.Title != "Sniffed" || a.Text != "The ferry left the port." {
		t.Errorf("html article = %+v", a)
	}
	text := writeFile(t, dir, "README", "Plain\nThe ferry left the port.")
	if a := readOne(t, Options{}, text); a.Title != "Plain" {
		t.Errorf("text article = %+v", a)
	}
}

// hashIDs matches the content-hash ids of standard input's articles.
var hashIDs = regexp.MustCompile(`stdin-[0-9a-f]{16}`)

func TestStdin(t *testing.T) {
	seen := map[string][]string{}
	cases := []struct {
		name, input string
		wantIDs     string
		wantTitle   string
	}{
		{"text", "Ferry News\n\nThe ferry left.", "stdin-H", "Ferry News"},
		{"html", "  <html><head><title>Ferry Page</title></head><body><p>The ferry left.</p></body></html>", "stdin-H", "Ferry Page"},
		{"json", `{"title":"Ferry Record","text":"The ferry left."}`, "stdin-H", "Ferry Record"},
		{"json with id", `{"id":"f9","title":"Ferry Record","text":"The ferry left."}`, "f9", "Ferry Record"},
		{"json lines", "{\"title\":\"Ferry Line\",\"text\":\"The ferry left.\"}\n{\"text\":\"It came back.\"}\n", "stdin-H,stdin-H", "Ferry Line"},
	}
	for _, c := range cases {
		arts, skips := readAll(t, Options{Stdin: strings.NewReader(c.input)}, "-")
		if len(skips) != 0 || len(arts) == 0 {
			t.Errorf("%s: articles %v, skips %v", c.name, arts, skips)
			continue
		}
		got := hashIDs.ReplaceAllString(strings.Join(ids(arts), ","), "stdin-H")
		if got != c.wantIDs || arts[0].Title != c.wantTitle || arts[0].Source != "-" {
			t.Errorf("%s: ids %s, first %+v", c.name, got, arts[0])
		}
		seen[arts[0].ID] = append(seen[arts[0].ID], c.name)
		again, _ := readAll(t, Options{Stdin: strings.NewReader(c.input)}, "-")
		if strings.Join(ids(again), ",") != strings.Join(ids(arts), ",") {
			t.Errorf("%s: ids %v on a second read, %v on the first", c.name, ids(again), ids(arts))
		}
	}
	for id, names := range seen {
		if len(names) > 1 {
			t.Errorf("different stdin inputs %v share the id %s", names, id)
		}
	}
}

func TestStdinOverMaxBytes(t *testing.T) {
	_, skips := readAll(t, Options{MaxBytes: 100, Stdin: strings.NewReader(strings.Repeat("The ferry left. ", 20))}, "-")
	wantSkip(t, skips, "-", 0, "larger than the 100 bytes limit")
}

func TestBadInputsAreSkippedAndOthersRead(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", "Good\nThe ferry left the port on time.")
	big := writeFile(t, dir, "big.txt", "Big\n"+strings.Repeat("The ferry left the port. ", 100))
	cases := []struct {
		name   string
		path   string
		reason string
	}{
		{"missing", filepath.Join(dir, "missing.txt"), "no such file or directory"},
		{"binary", writeFile(t, dir, "photo.txt", "GIF89a\x00\x01\x02\x03binary"), "binary file (contains NUL bytes)"},
		{"control bytes", writeFile(t, dir, "noise.txt", strings.Repeat("\x01\x02\x03\x04abc", 50)), "mostly non-text"},
		{"not UTF-8", writeFile(t, dir, "latin1.txt", "Caf\xe9\nThe ferry left the caf\xe9."), "invalid UTF-8 at line 1"},
		{"empty", writeFile(t, dir, "empty.txt", ""), "empty file"},
		{"whitespace", writeFile(t, dir, "blank.txt", " \n\t\r\n  \n"), "only whitespace"},
		{"too large", big, "larger than the 1.0 KiB limit"},
		{"empty JSON lines", writeFile(t, dir, "none.jsonl", "\n\n"), "no JSON records"},
	}
	for _, c := range cases {
		arts, skips := readAll(t, Options{MaxBytes: 1024}, c.path, good)
		if len(arts) != 1 || arts[0].Source != good {
			t.Errorf("%s: the good file was not read after it: %v", c.name, arts)
		}
		if len(skips) != 1 || skips[0].Source != c.path || !strings.Contains(skips[0].Reason, c.reason) {
			t.Errorf("%s: skips = %v, want %q for %s", c.name, skips, c.reason, c.path)
		}
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop reading")
	}
	dir := t.TempDir()
	locked := writeFile(t, dir, "locked.txt", "Locked\nThe ferry left.")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	_, skips := readAll(t, Options{}, locked)
	wantSkip(t, skips, locked, 0, "permission denied")

	sub := filepath.Join(dir, "sub")
	writeFile(t, sub, "x.txt", "X\nThe ferry left.")
	if err := os.Chmod(sub, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	_, skips = readAll(t, Options{}, sub)
	wantSkip(t, skips, sub, 0, "permission denied")
}

func TestDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "gone.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), link); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	writeFile(t, dir, "ok.txt", "Ok\nThe ferry left.")
	arts, skips := readAll(t, Options{}, dir)
	if len(arts) != 1 {
		t.Errorf("articles = %v", arts)
	}
	wantSkip(t, skips, link, 0, "no such file or directory")
}

func TestDirectoryWithoutArticles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "data.csv", "a,b")
	_, skips := readAll(t, Options{}, dir)
	wantSkip(t, skips, dir, 0, "no article files (.htm .html .json .jsonl .ndjson .text .txt)")

	dir = t.TempDir()
	empty := writeFile(t, dir, "empty.txt", "")
	_, skips = readAll(t, Options{}, dir)
	if len(skips) != 2 || skips[0].Source != empty || skips[1].Source != dir || !strings.Contains(skips[1].Reason, "no articles read") {
		t.Errorf("skips = %v", skips)
	}
}

func TestCallbackErrorStops(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b", "c"} {
		writeFile(t, dir, n+".txt", n+"\nThe ferry left.")
	}
	stop := errors.New("enough")
	var seen []string
	err := Read(context.Background(), []string{dir}, Options{}, func(a Article) error {
		seen = append(seen, a.ID)
		if a.ID == "b" {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) || strings.Join(seen, ",") != "a,b" {
		t.Errorf("err %v, seen %v", err, seen)
	}
}

func TestCancelledContextStops(t *testing.T) {
	var b strings.Builder
	for range 100 {
		b.WriteString(`{"text":"The ferry left."}` + "\n")
	}
	path := writeFile(t, t.TempDir(), "many.jsonl", b.String())
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Read(ctx, []string{path}, Options{}, func(Article) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Errorf("err %v after %d articles", err, n)
	}
}

func TestReadFileJoinsSkips(t *testing.T) {
	path := writeFile(t, t.TempDir(), "mixed.jsonl", "{\"text\":\"The ferry left.\"}\nnot json\n")
	arts, err := ReadFile(path, Options{})
	var s Skip
	if len(arts) != 1 || !errors.As(err, &s) || s.Line != 2 {
		t.Errorf("articles %v, err %v", arts, err)
	}
}

func TestParseFormat(t *testing.T) {
	for name, want := range map[string]Format{"": FormatAuto, "TXT": FormatText, "htm": FormatHTML, "json": FormatJSON, "ndjson": FormatJSONLines} {
		if got, err := ParseFormat(name); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf) accepted")
	}
}

func TestEncodingsAndMarkdown(t *testing.T) {
	dir := t.TempDir()
	bom := writeFile(t, dir, "bom.json", "\uFEFF{\"title\":\"With BOM\",\"text\":\"The ferry left.\"}")
	if a := readOne(t, Options{}, bom); a.Title != "With BOM" {
		t.Errorf("json with BOM: %+v", a)
	}
	bomLines := writeFile(t, dir, "bom.jsonl", "\uFEFF{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n")
	if arts, skips := readAll(t, Options{}, bomLines); len(arts) != 2 || len(skips) != 0 {
		t.Errorf("json lines with BOM: %v, %v", arts, skips)
	}
	md := writeFile(t, dir, "notes.md", "## Ferry Strike Ends\n\nThe crews returned.")
	if a := readOne(t, Options{}, md); a.Title != "Ferry Strike Ends" {
		t.Errorf("markdown title = %q", a.Title)
	}
	utf16 := writeFile(t, dir, "wide.txt", "\xFF\xFEF\x00e\x00r\x00r\x00y\x00")
	_, skips := readAll(t, Options{}, utf16)
	wantSkip(t, skips, utf16, 0, "UTF-16")
}

func TestFiftyMegabyteFileIsBadInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	_, skips := readAll(t, Options{}, path)
	wantSkip(t, skips, path, 0, "file is 50.0 MiB, larger than the 10.0 MiB limit")
}

func TestSameNameInTwoFoldersIsTwoArticles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a/story.txt", "Story A\nThe ferry left.")
	writeFile(t, dir, "b/story.txt", "Story B\nThe ferry came back.")
	arts, skips := readAll(t, Options{}, dir)
	if got := strings.Join(ids(arts), ","); got != "a/story,b/story" || len(skips) != 0 {
		t.Errorf("ids %s, skips %v", got, skips)
	}
	// A file given by itself keeps its bare name, as before.
	arts, _ = readAll(t, Options{}, filepath.Join(dir, "a", "story.txt"))
	if got := strings.Join(ids(arts), ","); got != "story" {
		t.Errorf("a file given by itself: id %s", got)
	}
}

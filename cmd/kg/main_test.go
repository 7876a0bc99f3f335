package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/graph/embedded"
	"github.com/newsgraph/kg/graph/storetest"
	"github.com/newsgraph/kg/internal/testdata"
)

// These tests run the real kg binary, as a user would.

var kgBin string

func TestMain(m *testing.M) {
	if path := os.Getenv(holdLockEnv); path != "" {
		holdWriteLock(path) // a helper process of TestImportLockedStore; exits
	}
	dir, err := os.MkdirTemp("", "kg-bin")
	if err != nil {
		panic(err)
	}
	kgBin = filepath.Join(dir, "kg")
	if out, err := exec.Command("go", "build", "-o", kgBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building kg: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// kg runs the binary with the environment stripped of Neo4j settings
// (unless env adds them), in dir.
func kg(t testing.TB, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(kgBin, args...)
	cmd.Dir = dir
	cmd.Env = append(embeddedEnv(), env...)
	return runKG(t, cmd)
}

// runKG runs a prepared kg command and returns its output and exit code.
func runKG(t testing.TB, cmd *exec.Cmd) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// embeddedEnv is the environment without Neo4j settings: kg uses the
// embedded store.
func embeddedEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "NEO4J_") {
			env = append(env, e)
		}
	}
	return env
}

func repoRoot(t *testing.T) string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "..", "..")
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const storyA = `Oman hosts new round of talks
March 3, 2026

Iranian Foreign Minister Abbas Araghchi met Omani Foreign Minister Badr Albusaidi in Muscat on Monday.
Iran and the United States held talks through Omani mediation.
`

const storyB = `Sudan truce collapses
Rapid Support Forces shelled El Fasher on Sunday, Sudanese officials said.
Kenyan President William Ruto met army chief Abdel Fattah al-Burhan in Nairobi.
`

func TestImportSeedsTwiceIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	seeds := filepath.Join(repoRoot(t), "seeds", "articles")
	r := kg(t, dir, nil, "import", seeds)
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Imported 1 article(s)", "new 1, replaced 0", "summed per article", "entities:", "Person", "relations:", "NEGOTIATES_WITH", "Now in the store (distinct"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	first := kg(t, dir, nil, "stats", "--json").stdout
	r = kg(t, dir, nil, "import", seeds)
	if r.code != 0 || !strings.Contains(r.stdout, "unchanged 1") {
		t.Fatalf("second import: exit %d\n%s", r.code, r.stdout)
	}
	if second := kg(t, dir, nil, "stats", "--json").stdout; second != first {
		t.Errorf("stats changed on re-import:\n%s\n%s", first, second)
	}
	show := kg(t, dir, nil, "show", "araghchi") // a surname finds the full name
	if show.code != 0 || !strings.Contains(show.stdout, "NEGOTIATES_WITH") || !strings.Contains(show.stdout, "Steve Witkoff") {
		t.Errorf("show: exit %d\n%s%s", show.code, show.stdout, show.stderr)
	}
}

func TestBadInputsAreSkippedAndNamed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), storyA)
	write(t, filepath.Join(in, "b.txt"), storyB)
	write(t, filepath.Join(in, "empty.txt"), "   \n")
	write(t, filepath.Join(in, "binary.txt"), "ELF\x00\x01\x02\x03 binary")
	write(t, filepath.Join(in, "latin1.txt"), "Caf\xe9 talks in Gen\xe8ve\n")
	write(t, filepath.Join(in, "feed.jsonl"), `{"id":"j1","title":"T","text":"Israel and Hamas agreed to a ceasefire mediated by Qatar."}
{"id": broken
{"id":"j3","title":"T3","text":"Russia launched drones at Kyiv."}
`)
	write(t, filepath.Join(in, "big.txt"), strings.Repeat("word ", 3<<20)) // 15 MB > default 10 MiB
	os.MkdirAll(filepath.Join(dir, "emptydir"), 0o755)

	r := kg(t, dir, nil, "import", in, filepath.Join(dir, "missing.txt"), filepath.Join(dir, "emptydir"))
	if r.code != exitPartial {
		t.Fatalf("exit %d, want %d (partial)\n%s%s", r.code, exitPartial, r.stdout, r.stderr)
	}
	for _, want := range []string{"empty.txt", "binary.txt", "latin1.txt", "feed.jsonl", "line=2", "big.txt", "missing.txt", "emptydir"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("log does not name %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "Imported 4 article(s)") {
		t.Errorf("want the 4 good articles imported:\n%s", r.stdout)
	}
	st := kg(t, dir, nil, "stats", "--json")
	var stats graph.Stats
	if err := json.Unmarshal([]byte(st.stdout), &stats); err != nil || stats.Articles != 4 {
		t.Errorf("stats %+v (%v)", stats, err)
	}
}

func TestChangedArticleReplacesAndForget(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "story.txt")
	write(t, a, storyA)
	b := filepath.Join(dir, "other.txt")
	write(t, b, storyB)
	if r := kg(t, dir, nil, "import", a, b); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	if r := kg(t, dir, nil, "show", "Badr Albusaidi"); r.code != 0 {
		t.Fatalf("Albusaidi not imported: %s", r.stderr)
	}
	// The same id with a new text: its old facts go, the other article stays.
	write(t, a, "Talks end\nRussia and Ukraine agreed to exchange prisoners in Istanbul.\n")
	r := kg(t, dir, nil, "import", a)
	if r.code != 0 || !strings.Contains(r.stdout, "replaced 1") {
		t.Fatalf("re-import: %d\n%s", r.code, r.stdout)
	}
	if r := kg(t, dir, nil, "show", "Badr Albusaidi"); r.code == 0 {
		t.Errorf("old fact survived the replacement:\n%s", r.stdout)
	}
	if r := kg(t, dir, nil, "show", "Ukraine"); r.code != 0 || !strings.Contains(r.stdout, "COOPERATES_WITH") {
		t.Errorf("new fact missing: %s%s", r.stdout, r.stderr)
	}
	if r := kg(t, dir, nil, "show", "William Ruto"); r.code != 0 {
		t.Errorf("the other article's facts were lost: %s", r.stderr)
	}
	if r := kg(t, dir, nil, "forget", "other"); r.code != 0 || !strings.Contains(r.stdout, "forgot other") {
		t.Fatalf("forget: %d %s%s", r.code, r.stdout, r.stderr)
	}
	if r := kg(t, dir, nil, "show", "William Ruto"); r.code == 0 {
		t.Errorf("forgotten article's entity survived:\n%s", r.stdout)
	}
	if r := kg(t, dir, nil, "forget", "nope"); r.code != exitPartial {
		t.Errorf("forget of an unknown id: exit %d", r.code)
	}
}

func TestExtractJSONFollowsSchema(t *testing.T) {
	dir := testdata.DevCorpus(t)
	r := kg(t, t.TempDir(), nil, "extract", "--format", "json", filepath.Join(dir, "muscat.txt"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line per article, got %d", len(lines))
	}
	var doc struct {
		Article struct {
			ID, Title, Source, Published string
		}
		Entities []struct {
			ID, Type, Name string
			Aliases        []string
			Mentions       *int
		}
		Relations []struct {
			Source, Type, Target, Origin, Sentence, Cameo string
			Confidence                                    *float64
			Properties                                    map[string]string
		}
	}
	dec := json.NewDecoder(strings.NewReader(lines[0]))
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Article.ID != "muscat" || doc.Article.Title != "What Happened in Muscat?" || doc.Article.Published != "2026-02-06" || doc.Article.Source == "" {
		t.Errorf("article %+v", doc.Article)
	}
	ids := map[string]bool{}
	for _, e := range doc.Entities {
		if e.ID == "" || e.Name == "" || !graph.EntityType(e.Type).Valid() || e.Mentions == nil || *e.Mentions < 1 || e.Aliases == nil {
			t.Errorf("entity %+v", e)
		}
		ids[e.ID] = true
	}
	if len(doc.Relations) == 0 {
		t.Fatal("no relations")
	}
	for _, r := range doc.Relations {
		rt := graph.RelationType(r.Type)
		if !rt.Valid() || !ids[r.Source] || !ids[r.Target] || r.Confidence == nil || *r.Confidence < 0 || *r.Confidence > 1 ||
			(r.Origin != "text" && r.Origin != "gazetteer") || r.Cameo != rt.CAMEO() || r.Properties == nil {
			t.Errorf("relation %+v", r)
		}
		if r.Origin == "text" && r.Sentence == "" {
			t.Errorf("text relation without its sentence: %+v", r)
		}
	}
	// Required keys are present even when empty.
	for _, key := range []string{`"article"`, `"entities"`, `"relations"`, `"cameo"`, `"properties"`, `"mentions"`, `"aliases"`} {
		if !strings.Contains(lines[0], key) {
			t.Errorf("output lacks %s", key)
		}
	}
}

func TestEvalPrintsTable(t *testing.T) {
	dir := testdata.DevCorpus(t)
	r := kg(t, t.TempDir(), nil, "eval", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Entities", "Relations", "overall", "NEGOTIATES_WITH", "Weapon"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("eval table lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"import"}, {"extract", "--format", "xml", "x"}, {"--log-format", "yaml", "stats"}, {"query", "RETURN 1"}} {
		if r := kg(t, dir, nil, args...); r.code != exitUsage {
			t.Errorf("kg %v: exit %d, want %d (%s)", args, r.code, exitUsage, r.stderr)
		}
	}
}

func TestStdinAndJSONLogs(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(kgBin, "--log-format", "json", "extract", "--format", "json", "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("Qatar and Egypt mediated talks between Israel and Hamas in Doha.\n")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	if !strings.Contains(out.String(), `"id":"stdin-`) || !strings.Contains(out.String(), "MEDIATES") {
		t.Errorf("stdin extract: %s", out.String())
	}
}

// crashCorpus writes n small articles built from the stories above; each
// version changes every article's text, so an import of a new version has
// all of them to write again.
func crashCorpus(t testing.TB, dir string, n, version int) {
	for i := 0; i < n; i++ {
		body := storyA
		if i%2 == 1 {
			body = storyB
		}
		write(t, filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), fmt.Sprintf("Story %d\n%sItem %d closes version %d of the story.\n", i, body, i, version))
	}
}

func TestImportSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	// Large enough that a loaded machine's poller still sees the import
	// running: the writer does 400 of these articles in well under a second.
	const articles = 1000
	db := filepath.Join(dir, "crash.db")
	killed := 0
	for attempt := 0; attempt < 3; attempt++ {
		// A new version each time: the import has every article to write
		// again (replacing the last version's facts), so a kill lands
		// mid-import however fast the machine is.
		crashCorpus(t, in, articles, attempt)
		cmd := exec.Command(kgBin, "--db", db, "import", "--batch", "4", in)
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill it once the store has taken some of it, or after a while.
		start := time.Now()
		for time.Since(start) < time.Duration(attempt+1)*400*time.Millisecond {
			if st, err := os.Stat(db + "-wal"); err == nil && st.Size() > int64(64<<10*(attempt+1)) {
				break
			}
			sleep()
		}
		cmd.Process.Kill()
		if err := cmd.Wait(); err != nil && !cmd.ProcessState.Exited() {
			killed++ // ended by the signal, mid-import
		}
	}
	if killed == 0 {
		t.Fatal("the import always finished before it could be killed; make the corpus larger")
	}
	t.Logf("killed %d import(s) mid-way", killed)
	// The file opens and the import of the last version completes.
	crashCorpus(t, in, articles, 99)
	if r := kg(t, dir, nil, "--db", db, "import", in); r.code != 0 {
		t.Fatalf("import after crash: %d %s", r.code, r.stderr)
	}
	clean := filepath.Join(dir, "clean.db")
	if r := kg(t, dir, nil, "--db", clean, "import", in); r.code != 0 {
		t.Fatalf("clean import: %d %s", r.code, r.stderr)
	}
	a, err := embedded.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := embedded.Open(clean)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	sa, _ := a.Stats(context.Background())
	if sa.Articles != articles {
		t.Errorf("after crash and re-import: %d articles, want %d", sa.Articles, articles)
	}
	storetest.Equal(t, a, b)
}

// A user's own list is used without rebuilding; a broken list is a clear error.
func TestUserGazetteer(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "mine.tsv")
	write(t, list, "type\tname\taliases\twikidata\tattrs\nOrganization\tBlue Lantern Collective\tBLC\t\tkind=armed_group;in=MLI\n")
	in := filepath.Join(dir, "a.txt")
	write(t, in, "Raid in Gao\nThe BLC attacked Gao, Malian officials said.\n")
	r := kg(t, dir, nil, "--gazetteer", list, "extract", "--format", "json", in)
	if r.code != 0 || !strings.Contains(r.stdout, "Blue Lantern Collective") {
		t.Fatalf("custom gazetteer not used: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, list, "type\tname\taliases\twikidata\tattrs\nOrganisation\tX\t\t\t\n")
	r = kg(t, dir, nil, "--gazetteer", list, "extract", in)
	if r.code == 0 || !strings.Contains(r.stderr, "mine.tsv:2") {
		t.Errorf("a bad list must fail with its file and line: %d\n%s", r.code, r.stderr)
	}
}

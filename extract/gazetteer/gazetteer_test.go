package gazetteer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
	"github.com/newsgraph/kg/seeds"
)

func seedGazetteer(t *testing.T) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatalf("embedded seeds do not load: %v", err)
	}
	return g
}

func TestSeedsCoverEveryType(t *testing.T) {
	g := seedGazetteer(t)
	min := map[graph.EntityType]int{
		graph.State: 200, graph.Place: 400, graph.Organization: 300, graph.Weapon: 200, graph.Person: 100,
	}
	count := map[graph.EntityType]int{}
	for _, e := range g.Entries() {
		count[e.Type]++
	}
	for typ, n := range min {
		if count[typ] < n {
			t.Errorf("%d %s entries, want at least %d", count[typ], typ, n)
		}
	}
	t.Logf("entries: %v; longest form: %d words", count, g.MaxWords())
}

// find returns the form of lookup(surface) that names the entry of type t.
func find(g *Gazetteer, surface string, t graph.EntityType) *Form {
	for _, f := range g.LookupText(surface) {
		if f.Entry.Type == t {
			return &f
		}
	}
	return nil
}

func TestLookupSeeds(t *testing.T) {
	g := seedGazetteer(t)
	cases := []struct {
		surface string
		typ     graph.EntityType
		name    string
		kind    FormKind
	}{
		{"United States", graph.State, "United States", Name},
		{"U.S.", graph.State, "United States", Alias},
		{"the US", graph.State, "United States", Alias},
		{"America", graph.State, "United States", Alias},
		{"American", graph.State, "United States", Demonym},
		{"Washington", graph.State, "United States", Capital},
		{"White House", graph.State, "United States", Capital},
		{"the Islamic Republic", graph.State, "Iran", Alias},
		{"Iranian", graph.State, "Iran", Demonym},
		{"Iranians", graph.State, "Iran", Demonym},
		{"Tehran", graph.State, "Iran", Capital},
		{"Tehran", graph.Place, "Tehran", Name},
		{"the Kremlin", graph.State, "Russia", Capital},
		{"Kiev", graph.State, "Ukraine", Capital},
		{"Omani", graph.State, "Oman", Demonym},
		{"Emirati", graph.State, "United Arab Emirates", Demonym},
		{"UAE", graph.State, "United Arab Emirates", Alias},
		{"DPRK", graph.State, "North Korea", Alias},
		{"Ivorian", graph.State, "Ivory Coast", Demonym},
		{"Côte d’Ivoire", graph.State, "Ivory Coast", Alias},
		{"Türkiye", graph.State, "Turkey", Alias},
		{"Muscat", graph.Place, "Muscat", Name},
		{"Strait of Hormuz", graph.Place, "Strait of Hormuz", Name},
		{"Gaza", graph.Place, "Gaza Strip", Alias},
		{"Persian Gulf", graph.Place, "Persian Gulf", Name},
		{"Fordo", graph.Place, "Fordow", Alias},
		{"IRGC", graph.Organization, "Islamic Revolutionary Guard Corps", Alias},
		{"Revolutionary Guards", graph.Organization, "Islamic Revolutionary Guard Corps", Alias},
		{"State Department", graph.Organization, "State Department", Name},
		{"the Pentagon", graph.Organization, "Department of Defense", Alias},
		{"Ansar Allah", graph.Organization, "Houthis", Alias},
		{"IAEA", graph.Organization, "International Atomic Energy Agency", Alias},
		{"Alhurra", graph.Organization, "Alhurra", Name},
		{"Shahed 136", graph.Weapon, "Shahed-136", Name},
		{"Geran-2", graph.Weapon, "Shahed-136", Alias},
		{"F35", graph.Weapon, "F-35", Alias},
		{"F-35I", graph.Weapon, "F-35", Alias},
		{"S-400", graph.Weapon, "S-400", Name},
		{"Khorramshahr-4", graph.Weapon, "Khorramshahr-4", Name},
		{"USS Abraham Lincoln", graph.Weapon, "USS Abraham Lincoln", Name},
		{"Zelensky", graph.Person, "Volodymyr Zelenskyy", Alias},
		{"Araqchi", graph.Person, "Abbas Araghchi", Alias},
		{"Erdoğan", graph.Person, "Recep Tayyip Erdogan", Alias},
		{"Erdogan", graph.Person, "Recep Tayyip Erdogan", Alias},
	}
	for _, c := range cases {
		f := find(g, c.surface, c.typ)
		if f == nil {
			t.Errorf("%q: no %s form", c.surface, c.typ)
			continue
		}
		if f.Entry.Name != c.name || f.Kind != c.kind {
			t.Errorf("%q: got %s %q (%s), want %q (%s)", c.surface, c.typ, f.Entry.Name, f.Kind, c.name, c.kind)
		}
	}
}

func TestAmbiguousForms(t *testing.T) {
	g := seedGazetteer(t)
	georgia := find(g, "Georgia", graph.State)
	if georgia == nil || !georgia.Ambiguous {
		t.Errorf("Georgia should be an ambiguous State form, got %+v", georgia)
	}
	if f := find(g, "Tbilisi", graph.State); f == nil || f.Ambiguous {
		t.Errorf("Tbilisi should be an unambiguous capital of Georgia, got %+v", f)
	}
	congo := 0
	for _, f := range g.LookupText("Congo") {
		if f.Entry.Type == graph.State {
			congo++
			if !f.Ambiguous {
				t.Errorf("Congo names %q without being marked ambiguous", f.Entry.Name)
			}
		}
	}
	if congo != 2 {
		t.Errorf("Congo names %d states, want 2", congo)
	}
}

func TestEntryAttributes(t *testing.T) {
	g := seedGazetteer(t)
	iran := g.ByISO("IRN")
	if iran == nil || iran.Name != "Iran" || iran.Wikidata != "Q794" {
		t.Fatalf("ByISO(IRN) = %+v", iran)
	}
	if g.ByISO("irn") != iran {
		t.Error("ByISO should not depend on case")
	}
	muscat := g.ByName(graph.Place, "Muscat")
	if muscat == nil || muscat.Attr("in") != "OMN" || muscat.Attr("capital") != "1" || muscat.Attr("kind") != "city" {
		t.Errorf("Muscat: %+v", muscat)
	}
	shahed := g.ByName(graph.Weapon, "shahed 136")
	if shahed == nil || shahed.Attr("category") != "drone" || shahed.Attr("maker") != "IRN" {
		t.Errorf("Shahed-136: %+v", shahed)
	}
	trump := g.ByName(graph.Person, "Donald Trump")
	if trump == nil || trump.Attr("of") != "USA" || trump.Values("roles")[0] != "President" {
		t.Errorf("Donald Trump: %+v", trump)
	}
	if g.ByName(graph.State, "Muscat") != nil {
		t.Error("ByName must respect the type")
	}
	if g.MaxWords() < 6 {
		t.Errorf("MaxWords = %d; forms like %q are longer", g.MaxWords(), "United Kingdom of Great Britain and Northern Ireland")
	}
}

// TestSeedInvariants checks the lists' consistency independently of the
// checks Load makes, so that a data edit cannot slip past a relaxed loader.
func TestSeedInvariants(t *testing.T) {
	g := seedGazetteer(t)
	qid := regexp.MustCompile(`^Q[1-9][0-9]*$`)
	names := map[string]string{}
	qids := map[string]string{}
	for _, e := range g.Entries() {
		k := string(e.Type) + "/" + norm.Key(e.Name)
		if prev, dup := names[k]; dup {
			t.Errorf("%s: duplicate %s name %q (also %s)", e.Source, e.Type, e.Name, prev)
		}
		names[k] = e.Source
		if e.Wikidata != "" {
			if !qid.MatchString(e.Wikidata) {
				t.Errorf("%s: malformed QID %q", e.Source, e.Wikidata)
			}
			if prev, dup := qids[e.Wikidata]; dup {
				t.Errorf("%s: QID %s also used at %s", e.Source, e.Wikidata, prev)
			}
			qids[e.Wikidata] = e.Source
		}
		for _, key := range []string{"in", "maker"} {
			for _, iso := range e.Values(key) {
				if s := g.ByISO(iso); s == nil || s.Type != graph.State {
					t.Errorf("%s: %s=%s names no State", e.Source, key, iso)
				}
			}
		}
		switch e.Type {
		case graph.State:
			if len(e.Attr("iso")) != 3 || len(e.Values("demonyms")) == 0 {
				t.Errorf("%s: state %q needs iso and demonyms", e.Source, e.Name)
			}
		case graph.Place, graph.Organization:
			if e.Attr("kind") == "" {
				t.Errorf("%s: %s %q has no kind", e.Source, e.Type, e.Name)
			}
		case graph.Weapon:
			if e.Attr("category") == "" || e.Attr("maker") == "" {
				t.Errorf("%s: weapon %q needs category and maker", e.Source, e.Name)
			}
		case graph.Person:
			if e.Attr("roles") == "" {
				t.Errorf("%s: person %q has no roles", e.Source, e.Name)
			}
		}
		// A national capital must also be a capital form of its state, so
		// that "Tehran said" can resolve to Iran, or the seat of an
		// organization that acts under its name ("Brussels" for the EU).
		if e.Type == graph.Place && e.Attr("capital") == "1" {
			state := g.ByISO(e.Attr("in"))
			seat := false
			for _, o := range g.Entries() {
				seat = seat || o.Type == graph.Organization && o.hasCapital(e.Name)
			}
			if state == nil || !state.hasCapital(e.Name) && !seat {
				t.Errorf("%s: capital %q is not among the capitals of %s", e.Source, e.Name, e.Attr("in"))
			}
		}
	}
}

func (e *Entry) hasCapital(name string) bool {
	k := norm.Key(name)
	for _, c := range e.Values("capitals") {
		if norm.Key(c) == k {
			return true
		}
	}
	return false
}

func TestParseErrors(t *testing.T) {
	const header = Header + "\n"
	cases := []struct {
		name, file, want string
	}{
		{"unknown type", header + "# comment\n\nContry\tIran\t\t\t\n", `bad.tsv:4: unknown type "Contry"`},
		{"no header", "State\tIran\t\t\tiso=IRN;demonyms=Iranian\n", `bad.tsv:1: want the header line`},
		{"empty file", "# only a comment\n", `bad.tsv: no header line`},
		{"too many columns", header + "Place\tMuscat\t\t\tkind=city\textra\n", `bad.tsv:2: want 5 tab-separated columns`},
		{"one column", header + "Place\n", `bad.tsv:2: want 5 tab-separated columns`},
		{"empty name", header + "Place\t \t\t\tkind=city\n", `bad.tsv:2: empty name`},
		{"bad qid", header + "Place\tMuscat\t\tq3826\tkind=city\n", `bad.tsv:2: wikidata "q3826" is not a QID`},
		{"empty alias", header + "Place\tMuscat\tMasqat||Maskat\t\tkind=city\n", `bad.tsv:2: empty alias`},
		{"not key=value", header + "Place\tMuscat\t\t\tcity\n", `bad.tsv:2: attribute "city" is not key=value`},
		{"unknown attribute", header + "Place\tMuscat\t\t\tknd=city\n", `bad.tsv:2: unknown attribute "knd"`},
		{"attribute of another type", header + "Place\tMuscat\t\t\tmaker=OMN\n", `bad.tsv:2: attribute "maker" does not apply to a Place`},
		{"bad kind", header + "Place\tMuscat\t\t\tkind=town\n", `bad.tsv:2: attribute kind="town"`},
		{"bad iso", header + "Place\tMuscat\t\t\tin=Oman\n", `bad.tsv:2: attribute in="Oman"`},
		{"state without iso", header + "State\tOman\t\t\tdemonyms=Omani\n", `bad.tsv:2: state "Oman" has no iso`},
		{"state without demonym", header + "State\tOman\t\t\tiso=OMN\n", `bad.tsv:2: state "Oman" has no demonyms`},
		{"two values for one", header + "Place\tMuscat\t\t\tkind=city|water\n", `bad.tsv:2: attribute "kind" takes one value`},
		{"attribute twice", header + "Place\tMuscat\t\t\tkind=city;kind=city\n", `bad.tsv:2: attribute "kind" given twice`},
		{"polity of a state", header + "State\tOman\t\t\tiso=OMN;demonyms=Omani;polity=1\n", `bad.tsv:2: attribute "polity" does not apply to a State`},
		{"polity not 1", header + "Place\tTransnistria\t\t\tkind=territory;polity=yes\n", `bad.tsv:2: attribute polity="yes"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"bad.tsv": {Data: []byte(c.file)}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestConsistencyErrors(t *testing.T) {
	const oman = "State\tOman\t\tQ842\tiso=OMN;demonyms=Omani;capitals=Muscat\n"
	cases := []struct {
		name, file, want string
	}{
		{"unknown in", "Place\tMuscat\t\t\tkind=city;in=OMA\n", `x.tsv:3: in=OMA: no State has iso OMA`},
		{"unknown maker", "Weapon\tKhanjar\t\t\tcategory=drone;maker=XYZ\n", `x.tsv:3: maker=XYZ`},
		{"unknown of", "Person\tBadr Albusaidi\t\t\troles=Foreign Minister;of=Omani Foreign Ministry\n", `x.tsv:3: of=Omani Foreign Ministry: neither`},
		{"ambiguous names no form", "Place\tSohar\t\t\tkind=city;ambiguous=Suhar\n", `x.tsv:3: ambiguous=Suhar is not a form of "Sohar"`},
		{"duplicate name", "Place\tMuscat\t\t\tkind=city\nPlace\tmuscat\t\t\tkind=city\n", `x.tsv:4: Place "muscat" is already defined at x.tsv:3`},
		{"duplicate qid", "Place\tMuscat\t\tQ842\tkind=city\n", `wikidata Q842`},
		{"duplicate iso", "State\tSultanate\t\t\tiso=OMN;demonyms=Sultanic\n", `iso OMN`},
		{"conflicting form", "Place\tMuscat\tCapital Area\t\tkind=city\nPlace\tMuttrah\tcapital area\t\tkind=city\n", `"capital area" names both Place "Muttrah" and "Muscat"`},
		{"ambiguous in only one", "Place\tMuscat\tMasqat\t\tkind=city;ambiguous=Masqat\nPlace\tMasqat Bay\tMasqat\t\tkind=water\n", `names both Place`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"x.tsv": {Data: []byte(Header + "\n" + oman + c.file)}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got error %v, want one containing %q", err, c.want)
			}
		})
	}
	// The same form may name entries of different types, and entries of one
	// type when every one of them marks it ambiguous.
	ok := Header + "\n" + oman +
		"Place\tMuscat\t\t\tkind=city;in=OMN\n" +
		"Place\tTripoli\t\t\tkind=city;ambiguous=Tripoli\n" +
		"Place\tTripoli, Lebanon\tTripoli\t\tkind=city;ambiguous=Tripoli\n" +
		"Person\tBadr Albusaidi\tAlbusaidi\t\troles=Foreign Minister;of=OMN\n"
	g, err := Load(fstest.MapFS{"ok.tsv": {Data: []byte(ok)}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.LookupText("Muscat")); n != 2 {
		t.Errorf("Muscat: %d forms, want the Place and the State's capital", n)
	}
	if n := len(g.LookupText("Tripoli")); n != 2 {
		t.Errorf("Tripoli: %d forms, want 2", n)
	}
}

func TestLoadReadsEveryTSVInNameOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"b.tsv":     {Data: []byte(Header + "\nPlace\tMuscat\t\t\tkind=city;in=OMN\n")},
		"a.tsv":     {Data: []byte(Header + "\nState\tOman\t\t\tiso=OMN;demonyms=Omani\n")},
		"notes.txt": {Data: []byte("not a list")},
	}
	g, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries()) != 2 || g.Entries()[0].Source != "a.tsv:2" || g.Entries()[1].Source != "b.tsv:2" {
		t.Errorf("entries: %v, %v", g.Entries()[0].Source, g.Entries()[1].Source)
	}
}

func TestAddFile(t *testing.T) {
	g, err := New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	user := filepath.Join(dir, "mine.tsv")
	writeFile(t, user, Header+"\n"+
		"# extend a seed entry and add a new one\n"+
		"State\tIran\tPersia\t\tcapitals=Pasteur Street\n"+
		"Person\tAli Shamkhani\tShamkhani\t\troles=Adviser;of=IRN\n")
	if err := g.AddFile(user); err != nil {
		t.Fatal(err)
	}
	if f := find(g, "Persia", graph.State); f == nil || f.Entry.Name != "Iran" || f.Kind != Alias {
		t.Errorf("Persia: %+v", f)
	}
	if f := find(g, "Pasteur Street", graph.State); f == nil || f.Kind != Capital {
		t.Errorf("Pasteur Street: %+v", f)
	}
	if f := find(g, "Tehran", graph.State); f == nil || f.Entry.Name != "Iran" {
		t.Error("extending Iran lost its seed capitals")
	}
	if f := find(g, "Shamkhani", graph.Person); f == nil || f.Entry.Attr("of") != "IRN" {
		t.Errorf("Shamkhani: %+v", f)
	}
	if e := g.ByName(graph.State, "Iran"); !strings.Contains(e.Source, "mine.tsv:3") {
		t.Errorf("Iran's source %q should name the user's file", e.Source)
	}

	// A bad file is reported with its line and leaves g as it was.
	bad := filepath.Join(dir, "bad.tsv")
	writeFile(t, bad, Header+"\nState\tIran\tQajar State\tQ1\t\n")
	err = g.AddFile(bad)
	if err == nil || !strings.Contains(err.Error(), "bad.tsv:2: wikidata Q1") {
		t.Errorf("conflicting QID: got %v", err)
	}
	if g.LookupText("Qajar State") != nil {
		t.Error("a failed AddFile changed the gazetteer")
	}
	iso := filepath.Join(dir, "iso.tsv")
	writeFile(t, iso, Header+"\nState\tIran\t\t\tiso=IRQ\n")
	if err := g.AddFile(iso); err == nil || !strings.Contains(err.Error(), "iso.tsv:2: iso=IRQ of \"Iran\" differs from IRN") {
		t.Errorf("conflicting iso: got %v", err)
	}
	conflict := filepath.Join(dir, "conflict.tsv")
	writeFile(t, conflict, Header+"\nState\tParthia\tPersia\t\tiso=PRT;demonyms=Parthian\n")
	if err := g.AddFile(conflict); err == nil {
		t.Error("a user entry reusing a seed iso and form was accepted")
	}
	if err := g.AddFile(filepath.Join(dir, "missing.tsv")); err == nil {
		t.Error("a missing file was accepted")
	}

	// The shared Default cannot be changed.
	d := seedGazetteer(t)
	if err := d.AddFile(user); err == nil {
		t.Error("AddFile on Default succeeded")
	}
	if find(d, "Persia", graph.State) != nil {
		t.Error("New shares state with Default")
	}
}

func TestNewReportsUserFileErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "typo.tsv")
	writeFile(t, bad, Header+"\n\nContry\tAtlantis\t\t\t\n")
	_, err := New(bad)
	if err == nil || err.Error() != `typo.tsv:3: unknown type "Contry" (want one of Person, State, Place, Organization, Weapon)` {
		t.Errorf("got %v", err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkLoadSeeds(b *testing.B) {
	fsys := seeds.Gazetteers()
	for i := 0; i < b.N; i++ {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"united states", "tehran", "irgc", "shahed 136", "not a name at all"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Lookup(keys[i%len(keys)])
	}
}

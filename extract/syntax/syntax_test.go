package syntax

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const ewt = "../../../shared/datasets/ud-ewt"

// readEWT reads one file of the treebank, skipping the test when ../shared
// is absent.
func readEWT(t testing.TB, name string) []Sentence {
	t.Helper()
	path := filepath.Join(ewt, "en_ewt-ud-"+name+".conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("UD English EWT not available (%v): the treebank lives in ../shared/datasets/ud-ewt", err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCoNLLURoundTrip(t *testing.T) {
	in := "# sent_id = x-1\n# text = I didn't go.\n" +
		"1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n" +
		"2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n" +
		"3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n" +
		"4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"4.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n"
	s, err := ReadCoNLLU(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || len(s[0].Words) != 5 || len(s[0].Multi) != 1 || s[0].Words[3].Head != 0 || s[0].Words[1].Head != 4 {
		t.Fatalf("read %+v", s)
	}
	var buf bytes.Buffer
	if err := WriteCoNLLU(&buf, s[0]); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(in, "4.1\tgone\t_\t_\t_\t_\t_\t_\t_\t_\n", "", 1)
	if buf.String() != want {
		t.Fatalf("wrote\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestCoNLLUErrorsNameTheLine(t *testing.T) {
	for _, in := range []string{
		"1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\n",      // 9 fields
		"1\tI\tI\tPRON\tPRP\t_\tx\troot\t_\t_\n",   // bad head
		"2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n",   // id out of order
		"1\tI\tI\tPRON\tPRP\t_\t7\troot\t_\t_\n\n", // head outside
		"1-x\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n", // bad range
	} {
		if _, err := ReadCoNLLU(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("%q: err = %v, want one naming the line", in, err)
		}
	}
}

func TestWordsSplitClitics(t *testing.T) {
	words, of := Words([]string{"They", "didn't", "say", "it", "cannot", "rise", "3.5%", ";", "we're", "gonna", "U.S.", "Iran", "'s", "Khorramshahr-4"})
	want := []string{"They", "did", "n't", "say", "it", "can", "not", "rise", "3.5", "%", ";", "we", "'re", "gon", "na", "U.S.", "Iran", "'s", "Khorramshahr-4"}
	if !slices.Equal(words, want) {
		t.Fatalf("words %q\nwant  %q", words, want)
	}
	wantOf := []int{0, 1, 1, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 12, 13}
	if !slices.Equal(of, wantOf) {
		t.Fatalf("tokenOf %v, want %v", of, wantOf)
	}
}

func TestTokenTree(t *testing.T) {
	// "They didn't go": did and n't hang from go; the token "didn't" takes
	// did's head and label.
	parsed := []Word{{Head: 4, Deprel: "nsubj"}, {Head: 4, Deprel: "aux"}, {Head: 4, Deprel: "advmod"}, {Head: 0, Deprel: "root"}}
	heads, labels := TokenTree(parsed, []int{0, 1, 1, 2}, 3)
	if !slices.Equal(heads, []int{2, 2, -1}) || !slices.Equal(labels, []string{"nsubj", "aux", "root"}) {
		t.Fatalf("heads %v labels %v", heads, labels)
	}
}

func TestMergeHyphens(t *testing.T) {
	in := "1\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_\n" +
		"2\tlong\tlong\tADJ\tJJ\t_\t4\tamod\t_\tSpaceAfter=No\n" +
		"3\t-\t-\tPUNCT\tHYPH\t_\t4\tpunct\t_\tSpaceAfter=No\n" +
		"4\tterm\tterm\tNOUN\tNN\t_\t5\tcompound\t_\t_\n" +
		"5\tplan\tplan\tNOUN\tNN\t_\t0\troot\t_\t_\n\n"
	s, err := ReadCoNLLU(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	m, ok := mergeHyphens(s[0])
	if !ok || len(m.Words) != 3 || m.Words[1].Form != "long-term" || m.Words[1].Head != 3 || m.Words[1].Deprel != "compound" || m.Words[0].Head != 3 {
		t.Fatalf("merged %+v", m.Words)
	}
}

// The dynamic oracle is exact on projective trees: following zero-cost
// moves from the start always rebuilds the gold tree.
func TestOracleRebuildsGoldTrees(t *testing.T) {
	sents := readEWT(t, "dev")
	checked := 0
	var c config
	var cost [numMoves]int
	for _, s := range sents {
		n := len(s.Words)
		gold := make([]int, n)
		for i, w := range s.Words {
			gold[i] = w.Head - 1
			if w.Head == 0 {
				gold[i] = n
			}
		}
		if !projective(gold) {
			continue
		}
		c.reset(n)
		for !c.done() {
			c.costs(gold, &cost)
			move := -1
			for m := numMoves - 1; m >= 0; m-- { // prefer arcs: any zero-cost move must do
				if cost[m] == 0 {
					move = m
					break
				}
			}
			if move < 0 {
				t.Fatalf("no zero-cost move in a projective tree: %v", gold)
			}
			c.apply(move, 0)
		}
		for i := 0; i < n; i++ {
			if c.head[i] != gold[i] {
				t.Fatalf("word %d: head %d, gold %d (%v)", i, c.head[i], gold[i], gold)
			}
		}
		checked++
	}
	if checked < 1500 {
		t.Fatalf("only %d projective sentences checked", checked)
	}
}

func TestProjective(t *testing.T) {
	// 0 <- 1 -> 2, root 1 (n = 3)
	if !projective([]int{1, 3, 1}) {
		t.Error("a simple tree is projective")
	}
	// arcs 0->2 and 1->3 cross
	if projective([]int{4, 3, 0, 4}) {
		t.Error("crossing arcs are not projective")
	}
}

// A model trained on a slice of the treebank is the same, byte for byte,
// on every run, and survives Save and Load unchanged.
func TestTrainingIsDeterministic(t *testing.T) {
	sents := readEWT(t, "dev")[:400]
	opts := TrainOptions{TagIterations: 2, ParseIterations: 2, Folds: 2, Seed: 7}
	var a, b bytes.Buffer
	if err := Train(sents, opts).Save(&a); err != nil {
		t.Fatal(err)
	}
	m2 := Train(sents, opts)
	if err := m2.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings with the same data and seed differ")
	}
	loaded, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := loaded.Save(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("Save(Load(x)) != x")
	}
	forms := []string{"The", "talks", "were", "hosted", "by", "Oman", "."}
	if !slices.Equal(heads(m2.Parse(forms)), heads(loaded.Parse(forms))) {
		t.Fatal("the loaded model parses differently")
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	if _, err := Load(strings.NewReader("not gzip")); err == nil {
		t.Error("garbage loaded")
	}
	var buf bytes.Buffer
	if err := Default().Save(&buf); err != nil {
		t.Fatal(err)
	}
	cut := buf.Bytes()[:buf.Len()/2]
	if _, err := Load(bytes.NewReader(cut)); err == nil {
		t.Error("a truncated model loaded")
	}
}

func heads(ws []Word) []int {
	out := make([]int, len(ws))
	for i, w := range ws {
		out[i] = w.Head
	}
	return out
}

// Every parse is a tree: one root, every word reaches it, no cycles.
func TestParsesAreTrees(t *testing.T) {
	m := Default()
	for _, s := range []string{
		"Oman mediated the talks between Iran and the United States .",
		"",
		".",
		"and and and , , ,",
		strings.Repeat("word ", 300),
	} {
		forms := strings.Fields(s)
		got := m.Parse(forms)
		if len(got) != len(forms) {
			t.Fatalf("%q: %d words for %d forms", s, len(got), len(forms))
		}
		checkTree(t, got)
	}
}

func checkTree(t *testing.T, ws []Word) {
	t.Helper()
	roots := 0
	for i, w := range ws {
		if w.Head == 0 {
			roots++
			if w.Deprel != "root" {
				t.Errorf("root word %d labelled %s", i+1, w.Deprel)
			}
		}
		if w.Head < 0 || w.Head > len(ws) || w.Head == i+1 {
			t.Fatalf("word %d has head %d", i+1, w.Head)
		}
		seen := 0
		for h := i + 1; h != 0; h = ws[h-1].Head {
			if seen++; seen > len(ws) {
				t.Fatalf("cycle through word %d", i+1)
			}
		}
	}
	if len(ws) > 0 && roots != 1 {
		t.Fatalf("%d roots", roots)
	}
}

// The cue verbs of relations reach their lemma whatever their inflection.
func TestLemmas(t *testing.T) {
	m := Default()
	for _, c := range []struct{ sent, word, lemma string }{
		{"Oman mediated the talks .", "mediated", "mediate"},
		{"They are negotiating a deal .", "negotiating", "negotiate"},
		{"Iran and Oman held talks .", "held", "hold"},
		{"Iran and Oman held talks .", "talks", "talk"},
		{"Washington sanctioned two banks .", "sanctioned", "sanction"},
		{"He threatened Israel .", "threatened", "threaten"},
		{"She criticized the strikes .", "criticized", "criticize"},
		{"Putin met Xi in Beijing .", "met", "meet"},
		{"The army stopped the convoy .", "stopped", "stop"},
		{"The talks were hosted by Qatar .", "were", "be"},
	} {
		forms := strings.Fields(c.sent)
		for _, w := range m.Parse(forms) {
			if w.Form == c.word && w.Lemma != c.lemma {
				t.Errorf("%q in %q: lemma %q, want %q", c.word, c.sent, w.Lemma, c.lemma)
			}
		}
	}
}

// Structures the relation reader depends on, on sentences written for
// this test (not from the treebank).
func TestParsesNewsStructures(t *testing.T) {
	m := Default()
	type arc struct{ dep, head, label string }
	for _, c := range []struct {
		sent string
		arcs []arc
	}{
		{"Oman mediated the talks between Iran and the United States .", []arc{
			{"Oman", "mediated", "nsubj"}, {"talks", "mediated", "obj"}, {"mediated", "", "root"}}},
		{"The talks were hosted by Qatar .", []arc{
			{"talks", "hosted", "nsubj:pass"}, {"Qatar", "hosted", "obl:agent"}, {"by", "Qatar", "case"}}},
		{"Araghchi met Witkoff and Vance in Muscat on Monday .", []arc{
			{"Araghchi", "met", "nsubj"}, {"Witkoff", "met", "obj"}, {"Vance", "Witkoff", "conj"}, {"Muscat", "met", "obl"}}},
		{"Iran did not attack the base .", []arc{
			{"not", "attack", "advmod"}, {"base", "attack", "obj"}, {"Iran", "attack", "nsubj"}}},
		{"The minister said Iran would retaliate .", []arc{
			{"retaliate", "said", "ccomp"}, {"Iran", "retaliate", "nsubj"}, {"minister", "said", "nsubj"}}},
	} {
		forms := strings.Fields(c.sent)
		got := m.Parse(forms)
		checkTree(t, got)
		find := func(form string) int {
			for i, w := range got {
				if w.Form == form {
					return i
				}
			}
			t.Fatalf("%q not in %q", form, c.sent)
			return -1
		}
		for _, a := range c.arcs {
			w := got[find(a.dep)]
			head := ""
			if w.Head > 0 {
				head = got[w.Head-1].Form
			}
			if head != a.head || w.Deprel != a.label {
				t.Errorf("%q: %s <-%s- %q, want <-%s- %q", c.sent, a.dep, w.Deprel, head, a.label, a.head)
			}
		}
	}
}

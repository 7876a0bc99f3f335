package relation

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/kg/extract/syntax"
	"github.com/newsgraph/kg/graph"
)

// parsed builds a Sentence from words with the embedded parser. names maps
// a word to its entity type; each such word is one mention (entities are
// numbered by first appearance), cues maps a word to the relation it cues.
func parsed(sent string, names map[string]graph.EntityType, cues map[string]graph.RelationType) (*Sentence, []string) {
	words := strings.Fields(sent)
	isName := make([]bool, len(words))
	for i, w := range words {
		_, isName[i] = names[w]
	}
	ws := syntax.Default().ParseNames(words, isName) // as extraction parses: names known
	s := &Sentence{Tokens: words}
	var ents []string
	for i, w := range ws {
		h := w.Head - 1
		s.Lemmas = append(s.Lemmas, w.Lemma)
		s.UPOS = append(s.UPOS, w.UPOS)
		s.Heads = append(s.Heads, h)
		s.Deprels = append(s.Deprels, w.Deprel)
		s.Cues = append(s.Cues, cues[strings.ToLower(words[i])])
		if t, ok := names[words[i]]; ok {
			e := slices.Index(ents, words[i])
			if e < 0 {
				e = len(ents)
				ents = append(ents, words[i])
			}
			s.Mentions = append(s.Mentions, Mention{Start: i, End: i + 1, Entity: e, Type: t, Form: "name"})
		}
	}
	return s, ents
}

func facts(s *Sentence, ents []string) []string {
	var out []string
	for _, f := range Structure(s) {
		a, b := ents[f.Source], ents[f.Target]
		if f.Type.Symmetric() && a > b {
			a, b = b, a
		}
		out = append(out, fmt.Sprintf("%s %s %s", a, f.Type, b))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	P, S, O = graph.Person, graph.State, graph.Organization
	names   = map[string]graph.EntityType{"Oman": S, "Iran": S, "Israel": S, "Qatar": S, "Egypt": S, "Hamas": O,
		"Araghchi": P, "Witkoff": P, "Vance": P, "Thai": S, "Cambodian": S, "Reuters": O, "M23": O, "Congolese": S, "Russia": S, "Ukraine": S, "Turkey": S, "Syria": S, "Gaza": graph.Place}
	cues = map[string]graph.RelationType{"mediated": graph.Mediates, "met": graph.MeetsWith, "attacked": graph.Attacks,
		"strikes": graph.Attacks, "talks": graph.NegotiatesWith, "sanctioned": graph.Sanctions, "supports": graph.Supports,
		"criticized": graph.Criticizes, "hosted": graph.MeetsWith, "struck": graph.Attacks, "meet": graph.MeetsWith,
		"meeting": graph.MeetsWith, "shelled": graph.Attacks, "dinner": graph.MeetsWith, "call": graph.MeetsWith}
)

func TestStructureReadings(t *testing.T) {
	checkFacts(t, []factCase{
		{"active", "Russia attacked Ukraine on Monday .", []string{"Russia ATTACKS Ukraine"}},
		{"passive with agent", "Ukraine was attacked by Russia on Monday .", []string{"Russia ATTACKS Ukraine"}},
		{"coordinated subjects meet", "Araghchi and Witkoff met in Muscat .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"coordinated objects", "Araghchi met Witkoff and Vance .", []string{"Araghchi MEETS_WITH Vance", "Araghchi MEETS_WITH Witkoff"}},
		{"two objects did not meet each other", "Araghchi met Witkoff and Vance .", []string{"Araghchi MEETS_WITH Vance", "Araghchi MEETS_WITH Witkoff"}},
		{"mediation between parties", "Oman mediated talks between Iran and Israel .", []string{"Iran NEGOTIATES_WITH Israel", "Oman MEDIATES Iran", "Oman MEDIATES Israel"}},
		{"light verb lends its subject", "Israel launched strikes on Gaza .", []string{"Israel ATTACKS Gaza"}},
		{"relative clause", "Witkoff , who met Araghchi on Monday , left Muscat .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"negation", "Russia did not attack Ukraine .", nil},
		{"never", "Qatar never sanctioned Egypt .", nil},
		{"modality", "Russia could attack Ukraine .", nil},
		{"reported speech keeps the inner clause", "Araghchi said Russia attacked Ukraine .", []string{"Russia ATTACKS Ukraine"}},
		{"apposition names the same doer", "Araghchi , the minister , met Witkoff .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"a qualifier is not the argument", "Iran 's minister met Witkoff .", nil},
	})
}

func TestStructureByLemma(t *testing.T) {
	for _, c := range []struct {
		sent string
		want []string
	}{
		{"Russia urged Ukraine to accept the deal .", []string{"Russia DEMANDS Ukraine"}},
		{"Qatar asked Israel to stop the strikes .", []string{"Qatar DEMANDS Israel"}},
		{"Turkey called on Syria to withdraw .", []string{"Turkey DEMANDS Syria"}},
		{"Russia asked Ukraine a question .", nil},
		{"Russia sent missiles to Syria .", []string{"Russia SUPPORTS Syria"}},
		{"Egypt sent dozens of tanks to Qatar .", []string{"Egypt SUPPORTS Qatar"}},
		{"Egypt sent a letter to Qatar .", nil},
		{"Russia did not send missiles to Syria .", nil},
	} {
		s, ents := parsed(c.sent, names, cues)
		if got := facts(s, ents); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.sent, got, c.want)
		}
	}
}

// TestStructureSharedSubjects: a clause without a subject of its own takes
// the one of the clause it depends on, unless that clause states no fact.
func TestStructureSharedSubjects(t *testing.T) {
	checkFacts(t, []factCase{
		{"infinitive complement", "Araghchi agreed to meet Witkoff in Muscat .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"passive governor", "Araghchi is scheduled to meet Witkoff on Friday .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"intention states nothing", "Araghchi wants to meet Witkoff .", nil},
		{"refusal states nothing", "Araghchi refused to meet Witkoff .", nil},
		{"negated governor", "Araghchi did not agree to meet Witkoff .", nil},
		{"participle", "Araghchi arrived in Doha on Monday , meeting Witkoff and Vance .", []string{"Araghchi MEETS_WITH Vance", "Araghchi MEETS_WITH Witkoff"}},
		{"purpose clause is no fact", "Araghchi travelled to Doha to meet Witkoff .", nil},
		{"coordinated verbs share the subject", "Russia shelled Kharkiv and attacked Ukraine .", []string{"Russia ATTACKS Ukraine"}},
		{"a passive conjunct does not", "Russia was shelled and attacked Ukraine .", []string{"Russia ATTACKS Ukraine"}},
	})
}

// TestStructureEventNouns: a meeting or talks noun that hangs from a clause
// is an event the clause's subject took part in.
func TestStructureEventNouns(t *testing.T) {
	checkFacts(t, []factCase{
		{"during a meeting with", "Araghchi said during a meeting with Witkoff that the talks would go on .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"after talks with", "Araghchi spoke to reporters after talks with Witkoff .", []string{"Araghchi NEGOTIATES_WITH Witkoff"}},
		{"after a dinner with", "Araghchi left Doha after a dinner with Witkoff .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"a phone call with", "Araghchi held a phone call with Witkoff on Monday .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"controlled light verb", "Araghchi agreed to hold talks with Witkoff .", []string{"Araghchi NEGOTIATES_WITH Witkoff"}},
		{"negated clause", "Araghchi did not hold talks with Witkoff .", nil},
		{"a meeting noun needs someone met", "Araghchi spoke after the dinner .", nil},
		{"hostile nouns are not the speaker's", "Araghchi spoke after strikes on Gaza .", nil},
	})
}

// TestStructureReciprocal: clashes, exchanges of fire and of accusations
// go both ways.
func TestStructureReciprocal(t *testing.T) {
	checkFacts(t, []factCase{
		{"clashes between", "Clashes between Russia and Ukraine continued on Monday .", []string{"Russia ATTACKS Ukraine", "Ukraine ATTACKS Russia"}},
		{"clashes between demonym soldiers", "Armed clashes between Thai and Cambodian soldiers entered a fifth day .", []string{"Cambodian ATTACKS Thai", "Thai ATTACKS Cambodian"}},
		{"exchanged fire", "Israel and Egypt exchanged fire overnight .", []string{"Egypt ATTACKS Israel", "Israel ATTACKS Egypt"}},
		{"traded accusations", "Russia and Ukraine traded accusations on Tuesday .", []string{"Russia CRITICIZES Ukraine", "Ukraine CRITICIZES Russia"}},
		{"traded goods is no hostility", "Russia and Ukraine traded grain for decades .", nil},
		{"no clashes", "There were no clashes between Russia and Ukraine .", nil},
		{"one side only", "Clashes near Gaza continued .", nil},
	})
}

// TestStructureNounPhrases: a person "of" a state, a government or troops
// for their state, a descriptor for its organization, a stray "between".
func TestStructureNounPhrases(t *testing.T) {
	checkFacts(t, []factCase{
		{"person of state", "Foreign ministers Araghchi of Iran and Witkoff of Qatar signed the text .", []string{"Araghchi AFFILIATED_WITH Iran", "Witkoff AFFILIATED_WITH Qatar"}},
		{"person of organization", "Vance of Reuters reported the news .", []string{"Vance AFFILIATED_WITH Reuters"}},
		{"a place of a state is no person", "The port of Gaza reopened .", nil},
		{"the government acts for its state", "Oman mediated talks between the Congolese government and the M23 rebel group .",
			[]string{"Congolese NEGOTIATES_WITH M23", "Oman MEDIATES Congolese", "Oman MEDIATES M23"}},
		{"stray between", "The meeting in Doha on Monday , between Araghchi and Witkoff , lasted three hours .", []string{"Araghchi MEETS_WITH Witkoff"}},
		{"a qualifier on a minister is still not the state", "Iran 's minister met Witkoff .", nil},
	})
}

// factCase is a sentence and the facts its structure states.
type factCase struct {
	name, sent string
	want       []string
}

func checkFacts(t *testing.T, cases []factCase) {
	t.Helper()
	for _, c := range cases {
		s, ents := parsed(c.sent, names, cues)
		if got := facts(s, ents); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q: got %q, want %q", c.name, c.sent, got, c.want)
		}
	}
}

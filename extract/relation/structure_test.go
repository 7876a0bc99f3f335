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
	ws := syntax.Default().Parse(words)
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
		"Araghchi": P, "Witkoff": P, "Vance": P, "Russia": S, "Ukraine": S, "Turkey": S, "Syria": S, "Gaza": graph.Place}
	cues = map[string]graph.RelationType{"mediated": graph.Mediates, "met": graph.MeetsWith, "attacked": graph.Attacks,
		"strikes": graph.Attacks, "talks": graph.NegotiatesWith, "sanctioned": graph.Sanctions, "supports": graph.Supports,
		"criticized": graph.Criticizes, "hosted": graph.MeetsWith, "struck": graph.Attacks}
)

func TestStructureReadings(t *testing.T) {
	for _, c := range []struct {
		name, sent string
		want       []string
	}{
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
	} {
		s, ents := parsed(c.sent, names, cues)
		if got := facts(s, ents); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q: got %q, want %q", c.name, c.sent, got, c.want)
		}
	}
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

package extract

import "testing"

// One node per real thing inside an article: fragments, acronyms and
// spelling variants of a name join the full name; the negative cases keep
// different things apart. The sentences are written for the test.
func TestOneNodePerThing(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "a fragment of a listed full name",
			text:    "Sudanese paramilitary leader Mohamed Hamdan Dagalo rejected the plan. Mohamed Hamdan said his forces would fight on.",
			want:    []string{"Person=Mohamed Hamdan Dagalo", "Person:Mohamed Hamdan"},
			wantNot: []string{"Person=Mohamed Hamdan"},
		},
		{
			name: "negative: a listed namesake is not a fragment",
			text: "Hamas official Osama Hamdan met Sudanese commander Mohamed Hamdan Dagalo in Doha.",
			want: []string{"Person=Osama Hamdan", "Person=Mohamed Hamdan Dagalo"},
		},
		{
			name:    "an unlisted acronym given in parentheses joins its name",
			text:    "The Sahel Liberation Front (SLF) claimed the attack. Officials said the SLF had grown stronger.",
			want:    []string{"Organization:SLF"},
			wantNot: []string{"Organization=SLF"},
		},
		{
			name:    "an unlisted acronym of a listed name joins it",
			text:    "Members of Tren de Aragua (TDA) were deported on Friday. The TDA has cells in Chile.",
			want:    []string{"Organization:TDA"},
			wantNot: []string{"Organization=TDA"},
		},
		{
			name:    "a shorter form of a state's body after its full name",
			text:    "The Ukrainian Air Force said it shot down 40 drones overnight. The Air Force added that two missiles got through.",
			want:    []string{"Organization=Ukrainian Air Force"},
			wantNot: []string{"Organization=Air Force"},
		},
		{
			name:    "an alternative spelling the list gives (Tiani for Tchiani)",
			text:    "Niger's junta leader, General Abdourahamane Tiani, met the delegation in Niamey.",
			want:    []string{"Person=Abdourahamane Tchiani"},
			wantNot: []string{"Person=Abdourahamane Tiani"},
		},
		{
			name: "a spelling of a listed body with its state's abbreviation",
			text: "The US Dept of the Treasury sanctioned three shipping firms on Tuesday.",
			want: []string{"Organization=Treasury Department"},
		},
	})
}

// A capital names its government and, right after, the city: the two
// senses in one sentence give two nodes, the state and the place.
func TestCapitalBothSensesInOneSentence(t *testing.T) {
	check(t, []mechanismCase{
		{
			name: "the state speaks of talks held in its capital",
			text: "Tehran said the next round of talks would be held in Tehran.",
			want: []string{"State:Tehran", "Place:Tehran"},
		},
		{
			name: "the Kremlin acting, then a meeting at the Kremlin",
			text: "The Kremlin said Putin would receive the envoy at the Kremlin on Friday.",
			want: []string{"State:Kremlin", "Place:Kremlin"},
		},
	})
}

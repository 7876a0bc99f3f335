package extract

import "testing"

// One rule set decides whether a capital or seat acts (its state or
// organization) or is the place, tested on pairs of sentences that use the
// same name both ways.
func TestCapitalSensePairs(t *testing.T) {
	check(t, []mechanismCase{
		{name: "Kremlin acting", text: "The Kremlin said the talks were useful.", want: []string{"State:Kremlin"}, wantNot: []string{"Place:Kremlin"}},
		{name: "Kremlin as a place", text: "Putin hosted the talks at the Kremlin.", want: []string{"Place:Kremlin"}, wantNot: []string{"State:Kremlin"}},
		{name: "Brussels acting is the EU", text: "Brussels said the sanctions would stay.", want: []string{"Organization=European Union"}, wantNot: []string{"State=Belgium", "Place:Brussels"}},
		{name: "Brussels hosting is the city", text: "Brussels hosted the summit on Monday.", want: []string{"Place:Brussels"}, wantNot: []string{"Organization=European Union"}},
		{name: "Doha acting", text: "Doha has mediated between the two sides.", want: []string{"State=Qatar"}, wantNot: []string{"Place:Doha"}},
		{name: "Doha as a place", text: "The delegations arrived in Doha on Sunday.", want: []string{"Place:Doha"}, wantNot: []string{"State=Qatar"}},
		{name: "the capital named as a city", text: "Saudi officials met Houthi officials in the Yemeni capital Sanaa.", want: []string{"Place:Sanaa"}, wantNot: []string{"State:Sanaa"}},
		{name: "a capital in apposition", text: "Kyiv, the Ukrainian capital, came under attack.", want: []string{"Place:Kyiv"}, wantNot: []string{"State:Kyiv"}},
		{name: "a seized capital is the city", text: "The Houthis seized Sanaa in 2014.", want: []string{"Place:Sanaa"}},
		{name: "capitals between parties act", text: "The consultations between Riyadh and Sanaa continued.", want: []string{"State:Riyadh", "State:Sanaa"}},
		{name: "a march on the capital", text: "Prigozhin led a march on Moscow.", want: []string{"Place:Moscow"}, wantNot: []string{"State:Moscow"}},
		{name: "pressure on the capital is on the state", text: "The West kept up pressure on Tehran.", want: []string{"State:Tehran"}, wantNot: []string{"Place:Tehran"}},
		{name: "a capital then the city in one text", text: "Yerevan accused Baku of shelling border villages. Talks were later held in Yerevan.", want: []string{"State:Yerevan", "Place:Yerevan", "State:Baku"}},
	})
}

package extract

import "testing"

// Which sense of a name the text means, and which of two listed things an
// ambiguous name is: a dateline, a locative, what a capital sends or is
// handed, a list of capitals, a building's head word, a
// breakaway territory's government, a title word inside a listed name, a
// chain of name particles and an ambiguous state name decided by the rest
// of the article. Each
// mechanism has a negative case. The sentences are written for the test.
func TestSenses(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "a dateline naming an organization is its listed headquarters",
			text:    "UNITED NATIONS — The Security Council voted on Friday to extend the mission.",
			want:    []string{"Place=United Nations Headquarters"},
			wantNot: []string{"Organization:UNITED NATIONS"},
		},
		{
			name: "negative: the organization named in the text stays the organization",
			text: "UNITED NATIONS — The United Nations said on Friday that aid had reached the city.",
			want: []string{"Place=United Nations Headquarters", "Organization=United Nations"},
		},
		{
			name:    "negative: a dateline naming a body with no listed headquarters is no place",
			text:    "OPEC — Oil ministers agreed on Sunday to raise output.",
			wantNot: []string{"Place:OPEC"},
		},
		{
			name:    "a capital after 'off' is the city on the coast",
			text:    "The two coast guards held their first joint exercise off Manila last year.",
			want:    []string{"Place=Manila"},
			wantNot: []string{"State:Manila"},
		},
		{
			name:    "negative: the capital acting is its state",
			text:    "Manila and Hanoi said they were natural partners.",
			want:    []string{"State:Manila"},
			wantNot: []string{"Place=Manila"},
		},
		{
			name:    "a capital that sends orders or is handed a country is its government",
			text:    "The tanker was acting on orders from Moscow. The opposition said the government had handed the country to Moscow.",
			want:    []string{"State:Moscow"},
			wantNot: []string{"Place=Moscow"},
		},
		{
			name:    "negative: a capital flown to is the city",
			text:    "The envoy flew to Moscow on Friday after a stop in Ankara.",
			want:    []string{"Place=Moscow"},
			wantNot: []string{"State:Moscow"},
		},
		{
			name:    "a list of capitals thanked is a list of governments",
			text:    "Bourita thanked Washington, Paris and London for their support.",
			want:    []string{"State:Washington", "State:Paris", "State:London"},
			wantNot: []string{"Place=Washington, D.C.", "Place=Paris"},
		},
		{
			name:    "negative: a capital followed by its country is the city",
			text:    "The talks were held in Muscat, Oman, on Saturday. Doha, Qatar, hosted the next round.",
			want:    []string{"Place=Muscat", "Place=Doha", "State=Oman"},
			wantNot: []string{"State:Muscat"},
		},
		{
			name:    "an unlisted name ending in House is a building",
			text:    "The two ministers spent Tuesday closeted at Hyderabad House in the Indian capital.",
			want:    []string{"Place=Hyderabad House"},
			wantNot: []string{"Organization=Hyderabad House"},
		},
		{
			name:    "negative: bodies named House are listed as bodies",
			text:    "Freedom House and Chatham House said the vote was neither free nor fair.",
			want:    []string{"Organization=Freedom House", "Organization=Chatham House"},
			wantNot: []string{"Place=Freedom House"},
		},
		{
			name:    "a listed armed group whose name ends in Province",
			text:    "Troops killed 17 fighters of Islamic State Mozambique Province. ISMP claimed the raid on the village.",
			want:    []string{"Organization=Islamic State Mozambique Province", "Organization:ISMP"},
			wantNot: []string{"Place=Islamic State Mozambique Province", "Organization=ISMP"},
		},
		{
			name:    "a listed region is no person's name (Republika Srpska)",
			text:    "Republika Srpska's parliament voted to ban state police from its territory.",
			want:    []string{"Place=Republika Srpska"},
			wantNot: []string{"Person=Republika Srpska"},
		},
		{
			name:    "a Chinese name of a disputed feature is the feature",
			text:    "Vietnamese boats fished near the Paracel Islands, which China calls the Xisha Islands.",
			want:    []string{"Place:Xisha Islands"},
			wantNot: []string{"Place=Xisha Islands"},
		},
		{
			name:    "a breakaway territory whose government acts is a state in the whole article",
			text:    "Transnistria's separatist leader Vadim Krasnoselsky accepted the deal. The first gas flowed into Transnistria on Monday.",
			want:    []string{"State=Transnistria", "Vadim Krasnoselsky AFFILIATED_WITH Transnistria"},
			wantNot: []string{"Place=Transnistria"},
		},
		{
			name:    "a breakaway territory speaking is a state",
			text:    "Abkhazia said it would not take part in the talks.",
			want:    []string{"State=Abkhazia"},
			wantNot: []string{"Place=Abkhazia"},
		},
		{
			name:    "negative: a breakaway territory only located in is a place",
			text:    "Russia still stations troops in the breakaway regions of Abkhazia and South Ossetia.",
			want:    []string{"Place=Abkhazia", "Place=South Ossetia"},
			wantNot: []string{"State=Abkhazia", "State=South Ossetia"},
		},
		{
			name:    "negative: an annexed territory with a leader is no polity",
			text:    "Crimea's Russian-installed leader Sergei Aksyonov said the bridge was open.",
			want:    []string{"Place=Crimea"},
			wantNot: []string{"State=Crimea"},
		},
		{
			name:    "a title word inside a listed name is part of the name",
			text:    "The envoy met Hassan Sheikh Mohamud on Monday.",
			want:    []string{"Person=Hassan Sheikh Mohamud"},
			wantNot: []string{"Person=Mohamud"},
		},
		{
			name:    "negative: a title before a listed name is still a title",
			text:    "Somali President Hassan Sheikh Mohamud flew to Ankara.",
			want:    []string{"Person=Hassan Sheikh Mohamud"},
			wantNot: []string{"Person=Mohamud", "Person:President Hassan Sheikh Mohamud"},
		},
		{
			name:    "a name goes on over a chain of particles: von der Leyen",
			text:    "European Commission President Ursula von der Leyen said the bloc would help. Dutch envoy Jan van den Berg agreed.",
			want:    []string{"Person=Ursula von der Leyen", "Person=Jan van den Berg", "Ursula von der Leyen AFFILIATED_WITH European Commission"},
			wantNot: []string{"Person=Ursula", "Person=Jan"},
		},
		{
			name:    "negative: particles with no capitalised name after them are not part of the name",
			text:    "Health Minister Anna de la said on Monday that clinics would reopen.",
			want:    []string{"Person=Anna"},
			wantNot: []string{"Person=Anna de la"},
		},
		{
			name:    "a region's adjective is no weapon's name; a demonym before an ambiguous listed weapon",
			text:    "Denmark is weighing a European air-defence system rather than the American Patriot.",
			want:    []string{"Weapon=Patriot"},
			wantNot: []string{"Weapon=European", "Weapon:American Patriot"},
		},
		{
			name: "negative: an unlisted name before a weapon noun is still a weapon",
			text: "Kyiv asked for more Hawk Eye air-defence systems.",
			want: []string{"Weapon=Hawk Eye"},
		},
		{
			name:    "an ambiguous state name is the one the article names: Kinshasa",
			text:    "Kinshasa accuses Kigali of backing the M23 rebels in eastern Congo.",
			want:    []string{"State=Democratic Republic of the Congo"},
			wantNot: []string{"State=Republic of the Congo"},
		},
		{
			name:    "negative: with Brazzaville named, Congo is the Republic",
			text:    "Brazzaville said on Monday that Congo would host the summit.",
			want:    []string{"State=Republic of the Congo"},
			wantNot: []string{"State=Democratic Republic of the Congo"},
		},
		{
			name:    "an ambiguous demonym follows the state the article names",
			text:    "The DRC army said Congolese troops had retaken the town.",
			want:    []string{"State=Democratic Republic of the Congo"},
			wantNot: []string{"State=Republic of the Congo"},
		},
	})
}

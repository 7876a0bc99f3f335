package extract

import "testing"

func TestMediationForms(t *testing.T) {
	check(t, []mechanismCase{
		{
			name: "a hyphenated mediator",
			text: "The visit signals progress in the Egyptian-mediated talks between Ethiopia and Sudan.",
			want: []string{"Egypt MEDIATES Ethiopia", "Egypt MEDIATES Sudan"},
		},
		{
			name: "co-mediated by",
			text: "Chad and Niger agreed to a truce during talks in Cairo, co-mediated by Jordan.",
			want: []string{"Jordan MEDIATES Chad", "Jordan MEDIATES Niger"},
		},
		{
			name:    "mediators in apposition with a relative clause; a co-mediator is no party",
			text:    "Norway and Cuba, guarantor countries that mediated between the government and the ELN, urged calm.",
			want:    []string{"Norway MEDIATES National Liberation Army (Colombia)", "Cuba MEDIATES National Liberation Army (Colombia)"},
			wantNot: []string{"Cuba MEDIATES Norway", "Norway MEDIATES Cuba"},
		},
		{
			name: "the leader of a mediation",
			text: "Ethiopia and Eritrea signed the accord under AU mediation led by former Nigerian President Olusegun Obasanjo.",
			want: []string{"African Union MEDIATES Ethiopia", "Olusegun Obasanjo MEDIATES Eritrea"},
		},
	})
}

func TestRoleAppositions(t *testing.T) {
	check(t, []mechanismCase{
		{
			name:    "a title of a state before the person",
			text:    "The prime minister of Estonia, Kaja Kallas, met the president of Finland, Alexander Stubb, on Monday.",
			want:    []string{"Kaja Kallas AFFILIATED_WITH Estonia", "Alexander Stubb AFFILIATED_WITH Finland"},
			wantNot: []string{"Kaja Kallas AFFILIATED_WITH Finland", "Alexander Stubb AFFILIATED_WITH Estonia"},
		},
		{
			name: "a title without an article after the person",
			text: "Mark Rutte, secretary general of NATO, arrived in Vilnius.",
			want: []string{"Mark Rutte AFFILIATED_WITH NATO"},
		},
		{
			name: "an article before a body's title",
			text: "Stephane Dujarric, a UN spokesperson, said the convoy was hit.",
			want: []string{"Stéphane Dujarric AFFILIATED_WITH United Nations"},
		},
		{
			name: "a lower-case qualifier inside a possessive title",
			text: "The African Union's security commissioner, Bankole Adeoye, flew to Juba. Somalia's veteran spy chief Abdullahi Sanbaloolshe resigned.",
			want: []string{"Bankole Adeoye AFFILIATED_WITH African Union", "Abdullahi Sanbaloolshe AFFILIATED_WITH Somalia"},
		},
		{
			name:    "an ambassador serves the state that sends him, not the body he is sent to",
			text:    "China's ambassador to the UN, Fu Cong, said the draft was unbalanced.",
			want:    []string{"Fu Cong AFFILIATED_WITH China"},
			wantNot: []string{"Fu Cong AFFILIATED_WITH United Nations", "United Nations AFFILIATED_WITH China"},
		},
		{
			name:    "a clause is not a title",
			text:    "Iran said its leader would not attend. Israel's army chief resigned while Qatar's envoy stayed.",
			wantNot: []string{"Iran AFFILIATED_WITH Israel"},
		},
		{
			name:    "a place is not a title's body",
			text:    "The mayor of a village near Kharkiv, Ivan Petrenko, said the shelling went on.",
			wantNot: []string{"Ivan Petrenko AFFILIATED_WITH Ukraine"},
		},
	})
}

// TestStructuralForms runs the structural readings of extract/relation
// through the whole pipeline, on sentences written for them.
func TestStructuralForms(t *testing.T) {
	check(t, []mechanismCase{
		{
			name: "a trilateral meeting with its parties after place and date",
			text: "The summit opened with a trilateral meeting in Nairobi on March 3, 2025, between Kenyan President William Ruto, Ugandan President Yoweri Museveni and Tanzanian President Samia Suluhu Hassan.",
			want: []string{"William Ruto MEETS_WITH Yoweri Museveni", "William Ruto MEETS_WITH Samia Suluhu Hassan", "Yoweri Museveni MEETS_WITH Samia Suluhu Hassan"},
		},
		{
			name: "a participle shares the subject",
			text: "Russian President Vladimir Putin visited Hanoi in 2017, meeting Vietnamese President Tran Dai Quang.",
			want: []string{"Vladimir Putin MEETS_WITH Tran Dai Quang"},
		},
		{
			name: "during a meeting with",
			text: "French President Emmanuel Macron said during a meeting with German Chancellor Friedrich Merz that Europe must rearm.",
			want: []string{"Emmanuel Macron MEETS_WITH Friedrich Merz"},
		},
		{
			name:    "persons of states in a list",
			text:    "Foreign ministers Ararat Mirzoyan of Armenia and Jeyhun Bayramov of Azerbaijan initialled the text.",
			want:    []string{"Ararat Mirzoyan AFFILIATED_WITH Armenia", "Jeyhun Bayramov AFFILIATED_WITH Azerbaijan"},
			wantNot: []string{"Ararat Mirzoyan AFFILIATED_WITH Azerbaijan", "Jeyhun Bayramov AFFILIATED_WITH Armenia"},
		},
		{
			name: "clashes between demonym soldiers go both ways",
			text: "Armed clashes between Eritrean and Ethiopian soldiers entered a third day on Monday.",
			want: []string{"Eritrea ATTACKS Ethiopia", "Ethiopia ATTACKS Eritrea"},
		},
		{
			name:    "traded accusations, not an attack",
			text:    "Serbia and Kosovo traded accusations of provocations on Tuesday.",
			want:    []string{"Serbia CRITICIZES Kosovo", "Kosovo CRITICIZES Serbia"},
			wantNot: []string{"Serbia ATTACKS Kosovo"},
		},
		{
			name:    "a state's person",
			text:    "The visit was welcomed by Kenya's William Ruto and Uganda's Yoweri Museveni.",
			want:    []string{"William Ruto AFFILIATED_WITH Kenya", "Yoweri Museveni AFFILIATED_WITH Uganda"},
			wantNot: []string{"William Ruto AFFILIATED_WITH Uganda"},
		},
		{
			name:    "a dateline is not the subject",
			text:    "BEIRUT — Israeli warplanes struck targets in southern Lebanon on Monday, hours after U.S. envoy Morgan Ortagus met Lebanese President Joseph Aoun in Beirut.",
			want:    []string{"Morgan Ortagus MEETS_WITH Joseph Aoun"},
			wantNot: []string{"Israel MEETS_WITH Joseph Aoun", "Israel MEETS_WITH Morgan Ortagus"},
		},
		{
			name: "a list of capitals is a list of states",
			text: "Negotiations between Rabat, Algiers and Tunis on a shared power grid stalled last year.",
			want: []string{"Morocco NEGOTIATES_WITH Algeria", "Morocco NEGOTIATES_WITH Tunisia", "Algeria NEGOTIATES_WITH Tunisia"},
		},
		{
			name:    "a capital followed by its own country is the city",
			text:    "Envoys gathered in Amman, Jordan, where Riyadh, Jordan's neighbour, sent a delegation.",
			want:    []string{"Place:Amman", "State:Saudi Arabia"},
			wantNot: []string{"State:Jordan MEETS_WITH Saudi Arabia", "Place:Riyadh"},
		},
		{
			name:    "a relative pronoun stands for the noun its clause modifies",
			text:    "Turkish Foreign Minister Hakan Fidan arrived on Sunday. Fidan, who later held talks with Egyptian Foreign Minister Badr Abdelatty, praised the truce.",
			want:    []string{"Hakan Fidan NEGOTIATES_WITH Badr Abdelatty"},
			wantNot: []string{"Badr Abdelatty AFFILIATED_WITH Turkey"},
		},
		{
			name: "a lone first word names the one person it begins",
			text: "Chinese Premier Li Qiang flew to Jakarta. Li, speaking on arrival, met Indonesian President Prabowo Subianto.",
			want: []string{"Li Qiang MEETS_WITH Prabowo Subianto"},
		},
		{
			name:    "a first word followed by another name is someone else",
			text:    "Chinese Premier Li Qiang flew to Jakarta. Li Wei, a trade official, met Indonesian President Prabowo Subianto.",
			wantNot: []string{"Li Qiang MEETS_WITH Prabowo Subianto"},
		},
		{
			name:    "called on someone, a visit; called on someone to act, a demand",
			text:    "Japanese Prime Minister Shigeru Ishiba called on Philippine President Ferdinand Marcos Jr. in Manila. The G7 called on Iran to halt enrichment.",
			want:    []string{"Shigeru Ishiba MEETS_WITH Ferdinand Marcos Jr.", "G7 DEMANDS Iran"},
			wantNot: []string{"Shigeru Ishiba DEMANDS Ferdinand Marcos Jr."},
		},
		{
			name:    "a title is not an ambiguous name inside it",
			text:    "India's National Security Adviser Ajit Doval spoke to reporters.",
			want:    []string{"Ajit Doval AFFILIATED_WITH India"},
			wantNot: []string{"Organization:The National"},
		},
		{
			name:    "standing with a state is support; two people at a podium are not",
			text:    "Canada said it stood with Denmark over Greenland. Macron stood with Zelenskyy at the podium.",
			want:    []string{"Canada SUPPORTS Denmark"},
			wantNot: []string{"Emmanuel Macron SUPPORTS Volodymyr Zelenskyy"},
		},
		{
			name:    "a possessor in the first verb's object is not the subject of the second",
			text:    "The Gulf Cooperation Council, meeting in Riyadh on Sunday, endorsed Qatar's proposal and called on Israel to stop.",
			want:    []string{"Gulf Cooperation Council SUPPORTS Qatar", "Gulf Cooperation Council DEMANDS Israel"},
			wantNot: []string{"Qatar DEMANDS Israel"},
		},
		{
			name:    "an invasion of a state and a war against it are attacks; over its invasion is the sanctioned one's",
			text:    "Norway joined sanctions on Russia over its invasion of Ukraine. The funds feed Russia's war against Ukraine.",
			want:    []string{"Russia ATTACKS Ukraine"},
			wantNot: []string{"Norway ATTACKS Ukraine"},
		},
		{
			name:    "the person a demonym describes is the object; an object pronoun ends the search",
			text:    "Britain sanctioned Serbian businessman Dragan Markovic in May. The Foreign Office accused him of smuggling arms to Libya.",
			want:    []string{"United Kingdom SANCTIONS Dragan Markovic"},
			wantNot: []string{"United Kingdom SANCTIONS Serbia", "Foreign, Commonwealth and Development Office CRITICIZES Libya"},
		},
		{
			name:    "the war in a place names no one attacked",
			text:    "The war in Sudan entered its third year as Egypt hosted talks.",
			wantNot: []string{"Egypt ATTACKS Sudan"},
		},
		{
			name: "a news conference with two people is a meeting with each",
			text: "Stoltenberg told a joint news conference with Polish President Andrzej Duda and Lithuanian President Gitanas Nauseda that the alliance was ready.",
			want: []string{"Jens Stoltenberg MEETS_WITH Andrzej Duda", "Jens Stoltenberg MEETS_WITH Gitanas Nausėda"},
		},
		{
			name:    "a conference alongside someone; a conference with no one met is no meeting",
			text:    "Scholz spoke at a press conference alongside Kenyan President William Ruto. The conference in Munich opened with 300 delegates.",
			want:    []string{"Olaf Scholz MEETS_WITH William Ruto"},
			wantNot: []string{"Olaf Scholz MEETS_WITH Munich"},
		},
		{
			name:    "he, by phone with his counterpart named in apposition",
			text:    "Prime Minister Keir Starmer, who visited President Emmanuel Macron in Paris last year, said Britain would help. British Foreign Secretary David Lammy said he had discussed the plan by phone with his French counterpart, Jean-Noel Barrot.",
			want:    []string{"David Lammy MEETS_WITH Jean-Noël Barrot"},
			wantNot: []string{"David Lammy MEETS_WITH Emmanuel Macron"},
		},
		{
			name:    "a terrorist designation is a sanction on each one designated, not on a demonym",
			text:    "Washington designated the Venezuelan gang Tren de Aragua and Colombia's ELN as terrorist organizations.",
			want:    []string{"United States SANCTIONS Tren de Aragua", "United States SANCTIONS National Liberation Army (Colombia)"},
			wantNot: []string{"United States SANCTIONS Venezuela", "United States SANCTIONS Colombia"},
		},
		{
			name:    "a list of the sanctioned; an apposition on the way names no one listed",
			text:    "The Treasury Department placed Rosneft, a firm that trades with Gazprom, on its sanctions list. The ministry listed Gazprom as a partner.",
			want:    []string{"Treasury Department SANCTIONS Rosneft"},
			wantNot: []string{"Treasury Department SANCTIONS Gazprom"},
		},
		{
			name: "entry bans imposed by coordinated states",
			text: "Latvia and Estonia imposed entry bans on Milorad Dodik in March.",
			want: []string{"Latvia SANCTIONS Milorad Dodik", "Estonia SANCTIONS Milorad Dodik"},
		},
		{
			name:    "a request addresses the one right after the verb",
			text:    "Finland requested Russia to return the tanker. An official, who requested anonymity, told Reuters the talks had stalled.",
			want:    []string{"Finland DEMANDS Russia"},
			wantNot: []string{"Finland DEMANDS Reuters"},
		},
		{
			name:    "together with and fighting alongside are cooperation; marching alongside a river is not",
			text:    "Norway is building the pipeline together with Denmark. Thousands marched alongside the Danube near Vienna.",
			want:    []string{"Norway COOPERATES_WITH Denmark"},
			wantNot: []string{"Austria COOPERATES_WITH Danube"},
		},
		{
			name:    "a deal struck with the body a demonym describes; striking a deal is no attack",
			text:    "Egypt struck an agreement with the Russian company Rosatom to build a reactor.",
			want:    []string{"Egypt COOPERATES_WITH Rosatom"},
			wantNot: []string{"Egypt ATTACKS Russia", "Egypt COOPERATES_WITH Russia"},
		},
		{
			name:    "summoning a state's envoy is a rebuke of that state; protesting in a place is not",
			text:    "Poland summoned the Russian ambassador on Friday. Thousands protested in Warsaw.",
			want:    []string{"Poland CRITICIZES Russia"},
			wantNot: []string{"Poland CRITICIZES Warsaw"},
		},
		{
			name:    "being part or a member of a body is belonging to it; part of a problem is not",
			text:    "Sweden is now a full member of NATO. The Houthis, who are part of the Axis of Resistance, fired again. Hungary is part of the problem, Kallas said.",
			want:    []string{"Sweden AFFILIATED_WITH NATO"},
			wantNot: []string{"Hungary AFFILIATED_WITH Kaja Kallas"},
		},
		{
			name:    "requesting one's own name be withheld addresses no one",
			text:    "An adviser to Donald Trump, who requested his name not be used, said the talks would go on.",
			wantNot: []string{"Donald Trump DEMANDS Donald Trump"},
		},
	})
}

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
			name:    "a place is not a title's body",
			text:    "The mayor of a village near Kharkiv, Ivan Petrenko, said the shelling went on.",
			wantNot: []string{"Ivan Petrenko AFFILIATED_WITH Ukraine"},
		},
	})
}

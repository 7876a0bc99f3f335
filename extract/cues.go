package extract

import "github.com/newsgraph/kg/graph"

// cue is a word that states a relation: a verb ("met", "deployed") or a
// noun ("talks", "strikes on", "support for").
type cue struct {
	typ  graph.RelationType
	noun bool
	conf float64
}

// verbCues and nounCues map every inflected form to its cue; a word may be
// both ("strikes", "attack"). Strong, specific cues carry a higher
// confidence than weak ones.
var verbCues, nounCues = map[string]cue{}, map[string]cue{}

func addCues(t graph.RelationType, noun bool, conf float64, forms ...string) {
	for _, f := range forms {
		if noun {
			nounCues[f] = cue{t, noun, conf}
		} else {
			verbCues[f] = cue{t, noun, conf}
		}
	}
}

// determiners before a word make it a noun: "the attack", "his threats".
var determiners = set("the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those",
	"that", "any", "further", "fresh", "new", "more", "renewed", "repeated", "deadly", "recent", "latest")

// cuesAt returns the readings of token k as a cue, the likelier first: a
// noun after a determiner or a possessive, else the verb, then the noun.
func cuesAt(s *sentence, k int) (cs [2]cue, count int) {
	v, isV := verbCues[s.lower[k]]
	n, isN := nounCues[s.lower[k]]
	switch {
	case isV && isN:
		if k > 0 && (determiners[s.lower[k-1]] || s.isPossessive(k-1)) {
			return [2]cue{n}, 1
		}
		return [2]cue{v, n}, 2
	case isV:
		return [2]cue{v}, 1
	case isN:
		return [2]cue{n}, 1
	}
	return cs, 0
}

func init() {
	R := graph.NegotiatesWith
	addCues(R, false, 0.9, "negotiate", "negotiates", "negotiated", "negotiating")
	addCues(R, true, 0.85, "talks", "negotiations", "negotiation", "discussions", "dialogue", "consultations")
	addCues(R, false, 0.75, "discussed", "discuss", "discusses", "discussing")

	R = graph.MeetsWith
	addCues(R, false, 0.85, "met", "meet", "meets", "meeting", "hosted", "hosts", "host", "hosting",
		"received", "receives", "phoned", "visited", "visits", "spoke", "speaks", "spoken", "talked")
	addCues(R, true, 0.8, "meeting", "meetings", "summit")

	R = graph.CooperatesWith
	addCues(R, true, 0.85, "agreement", "agreements", "deal", "deals", "accord", "accords", "treaty",
		"pact", "alliance", "ceasefire", "truce", "memorandum", "memoranda", "mou", "mous", "partnership",
		"partnerships", "exercise", "exercises", "cooperation", "joint")
	addCues(R, false, 0.85, "swap", "swapped", "swapping", "swaps",
		"signed", "sign", "signs", "signing", "agreed", "agree", "agrees", "agreeing",
		"allied", "cooperate", "cooperated", "cooperating")

	R = graph.Mediates
	addCues(R, false, 0.9, "mediated", "mediate", "mediates", "mediating", "brokered", "broker", "brokering", "facilitated",
		"co-mediated", "co-mediate", "co-mediating", "co-brokered", "facilitating")
	addCues(R, true, 0.9, "mediation", "mediator", "mediators", "intermediary", "intermediaries", "go-between")

	R = graph.Supports
	addCues(R, false, 0.8, "supports", "supported", "supporting", "backs", "backed", "backing", "arms",
		"armed", "arming", "funds", "funded", "funding", "finances", "financed", "sponsors", "sponsored",
		"supplies", "supplied", "supplying", "supply", "aids", "aided", "bankrolls", "bankrolled",
		"provides", "provided", "providing", "provide", "fund", "arm", "sheltering", "sheltered",
		"harbouring", "harboring", "harboured", "harbored", "shelters", "harbours", "harbors",
		"endorsed", "endorses", "endorsing", "endorse", "championed", "champions")
	addCues(R, true, 0.8, "support", "backers", "backer", "sponsor", "sponsors", "patron", "patrons",
		"aid", "assistance", "backing", "proxies", "proxy", "sale", "sales", "transfer", "transfers",
		"shipment", "shipments", "package")

	R = graph.Demands
	addCues(R, false, 0.8, "demands", "demanded", "demanding", "urged", "urges", "urging", "wants",
		"wanted", "insist", "insists", "insisted", "insisting", "pressed", "presses", "pressing", "asked",
		"asks", "asking", "requested", "requests", "requesting")
	addCues(R, true, 0.8, "demand", "demands")

	R = graph.Criticizes
	addCues(R, false, 0.85, "criticized", "criticised", "criticizes", "criticises", "criticizing",
		"criticising", "condemned", "condemns", "condemning", "accused", "accuses", "accusing",
		"denounced", "denounces", "denouncing", "slammed", "slams", "blamed", "blames", "blaming",
		"rebuked", "rebukes", "decried", "decries", "lambasted", "castigated", "chided", "alleging",
		"faulted", "protested", "protesting", "summoned", "summons", "summoning", "deplored", "deplores",
		"censured", "reprimanded")
	addCues(R, true, 0.8, "criticism", "condemnation", "concerns", "accusations", "accusation")

	R = graph.Threatens
	addCues(R, false, 0.85, "threatened", "threatens", "threatening", "threaten")
	addCues(R, true, 0.85, "threat", "threats", "ultimatum")

	R = graph.Sanctions
	addCues(R, false, 0.85, "sanctioned", "sanctions", "sanctioning", "sanction", "embargoed",
		"expelled", "expels", "blacklisted", "blacklists")
	addCues(R, true, 0.85, "sanctions", "embargo", "penalties", "tariffs", "ban", "bans", "blacklisting")

	R = graph.Attacks
	addCues(R, false, 0.85, "attacked", "attacks", "attacking", "attack", "struck", "strikes", "strike",
		"striking", "bombed", "bombs", "bombing", "bombarded", "shelled", "shelling", "invaded",
		"invades", "invading", "raided", "raids", "targeted", "hit", "hits",
		"hitting", "assaulted", "downed", "sank", "ambushed", "captured", "recaptured", "seized", "retook",
		"overran", "stormed", "fought", "fights", "fighting", "battled", "battling", "rammed", "rams", "ramming")
	addCues(R, true, 0.85, "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes",
		"bombing", "bombardment", "invasion", "offensive", "raid", "raids", "assault", "incursion",
		"campaign", "shelling", "fire", "war", "wars", "occupation", "siege")

	R = graph.Deploys
	addCues(R, false, 0.85, "deployed", "deploys", "deploying", "deploy", "stationed", "stations",
		"stationing", "unveiled", "unveils", "unveiling", "unveil", "tested", "tests", "testing",
		"test-fired", "displayed", "showcased", "dispatched", "sent", "positioned", "moved")
	addCues(R, true, 0.8, "deployment", "deployments", "unveiling", "test")

	R = graph.Uses
	addCues(R, false, 0.85, "fired", "fires", "firing", "launched", "launches", "launching", "used",
		"uses", "using", "employed")
	addCues(R, true, 0.8, "use")

	R = graph.Possesses
	addCues(R, true, 0.75, "delivery", "deliveries", "purchase", "purchases", "acquisition")

	R = graph.Possesses
	addCues(R, false, 0.75, "has", "have", "had", "operates", "operated", "operating", "acquired",
		"acquires", "acquiring", "acquire", "bought", "buys", "buy", "buying", "purchased", "purchases",
		"purchase", "procured", "procure", "procures", "possesses", "possessed",
		"owns", "owned", "fielded", "fields")
}

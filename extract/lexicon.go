package extract

import "strings"

// Word lists the rules read. They describe English news prose in general,
// not any one article: titles that precede a name, the heads that end an
// organization's or a place's name, weapon cue nouns, and the cue words of
// each relation type.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// titleWords are role nouns that, capitalised or not, introduce a person's
// name ("Foreign Minister Abbas Araghchi", "envoy Steve Witkoff").
var titleWords = set(
	"president", "vice-president", "president-elect", "premier", "minister", "secretary", "secretary-general",
	"envoy", "ambassador", "spokesman", "spokeswoman", "spokesperson", "commander", "chief", "head",
	"leader", "king", "queen", "emir", "amir", "sultan", "sheikh", "shaikh", "prince", "princess", "pope",
	"chancellor", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman", "governor",
	"gov.", "mayor", "general", "gen.", "lt.", "lieutenant", "colonel", "col.", "major", "maj.", "captain",
	"capt.", "admiral", "adm.", "vice-admiral", "sergeant", "sgt.", "marshal", "commissioner", "director",
	"director-general", "adviser", "advisor", "negotiator", "ayatollah", "cleric", "imam", "rabbi", "mr.",
	"mrs.", "ms.", "dr.", "prof.", "professor", "judge", "justice", "speaker", "lawmaker", "mp", "legislator",
	"chairman", "chairwoman", "chairperson", "chair", "ceo", "founder", "coordinator", "attorney", "prosecutor",
	"crown", "monarch", "dictator", "strongman", "warlord", "officer", "official", "diplomat",
	"correspondent", "reporter", "journalist", "analyst", "emissary", "mediator", "aide", "deputy",
	"resident", "activist", "spy", "counterpart", "counterparts", "Mr", "Mrs", "Ms", "Dr",
)

// titleModifiers may stand inside a title ("Deputy Foreign Minister",
// "top general", "special envoy", "Secretary of State").
var titleModifiers = set(
	"foreign", "policy", "defense", "defence", "interior", "finance", "economy", "economic", "energy", "trade",
	"health", "military", "intelligence", "special", "senior", "top", "former", "acting", "deputy",
	"vice", "assistant", "under", "national", "security", "supreme", "grand", "first", "prime",
	"chief", "regional", "presidential", "army", "navy", "air", "force", "treasury", "homeland",
	"state", "general", "executive", "managing", "the", "of", "for", "to", "and", "affairs",
	"attorney", "information", "culture", "education", "agriculture", "oil", "petroleum", "labor",
	"labour", "transport", "justice", "environment", "development", "planning", "industry", "commerce",
	"crown", "field", "lieutenant", "rear", "majority", "minority", "party", "opposition", "head",
	"political", "religious", "spiritual", "top-ranking", "high-ranking", "longtime", "veteran",
	"then", "outgoing", "incoming", "newly", "appointed", "elected", "interim", "caretaker", "de",
	"facto", "house", "senate", "white", "spy", "counterterrorism", "nuclear", "negotiating", "lead",
	"political", "retired", "incumbent", "exiled", "jailed", "slain", "late", "powerful", "separatist",
	"external", "internal", "home", "public", "social", "civil", "digital", "maritime", "aviation",
	"communications", "veterans", "science", "technology", "tourism", "sports", "youth", "women",
	"welfare", "employment", "housing", "infrastructure", "mining", "fisheries", "climate", "emergency",
	"relations", "cooperation", "integration", "unification", "reintegration", "reconstruction",
	"younger", "older", "elder", "eldest", "youngest", "only", "estranged",
	"ministry", "department", "office", "government", "cabinet", "embassy", "parliamentary", "police",
	"service", "services", "agency", "command", "corps", "guard", "delegation", "military's", "armed",
)

// familyWords name a family tie ("son-in-law"); they make RELATIVE_OF.
var familyWords = set(
	"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "son-in-law",
	"daughter-in-law", "father-in-law", "mother-in-law", "brother-in-law", "sister-in-law", "cousin",
	"nephew", "niece", "uncle", "aunt", "grandson", "granddaughter", "grandfather", "grandmother",
	"stepson", "stepdaughter", "half-brother", "half-sister", "widow", "widower", "spouse", "in-law",
)

// nameParticles may stand inside a person's name ("Haitham bin Tariq",
// "Tamim bin Hamad Al Thani", "Ursula von der Leyen").
var nameParticles = set("bin", "bint", "ibn", "al", "el", "de", "da", "di", "del", "della", "van", "von",
	"der", "den", "la", "le", "du", "dos", "das", "abu", "abd", "ben", "ould", "y", "st.")

// orgHeads end an organization's name ("Turkey Wealth Fund",
// "Oman Investment Authority").
var orgHeads = set(
	"ministry", "agency", "council", "command", "corps", "army", "party", "brigade", "brigades", "front",
	"forces", "force", "fund", "authority", "committee", "organization", "organisation", "union", "bank",
	"department", "dept", "office", "service", "services", "institute", "university", "court", "navy",
	"guard", "guards", "movement", "group", "association", "federation", "coalition", "alliance",
	"commission", "assembly", "parliament", "congress", "senate", "cabinet", "directorate", "bureau",
	"company", "corporation", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "plc", "gmbh", "s.a.", "s.a", "sa", "s.p.a.", "n.v.", "holding", "holdings", "industries", "airlines",
	"network", "news", "times", "post", "journal", "tribune", "herald", "press", "television", "tv",
	"radio", "foundation", "center", "centre", "program", "programme", "mission", "battalion",
	"regiment", "division", "fleet", "militia", "militias", "police", "gendarmerie", "secretariat",
	"board", "tribunal", "legion", "units", "unit", "cell", "network", "organisation", "society", "administration",
)

// placeHeads end a place's name ("Hostages Square", "Al Alam Palace").
var placeHeads = set(
	"square", "palace", "strait", "straits", "sea", "gulf", "bay", "ocean", "island", "islands", "province",
	"region", "valley", "mountains", "mountain", "river", "airport", "base", "port", "city", "peninsula",
	"desert", "canal", "lake", "oblast", "governorate", "district", "county", "street", "avenue", "bridge",
	"plant", "site", "facility", "complex", "crossing", "camp", "hospital", "mosque", "church", "cathedral",
	"temple", "hotel", "stadium", "prison", "square", "heights", "corridor", "border", "coast", "pass",
	"kibbutz", "village", "town", "refinery", "terminal", "harbor", "harbour", "airbase", "reactor",
	"diwan", "building", "tower", "hall", "park", "strip", "bank", "territory", "territories", "zone",
	"house", // a named building ("Hyderabad House", "Blair House"); bodies named so are listed (Chatham House)
)

// placeLeads begin a place's name ("Kibbutz Nahal Oz", "Camp Lemonnier").
var placeLeads = set("kibbutz", "camp", "fort", "mount", "lake", "cape", "port", "gulf", "bay", "isle")

// weaponNouns are generic nouns for weapons systems; a name next to one is
// a Weapon ("the Qassem Basir missile", "Patriot batteries"), and alone
// they corefer with a named weapon of the article ("the missile").
var weaponNouns = map[string]string{
	"missile": "missile", "missiles": "missile", "drone": "drone", "drones": "drone",
	"jet": "aircraft", "jets": "aircraft",
	"aircraft": "aircraft", "bomber": "aircraft", "bombers": "aircraft", "warplane": "aircraft",
	"warplanes": "aircraft", "helicopter": "helicopter", "helicopters": "helicopter",
	"carrier": "ship", "carriers": "ship", "warship": "ship", "warships": "ship", "destroyer": "ship",
	"destroyers": "ship", "frigate": "ship", "frigates": "ship", "submarine": "submarine",
	"submarines": "submarine", "cruiser": "ship", "vessel": "ship", "tank": "tank", "tanks": "tank",
	"system": "system", "systems": "system", "battery": "air defence", "batteries": "air defence",
	"rocket": "rocket", "rockets": "rocket", "launcher": "artillery", "launchers": "artillery",
	"howitzer": "artillery", "howitzers": "artillery", "interceptor": "air defence", "interceptors": "air defence",
	"warhead": "missile", "munition": "munition", "munitions": "munition", "bomb": "bomb", "bombs": "bomb",
	"torpedo": "torpedo", "rifle": "firearm", "rifles": "firearm", "vehicle": "vehicle", "vehicles": "vehicle",
	"uav": "drone", "uavs": "drone",
}

// shipPrefixes introduce a ship's name ("USS Carl Vinson").
var shipPrefixes = set("USS", "HMS", "INS", "HMCS", "HMAS", "RFS", "FS", "ITS", "TCG", "ROKS", "JS", "PNS", "IRIS",
	"BRP", "KRI", "HNLMS", "HMNZS", "ARA", "KD", "RSS", "HDMS", "HNoMS", "HSwMS", "ESPS", "NRP", "SPS")

// documentWords end the names of texts, not bodies: "Mutual Defense
// Treaty", "Jeddah Declaration". Such names are no organization.
var documentWords = set("treaty", "agreement", "accord", "accords", "declaration", "convention", "memorandum",
	"resolution", "charter", "protocol", "act", "plan", "initiative", "framework", "deal", "pact")

// negations and irrealis words before a cue mean the event did not (yet)
// happen: "without reaching an agreement", "aimed at reaching a deal",
// "called for sanctions".
var irrealis = set("without", "no", "not", "never", "n't", "failed", "fail", "refused", "reaching",
	"reach", "seeking", "seek", "sought", "aimed", "aiming", "potential", "possible", "possibility",
	"hopes", "hope", "toward", "towards", "proposed", "planned", "plans", "urged", "urging",
	"pushed", "calls", "called", "calling", "demanded", "demanding", "wants", "wanted", "stronger",
	"threatening", "threatened", "threat", "threats", "if", "would", "could", "might", "may")

// locationOf nouns make "of X" a location: "large parts of Kyiv".
var locationOf = set("parts", "part", "outskirts", "center", "centre", "streets", "suburbs", "heart",
	"north", "south", "east", "west", "areas", "area", "residents", "city", "downtown", "districts")

// weaponModifiers may stand between a weapon's name and its noun:
// "Hsiung Feng III anti-ship missiles", "Patriot air defence systems".
var weaponModifiers = set("anti-ship", "anti-tank", "anti-aircraft", "anti-air", "cruise", "ballistic",
	"hypersonic", "surface-to-air", "air-to-air", "air-to-surface", "surface-to-surface", "air", "defence",
	"defense", "air-defence", "air-defense", "short-range", "medium-range", "long-range", "intermediate-range",
	"intercontinental", "guided", "attack", "fighter", "multiple", "launch", "rocket", "self-propelled",
	"combat", "strike", "stealth", "main", "battle", "kamikaze", "loitering", "multirole", "multi-role")

// locativePrepositions make a capital a location, not an actor ("in
// Tehran", "a visit to Moscow").
var locativePrepositions = set("in", "at", "to", "from", "near", "into", "outside", "inside", "across", "off",
	"around", "toward", "towards", "via", "through", "within", "throughout", "visited", "visit",
	"visiting", "reached", "arrived", "left", "entered", "toured", "seized", "captured", "stormed",
	"besieged", "encircled", "liberated", "overran")

// cityNouns before a capital name it as the city ("the Yemeni capital
// Sanaa", "the capital, Kyiv"); advanceNouns make "on" locative ("a march
// on Moscow"), where "pressure on Tehran" stays the state.
var (
	cityNouns    = set("capital", "city", "town", "port")
	advanceNouns = set("march", "advance", "assault", "offensive", "drive", "push")
	hostVerbs    = set("hosted", "hosts", "hosting", "host") // after the capital, or after "will", "is"
)

// Word classes as bit flags, so a token's classes cost one map lookup
// (done once per token) instead of one per list per rule.
const (
	fTitle uint32 = 1 << iota
	fTitleMod
	fFamily
	fOrgHead
	fPlaceHead
	fPlaceLead
	fParticle
	fFunction
	fMonth
	fWeekday
	fWeaponNoun
	fConnective
	fClauseBreak
	fPreposition
	fCue
	fLocative
	fIrrealis
	fBe
	fModal
	fReporting
	fPairWord
	fLightVerb
	fNounModifier
	fLocationOf
	fSettlement
	fCapWord // set per token, not from a list: a word with a capital initial
)

var lexFlags = map[string]uint32{}

func init() {
	for flag, words := range map[uint32]map[string]bool{
		fTitle: titleWords, fTitleMod: titleModifiers, fFamily: familyWords, fOrgHead: orgHeads,
		fPlaceHead: placeHeads, fPlaceLead: placeLeads, fParticle: nameParticles, fFunction: functionWords,
		fMonth: months, fWeekday: weekdays, fConnective: connectives, fClauseBreak: clauseBreaks,
		fPreposition: prepositions, fLocative: locativePrepositions, fIrrealis: irrealis, fBe: beForms,
		fModal: modals, fReporting: reportingVerbs, fPairWord: pairWords, fLightVerb: lightVerbs,
		fNounModifier: nounModifiers, fLocationOf: locationOf, fSettlement: settlementNouns,
	} {
		for w := range words {
			lexFlags[strings.ToLower(w)] |= flag
		}
	}
	for w := range weaponNouns {
		lexFlags[w] |= fWeaponNoun
	}
	for w := range verbCues {
		lexFlags[w] |= fCue
	}
	for w := range nounCues {
		lexFlags[w] |= fCue
	}
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// formKind says how a mention names its entity.
type formKind uint8

const (
	formName    formKind = iota // a full name or a listed alias
	formDemonym                 // "Iranian" for Iran
	formCapital                 // "Tehran" acting for Iran
	formPartial                 // "Trump", "the Truman": part of a fuller name
	formRef                     // "the U.S. president", "his Iranian counterpart", "the missile"
)

// mention is one span of a sentence that names an entity.
type mention struct {
	sent       int // sentence index
	start, end int // token span [start, end)
	typ        graph.EntityType
	form       formKind
	entry      *gazetteer.Entry   // when the gazetteer knows it
	text       string             // surface text
	rule       string             // what found it
	ent        *entity            // set by resolution
	orgState   *entity            // a state named inside an organization's name ("U.S. Navy")
	prio       int                // rulePriority of rule, set by choose
	category   string             // weapons: the cue noun's category
	capital    *gazetteer.Entry   // a capital form: its state
	placeEntry *gazetteer.Entry   // a capital form: the city's own Place entry, if listed
	alias      string             // another name the span gives ("Hiiraan region" for "Hiiraan")
	typed      bool               // typed by its context, not its shape (context.go)
	alts       []*gazetteer.Entry // other entries an ambiguous form may name ("Congo"), as likely as entry
}

func (m *mention) overlaps(o *mention) bool {
	return m.sent == o.sent && m.start < o.end && o.start < m.end
}

// sentence is a sentence with per-token facts the rules read often.
type sentence struct {
	text.Sentence
	lower []string // lower-cased token texts
	keys  []string // norm.Key of each token
	flags []uint32 // word classes of each token (lexicon.go)
}

// is reports whether token i is in a word class; false outside the sentence.
func (s *sentence) is(i int, f uint32) bool {
	return i >= 0 && i < len(s.flags) && s.flags[i]&f != 0
}

// articleCap: a name after an Arabic article, "al-Qaeda", "el-Sisi".
func articleCap(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" {
		return false
	}
	switch p {
	case "al", "el", "ad", "ar", "as", "an", "at", "ash", "ud":
		r, _ := utf8.DecodeRuneInString(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// newSentence prepares s; its per-token slices are cut from the arenas
// (shared by the article's sentences, to allocate once per article).
func newSentence(s text.Sentence, strs *[]string, flags *[]uint32, low *lowerArena) *sentence {
	n := len(s.Tokens)
	ss := &sentence{Sentence: s, lower: take(strs, n), keys: take(strs, n), flags: takeFlags(flags, n)}
	for i, t := range s.Tokens {
		ss.lower[i] = low.lower(t.Text)
		ss.flags[i] = lexFlags[ss.lower[i]]
		if t.Kind == text.Word && (t.IsCap() || articleCap(t.Text)) {
			ss.flags[i] |= fCapWord
		}
		ss.keys[i] = "" // the arena is reused: clear what a word does not set
		if t.Kind == text.Word || t.Kind == text.Number {
			if isPlainASCII(ss.lower[i]) {
				ss.keys[i] = ss.lower[i] // what norm.Key would return, without a copy
			} else {
				ss.keys[i] = norm.Key(t.Text)
			}
		}
	}
	return ss
}

// lowerArena lower-cases ASCII words into one buffer per article, so that
// a capitalised word costs no allocation of its own. The buffer never
// grows past its first capacity (the article's length), so the strings cut
// from it stay valid.
type lowerArena struct{ buf []byte }

func (a *lowerArena) lower(w string) string {
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return w
	}
	if cap(a.buf)-len(a.buf) < len(w) {
		return strings.ToLower(w)
	}
	start := len(a.buf)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		a.buf = append(a.buf, c)
	}
	return unsafe.String(&a.buf[start], len(w))
}

func take(arena *[]string, n int) []string {
	if len(*arena) < n {
		*arena = make([]string, max(n, 1024))
	}
	out := (*arena)[:n:n]
	*arena = (*arena)[n:]
	return out
}

func takeFlags(arena *[]uint32, n int) []uint32 {
	if len(*arena) < n {
		*arena = make([]uint32, max(n, 512))
	}
	out := (*arena)[:n:n]
	*arena = (*arena)[n:]
	return out
}

// isPlainASCII: lower-case ASCII letters and digits only.
func isPlainASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return w != ""
}

func (s *sentence) isCap(i int) bool {
	return i >= 0 && i < len(s.flags) && s.flags[i]&fCapWord != 0
}

func (s *sentence) span(start, end int) string {
	if start >= end {
		return ""
	}
	return s.Text[s.Tokens[start].Start-s.Start : s.Tokens[end-1].End-s.Start]
}

// lowerAt returns the lower-cased token at i, or "" outside the sentence.
func (s *sentence) lowerAt(i int) string {
	if i < 0 || i >= len(s.Tokens) {
		return ""
	}
	return s.lower[i]
}

func (s *sentence) isPossessive(i int) bool {
	return i >= 0 && i < len(s.Tokens) && s.Tokens[i].Kind == text.Possessive
}

// isNameWord: a capitalised word that can be part of a proper name.
func (s *sentence) isNameWord(i int) bool {
	if !s.isCap(i) {
		return false
	}
	return !s.is(i, fFunction|fMonth|fWeekday)
}

var functionWords = set("the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "from",
	"by", "with", "as", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
	"this", "that", "these", "those", "there", "here", "if", "while", "when", "after", "before", "since",
	"meanwhile", "however", "although", "though", "both", "all", "some", "many", "most", "no", "not",
	"why", "what", "who", "how", "where", "which", "read", "also", "more", "published", "photo", "credit",
	"last", "next", "earlier", "later", "ahead", "during", "despite", "amid", "according", "speaking",
	"following", "under", "over", "into", "about", "against", "between", "among", "without", "within",
	"sign", "subscribe", "continue", "share", "follow", "click", "watch", "listen", "related", "advertisement",
	"is", "was", "are", "were", "be", "has", "have", "had", "will", "would", "can", "could", "may", "might",
	"should", "must", "do", "does", "did", "yet", "so", "then", "now", "today", "yesterday", "tomorrow",
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third",
	"new", "former", "other", "another", "each", "every", "any", "such", "only", "even", "just", "still",
	"said", "says", "told", "added", "noted", "stated", "reported", "year", "years", "week", "month",
)

var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
	"sept.", "oct.", "nov.", "dec.")

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// findMentions runs the recognisers over one sentence and keeps the best
// non-overlapping spans: the longest first, then by recogniser priority.
func (x *Extractor) findMentions(s *sentence) []*mention {
	var cands []*mention
	cands = x.gazetteerMentions(s, cands)
	cands = x.datelineMentions(s, cands)
	cands = titledPersons(s, cands)
	cands = appositivePersons(s, cands)
	cands = headedNames(s, cands)
	cands = placeOfMentions(s, cands)
	cands = x.regionMentions(s, cands)
	cands = x.weaponMentions(s, cands)
	cands = x.taggerMentions(s, cands)
	return x.typeByContext(s, choose(cands))
}

// priority of recognisers when spans tie in length: contextual evidence
// (a title before a name) beats a list entry, which beats shape and the
// statistical tagger.
var rulePriority = map[string]int{
	"dateline": 7, "title": 6, "gazetteer": 5, "apposition": 2, "name-shape": 2, "ship": 5, "designation": 4, "org-head": 3, "place-head": 3,
	"weapon-cue": 3, "region-noun": 3, "tagger": 1,
}

func choose(cands []*mention) []*mention {
	// Selection sort by (length desc, priority desc, start asc): lists are small.
	var out []*mention
	used := make([]bool, len(cands))
	for _, c := range cands {
		c.prio = rulePriority[c.rule]
	}
	for {
		best := -1
		for i, c := range cands {
			if used[i] {
				continue
			}
			if best < 0 || better(c, cands[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		c := cands[best]
		ok := true
		for _, o := range out {
			if c.overlaps(o) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	sortMentions(out)
	return out
}

func better(a, b *mention) bool {
	la, lb := a.end-a.start, b.end-b.start
	pa, pb := a.prio, b.prio
	// A listed person's name with a title word inside it ("Hassan Sheikh
	// Mohamud") is not that title before a shorter name ("Sheikh Mohamud").
	if listedNameAround(a, b) {
		return true
	}
	if listedNameAround(b, a) {
		return false
	}
	// A titled person wins over anything it overlaps: "President Trump".
	if pa == 6 && pb != 6 {
		return true
	}
	if pb == 6 && pa != 6 {
		return false
	}
	if la != lb {
		return la > lb
	}
	if pa != pb {
		return pa > pb
	}
	return a.start < b.start
}

// listedNameAround: a is a listed person's name that starts before the
// titled mention b (so holds its title word) and ends with or after it.
func listedNameAround(a, b *mention) bool {
	return a.rule == "gazetteer" && a.typ == graph.Person && b.rule == "title" &&
		a.start < b.start && a.end >= b.end
}

func sortMentions(ms []*mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// gazetteerMentions finds listed names: the longest run of tokens whose key
// is a listed form, starting at a capitalised word or a number-led
// designation.
func (x *Extractor) gazetteerMentions(s *sentence, out []*mention) []*mention {
	maxN := x.gaz.MaxWords()
	var b strings.Builder
	for i := 0; i < len(s.Tokens); i++ {
		if !s.isCap(i) || !x.prefixes[s.keys[i]] {
			continue
		}
		b.Reset()
		var found []gazetteer.Form
		foundEnd := 0
		for j := i; j < len(s.Tokens) && j-i < maxN; j++ {
			if s.keys[j] == "" { // punctuation or possessive ends a name
				if s.Tokens[j].Text == "-" || s.Tokens[j].Text == "&" {
					continue
				}
				// "People's Liberation Army": a possessive inside a name.
				if s.Tokens[j].Kind == text.Possessive && j > i && j+1 < len(s.Tokens) && s.isCap(j+1) {
					b.WriteByte('s')
					if !x.prefixes[b.String()] {
						break
					}
					continue
				}
				break
			}
			if j > i {
				b.WriteByte(' ')
			}
			b.WriteString(s.keys[j])
			if !x.prefixes[b.String()] {
				break
			}
			if forms := x.gaz.Lookup(b.String()); len(forms) > 0 {
				// A form must be capitalised like a name in the text,
				// except inner words ("Gulf of Aden").
				// A form ending on a lower-case word ("Donetsk region") only
				// counts if a capitalised word continues it ("Gulf of Aden").
				if s.isCap(j) || s.Tokens[j].Kind == text.Number {
					found, foundEnd = forms, j+1
				}
			}
		}
		if found == nil {
			continue
		}
		// "Denzel Washington", "Michael Jordan": a listed place or state
		// name right after an unknown first name is a person's surname.
		if foundEnd == i+1 && x.firstNameBefore(s, i) && !hasType(found, graph.Person) {
			out = append(out, &mention{sent: s.Index, start: i - 1, end: i + 1, typ: graph.Person,
				text: s.span(i-1, i+1), rule: "name-shape"})
			continue
		}
		// "his son Nicolás Petro": a listed surname after a given name of
		// its own is another person, not the listed one (Gustavo Petro).
		if foundEnd == i+1 && x.firstNameBefore(s, i) && !s.isNameWord(i-2) && otherGivenName(found, s.keys[i-1]) {
			out = append(out, &mention{sent: s.Index, start: i - 1, end: i + 1, typ: graph.Person,
				text: s.span(i-1, i+1), rule: "name-shape"})
			continue
		}
		if m := x.pickForm(s, i, foundEnd, found); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// otherGivenName: every form is a listed person's surname whose full name
// does not start with given.
func otherGivenName(forms []gazetteer.Form, given string) bool {
	for _, f := range forms {
		if f.Entry.Type != graph.Person || strings.HasPrefix(norm.Key(f.Entry.Name), given+" ") {
			return false
		}
	}
	return len(forms) > 0
}

func hasType(forms []gazetteer.Form, t graph.EntityType) bool {
	for _, f := range forms {
		if f.Entry.Type == t {
			return true
		}
	}
	return false
}

// firstNameBefore: the word before i looks like a first name: capitalised,
// in no list, not a title, not an adjective ("Neighbouring", "Oil-rich",
// "Western") and not a direction.
func (x *Extractor) firstNameBefore(s *sentence, i int) bool {
	p := i - 1
	if p < 0 || !s.isNameWord(p) || s.flags[p]&^fCapWord != 0 || len(x.gaz.Lookup(s.keys[p])) > 0 || s.Tokens[p].IsAllCaps() {
		return false
	}
	w := s.lower[p]
	if strings.ContainsAny(w, "-.") || directions[w] {
		return false
	}
	for _, suf := range []string{"ing", "ed", "ern", "ly", "ful", "ian", "ese", "ish", "an", "i"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return false
		}
	}
	return true
}

var directions = set("north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"central", "upper", "lower", "greater", "new", "old", "inner", "outer", "mainland", "occupied")

// datelineMentions reads a wire dateline, "PORT SUDAN —" or "MOSCOW
// (Reuters) -": the capitalised words that open a paragraph before a dash
// name the city the story is filed from.
func (x *Extractor) datelineMentions(s *sentence, out []*mention) []*mention {
	end := 0
	for end < len(s.Tokens) && end < 4 && s.Tokens[end].Kind == text.Word && s.Tokens[end].IsAllCaps() {
		end++
	}
	if end == 0 || end >= len(s.Tokens) {
		return out
	}
	switch s.Tokens[end].Text {
	case "—", "–", "-", "(", ":":
	default:
		return out
	}
	if s.Tokens[end].Start == s.Tokens[end-1].End { // "ALBAWABA-": a masthead, not a dateline
		return out
	}
	m := &mention{sent: s.Index, start: 0, end: end, typ: graph.Place, text: s.span(0, end), rule: "dateline"}
	key := strings.Join(s.keys[:end], " ")
	for _, f := range x.gaz.Lookup(key) {
		switch {
		case f.Entry.Type == graph.Place:
			m.entry = f.Entry
		case f.Kind == gazetteer.Capital && m.entry == nil:
			m.entry = placeEntryOf(x.gaz.Lookup(key))
		}
	}
	if m.entry == nil && hasType(x.gaz.Lookup(key), graph.Organization) {
		// "UNITED NATIONS —": a story filed from an organization is filed
		// from its listed headquarters.
		m.entry = placeEntryOf(x.gaz.Lookup(key + " headquarters"))
	}
	if m.entry == nil {
		if len(x.gaz.Lookup(key)) > 0 {
			return out // a state, an agency: no city to read here
		}
		m.text = titleCase(s.span(0, end))
	}
	return append(out, m)
}

func placeEntryOf(forms []gazetteer.Form) *gazetteer.Entry {
	for _, f := range forms {
		if f.Entry.Type == graph.Place {
			return f.Entry
		}
	}
	return nil
}

// titleCase turns "PORT SUDAN" into "Port Sudan".
func titleCase(s string) string {
	b := []rune(strings.ToLower(s))
	up := true
	for i, r := range b {
		if up && unicode.IsLetter(r) {
			b[i] = unicode.ToUpper(r)
		}
		up = !unicode.IsLetter(r)
	}
	return string(b)
}

// pickForm chooses among the entries a listed form may name.
func (x *Extractor) pickForm(s *sentence, start, end int, forms []gazetteer.Form) *mention {
	surface := s.span(start, end)
	var best *gazetteer.Form
	score := func(f gazetteer.Form) int {
		v := 0
		switch f.Entry.Type {
		case graph.State:
			v = 50
		case graph.Organization:
			v = 40
		case graph.Person:
			v = 35
		case graph.Place:
			v = 30
		case graph.Weapon:
			v = 20
		}
		if f.Kind == gazetteer.Capital {
			v += 5 // a capital form outranks a same-named place entry; resolution decides actor vs location
		}
		// An all-caps listed form ("US") must be all caps in the text too, so
		// "us" never becomes the United States.
		if isUpperString(f.Surface) && !isUpperString(surface) {
			v -= 1000
		}
		if f.Ambiguous && !x.ambiguousOK(s, start, end, f) {
			v -= 1000
		}
		return v
	}
	for i := range forms {
		if best == nil || score(forms[i]) > score(*best) {
			best = &forms[i]
		}
	}
	if best == nil || score(*best) < 0 {
		return nil
	}
	m := &mention{sent: s.Index, start: start, end: end, typ: best.Entry.Type, entry: best.Entry,
		text: surface, rule: "gazetteer"}
	if best.Ambiguous {
		// "Congo": the Republic or the Democratic Republic, scored alike;
		// resolution takes the one the article names (preferAlternatives).
		for _, f := range forms {
			if f.Entry != best.Entry && f.Entry.Type == best.Entry.Type && f.Kind == best.Kind && score(f) == score(*best) {
				m.alts = append(m.alts, f.Entry)
			}
		}
	}
	switch best.Kind {
	case gazetteer.Demonym:
		m.form = formDemonym
	case gazetteer.Capital:
		m.form = formCapital
		m.capital = best.Entry
		// The capital's own place entry, not a namesake elsewhere
		// ("Tripoli" of Libya, not of Lebanon).
		for _, f := range forms {
			if f.Entry.Type == graph.Place && (m.placeEntry == nil || strings.EqualFold(f.Entry.Attr("in"), best.Entry.Attr("iso"))) {
				m.placeEntry = f.Entry
			}
		}
	}
	return m
}

// ambiguousOK accepts an ambiguous listed form ("Jordan", "Georgia",
// "Chad") only where the text does not read it as part of a person's name.
func (x *Extractor) ambiguousOK(s *sentence, start, end int, f gazetteer.Form) bool {
	if s.isNameWord(end) && !s.isPossessive(end) && !s.is(end, fTitle|fTitleMod) { // "Jordan Peterson", not "Georgian President"
		return false
	}
	if start > 0 && s.isNameWord(start-1) && !s.is(start-1, fTitle) && !x.isDemonym(s, start-1) { // "Michael Jordan", not "the American Patriot"
		return false
	}
	if titleSpan(s, start) > end { // "National Security Adviser" is a title, not The National
		return false
	}
	// "Atlanta, Georgia": after "Place," the name is where that place is;
	// it is this state only if the list puts the place there.
	if start >= 2 && s.lower[start-1] == "," && s.isCap(start-2) {
		in := false
		for _, g := range x.gaz.Lookup(s.keys[start-2]) {
			if g.Entry.Type == graph.Place && strings.EqualFold(g.Entry.Attr("in"), f.Entry.Attr("iso")) {
				in = true
			}
		}
		return in
	}
	return true
}

func isUpperString(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// titleSpan returns the end of a run of title words starting at i that
// holds at least one title noun ("Iranian Foreign Minister" starts at
// "Foreign"; "special envoy"; "Secretary of State"), or i when none.
func titleSpan(s *sentence, i int) int {
	j, seen := i, false
	for j < len(s.Tokens) {
		if s.is(j, fTitle) {
			seen = true
			j++
			continue
		}
		if s.is(j, fTitleMod) || s.Tokens[j].Text == "-" {
			j++
			continue
		}
		break
	}
	if !seen {
		return i
	}
	// Do not end on a connective ("envoy to the").
	for j > i && (s.lower[j-1] == "the" || s.lower[j-1] == "of" || s.lower[j-1] == "to" || s.lower[j-1] == "and" || s.lower[j-1] == "for") {
		j--
	}
	return j
}

// nameAt reads a person's name starting at i: capitalised words, initials
// and particles ("Haitham bin Tariq", "Harry S. Truman"), at most six.
func nameAt(s *sentence, i int) int {
	j := i
	for j < len(s.Tokens) && j-i < 6 {
		t := s.Tokens[j]
		switch {
		case t.Kind == text.Word && t.IsCap() && !s.is(j, fFunction|fMonth|fWeekday|fOrgHead|fPlaceHead) &&
			!(j == i && s.is(j, fTitle)):
			j++
		case j > i && s.is(j, fParticle) && (s.isCap(j+1) || s.is(j+1, fParticle) && s.isCap(j+2)):
			j++ // "bin Tariq", "von der Leyen"
		case j > i && t.Kind == text.Word && particlePrefixed(t.Text): // "el-Sisi", "al-Busaidi"
			j++
		default:
			return trimName(s, i, j)
		}
	}
	return trimName(s, i, j)
}

// particlePrefixed: "el-Sisi", "al-Thani", "bin-Salman".
func particlePrefixed(w string) bool {
	d := strings.IndexByte(w, '-')
	if d <= 0 || d+1 >= len(w) || !nameParticles[strings.ToLower(w[:d])] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[d+1:])
	return unicode.IsUpper(r)
}

// appositionEnds: what follows a name in apposition closes it.
func appositionEnds(s *sentence, k int) bool {
	if k >= len(s.Tokens) {
		return true
	}
	switch s.Tokens[k].Kind {
	case text.Punct, text.Possessive:
		return true
	}
	return !s.isCap(k)
}

// appositivePersons finds "Jared Kushner, the U.S. president's son-in-law"
// and "Arnon Cohen, a resident of ...": a full name followed by a comma and
// a phrase that ends on a title or family noun.
func appositivePersons(s *sentence, out []*mention) []*mention {
	for i := 0; i+3 < len(s.Tokens); i++ {
		if !s.isNameWord(i) || i > 0 && s.isCap(i-1) && s.Tokens[i-1].Kind == text.Word {
			continue
		}
		k := nameAt(s, i)
		if k-i < 2 || k-i > 4 || s.lowerAt(k) != "," || allCapsRun(s, i, k) {
			continue
		}
		// The phrase after the comma: a determiner, then title words,
		// demonyms, possessives, ending on a title or family noun.
		j := k + 1
		if l := s.lowerAt(j); l != "the" && l != "a" && l != "an" && !s.isCap(j) {
			continue
		}
		for n := j; n < len(s.Tokens) && n < j+7; n++ {
			l := s.lower[n]
			if s.is(n, fTitle|fFamily) {
				out = append(out, &mention{sent: s.Index, start: i, end: k, typ: graph.Person, text: s.span(i, k), rule: "apposition"})
				break
			}
			if l == "," || l == "." || s.Tokens[n].Kind == text.Word && !s.isCap(n) && !s.is(n, fTitleMod) && l != "the" && l != "a" && l != "an" {
				break
			}
		}
		i = k
	}
	return out
}

func trimName(s *sentence, i, j int) int {
	for j > i && s.is(j-1, fParticle) {
		j--
	}
	return j
}

// titledPersons finds "Foreign Minister Abbas Araghchi", "envoy Steve
// Witkoff", "Mr. Grossi": a title followed by a name is a person.
func titledPersons(s *sentence, out []*mention) []*mention {
	for i := 0; i < len(s.Tokens); i++ {
		j := titleSpan(s, i)
		if j == i {
			continue
		}
		// It must end on a title noun, or on "Secretary of State".
		if !s.is(j-1, fTitle) && !(j-2 > i && s.lower[j-2] == "of" && s.isCap(j-1)) {
			i = j - 1
			continue
		}
		k := nameAt(s, j)
		if k > j && !allCapsRun(s, j, k) {
			out = append(out, &mention{sent: s.Index, start: j, end: k, typ: graph.Person,
				text: s.span(j, k), rule: "title"})
		} else if s.lowerAt(j) == "," {
			// "Ukraine's president, Volodymyr Zelenskyy": a full name in
			// apposition, after any title of its own ("army chief, Field
			// Marshal Asim Munir").
			a := j + 1
			if t := titleSpan(s, a); t > a && s.is(t-1, fTitle) {
				a = t
			}
			if k := nameAt(s, a); k-a >= 2 && !allCapsRun(s, a, k) && appositionEnds(s, k) {
				out = append(out, &mention{sent: s.Index, start: a, end: k, typ: graph.Person,
					text: s.span(a, k), rule: "title"})
			}
		}
		i = j - 1
	}
	return out
}

func allCapsRun(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if !s.Tokens[k].IsAllCaps() {
			return false
		}
	}
	return true
}

// headedNames finds organizations and places by the head noun that ends
// their name ("Turkey Wealth Fund", "Hostages Square") or the word that
// starts it ("Kibbutz Nahal Oz").
func headedNames(s *sentence, out []*mention) []*mention {
	for i := 0; i < len(s.Tokens); i++ {
		if !s.isCap(i) {
			continue
		}
		typ, rule := graph.EntityType(""), ""
		switch {
		case s.is(i, fPlaceLead) && s.isNameWord(i+1):
			end := nameAt(s, i+1)
			if end > i+1 {
				out = append(out, &mention{sent: s.Index, start: i, end: end, typ: graph.Place, text: s.span(i, end), rule: "place-head"})
				continue
			}
			typ, rule = graph.Place, "place-head"
		case s.is(i, fOrgHead):
			typ, rule = graph.Organization, "org-head"
		case s.is(i, fPlaceHead):
			typ, rule = graph.Place, "place-head"
		default:
			continue
		}
		// Walk left over the capitalised words of the name.
		start := i
		for start > 0 && (s.isCap(start-1) && !s.is(start-1, fFunction) || s.Tokens[start-1].Text == "-" && s.isCap(start-2)) {
			if s.is(start-1, fMonth) || s.is(start-1, fWeekday) {
				break
			}
			start--
		}
		// A bare head word ("Council") is no name, unless "of" names it
		// ("Ministry of National Defense").
		if start == i && !(typ == graph.Organization && s.lowerAt(i+1) == "of" && s.isNameWord(i+2)) {
			continue
		}
		end := i + 1
		// "Department of the Treasury", "Ministry of Defence"
		if l := s.lowerAt(end); typ == graph.Organization && (l == "of" || l == "on" || l == "for") {
			k := end + 1
			if s.lowerAt(k) == "the" {
				k++
			}
			if s.isNameWord(k) {
				e := nameAt(s, k)
				end = e
			}
		}
		out = append(out, &mention{sent: s.Index, start: start, end: end, typ: typ, text: s.span(start, end), rule: rule})
	}
	return out
}

// regionMentions: "the central Hiiraan region", "its southern Syunik
// province", "Kharkiv's Saltivskyi district": capitalised words before a
// lower-case region noun name a place. Listed names are the gazetteer's.
func (x *Extractor) regionMentions(s *sentence, out []*mention) []*mention {
	for i := 1; i < len(s.Tokens); i++ {
		if !regionNouns[s.lower[i]] || s.isCap(i) || !s.isNameWord(i-1) {
			continue
		}
		start := i - 1
		for start > 0 && s.isNameWord(start-1) && !s.is(start-1, fFunction|fMonth|fWeekday) {
			start--
		}
		if start == 0 || s.is(start, fFunction|fMonth|fWeekday|fTitle) || len(x.gaz.Lookup(norm.Key(s.span(start, i)))) > 0 {
			continue // sentence-initial capitals are no evidence; listed names are found as listed
		}
		out = append(out, &mention{sent: s.Index, start: start, end: i, typ: graph.Place, text: s.span(start, i), rule: "region-noun",
			alias: s.span(start, i+1)})
	}
	return out
}

var regionNouns = set("region", "province", "district", "governorate", "oblast", "county", "exclave", "enclave", "prefecture")

// placeOfMentions: "the village of Aitaroun", "the city of Kherson": the
// name after a settlement noun and "of" is a place.
func placeOfMentions(s *sentence, out []*mention) []*mention {
	for i := 0; i+2 < len(s.Tokens); i++ {
		if !s.is(i, fSettlement) || s.lower[i+1] != "of" || !s.isNameWord(i+2) {
			continue
		}
		if end := nameAt(s, i+2); end > i+2 {
			out = append(out, &mention{sent: s.Index, start: i + 2, end: end, typ: graph.Place, text: s.span(i+2, end), rule: "place-head"})
		}
	}
	return out
}

var settlementNouns = set("village", "town", "city", "district", "province", "region", "governorate",
	"oblast", "county", "municipality", "port", "island", "outskirts", "suburb", "neighbourhood", "neighborhood")

// isDesignation: a weapons designation, letters then digits joined by a
// hyphen or slash ("S-400", "F-35C", "Shahed-136", "MQ-9", "F/A-18E").
func isDesignation(w string) bool {
	dash := strings.IndexAny(w, "-/")
	if dash <= 0 || dash == len(w)-1 {
		return false
	}
	head, tail := w[:dash], w[dash+1:]
	r, _ := utf8.DecodeRuneInString(head)
	if !unicode.IsUpper(r) || len(head) > 14 {
		return false
	}
	for _, c := range head {
		if !unicode.IsLetter(c) && c != '/' && c != '-' {
			return false
		}
	}
	// The tail: digits, maybe letters after them ("35C", "18E"), or a
	// letter then digits ("A-18E").
	digits := 0
	for _, c := range tail {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case unicode.IsLetter(c) || c == '-' || c == '/':
		default:
			return false
		}
	}
	return digits > 0 && !notWeapons[strings.ToUpper(head)]
}

// notWeapons are letter-digit codes common in news that are not weapons.
var notWeapons = set("COVID", "G", "P", "H", "N", "SARS", "MERS", "CVN", "DDG", "SSN", "CG", "LHD", "LPD",
	"BRICS", "A", "ISO", "RFC", "UTC", "GMT", "PM", "AM", "MH", "UA", "AF", "TU-", "FLIGHT", "ROUTE",
	"ARTICLE", "RESOLUTION", "K", "COP", "NPT", "JCPOA", "E", "EU", "UN")

// militaryPrefixes are designation prefixes that are weapons without a cue.
var militaryPrefixes = set("F", "S", "SU", "MIG", "TU", "MI", "KA", "MQ", "RQ", "B", "DF", "JL", "HQ", "KN",
	"KH", "T", "BM", "AH", "UH", "CH", "J", "FA", "F/A", "HIMARS", "AGM", "AIM", "SM", "RIM", "M", "BMP",
	"BTR", "TOS", "YJ", "HY", "CJ", "H", "KF", "FC", "JF", "PL", "EA", "E", "KC", "C", "P", "V", "X")

// weaponMentions finds designations ("Khorramshahr-4"), ship names ("USS
// Carl Vinson") and names next to a weapon noun ("the Qassem Basir
// missile", "a missile called Qassem Basir").
func (x *Extractor) weaponMentions(s *sentence, out []*mention) []*mention {
	for i := 0; i < len(s.Tokens); i++ {
		t := s.Tokens[i]
		switch {
		case t.Kind == text.Word && len(t.Text) <= 5 && s.isCap(i+1) && shipPrefixes[t.Text]:
			end := nameAt(s, i+1)
			if end > i+1 {
				out = append(out, &mention{sent: s.Index, start: i, end: end, typ: graph.Weapon, text: s.span(i, end), rule: "ship", category: "ship"})
				i = end - 1
			}
		case t.Kind == text.Word && strings.ContainsAny(t.Text, "-/") && isDesignation(t.Text):
			head := strings.ToUpper(t.Text[:strings.IndexAny(t.Text, "-/")])
			cue, cat := weaponCueNear(s, i)
			if !cue && !militaryPrefixes[head] {
				continue
			}
			// A capitalised name word before the designation belongs to it
			// ("Iron Dome" has none; "Bayraktar TB2" would).
			out = append(out, &mention{sent: s.Index, start: i, end: i + 1, typ: graph.Weapon, text: t.Text, rule: "designation", category: cat})
		case i > 0 && s.is(i, fWeaponNoun):
			// "the Qassem Basir missile", "Hsiung Feng III anti-ship missiles":
			// capitalised words right before the noun (and its modifiers),
			// but not a demonym or state ("Japanese F-35A jets").
			nameEnd := i
			for nameEnd > 0 && nameEnd > i-3 && weaponModifiers[s.lower[nameEnd-1]] {
				nameEnd--
			}
			start := nameEnd
			for start > 0 && s.isNameWord(start-1) && !s.is(start-1, fTitle) && !x.isStateForm(s, start-1) && !regionAdjectives[s.lower[start-1]] {
				start--
			}
			if start < nameEnd {
				out = append(out, &mention{sent: s.Index, start: start, end: nameEnd, typ: graph.Weapon, text: s.span(start, nameEnd), rule: "weapon-cue", category: weaponNouns[s.lower[i]]})
			}
			// "a missile, called 'Qassem Basir'" / "a drone known as X"
			k := i + 1
			if s.lowerAt(k) == "," {
				k++
			}
			switch s.lowerAt(k) {
			case "called", "named", "dubbed":
				k++
			case "known":
				if s.lowerAt(k+1) != "as" {
					continue
				}
				k += 2
			default:
				continue
			}
			for k < len(s.Tokens) && s.Tokens[k].Kind == text.Punct && s.Tokens[k].Text != "," {
				k++ // opening quotes
			}
			end := nameAt(s, k)
			if end > k {
				out = append(out, &mention{sent: s.Index, start: k, end: end, typ: graph.Weapon, text: s.span(k, end), rule: "weapon-cue", category: weaponNouns[s.lower[i]]})
			}
		}
	}
	return out
}

// regionAdjectives name a region or bloc, not a weapon: "a European
// air-defence system", "Soviet tanks".
var regionAdjectives = set("european", "western", "eastern", "soviet", "asian", "african", "arab", "nordic",
	"baltic", "latin", "american-made", "western-made", "soviet-era", "soviet-made", "russian-made")

// isStateForm: token i is a listed state's name or demonym ("Japanese").
func (x *Extractor) isStateForm(s *sentence, i int) bool {
	for _, f := range x.gaz.Lookup(s.keys[i]) {
		if f.Entry.Type == graph.State {
			return true
		}
	}
	return false
}

// weaponCueNear looks for a weapon noun within three tokens of i.
func weaponCueNear(s *sentence, i int) (bool, string) {
	for k := i - 3; k <= i+3; k++ {
		if k == i || k < 0 || k >= len(s.Tokens) {
			continue
		}
		if c := weaponNouns[s.lower[k]]; c != "" {
			return true, c
		}
	}
	return false, ""
}

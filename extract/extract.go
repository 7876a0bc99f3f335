// Package extract turns an article into a graph.Document: the entities it
// names (recognised, typed and resolved to one node each) and the relations
// its sentences state, each with its evidence sentence.
//
// The pipeline runs one way: text (sentences, tokens) -> mentions
// (gazetteer, contextual rules, statistical tagger) -> resolution (one
// entity per real-world thing) -> relations (cue words over the structure
// of each sentence). It knows nothing of storage.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/kg/article"
	"github.com/newsgraph/kg/extract/gazetteer"
	"github.com/newsgraph/kg/extract/relation"
	"github.com/newsgraph/kg/extract/syntax"
	"github.com/newsgraph/kg/extract/tagger"
	"github.com/newsgraph/kg/extract/text"
	"github.com/newsgraph/kg/graph"
)

// Version names the extraction rules and lists. Change it when they
// change: stores then re-extract articles they already hold.
const Version = "kg-extract-8"

// Options configure an Extractor.
type Options struct {
	// Gazetteers are users' own entity lists (the seed format), added to
	// the embedded seeds.
	Gazetteers []string
	// NoTagger turns the statistical tagger off (rules and lists only).
	NoTagger bool
	// Learned turns on the learned relation scorer over dependency parses
	// (extract/relation): experimental, off by default because its
	// cross-validated figures do not yet beat the rules' (docs/extraction.md).
	Learned bool
	// NoParse skips the dependency parser and the relations read off its
	// trees (extract/relation.Structure): rules and lists only, several
	// times faster, a little less recall.
	NoParse bool
	// Relations is the scorer Learned uses; nil: the embedded one.
	Relations *relation.Model
}

// Extractor extracts documents from articles. It is safe for concurrent use.
type Extractor struct {
	gaz       *gazetteer.Gazetteer
	prefixes  map[string]bool // every word prefix of a listed form's key
	tagger    *tagger.Model   // nil: rules and lists only
	parser    *syntax.Model
	relations *relation.Model // nil: the rules' relations as they are
	structure bool
	bodies    map[string]*gazetteer.Entry // slug@ISO -> listed body of that state (bodies.go)
	people    []personKey                 // listed people's names, for spelling variants (variants.go)
}

// New builds an Extractor from the embedded seeds plus opts.
func New(opts Options) (*Extractor, error) {
	gaz, err := gazetteer.New(opts.Gazetteers...)
	if err != nil {
		return nil, err
	}
	x := &Extractor{gaz: gaz, prefixes: formPrefixes(gaz), bodies: bodyIndex(gaz), people: personKeys(gaz)}
	if !opts.NoTagger {
		x.tagger = defaultTagger()
	}
	x.structure = !opts.NoParse
	if x.structure {
		x.parser = syntax.Default()
	}
	if opts.Learned || opts.Relations != nil {
		x.parser = syntax.Default()
		x.relations = opts.Relations
		if x.relations == nil {
			x.relations = relation.Default()
		}
	}
	return x, nil
}

// formPrefixes indexes the word prefixes of every listed form, so that
// matching stops extending an n-gram as soon as no form can follow.
func formPrefixes(g *gazetteer.Gazetteer) map[string]bool {
	p := map[string]bool{}
	g.Keys(func(k string) {
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				p[k[:i]] = true
			}
		}
		p[k] = true
	})
	return p
}

// Extract reads one article.
func (x *Extractor) Extract(a article.Article) graph.Document {
	b := bufferPool.Get().(*buffers)
	defer bufferPool.Put(b)
	return x.extractWith(a, b, nil)
}

// extractWith extracts with the given working buffers.
// inspect, when set, sees the working state before the document is built.
func (x *Extractor) extractWith(a article.Article, b *buffers, inspect func(*state)) graph.Document {
	// The hash covers the extractor's version too, so that re-importing an
	// unchanged article with a newer extractor replaces its facts.
	h := sha256.New()
	h.Write([]byte(Version + "\x00"))
	h.Write([]byte(a.Text))
	sum := h.Sum(nil)
	doc := graph.Document{
		Article: graph.Article{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL,
			Published: a.Published, Hash: hex.EncodeToString(sum)},
		Entities:  []graph.Entity{},
		Relations: []graph.Relation{},
	}
	st := x.analyse(a.Text, a.Published, b, a.ID)
	if inspect != nil {
		inspect(st)
	}
	doc.Entities = st.entities()
	// A "name" longer than the stores can index is no real name (a hostile
	// or broken page): it is dropped, with its relations below, rather
	// than failing the whole write.
	fit := 0
	for _, e := range doc.Entities {
		if len(e.ID) <= graph.MaxKeyBytes && len(e.Name) <= graph.MaxKeyBytes {
			doc.Entities[fit] = e
			fit++
		}
	}
	doc.Entities = doc.Entities[:fit]
	// SCHEMA.md's arrays are never null, even for an article with none.
	doc.Relations = append([]graph.Relation{}, st.relations()...)
	// Every relation's endpoints are entities of the document: a rule
	// that reached an entity the text does not name is dropped here.
	named := make(map[string]bool, len(doc.Entities))
	for _, e := range doc.Entities {
		named[e.ID] = true
	}
	kept := doc.Relations[:0]
	for _, r := range doc.Relations {
		if named[r.Source] && named[r.Target] {
			kept = append(kept, r)
		}
	}
	doc.Relations = kept
	doc.Sort()
	return doc
}

// state is the working memory of one article's extraction.
type state struct {
	x        *Extractor
	article  string // the article's id: the scope of bodies no state qualifies
	date     string // the article's date (YYYY-MM-DD or a prefix), "" unknown: which listed roles apply
	sents    []*sentence
	mentions [][]*mention // per sentence, in token order
	refs     [][]*unit    // per sentence: personal pronouns resolved while relating ("he", "him")
	ents     []*entity
	byKey    map[string]*entity
	byEntry  map[*gazetteer.Entry]*entity
	rels     []graph.Relation
	relIndex map[relKey]int

	affil      map[*entity]map[*entity]bool   // person/org -> state/org, as stated so far
	affilTo    map[*entity][]*entity          // state/org -> the entities affil ties to it, in the order stated
	holders    holderIndex                    // people by their titles, for roleHolder
	byEnds     map[[2]string]*entity          // first person of each (first, last) name word, for personFor
	endsFiled  int                            // st.ents filed in byEnds
	lastPair   []*entity                      // the last parties that met, talked or agreed ("both sides")
	lastTalks  []*entity                      // the last parties that talked or agreed (what a mediator mediates)
	lastPerson *entity                        // the last person subject ("he", "his")
	lastActor  *entity                        // the last state or organization subject ("it", "its")
	lastState  *entity                        // the last state named ("the country")
	lastOrg    *entity                        // the last organization named ("the group")
	lastAgent  map[graph.RelationType]*entity // who did the last act of each kind ("condemned the launch")

	bodyState map[string]*gazetteer.Entry  // generic body slug -> the state the article last tied it to
	bodyOf    map[*entity]*gazetteer.Entry // unlisted qualified body -> its state
	polities  map[*gazetteer.Entry]bool    // breakaway territories the article has act as states
}

// buffers are the per-article working arrays, reused across articles (the
// Document an extraction returns never points into them).
type buffers struct {
	toks  []text.Token
	strs  []string
	flags []uint32
	low   []byte
}

var bufferPool = sync.Pool{New: func() any { return new(buffers) }}

// analyse runs the pipeline over body, published on the given date, with
// buffers b; the state it returns points into b and must not outlive it.
func (x *Extractor) analyse(body, published string, b *buffers, articleID string) *state {
	if articleID == "" {
		sum := sha256.Sum256([]byte(body))
		articleID = hex.EncodeToString(sum[:6])
	}
	st := &state{x: x, article: articleID, byKey: map[string]*entity{}, byEntry: map[*gazetteer.Entry]*entity{}, relIndex: map[relKey]int{}}
	st.date = gazetteer.Day(published)
	var sents []text.Sentence
	sents, b.toks = text.SplitInto(body, b.toks)
	ntok := 0
	for _, s := range sents {
		ntok += len(s.Tokens)
	}
	if cap(b.strs) < 2*ntok {
		b.strs = make([]string, 2*ntok)
	}
	if cap(b.flags) < ntok {
		b.flags = make([]uint32, ntok)
	}
	if cap(b.low) < len(body) {
		b.low = make([]byte, 0, len(body))
	}
	strs, flags := b.strs[:2*ntok], b.flags[:ntok]
	low := &lowerArena{buf: b.low[:0]}
	st.sents = make([]*sentence, 0, len(sents))
	st.mentions = make([][]*mention, 0, len(sents))
	for _, s := range sents {
		ss := newSentence(s, &strs, &flags, low)
		st.sents = append(st.sents, ss)
		st.mentions = append(st.mentions, x.findMentions(ss))
	}
	st.resolve()
	st.relate()
	if x.structure {
		st.structure(st.candidates(true))
	}
	if x.relations != nil {
		st.learn(x.relations)
	}
	return st
}

func (st *state) entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(st.ents))
	for _, e := range st.ents {
		if e.mentions == 0 {
			continue
		}
		out = append(out, e.graphEntity())
	}
	return out
}

func (st *state) relations() []graph.Relation { return st.rels }

// addRelation records a relation once per (edge, sentence), keeping the
// highest confidence.
func (st *state) addRelation(src *entity, typ graph.RelationType, dst *entity, s *sentence, conf float64, rule string, props map[string]string) {
	if src == nil || dst == nil || src == dst || !allowed(typ, src.typ, dst.typ) {
		return
	}
	r := graph.Relation{Source: src.id, Type: typ, Target: dst.id, Origin: graph.OriginText,
		Confidence: conf, Sentence: s.Text, CAMEO: typ.CAMEO(), Properties: props, Rule: rule}
	if r.Properties == nil {
		r.Properties = map[string]string{}
	}
	for k, v := range r.Properties { // values may point into the reused buffers
		r.Properties[k] = strings.Clone(v)
	}
	r = r.Canonical()
	// One relation per edge and sentence: every sentence that states an
	// edge is kept as its evidence.
	key := relKey{r.Key(), s.Index}
	if i, ok := st.relIndex[key]; ok {
		if conf > st.rels[i].Confidence {
			st.rels[i] = r
		}
		return
	}
	st.relIndex[key] = len(st.rels)
	st.rels = append(st.rels, r)
	if st.lastAgent == nil {
		st.lastAgent = map[graph.RelationType]*entity{}
	}
	st.lastAgent[typ] = src
}

// relKey identifies a relation of the article: its edge and its sentence
// (-1 for background facts).
type relKey struct {
	edge graph.RelationKey
	sent int
}

// allowed checks a relation's endpoint types against SCHEMA.md.
func allowed(t graph.RelationType, src, dst graph.EntityType) bool { return t.Allows(src, dst) }

// withListedRoles adds a listed person's dated roles (Title@FROM..TO) to
// the roles the text gives, so that the graph tells a former office holder
// from a current one. Undated listed roles stay out, as before roles had
// dates.
func withListedRoles(roles []string, entry *gazetteer.Entry) []string {
	for _, r := range entry.Roles {
		if !r.Dated() {
			continue
		}
		s := r.String()
		if !slices.Contains(roles, s) {
			roles = append(append([]string(nil), roles...), s)
		}
	}
	return roles
}

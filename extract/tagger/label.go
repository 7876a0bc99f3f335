package tagger

import "fmt"

// Type is the type of a named entity, as annotated in the Groningen Meaning
// Bank: persons, organizations, geographical locations and geopolitical
// entities (mostly demonyms such as "Iranian", sometimes states).
type Type uint8

// Entity types. None marks a token outside any entity.
const (
	None Type = iota
	PER       // person
	ORG       // organization
	GEO       // geographical location: cities, regions, countries as places
	GPE       // geopolitical entity: demonyms ("Iranian"), some states
	numTypes
)

var typeNames = [numTypes]string{"O", "PER", "ORG", "GEO", "GPE"}

func (t Type) String() string {
	if t < numTypes {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// ParseType returns the type named "PER", "ORG", "GEO" or "GPE" (any case).
func ParseType(s string) (Type, bool) {
	for t := PER; t < numTypes; t++ {
		if equalFold(s, typeNames[t]) {
			return t, true
		}
	}
	return None, false
}

// Label is a BIO tag: O, or the beginning (B-) or inside (I-) of an entity
// of some type. The zero Label is O.
type Label uint8

// O is the label of a token outside any entity.
const O Label = 0

// numLabels is O plus B- and I- for each type.
const numLabels = 1 + 2*(int(numTypes)-1)

// B returns the label that begins an entity of type t (O for None).
func B(t Type) Label {
	if t == None || t >= numTypes {
		return O
	}
	return Label(2*t - 1)
}

// I returns the label that continues an entity of type t (O for None).
func I(t Type) Label {
	if t == None || t >= numTypes {
		return O
	}
	return Label(2 * t)
}

// Type returns the entity type of the label (None for O).
func (l Label) Type() Type { return Type((l + 1) / 2) }

// Begin reports whether the label begins an entity.
func (l Label) Begin() bool { return l%2 == 1 }

func (l Label) String() string {
	switch {
	case l == O:
		return "O"
	case int(l) >= numLabels:
		return fmt.Sprintf("Label(%d)", uint8(l))
	case l.Begin():
		return "B-" + l.Type().String()
	default:
		return "I-" + l.Type().String()
	}
}

// ParseLabel parses "O", "B-PER", "I-geo" and the like.
func ParseLabel(s string) (Label, bool) {
	if s == "O" {
		return O, true
	}
	if len(s) < 3 || s[1] != '-' {
		return O, false
	}
	t, ok := ParseType(s[2:])
	if !ok {
		return O, false
	}
	switch s[0] {
	case 'B', 'b':
		return B(t), true
	case 'I', 'i':
		return I(t), true
	}
	return O, false
}

// follows reports whether label cur may follow label prev in a BIO sequence:
// an I- label only continues an entity of its own type.
func follows(prev, cur Label) bool {
	if cur == O || cur.Begin() {
		return true
	}
	return prev != O && prev.Type() == cur.Type()
}

// Span is an entity found by the tagger: words[Start:End] of the sentence.
type Span struct {
	Start, End int
	Type       Type
}

// Spans returns the entities of a label sequence. An I- label that does not
// continue an entity of its type (the tagger never produces one) starts a
// new entity, as in the CoNLL evaluation.
func Spans(labels []Label) []Span {
	var spans []Span
	for i := 0; i < len(labels); {
		t := labels[i].Type()
		if t == None {
			i++
			continue
		}
		j := i + 1
		for j < len(labels) && labels[j] == I(t) {
			j++
		}
		spans = append(spans, Span{Start: i, End: j, Type: t})
		i = j
	}
	return spans
}

// equalFold compares two ASCII strings ignoring case.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i]|0x20 != b[i]|0x20 {
			return false
		}
	}
	return true
}

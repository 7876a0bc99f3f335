package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/kg/extract/norm"
	"github.com/newsgraph/kg/graph"
)

// Header is the first line, other than comments and blank lines, of every
// gazetteer file.
const Header = "type\tname\taliases\twikidata\tattrs"

var (
	qidPattern  = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	iso3Pattern = regexp.MustCompile(`^[A-Z]{3}$`)
)

// attrRule says which entity types an attribute key applies to and checks
// one of its values. A nil check accepts any non-empty value.
type attrRule struct {
	types []graph.EntityType // nil: every type
	check func(string) error
}

func oneOf(allowed ...string) func(string) error {
	return func(v string) error {
		for _, a := range allowed {
			if v == a {
				return nil
			}
		}
		return fmt.Errorf("want one of %s", strings.Join(allowed, ", "))
	}
}

func iso3(v string) error {
	if !iso3Pattern.MatchString(v) {
		return fmt.Errorf("want an ISO 3166-1 alpha-3 code such as IRN")
	}
	return nil
}

// PlaceKinds and OrganizationKinds are the values the kind attribute takes.
var (
	PlaceKinds        = []string{"city", "region", "water", "facility", "territory"}
	OrganizationKinds = []string{"intl", "government", "military", "armed_group", "party", "media", "company", "ngo"}
)

// singleValued lists the attribute keys that take one value.
var singleValued = map[string]bool{"iso": true, "kind": true, "capital": true, "polity": true, "category": true, "maker": true}

// attrRules lists every attribute key the format knows; anything else is a
// typo to report rather than data to drop silently.
var attrRules = map[string]attrRule{
	"iso":       {types: []graph.EntityType{graph.State}, check: iso3},
	"demonyms":  {types: []graph.EntityType{graph.State}},
	"capitals":  {types: []graph.EntityType{graph.State, graph.Organization}}, // an organization's seat: Brussels for the EU
	"ambiguous": {},                                                           // "1" (every form) or the surface forms that are
	"kind":      {types: []graph.EntityType{graph.Place, graph.Organization}},
	"in":        {types: []graph.EntityType{graph.Place, graph.Organization, graph.Weapon}, check: iso3},
	"capital":   {types: []graph.EntityType{graph.Place}, check: oneOf("1")},
	"polity":    {types: []graph.EntityType{graph.Place}, check: oneOf("1")}, // a breakaway territory with a government of its own
	"category":  {types: []graph.EntityType{graph.Weapon}},
	"maker":     {types: []graph.EntityType{graph.Weapon}, check: iso3},
	"roles":     {types: []graph.EntityType{graph.Person}, check: checkRole}, // Title or Title@FROM..TO
	"of":        {types: []graph.EntityType{graph.Person}},
}

// parse reads one gazetteer file. name prefixes every error, with the line
// number: "states.tsv:12: unknown type \"Contry\"".
func parse(r io.Reader, name string) ([]*Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var entries []*Entry
	line, headerSeen := 0, false
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // a BOM from a spreadsheet export
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if !headerSeen {
			if strings.TrimSpace(text) != Header {
				return nil, fmt.Errorf("%s:%d: want the header line %q first", name, line, Header)
			}
			headerSeen = true
			continue
		}
		e, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		e.Source = fmt.Sprintf("%s:%d", name, line)
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if !headerSeen {
		return nil, fmt.Errorf("%s: no header line %q", name, Header)
	}
	return entries, nil
}

func parseLine(text string) (*Entry, error) {
	fields := strings.Split(text, "\t")
	if len(fields) < 2 || len(fields) > 5 {
		return nil, fmt.Errorf("want 5 tab-separated columns (type, name, aliases, wikidata, attrs), got %d", len(fields))
	}
	for len(fields) < 5 { // trailing empty columns may be left out
		fields = append(fields, "")
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	e := &Entry{Type: graph.EntityType(fields[0]), Name: fields[1], Wikidata: fields[3]}
	if !e.Type.Valid() {
		return nil, fmt.Errorf("unknown type %q (want one of %s)", fields[0], typeList())
	}
	if e.Name == "" {
		return nil, fmt.Errorf("empty name")
	}
	if norm.Key(e.Name) == "" { // text could never match it (found by fuzzing)
		return nil, fmt.Errorf("name %q has no letters or digits", e.Name)
	}
	aliases, err := splitList(fields[2], "alias")
	if err != nil {
		return nil, err
	}
	e.Aliases = aliases
	if e.Wikidata != "" && !qidPattern.MatchString(e.Wikidata) {
		return nil, fmt.Errorf("wikidata %q is not a QID such as Q794", e.Wikidata)
	}
	if e.Attrs, err = parseAttrs(fields[4], e.Type); err != nil {
		return nil, err
	}
	splitRoles(e)
	return e, nil
}

// splitList splits a |-separated list, rejecting empty items ("a||b").
func splitList(s, what string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, fmt.Errorf("empty %s in %q", what, s)
		}
	}
	return parts, nil
}

func parseAttrs(s string, t graph.EntityType) (map[string][]string, error) {
	attrs := map[string][]string{}
	if s == "" {
		return attrs, nil
	}
	for _, kv := range strings.Split(s, ";") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue // a trailing ";"
		}
		key, value, ok := strings.Cut(kv, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return nil, fmt.Errorf("attribute %q is not key=value", kv)
		}
		rule, known := attrRules[key]
		if !known {
			return nil, fmt.Errorf("unknown attribute %q (want one of %s)", key, attrKeyList())
		}
		if rule.types != nil && !hasType(rule.types, t) {
			return nil, fmt.Errorf("attribute %q does not apply to a %s", key, t)
		}
		if _, dup := attrs[key]; dup {
			return nil, fmt.Errorf("attribute %q given twice", key)
		}
		values, err := splitList(strings.TrimSpace(value), "value of "+key)
		if err != nil {
			return nil, err
		}
		if len(values) == 0 {
			return nil, fmt.Errorf("attribute %q has no value", key)
		}
		if singleValued[key] && len(values) > 1 {
			return nil, fmt.Errorf("attribute %q takes one value, got %q", key, value)
		}
		for _, v := range values {
			if rule.check != nil {
				if err := rule.check(v); err != nil {
					return nil, fmt.Errorf("attribute %s=%q: %v", key, v, err)
				}
			}
		}
		if key == "kind" {
			allowed := PlaceKinds
			if t == graph.Organization {
				allowed = OrganizationKinds
			}
			for _, v := range values {
				if err := oneOf(allowed...)(v); err != nil {
					return nil, fmt.Errorf("attribute kind=%q: %v", v, err)
				}
			}
		}
		attrs[key] = values
	}
	return attrs, nil
}

func hasType(ts []graph.EntityType, t graph.EntityType) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func typeList() string {
	names := make([]string, len(graph.EntityTypes))
	for i, t := range graph.EntityTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

func attrKeyList() string {
	keys := make([]string, 0, len(attrRules))
	for k := range attrRules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// splitRoles moves the dates of the roles attribute into e.Roles: the
// attribute keeps the titles alone, each once, so that Values("roles") reads
// as it did before roles had dates.
func splitRoles(e *Entry) {
	values := e.Attrs["roles"]
	if len(values) == 0 {
		return
	}
	var titles []string
	for _, v := range values {
		r, _ := parseRole(v) // checked by the attribute's rule
		e.Roles = append(e.Roles, r)
		if !containsFold(titles, r.Title) {
			titles = append(titles, r.Title)
		}
	}
	e.Attrs["roles"] = titles
}

package gazetteer

import (
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/kg/graph"
)

// Role is a role of the roles attribute with its dates; see graph.Role
// for what the dates mean.
type Role = graph.Role

// parseRole reads one value of the roles attribute: "Title" or
// "Title@FROM..TO" with either date left out.
func parseRole(v string) (Role, error) {
	title, dates, dated := strings.Cut(v, "@")
	r := Role{Title: strings.TrimSpace(title)}
	if r.Title == "" {
		return r, fmt.Errorf("empty role title")
	}
	if !dated {
		return r, nil
	}
	from, to, ok := strings.Cut(strings.TrimSpace(dates), "..")
	if !ok {
		return r, fmt.Errorf("want dates as @FROM..TO (either may be empty), such as @2025-01-20..")
	}
	r.From, r.To = strings.TrimSpace(from), strings.TrimSpace(to)
	if r.From == "" && r.To == "" {
		return r, fmt.Errorf("@.. gives no date; leave the dates out for an undated role")
	}
	for _, d := range []string{r.From, r.To} {
		if d != "" && !validDate(d) {
			return r, fmt.Errorf("%q is not a date YYYY-MM-DD (or YYYY-MM, YYYY)", d)
		}
	}
	if r.From != "" && r.To != "" && graph.DayOf(r.From) >= graph.DayOf(r.To) {
		return r, fmt.Errorf("from %s is not before to %s", r.From, r.To)
	}
	return r, nil
}

func validDate(d string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(d) == len(layout) {
			_, err := time.Parse(layout, d)
			return err == nil
		}
	}
	return false
}

func checkRole(v string) error {
	_, err := parseRole(v)
	return err
}

// Day returns the date (YYYY-MM-DD, or YYYY-MM, YYYY) that a published
// field starts with ("2025-06-22T10:00:00Z" -> "2025-06-22"), or "" when it
// does not start with one: such an article is read as of the lists' date.
func Day(published string) string {
	s := strings.TrimSpace(published)
	for _, n := range []int{10, 7, 4} {
		if len(s) >= n && validDate(s[:n]) && (len(s) == n || !isDigit(s[n])) {
			if n < 10 && len(s) > n && s[n] == '-' {
				continue // "2025-06-3x": not a date at all
			}
			return s[:n]
		}
	}
	return ""
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// RolesAt returns the titles of the roles e holds at date (see
// Role.HeldAt), in list order, each once.
func (e *Entry) RolesAt(date string) []string {
	var out []string
	for _, r := range e.Roles {
		if r.HeldAt(date) && !containsFold(out, r.Title) {
			out = append(out, r.Title)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

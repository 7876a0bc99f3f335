package graph

import "strings"

// Role is an office a person holds or held, with its dates where known.
// Entity.Roles carries a dated role as one string, Title@FROM..TO (either
// date may be empty: "President@2025-01-20.."), the syntax of the seed
// lists, so that every store keeps it as it keeps any role and an undated
// role reads as before. From is the first day in office and To the day the
// office passed on (the successor's From); dates are YYYY-MM-DD, YYYY-MM
// or YYYY.
type Role struct {
	Title, From, To string
}

// ParseRole reads a role string: "Foreign Minister" or
// "President@2017-01-20..2021-01-20". It does not check the dates (the
// gazetteer loader does, where they are written).
func ParseRole(s string) Role {
	title, dates, ok := strings.Cut(s, "@")
	r := Role{Title: strings.TrimSpace(title)}
	if ok {
		from, to, _ := strings.Cut(dates, "..")
		r.From, r.To = strings.TrimSpace(from), strings.TrimSpace(to)
	}
	return r
}

// String gives the role as Entity.Roles stores it.
func (r Role) String() string {
	if !r.Dated() {
		return r.Title
	}
	return r.Title + "@" + r.From + ".." + r.To
}

// Dated reports whether the role carries a date.
func (r Role) Dated() bool { return r.From != "" || r.To != "" }

// HeldAt reports whether the role applies at date (YYYY-MM-DD or a prefix
// of it). An empty date stands for the present: the roles that have not
// ended apply.
func (r Role) HeldAt(date string) bool {
	if date == "" {
		return r.To == ""
	}
	d := DayOf(date)
	return (r.From == "" || d >= DayOf(r.From)) && (r.To == "" || d < DayOf(r.To))
}

// Span describes the role's dates for people: "2017-01-20 to 2021-01-20",
// "since 2025-01-20", "until 2024-08-21", or "" when undated.
func (r Role) Span() string {
	switch {
	case r.From != "" && r.To != "":
		return r.From + " to " + r.To
	case r.From != "":
		return "since " + r.From
	case r.To != "":
		return "until " + r.To
	}
	return ""
}

// DayOf completes a partial date to its first day ("2024" -> "2024-01-01",
// "2024-05" -> "2024-05-01"), so that dates of any precision compare as
// strings.
func DayOf(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

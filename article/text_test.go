package article

import (
	"strings"
	"testing"
)

func TestFindDate(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"Alhurra's avatar Alhurra02-06-2026", "2026-02-06"}, // glued to a name, US order
		{"By Staff 25-06-2026", "2026-06-25"},                // first number over 12: day first
		{"06/04/2025 14:00", "2025-06-04"},
		{"June 4, 2025", "2025-06-04"},
		{"Jun. 4, 2025 | Reuters", "2025-06-04"},
		{"Sept 30th, 2024", "2024-09-30"},
		{"4 June 2025", "2025-06-04"},
		{"Posted on 21st of March 2023", "2023-03-21"},
		{"2025-06-04T08:00:00Z", "2025-06-04"},
		{"first 2024-01-02 then June 4, 2025", "2024-01-02"}, // the earliest in the line wins
		{"Room 13-45-2025 is not a date", ""},
		{"February 30, 2025", ""},
		{"Mayor 4, 2025 met the council", ""},
		{"Population 1,234,567", ""},
	}
	for _, c := range cases {
		d, ok := findDate(c.in)
		if got := d.iso; !ok && c.want != "" || ok && got != c.want {
			t.Errorf("findDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	cases := map[string]string{
		"2025-06-04T23:30:00-05:00":       "2025-06-04", // the publisher's day, not UTC's
		"2025-06-04T10:00:00.123Z":        "2025-06-04",
		"2025-06-04 10:00:00":             "2025-06-04",
		"Wed, 04 Jun 2025 10:00:00 +0000": "2025-06-04",
		"June 4, 2025":                    "2025-06-04",
		"20250604":                        "2025-06-04",
	}
	for in, want := range cases {
		if got, ok := NormalizeDate(in); !ok || got != want {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "yesterday", "soon after the talks"} {
		if got, ok := NormalizeDate(in); ok {
			t.Errorf("NormalizeDate(%q) = %q, want no date", in, got)
		}
	}
}

func TestParseTextTitleAndByline(t *testing.T) {
	text := "\uFEFF\r\n  Harbour Talks End Early  \r\n\r\nThe Courier's avatar The Courier03-11-2025\r\n\r\n" +
		"Delegates left the harbour city on Monday.\r\nTalks resume in spring.\r\n"
	a := parseText(text)
	if a.Title != "Harbour Talks End Early" {
		t.Errorf("title = %q", a.Title)
	}
	if a.Published != "2025-03-11" {
		t.Errorf("published = %q, want 2025-03-11", a.Published)
	}
	if strings.ContainsAny(a.Text, "\r\uFEFF") {
		t.Errorf("line endings or BOM left in %q", a.Text)
	}
	if !strings.Contains(a.Text, "The Courier03-11-2025\n\nDelegates left") {
		t.Errorf("byline must stay in the body: %q", a.Text)
	}
}

func TestParseTextDateRules(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"day-month byline", "Title\nBy Ann Lee | 4 June 2025\nBody text here.", "2025-06-04"},
		{"labelled stamp in the first line", "date 2026-02-26 The ministers met on the pier and spoke for an hour.", "2026-02-26"},
		{"date in prose is an event, not the byline",
			"Title\nThe ministers met in the old port on June 22, 2025, a day after the storm had passed over the coast and the ferries stopped.\nMore text.", ""},
		{"labelled stamp at the end",
			"Title\nThe ministers met in the old port.\nThey agreed to meet again.\nPublished – June 23, 2025 07:59 am IST", "2025-06-23"},
		{"a bare date low in the text is not the byline",
			"Title\nOne.\nTwo.\nThree.\nFour.\nFive.\nOn 4 June 2025 the ferry sailed.", ""},
	}
	for _, c := range cases {
		if got := parseText(c.text).Published; got != c.want {
			t.Errorf("%s: published = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTitleOfParagraphIsShortened(t *testing.T) {
	first := "Delegations from both coastal states met for a second day in the old customs house, where officials said progress on fishing quotas had been slower than expected but talks would continue through the week and into the next month"
	a := parseText(first + ". More follows.\nSecond paragraph.")
	if len([]rune(a.Title)) > maxTitleRunes || !strings.HasPrefix(a.Title, "Delegations from both coastal states") || !strings.HasSuffix(a.Title, "…") {
		t.Errorf("title = %q", a.Title)
	}
	if b := parseText("Short first sentence here. " + first + "\nMore."); b.Title != "Short first sentence here." {
		t.Errorf("title = %q, want the first sentence", b.Title)
	}
}

func TestTrailingChromeRemoved(t *testing.T) {
	body := "Ferry Strike Ends\n\nThe ferry workers returned on Tuesday.\n\nThe union said the deal was fair."
	trailer := "\n\nShare this:\nFacebook\nX\nLike this:\nLike Loading...\n\nRelated articles\nDock workers plan second vote\nPort traffic resumes after strike\n\n" +
		"Leave a Reply\nhttps://example.org/wp-content/uploads/logo.png\nSocial Links\n© Harbour Courier 2025\nCopyright 2025 Harbour Media. All rights reserved.\nSubscribe now to keep reading and get access to the full archive.\nContinue reading"
	a := parseText(body + trailer)
	if a.Text != body {
		t.Errorf("text = %q\nwant %q", a.Text, body)
	}
}

func TestChromeRemovalKeepsRealText(t *testing.T) {
	cases := map[string]string{
		"short last line without punctuation": "Title\n\nThe talks ended.\n\nReporting by Ann Lee",
		"chrome words in the middle":          "Title\n\nRead Also\nSome other headline\n\nThe talks ended on Friday.",
		"sentence that starts like chrome":    "Title\n\nThe talks ended.\n\nShare prices rose sharply after the deal was announced on Friday afternoon.",
		"subscriber numbers":                  "Title\n\nSubscribers to the ferry service will get refunds.",
		"text of short lines only":            "Subscribe\nFacebook",
	}
	for name, text := range cases {
		if got := parseText(text).Text; got != text {
			t.Errorf("%s: text changed to %q", name, got)
		}
	}
	// A real last line stays when chrome follows it.
	got := parseText("Title\n\nThe talks ended.\n\nReporting by Ann Lee\n\nShare this\nTwitter").Text
	if !strings.HasSuffix(got, "Reporting by Ann Lee") {
		t.Errorf("text = %q, want it to end with the reporter line", got)
	}
}

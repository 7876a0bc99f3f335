package article

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

const testPage = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour talks end early | The Courier</title>
<meta property="og:title" content="Harbour talks end early">
<meta property="og:url" content="https://courier.example/og/harbour-talks">
<link rel="canonical" href="https://courier.example/2025/03/harbour-talks">
<meta property="article:published_time" content="2025-03-11T09:30:00+02:00">
<script>var tracking = "Subscribe now";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour talks end early</h1>
<p>Delegates from the two coastal states left the harbour city on Monday after a short round of talks on fishing quotas and ferry routes between their ports.</p>
<p>The chief negotiator said the sides would meet again in the spring, once the new fleet figures have been published by both ministries.</p>
<div>Officials described the mood as calm.<br>Neither side expected a deal this week, and the old quota stays in force until then.</div>
<p>Fishing crews in both ports welcomed the decision to keep the current limits for one more season.</p>
</article>
<footer><p>© The Courier 2025</p><p>Subscribe to our newsletter</p></footer>
</body></html>`

func TestHTMLPage(t *testing.T) {
	path := writeFile(t, t.TempDir(), "harbour.html", testPage)
	a := readOne(t, Options{}, path)
	if a.ID != "harbour" || a.Source != path {
		t.Errorf("id, source = %q, %q", a.ID, a.Source)
	}
	if a.Title != "Harbour talks end early" {
		t.Errorf("title = %q", a.Title)
	}
	if a.URL != "https://courier.example/2025/03/harbour-talks" {
		t.Errorf("url = %q, want the canonical link", a.URL)
	}
	if a.Published != "2025-03-11" {
		t.Errorf("published = %q", a.Published)
	}
	for _, want := range []string{
		"Delegates from the two coastal states left the harbour city on Monday",
		"ferry routes between their ports.\n\nThe chief negotiator said", // paragraphs apart
		"Officials described the mood as calm.\n\nNeither side expected", // <br> too
		"for one more season.",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, unwanted := range []string{"Home", "Sport", "tracking", "© The Courier", "newsletter"} {
		if strings.Contains(a.Text, unwanted) {
			t.Errorf("text keeps page chrome %q:\n%s", unwanted, a.Text)
		}
	}
}

func TestHTMLMetadataFallbacks(t *testing.T) {
	page := `<html><head><title>Quota deal signed</title>
<meta property="og:url" content="https://courier.example/quota">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Quota deal signed in the port","datePublished":"2024-11-05T08:00:00Z"}]}</script>
</head><body><p>The two ministers signed the quota deal at the port authority on Tuesday morning.</p></body></html>`
	a := readOne(t, Options{}, writeFile(t, t.TempDir(), "quota.htm", page))
	if a.Title != "Quota deal signed in the port" || a.URL != "https://courier.example/quota" || a.Published != "2024-11-05" {
		t.Errorf("title %q, url %q, published %q", a.Title, a.URL, a.Published)
	}
	if a.Text != "The two ministers signed the quota deal at the port authority on Tuesday morning." {
		t.Errorf("text = %q", a.Text)
	}

	page = `<html><head><title>Ferry news</title></head><body>
<p>Ferries ran again on <time datetime="2023-07-14T10:00">Friday</time> after the strike ended.</p></body></html>`
	a = readOne(t, Options{}, writeFile(t, t.TempDir(), "ferry.html", page))
	if a.Title != "Ferry news" || a.Published != "2023-07-14" {
		t.Errorf("title %q, published %q", a.Title, a.Published)
	}
}

func TestHTMLDeclaredCharset(t *testing.T) {
	// "café" in ISO-8859-1 is not UTF-8; the page says what it is.
	page := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 talks</title></head><body><p>The ministers met in a caf\xe9 near the port.</p></body></html>"
	a := readOne(t, Options{}, writeFile(t, t.TempDir(), "cafe.html", page))
	if a.Title != "Café talks" || !strings.Contains(a.Text, "met in a café") {
		t.Errorf("title %q, text %q", a.Title, a.Text)
	}
}

func TestHTMLWithoutText(t *testing.T) {
	path := writeFile(t, t.TempDir(), "empty.html", "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>")
	_, skips := readAll(t, Options{}, path)
	wantSkip(t, skips, path, 0, "no article text")
}

func TestHTMLStrayInvalidBytes(t *testing.T) {
	// A UTF-8 page with one Latin-1 byte pasted in reads as a browser shows it.
	page := "<html><head><meta charset=\"utf-8\"><title>Port talks</title></head><body><p>The ministers met at the caf\xe9 by the port and agreed on the new ferry timetable for the winter season.</p>" +
		strings.Repeat("<p>Officials from both harbours described the talks as calm and useful for the crews.</p>", 20) + "</body></html>"
	a := readOne(t, Options{}, writeFile(t, t.TempDir(), "port.html", page))
	if !strings.Contains(a.Text, "at the caf\uFFFD by the port") {
		t.Errorf("text = %q", a.Text)
	}

	// Mostly not UTF-8 and no charset declared: skipped, named.
	bad := "<html><body><p>" + strings.Repeat("Caf\xe9 cr\xe8me ", 200) + "</p></body></html>"
	path := writeFile(t, t.TempDir(), "latin.html", bad)
	_, skips := readAll(t, Options{}, path)
	wantSkip(t, skips, path, 0, "invalid UTF-8")
}

func TestHTMLTruncated(t *testing.T) {
	// Cut in the middle of a tag: what was there is still read.
	cut := testPage[:strings.Index(testPage, "Officials described")+30]
	a := readOne(t, Options{}, writeFile(t, t.TempDir(), "cut.html", cut))
	if !strings.Contains(a.Text, "Delegates from the two coastal states") || a.Published != "2025-03-11" {
		t.Errorf("truncated page: published %q, text %q", a.Published, a.Text)
	}
}

func TestHTMLTimeLimit(t *testing.T) {
	old := HTMLTimeLimit
	HTMLTimeLimit = time.Nanosecond
	defer func() { HTMLTimeLimit = old }()
	path := writeFile(t, t.TempDir(), "slow.html", testPage)
	_, skips := readAll(t, Options{}, path)
	wantSkip(t, skips, path, 0, "longer than the 1ns limit per page")
}

func TestHTMLRelatedLinksDropped(t *testing.T) {
	page := `<html><head><title>Quota talks</title></head><body><article>
<p>The ministers of the two coastal states met in the harbour city on Monday to discuss the fishing quotas for the coming year.</p>
<p>Read more: Storm closes the northern ferry route</p>
<p>Both delegations brought new figures on the size of the fleets, which have grown since the last agreement was signed.</p>
<p>Lesen Sie auch: Neue Fähre für die Insel</p>
<p>Read more about the quota system in the explainer the ministry published, which covers the rules from 1990 onwards.</p>
<p>The talks continue on Tuesday with the harbour masters of both ports, who asked to be heard before any deal is made.</p>
</article></body></html>`
	a := readOne(t, Options{}, writeFile(t, t.TempDir(), "quota.html", page))
	for _, gone := range []string{"Storm closes", "Neue Fähre"} {
		if strings.Contains(a.Text, gone) {
			t.Errorf("text keeps the related link %q:\n%s", gone, a.Text)
		}
	}
	for _, kept := range []string{"Read more about the quota system", "Both delegations", "The talks continue"} { // no label: the article's own
		if !strings.Contains(a.Text, kept) {
			t.Errorf("text lost %q:\n%s", kept, a.Text)
		}
	}
}

// Pages parsed in parallel (Options.Workers) reach fn and skip exactly as
// one at a time: same articles, same skips, same order, interleaved.
func TestHTMLParallelKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 24 {
		name := fmt.Sprintf("p%02d", i)
		switch i % 6 {
		case 1:
			writeFile(t, dir, name+".txt", fmt.Sprintf("Note %d\n\nA plain text note number %d about the harbour.", i, i))
		case 3:
			writeFile(t, dir, name+".html", "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>")
		case 5:
			writeFile(t, dir, name+".html", "")
		default:
			writeFile(t, dir, name+".html", strings.ReplaceAll(testPage, "fishing quotas", fmt.Sprintf("fishing quota %d", i)))
		}
	}
	events := func(workers int) []string {
		var out []string
		err := Read(context.Background(), []string{dir}, Options{Workers: workers},
			func(a Article) error { out = append(out, "article "+a.ID+" "+a.Published+" "+a.Text); return nil },
			func(s Skip) { out = append(out, "skip "+s.Error()) })
		if err != nil {
			t.Fatalf("Read with %d workers: %v", workers, err)
		}
		return out
	}
	one, four := events(1), events(4)
	if len(one) != 24 || !strings.Contains(strings.Join(one, "\n"), "fishing quota 22") {
		t.Fatalf("one worker: %d events, want 24:\n%s", len(one), strings.Join(one, "\n"))
	}
	if strings.Join(one, "\n") != strings.Join(four, "\n") {
		t.Errorf("4 workers differ from 1:\n%s\n---\n%s", strings.Join(four, "\n"), strings.Join(one, "\n"))
	}

	// fn's error stops reading with parsed pages still pending.
	stop := errors.New("stop")
	n := 0
	err := Read(context.Background(), []string{dir}, Options{Workers: 4}, func(Article) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("Read = %v after %d articles, want stop after 3", err, n)
	}
}

func TestCutRelatedSection(t *testing.T) {
	story := "The council approved the harbour plan on Monday after a long debate.\n\nWork starts in May and should end next year, the mayor said."
	for _, label := range []string{"Related articles", "Mehr zum Thema", "Lo más leído", "Czytaj także:", "Schon gelesen?"} {
		got := cutRelatedSection(story + "\n\n" + label + "\n\nAnother story's headline")
		if got != story {
			t.Errorf("%q: got %q, want the story alone", label, got)
		}
	}
	// A label in the first half is a heading of the story itself; a long
	// paragraph starting with the words is text.
	early := "Related articles\n\n" + story
	if got := cutRelatedSection(early); got != early {
		t.Errorf("early label cut: %q", got)
	}
	long := story + "\n\nRelated stories of the harbour appeared in the local papers all week, the mayor added."
	if got := cutRelatedSection(long); got != long {
		t.Errorf("sentence cut: %q", got)
	}
}

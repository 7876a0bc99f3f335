// Package article reads news articles (plain text, HTML, JSON, JSON lines)
// from files, directories and standard input into Articles, the input of
// extraction. A broken input never stops the others: readers report it as
// a Skip that names the file (and line) and the reason.
//
// Read streams articles to a callback, so memory does not grow with the
// number of articles; ReadFile collects one path's articles for tests and
// evaluation. Plain text gets its title from the first line, its date from
// the byline and loses the page chrome (subscribe prompts, share buttons,
// copyright lines) at its end; HTML goes through readability and the page
// metadata; JSON records name their fields through Options.Fields.
package article

// Article is one article ready for extraction.
type Article struct {
	// ID is the record's own id, else the file's path relative to the
	// directory given to Read without extension ("a/story"; a file given
	// by itself: its name, "story"), with "-N" for the Nth record of a
	// JSON file; for standard input, "stdin-" and a hash of the text.
	ID        string
	Title     string
	Source    string // path, or "-" for standard input
	Line      int    // line of the record in a JSON or JSON lines file, else 0
	URL       string
	Published string // ISO 8601 date (YYYY-MM-DD) when known
	Authors   string // a web page's byline authors, "; " between two, when its metadata names them
	Text      string // body text, page chrome removed
}

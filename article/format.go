package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Format is how an input is parsed.
type Format int

const (
	FormatAuto      Format = iota // by file extension, else by content
	FormatText                    // plain text (also Markdown)
	FormatHTML                    // a web page, or an HTML fragment
	FormatJSON                    // one object, an array of objects, or concatenated objects
	FormatJSONLines               // one object per line
)

var formatNames = map[Format]string{
	FormatAuto: "auto", FormatText: "text", FormatHTML: "html", FormatJSON: "json", FormatJSONLines: "jsonl",
}

func (f Format) String() string {
	if name, ok := formatNames[f]; ok {
		return name
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat reads a format name as given on a command line: auto, text
// (txt, md), html (htm), json, jsonl (ndjson).
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "auto":
		return FormatAuto, nil
	case "text", "txt", "md", "markdown", "plain":
		return FormatText, nil
	case "html", "htm":
		return FormatHTML, nil
	case "json":
		return FormatJSON, nil
	case "jsonl", "ndjson", "json-lines", "jsonlines":
		return FormatJSONLines, nil
	}
	return FormatAuto, fmt.Errorf("unknown format %q (want auto, text, html, json or jsonl)", name)
}

// DefaultExtensions maps the file extensions a directory walk reads to
// their format.
func DefaultExtensions() map[string]Format {
	return map[string]Format{
		// Not ".md": folders of articles often hold a README.md that is no
		// article. A Markdown file named on the command line is still read.
		".txt": FormatText, ".text": FormatText,
		".html": FormatHTML, ".htm": FormatHTML,
		".json": FormatJSON, ".jsonl": FormatJSONLines, ".ndjson": FormatJSONLines,
	}
}

func extensionList(exts map[string]Format) string {
	keys := make([]string, 0, len(exts))
	for k := range exts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}

func formatOf(path string, exts map[string]Format) (Format, bool) {
	f, ok := exts[strings.ToLower(filepath.Ext(path))]
	return f, ok
}

var utf8BOM = []byte("\uFEFF")

const sniffBytes = 8 << 10 // the start of an input read to tell its format and whether it is text

var htmlTagRe = regexp.MustCompile(`(?i)<(!doctype\s+html|html|head|body|meta|title|article|main|p|div|section|h[1-6])[\s>/]`)

// sniff tells an input's format from its first bytes.
func sniff(sample []byte) Format {
	s := bytes.TrimLeft(bytes.TrimPrefix(sample, utf8BOM), " \t\r\n")
	switch {
	case len(s) == 0:
		return FormatText
	case s[0] == '{' || s[0] == '[':
		return FormatJSON
	case s[0] == '<' && htmlTagRe.Match(s):
		return FormatHTML
	}
	return FormatText
}

// jsonLinesIn reports whether JSON content is JSON lines: a first line
// that is a complete object, followed by another line that starts one.
// peek holds the start of the input.
func jsonLinesIn(peek []byte) bool {
	var first []byte
	rest := bytes.TrimPrefix(peek, utf8BOM)
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return false // the first line does not end within peek
		}
		line := bytes.TrimSpace(rest[:i])
		rest = rest[i+1:]
		if len(line) == 0 {
			continue
		}
		if first == nil {
			first = line
			if first[0] != '{' || !json.Valid(first) {
				return false
			}
			continue
		}
		return line[0] == '{'
	}
	return false
}

// binaryReason says why sample is not text, or returns "". Text has no NUL
// bytes and few control characters; a sample that is mostly invalid UTF-8
// is binary too (an image, a zip), while a few bad bytes are reported
// later as invalid UTF-8.
func binaryReason(sample []byte) string {
	if bytes.HasPrefix(sample, []byte{0xFF, 0xFE}) || bytes.HasPrefix(sample, []byte{0xFE, 0xFF}) {
		return "UTF-16 text; convert the file to UTF-8"
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return "binary file (contains NUL bytes)"
	}
	control, invalid := 0, 0
	for i := 0; i < len(sample); {
		r, size := utf8.DecodeRune(sample[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if len(sample)-i >= utf8.UTFMax { // not a rune cut by the sample's end
				invalid++
			}
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f', r == 0x7f:
			control++
		}
		i += size
	}
	if n := len(sample); n > 0 && (control*10 > n || invalid*3 > n) {
		return "binary file (mostly non-text bytes)"
	}
	return ""
}

// utf8Reason describes the first invalid UTF-8 sequence in data, or
// returns "" when data is valid.
func utf8Reason(data []byte) string {
	if utf8.Valid(data) {
		return ""
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			line := bytes.Count(data[:i], []byte("\n")) + 1
			return fmt.Sprintf("invalid UTF-8 at line %d (byte %d); convert the file to UTF-8", line, i)
		}
		i += size
	}
	return "invalid UTF-8"
}

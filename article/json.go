package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// JSONFields names the fields of a JSON record. Each may list alternatives
// separated by commas, tried in order ("text,body,content"), and a name
// may be a dotted path into nested objects ("content.body").
type JSONFields struct {
	ID, Title, URL, Published, Text string
}

// DefaultJSONFields are the field names used when Options.Fields leaves
// one empty.
var DefaultJSONFields = JSONFields{
	ID:        "id",
	Title:     "title,headline",
	URL:       "url,link",
	Published: "published,date,published_at,datePublished",
	Text:      "text,body,content",
}

func (f JSONFields) withDefaults() JSONFields {
	or := func(s, def string) string {
		if strings.TrimSpace(s) == "" {
			return def
		}
		return s
	}
	d := DefaultJSONFields
	return JSONFields{
		ID: or(f.ID, d.ID), Title: or(f.Title, d.Title), URL: or(f.URL, d.URL),
		Published: or(f.Published, d.Published), Text: or(f.Text, d.Text),
	}
}

// readJSONLines reads one record per line. A line that is too long, not
// UTF-8, or not a JSON object is skipped; the other lines are still read.
func (r *reader) readJSONLines(br *bufio.Reader, source, id string) error {
	lineNo, records := 0, 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, r.opts.MaxBytes)
		if err != nil && !errors.Is(err, io.EOF) {
			r.report(source, lineNo+1, describe(err))
			return nil
		}
		if len(line) == 0 && !tooLong && err != nil {
			break // end of input
		}
		lineNo++
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		switch {
		case tooLong:
			records++
			r.report(source, lineNo, fmt.Sprintf("line is longer than the %s limit (MaxBytes)", humanBytes(r.opts.MaxBytes)))
		case len(bytes.TrimSpace(line)) == 0:
		case bytes.IndexByte(line, 0) >= 0:
			records++
			r.report(source, lineNo, "binary data (NUL bytes)")
		case !utf8.Valid(line):
			records++
			r.report(source, lineNo, "invalid UTF-8")
		default:
			records++
			if err := r.record(bytes.TrimSpace(line), source, lineNo, fmt.Sprintf("%s-%d", id, lineNo)); err != nil {
				return err
			}
		}
		if err != nil {
			break
		}
	}
	if records == 0 {
		r.report(source, 0, "empty file (no JSON records)")
	}
	return nil
}

// readLine reads one line without its line ending. A line longer than
// limit is consumed but not kept: tooLong is set and line is nil, so
// memory stays bounded by limit.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit+2 { // +2: room for "\r\n"
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = bytes.TrimRight(line, "\r\n")
		if !tooLong && int64(len(line)) > limit {
			tooLong, line = true, nil
		}
		return line, tooLong, err
	}
}

// readJSONDocument reads a JSON document: one object, an array of
// objects, or several concatenated values. A syntax error ends the
// document (the rest cannot be found reliably) after the records before
// it were read.
func (r *reader) readJSONDocument(data []byte, source, id string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lines := lineCounter{data: data}
	values, records := 0, 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		start := skipSpace(data, int(dec.InputOffset()))
		if start == len(data) {
			break
		}
		values++
		if data[start] == '[' {
			if _, err := dec.Token(); err != nil {
				r.report(source, lines.at(start), "invalid JSON: "+err.Error())
				return nil
			}
			for n := 1; dec.More(); n++ {
				at := skipSpace(data, int(dec.InputOffset()))
				var raw json.RawMessage
				if err := dec.Decode(&raw); err != nil {
					r.report(source, lines.at(at), "invalid JSON: "+err.Error())
					return nil
				}
				records++
				if err := r.record(raw, source, lines.at(at), fmt.Sprintf("%s-%d", id, n)); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil {
				r.report(source, lines.at(int(dec.InputOffset())), "invalid JSON: "+err.Error())
				return nil
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			r.report(source, lines.at(start), "invalid JSON: "+err.Error())
			return nil
		}
		recordID := id
		if values > 1 || skipSpace(data, int(dec.InputOffset())) < len(data) {
			recordID = fmt.Sprintf("%s-%d", id, lines.at(start))
		}
		records++
		if err := r.record(raw, source, lines.at(start), recordID); err != nil {
			return err
		}
	}
	// Only separators (","), or only empty arrays ("[]"): found by
	// fuzzing, these said nothing at all.
	if records == 0 {
		r.report(source, 0, "no JSON record (an empty array or only separators)")
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after i that is
// not JSON whitespace or a separating comma.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		default:
			return i
		}
	}
	return i
}

// lineCounter converts increasing byte offsets into line numbers without
// rescanning the data.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func (c *lineCounter) at(offset int) int {
	if offset > len(c.data) {
		offset = len(c.data)
	}
	if offset < c.off {
		c.off, c.line = 0, 0
	}
	c.line += bytes.Count(c.data[c.off:offset], []byte("\n"))
	c.off = offset
	return c.line + 1
}

// record turns one JSON record into an article, or reports why it cannot.
func (r *reader) record(raw []byte, source string, line int, id string) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		r.report(source, line, "invalid JSON: "+err.Error())
		return nil
	}
	if dec.More() {
		r.report(source, line, "invalid JSON: more than one value on the line")
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		r.report(source, line, fmt.Sprintf("record is a JSON %s, not an object", jsonKind(v)))
		return nil
	}
	f := r.opts.Fields
	text := textField(obj, f.Text)
	if strings.TrimSpace(text) == "" {
		r.report(source, line, fmt.Sprintf("record has no text (field %q)", f.Text))
		return nil
	}
	if looksLikeHTML(text) {
		text = htmlFragmentText(text)
	} else {
		text = normalizeText(text)
	}
	body, trailer := splitTrailingChrome(text)
	if strings.TrimSpace(body) == "" { // markup only ("<a>"; found by fuzzing)
		r.report(source, line, fmt.Sprintf("record has no text (field %q holds markup only)", f.Text))
		return nil
	}
	if own := stringField(obj, f.ID); len(own) > MaxIDBytes {
		r.report(source, line, fmt.Sprintf("record id (field %q) is %d bytes, longer than the %d a store can index", f.ID, len(own), MaxIDBytes))
		return nil
	}
	a := Article{
		ID:     firstNonEmpty(stringField(obj, f.ID), id),
		Title:  firstNonEmpty(oneLine(stringField(obj, f.Title)), titleFrom(body)),
		Source: source,
		Line:   line,
		URL:    stringField(obj, f.URL),
		Text:   body,
	}
	a.Published = publishedField(obj, f.Published)
	if a.Published == "" {
		// Only a labelled stamp: a bare date in a record's text is as
		// likely an event as the publication date.
		a.Published = labelledDate(body, trailer)
	}
	return r.emit(a)
}

// lookup finds the first present, non-null value among comma-separated
// alternative names, each possibly a dotted path.
func lookup(obj map[string]any, names string) (any, bool) {
	for name := range strings.SplitSeq(names, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if v, ok := obj[name]; ok && v != nil && v != "" {
			return v, true
		}
		var cur any = obj
		for part := range strings.SplitSeq(name, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = m[part]
		}
		if cur != nil && cur != "" {
			return cur, true
		}
	}
	return nil, false
}

func stringField(obj map[string]any, names string) string {
	v, ok := lookup(obj, names)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return ""
}

// textField reads the text, which may also be a list of paragraphs.
func textField(obj map[string]any, names string) string {
	v, ok := lookup(obj, names)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var paras []string
		for _, p := range v {
			if s, ok := p.(string); ok && strings.TrimSpace(s) != "" {
				paras = append(paras, strings.TrimSpace(s))
			}
		}
		return strings.Join(paras, "\n\n")
	}
	return ""
}

// publishedField normalises the date to YYYY-MM-DD; a date it cannot read
// is kept as written rather than lost. Numbers are Unix times.
func publishedField(obj map[string]any, names string) string {
	v, ok := lookup(obj, names)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		if iso, ok := NormalizeDate(v); ok {
			return iso
		}
		return oneLine(v)
	case json.Number:
		if f, err := v.Float64(); err == nil {
			if iso, ok := unixDate(f); ok {
				return iso
			}
		}
		if iso, ok := NormalizeDate(v.String()); ok {
			return iso
		}
	}
	return ""
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "value"
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

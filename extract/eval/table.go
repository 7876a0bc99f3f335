package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"

	"github.com/newsgraph/kg/graph"
)

// rowFormat keeps a table line within 80 columns: the longest type name
// (AFFILIATED_WITH) fits the first column.
const (
	headFormat = "%-16s %6s %6s %6s %5s %5s %5s\n"
	rowFormat  = "%-16s %6s %6s %6s %5d %5d %5d\n"
)

// WriteTable writes the overall and per-type scores of entities and
// relations, one aligned table each, the overall line first. A ratio with
// nothing to compute it from (no prediction, no gold) is shown as "-".
func (r Report) WriteTable(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d articles\n\n", len(r.Articles))

	writeSection(bw, "Entities", r.Entities, typeRows(r.PerEntityType, graph.EntityTypes))
	fmt.Fprintln(bw)
	writeSection(bw, "Relations", r.Relations, typeRows(r.PerRelationType, graph.RelationTypes))
	return bw.Flush()
}

type row struct {
	name string
	prf  PRF
}

// typeRows lists the schema's types in schema order, then any other type a
// prediction used, sorted.
func typeRows[T ~string](m map[T]PRF, schema []T) []row {
	var rows []row
	known := map[T]bool{}
	for _, t := range schema {
		known[t] = true
		rows = append(rows, row{string(t), m[t]})
	}
	var extra []row
	for t, p := range m {
		if !known[t] {
			extra = append(extra, row{string(t), p})
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].name < extra[j].name })
	return append(rows, extra...)
}

func writeSection(w io.Writer, title string, overall PRF, rows []row) {
	fmt.Fprintln(w, title)
	fmt.Fprintf(w, headFormat, "type", "P", "R", "F1", "TP", "FP", "FN")
	writeRow(w, "overall", overall)
	for _, r := range rows {
		writeRow(w, r.name, r.prf)
	}
}

func writeRow(w io.Writer, name string, p PRF) {
	fmt.Fprintf(w, rowFormat, name,
		ratio(p.Precision, p.TP+p.FP > 0), ratio(p.Recall, p.TP+p.FN > 0), ratio(p.F1, p.TP+p.FP+p.FN > 0),
		p.TP, p.FP, p.FN)
}

func ratio(v float64, defined bool) string {
	if !defined {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// WriteDiagnostics writes, per article, its scores and its false positives
// and false negatives with names and types, and why a relation missed.
func (r Report) WriteDiagnostics(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, a := range r.Articles {
		fmt.Fprintf(bw, "== %s\n", a.Article)
		fmt.Fprintf(bw, "   entities  %s\n", summary(a.Entities))
		fmt.Fprintf(bw, "   relations %s\n", summary(a.Relations))
		for _, e := range a.EntityFP {
			fmt.Fprintf(bw, "   FP entity   %-12s %s [%s]%s\n", e.Type, e.Name, e.ID, note(e.Note))
		}
		for _, e := range a.EntityFN {
			fmt.Fprintf(bw, "   FN entity   %-12s %s%s\n", e.Type, e.Name, note(e.Note))
		}
		for _, rel := range a.RelationFP {
			fmt.Fprintf(bw, "   FP relation %s%s\n", arrow(rel), note(rel.Note))
		}
		for _, rel := range a.RelationFN {
			fmt.Fprintf(bw, "   FN relation %s%s\n", arrow(rel), note(rel.Note))
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

func summary(p PRF) string {
	return fmt.Sprintf("P %s  R %s  F1 %s  (TP %d, FP %d, FN %d)",
		ratio(p.Precision, p.TP+p.FP > 0), ratio(p.Recall, p.TP+p.FN > 0), ratio(p.F1, p.TP+p.FP+p.FN > 0),
		p.TP, p.FP, p.FN)
}

func arrow(r RelationRef) string {
	if r.Type.Symmetric() {
		return fmt.Sprintf("%s <-%s-> %s", r.Source, r.Type, r.Target)
	}
	return fmt.Sprintf("%s -%s-> %s", r.Source, r.Type, r.Target)
}

func note(s string) string {
	if s == "" {
		return ""
	}
	return "  (" + s + ")"
}

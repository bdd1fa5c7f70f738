package export

import (
	"encoding/csv"
	"io"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/results"
)

// csvHeader is the long form's header; scripts read columns by these names.
var csvHeader = []string{"consultation", "question", "dimension", "value", "choice", "n", "N", "percent", "ci_low", "ci_high", "suppressed"}

// Participation is the question column of the tables of who answered.
const Participation = "_participation"

// Dimensions of the lines that are not cuts of a question's answers.
const (
	// DimBorda lines hold a rank question's Borda score: value "all" or a group id, n the points,
	// N who were asked, percent and interval the share who put the choice in their top n.
	DimBorda = "borda"
	// DimFirst prefixes the dimension of the table of who put each choice first ("first_group").
	DimFirst = "first_"
)

// CSVOptions choose the dialect of a results CSV. The zero value is the comma dialect with a
// decimal point, which scripts and English spreadsheets read.
type CSVOptions struct {
	// Semicolon separates fields with ";" and writes decimals with ",", as spreadsheets set to
	// Spanish or Portuguese expect.
	Semicolon bool
	// Heading is the file's first line, in the reader's language: what the numbers are restricted
	// to and which separator and decimal mark the file uses. Empty: a plain English one.
	Heading string
	// Notes follow the heading, a line each: how the counts protect people, why a report is withheld.
	Notes []string
}

// Heading is the default first line of a results CSV: the filter as ids, separator and decimal mark.
func Heading(rep *results.Report, semicolon bool) string {
	f := rep.Filter
	var parts []string
	for _, kv := range [][2]string{{"session", f.Session}, {"channel", f.Channel}, {"from", f.From}, {"to", f.To}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	if f.Dimension != "" {
		parts = append(parts, "only="+f.Dimension+":"+f.Value)
	}
	filter := locale.T(scripts, "export.everyone")
	if len(parts) > 0 {
		filter = strings.Join(parts, " ")
	}
	sep, mark := ",", "."
	if semicolon {
		sep, mark = ";", ","
	}
	return locale.T(scripts, "export.csv_heading", rep.Consultation, filter, sep, mark)
}

// scripts is the language of the default heading, which scripts read and skip.
const scripts = "en"

// CSV writes a report in long form: one line per published number, for spreadsheets and scripts.
// Its first line is o.Heading (the filter, separator and decimal mark), then o.Notes a line each
// (the sentence that says how the counts protect people, and why a withheld report has no
// numbers); the column names follow. A cell of a row too small to show leaves n, percent and
// interval empty and reads "true" under suppressed. Scale and integer summaries (mean, median)
// are not in the long form: they are in the XLSX and JSON exports.
func CSV(w io.Writer, rep *results.Report, o CSVOptions) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	lw := lineWriter{cw: cw, rep: rep, hidden: results.SuppressLabel(rep.K), mark: "."}
	if o.Semicolon {
		cw.Comma, lw.mark = ';', ","
	}
	if o.Heading == "" {
		o.Heading = Heading(rep, o.Semicolon)
	}
	lw.write(o.Heading)
	for _, n := range o.Notes {
		// As wide as the header, so every line has the same fields; scripts skip 1+len(Notes) lines.
		line := make([]string, len(csvHeader))
		line[0] = n
		lw.write(line...)
	}
	lw.write(csvHeader...)
	for _, t := range rep.Participation {
		lw.table(Participation, t.Dimension, t, &rep.Respondents)
	}
	for _, q := range rep.Questions {
		for _, t := range q.Tables {
			lw.table(q.ID, t.Dimension, t, nil)
		}
		if q.First != nil {
			lw.table(q.ID, DimFirst+q.First.Dimension, *q.First, nil)
		}
		asked := askedAll(q)
		for _, b := range q.Priorities {
			lw.borda(q.ID, results.ByAll, asked, b)
		}
		for _, br := range q.ByGroup {
			for _, b := range br.Scores {
				lw.borda(q.ID, br.Value, &br.N, b)
			}
		}
	}
	if lw.err != nil {
		return lw.err
	}
	cw.Flush()
	return cw.Error()
}

// askedAll is how many were asked the question in all: the N of the "all" row, or nil.
func askedAll(q results.Question) *results.Cell {
	for _, t := range q.Tables {
		if t.Dimension != results.ByAll {
			continue
		}
		for i := range t.Rows {
			if t.Rows[i].Value == results.ByAll {
				return &t.Rows[i].N
			}
		}
	}
	return nil
}

// lineWriter keeps the first error, so the writing reads as a list of lines.
type lineWriter struct {
	cw     *csv.Writer
	rep    *results.Report
	hidden string
	mark   string // decimal mark
	err    error
}

// decimal writes a percent with one decimal and the file's decimal mark.
func (lw *lineWriter) decimal(f float64) string {
	return strings.Replace(decimal(f), ".", lw.mark, 1)
}

func (lw *lineWriter) write(fields ...string) {
	if lw.err != nil {
		return
	}
	line := make([]string, len(fields))
	for i, f := range fields {
		line[i] = neutralise(f)
	}
	lw.err = lw.cw.Write(line)
}

// table writes a line per cell; of is the denominator of every cell (who answered at all, for
// participation), or nil for each row's own N (who were asked).
func (lw *lineWriter) table(question, dimension string, t results.Table, of *results.Cell) {
	for _, row := range t.Rows {
		asked := of
		if asked == nil {
			asked = &row.N
		}
		if len(row.Cells) == 0 {
			// A row of who answered (by group, by gender...) is its count out of all respondents.
			lw.cell(question, dimension, row.Value, "", asked, row.N)
			continue
		}
		for i, col := range t.Columns {
			if i >= len(row.Cells) {
				break
			}
			lw.cell(question, dimension, row.Value, col, asked, row.Cells[i])
		}
	}
}

func (lw *lineWriter) cell(question, dimension, value, choice string, asked *results.Cell, c results.Cell) {
	if c.Suppressed {
		lw.write(lw.rep.Consultation, question, dimension, value, choice, "", lw.count(asked), "", "", "", "true")
		return
	}
	lw.write(lw.rep.Consultation, question, dimension, value, choice, itoa(c.N), lw.count(asked),
		lw.decimal(c.Pct), lw.decimal(c.Lo), lw.decimal(c.Hi), "false")
}

// borda writes one choice's score; the points are hidden with the share they come from.
func (lw *lineWriter) borda(question, value string, asked *results.Cell, b results.Priority) {
	if b.Suppressed || b.TopN.Suppressed {
		lw.write(lw.rep.Consultation, question, DimBorda, value, b.Choice, "", lw.count(asked), "", "", "", "true")
		return
	}
	lw.write(lw.rep.Consultation, question, DimBorda, value, b.Choice, itoa(b.Points), lw.count(asked),
		lw.decimal(b.TopN.Pct), lw.decimal(b.TopN.Lo), lw.decimal(b.TopN.Hi), "false")
}

// count is a row's N as published: the number, "<k" when it is suppressed, empty when unknown.
func (lw *lineWriter) count(c *results.Cell) string {
	if c == nil {
		return ""
	}
	if c.Suppressed {
		return lw.hidden
	}
	return itoa(c.N)
}

package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"consulta/internal/domain"
	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/survey"
)

// XLSX writes a report as a workbook: a summary sheet (consultation, filter, respondents, the
// sentence on how counts protect people, notes such as as of when, who answered), then one
// sheet per question with each cut as a block. Labels come from sv in lang and from label, a
// message lookup that returns the key itself when it has no message (as web.T does). Cells of
// a row too small to show read label("protect.hidden"), never a number.
func XLSX(w io.Writer, rep *results.Report, sv *survey.Survey, lang string, label func(key string, args ...any) string, notes ...string) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, rep: rep, sv: sv, lang: lang, label: label, used: map[string]bool{}, notes: notes}
	// A cell too small to show reads the caller's word for it, else the results' own mark.
	b.hidden = results.SuppressLabel(rep.K)
	if label != nil {
		if s := label("protect.hidden"); s != "" && s != "protect.hidden" {
			b.hidden = s
		}
	}
	if sv == nil {
		b.sv = &survey.Survey{}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	b.bold = bold

	summary := locale.T(lang, "export.summary_sheet")
	if err := f.SetSheetName(f.GetSheetName(0), summary); err != nil {
		return err
	}
	b.used[strings.ToLower(summary)] = true
	b.summary(summary)
	for _, q := range rep.Questions {
		name := b.sheetName(q.ID)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		b.question(name, q)
	}
	if b.err != nil {
		return b.err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// book writes cells and keeps the first error, so each sheet reads as a list of rows.
type book struct {
	f      *excelize.File
	rep    *results.Report
	sv     *survey.Survey
	lang   string
	label  func(key string, args ...any) string
	hidden string
	notes  []string
	bold   int
	used   map[string]bool
	err    error
}

// sheetName makes a valid, unique sheet name from a question id: at most 31 characters,
// none of []:*?/\, no quote at either end, unique regardless of case as Excel wants.
func (b *book) sheetName(id string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, id)
	clean = strings.Trim(clean, "'")
	if clean == "" || strings.EqualFold(clean, "History") {
		clean = "q"
	}
	name := truncate(clean, 31)
	for i := 2; b.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf("~%d", i)
		name = truncate(clean, 31-len(suffix)) + suffix
	}
	b.used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

func (b *book) axis(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && b.err == nil {
		b.err = err
	}
	return name
}

// str writes text, neutralised so no spreadsheet reads it as a formula.
func (b *book) str(sheet string, col, row int, s string) {
	if b.err == nil {
		b.err = b.f.SetCellStr(sheet, b.axis(col, row), neutralise(s))
	}
}

func (b *book) num(sheet string, col, row int, n int) {
	if b.err == nil {
		b.err = b.f.SetCellInt(sheet, b.axis(col, row), int64(n))
	}
}

// pct writes a percent as a number with one decimal, as every export shows it.
func (b *book) pct(sheet string, col, row int, p float64) { b.float(sheet, col, row, p, 1) }

func (b *book) float(sheet string, col, row int, v float64, decimals int) {
	if b.err == nil {
		b.err = b.f.SetCellFloat(sheet, b.axis(col, row), v, decimals, 64)
	}
}

// count writes a published count as a number, or "<k" when it is suppressed.
func (b *book) count(sheet string, col, row int, c results.Cell) {
	if c.Suppressed {
		b.str(sheet, col, row, b.hidden)
		return
	}
	b.num(sheet, col, row, c.N)
}

func (b *book) boldRow(sheet string, row, lastCol int) {
	if b.err == nil && lastCol > 0 {
		b.err = b.f.SetCellStyle(sheet, b.axis(1, row), b.axis(lastCol, row), b.bold)
	}
}

func (b *book) widths(sheet string) {
	if b.err == nil {
		b.err = b.f.SetColWidth(sheet, "A", "A", 34)
	}
	if b.err == nil {
		b.err = b.f.SetColWidth(sheet, "B", "Z", 12)
	}
}

// text is label(key, args...), or the catalogue's message when label has none: the key itself
// when neither has one.
func (b *book) text(key string, args ...any) string {
	if b.label != nil {
		if s := b.label(key, args...); s != "" && s != key {
			return s
		}
	}
	return locale.T(b.lang, key, args...)
}

func (b *book) summary(sheet string) {
	b.widths(sheet)
	row := 1
	title := b.sv.Title.In(b.lang)
	if title == "" {
		title = b.rep.Survey
	}
	// The first line says what the numbers are restricted to, before anything else is read.
	b.str(sheet, 1, row, title+" · "+b.text("results.filters")+": "+b.filter())
	b.boldRow(sheet, row, 1)
	row += 2
	pairs := []struct{ key, value string }{
		{"results.consultation", b.rep.Consultation},
		{"staff.survey", b.rep.Survey},
		{"results.filters", b.filter()},
	}
	for _, p := range pairs {
		b.str(sheet, 1, row, b.text(p.key))
		b.str(sheet, 2, row, p.value)
		row++
	}
	b.str(sheet, 1, row, b.text("results.respondents"))
	b.count(sheet, 2, row, b.rep.Respondents)
	row++
	k := results.NormalizeK(b.rep.K)
	b.str(sheet, 1, row, b.text("results.suppression_note", k))
	row++
	for _, n := range b.notes {
		if n != "" {
			b.str(sheet, 1, row, n)
			row++
		}
	}
	row++
	if len(b.rep.Participation) > 0 {
		b.str(sheet, 1, row, b.text("results.participation"))
		b.boldRow(sheet, row, 1)
		row += 2
		for _, t := range b.rep.Participation {
			row = b.table(sheet, row, nil, t, t.Dimension)
		}
	}
}

// filter says in words what the numbers are restricted to.
func (b *book) filter() string {
	fl := b.rep.Filter
	var parts []string
	if fl.Session != "" {
		parts = append(parts, b.text("results.session")+": "+fl.Session)
	}
	if fl.Channel != "" {
		parts = append(parts, b.text("results.channel")+": "+b.text("channel."+fl.Channel))
	}
	if fl.From != "" {
		parts = append(parts, b.text("results.from")+": "+fl.From)
	}
	if fl.To != "" {
		parts = append(parts, b.text("results.to")+": "+fl.To)
	}
	if fl.Dimension != "" && fl.Value != "" {
		parts = append(parts, b.dimensionLabel(fl.Dimension)+": "+b.valueLabel(fl.Dimension, fl.Value))
	}
	if len(parts) == 0 {
		return b.text("results.everyone")
	}
	return strings.Join(parts, " · ")
}

func (b *book) question(sheet string, q results.Question) {
	b.widths(sheet)
	sq := b.sv.Question(q.ID)
	title := q.ID
	if sq != nil && sq.Label.In(b.lang) != "" {
		title = sq.Label.In(b.lang)
	}
	b.str(sheet, 1, 1, title)
	b.boldRow(sheet, 1, 1)
	row := 3
	for _, t := range q.Tables {
		row = b.table(sheet, row, sq, t, t.Dimension)
	}
	if q.First != nil {
		b.str(sheet, 1, row, b.text("results.first_choice"))
		row++
		row = b.table(sheet, row, sq, *q.First, q.First.Dimension)
	}
	if len(q.Priorities) > 0 || len(q.ByGroup) > 0 {
		row = b.borda(sheet, row, sq, q)
	}
}

// table writes one cut as a block: a header row, then a row per value with its N and, per
// choice, the count and the percent. Rows without cells (who answered, by group) show their N
// and its share of all respondents. It returns the row after the block and a blank line.
func (b *book) table(sheet string, row int, q *survey.Question, t results.Table, dimension string) int {
	withCells, withStats := false, false
	for _, r := range t.Rows {
		withCells = withCells || len(r.Cells) > 0
		withStats = withStats || r.Stats != nil
	}
	medians := q != nil && q.Type == survey.Integer // scale summaries have a mean only
	b.str(sheet, 1, row, b.dimensionLabel(dimension))
	b.str(sheet, 2, row, "N")
	col := 3
	if withCells {
		for _, c := range t.Columns {
			b.str(sheet, col, row, b.choiceLabel(q, c))
			b.str(sheet, col+1, row, "%")
			col += 2
		}
	} else {
		b.str(sheet, col, row, "%")
		col++
	}
	if withStats {
		b.str(sheet, col, row, b.text("results.mean"))
		col++
		if medians {
			b.str(sheet, col, row, b.text("results.median"))
			col++
		}
	}
	b.boldRow(sheet, row, col-1)
	row++
	for _, r := range t.Rows {
		b.str(sheet, 1, row, b.valueLabel(dimension, r.Value))
		b.count(sheet, 2, row, r.N)
		col := 3
		if withCells {
			for i := range t.Columns {
				if i < len(r.Cells) {
					b.count(sheet, col, row, r.Cells[i])
					if !r.Cells[i].Suppressed {
						b.pct(sheet, col+1, row, r.Cells[i].Pct)
					}
				}
				col += 2
			}
		} else {
			if !r.N.Suppressed {
				b.pct(sheet, col, row, r.N.Pct)
			}
			col++
		}
		if r.Stats != nil {
			b.float(sheet, col, row, r.Stats.Mean, 2)
			if medians {
				b.float(sheet, col+1, row, r.Stats.Median, 2)
			}
		}
		row++
	}
	return row + 1
}

// borda writes a rank question's scores: for all, then for each group.
func (b *book) borda(sheet string, row int, q *survey.Question, rq results.Question) int {
	n := 0
	if q != nil {
		n = q.Rank
	}
	headers := []string{b.dimensionLabel(results.ByGroup), b.text("results.choice"),
		b.text("results.points"), b.text("results.top_n", n) + " (%)"}
	b.str(sheet, 1, row, b.text("results.borda"))
	b.boldRow(sheet, row, 1)
	row++
	for i, h := range headers {
		b.str(sheet, i+1, row, h)
	}
	b.boldRow(sheet, row, len(headers))
	row++
	line := func(value string, s results.Priority) {
		b.str(sheet, 1, row, b.valueLabel(results.ByGroup, value))
		b.str(sheet, 2, row, b.choiceLabel(q, s.Choice))
		if s.Suppressed || s.TopN.Suppressed {
			b.str(sheet, 3, row, b.hidden)
			b.str(sheet, 4, row, b.hidden)
		} else {
			b.num(sheet, 3, row, s.Points)
			b.pct(sheet, 4, row, s.TopN.Pct)
		}
		row++
	}
	for _, s := range rq.Priorities {
		line(results.ByAll, s)
	}
	for _, br := range rq.ByGroup {
		for _, s := range br.Scores {
			line(br.Value, s)
		}
	}
	return row + 1
}

func (b *book) dimensionLabel(dim string) string {
	if !locale.Has("results.dim." + dim) {
		return dim
	}
	return b.text("results.dim." + dim)
}

// valueLabel names a row: the planners' short name of a profile value ("group.host"), both halves
// of a cross ("host|female"), a word of the results' own ("all", "not_stated"), else the
// survey's own wording of the choice, else the id.
func (b *book) valueLabel(dim, v string) string {
	switch v {
	case results.ByAll:
		return b.text("results.all")
	case results.NotStated:
		return b.text("results.not_stated")
	case survey.PreferNot:
		return b.text("survey.prefer_not")
	}
	switch dim {
	case results.ByGroupGender, results.ByAgeGender:
		if first, second, ok := strings.Cut(v, "|"); ok {
			left := results.ByGroup
			if dim == results.ByAgeGender {
				left = results.ByAgeBand
			}
			return b.valueLabel(left, first) + " · " + b.valueLabel(results.ByGender, second)
		}
		if dim == results.ByAgeGender {
			return b.valueLabel(results.ByAgeBand, v) // who answered: a row per age band
		}
	}
	if d, ok := domain.Dim(dim); ok {
		if s := b.text(d.Key(v)); s != d.Key(v) {
			return s
		}
		if q := b.sv.Question(dim); q != nil {
			if c := q.Choice(v); c != nil {
				return c.Label.In(b.lang)
			}
		}
	}
	return v
}

// choiceLabel names a column: the question's choice in lang, the results' own words (yes, no,
// answered, no answer), a profile value for tables of who answered, or the id itself (scale
// points are their own label).
func (b *book) choiceLabel(q *survey.Question, id string) string {
	if q != nil {
		if c := q.Choice(id); c != nil {
			return c.Label.In(b.lang)
		}
	}
	switch id {
	case "yes":
		return b.text("survey.yes")
	case "no":
		return b.text("survey.no")
	case "answered":
		return b.text("results.answered")
	case results.NoAnswer:
		return b.text("results.no_answer")
	case survey.PreferNot:
		return b.text("survey.prefer_not")
	}
	if q == nil {
		for _, dim := range []string{results.ByGender, results.ByGroup, results.ByAgeBand} {
			if s := b.valueLabel(dim, id); s != id {
				return s
			}
		}
	}
	return id
}

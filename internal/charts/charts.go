// Package charts turns a results.Report into echarts options (go-echarts types, option.go) and tables of
// the same numbers. It imports only results, survey and plan, never web or store, and emits data, never code.
package charts

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"consulta/internal/domain"
	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/survey"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is one chart of a report, in counts and (where it means something) in percentages.
type Chart struct {
	ID      string  // stable and URL-safe, e.g. "q-top_services-group"
	Title   string  // in the requested language
	Counts  *Option // echarts option showing counts
	Percent *Option // the same chart in percentages; nil where there is no percent view
	Table   Table   // the same numbers, for screen readers and for print
}

// Table is a chart's numbers as text: cells of rows too small to show read as results.SuppressLabel(k).
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
}

// Set is every chart of a report, grouped where the pages show them: pages range over a group
// and never pick charts by their ids, which name them only in the page and its data island.
type Set struct {
	Participation []Chart          // who answered: by age and gender, by population group
	Questions     []QuestionCharts // the charted questions, in the report's order
	Gaps          *Chart           // where displaced and host residents differ; nil without gaps
}

// QuestionCharts are the charts of one closed question; a chart the data cannot make is nil.
type QuestionCharts struct {
	Question   string // the question's id
	ByGroup    *Chart // answers by population group
	ByGender   *Chart // answers by gender
	Priorities *Chart // a rank question: each group's share who put each choice in their top n
	TopShare   *Chart // a rank question: the same shares as a heatmap
}

// All are a question's charts in the order the page shows them.
func (q QuestionCharts) All() []Chart {
	return present(q.ByGroup, q.ByGender, q.Priorities, q.TopShare)
}

// Question returns the charts of one question; all nil when it has none.
func (s Set) Question(id string) QuestionCharts {
	for _, q := range s.Questions {
		if q.Question == id {
			return q
		}
	}
	return QuestionCharts{Question: id}
}

// All is every chart of the set: what the page's data island carries.
func (s Set) All() []Chart {
	out := slices.Clone(s.Participation)
	for _, q := range s.Questions {
		out = append(out, q.All()...)
	}
	return append(out, present(s.Gaps)...)
}

func present(cs ...*Chart) []Chart {
	var out []Chart
	for _, c := range cs {
		if c != nil {
			out = append(out, *c)
		}
	}
	return out
}

// Build makes every chart of a report, labelled in lang. label translates interface words and
// returns the key itself when it has no translation.
func Build(rep *results.Report, sv *survey.Survey, lang string, label func(key string, args ...any) string) Set {
	if rep == nil {
		return Set{}
	}
	if label == nil {
		label = func(key string, _ ...any) string { return key }
	}
	b := &builder{rep: rep, sv: sv, lang: lang, label: label, hidden: results.SuppressLabel(rep.K), num: locale.For(lang)}
	set := Set{Participation: present(b.pyramid(), b.participationByGroup()), Gaps: b.gaps()}
	for i := range rep.Questions {
		q := &rep.Questions[i]
		sq := b.question(q.ID)
		if !closed(q, sq) || isProfile(q.ID, sq) {
			continue
		}
		qc := QuestionCharts{Question: q.ID, ByGroup: b.answers(q, sq, results.ByGroup), ByGender: b.answers(q, sq, results.ByGender)}
		if q.Type == survey.Rank {
			qc.Priorities, qc.TopShare = b.priorities(q, sq), b.topShare(q, sq)
		}
		if len(qc.All()) > 0 {
			set.Questions = append(set.Questions, qc)
		}
	}
	return set
}

type builder struct {
	rep    *results.Report
	sv     *survey.Survey
	lang   string
	label  func(string, ...any) string
	hidden string // what a cell of a row too small to show reads
	num    locale.Format
}

// closedTypes are the question types whose answers are choices, so they chart as bars.
var closedTypes = []string{survey.SelectOne, survey.SelectMultiple, survey.Scale, survey.YesNo, survey.Rank}

func closed(q *results.Question, sq *survey.Question) bool {
	typ := q.Type
	if typ == "" && sq != nil {
		typ = sq.Type
	}
	return slices.Contains(closedTypes, typ)
}

// isProfile: the profile questions are the dimensions themselves; participation charts show them.
func isProfile(id string, sq *survey.Question) bool {
	if sq != nil && sq.Profile {
		return true
	}
	return id == survey.Group || id == survey.Gender || id == survey.AgeBand || id == survey.Disabled ||
		slices.Contains(survey.WashingtonGroup, id)
}

func (b *builder) question(id string) *survey.Question {
	if b.sv == nil {
		return nil
	}
	return b.sv.Question(id)
}

// questionLabel is the question's wording in the page language, or its id when the survey lacks it.
func (b *builder) questionLabel(id string) string {
	if sq := b.question(id); sq != nil {
		if s := sq.Label.In(b.lang); s != "" {
			return s
		}
	}
	return id
}

// dimensionLabel names one value of a dimension: "host", "female", "age_8_12", "host|female".
func (b *builder) dimensionLabel(dim, value string) string {
	switch value {
	case results.NotStated:
		return b.label("results.not_stated")
	case survey.PreferNot:
		return b.label("survey.prefer_not")
	case results.NoAnswer:
		return b.label("results.no_answer")
	case results.ByAll:
		return b.label("results.all")
	}
	if first, second, ok := strings.Cut(value, "|"); ok {
		d1, d2 := results.ByGroup, results.ByGender
		if dim == results.ByAgeGender {
			d1 = results.ByAgeBand
		}
		return b.dimensionLabel(d1, first) + " · " + b.dimensionLabel(d2, second)
	}
	if d, ok := domain.Dim(dim); ok {
		return b.label(d.Key(value))
	}
	return value
}

// choiceLabel names one column of a question's table in the page language.
func (b *builder) choiceLabel(sq *survey.Question, id string) string {
	if sq != nil {
		if c := sq.Choice(id); c != nil {
			if s := c.Label.In(b.lang); s != "" {
				return s
			}
		}
	}
	switch id {
	case results.NoAnswer:
		return b.label("results.no_answer")
	case survey.PreferNot:
		return b.label("survey.prefer_not")
	case results.NotStated:
		return b.label("results.not_stated")
	case "yes", "true":
		return b.label("survey.yes")
	case "no", "false":
		return b.label("survey.no")
	}
	if sq != nil && sq.Type == survey.Scale {
		if n, err := strconv.Atoi(id); err == nil {
			switch {
			case n == 1:
				return id + " · " + b.label("survey.scale_low")
			case sq.Points > 1 && n == sq.Points:
				return id + " · " + b.label("survey.scale_high")
			}
		}
	}
	return id
}

// count is a published number as the table shows it.
func (b *builder) count(c results.Cell) string {
	if c.Suppressed {
		return b.hidden
	}
	return b.num.Int(c.N)
}

// countPct is "n (p%)", or the suppression label.
func (b *builder) countPct(c results.Cell) string {
	if c.Suppressed {
		return b.hidden
	}
	return b.num.Int(c.N) + " (" + b.percent(c.Pct) + ")"
}

func (b *builder) percent(p float64) string { return b.num.Percent(p) }

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// missing is echarts' "no value": no bar is drawn and no number reaches the tooltip.
const missing = "-"

func countValue(c results.Cell) any {
	if c.Suppressed {
		return missing
	}
	return c.N
}

func pctValue(c results.Cell) any {
	if c.Suppressed {
		return missing
	}
	return round1(c.Pct)
}

// participation returns the participation table for a dimension, or nil.
func (b *builder) participation(dim string) *results.Table {
	for i := range b.rep.Participation {
		if b.rep.Participation[i].Dimension == dim {
			return &b.rep.Participation[i]
		}
	}
	return nil
}

func table(ts []results.Table, dim string) *results.Table {
	for i := range ts {
		if ts[i].Dimension == dim {
			return &ts[i]
		}
	}
	return nil
}

// Canonical orders of dimension values, from the domain's profile table; values not listed keep
// their report order after these (an age band's prefer_not comes after not stated).
func groupOrder() []string  { return append(results.Values(results.ByGroup), results.NotStated) }
func genderOrder() []string { return append(results.Values(results.ByGender), results.NotStated) }
func ageOrder() []string    { return append(domain.Values(domain.AgeBand), results.NotStated) }

func ordered(values []string, order []string) []string {
	var out []string
	for _, v := range order {
		if slices.Contains(values, v) {
			out = append(out, v)
		}
	}
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// okabeIto is the Okabe–Ito palette, readable with every common colour-vision deficiency;
// yellow comes late because it is faint on white.
var okabeIto = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"}

// A group or gender keeps its colour in every chart, so a planner learns it once: the domain's
// table gives each value's; those who declined or did not say are greys.
func colour(dim, value string, i int) string {
	if dim == results.ByGroup || dim == results.ByGender {
		switch value {
		case survey.PreferNot:
			return "#7F7F7F"
		case results.NotStated:
			return "#B3B3B3"
		}
	}
	if d, ok := domain.Dim(dim); ok {
		if c := d.Colour(value); c != "" {
			return c
		}
	}
	return okabeIto[i%len(okabeIto)]
}

// base is what every chart's option shares: the palette, no animation, no toolbox, the title and
// legend, and a tooltip drawn on the canvas.
func base(h header, trigger string) Option {
	return Option{Color: okabeIto, Title: h.title(), Legend: h.legend(), Toolbox: opts.Toolbox{Show: opts.Bool(false)},
		Tooltip: Tooltip{Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}, RenderMode: "richText", Confine: true}}
}

// wrapped labels a category axis with every category, wrapped to width pixels.
func wrapped(width, fontSize int) *AxisLabel {
	return &AxisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Width: width, Overflow: "break",
		FontSize: fontSize}, LineHeight: wrappedLineHeight}
}

// numbers labels a value axis, hiding labels that would overlap.
func numbers() *AxisLabel {
	return &AxisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(true), HideOverlap: opts.Bool(true), FontSize: 11}}
}

// barData turns a series' values into its data.
func barData(vs []any) []opts.BarData {
	data := make([]opts.BarData, len(vs))
	for i, v := range vs {
		data[i] = opts.BarData{Value: v}
	}
	return data
}

// suppressedNote is the subtitle of a chart where some bars are missing: their rows are too small to show.
func (b *builder) suppressedNote(some bool) string {
	if !some {
		return ""
	}
	return b.label("results.suppressed_note", results.MinRow*results.NormalizeK(b.rep.K))
}

// barSeries is one series of a horizontal bar chart, in both views.
type barSeries struct {
	name    string
	colour  string
	counts  []any
	percent []any
	shown   bool // false when every value is suppressed: the series stays in the table only
}

// bars builds a horizontal grouped bar chart: categories down the side, one bar per series.
func (b *builder) bars(h header, cats []string, series []barSeries, percent bool, labelWidth int) *Option {
	var shown []barSeries
	for _, s := range series {
		if s.shown {
			shown = append(shown, s)
		}
	}
	if len(shown) > 1 {
		for _, s := range shown {
			h.legendItems = append(h.legendItems, s.name)
		}
	}
	lay := h.layout()
	perBar := 18
	if len(shown) > 1 {
		perBar = 12
	}
	plot := categoryHeight(cats, labelWidth, max(1, len(shown)), perBar)
	opt := base(h, "axis")
	opt.Tooltip.AxisPointer = &opts.AxisPointer{Type: "shadow"}
	opt.Grid = []opts.Grid{{Left: "4", Right: "48", Top: px(lay.gridTop), Height: px(plot + axisLabelHeight), ContainLabel: opts.Bool(true)}}
	opt.XAxis = []XAxis{valueAxis(percent)}
	opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "category", Inverse: opts.Bool(true), Data: cats,
		AxisLine: &opts.AxisLine{OnZero: opts.Bool(false)}}, AxisLabel: wrapped(labelWidth, 12)}}
	format := "{c}"
	if percent {
		format = "{c}%"
	}
	for _, s := range shown {
		vs := s.counts
		if percent {
			vs = s.percent
		}
		opt.Series = append(opt.Series, ec.SingleSeries{Name: s.name, Type: "bar", Data: barData(vs),
			ItemStyle:      &opts.ItemStyle{Color: s.colour},
			Label:          &opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 10, Color: "#333", Formatter: format},
			BarCategoryGap: "30%", BarGap: "10%"})
	}
	return &opt
}

func valueAxis(percent bool) XAxis {
	ax := XAxis{XAxis: opts.XAxis{Type: "value", MinInterval: 1}, AxisLabel: numbers()}
	if percent {
		ax.Max = 100.0
		ax.AxisLabel.Formatter = "{value}%"
	}
	return ax
}

func px(n int) string { return strconv.Itoa(n) }

// pyramid is participation by age band and gender: women to the left, men to the right, both
// drawn as positive numbers on two mirrored axes so every label reads as a count.
func (b *builder) pyramid() *Chart {
	t := b.participation(results.ByAgeGender)
	if t == nil || len(t.Rows) == 0 || len(t.Columns) == 0 {
		return nil
	}
	// Rows are age bands and columns genders; a combination nobody gave is absent, so zero.
	cells := map[[2]string]results.Cell{}
	var ages []string
	for _, r := range t.Rows {
		ages = append(ages, r.Value)
		for j, g := range t.Columns {
			if j < len(r.Cells) {
				cells[[2]string{r.Value, g}] = r.Cells[j]
			}
		}
	}
	ages = ordered(ages, ageOrder())
	id := "participation-pyramid"
	title := b.label("results.chart_pyramid")
	cats := make([]string, len(ages))
	for i, a := range ages {
		cats[i] = b.dimensionLabel(results.ByAgeBand, a)
	}
	hidden := false
	for _, a := range ages {
		hidden = hidden || cells[[2]string{a, "female"}].Suppressed || cells[[2]string{a, "male"}].Suppressed
	}
	// The centre gap holds the age labels: as wide as the longest, on the narrowest planned chart.
	gap := 0
	for _, c := range cats {
		gap = max(gap, int(textWidth(c, 12))+16)
	}
	gap = min(gap, chartWidth/4)
	female, male := b.dimensionLabel(results.ByGender, "female"), b.dimensionLabel(results.ByGender, "male")
	h := header{text: title, sub: b.suppressedNote(hidden), legendItems: []string{female, male}}

	build := func(percent bool) *Option {
		value, format := countValue, "{c}"
		if percent {
			value, format = pctValue, "{c}%"
		}
		top := 0.0
		side := func(gender string) []opts.BarData {
			data := make([]opts.BarData, len(ages))
			for i, a := range ages {
				c := cells[[2]string{a, gender}]
				data[i] = opts.BarData{Value: value(c)}
				if !c.Suppressed && percent {
					top = max(top, round1(c.Pct))
				} else if !c.Suppressed {
					top = max(top, float64(c.N))
				}
			}
			return data
		}
		women, men := side("female"), side("male")
		// Both halves share one scale, with room at the ends for the value labels.
		limit := niceMax(top * 1.25)
		lay := h.layout()
		plot := categoryHeight(cats, gap-8, 1, 18) + axisLabelHeight
		grid := func(left, right string) opts.Grid {
			return opts.Grid{Left: left, Right: right, Top: px(lay.gridTop), Height: px(plot)}
		}
		axis := func(index int, inverse bool) XAxis {
			ax := XAxis{XAxis: opts.XAxis{Type: "value", GridIndex: index, Inverse: opts.Bool(inverse), Min: 0.0, Max: limit},
				AxisLabel: numbers()}
			if percent {
				ax.AxisLabel.Formatter = "{value}%"
			} else {
				ax.MinInterval = 1
			}
			return ax
		}
		inner := strconv.FormatFloat(50+50*float64(gap)/chartWidth, 'f', 1, 64) + "%"
		label := func(pos string) *opts.Label {
			return &opts.Label{Show: opts.Bool(true), Position: pos, FontSize: 10, Color: "#333", Formatter: format}
		}
		opt := base(h, "item")
		opt.Grid = []opts.Grid{grid("2%", inner), grid(inner, "2%")}
		opt.XAxis = []XAxis{axis(0, true), axis(1, false)}
		ageLabels := wrapped(gap-8, 12)
		ageLabels.Align, ageLabels.Margin = "center", float64(gap/2)
		opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "category", Position: "right", Data: cats}, AxisLabel: ageLabels},
			{YAxis: opts.YAxis{Type: "category", GridIndex: 1, Data: cats}, AxisLabel: &AxisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(false)}}}}
		opt.Series = []ec.SingleSeries{
			{Name: female, Type: "bar", Data: women, ItemStyle: &opts.ItemStyle{Color: colour(results.ByGender, "female", 0)},
				Label: label("left"), BarCategoryGap: "25%"},
			{Name: male, Type: "bar", Data: men, ItemStyle: &opts.ItemStyle{Color: colour(results.ByGender, "male", 1)},
				Label: label("right"), BarCategoryGap: "25%", XAxisIndex: 1, YAxisIndex: 1},
		}
		return &opt
	}

	// The table has every gender the report has someone in, also those the pyramid's two sides
	// cannot show.
	tab := Table{Caption: title, Head: []string{b.label("results.age_band")}}
	var genders []string
	for _, g := range ordered(t.Columns, genderOrder()) {
		if slices.ContainsFunc(ages, func(a string) bool { c := cells[[2]string{a, g}]; return c.Suppressed || c.N > 0 }) {
			genders = append(genders, g)
		}
	}
	for _, g := range genders {
		tab.Head = append(tab.Head, b.dimensionLabel(results.ByGender, g))
	}
	for i, a := range ages {
		row := []string{cats[i]}
		for _, g := range genders {
			row = append(row, b.countPct(cells[[2]string{a, g}]))
		}
		tab.Rows = append(tab.Rows, row)
	}
	return &Chart{ID: id, Title: title, Counts: build(false), Percent: build(true), Table: tab}
}

// participationByGroup is how many of each population group answered.
func (b *builder) participationByGroup() *Chart {
	t := b.participation(results.ByGroup)
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	id := "participation-group"
	title := b.label("results.chart_participation_group")
	var values []string
	byValue := map[string]results.Cell{}
	for _, r := range t.Rows {
		if r.Value != results.ByAll {
			values = append(values, r.Value)
			byValue[r.Value] = r.N
		}
	}
	values = ordered(values, groupOrder())
	cats := make([]string, len(values))
	tab := Table{Caption: title, Head: []string{b.label("results.group"), b.label("results.count")}}
	hidden := false
	for i, v := range values {
		c := byValue[v]
		cats[i] = b.dimensionLabel(results.ByGroup, v)
		hidden = hidden || c.Suppressed
		tab.Rows = append(tab.Rows, []string{cats[i], b.countPct(c)})
	}
	h := header{text: title, sub: b.suppressedNote(hidden)}
	build := func(percent bool) *Option {
		value, format := countValue, "{c}"
		if percent {
			value, format = pctValue, "{c}%"
		}
		data := make([]opts.BarData, len(values))
		for i, v := range values {
			data[i] = opts.BarData{Value: value(byValue[v]), ItemStyle: &opts.ItemStyle{Color: colour(results.ByGroup, v, i)}}
		}
		lay := h.layout()
		opt := base(h, "item")
		opt.Grid = []opts.Grid{{Left: "4", Right: "48", Top: px(lay.gridTop),
			Height: px(categoryHeight(cats, labelWidth, 1, 20) + axisLabelHeight), ContainLabel: opts.Bool(true)}}
		opt.XAxis = []XAxis{valueAxis(percent)}
		opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "category", Inverse: opts.Bool(true), Data: cats}, AxisLabel: wrapped(labelWidth, 12)}}
		name := b.label("results.count")
		if percent {
			name = b.label("results.percent")
		}
		opt.Series = []ec.SingleSeries{{Name: name, Type: "bar", Data: data,
			Label: &opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 11, Color: "#333", Formatter: format}}}
		return &opt
	}
	return &Chart{ID: id, Title: title, Counts: build(false), Percent: build(true), Table: tab}
}

// labelWidth is how wide, in pixels, a category label may grow before it wraps.
const labelWidth = 150

// answers charts one closed question by group or by gender: a bar per value for each choice.
func (b *builder) answers(q *results.Question, sq *survey.Question, dim string) *Chart {
	t := table(q.Tables, dim)
	if t == nil || len(t.Columns) == 0 || len(t.Rows) == 0 {
		return nil
	}
	id := "q-" + q.ID + "-" + dim
	key := "results.chart_by_group"
	if dim == results.ByGender {
		key = "results.chart_by_gender"
	}
	title := b.label(key, b.questionLabel(q.ID))
	at := func(r results.Row, j int) results.Cell {
		if j < len(r.Cells) {
			return r.Cells[j]
		}
		return results.Cell{Suppressed: true}
	}
	// "No answer" where everyone answered is a row of zeros that says nothing.
	var cols []int
	for j, col := range t.Columns {
		if col == results.NoAnswer && !slices.ContainsFunc(t.Rows, func(r results.Row) bool {
			c := at(r, j)
			return c.Suppressed || c.N > 0
		}) {
			continue
		}
		cols = append(cols, j)
	}
	cats := make([]string, len(cols))
	tab := Table{Caption: title, Head: []string{b.label("results.answer")}}
	for k, j := range cols {
		cats[k] = b.choiceLabel(sq, t.Columns[j])
		tab.Rows = append(tab.Rows, []string{cats[k]})
	}
	asked := []string{b.label("results.people_asked")}
	var series []barSeries
	hidden := false
	for i, r := range t.Rows {
		if r.Value == results.ByAll {
			continue
		}
		s := barSeries{name: b.dimensionLabel(dim, r.Value), colour: colour(dim, r.Value, i)}
		for k, j := range cols {
			c := at(r, j)
			s.counts = append(s.counts, countValue(c))
			s.percent = append(s.percent, pctValue(c))
			s.shown = s.shown || !c.Suppressed
			hidden = hidden || c.Suppressed
			tab.Rows[k] = append(tab.Rows[k], b.countPct(c))
		}
		series = append(series, s)
		tab.Head = append(tab.Head, s.name)
		asked = append(asked, b.count(r.N))
	}
	if len(series) == 0 {
		return nil
	}
	tab.Rows = append(tab.Rows, asked)
	h := header{text: title, sub: b.suppressedNote(hidden)}
	return &Chart{ID: id, Title: title, Table: tab,
		Counts:  b.bars(h, cats, series, false, labelWidth),
		Percent: b.bars(h, cats, series, true, labelWidth)}
}

// rankedChoices orders a rank question's choices by their overall Borda points, the plan's order.
func rankedChoices(q *results.Question, sq *survey.Question) []string {
	var ids []string
	for _, s := range q.Priorities {
		ids = append(ids, s.Choice)
	}
	for _, r := range q.ByGroup {
		for _, s := range r.Scores {
			if !slices.Contains(ids, s.Choice) {
				ids = append(ids, s.Choice)
			}
		}
	}
	if len(q.Priorities) == 0 && sq != nil {
		var order []string
		for _, c := range sq.Choices {
			order = append(order, c.ID)
		}
		ids = ordered(ids, order)
	}
	return ids
}

func score(r results.PriorityRow, choice string) (results.Priority, bool) {
	for _, s := range r.Scores {
		if s.Choice == choice {
			return s, true
		}
	}
	return results.Priority{}, false
}

// priorities compares groups on a rank question by shares, not points: the percent of each group
// who put each choice in their top n, with its interval in the table. Points, which grow with a
// group's size, stay in the table's last column for those who want them.
func (b *builder) priorities(q *results.Question, sq *survey.Question) *Chart {
	if len(q.ByGroup) == 0 {
		return nil
	}
	var choices []string
	if r := results.Rank(q); r != nil {
		for _, c := range r.Choices {
			choices = append(choices, c.Choice)
		}
	} else {
		choices = rankedChoices(q, sq)
	}
	if len(choices) == 0 {
		return nil
	}
	rank := 1
	if sq != nil && sq.Rank > 0 {
		rank = sq.Rank
	}
	id := "priorities-" + q.ID
	title := b.label("council.chart_shares", b.questionLabel(q.ID), rank)
	cats := make([]string, len(choices))
	tab := Table{Caption: title, Head: []string{b.label("results.answer")}}
	for j, ch := range choices {
		cats[j] = b.choiceLabel(sq, ch)
		tab.Rows = append(tab.Rows, []string{cats[j]})
	}
	asked := []string{b.label("results.people_asked")}
	var series []barSeries
	hidden := false
	for i, r := range q.ByGroup {
		if r.Value == results.ByAll {
			continue
		}
		s := barSeries{name: b.dimensionLabel(results.ByGroup, r.Value), colour: colour(results.ByGroup, r.Value, i)}
		for j, ch := range choices {
			sc, ok := score(r, ch)
			if !ok || sc.TopN.Suppressed || r.N.Suppressed {
				s.percent = append(s.percent, missing)
				tab.Rows[j] = append(tab.Rows[j], b.hidden)
				hidden = true
				continue
			}
			s.percent = append(s.percent, round1(sc.TopN.Pct))
			tab.Rows[j] = append(tab.Rows[j], b.shareWithInterval(sc.TopN))
			s.shown = true
		}
		series = append(series, s)
		tab.Head = append(tab.Head, s.name)
		asked = append(asked, b.count(r.N))
	}
	if len(series) == 0 {
		return nil
	}
	tab.Head = append(tab.Head, b.label("council.points_all"))
	for j, ch := range choices {
		cell := b.hidden
		for _, p := range q.Priorities {
			if p.Choice == ch && !p.Suppressed && !p.TopN.Suppressed {
				cell = b.num.Int(p.Points)
			}
		}
		tab.Rows[j] = append(tab.Rows[j], cell)
	}
	tab.Rows = append(tab.Rows, append(asked, ""))
	notes := []string{b.label("council.shares_note", rank)}
	if note := b.suppressedNote(hidden); note != "" {
		notes = append(notes, note)
	}
	h := header{text: title, sub: strings.Join(notes, "\n")}
	return &Chart{ID: id, Title: title, Table: tab, Counts: b.bars(h, cats, series, true, labelWidth)}
}

// shareWithInterval is "41,1 % (35,2–47,3)": a share and its 95 % interval.
func (b *builder) shareWithInterval(c results.Cell) string {
	if c.Suppressed {
		return b.hidden
	}
	return b.percent(c.Pct) + " (" + b.num.Decimal(c.Lo, 1) + "–" + b.num.Decimal(c.Hi, 1) + ")"
}

// topShare is a heatmap of who put each choice in their top n, choices down the side and groups across.
func (b *builder) topShare(q *results.Question, sq *survey.Question) *Chart {
	var rows []results.PriorityRow
	for _, r := range q.ByGroup {
		if r.Value != results.ByAll {
			rows = append(rows, r)
		}
	}
	choices := rankedChoices(q, sq)
	if len(rows) == 0 || len(choices) == 0 {
		return nil
	}
	rank := 0
	if sq != nil {
		rank = sq.Rank
	}
	id := "heatmap-" + q.ID
	title := b.label("results.chart_top_share", b.questionLabel(q.ID), max(rank, 1))
	cats := make([]string, len(choices))
	for j, ch := range choices {
		cats[j] = b.choiceLabel(sq, ch)
	}
	groups := make([]string, len(rows))
	for i, r := range rows {
		groups[i] = b.dimensionLabel(results.ByGroup, r.Value)
	}
	cell := func(r results.PriorityRow, ch string) results.Cell {
		sc, ok := score(r, ch)
		if !ok || r.N.Suppressed {
			return results.Cell{Suppressed: true}
		}
		return sc.TopN
	}
	tab := Table{Caption: title, Head: append([]string{b.label("results.answer")}, groups...)}
	hidden, top := false, 0
	for j, ch := range choices {
		row := []string{cats[j]}
		for _, r := range rows {
			c := cell(r, ch)
			row = append(row, b.countPct(c))
			hidden = hidden || c.Suppressed
			if !c.Suppressed {
				top = max(top, c.N)
			}
		}
		tab.Rows = append(tab.Rows, row)
	}
	asked := []string{b.label("results.people_asked")}
	for _, r := range rows {
		asked = append(asked, b.count(r.N))
	}
	tab.Rows = append(tab.Rows, asked)

	h := header{text: title, sub: b.suppressedNote(hidden)}
	// Group names are long: each column gets an equal share of the width and its label wraps.
	colWidth := min(110, (chartWidth-labelWidth-40)/len(groups))
	xLines := 1
	for _, g := range groups {
		xLines = max(xLines, wrapLines(g, float64(colWidth-6), 11))
	}
	build := func(percent bool) *Option {
		lay := h.layout()
		plot := categoryHeight(cats, labelWidth, 1, 30) + xLines*wrappedLineHeight + 12
		data := make([]opts.HeatMapData, 0, len(choices)*len(rows))
		for j, ch := range choices {
			for i, r := range rows {
				c := cell(r, ch)
				v := countValue(c)
				if percent {
					v = pctValue(c)
				}
				data = append(data, opts.HeatMapData{Value: []any{i, j, v}})
			}
		}
		// {@[2]} is the value dimension of [x, y, value]: a string template, not code.
		maxValue, format := float32(max(top, 1)), "{@[2]}"
		if percent {
			maxValue, format = 100, "{@[2]}%"
		}
		opt := base(h, "item")
		opt.Grid = []opts.Grid{{Left: "4", Right: "16", Top: px(lay.gridTop), Height: px(plot), ContainLabel: opts.Bool(true)}}
		opt.XAxis = []XAxis{{XAxis: opts.XAxis{Type: "category", Data: groups, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}},
			AxisLabel: wrapped(colWidth-6, 11)}}
		opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "category", Data: cats, Inverse: opts.Bool(true)}, AxisLabel: wrapped(labelWidth, 12)}}
		opt.VisualMap = []opts.VisualMap{{Type: "continuous", Show: opts.Bool(false), Calculable: opts.Bool(false), Min: 0, Max: maxValue,
			InRange: &opts.VisualMapInRange{Color: sequential}}}
		opt.Series = []ec.SingleSeries{{Name: title, Type: "heatmap", Data: data,
			Label: &opts.Label{Show: opts.Bool(true), FontSize: 11, Color: "#000", Formatter: format}}}
		return &opt
	}
	return &Chart{ID: id, Title: title, Table: tab, Counts: build(false), Percent: build(true)}
}

// sequential runs from near-white to a mid teal, dark enough to read and light enough for black labels.
var sequential = []string{"#FFFFD9", "#C7E9B4", "#7FCDBB", "#41B6C4"}

// gaps charts where displaced and host residents differ most, in percentage points.
func (b *builder) gaps() *Chart {
	if len(b.rep.Gaps) == 0 {
		return nil
	}
	id := "gaps"
	title := b.label("results.chart_gaps")
	cats := make([]string, len(b.rep.Gaps))
	data := make([]opts.BarData, len(b.rep.Gaps))
	tab := Table{Caption: title, Head: []string{b.label("results.question"), b.label("results.answer"),
		b.dimensionLabel(results.ByGroup, "displaced"), b.dimensionLabel(results.ByGroup, "host"), b.label("results.gap")}}
	top := 0.0
	for i, g := range b.rep.Gaps {
		q := b.questionLabel(g.Question)
		ch := b.choiceLabel(b.question(g.Question), g.Choice)
		cats[i] = q + ": " + ch
		v := round1(g.Gap)
		top = max(top, math.Abs(v))
		item := opts.BarData{Value: v, ItemStyle: &opts.ItemStyle{Color: colour(results.ByGroup, "displaced", 0)},
			Label: &opts.Label{Show: opts.Bool(true), Position: "right"}}
		if v < 0 {
			item.ItemStyle.Color = colour(results.ByGroup, "host", 0)
			item.Label.Position = "left"
		}
		data[i] = item
		tab.Rows = append(tab.Rows, []string{q, ch, b.percent(g.Displaced), b.percent(g.Host), b.points(g.Gap)})
	}
	h := header{text: title, sub: b.label("results.gap_note")}
	lay := h.layout()
	width := 200
	limit := niceMax(top * 1.2)
	opt := base(h, "item")
	opt.Grid = []opts.Grid{{Left: "4", Right: "16", Top: px(lay.gridTop),
		Height: px(categoryHeight(cats, width, 1, 18) + axisLabelHeight), ContainLabel: opts.Bool(true)}}
	opt.XAxis = []XAxis{{XAxis: opts.XAxis{Type: "value", Min: -limit, Max: limit}, AxisLabel: numbers()}}
	opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "category", Inverse: opts.Bool(true), Data: cats,
		AxisLine: &opts.AxisLine{OnZero: opts.Bool(false)}}, AxisLabel: wrapped(width, 11)}}
	opt.Series = []ec.SingleSeries{{Name: b.label("results.gap"), Type: "bar", Data: data,
		Label: &opts.Label{Show: opts.Bool(true), FontSize: 10, Color: "#333", Formatter: "{c}"}}}
	return &Chart{ID: id, Title: title, Counts: &opt, Table: tab}
}

// points is a difference in percentage points with its sign, "+12.5" or "-3".
func (b *builder) points(p float64) string { return b.num.Points(p) }

// niceMax rounds an axis maximum up to a round number: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

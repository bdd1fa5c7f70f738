package charts

import (
	"strconv"

	"consulta/internal/locale"
	"consulta/internal/plan"
	"consulta/internal/results"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// PlanCharts builds the charts of a plan's validation round: agreement with each item (adults,
// children), agreement by population group, and the community's order beside the proposed one.
// Every figure comes from the rounds, which read protected counts only.
func PlanCharts(p *plan.Plan, adult, child *plan.Round, k int, lang string, label func(key string, args ...any) string) []Chart {
	if adult == nil {
		return nil
	}
	if label == nil {
		label = func(key string, _ ...any) string { return key }
	}
	b := &builder{rep: &results.Report{K: k}, lang: lang, label: label, hidden: results.SuppressLabel(k), num: locale.For(lang)}
	var out []Chart
	for _, c := range []*Chart{b.planAgreement(p, adult, child), b.planByGroup(p, adult), b.planOrder(p, adult), b.planTop3(p, adult)} {
		if c != nil {
			out = append(out, *c)
		}
	}
	return out
}

func (b *builder) share(s plan.Share) string {
	if s.Suppressed {
		return b.hidden
	}
	return strconv.Itoa(s.N) + "/" + strconv.Itoa(s.Of) + " · " + b.percent(s.Pct) + " (" + b.percent(s.Lo) + "–" + b.percent(s.Hi) + ")"
}

func shareValue(s plan.Share) any {
	if s.Suppressed || s.Of == 0 {
		return missing
	}
	return s.Pct
}

func itemTitles(p *plan.Plan, lang string) ([]plan.Item, []string) {
	items := p.Ordered()
	cats := make([]string, len(items))
	for i, it := range items {
		cats[i] = it.Code + " " + it.Title.In(lang)
	}
	return items, cats
}

// planAgreement: the share who agree with each item, adults and children, with intervals in the table.
func (b *builder) planAgreement(p *plan.Plan, adult, child *plan.Round) *Chart {
	items, cats := itemTitles(p, b.lang)
	if len(items) == 0 {
		return nil
	}
	id, title := "plan-agreement", b.label("plan.chart_agreement")
	series := []barSeries{{name: b.label("plan.adults"), colour: okabeIto[0]}}
	head := []string{b.label("plan.item"), b.label("plan.adults"), b.label("plan.consensus")}
	if child != nil {
		series = append(series, barSeries{name: b.label("plan.children"), colour: okabeIto[1]})
		head = append(head, b.label("plan.children"))
	}
	tab := Table{Caption: title, Head: head}
	hidden := false
	for i, it := range items {
		a := adult.Item(it.Code)
		row := []string{cats[i]}
		var as plan.Share
		if a != nil {
			as = a.Agree
			row = append(row, b.share(as), strconv.FormatFloat(a.Consensus.Score, 'f', 2, 64))
		} else {
			as = plan.Share{Suppressed: true}
			row = append(row, b.hidden, "")
		}
		series[0].percent = append(series[0].percent, shareValue(as))
		series[0].shown = series[0].shown || !as.Suppressed
		hidden = hidden || as.Suppressed
		if child != nil {
			cs := plan.Share{Suppressed: true}
			if c := child.Item(it.Code); c != nil {
				cs = c.Agree
			}
			series[1].percent = append(series[1].percent, shareValue(cs))
			series[1].shown = series[1].shown || !cs.Suppressed
			row = append(row, b.share(cs))
		}
		tab.Rows = append(tab.Rows, row)
	}
	h := header{text: title, sub: b.suppressedNote(hidden)}
	return &Chart{ID: id, Title: title, Table: tab, Counts: b.bars(h, cats, series, true, labelWidth)}
}

// planByGroup: agreement with each item by population group.
func (b *builder) planByGroup(p *plan.Plan, adult *plan.Round) *Chart {
	items, cats := itemTitles(p, b.lang)
	if len(items) == 0 {
		return nil
	}
	id, title := "plan-groups", b.label("plan.chart_groups")
	var series []barSeries
	var shares [][]plan.Share // per shown series, per item
	tab := Table{Caption: title, Head: []string{b.label("plan.item")}}
	for gi, g := range plan.Groups() {
		s := barSeries{name: b.dimensionLabel(results.ByGroup, g), colour: colour(results.ByGroup, g, gi)}
		var col []plan.Share
		for _, it := range items {
			v := plan.Share{Value: g, Suppressed: true}
			if r := adult.Item(it.Code); r != nil {
				if sh, ok := r.Share(results.ByGroup, g); ok {
					v = sh
				}
			}
			col = append(col, v)
			s.percent = append(s.percent, shareValue(v))
			s.shown = s.shown || !v.Suppressed
		}
		if s.shown {
			series, shares = append(series, s), append(shares, col)
			tab.Head = append(tab.Head, s.name)
		}
	}
	if len(series) == 0 {
		return nil
	}
	hidden := false
	for i := range items {
		row := []string{cats[i]}
		for j := range series {
			row = append(row, b.share(shares[j][i]))
			hidden = hidden || shares[j][i].Suppressed
		}
		tab.Rows = append(tab.Rows, row)
	}
	h := header{text: title, sub: b.suppressedNote(hidden)}
	return &Chart{ID: id, Title: title, Table: tab, Counts: b.bars(h, cats, series, true, labelWidth)}
}

// planOrder: a slope chart from the proposed order to the community's (by top-3 share); a line
// going up is an item the community moves up.
func (b *builder) planOrder(p *plan.Plan, adult *plan.Round) *Chart {
	if len(adult.Order) == 0 {
		return nil
	}
	id, title := "plan-order", b.label("plan.chart_order")
	n := len(adult.Order)
	proposed, community := b.label("plan.proposed_order"), b.label("plan.community_order")
	tab := Table{Caption: title, Head: []string{b.label("plan.item"), proposed, community, b.label("plan.top3_share"),
		b.label("plan.borda"), b.label("plan.move")}}
	h := header{text: title, sub: b.label("plan.chart_order_note")}
	lay := h.layout()
	plot := max(200, n*28)
	opt := base(h, "item")
	opt.Grid = []opts.Grid{{Left: "40", Right: "190", Top: px(lay.gridTop), Height: px(plot), ContainLabel: opts.Bool(false)}}
	opt.XAxis = []XAxis{{XAxis: opts.XAxis{Type: "category", Data: []string{proposed, community}},
		AxisLabel: &AxisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(true), Interval: "0", FontSize: 12}}}}
	opt.YAxis = []YAxis{{YAxis: opts.YAxis{Type: "value", Min: 1, Max: n, Inverse: opts.Bool(true), MinInterval: 1},
		AxisLabel: &AxisLabel{AxisLabel: opts.AxisLabel{Show: opts.Bool(true), FontSize: 11}}}}
	for _, r := range adult.Order {
		it := p.Item(r.Code)
		name := r.Code
		if it != nil {
			name = r.Code + " " + it.Title.In(b.lang)
		}
		move := ""
		switch {
		case r.Community == 0:
			move = b.hidden
		case r.Move > 0:
			move = "↑ " + strconv.Itoa(r.Move)
		case r.Move < 0:
			move = "↓ " + strconv.Itoa(-r.Move)
		default:
			move = "="
		}
		comm, borda := b.hidden, b.hidden
		if r.Community > 0 {
			comm = strconv.Itoa(r.Community)
		}
		if r.Borda >= 0 {
			borda = strconv.Itoa(r.Borda) + " (" + strconv.Itoa(r.BordaRank) + ")"
		}
		tab.Rows = append(tab.Rows, []string{name, strconv.Itoa(r.Proposed), comm, b.share(r.Top3), borda, move})
		if r.Community == 0 {
			continue
		}
		col := okabeIto[1] // moved down
		if r.Move > 0 {
			col = okabeIto[2]
		} else if r.Move == 0 {
			col = "#777777"
		}
		// The proposed end carries only the code, on its left; the community end the code and title.
		proposedEnd := &opts.Label{Show: opts.Bool(true), Position: "left", Formatter: r.Code, FontSize: 11, Color: "#222"}
		opt.Series = append(opt.Series, ec.SingleSeries{Name: name, Type: "line", Animation: opts.Bool(false),
			Data: []LineData{{LineData: opts.LineData{Value: r.Proposed}, Label: proposedEnd},
				{LineData: opts.LineData{Value: r.Community}}},
			LineStyle: &opts.LineStyle{Color: col, Width: 2},
			ItemStyle: &opts.ItemStyle{Color: col},
			Label:     &opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 11, Color: "#222", Formatter: "{a}"}})
	}
	return &Chart{ID: id, Title: title, Table: tab, Counts: &opt}
}

// planTop3: the share who put each item in their top 3, in the community's order.
func (b *builder) planTop3(p *plan.Plan, adult *plan.Round) *Chart {
	rows := make([]plan.OrderRow, 0, len(adult.Order))
	for _, r := range adult.Order {
		if r.Community > 0 {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	// In the community's order.
	ordered := make([]plan.OrderRow, len(rows))
	for _, r := range rows {
		ordered[r.Community-1] = r
	}
	id, title := "plan-top3", b.label("plan.chart_top3")
	cats := make([]string, len(ordered))
	s := barSeries{name: b.label("plan.top3_share"), colour: okabeIto[0], shown: true}
	tab := Table{Caption: title, Head: []string{b.label("plan.item"), b.label("plan.top3_share")}}
	for i, r := range ordered {
		cats[i] = r.Code
		if it := p.Item(r.Code); it != nil {
			cats[i] = r.Code + " " + it.Title.In(b.lang)
		}
		s.percent = append(s.percent, shareValue(r.Top3))
		tab.Rows = append(tab.Rows, []string{cats[i], b.share(r.Top3)})
	}
	return &Chart{ID: id, Title: title, Table: tab, Counts: b.bars(header{text: title}, cats, []barSeries{s}, true, labelWidth)}
}

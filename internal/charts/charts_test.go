package charts

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"consulta/internal/results"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

func build(t *testing.T, lang string) map[string]Chart {
	t.Helper()
	out := map[string]Chart{}
	for _, c := range Build(testReport(), testSurvey(), lang, translator(english, nil)).All() {
		if _, dup := out[c.ID]; dup {
			t.Fatalf("chart id %q twice", c.ID)
		}
		out[c.ID] = c
	}
	return out
}

// series returns the values of the named series of an option.
func series(t *testing.T, opt *Option, name string) []any {
	t.Helper()
	for _, s := range opt.Series {
		if s.Name == name {
			return seriesValues(s)
		}
	}
	t.Fatalf("no series %q in %v", name, seriesNames(opt))
	return nil
}

func seriesNames(opt *Option) []string {
	var names []string
	for _, s := range opt.Series {
		names = append(names, s.Name)
	}
	return names
}

// seriesValues are the values of a series' data: bars, heatmap cells or the points of a line.
func seriesValues(s ec.SingleSeries) []any {
	var out []any
	switch data := s.Data.(type) {
	case []opts.BarData:
		for _, d := range data {
			out = append(out, d.Value)
		}
	case []opts.HeatMapData:
		for _, d := range data {
			out = append(out, d.Value)
		}
	case []LineData:
		for _, d := range data {
			out = append(out, d.Value)
		}
	}
	return out
}

// value is a datum's value as echarts reads it: numbers as float64, "-" for no value, and a
// heatmap cell as [x, y, value].
func value(v any) any { return asRead(v) }

func asRead(v any) any {
	switch v := v.(type) {
	case int:
		return float64(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = asRead(x)
		}
		return out
	}
	return v
}

func categories(opt *Option) []string {
	cats, _ := opt.YAxis[0].Data.([]string)
	return cats
}

// cellAt finds a table cell by its row's first column and its column heading.
func cellAt(t *testing.T, tab Table, rowName, column string) string {
	t.Helper()
	j := slices.Index(tab.Head, column)
	if j < 0 {
		t.Fatalf("%s: no column %q in %q", tab.Caption, column, tab.Head)
	}
	for _, r := range tab.Rows {
		if r[0] == rowName {
			return r[j]
		}
	}
	t.Fatalf("%s: no row %q", tab.Caption, rowName)
	return ""
}

func TestChartIDs(t *testing.T) {
	got := slices.Sorted(maps.Keys(build(t, "en")))
	want := []string{
		"gaps", "heatmap-top_services", "participation-group", "participation-pyramid", "priorities-top_services",
		"q-safe_night-gender", "q-safe_night-group", "q-satisfaction-gender", "q-satisfaction-group",
		"q-top_services-gender", "q-top_services-group",
	}
	if !slices.Equal(got, want) {
		t.Errorf("chart ids\n got %q\nwant %q", got, want)
	}
	// Build's order is the page's: participation first, then the questions, then the gaps.
	all := Build(testReport(), testSurvey(), "en", translator(english, nil)).All()
	if all[0].ID != "participation-pyramid" || all[len(all)-1].ID != "gaps" {
		t.Errorf("order: first %q, last %q", all[0].ID, all[len(all)-1].ID)
	}
}

func TestSuppressedCellsShowNoValue(t *testing.T) {
	charts := build(t, "en")
	refugee, hidden := "Refugee or asylum seeker", results.SuppressLabel(5)

	q := charts["q-safe_night-group"]
	for view, opt := range map[string]*Option{"counts": q.Counts, "percent": q.Percent} {
		data := series(t, opt, refugee)
		if v := value(data[0]); v != "-" {
			t.Errorf("%s: refugee \"yes\" is %v, want no bar (\"-\")", view, v)
		}
		if v := value(data[1]); v != 11.0 && v != 64.7 {
			t.Errorf("%s: refugee \"no\" is %v, want 11 or 64.7", view, v)
		}
	}
	if got := cellAt(t, q.Table, "Yes", refugee); got != hidden {
		t.Errorf("table: refugee yes = %q, want %q", got, hidden)
	}
	if got := cellAt(t, q.Table, "No", refugee); got != "11 (64.7%)" {
		t.Errorf("table: refugee no = %q, want 11 (64.7%%)", got)
	}

	// A group whose every cell is hidden has no bars, but keeps its column in the table.
	top := charts["q-top_services-group"]
	if slices.Contains(seriesNames(top.Counts), "Returnee") {
		t.Error("returnee series drawn although every cell is suppressed")
	}
	if got := cellAt(t, top.Table, "People asked", "Returnee"); got != hidden {
		t.Errorf("returnee asked = %q, want %q", got, hidden)
	}

	pyr := charts["participation-pyramid"]
	men := series(t, pyr.Counts, "Man")
	if v := value(men[len(men)-1]); v != "-" {
		t.Errorf("pyramid: men 60 or more is %v, want \"-\"", v)
	}
	if got := cellAt(t, pyr.Table, "60 years or more", "Man"); got != hidden {
		t.Errorf("pyramid table: men 60+ = %q", got)
	}
	if got := cellAt(t, pyr.Table, "13 to 17 years", "Another identity"); got != hidden {
		t.Errorf("pyramid table: other 13–17 = %q", got)
	}

	pri := charts["priorities-top_services"]
	cats := categories(pri.Counts)
	school := slices.Index(cats, "School")
	if v := value(series(t, pri.Counts, refugee)[school]); v != "-" {
		t.Errorf("priorities: refugee school is %v, want \"-\"", v)
	}
	if got := cellAt(t, pri.Table, "School", refugee); got != hidden {
		t.Errorf("priorities table: refugee school = %q", got)
	}

	heat := charts["heatmap-top_services"]
	for _, opt := range []*Option{heat.Counts, heat.Percent} {
		for _, item := range series(t, opt, heat.Title) {
			v := value(item).([]any)
			if v[0] == 2.0 && v[1] == float64(school) && v[2] != "-" {
				t.Errorf("heatmap: refugee school is %v, want \"-\"", v[2])
			}
		}
	}

	grp := charts["participation-group"]
	cats = categories(grp.Counts)
	if v := value(series(t, grp.Counts, "Number of people")[slices.Index(cats, "Returnee")]); v != "-" {
		t.Errorf("participation: returnee is %v", v)
	}
	if got := cellAt(t, grp.Table, "Returnee", "Number of people"); got != hidden {
		t.Errorf("participation table: returnee = %q", got)
	}
	if !strings.Contains(grp.Counts.Title.Subtitle, "under 10") {
		t.Error("a chart with missing bars does not say why")
	}
}

// The fixture's suppressed cells carry 4321 and 43.21 where the contract promises zeros: none may
// come out, in any option, tooltip or table.
func TestNoHiddenNumberAnywhere(t *testing.T) {
	for _, lang := range []string{"es", "en", "pt"} {
		raw, err := json.Marshal(Build(testReport(), testSurvey(), lang, translator(english, nil)))
		if err != nil {
			t.Fatal(err)
		}
		for _, leak := range []string{"4321", "43.21", "43,21"} {
			if strings.Contains(string(raw), leak) {
				i := strings.Index(string(raw), leak)
				t.Errorf("%s: hidden number %s leaked: …%s…", lang, leak, raw[max(0, i-120):min(len(raw), i+40)])
			}
		}
	}
}

func TestOptionsAreDataNotCode(t *testing.T) {
	raw, err := json.Marshal(Build(testReport(), testSurvey(), "en", translator(english, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"function", "__f__", "=>"} {
		if strings.Contains(string(raw), code) {
			t.Errorf("options contain %q", code)
		}
	}
}

func TestLabelsInRequestedLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, title, water, yes, scaleLow string
	}{
		{"en", "Which services matter most to your family? — by population group", "Drinking water", "Yes", "1 · Not at all"},
		{"es", "¿Cuáles son los servicios más importantes para su familia? — by population group", "Agua potable", "Yes", "1 · Not at all"},
	} {
		charts := build(t, c.lang)
		q := charts["q-top_services-group"]
		if q.Title != c.title || q.Table.Caption != c.title {
			t.Errorf("%s: title %q, want %q", c.lang, q.Title, c.title)
		}
		if got := q.Counts.Title.Title; got != c.title {
			t.Errorf("%s: option title %q", c.lang, got)
		}
		if cats := categories(q.Counts); !slices.Contains(cats, c.water) || !slices.Contains(cats, "No answer") {
			t.Errorf("%s: categories %q lack %q", c.lang, cats, c.water)
		}
		if !slices.Contains(q.Table.Head, "Host community") {
			t.Errorf("%s: table head %q", c.lang, q.Table.Head)
		}
		if !slices.Contains(categories(charts["q-safe_night-gender"].Counts), c.yes) {
			t.Errorf("%s: yes/no categories %q", c.lang, categories(charts["q-safe_night-gender"].Counts))
		}
		// Everyone answered the scale, so it has no "No answer" row of zeros.
		if cats := categories(charts["q-satisfaction-group"].Counts); len(cats) != 5 || cats[0] != c.scaleLow || cats[4] != "5 · Very much" {
			t.Errorf("%s: scale categories %q", c.lang, cats)
		}
		if names := seriesNames(charts["q-safe_night-gender"].Counts); !slices.Equal(names, []string{"Woman", "Man"}) {
			t.Errorf("%s: gender series %q", c.lang, names)
		}
	}
}

func TestEveryOptionSharesTheBasics(t *testing.T) {
	for id, c := range build(t, "en") {
		views := map[string]*Option{"counts": c.Counts}
		if c.Percent != nil {
			views["percent"] = c.Percent
		}
		for view, opt := range views {
			if opt.Animation {
				t.Errorf("%s %s: animation %v", id, view, opt.Animation)
			}
			// No toolbox: its icons would print, and its PNG would carry no title, source or n.
			// The page's own save button (charts.js) draws those into the image.
			if tb := opt.Toolbox; tb.Show == nil || *tb.Show {
				t.Errorf("%s %s: a toolbox is drawn: %v", id, view, tb)
			}
			colors := opt.Color
			if len(colors) != len(okabeIto) || colors[0] != okabeIto[0] {
				t.Errorf("%s %s: palette %v", id, view, colors)
			}
			grid := opt.Grid[0]
			if grid.Height == "" || grid.Top == "" {
				t.Errorf("%s %s: grid without a planned height: %v", id, view, grid)
			}
		}
		if len(c.Table.Rows) == 0 || len(c.Table.Head) < 2 {
			t.Errorf("%s: empty table %+v", id, c.Table)
		}
		for _, r := range c.Table.Rows {
			if len(r) != len(c.Table.Head) {
				t.Errorf("%s: row %q has %d cells for %d headings", id, r, len(r), len(c.Table.Head))
			}
		}
	}
	charts := build(t, "en")
	for _, id := range []string{"priorities-top_services", "gaps"} {
		if charts[id].Percent != nil {
			t.Errorf("%s has a percent view; its numbers are not shares", id)
		}
	}
	for _, id := range []string{"q-top_services-group", "participation-pyramid", "participation-group", "heatmap-top_services"} {
		if charts[id].Percent == nil {
			t.Errorf("%s has no percent view", id)
		}
	}
}

func TestPyramidReadsAsPositiveCounts(t *testing.T) {
	pyr := build(t, "en")["participation-pyramid"]
	opt := pyr.Counts
	if got := categories(opt); !slices.Equal(got, []string{"8 to 12 years", "13 to 17 years", "18 to 29 years", "30 to 59 years", "60 years or more"}) {
		t.Errorf("age bands %q", got)
	}
	women := series(t, opt, "Woman")
	if value(women[0]) != 9.0 || value(women[3]) != 24.0 {
		t.Errorf("women %v", women)
	}
	for _, s := range opt.Series {
		for _, item := range seriesValues(s) {
			if f, ok := value(item).(float64); ok && f < 0 {
				t.Errorf("negative bar %v: the pyramid must read as counts", f)
			}
		}
	}
	left, right := opt.XAxis[0], opt.XAxis[1]
	if left.Inverse == nil || !*left.Inverse || right.Inverse != nil && *right.Inverse {
		t.Errorf("women's axis must grow to the left: %v / %v", left.Inverse, right.Inverse)
	}
	if left.Max == nil || left.Max != right.Max || left.Min != 0.0 {
		t.Errorf("the two halves do not share a scale: %v %v", left.Max, right.Max)
	}
	if got := cellAt(t, pyr.Table, "30 to 59 years", "Woman"); got != "24 (20.0%)" {
		t.Errorf("table women 30–59 = %q", got)
	}
}

func TestGaps(t *testing.T) {
	g := build(t, "en")["gaps"]
	cats := categories(g.Counts)
	if cats[0] != "Which services matter most to your family?: Work and jobs" {
		t.Errorf("first gap %q", cats[0])
	}
	if cats[2] != "Do you feel safe walking at night?: No" {
		t.Errorf("third gap %q", cats[2])
	}
	data := series(t, g.Counts, "Difference (percentage points)")
	if value(data[0]) != 52.2 || value(data[1]) != -34.0 {
		t.Errorf("gap values %v %v", value(data[0]), value(data[1]))
	}
	if got := cellAt(t, g.Table, "Which services matter most to your family?", "Difference (percentage points)"); got != "+52.2" {
		t.Errorf("table gap %q", got)
	}
	if got := g.Table.Rows[1][4]; got != "-34.0" {
		t.Errorf("table negative gap %q", got)
	}
}

// Spanish and Portuguese write "57,7 %", English "57.7%": one formatter per language (internal/locale).
func TestNumbersPerLanguage(t *testing.T) {
	for lang, want := range map[string]string{"pt": "30 (57,7\u00a0%)", "es": "30 (57,7\u00a0%)", "en": "30 (57.7%)"} {
		q := build(t, lang)["q-safe_night-group"]
		if got := q.Table.Rows[0][1]; got != want {
			t.Errorf("%s table cell %q, want %q", lang, got, want)
		}
	}
}

// TestKeysHaveWords keeps the fixture's word list complete: it is the list of interface keys
// the web package must translate.
func TestKeysHaveWords(t *testing.T) {
	used := map[string]bool{}
	for _, lang := range []string{"es", "en"} {
		Build(testReport(), testSurvey(), lang, translator(english, used))
	}
	for _, key := range slices.Sorted(maps.Keys(used)) {
		if _, ok := english[key]; !ok {
			t.Errorf("key %q has no words in the fixture", key)
		}
	}
}

func TestSparseInputs(t *testing.T) {
	if got := Build(nil, nil, "es", nil).All(); got != nil {
		t.Errorf("nil report gave %d charts", len(got))
	}
	if got := Build(&results.Report{}, nil, "es", nil).All(); len(got) != 0 {
		t.Errorf("empty report gave %d charts", len(got))
	}
	// Without the survey, question and choice ids stand in for their labels.
	charts := Build(testReport(), nil, "en", nil).All()
	var ids []string
	for _, c := range charts {
		ids = append(ids, c.ID)
		if c.ID == "q-top_services-group" && !slices.Contains(categories(c.Counts), "water") {
			t.Errorf("categories without a survey: %q", categories(c.Counts))
		}
	}
	if !slices.Contains(ids, "priorities-top_services") {
		t.Errorf("without a survey: ids %q", ids)
	}
}

// Groups on a rank question compare by shares, not points: host residents (52 of 120) would top
// every bar in points. Host health is 40 of 52 = 76.9 %, its bar reads 76.9, and the table gives
// the interval and keeps the points in a last column.
func TestPrioritiesCompareGroupsByShares(t *testing.T) {
	pri := build(t, "en")["priorities-top_services"]
	cats := categories(pri.Counts)
	if cats[0] != "Health" {
		t.Errorf("choices are not in the order of the overall share: %q", cats)
	}
	host := series(t, pri.Counts, "Host community")
	if v := value(host[0]); v != 76.9 {
		t.Errorf("host health bar = %v, want the share 76.9", v)
	}
	got := cellAt(t, pri.Table, "Health", "Host community")
	if !strings.HasPrefix(got, "76.9% (") || !strings.Contains(got, "–") {
		t.Errorf("host health cell %q has no share and interval", got)
	}
	if got := cellAt(t, pri.Table, "Health", "Points (everyone)"); got != "240" {
		t.Errorf("points column: %q", got)
	}
	x := pri.Counts.XAxis[0]
	if x.Max != 100.0 {
		t.Errorf("the share axis runs to %v, want 100", x.Max)
	}
}

// The builder groups the charts as the pages show them, so no page picks charts by their ids.
func TestSetGroupsChartsAsPagesShowThem(t *testing.T) {
	set := Build(testReport(), testSurvey(), "en", translator(english, nil))
	ids := func(cs []Chart) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if got := ids(set.Participation); !slices.Equal(got, []string{"participation-pyramid", "participation-group"}) {
		t.Errorf("participation %q", got)
	}
	var questions []string
	for _, q := range set.Questions {
		questions = append(questions, q.Question)
	}
	if !slices.Equal(questions, []string{"top_services", "safe_night", "satisfaction"}) {
		t.Errorf("questions %q, want the report's closed questions in its order", questions)
	}
	top := set.Question("top_services")
	if got := ids(top.All()); !slices.Equal(got, []string{"q-top_services-group", "q-top_services-gender", "priorities-top_services", "heatmap-top_services"}) {
		t.Errorf("top_services charts %q", got)
	}
	if top.Priorities == nil || top.Priorities.Percent != nil || top.ByGender.Title != "Which services matter most to your family? — by gender" {
		t.Errorf("top_services groups: priorities %v, by gender %q", top.Priorities, top.ByGender.Title)
	}
	if night := set.Question("safe_night"); night.Priorities != nil || night.TopShare != nil || night.ByGroup == nil {
		t.Errorf("a yes/no question has rank charts or lacks its answers: %+v", night)
	}
	if got := set.Question("household_size").All(); got != nil {
		t.Errorf("an unknown question has charts %q", ids(got))
	}
	if set.Gaps == nil || set.Gaps.ID != "gaps" || len(set.All()) != 11 {
		t.Errorf("gaps %v; %d charts in all", set.Gaps, len(set.All()))
	}
}

// Our types add what go-echarts lacks beside its own fields: the tooltip's renderMode and confine
// flat in the tooltip, and a wrapped label's lineHeight as a number (go-echarts' is a string).
func TestOptionJSONAsEchartsReadsIt(t *testing.T) {
	raw, err := json.Marshal(build(t, "en")["q-safe_night-group"].Counts)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Tooltip map[string]any   `json:"tooltip"`
		YAxis   []map[string]any `json:"yAxis"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	if tt := opt.Tooltip; tt["renderMode"] != "richText" || tt["confine"] != true || tt["trigger"] != "axis" || tt["show"] != true {
		t.Errorf("tooltip %v", tt)
	}
	label, _ := opt.YAxis[0]["axisLabel"].(map[string]any)
	if label["lineHeight"] != float64(wrappedLineHeight) || label["overflow"] != "break" || label["width"] != float64(labelWidth) {
		t.Errorf("wrapped axis label %v", label)
	}
}

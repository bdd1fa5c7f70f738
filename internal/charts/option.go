package charts

// The echarts option of a chart, as our own small types: only the fields these charts use, each
// marshalling to the name echarts reads (https://echarts.apache.org/en/option.html). Building
// them directly means no field needs patching after the fact, and tests read them as Go values.

// Option is one echarts option: everything echarts needs to draw a chart.
type Option struct {
	Animation bool        `json:"animation"` // off: tablets are slow
	Color     []string    `json:"color"`
	Title     Title       `json:"title"`
	Legend    Legend      `json:"legend"`
	Toolbox   Shown       `json:"toolbox"` // hidden: its icons print on paper, and its PNG carries no title, source, n or date
	Tooltip   Tooltip     `json:"tooltip"`
	Grid      []Grid      `json:"grid"`
	XAxis     []Axis      `json:"xAxis"`
	YAxis     []Axis      `json:"yAxis"`
	VisualMap []VisualMap `json:"visualMap,omitempty"`
	Series    []Series    `json:"series"`
}

// Title is the chart's title and subtitle.
type Title struct {
	Text         string     `json:"text,omitempty"`
	Subtext      string     `json:"subtext,omitempty"`
	Left         string     `json:"left,omitempty"`
	Top          string     `json:"top,omitempty"`
	TextStyle    *TextStyle `json:"textStyle,omitempty"`
	SubtextStyle *TextStyle `json:"subtextStyle,omitempty"`
}

// TextStyle is how a piece of text is drawn; Width and Overflow "break" wrap it.
type TextStyle struct {
	Color      string `json:"color,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
	Overflow   string `json:"overflow,omitempty"`
	Width      int    `json:"width,omitempty"`
}

// Legend names the series; hidden where there is only one.
type Legend struct {
	Show       bool       `json:"show"`
	Data       []string   `json:"data,omitempty"`
	ItemWidth  int        `json:"itemWidth,omitempty"`
	ItemHeight int        `json:"itemHeight,omitempty"`
	Left       string     `json:"left,omitempty"`
	Right      string     `json:"right,omitempty"`
	Top        string     `json:"top,omitempty"`
	TextStyle  *TextStyle `json:"textStyle,omitempty"`
}

// Shown is a component that is only shown or not: the toolbox, an axis' split area.
type Shown struct {
	Show bool `json:"show"`
}

// Tooltip is drawn on the canvas (RenderMode "richText"): the default HTML tooltip carries style
// attributes the CSP blocks, and on the canvas no label can ever become markup.
type Tooltip struct {
	Show        bool         `json:"show"`
	Trigger     string       `json:"trigger,omitempty"`
	AxisPointer *AxisPointer `json:"axisPointer,omitempty"`
	RenderMode  string       `json:"renderMode"`
	Confine     bool         `json:"confine"`
}

// AxisPointer is what an axis tooltip highlights.
type AxisPointer struct {
	Type string `json:"type"`
}

// Grid is the plotting area; its pixel Height is what charts.js sizes the element from.
type Grid struct {
	Left         string `json:"left,omitempty"`
	Right        string `json:"right,omitempty"`
	Top          string `json:"top,omitempty"`
	Height       string `json:"height,omitempty"`
	ContainLabel *bool  `json:"containLabel,omitempty"`
}

// Axis is an x or a y axis: a value axis, or a category axis with its Data.
type Axis struct {
	Type        string     `json:"type"`
	GridIndex   int        `json:"gridIndex,omitempty"`
	Position    string     `json:"position,omitempty"`
	Inverse     *bool      `json:"inverse,omitempty"`
	Min         *float64   `json:"min,omitempty"`
	Max         *float64   `json:"max,omitempty"`
	MinInterval int        `json:"minInterval,omitempty"`
	Data        []string   `json:"data,omitempty"`
	SplitArea   *Shown     `json:"splitArea,omitempty"` // shown: banded columns
	AxisLabel   *AxisLabel `json:"axisLabel,omitempty"`
	AxisLine    *AxisLine  `json:"axisLine,omitempty"`
}

// AxisLabel is how an axis labels its ticks or categories.
type AxisLabel struct {
	Show        bool   `json:"show"`
	Interval    string `json:"interval,omitempty"` // "0": every category, none skipped
	Align       string `json:"align,omitempty"`
	Margin      int    `json:"margin,omitempty"`
	Width       int    `json:"width,omitempty"`
	Overflow    string `json:"overflow,omitempty"`
	LineHeight  int    `json:"lineHeight,omitempty"` // a wrapped label needs one, or its lines overlap
	FontSize    int    `json:"fontSize,omitempty"`
	Formatter   string `json:"formatter,omitempty"` // a string template, never code
	HideOverlap bool   `json:"hideOverlap,omitempty"`
}

// AxisLine is the axis' own line.
type AxisLine struct {
	OnZero bool `json:"onZero"`
}

// VisualMap maps a heatmap's values to colours.
type VisualMap struct {
	Type       string   `json:"type"`
	Show       bool     `json:"show"`
	Calculable bool     `json:"calculable"`
	Min        float64  `json:"min,omitempty"`
	Max        float64  `json:"max"`
	InRange    *InRange `json:"inRange,omitempty"`
}

// InRange is the colour ramp of a visual map.
type InRange struct {
	Color []string `json:"color"`
}

// Series is one series of bars, a line or a heatmap.
type Series struct {
	Name           string     `json:"name"`
	Type           string     `json:"type"` // "bar", "line" or "heatmap"
	Animation      *bool      `json:"animation,omitempty"`
	XAxisIndex     int        `json:"xAxisIndex,omitempty"`
	YAxisIndex     int        `json:"yAxisIndex,omitempty"`
	BarCategoryGap string     `json:"barCategoryGap,omitempty"`
	BarGap         string     `json:"barGap,omitempty"`
	ItemStyle      *ItemStyle `json:"itemStyle,omitempty"`
	LineStyle      *LineStyle `json:"lineStyle,omitempty"`
	Label          *Label     `json:"label,omitempty"`
	Data           []Datum    `json:"data"`
}

// Datum is one value of a series, optionally with its own colour and label.
type Datum struct {
	// Value is a number (int or float64), Missing, or a heatmap cell's [column, row, value].
	Value     any        `json:"value"`
	ItemStyle *ItemStyle `json:"itemStyle,omitempty"`
	Label     *Label     `json:"label,omitempty"`
}

// ItemStyle is the colour of a bar, a point or a cell.
type ItemStyle struct {
	Color string `json:"color"`
}

// LineStyle is how a line series is drawn.
type LineStyle struct {
	Color string `json:"color,omitempty"`
	Width int    `json:"width,omitempty"`
}

// Label is the text drawn on or beside a bar, point or cell.
type Label struct {
	Show      bool   `json:"show"`
	Position  string `json:"position,omitempty"`
	FontSize  int    `json:"fontSize,omitempty"`
	Color     string `json:"color,omitempty"`
	Formatter string `json:"formatter,omitempty"` // a string template, never code
}

func ptr[T any](v T) *T { return &v }

package charts

import (
	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The echarts option of a chart (https://echarts.apache.org/en/option.html), built directly from
// go-echarts' own types and marshalled as they are: no JSON round trip, nothing patched after the
// fact. Three small types of ours add what go-echarts lacks: the tooltip's renderMode and confine,
// a numeric lineHeight for wrapped axis labels, and a label on one point of a line.
//
// Formatters are string templates ("{c}%"), never code: nothing goes through opts.FuncOpts, so no
// "__f__" function marker reaches the page, whose CSP would not run it anyway.

// Option is one echarts option: everything echarts needs to draw a chart.
type Option struct {
	Animation bool              `json:"animation"` // off: tablets are slow
	Color     []string          `json:"color"`
	Title     opts.Title        `json:"title"`
	Legend    opts.Legend       `json:"legend"`
	Toolbox   opts.Toolbox      `json:"toolbox"` // hidden: its icons print on paper, and its PNG carries no title, source, n or date
	Tooltip   Tooltip           `json:"tooltip"`
	Grid      []opts.Grid       `json:"grid"`
	XAxis     []XAxis           `json:"xAxis"`
	YAxis     []YAxis           `json:"yAxis"`
	VisualMap []opts.VisualMap  `json:"visualMap,omitempty"`
	Series    []ec.SingleSeries `json:"series"`
}

// Tooltip is drawn on the canvas (RenderMode "richText"): the default HTML tooltip carries style
// attributes the CSP blocks, and on the canvas no label can ever become markup. go-echarts'
// Tooltip has neither field; encoding/json marshals its fields flat beside them.
type Tooltip struct {
	opts.Tooltip
	RenderMode string `json:"renderMode"`
	Confine    bool   `json:"confine"`
}

// AxisLabel is go-echarts' axis label with a numeric LineHeight: a wrapped label needs one, or its
// lines overlap, and go-echarts types it as a string, which echarts would not add up. Ours, the
// shallower field, is the one marshalled.
type AxisLabel struct {
	opts.AxisLabel
	LineHeight int `json:"lineHeight,omitempty"`
}

// XAxis is go-echarts' x axis labelled by our AxisLabel, which shadows the embedded axis' own
// (that one is never marshalled: set this one).
type XAxis struct {
	opts.XAxis
	AxisLabel *AxisLabel `json:"axisLabel,omitempty"`
}

// YAxis is go-echarts' y axis labelled by our AxisLabel, as XAxis is.
type YAxis struct {
	opts.YAxis
	AxisLabel *AxisLabel `json:"axisLabel,omitempty"`
}

// LineData is one point of a line with its own label, which go-echarts' LineData lacks.
type LineData struct {
	opts.LineData
	Label *opts.Label `json:"label,omitempty"`
}

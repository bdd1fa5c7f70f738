package charts

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// The layout is planned for the narrowest chart people use: a tablet held upright. Text that
// would overflow wraps, and the grid's pixel height (which charts.js turns into the element's
// height) leaves room for every wrapped line, so nothing is cut off.
const (
	chartWidth        = 560 // px
	titleWidth        = 470 // px: the save button sits to the right of the title
	axisLabelHeight   = 24  // px under the bars for the value axis labels
	wrappedLineHeight = 15  // px between the lines of a wrapped axis label
)

// header is the text above a chart's grid: title, subtitle and legend.
type header struct {
	text, sub   string
	legendItems []string
}

type layout struct {
	legendTop, gridTop int
}

func (h header) title() opts.Title {
	return opts.Title{Title: h.text, Subtitle: h.sub, Left: "4", Top: "4",
		TitleStyle: &opts.TextStyle{FontSize: 14, FontWeight: "bold", Color: "#222",
			Width: titleWidth, Overflow: "break", LineHeight: 18},
		SubtitleStyle: &opts.TextStyle{FontSize: 12, Color: "#444",
			Width: titleWidth, Overflow: "break", LineHeight: 16}}
}

func (h header) legend() opts.Legend {
	if len(h.legendItems) == 0 {
		return opts.Legend{Show: opts.Bool(false)}
	}
	return opts.Legend{Show: opts.Bool(true), Left: "4", Right: "4", Top: strconv.Itoa(h.layout().legendTop),
		ItemWidth: 18, ItemHeight: 12, Data: h.legendItems, TextStyle: &opts.TextStyle{FontSize: 12}}
}

// layout estimates where the legend and the grid start, from how many lines the text wraps to.
func (h header) layout() layout {
	titleH := 10 + wrapLines(h.text, titleWidth, 14*1.05)*18
	if h.sub != "" {
		titleH += 10 + wrapLines(h.sub, titleWidth, 12)*16
	}
	l := layout{legendTop: 4 + titleH + 4}
	if len(h.legendItems) == 0 {
		l.gridTop = l.legendTop + 8
		return l
	}
	lines, used := 1, 0.0
	room := float64(chartWidth - 18)
	for _, item := range h.legendItems {
		w := 18 + 5 + textWidth(item, 12) + 10
		if used > 0 && used+w > room {
			lines, used = lines+1, 0
		}
		used += w
	}
	l.gridTop = l.legendTop + 10 + lines*24 + 6
	return l
}

// categoryHeight is the plot height a category axis needs: room for each category's bars and
// for its label, wrapped to width pixels.
func categoryHeight(cats []string, width, bars, perBar int) int {
	total := 0
	for _, c := range cats {
		total += max(bars*perBar+12, wrapLines(c, float64(width), 12)*wrappedLineHeight+8)
	}
	return total
}

// textWidth estimates the width of text in pixels; generous, because DejaVu Sans (Debian's
// default) is wide, and a little spare room is better than a label cut off.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.6
}

// wrapLines counts the lines s wraps to at width pixels, breaking between words as echarts does.
func wrapLines(s string, width, size float64) int {
	lines := 0
	for _, para := range strings.Split(s, "\n") {
		lines++
		used := 0.0
		space := textWidth(" ", size)
		for _, word := range strings.Fields(para) {
			w := textWidth(word, size)
			switch {
			case used == 0:
				used = w
			case used+space+w <= width:
				used += space + w
			default:
				lines++
				used = w
			}
			for used > width { // a word longer than the line breaks inside itself
				lines++
				used -= width
			}
		}
	}
	return max(lines, 1)
}

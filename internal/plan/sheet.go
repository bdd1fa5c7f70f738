package plan

import (
	"strconv"
	"strings"

	"consulta/internal/survey"
)

// Columns of an import sheet, one row per item; the required ones first.
var (
	RequiredColumns = []string{"code", "axis", "title_es", "summary_es", "icon", "order"}
	OptionalColumns = []string{"axis_es", "axis_en", "axis_pt", "title_en", "title_pt", "summary_en", "summary_pt",
		"child_summary_es", "child_summary_en", "child_summary_pt", "budget", "currency", "unit", "evidence"}
)

// Sheet is what an import sheet holds, before it is checked against the plan's world.
type Sheet struct {
	Axes     []Axis
	Items    []Item
	Rows     []int    // the sheet row of each item (the header is row 1)
	Evidence []string // each item's evidence cell: consultation/question/choice; ...
}

// ReadSheet reads rows (the first is the header) into axes and items. Axes are taken in the
// order they first appear, titled by axis_es/en/pt. Problems name the row and the column.
func ReadSheet(rows [][]string, icons []string) (*Sheet, []Problem) {
	if len(rows) == 0 {
		return nil, []Problem{{Row: 1, Code: "empty_sheet"}}
	}
	col := map[string]int{}
	var probs []Problem
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "" {
			continue
		}
		if _, dup := col[h]; dup {
			probs = append(probs, Problem{Row: 1, Column: h, Code: "duplicate_column"})
		}
		known := false
		for _, c := range append(RequiredColumns, OptionalColumns...) {
			known = known || c == h
		}
		if !known {
			probs = append(probs, Problem{Row: 1, Column: h, Code: "unknown_column"})
		}
		col[h] = i
	}
	for _, c := range RequiredColumns {
		if _, ok := col[c]; !ok {
			probs = append(probs, Problem{Row: 1, Column: c, Code: "missing_column"})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	sh := &Sheet{}
	axisSeen := map[string]int{}
	for n, r := range rows[1:] {
		rowNum := n + 2
		get := func(c string) string {
			i, ok := col[c]
			if !ok || i >= len(r) {
				return ""
			}
			return strings.TrimSpace(r[i])
		}
		empty := true
		for _, v := range r {
			empty = empty && strings.TrimSpace(v) == ""
		}
		if empty {
			continue
		}
		label := func(prefix string) survey.Label {
			l := survey.Label{}
			for _, lang := range survey.Languages {
				if v := get(prefix + lang); v != "" {
					l[lang] = v
				}
			}
			return l
		}
		it := Item{Code: get("code"), Axis: get("axis"), Title: label("title_"), Summary: label("summary_"),
			ChildSummary: label("child_summary_"), Icon: get("icon"), Currency: strings.ToUpper(get("currency")), Unit: get("unit")}
		order, err := strconv.Atoi(get("order"))
		if err != nil {
			probs = append(probs, Problem{Row: rowNum, Column: "order", Code: "not_integer", Args: []any{get("order")}})
			order = -1
		}
		it.Order = order
		if b := strings.NewReplacer(" ", "", "\u00a0", "").Replace(get("budget")); b != "" {
			v, err := strconv.ParseFloat(b, 64)
			if err != nil {
				probs = append(probs, Problem{Row: rowNum, Column: "budget", Code: "not_number", Args: []any{get("budget")}})
			} else {
				it.Budget = &v
			}
		}
		if _, ok := axisSeen[it.Axis]; !ok && it.Axis != "" {
			axisSeen[it.Axis] = len(sh.Axes)
			title := label("axis_")
			if title["es"] == "" {
				title["es"] = it.Axis
			}
			sh.Axes = append(sh.Axes, Axis{Code: it.Axis, Title: title})
		}
		sh.Items = append(sh.Items, it)
		sh.Rows = append(sh.Rows, rowNum)
		sh.Evidence = append(sh.Evidence, get("evidence"))
	}
	if len(sh.Items) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{Row: 2, Code: "empty_sheet"})
	}
	// An order that is not a number was reported once already.
	p := Plan{Title: survey.Label{"es": "-"}, Axes: sh.Axes, Items: sh.Items}
	for _, pr := range p.Validate(icons, sh.Rows) {
		if pr.Code == "order_range" && len(pr.Args) > 0 && pr.Args[0] == -1 {
			continue
		}
		probs = append(probs, pr)
	}
	return sh, probs
}

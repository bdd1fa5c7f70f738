// Package plan owns municipal development plans: their types and Validate(), the validation
// survey generated from a plan, and the consensus, divergence and order figures read from
// protected results reports. It must not touch the database, HTTP or raw responses.
package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"consulta/internal/survey"
)

// States a plan goes through; Validated is reached in the next step (decisions).
const (
	Draft        = "draft"
	InValidation = "in_validation"
	Validated    = "validated"
)

// States lists every state in order.
var States = []string{Draft, InValidation, Validated}

// Limits on what a planner writes, so the generated survey stays readable on a phone.
const (
	MaxTitle        = 120
	MaxSummary      = 400
	MaxChildSummary = 200
	MaxUnit         = 120
	MaxItems        = 40
	MaxAxes         = 12
)

// Plan is a municipality's development plan for a period.
type Plan struct {
	ID             int64        `json:"id"`
	MunicipalityID int64        `json:"municipality_id"`
	Municipality   string       `json:"municipality"`
	Title          survey.Label `json:"title"`
	Period         survey.Label `json:"period"`
	State          string       `json:"state"`
	Axes           []Axis       `json:"axes"`
	Items          []Item       `json:"items"`
	// The validation round: an adult and a child consultation, once generated.
	AdultConsultation string        `json:"adult_consultation,omitempty"`
	ChildConsultation string        `json:"child_consultation,omitempty"`
	History           []StateChange `json:"history"`
	CreatedAt         time.Time     `json:"created_at"`
}

// Axis is one strategic axis (eje) of a plan.
type Axis struct {
	Code  string       `json:"code"`
	Title survey.Label `json:"title"`
}

// Item is one proposed priority of a plan.
type Item struct {
	ID           int64        `json:"id"`
	Code         string       `json:"code"`
	Axis         string       `json:"axis"` // an Axis.Code
	Title        survey.Label `json:"title"`
	Summary      survey.Label `json:"summary"`
	ChildSummary survey.Label `json:"child_summary,omitempty"`
	Icon         string       `json:"icon"`
	Order        int          `json:"proposed_order"` // 1..n across the plan
	Budget       *float64     `json:"budget,omitempty"`
	Currency     string       `json:"currency,omitempty"`
	Unit         string       `json:"responsible_unit,omitempty"`
	Evidence     []Evidence   `json:"evidence,omitempty"`
}

// Evidence links an item to what an earlier consultation found.
type Evidence struct {
	ID           int64     `json:"id"`
	Consultation string    `json:"consultation"`
	Question     string    `json:"question"`
	Choice       string    `json:"choice"`
	Snapshot     *Snapshot `json:"snapshot,omitempty"` // taken when the plan went to validation
}

// StateChange records who moved a plan to a state, and when.
type StateChange struct {
	State string    `json:"state"`
	At    time.Time `json:"at"`
	By    string    `json:"by"`
}

// Problem is one thing wrong with a plan or an imported sheet: where (row 0 = not a row) and a
// message key with its arguments, so the page says it in the user's language.
type Problem struct {
	Row    int    `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Code   string `json:"code"`
	Args   []any  `json:"args,omitempty"`
}

func (p Problem) Error() string {
	return fmt.Sprintf("row %d, %s: %s %v", p.Row, p.Column, p.Code, p.Args)
}

var codePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$`)

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// QuestionID is the id of an item in a generated survey: the code, lower case, XLSForm-safe.
func QuestionID(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, code)
}

// AgreeQuestion is the id of the agree / not sure / disagree question about an item.
func AgreeQuestion(code string) string { return "agree_" + QuestionID(code) }

// Validate checks a plan: titles, axes, item codes (unique even once made survey-safe), icons
// from the given set, texts within their limits, a proposed order 1..n without repeats.
// Each item's Row (for imported sheets) is rows[i] when given.
func (p *Plan) Validate(icons []string, rows []int) []Problem {
	var out []Problem
	row := func(i int) int {
		if i < len(rows) {
			return rows[i]
		}
		return 0
	}
	if strings.TrimSpace(p.Title.In("es")) == "" {
		out = append(out, Problem{Column: "title_es", Code: "required"})
	}
	for _, lang := range survey.Languages {
		if utf8.RuneCountInString(p.Title[lang]) > MaxTitle {
			out = append(out, Problem{Column: "title_" + lang, Code: "too_long", Args: []any{MaxTitle}})
		}
	}
	if len(p.Axes) > MaxAxes {
		out = append(out, Problem{Column: "axis", Code: "too_many_axes", Args: []any{MaxAxes}})
	}
	axes := map[string]bool{}
	for _, a := range p.Axes {
		switch {
		case !codePattern.MatchString(a.Code):
			out = append(out, Problem{Column: "axis", Code: "bad_code", Args: []any{a.Code}})
		case axes[a.Code]:
			out = append(out, Problem{Column: "axis", Code: "duplicate_axis", Args: []any{a.Code}})
		}
		axes[a.Code] = true
		if utf8.RuneCountInString(a.Title.In("es")) > MaxTitle {
			out = append(out, Problem{Column: "axis_es", Code: "too_long", Args: []any{MaxTitle}})
		}
	}
	if len(p.Items) > MaxItems {
		out = append(out, Problem{Column: "code", Code: "too_many_items", Args: []any{MaxItems}})
	}
	codes := map[string]int{}
	orders := map[int]int{}
	for i, it := range p.Items {
		r := row(i)
		add := func(col, code string, args ...any) {
			out = append(out, Problem{Row: r, Column: col, Code: code, Args: args})
		}
		if !codePattern.MatchString(it.Code) {
			add("code", "bad_code", it.Code)
		} else if prev, ok := codes[QuestionID(it.Code)]; ok {
			add("code", "duplicate_code", it.Code, prev)
		} else {
			codes[QuestionID(it.Code)] = r
		}
		if !axes[it.Axis] {
			add("axis", "unknown_axis", it.Axis)
		}
		texts := []struct {
			col   string
			label survey.Label
			max   int
			need  bool
		}{{"title", it.Title, MaxTitle, true}, {"summary", it.Summary, MaxSummary, true}, {"child_summary", it.ChildSummary, MaxChildSummary, false}}
		for _, t := range texts {
			if t.need && strings.TrimSpace(t.label["es"]) == "" {
				add(t.col+"_es", "required")
			}
			for _, lang := range survey.Languages {
				if utf8.RuneCountInString(t.label[lang]) > t.max {
					add(t.col+"_"+lang, "too_long", t.max, utf8.RuneCountInString(t.label[lang]))
				}
			}
		}
		if !slices.Contains(icons, it.Icon) {
			add("icon", "unknown_icon", it.Icon)
		}
		if it.Order < 1 || it.Order > len(p.Items) {
			add("order", "order_range", it.Order, len(p.Items))
		} else if prev, ok := orders[it.Order]; ok {
			add("order", "duplicate_order", it.Order, prev)
		} else {
			orders[it.Order] = r
		}
		if it.Budget != nil && (*it.Budget < 0 || it.Currency == "") {
			add("budget", "budget")
		}
		if it.Currency != "" && !currencyPattern.MatchString(it.Currency) {
			add("currency", "currency", it.Currency)
		}
		if utf8.RuneCountInString(it.Unit) > MaxUnit {
			add("unit", "too_long", MaxUnit, utf8.RuneCountInString(it.Unit))
		}
	}
	return out
}

// Item returns the item with the given code, or nil.
func (p *Plan) Item(code string) *Item {
	for i := range p.Items {
		if p.Items[i].Code == code {
			return &p.Items[i]
		}
	}
	return nil
}

// AxisTitle returns the title of an axis by code.
func (p *Plan) AxisTitle(code string) survey.Label {
	for _, a := range p.Axes {
		if a.Code == code {
			return a.Title
		}
	}
	return survey.Label{"es": code}
}

// Ordered returns the items by proposed order.
func (p *Plan) Ordered() []Item {
	out := slices.Clone(p.Items)
	slices.SortStableFunc(out, func(a, b Item) int { return a.Order - b.Order })
	return out
}

// Editable reports whether items may still change: only a draft.
func (p *Plan) Editable() bool { return p.State == Draft }

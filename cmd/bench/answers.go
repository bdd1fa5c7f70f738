package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math"
	mathrand "math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// surveyDef is the part of GET /api/consultations/{id}/survey the generator needs.
type surveyDef struct {
	ID        string     `json:"id"`
	Version   string     `json:"version"`
	Questions []question `json:"questions"`
}

type question struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Choices   []choice `json:"choices"`
	Rank      int      `json:"rank"`
	Points    int      `json:"points"`
	MaxLength int      `json:"max_length"`
	Min       *int     `json:"min"`
	Max       *int     `json:"max"`
	Relevant  *expr    `json:"relevant_expr"`
}

type choice struct {
	ID string `json:"id"`
}

// expr is one node of a parsed relevant expression, as the server emits it for the browser.
type expr struct {
	Op    string  `json:"op"`
	Args  []*expr `json:"args"`
	Name  string  `json:"name"`
	Value any     `json:"value"`
}

var arity = map[string]int{"not": 1, "selected": 2, "count-selected": 1,
	"=": 2, "!=": 2, "<": 2, "<=": 2, ">": 2, ">=": 2, "ref": 0, "str": 0, "num": 0}

// check refuses a tree this evaluator does not understand, so a change on the server shows at once.
func (e *expr) check() error {
	if e == nil {
		return nil
	}
	want, known := arity[e.Op]
	switch {
	case e.Op == "and" || e.Op == "or":
		if len(e.Args) < 2 {
			return fmt.Errorf("%s with %d arguments", e.Op, len(e.Args))
		}
	case !known:
		return fmt.Errorf("unknown op %q", e.Op)
	case len(e.Args) != want:
		return fmt.Errorf("%s with %d arguments, not %d", e.Op, len(e.Args), want)
	case e.Op == "ref" && e.Name == "":
		return fmt.Errorf("ref without a name")
	}
	for _, a := range e.Args {
		if err := a.check(); err != nil {
			return err
		}
	}
	return nil
}

// holds says whether the expression is true given the answers so far; no expression always holds.
func (e *expr) holds(answers map[string]any) bool {
	return e == nil || truthy(e.eval(answers))
}

// eval computes a node as a string, []string, float64 or bool, the way XLSForm sees answers:
// unanswered is ”, yes_no is 'yes' or 'no', numbers are numbers.
func (e *expr) eval(answers map[string]any) any {
	switch e.Op {
	case "or":
		return slices.ContainsFunc(e.Args, func(a *expr) bool { return truthy(a.eval(answers)) })
	case "and":
		return !slices.ContainsFunc(e.Args, func(a *expr) bool { return !truthy(a.eval(answers)) })
	case "not":
		return !truthy(e.Args[0].eval(answers))
	case "=", "!=", "<", "<=", ">", ">=":
		return compare(e.Op, e.Args[0].eval(answers), e.Args[1].eval(answers))
	case "selected":
		return selected(e.Args[0].eval(answers), text(e.Args[1].eval(answers)))
	case "count-selected":
		return float64(countSelected(e.Args[0].eval(answers)))
	case "ref":
		switch v := answers[e.Name].(type) {
		case nil:
			return ""
		case bool:
			if v {
				return "yes"
			}
			return "no"
		case int:
			return float64(v)
		default:
			return v
		}
	case "str":
		s, _ := e.Value.(string)
		return s
	case "num":
		f, _ := e.Value.(float64)
		return f
	}
	return ""
}

// truthy follows the server (internal/survey), the single source of truth: ” and 'no' are false.
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	}
	s := text(v)
	return s != "" && s != "no"
}

// text is a value as XPath's string(): a list of choices is its ids joined by spaces.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, " ")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "yes"
		}
		return "no"
	}
	return ""
}

// number reads a string as XPath's number(); NaN when it is not a plain decimal number.
func number(s string) float64 {
	s = strings.TrimSpace(s)
	if !decimal.MatchString(s) {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

var decimal = regexp.MustCompile(`^-?(\d+(\.\d*)?|\.\d+)$`)

// compare compares numerically when either side is a number, else as strings.
func compare(op string, a, b any) bool {
	an, aNum := a.(float64)
	bn, bNum := b.(float64)
	if aNum || bNum {
		if !aNum {
			an = number(text(a))
		}
		if !bNum {
			bn = number(text(b))
		}
		return order(op, cmpFloat(an, bn), math.IsNaN(an) || math.IsNaN(bn))
	}
	return order(op, strings.Compare(text(a), text(b)), false)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// order turns a comparison result into op's answer; with NaN only != holds.
func order(op string, c int, nan bool) bool {
	if nan {
		return op == "!="
	}
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

func selected(v any, id string) bool {
	switch v := v.(type) {
	case []string:
		return slices.Contains(v, id)
	case float64:
		return number(id) == v
	}
	return slices.Contains(strings.Fields(text(v)), id)
}

func countSelected(v any) int {
	switch v := v.(type) {
	case []string:
		return len(v)
	case float64, bool:
		return 1
	}
	return len(strings.Fields(text(v)))
}

// fetchSurvey reads the consultation's survey and checks that every question is one the generator can answer.
func fetchSurvey(ctx context.Context, c *http.Client, base, consultation string) (*surveyDef, error) {
	body, status, err := get(ctx, c, base+"/api/consultations/"+consultation+"/survey")
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET survey: HTTP %d: %.200s", status, body)
	}
	var sv surveyDef
	if err := json.Unmarshal(body, &sv); err != nil {
		return nil, fmt.Errorf("survey JSON: %w", err)
	}
	if sv.Version == "" || len(sv.Questions) == 0 {
		return nil, fmt.Errorf("survey JSON has no version or no questions")
	}
	for _, q := range sv.Questions {
		if err := q.Relevant.check(); err != nil {
			return nil, fmt.Errorf("question %s: relevant_expr: %w", q.ID, err)
		}
		switch q.Type {
		case "note", "scale", "yes_no", "integer", "text":
		case "select_one", "select_multiple", "rank":
			if len(q.Choices) == 0 {
				return nil, fmt.Errorf("question %s (%s) has no choices", q.ID, q.Type)
			}
		default:
			return nil, fmt.Errorf("question %s: unknown type %q", q.ID, q.Type)
		}
	}
	return &sv, nil
}

// answer draws a complete valid response: every question whose relevant expression holds,
// in order, answered at random within its rules.
func (sv *surveyDef) answer(rng *mathrand.Rand) map[string]any {
	a := map[string]any{}
	for _, q := range sv.Questions {
		if q.Type == "note" || !q.Relevant.holds(a) {
			continue
		}
		switch q.Type {
		case "select_one":
			a[q.ID] = q.Choices[rng.IntN(len(q.Choices))].ID
		case "select_multiple":
			a[q.ID] = q.several(rng)
		case "rank":
			a[q.ID] = q.ranked(rng)
		case "scale":
			points := q.Points
			if points < 1 {
				points = 5
			}
			a[q.ID] = 1 + rng.IntN(points)
		case "yes_no":
			a[q.ID] = rng.IntN(2) == 0
		case "integer":
			lo, hi := 0, 100
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = *q.Max
			}
			a[q.ID] = lo + rng.IntN(max(hi-lo, 0)+1)
		case "text":
			a[q.ID] = clip(texts[rng.IntN(len(texts))], q.MaxLength)
		}
	}
	return a
}

// several picks one to three distinct choices; "none" and "prefer not to answer" stand alone.
func (q *question) several(rng *mathrand.Rand) []string {
	ids := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		ids[i] = c.ID
	}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	picked := ids[:min(1+rng.IntN(3), len(ids))]
	for _, id := range picked {
		if id == "none" || id == "prefer_not" {
			return []string{id}
		}
	}
	return picked
}

// ranked orders exactly rank distinct choices, never "prefer not to answer", which stands alone.
func (q *question) ranked(rng *mathrand.Rand) []string {
	var ids []string
	for _, c := range q.Choices {
		if c.ID != "prefer_not" {
			ids = append(ids, c.ID)
		}
	}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	n := q.Rank
	if n < 1 || n > len(ids) {
		n = len(ids)
	}
	return ids[:n]
}

var texts = []string{
	"Más luz en las calles.",
	"Que el centro de salud atienda a todas las personas igual.",
	"Ayuda con los documentos.",
	"Agua potable en el barrio.",
	"A safe park for the children.",
	"Trabalho para os jovens.",
}

func clip(s string, maxRunes int) string {
	if maxRunes <= 0 || utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	return string([]rune(s)[:maxRunes])
}

// submission is the body of POST /api/consultations/{id}/responses, with a fresh random UUID.
func (sv *surveyDef) submission(rng *mathrand.Rand) []byte {
	body, _ := json.Marshal(map[string]any{
		"id":             newUUID(),
		"survey_version": sv.Version,
		"language":       "es",
		"answers":        sv.answer(rng),
	})
	return body
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

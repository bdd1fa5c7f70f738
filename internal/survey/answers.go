package survey

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"consulta/internal/locale"
)

// Answers holds checked answers by question id. Values are: string (select_one, text or
// PreferNot), []string (select_multiple, rank in order), int (scale, integer) and bool (yes_no).
type Answers map[string]any

// AnswerError says why one answer was refused; Message gives it in the respondent's language.
type AnswerError struct {
	Question string
	Code     string
	Args     []any
}

// Message says what is wrong in lang.
func (e AnswerError) Message(lang string) string {
	if !locale.Has("answer." + e.Code) {
		return e.Code
	}
	return locale.T(lang, "answer."+e.Code, e.Args...)
}

// Check validates raw JSON answers against the survey, as the responses API receives them.
// Server-side validation is authoritative: the browser's checks are only a convenience.
func (s *Survey) Check(raw map[string]json.RawMessage) (Answers, []AnswerError) {
	var errs []AnswerError
	values := map[string]any{}
	for id, msg := range raw {
		q := s.Question(id)
		if q == nil {
			errs = append(errs, AnswerError{id, "unknown_question", nil})
			continue
		}
		v, err := q.decode(msg)
		if err != nil {
			errs = append(errs, *err)
			continue
		}
		if v != nil {
			values[id] = v
		}
	}
	return s.checkValues(values, errs)
}

// CheckForm validates answers posted by the HTML form, where every value is text.
func (s *Survey) CheckForm(form map[string][]string) (Answers, []AnswerError) {
	var errs []AnswerError
	values := map[string]any{}
	for _, q := range s.Questions {
		vs := slices.DeleteFunc(slices.Clone(form[q.ID]), func(v string) bool { return strings.TrimSpace(v) == "" })
		if q.Type == Rank {
			vs = rankFromForm(q, form)
		}
		if len(vs) == 0 {
			continue
		}
		v, err := q.fromForm(vs)
		if err != nil {
			errs = append(errs, *err)
			continue
		}
		if v != nil {
			values[q.ID] = v
		}
	}
	return s.checkValues(values, errs)
}

// rankFromForm reads a rank question posted as one select per place: id.1, id.2, ...
func rankFromForm(q *Question, form map[string][]string) []string {
	var out []string
	for i := 1; i <= q.Rank; i++ {
		if v := strings.TrimSpace(firstOf(form[fmt.Sprintf("%s.%d", q.ID, i)])); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// getter reads answers as relevant expressions see them.
func getter(a map[string]any) func(string) any {
	return func(id string) any {
		if v, ok := a[id].(int); ok {
			return float64(v)
		}
		return a[id]
	}
}

// Asked lists the questions that were put to a respondent with these checked answers:
// every answerable question whose relevant expression holds, answered or not.
func (s *Survey) Asked(a Answers) []string {
	get := getter(a)
	var out []string
	for _, q := range s.Questions {
		if q.Answerable() && (q.Expr == nil || q.Expr.Eval(get)) {
			out = append(out, q.ID)
		}
	}
	return out
}

// checkValues applies skip logic and requiredness in question order.
func (s *Survey) checkValues(values map[string]any, errs []AnswerError) (Answers, []AnswerError) {
	out := Answers{}
	get := getter(out)
	failed := map[string]bool{}
	for _, e := range errs {
		failed[e.Question] = true
	}
	for _, q := range s.Questions {
		v, answered := values[q.ID]
		relevant := q.Expr == nil || q.Expr.Eval(get)
		switch {
		case !relevant && answered:
			errs = append(errs, AnswerError{q.ID, "not_relevant", nil})
		case relevant && !answered && q.Required && q.Answerable() && !failed[q.ID]:
			errs = append(errs, AnswerError{q.ID, "required", nil})
		case answered && relevant:
			out[q.ID] = v
		}
	}
	slices.SortStableFunc(errs, func(a, b AnswerError) int {
		return s.index(a.Question) - s.index(b.Question)
	})
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func (s *Survey) index(id string) int {
	i := slices.IndexFunc(s.Questions, func(q *Question) bool { return q.ID == id })
	if i < 0 {
		return len(s.Questions)
	}
	return i
}

func (q *Question) fail(code string, args ...any) *AnswerError {
	return &AnswerError{Question: q.ID, Code: code, Args: args}
}

// decode turns one JSON value into a checked answer; null and empty values mean unanswered.
func (q *Question) decode(msg json.RawMessage) (any, *AnswerError) {
	msg = bytes.TrimSpace(msg)
	if len(msg) == 0 || string(msg) == "null" {
		return nil, nil
	}
	if q.Type == Note {
		return nil, q.fail("note")
	}
	// JSON decoding would turn invalid UTF-8 into U+FFFD silently: refuse it instead.
	if !utf8.Valid(msg) {
		return nil, q.fail("bad_utf8")
	}
	var pn string
	if q.PreferNot && unmarshalString(msg, &pn) == nil && pn == PreferNot && !q.HasChoices() {
		return PreferNot, nil
	}
	switch q.Type {
	case SelectOne:
		var id string
		if unmarshalString(msg, &id) != nil {
			return nil, q.fail("want_choice")
		}
		return q.oneChoice(id)
	case SelectMultiple, Rank:
		var ids []string
		if json.Unmarshal(msg, &ids) != nil {
			return nil, q.fail("want_list")
		}
		return q.manyChoices(ids)
	case Scale, Integer:
		var f float64
		if json.Unmarshal(msg, &f) != nil {
			return nil, q.fail("want_number")
		}
		return q.number(f)
	case YesNo:
		switch string(msg) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		var b bool
		if json.Unmarshal(msg, &b) != nil {
			return nil, q.fail("want_bool")
		}
		return b, nil
	case Text:
		var t string
		if unmarshalString(msg, &t) != nil {
			return nil, q.fail("want_text")
		}
		return q.text(t)
	}
	return nil, q.fail("unknown_question")
}

// unmarshalString is json.Unmarshal into a string, without its reflection for a string with no
// escapes (most answers are one): msg is trimmed and valid UTF-8, so its bytes are the string.
func unmarshalString(msg []byte, s *string) error {
	if len(msg) >= 2 && msg[0] == '"' && msg[len(msg)-1] == '"' &&
		!slices.ContainsFunc(msg[1:len(msg)-1], func(c byte) bool { return c == '\\' || c == '"' || c < 0x20 }) {
		*s = string(msg[1 : len(msg)-1])
		return nil
	}
	return json.Unmarshal(msg, s)
}

// fromForm turns posted form values into a checked answer.
func (q *Question) fromForm(vs []string) (any, *AnswerError) {
	first := strings.TrimSpace(vs[0])
	if q.PreferNot && first == PreferNot && !q.HasChoices() {
		return PreferNot, nil
	}
	switch q.Type {
	case Note:
		return nil, nil
	case SelectOne:
		if len(vs) > 1 {
			return nil, q.fail("want_choice")
		}
		return q.oneChoice(first)
	case SelectMultiple, Rank:
		return q.manyChoices(vs)
	case Scale, Integer:
		if !wholeNumber.MatchString(first) {
			return nil, q.fail("want_number")
		}
		f, err := strconv.ParseFloat(first, 64)
		if err != nil {
			return nil, q.fail("want_number")
		}
		return q.number(f)
	case YesNo:
		switch first {
		case "yes", "true":
			return true, nil
		case "no", "false":
			return false, nil
		}
		return nil, q.fail("want_bool")
	case Text:
		return q.text(vs[0])
	}
	return nil, nil
}

func (q *Question) oneChoice(id string) (any, *AnswerError) {
	if q.Choice(id) == nil {
		return nil, q.fail("unknown_choice", clip(id))
	}
	return id, nil
}

func (q *Question) manyChoices(ids []string) (any, *AnswerError) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) > len(q.Choices) {
		return nil, q.fail("too_many", len(q.Choices))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if q.Choice(id) == nil {
			return nil, q.fail("unknown_choice", clip(id))
		}
		if seen[id] {
			return nil, q.fail("repeated_choice", clip(id))
		}
		seen[id] = true
	}
	if seen[PreferNot] && len(ids) > 1 {
		return nil, q.fail("prefer_not_alone")
	}
	if len(ids) > 1 {
		for _, id := range ids {
			if c := q.Choice(id); c.Exclusive {
				return nil, q.fail("exclusive_alone", clip(id))
			}
		}
	}
	if q.Type == Rank && len(ids) > q.Rank && !seen[PreferNot] {
		return nil, q.fail("rank_too_many", q.Rank)
	}
	return slices.Clone(ids), nil
}

// maxWhole bounds a number answer where the question sets no bound of its own.
const maxWhole = 1_000_000_000

func (q *Question) number(f float64) (any, *AnswerError) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return nil, q.fail("want_whole")
	}
	// A whole number out of range is told the question's range, not asked to be a whole number.
	switch {
	case q.Type == Scale && (f < 1 || f > float64(q.Points)):
		return nil, q.fail("scale_range", q.Points)
	case q.Min != nil && f < float64(*q.Min):
		return nil, q.fail("below_min", *q.Min)
	case q.Max != nil && f > float64(*q.Max):
		return nil, q.fail("above_max", *q.Max)
	case f > maxWhole:
		return nil, q.fail("above_max", maxWhole)
	case f < -maxWhole:
		return nil, q.fail("below_min", -maxWhole)
	}
	n := int(f)
	if q.Type == Scale && (n < 1 || n > q.Points) {
		return nil, q.fail("scale_range", q.Points)
	}
	if q.Min != nil && n < *q.Min {
		return nil, q.fail("below_min", *q.Min)
	}
	if q.Max != nil && n > *q.Max {
		return nil, q.fail("above_max", *q.Max)
	}
	return n, nil
}

func (q *Question) text(t string) (any, *AnswerError) {
	if !utf8.ValidString(t) {
		return nil, q.fail("bad_utf8")
	}
	if strings.ContainsFunc(t, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }) {
		return nil, q.fail("control_chars")
	}
	t = strings.TrimSpace(strings.ReplaceAll(t, "\r\n", "\n"))
	// Only spaces and invisible characters (zero-width spaces, joiners, marks) is no answer.
	if strings.TrimFunc(t, invisible) == "" {
		return nil, nil
	}
	if n := utf8.RuneCountInString(t); n > q.MaxLength {
		return nil, q.fail("too_long", q.MaxLength, n)
	}
	return t, nil
}

// wholeNumber is a number as a form field carries it: digits, an optional sign and decimals
// with a point. "3x", "2,5" and "1_0" are refused rather than read as 3, 2 and 10.
var wholeNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// clip keeps an echoed value short, so an error message never carries a huge string back.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	r := []rune(s)
	if len(r) > 40 {
		r = r[:40]
	}
	return string(r) + "…"
}

// invisible reports a rune that shows nothing: white space, format characters (zero-width
// space, joiners, direction marks, the byte order mark) and the Hangul fillers.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == '\u3164' || r == '\u115f' || r == '\u1160' || r == '\uffa0'
}

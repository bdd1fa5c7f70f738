package survey

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// answersSurvey has one question of each type; satisfied and why_not depend on visited.
const answersSurvey = `
id: answers
title: {es: "Respuestas", en: "Answers", pt: "Respostas"}
audience: adult
languages: [es, en, pt]
questions:
  - id: intro
    type: note
    label: {es: "Hola", en: "Hello", pt: "Olá"}
  - id: visited
    type: yes_no
    required: true
    prefer_not: true
    label: {es: "¿Fue?", en: "Did you go?", pt: "Foi?"}
  - id: service
    type: select_one
    prefer_not: true
    choices: services
    label: {es: "Servicio", en: "Service", pt: "Serviço"}
  - id: services
    type: select_multiple
    prefer_not: true
    choices: services
    relevant: "${visited} = 'yes'"
    label: {es: "Servicios", en: "Services", pt: "Serviços"}
  - id: top
    type: rank
    rank: 2
    prefer_not: true
    choices: services
    label: {es: "Orden", en: "Order", pt: "Ordem"}
  - id: satisfied
    type: scale
    points: 5
    required: true
    relevant: "${visited} = 'yes'"
    label: {es: "Satisfacción", en: "Satisfaction", pt: "Satisfação"}
  - id: people
    type: integer
    min: 1
    max: 30
    prefer_not: true
    label: {es: "Personas", en: "People", pt: "Pessoas"}
  - id: comment
    type: text
    max_length: 300
    label: {es: "Comentario", en: "Comment", pt: "Comentário"}
  - id: why_not
    type: text
    required: true
    relevant: "${visited} = 'no'"
    label: {es: "¿Por qué no?", en: "Why not?", pt: "Por que não?"}
choices:
  services:
    - {id: health, label: {es: "Salud", en: "Health", pt: "Saúde"}}
    - {id: school, label: {es: "Escuela", en: "School", pt: "Escola"}}
    - {id: water, label: {es: "Agua", en: "Water", pt: "Água"}}
`

func mustParse(t testing.TB, src string) *Survey {
	t.Helper()
	s, problems := Parse("answers.yaml", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("survey does not load:\n%s", problems.Message("en"))
	}
	return s
}

// visitedYes is the least a respondent who went must answer.
var visitedYes = map[string]string{"visited": "true", "satisfied": "4"}

// with returns base plus answers, as JSON text by question id.
func with(base map[string]string, answers map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range answers {
		out[k] = v
	}
	return out
}

func rawAnswers(m map[string]string) map[string]json.RawMessage {
	raw := map[string]json.RawMessage{}
	for k, v := range m {
		raw[k] = json.RawMessage(v)
	}
	return raw
}

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// codes lists errors as "question:code", in the order Check returned them.
func codes(errs []AnswerError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Question+":"+e.Code)
	}
	return out
}

// checkAnswerMessages checks that every error reads in each language, translated.
func checkAnswerMessages(t *testing.T, errs []AnswerError) {
	t.Helper()
	for _, e := range errs {
		es, en, pt := e.Message("es"), e.Message("en"), e.Message("pt")
		if es == e.Code || es == en || en == pt || es == pt {
			t.Errorf("%s: messages not translated: %q %q %q", e.Code, es, en, pt)
		}
		for _, m := range []string{es, en, pt} {
			if strings.Contains(m, "%!") {
				t.Errorf("%s: arguments do not fit the format: %q", e.Code, m)
			}
		}
	}
}

var tildes300 = strings.Repeat("ñ", 300)

func TestCheckAccepts(t *testing.T) {
	s := mustParse(t, answersSurvey)
	for _, c := range []struct {
		name    string
		answers map[string]string
		want    Answers
	}{
		{"every type", with(visitedYes, map[string]string{
			"intro":     "null",
			"service":   `"water"`,
			"services":  `["water", "health"]`,
			"top":       `["school", "health"]`,
			"satisfied": "5",
			"people":    "3",
			"comment":   `"  hola \r\n mundo\t "`,
		}), Answers{
			"visited": true, "service": "water", "services": []string{"water", "health"},
			"top": []string{"school", "health"}, "satisfied": 5, "people": 3, "comment": "hola \n mundo",
		}},
		{"whole numbers written as decimals", with(visitedYes, map[string]string{"satisfied": "4.0", "people": "3e1"}),
			Answers{"visited": true, "satisfied": 4, "people": 30}},
		{"the edges of each range", with(visitedYes, map[string]string{"satisfied": "1", "people": "1"}),
			Answers{"visited": true, "satisfied": 1, "people": 1}},
		{"max of an integer", with(visitedYes, map[string]string{"satisfied": "5", "people": "30"}),
			Answers{"visited": true, "satisfied": 5, "people": 30}},
		{"a required question that is not relevant is not required",
			map[string]string{"visited": "false", "why_not": `"lejos"`},
			Answers{"visited": false, "why_not": "lejos"}},
		{"prefer_not on questions without choices",
			map[string]string{"visited": `"prefer_not"`, "people": `"prefer_not"`},
			Answers{"visited": PreferNot, "people": PreferNot}},
		{"prefer_not on choice questions", with(visitedYes, map[string]string{
			"service": `"prefer_not"`, "services": `["prefer_not"]`, "top": `["prefer_not"]`}),
			Answers{"visited": true, "satisfied": 4, "service": PreferNot, "services": []string{PreferNot}, "top": []string{PreferNot}}},
		{"prefer_not is plain text where it is not offered", with(visitedYes, map[string]string{"comment": `"prefer_not"`}),
			Answers{"visited": true, "satisfied": 4, "comment": "prefer_not"}},
		{"null, empty list and blank text are unanswered", with(visitedYes, map[string]string{
			"service": "null", "services": "[]", "top": " null ", "comment": `"  \n "`, "people": "null"}),
			Answers{"visited": true, "satisfied": 4}},
		{"fewer ranked than rank", with(visitedYes, map[string]string{"top": `["water"]`}),
			Answers{"visited": true, "satisfied": 4, "top": []string{"water"}}},
		{"300 characters of two bytes each", with(visitedYes, map[string]string{"comment": jsonString(tildes300)}),
			Answers{"visited": true, "satisfied": 4, "comment": tildes300}},
		{"300 characters after trimming", with(visitedYes, map[string]string{"comment": jsonString("  " + strings.Repeat("a", 300) + "\n")}),
			Answers{"visited": true, "satisfied": 4, "comment": strings.Repeat("a", 300)}},
		{"escaped unicode", with(visitedYes, map[string]string{"comment": `"\u00f1and\u00fa \ud83d\ude00"`}),
			Answers{"visited": true, "satisfied": 4, "comment": "ñandú 😀"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, errs := s.Check(rawAnswers(c.answers))
			if len(errs) > 0 {
				t.Fatalf("refused: %v", codes(errs))
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
		})
	}
}

func TestCheckRefuses(t *testing.T) {
	s := mustParse(t, answersSurvey)
	utf8Bug := "Check lets encoding/json turn invalid UTF-8 into U+FFFD, so bad_utf8 never fires"
	for _, c := range []struct {
		name    string
		answers map[string]string
		want    []string
		args    []any // when set, the first error's Args
		bug     string
	}{
		{"unknown question", with(visitedYes, map[string]string{"nope": `"x"`}), []string{"nope:unknown_question"}, nil, ""},
		{"answering a note", with(visitedYes, map[string]string{"intro": `"hola"`}), []string{"intro:note"}, nil, ""},
		{"required missing", map[string]string{}, []string{"visited:required"}, nil, ""},
		{"required relevant missing", map[string]string{"visited": "true"}, []string{"satisfied:required"}, nil, ""},
		{"required made relevant by an earlier answer", map[string]string{"visited": "false"}, []string{"why_not:required"}, nil, ""},
		{"answer made irrelevant by an earlier answer",
			map[string]string{"visited": "false", "why_not": `"lejos"`, "satisfied": "3", "services": `["health"]`},
			[]string{"services:not_relevant", "satisfied:not_relevant"}, nil, ""},
		{"answer to a question whose condition is unanswered",
			map[string]string{"satisfied": "3"}, []string{"visited:required", "satisfied:not_relevant"}, nil, ""},

		{"yes_no as a string", map[string]string{"visited": `"yes"`}, []string{"visited:want_bool"}, nil, ""},
		{"yes_no as a number", map[string]string{"visited": "1"}, []string{"visited:want_bool"}, nil, ""},
		{"select_one as a number", with(visitedYes, map[string]string{"service": "3"}), []string{"service:want_choice"}, nil, ""},
		{"select_one as a list", with(visitedYes, map[string]string{"service": `["health"]`}), []string{"service:want_choice"}, nil, ""},
		{"select_multiple as a string", with(visitedYes, map[string]string{"services": `"health"`}), []string{"services:want_list"}, nil, ""},
		{"select_multiple of numbers", with(visitedYes, map[string]string{"services": `[1, 2]`}), []string{"services:want_list"}, nil, ""},
		{"rank as a string", with(visitedYes, map[string]string{"top": `"health"`}), []string{"top:want_list"}, nil, ""},
		{"rank as an object", with(visitedYes, map[string]string{"top": `{"1": "health"}`}), []string{"top:want_list"}, nil, ""},
		{"scale as a string", with(visitedYes, map[string]string{"satisfied": `"4"`}), []string{"satisfied:want_number"}, nil, ""},
		{"scale as a boolean", with(visitedYes, map[string]string{"satisfied": "true"}), []string{"satisfied:want_number"}, nil, ""},
		{"prefer_not on a scale that does not offer it", with(visitedYes, map[string]string{"satisfied": `"prefer_not"`}), []string{"satisfied:want_number"}, nil, ""},
		{"integer as a string", with(visitedYes, map[string]string{"people": `"3"`}), []string{"people:want_number"}, nil, ""},
		{"text as a number", with(visitedYes, map[string]string{"comment": "5"}), []string{"comment:want_text"}, nil, ""},
		{"text as a list", with(visitedYes, map[string]string{"comment": `["a"]`}), []string{"comment:want_text"}, nil, ""},

		{"unknown choice", with(visitedYes, map[string]string{"service": `"gas"`}), []string{"service:unknown_choice"}, []any{"gas"}, ""},
		{"unknown choice in a list", with(visitedYes, map[string]string{"services": `["health", "gas"]`}), []string{"services:unknown_choice"}, []any{"gas"}, ""},
		{"unknown choice in a rank", with(visitedYes, map[string]string{"top": `["gas"]`}), []string{"top:unknown_choice"}, []any{"gas"}, ""},
		{"a long unknown choice is clipped", with(visitedYes, map[string]string{"service": jsonString(strings.Repeat("ñ", 100))}),
			[]string{"service:unknown_choice"}, []any{strings.Repeat("ñ", 40) + "…"}, ""},
		{"repeated choice", with(visitedYes, map[string]string{"services": `["health", "health"]`}), []string{"services:repeated_choice"}, []any{"health"}, ""},
		{"repeated choice in a rank", with(visitedYes, map[string]string{"top": `["water", "water"]`}), []string{"top:repeated_choice"}, []any{"water"}, ""},
		{"prefer_not with others", with(visitedYes, map[string]string{"services": `["health", "prefer_not"]`}), []string{"services:prefer_not_alone"}, nil, ""},
		{"prefer_not first in a rank", with(visitedYes, map[string]string{"top": `["prefer_not", "water"]`}), []string{"top:prefer_not_alone"}, nil, ""},
		{"more answers than choices", with(visitedYes, map[string]string{"services": `["health", "school", "water", "prefer_not", "health"]`}),
			[]string{"services:too_many"}, []any{4}, ""},
		{"rank longer than rank", with(visitedYes, map[string]string{"top": `["health", "school", "water"]`}), []string{"top:rank_too_many"}, []any{2}, ""},

		{"scale 0", with(visitedYes, map[string]string{"satisfied": "0"}), []string{"satisfied:scale_range"}, []any{5}, ""},
		{"scale 6", with(visitedYes, map[string]string{"satisfied": "6"}), []string{"satisfied:scale_range"}, []any{5}, ""},
		{"scale not whole", with(visitedYes, map[string]string{"satisfied": "4.5"}), []string{"satisfied:want_whole"}, nil, ""},
		{"integer below min", with(visitedYes, map[string]string{"people": "0"}), []string{"people:below_min"}, []any{1}, ""},
		{"integer negative", with(visitedYes, map[string]string{"people": "-3"}), []string{"people:below_min"}, []any{1}, ""},
		{"integer above max", with(visitedYes, map[string]string{"people": "31"}), []string{"people:above_max"}, []any{30}, ""},
		{"integer not whole", with(visitedYes, map[string]string{"people": "2.5"}), []string{"people:want_whole"}, nil, ""},
		// A whole number out of range is told the question's range, however large.
		{"integer too large to hold", with(visitedYes, map[string]string{"people": "1e300"}), []string{"people:above_max"}, []any{30}, ""},
		{"integer of 10^12", with(visitedYes, map[string]string{"people": "1000000000000"}), []string{"people:above_max"}, []any{30}, ""},
		{"integer of -10^12", with(visitedYes, map[string]string{"people": "-1000000000000"}), []string{"people:below_min"}, []any{1}, ""},

		{"text one character too long", with(visitedYes, map[string]string{"comment": jsonString(tildes300 + "ñ")}),
			[]string{"comment:too_long"}, []any{300, 301}, ""},
		{"text too long by default", map[string]string{"visited": "false", "why_not": jsonString(strings.Repeat("a", DefaultMaxLength+1))},
			[]string{"why_not:too_long"}, []any{DefaultMaxLength, DefaultMaxLength + 1}, ""},
		{"text with a bell", with(visitedYes, map[string]string{"comment": `"ding\u0007"`}), []string{"comment:control_chars"}, nil, ""},
		{"text with NUL", with(visitedYes, map[string]string{"comment": `"a\u0000b"`}), []string{"comment:control_chars"}, nil, ""},
		{"text with an escape sequence", with(visitedYes, map[string]string{"comment": `"\u001b[31mred"`}), []string{"comment:control_chars"}, nil, ""},
		{"text with DEL", with(visitedYes, map[string]string{"comment": `"a\u007f"`}), []string{"comment:control_chars"}, nil, ""},
		{"text with invalid UTF-8", with(visitedYes, map[string]string{"comment": "\"caf\xe9\""}), []string{"comment:bad_utf8"}, nil, utf8Bug},

		{"errors come in question order",
			with(visitedYes, map[string]string{"nope": "1", "people": "0", "service": `"gas"`, "intro": `"x"`}),
			[]string{"intro:note", "service:unknown_choice", "people:below_min", "nope:unknown_question"}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, errs := s.Check(rawAnswers(c.answers))
			if c.bug != "" && len(errs) == 0 {
				t.Fatalf("%s: accepted %#v", c.bug, got)
			}
			if got != nil {
				t.Errorf("answers returned along with errors: %v", got)
			}
			if !slices.Equal(codes(errs), c.want) {
				t.Fatalf("errors %v, want %v", codes(errs), c.want)
			}
			if c.args != nil && fmt.Sprint(errs[0].Args) != fmt.Sprint(c.args) {
				t.Errorf("Args = %v, want %v", errs[0].Args, c.args)
			}
			checkAnswerMessages(t, errs)
		})
	}
}

func TestCheckForm(t *testing.T) {
	s := mustParse(t, answersSurvey)
	yes := url.Values{"visited": {"yes"}, "satisfied": {"4"}}
	form := func(extra url.Values) url.Values {
		out := url.Values{}
		for k, v := range yes {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	numberBug := "CheckForm reads numbers with fmt.Sscan, which takes 3x as 3, 2,5 as 2 and 1_0 as 10"
	for _, c := range []struct {
		name string
		form url.Values
		want Answers
		errs []string
		bug  string
	}{
		{name: "every type", form: url.Values{
			"csrf_token": {"abc"},
			"intro":      {"anything"},
			"visited":    {"yes"},
			"service":    {"water"},
			"services":   {"water", "health"},
			"top.1":      {"school"},
			"top.2":      {"health"},
			"satisfied":  {" 5 "},
			"people":     {"3"},
			"comment":    {"  hola\r\nmundo  "},
		}, want: Answers{
			"visited": true, "service": "water", "services": []string{"water", "health"},
			"top": []string{"school", "health"}, "satisfied": 5, "people": 3, "comment": "hola\nmundo",
		}},
		{name: "yes_no as true and false", form: url.Values{"visited": {"false"}, "why_not": {"lejos"}},
			want: Answers{"visited": false, "why_not": "lejos"}},
		{name: "yes_no no", form: url.Values{"visited": {"no"}, "why_not": {"lejos"}},
			want: Answers{"visited": false, "why_not": "lejos"}},
		{name: "rank in the order of its places", form: form(url.Values{"top.1": {"water"}, "top.2": {"health"}}),
			want: Answers{"visited": true, "satisfied": 4, "top": []string{"water", "health"}}},
		{name: "rank with the first place empty", form: form(url.Values{"top.1": {""}, "top.2": {"health"}}),
			want: Answers{"visited": true, "satisfied": 4, "top": []string{"health"}}},
		{name: "rank places past rank are ignored", form: form(url.Values{"top.1": {"water"}, "top.3": {"health"}}),
			want: Answers{"visited": true, "satisfied": 4, "top": []string{"water"}}},
		{name: "rank posted under its own id is ignored", form: form(url.Values{"top": {"water", "health"}}),
			want: Answers{"visited": true, "satisfied": 4}},
		{name: "rank prefer_not", form: form(url.Values{"top.1": {"prefer_not"}}),
			want: Answers{"visited": true, "satisfied": 4, "top": []string{PreferNot}}},
		{name: "empty fields are unanswered", form: form(url.Values{"service": {""}, "services": {"", " "}, "comment": {"   "}, "people": {""}}),
			want: Answers{"visited": true, "satisfied": 4}},
		{name: "empty checkbox among ticked ones", form: form(url.Values{"services": {"", "water"}}),
			want: Answers{"visited": true, "satisfied": 4, "services": []string{"water"}}},
		{name: "prefer_not on an integer", form: form(url.Values{"people": {"prefer_not"}}),
			want: Answers{"visited": true, "satisfied": 4, "people": PreferNot}},
		{name: "300 characters of ñ", form: form(url.Values{"comment": {tildes300}}),
			want: Answers{"visited": true, "satisfied": 4, "comment": tildes300}},

		{name: "required missing", form: url.Values{}, errs: []string{"visited:required"}},
		{name: "required relevant missing", form: url.Values{"visited": {"yes"}}, errs: []string{"satisfied:required"}},
		{name: "answer made irrelevant by an earlier answer", form: url.Values{"visited": {"no"}, "why_not": {"x"}, "satisfied": {"3"}},
			errs: []string{"satisfied:not_relevant"}},
		{name: "two values for a select_one", form: form(url.Values{"service": {"water", "health"}}), errs: []string{"service:want_choice"}},
		{name: "unknown choice", form: form(url.Values{"services": {"gas"}}), errs: []string{"services:unknown_choice"}},
		{name: "repeated rank", form: form(url.Values{"top.1": {"water"}, "top.2": {"water"}}), errs: []string{"top:repeated_choice"}},
		{name: "yes_no maybe", form: url.Values{"visited": {"maybe"}}, errs: []string{"visited:want_bool"}},
		{name: "scale in words", form: form(url.Values{"satisfied": {"four"}}), errs: []string{"satisfied:want_number"}},
		{name: "scale not whole", form: form(url.Values{"satisfied": {"4.5"}}), errs: []string{"satisfied:want_whole"}},
		{name: "scale out of range", form: form(url.Values{"satisfied": {"9"}}), errs: []string{"satisfied:scale_range"}},
		{name: "two numbers", form: form(url.Values{"people": {"3 4"}}), errs: []string{"people:want_number"}},
		{name: "integer above max", form: form(url.Values{"people": {"31"}}), errs: []string{"people:above_max"}},
		{name: "number with letters after it", form: form(url.Values{"people": {"3x"}}), errs: []string{"people:want_number"}, bug: numberBug},
		{name: "decimal comma", form: form(url.Values{"people": {"2,5"}}), errs: []string{"people:want_number"}, bug: numberBug},
		{name: "digits grouped with _", form: form(url.Values{"people": {"1_0"}}), errs: []string{"people:want_number"}, bug: numberBug},
		{name: "text too long", form: form(url.Values{"comment": {tildes300 + "ñ"}}), errs: []string{"comment:too_long"}},
		{name: "text with invalid UTF-8", form: form(url.Values{"comment": {"caf\xe9"}}), errs: []string{"comment:bad_utf8"}},
		{name: "text with a control character", form: form(url.Values{"comment": {"a\x1bb"}}), errs: []string{"comment:control_chars"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, errs := s.CheckForm(c.form)
			if c.bug != "" && !slices.Equal(codes(errs), c.errs) {
				t.Fatalf("%s: got %#v, %v", c.bug, got, codes(errs))
			}
			if !slices.Equal(codes(errs), c.errs) {
				t.Fatalf("errors %v, want %v", codes(errs), c.errs)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %#v\nwant %#v", got, c.want)
			}
			checkAnswerMessages(t, errs)
		})
	}
}

// TestCheckRequiredNote: a note takes no answer, so required on a note must not make every
// response fail. Refusing the file at load would do as well.
func TestCheckRequiredNote(t *testing.T) {
	src := strings.Replace(answersSurvey, "    type: note\n", "    type: note\n    required: true\n", 1)
	s, problems := Parse("answers.yaml", []byte(src))
	if len(problems) > 0 {
		return
	}
	if !s.Question("intro").Required {
		t.Fatal("the edit did not make the note required")
	}
	answers := map[string]string{"visited": "false", "why_not": `"lejos"`}
	if _, errs := s.Check(rawAnswers(answers)); len(errs) > 0 {
		t.Fatalf("a required note is required and cannot be answered: %v", codes(errs))
	}
	if _, errs := s.CheckForm(url.Values{"visited": {"no"}, "why_not": {"lejos"}}); len(errs) > 0 {
		t.Errorf("CheckForm: %v", codes(errs))
	}
}

func TestProfileOf(t *testing.T) {
	wg := func(values ...string) Answers {
		a := Answers{}
		for i, v := range values {
			if v != "" {
				a[WashingtonGroup[i]] = v
			}
		}
		return a
	}
	for _, c := range []struct {
		name    string
		answers Answers
		want    string
	}{
		{"all six without difficulty", wg("no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty"), WithoutDis},
		{"all six with some difficulty", wg("some_difficulty", "some_difficulty", "some_difficulty", "some_difficulty", "some_difficulty", "some_difficulty"), WithoutDis},
		{"one domain a lot", wg("no_difficulty", "no_difficulty", "no_difficulty", "a_lot", "no_difficulty", "no_difficulty"), WithDis},
		{"one domain cannot do", wg("some_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "cannot_do"), WithDis},
		{"a lot, the rest unanswered", wg("", "", "a_lot"), WithDis},
		{"cannot do, the rest declined", wg(PreferNot, PreferNot, PreferNot, PreferNot, "cannot_do", PreferNot), WithDis},
		{"a lot after a declined one", wg(PreferNot, "a_lot"), WithDis},
		{"one domain unanswered", wg("no_difficulty", "no_difficulty", "", "no_difficulty", "no_difficulty", "no_difficulty"), ""},
		{"one domain declined", wg("no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", PreferNot), ""},
		{"none answered", Answers{}, ""},
		{"all declined", wg(PreferNot, PreferNot, PreferNot, PreferNot, PreferNot, PreferNot), ""},
		{"a value that is not a choice", wg("no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "no_difficulty", "yes"), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ProfileOf(c.answers).Disability; got != c.want {
				t.Errorf("Disability = %q, want %q", got, c.want)
			}
		})
	}

	p := ProfileOf(Answers{Group: "displaced", Gender: PreferNot, AgeBand: "age_18_29", "visited": true})
	if want := (Profile{Group: "displaced", Gender: PreferNot, AgeBand: "age_18_29"}); p != want {
		t.Errorf("ProfileOf = %+v, want %+v", p, want)
	}
	if p := ProfileOf(Answers{Group: []string{"host"}, Gender: 3}); p != (Profile{}) {
		t.Errorf("ProfileOf of values of the wrong type = %+v", p)
	}
}

// TestProfileThroughCheck reads the profile from answers the way a response arrives.
func TestProfileThroughCheck(t *testing.T) {
	src := strings.Replace(answersSurvey, "languages: [es, en, pt]", "languages: [es, en, pt]\nprofile: [group, gender, age_band, disability]", 1)
	s := mustParse(t, src)
	answers := map[string]string{
		"group": `"refugee"`, "gender": `"female"`, "age_band": `"age_30_59"`,
		"wg_seeing": `"no_difficulty"`, "wg_hearing": `"cannot_do"`, "visited": "false", "why_not": `"lejos"`,
	}
	got, errs := s.Check(rawAnswers(answers))
	if len(errs) > 0 {
		t.Fatalf("refused: %v", codes(errs))
	}
	want := Profile{Group: "refugee", Gender: "female", AgeBand: "age_30_59", Disability: WithDis}
	if p := ProfileOf(got); p != want {
		t.Errorf("ProfileOf = %+v, want %+v", p, want)
	}

	_, errs = s.Check(rawAnswers(map[string]string{"visited": "false", "why_not": `"x"`}))
	if want := []string{"group:required", "gender:required", "age_band:required"}; !slices.Equal(codes(errs), want) {
		t.Errorf("without a profile: %v, want %v", codes(errs), want)
	}
	_, errs = s.Check(rawAnswers(with(answers, map[string]string{"age_band": `"age_8_12"`})))
	if want := []string{"age_band:unknown_choice"}; !slices.Equal(codes(errs), want) {
		t.Errorf("a child's age band in an adult survey: %v, want %v", codes(errs), want)
	}
	_, errs = s.Check(rawAnswers(with(answers, map[string]string{"wg_walking": `"sometimes"`})))
	if want := []string{"wg_walking:unknown_choice"}; !slices.Equal(codes(errs), want) {
		t.Errorf("a made-up difficulty: %v, want %v", codes(errs), want)
	}
}

// An exclusive choice ("none") stands alone: combined with another it is refused, with the
// choice named, in the respondent's language; alone it is stored.
func TestExclusiveChoiceStandsAlone(t *testing.T) {
	s := mustParse(t, `
id: exclusive
title: {es: "E", en: "E", pt: "E"}
audience: adult
languages: [es, en, pt]
questions:
  - id: barriers
    type: select_multiple
    label: {es: "Barreras", en: "Barriers", pt: "Barreiras"}
    choices:
      - {id: cost, label: {es: "Costo", en: "Cost", pt: "Custo"}}
      - {id: distance, label: {es: "Distancia", en: "Distance", pt: "Distância"}}
      - {id: none, exclusive: true, label: {es: "Ninguna", en: "None", pt: "Nenhuma"}}
`)
	if c := s.Questions[0].Choice("none"); c == nil || !c.Exclusive {
		t.Fatalf("choice none should load as exclusive: %+v", c)
	}
	if c := s.Questions[0].Choice("cost"); c.Exclusive {
		t.Fatal("choice cost is not exclusive")
	}
	q := s.Questions[0]
	if _, err := q.decode(json.RawMessage(`["cost", "none"]`)); err == nil || err.Code != "exclusive_alone" {
		t.Fatalf("cost with none: got %v, want exclusive_alone", err)
	} else if msg := err.Message("es"); !strings.Contains(msg, `"none"`) || !strings.Contains(msg, "no se combina") {
		t.Errorf("Spanish message %q should name the choice", msg)
	}
	if v, err := q.decode(json.RawMessage(`["none"]`)); err != nil || !reflect.DeepEqual(v, []string{"none"}) {
		t.Fatalf("none alone: %v %v", v, err)
	}
	if v, err := q.fromForm([]string{"cost", "distance"}); err != nil || !reflect.DeepEqual(v, []string{"cost", "distance"}) {
		t.Fatalf("two ordinary choices: %v %v", v, err)
	}
	if _, problems := Parse("bad.yaml", []byte(strings.Replace(`
id: exclusive
title: {es: "E", en: "E", pt: "E"}
audience: adult
languages: [es, en, pt]
questions:
  - id: barriers
    type: select_multiple
    label: {es: "B", en: "B", pt: "B"}
    choices:
      - {id: none, exclusive: maybe, label: {es: "N", en: "N", pt: "N"}}
`, "\t", "", -1))); len(problems) == 0 {
		t.Fatal("exclusive: maybe should be refused")
	}
}

// A text of only invisible characters (zero-width spaces, joiners, the byte order mark) is no
// answer, as an empty one is: nothing is stored for it.
func TestCheckInvisibleTextIsNoAnswer(t *testing.T) {
	s := mustParse(t, answersSurvey)
	for _, text := range []string{"\u200b", "\u200b\u200c\u200d", " \u2060\ufeff \u200e", "\u3164"} {
		got, errs := s.Check(rawAnswers(map[string]string{"visited": "true", "satisfied": "4", "comment": jsonString(text)}))
		if len(errs) > 0 {
			t.Fatalf("%q: errors %v", text, codes(errs))
		}
		if v, ok := got["comment"]; ok && v != nil {
			t.Errorf("%q is stored as the answer %q", text, v)
		}
	}
	got, _ := s.Check(rawAnswers(map[string]string{"visited": "true", "satisfied": "4", "comment": jsonString("\u200bsí\u200b")}))
	if got["comment"] == nil {
		t.Error("a text with visible characters among invisible ones is dropped")
	}
}

// TestUnmarshalStringAsJSON: the shortcut reads every answer as encoding/json does.
func TestUnmarshalStringAsJSON(t *testing.T) {
	for _, in := range []string{`"health"`, `""`, `"Upala, ñandú 🌱"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, `"a` + "\t" + `b"`,
		`"a`, `a"`, `"`, `12`, `["a"]`, `null`, `"a"b"`} {
		var got, want string
		gotErr, wantErr := unmarshalString([]byte(in), &got), json.Unmarshal([]byte(in), &want)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: %q, %v; encoding/json: %q, %v", in, got, gotErr, want, wantErr)
		}
	}
}

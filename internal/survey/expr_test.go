package survey

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// exprCase is one line of testdata/expr_cases.json, shared with the browser's relevant.js.
type exprCase struct {
	Expr    string         `json:"expr"`
	Answers map[string]any `json:"answers"`
	Want    bool           `json:"want"`
	Note    string         `json:"note"`
}

func loadExprCases(t testing.TB) []exprCase {
	t.Helper()
	data, err := os.ReadFile("testdata/expr_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []exprCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// exprGetter answers as the survey does: JSON arrays become []string.
func exprGetter(answers map[string]any) func(string) any {
	return func(id string) any {
		if list, ok := answers[id].([]any); ok {
			ids := []string{}
			for _, x := range list {
				ids = append(ids, x.(string))
			}
			return ids
		}
		return answers[id]
	}
}

func TestExprCases(t *testing.T) {
	cases := loadExprCases(t)
	if len(cases) < 40 {
		t.Fatalf("only %d shared cases", len(cases))
	}
	for _, c := range cases {
		e, err := ParseExpr(c.Expr)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", c.Expr, err)
			continue
		}
		if got := e.Eval(exprGetter(c.Answers)); got != c.Want {
			t.Errorf("%s with %v = %v, want %v (%s)", c.Expr, c.Answers, got, c.Want, c.Note)
		}
	}
}

func exprJSONString(t *testing.T, e *Expr) string {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExprTree(t *testing.T) {
	a, b, c := `{"op":"ref","name":"a"}`, `{"op":"ref","name":"b"}`, `{"op":"ref","name":"c"}`
	tests := []struct{ src, want string }{
		{"${a} or ${b} and ${c}", `{"op":"or","args":[` + a + `,{"op":"and","args":[` + b + `,` + c + `]}]}`},
		{"${a} and ${b} or ${c}", `{"op":"or","args":[{"op":"and","args":[` + a + `,` + b + `]},` + c + `]}`},
		{"(${a} or ${b}) and ${c}", `{"op":"and","args":[{"op":"or","args":[` + a + `,` + b + `]},` + c + `]}`},
		{"${a} or ${b} or ${c}", `{"op":"or","args":[` + a + `,` + b + `,` + c + `]}`},
		{"${a} or (${b} or ${c})", `{"op":"or","args":[` + a + `,` + b + `,` + c + `]}`},
		{"(${a} and ${b}) and ${c}", `{"op":"and","args":[` + a + `,` + b + `,` + c + `]}`},
		{"not(${a})", `{"op":"not","args":[` + a + `]}`},
		{"${a} = 'x'", `{"op":"=","args":[` + a + `,{"op":"str","value":"x"}]}`},
		{`${a} != "x"`, `{"op":"!=","args":[` + a + `,{"op":"str","value":"x"}]}`},
		{"${a} >= -2.5", `{"op":"\u003e=","args":[` + a + `,{"op":"num","value":-2.5}]}`},
		{"${a} < 0", `{"op":"\u003c","args":[` + a + `,{"op":"num","value":0}]}`},
		{"selected(${a}, 'x')", `{"op":"selected","args":[` + a + `,{"op":"str","value":"x"}]}`},
		{"count-selected(${a}) <= 3", `{"op":"\u003c=","args":[{"op":"count-selected","args":[` + a + `]},{"op":"num","value":3}]}`},
		{"${age_band} != 'age_8_12' and not(selected(${barriers}, 'none'))",
			`{"op":"and","args":[{"op":"!=","args":[{"op":"ref","name":"age_band"},{"op":"str","value":"age_8_12"}]},` +
				`{"op":"not","args":[{"op":"selected","args":[{"op":"ref","name":"barriers"},{"op":"str","value":"none"}]}]}]}`},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		if got := exprJSONString(t, e); got != tt.want {
			t.Errorf("ParseExpr(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestExprErrors(t *testing.T) {
	tests := []struct {
		src  string
		code string
		pos  int
	}{
		{"${a} = 'x' #", "unexpected_char", 11},
		{"$a = 1", "unexpected_char", 0},
		{"${a} ! 1", "unexpected_char", 5},
		{"${a} = -", "unexpected_char", 7},
		{"${a} = 'caf\xe9'", "unexpected_char", 11},
		{"\xff", "unexpected_char", 0},
		{"${a} = 'x", "unterminated_string", 7},
		{`${a} = "it's`, "unterminated_string", 7},
		{"${a} =", "unexpected_end", 6},
		{"${a} = 'x' and", "unexpected_end", 14},
		{"", "unexpected_end", 0},
		{"(${a} = 'x'", "unexpected_end", 11},
		{"${a", "unexpected_end", 3},
		{"not", "unexpected_end", 3},
		{"${a} = = 1", "unexpected_token", 7},
		{"(${a} = 'x' ${b})", "unexpected_token", 12},
		{"not ${a}", "unexpected_token", 4},
		{"selected(${a} 'x')", "unexpected_token", 14},
		{"selected(${a}, 3)", "unexpected_token", 15},
		{"${a} = yes", "unexpected_token", 7},
		{"${a} = 'x' AND ${b} = 'y'", "trailing_input", 11},
		{"${a} = 1 or foo(${b})", "unknown_function", 12},
		{"NOT(${a})", "unknown_function", 0},
		{"if (${a}, 1, 2)", "unknown_function", 0},
		{"selected(${a})", "wrong_arg_count", 0},
		{"${a} or not()", "wrong_arg_count", 8},
		{"count-selected(${a}, 'x')", "wrong_arg_count", 0},
		{"selected('a', 'x')", "not_a_reference", 9},
		{"count-selected(${a} or ${b}) > 1", "not_a_reference", 15},
		{"${} = 1", "empty_reference", 0},
		{"${a} = ${}", "empty_reference", 7},
		{"${1a} = 1", "invalid_reference", 0},
		{"${a b} = 1", "invalid_reference", 0},
		{"${a} = 1 and ${año} = 2", "invalid_reference", 13},
		{"1 < ${a} < 3", "chained_comparison", 9},
		{"${a} = ${b} = ${c}", "chained_comparison", 12},
		{"${a} = 1 ${b}", "trailing_input", 9},
		{"${a} = 1)", "trailing_input", 8},
		{"${a} = 1" + strings.Repeat("0", 400), "number_out_of_range", 7},
		{strings.Repeat("(", 60) + "1" + strings.Repeat(")", 60), "too_deep", maxExprDepth},
		{strings.Repeat("not(", 60) + "1" + strings.Repeat(")", 60), "too_deep", 4 * maxExprDepth},
	}
	codes := map[string]bool{}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		var xe *ExprError
		if !errors.As(err, &xe) {
			t.Errorf("ParseExpr(%q) = %v, %v; want %s at %d", tt.src, e, err, tt.code, tt.pos)
			continue
		}
		codes[xe.Code] = true
		if xe.Code != tt.code || xe.Pos != tt.pos {
			t.Errorf("ParseExpr(%q): %s at %d (%v), want %s at %d", tt.src, xe.Code, xe.Pos, xe, tt.code, tt.pos)
		}
		for _, lang := range []string{"es", "en", "pt"} {
			msg := xe.Message(lang)
			if strings.Contains(msg, "%!") || !strings.Contains(msg, " ") {
				t.Errorf("ParseExpr(%q).Message(%s) = %q", tt.src, lang, msg)
			}
		}
	}
	for code, langs := range exprMessages {
		if !codes[code] {
			t.Errorf("no test for error code %s", code)
		}
		for _, lang := range []string{"es", "en", "pt"} {
			if langs[lang] == "" {
				t.Errorf("error code %s has no %s message", code, lang)
			}
		}
	}
}

func TestExprErrorMessages(t *testing.T) {
	tests := []struct{ src, lang, want string }{
		{"(${a} = 'x' ${b})", "es", "columna 13: se esperaba ')' y se encontró '${b}'"},
		{"(${a} = 'x' ${b})", "en", "column 13: expected ')' but found '${b}'"},
		{"(${a} = 'x' ${b})", "pt", "coluna 13: esperava-se ')' e foi encontrado '${b}'"},
		{"(${a} = 'x' ${b})", "fr", "columna 13: se esperaba ')' y se encontró '${b}'"},
		{"selected(${a}, 3)", "en", "column 16: expected a quoted choice id but found '3'"},
		{"${a} = ", "es", "columna 8: la expresión termina antes de tiempo: se esperaba un valor (${pregunta}, 'texto', número o función)"},
		{"${a} = 1 or foo(${b})", "en", "column 13: unknown function 'foo'; not, selected and count-selected are allowed"},
		{"selected(${a})", "pt", "coluna 1: 'selected' leva 2 argumentos, não 1"},
		{"${a} #", "en", "column 6: unexpected character '#'"},
		{"${a b} = 1", "en", "column 1: '${a b}' is not a valid question id (letters, digits, _ . -, starting with a letter or _)"},
		{"1 < ${a} < 3", "en", "column 10: comparisons cannot be chained with '<'; join them with and: ${a} > 1 and ${a} < 5"},
		{"${a} = 'x' 'y'", "en", "column 12: unexpected 'y' after a complete expression (missing and or or?)"},
	}
	for _, tt := range tests {
		_, err := ParseExpr(tt.src)
		var xe *ExprError
		if !errors.As(err, &xe) {
			t.Errorf("ParseExpr(%q) = %v, want an *ExprError", tt.src, err)
			continue
		}
		if got := xe.Message(tt.lang); got != tt.want {
			t.Errorf("ParseExpr(%q).Message(%s)\n got %q\nwant %q", tt.src, tt.lang, got, tt.want)
		}
	}
	if _, err := ParseExpr("${a} #"); err.Error() != "column 6: unexpected character '#'" {
		t.Errorf("Error() = %q, want the English message", err)
	}
}

func TestExprString(t *testing.T) {
	tests := []struct{ src, want string }{
		{`${a}='x'and${b}="y"`, "${a} = 'x' and ${b} = 'y'"},
		{"${a} or (${b} or ${c})", "${a} or ${b} or ${c}"},
		{"(${a} or ${b}) and ${c}", "(${a} or ${b}) and ${c}"},
		{"${a} or ${b} and ${c}", "${a} or ${b} and ${c}"},
		{"((${a}))", "${a}"},
		{`${a} = "it's"`, `${a} = "it's"`},
		{`${a} = "x"`, `${a} = 'x'`},
		{"(${a} = 1) = 'yes'", "(${a} = 1) = 'yes'"},
		{"not (${a} or ${b})", "not(${a} or ${b})"},
		{"${n} >= 007.50", "${n} >= 7.5"},
		{"-.5 < ${n}", "-0.5 < ${n}"},
		{"${n} != 1.", "${n} != 1"},
		{"count-selected( ${m} )>1", "count-selected(${m}) > 1"},
		{"selected(${m},'x')  or\n\tselected(${m}, 'y')", "selected(${m}, 'x') or selected(${m}, 'y')"},
		{"${n} <= 0.000001", "${n} <= 0.000001"},
		{"${n} > 100000000000000000000000", "${n} > 100000000000000000000000"},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.src, err)
			continue
		}
		got := e.String()
		if got != tt.want {
			t.Errorf("ParseExpr(%q).String() = %q, want %q", tt.src, got, tt.want)
		}
		again, err := ParseExpr(got)
		if err != nil {
			t.Errorf("ParseExpr(%q) of String(): %v", got, err)
			continue
		}
		if a, b := exprJSONString(t, e), exprJSONString(t, again); a != b {
			t.Errorf("String() round trip of %q:\n%s\n%s", tt.src, a, b)
		}
	}
	for _, c := range loadExprCases(t) {
		e, _ := ParseExpr(c.Expr)
		again, err := ParseExpr(e.String())
		if err != nil || exprJSONString(t, e) != exprJSONString(t, again) {
			t.Errorf("String() round trip of %q via %q: %v", c.Expr, e.String(), err)
		}
	}
}

func TestExprJSON(t *testing.T) {
	for _, c := range loadExprCases(t) {
		e, _ := ParseExpr(c.Expr)
		data := exprJSONString(t, e)
		var back Expr
		if err := json.Unmarshal([]byte(data), &back); err != nil {
			t.Errorf("Unmarshal(%s): %v", data, err)
			continue
		}
		if got := exprJSONString(t, &back); got != data {
			t.Errorf("JSON round trip of %q:\n got %s\nwant %s", c.Expr, got, data)
		}
		if got := back.Eval(exprGetter(c.Answers)); got != c.Want {
			t.Errorf("%s from JSON = %v, want %v", c.Expr, got, c.Want)
		}
	}

	type holder struct {
		Relevant *Expr `json:"relevant,omitempty"`
	}
	var h holder
	if err := json.Unmarshal([]byte(`{"relevant": {"op": "=", "args": [{"op":"ref","name":"a"}, {"value": 3, "op": "num"}]}}`), &h); err != nil {
		t.Fatal(err)
	}
	if got := h.Relevant.String(); got != "${a} = 3" {
		t.Errorf("embedded Unmarshal = %q, want ${a} = 3", got)
	}
	if b, _ := json.Marshal(holder{}); string(b) != "{}" {
		t.Errorf("nil Expr marshals as %s, want omitted", b)
	}

	bad := []string{
		`{"op":"nope"}`,
		`{"op":"ref","name":"1a"}`,
		`{"op":"ref"}`,
		`{"op":"str","value":3}`,
		`{"op":"num","value":"3"}`,
		`{"op":"str","value":"it's \"x\""}`,
		`{"op":"=","args":[{"op":"ref","name":"a"}]}`,
		`{"op":"=","args":[{"op":"num","value":1},{"op":"num","value":2},{"op":"num","value":3}]}`,
		`{"op":"and","args":[{"op":"ref","name":"a"}]}`,
		`{"op":"or","args":[{"op":"ref","name":"a"},{"op":"or","args":[{"op":"ref","name":"b"},{"op":"ref","name":"c"}]}]}`,
		`{"op":"selected","args":[{"op":"str","value":"a"},{"op":"str","value":"x"}]}`,
		`{"op":"selected","args":[{"op":"ref","name":"a"},{"op":"num","value":1}]}`,
		`{"op":"not","args":[]}`,
		`[1]`,
	}
	for _, data := range bad {
		var e Expr
		if err := json.Unmarshal([]byte(data), &e); err == nil {
			t.Errorf("Unmarshal(%s) = %s, want an error", data, e.String())
		}
	}
}

func TestExprRefs(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"'x' = 'x'", nil},
		{"${b} = 1 or selected(${a}, 'x') and ${b} != count-selected(${c}) or not(${a})", []string{"b", "a", "c"}},
		{"${q.1-b} = ${q.1-b}", []string{"q.1-b"}},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Refs(); !slices.Equal(got, tt.want) {
			t.Errorf("ParseExpr(%q).Refs() = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestExprEvalGetterTypes(t *testing.T) {
	answers := map[string]any{"n": 3, "big": int64(40), "list": []any{"a", "b"}, "nilList": []string(nil)}
	get := func(id string) any { return answers[id] }
	tests := []struct {
		src  string
		want bool
	}{
		{"${n} = 3", true},
		{"${big} > 39", true},
		{"selected(${list}, 'b')", true},
		{"count-selected(${list}) = 2", true},
		{"count-selected(${nilList}) = 0 and ${nilList} = ''", true},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Eval(get); got != tt.want {
			t.Errorf("%s = %v, want %v", tt.src, got, tt.want)
		}
	}
	var none *Expr
	if !none.Eval(get) || none.String() != "" || none.Refs() != nil {
		t.Error("a nil *Expr must always hold, print as '' and refer to nothing")
	}
}

package survey

import (
	"encoding/json"
	"errors"
	"testing"
)

func FuzzParseExpr(f *testing.F) {
	for _, c := range loadExprCases(f) {
		f.Add(c.Expr)
	}
	for _, src := range []string{"", "${a} = 'x' #", "(${a} = 'x' ${b})", "selected(${a}, 3)", "1 < ${a} < 3", "${}", "not(", "'\xff'"} {
		f.Add(src)
	}
	answers := map[string]any{"a": "x", "b": []string{"x", "y"}, "c": 2.5, "d": true, "e": "1 2", "f": false}
	get := func(id string) any { return answers[id] }
	f.Fuzz(func(t *testing.T, src string) {
		e, err := ParseExpr(src)
		if err != nil {
			var xe *ExprError
			if !errors.As(err, &xe) || xe.Pos < 0 || xe.Pos > len(src) {
				t.Fatalf("ParseExpr(%q): %#v", src, err)
			}
			if _, ok := exprMessages[xe.Code]; !ok {
				t.Fatalf("ParseExpr(%q): unknown code %q", src, xe.Code)
			}
			_ = xe.Message("pt")
			return
		}
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("Marshal(ParseExpr(%q)): %v", src, err)
		}
		again, err := ParseExpr(e.String())
		if err != nil {
			t.Fatalf("ParseExpr(%q) re-printed as %q: %v", src, e.String(), err)
		}
		if b, _ := json.Marshal(again); string(b) != string(data) {
			t.Fatalf("ParseExpr(%q) re-printed as %q:\n%s\n%s", src, e.String(), data, b)
		}
		var back Expr
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("Unmarshal(%s) from %q: %v", data, src, err)
		}
		if want := e.Eval(get); back.Eval(get) != want || again.Eval(get) != want {
			t.Fatalf("%q evaluates differently after a round trip", src)
		}
		_ = e.Refs()
	})
}

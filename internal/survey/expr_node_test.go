package survey

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestExprCasesJS checks that static/js/relevant.js agrees with Eval on every shared case,
// evaluating the JSON the Go parser emits, as the browser does. (The file is not named
// expr_js_test.go because the _js suffix would build it only for GOOS=js.)
func TestExprCasesJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	type jsCase struct {
		exprCase
		JSON *Expr `json:"json"`
	}
	var cases []jsCase
	for _, c := range loadExprCases(t) {
		e, err := ParseExpr(c.Expr)
		if err != nil {
			t.Fatalf("ParseExpr(%q): %v", c.Expr, err)
		}
		if got := e.Eval(exprGetter(c.Answers)); got != c.Want {
			t.Fatalf("Go disagrees with the table on %q: %v", c.Expr, got)
		}
		cases = append(cases, jsCase{c, e})
	}
	data, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/run_expr_cases.js", "../../static/js/relevant.js", file).CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("relevant.js disagrees with Go: %v", err)
	}
}

package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
)

const root = "../.."

// skipped are the folders whose words are not (yet) the catalogue's business.
var skipped = []string{
	"internal/locale",       // the catalogue itself
	"internal/browser",      // headless Chromium for tests, never part of the app
	"cmd/bench",             // the developer's benchmark table, printed for engineers in English
	"internal/demo",         // the demo's content (plan items, decisions, places) is data, as surveys/*.yaml
	"internal/store/pgtest", // skips a test with a reason for the engineer
}

// allowed are the few literals a person reads that are the same in every language.
var allowed = []string{
	"Consulta",                        // the brand
	"Español", "English", "Português", // each language's name in its own language
	"Apache ECharts", "KoboToolbox", "XLSForm", // names of other software
	"consulta: backup: %v",       // the program's and the command's names before an error
	"UTC", "CRC", "XLSX\n  JSON", // a time zone, a currency, file formats
	"| done",                                 // the milestone syntax a planner types back into the form
	"already stored", "database unavailable", // statuses of the API and of /health, which scripts compare
	// the plan API's description of its method, for the developers who read the JSON
	"geometric mean over groups of (agree+1)/(asked+2); shares are of those asked",
}

// prose is a literal a person would read: two words or more, letters around a space, or a
// counted word ("%d sesiones").
var prose = regexp.MustCompile(`\p{L}{2,}[,;:]? \p{L}+|%[ds] \p{L}{3,}`)

// notProse are literals with spaces that no person reads as a sentence.
var notProse = []*regexp.Regexp{
	regexp.MustCompile(`\b(SELECT|FROM|WHERE|JOIN|AS|LOCK TABLE|IN EXCLUSIVE MODE|INSERT|UPDATE|DELETE|CREATE|PRAGMA|CASE WHEN|ON CONFLICT|VALUES|ORDER BY|VACUUM INTO|SAVEPOINT|ROLLBACK TO|RELEASE|UNIQUE|PRIMARY KEY)\b`), // SQL
	regexp.MustCompile(`^[\w.-]*[_.0-9-][\w.-]*( [\w.-]+)*$|^([\w.-]+ )+[\w.-]*[_.0-9-][\w.-]*$`),                                                                                                                            // ids, one with a mark: "group gender age_band"
	regexp.MustCompile(`^[a-z0-9_.,()'*\s]*\b[a-z]\.[a-z_]+\b[a-z0-9_.,()'*\s]*$|^[a-z_]+(, [a-z_]+)+$`),                                                                                                                     // SQL column lists
	regexp.MustCompile(`selected\(|\$\{\w+\}|^(\w+=\S+ )+\w+=\S+$`),                                                                                                                                                          // an XLSForm expression or parameters
	regexp.MustCompile(`^(add )?(select|begin|end)( [a-z]+)+$`),                                                                                                                                                              // XLSForm's own type names, spelt with spaces
	regexp.MustCompile(`^# `), // the comment a generated survey file starts with: its bytes are in the version hash
	regexp.MustCompile(`(?i)charset=|max-age=|^attachment; |-src 'self'|^\{"error":`), // HTTP headers, a fixed JSON reply
}

func isProse(s string) bool {
	if !prose.MatchString(s) || slices.Contains(allowed, strings.TrimSpace(s)) {
		return false
	}
	if notProse[0].MatchString(s) || notProse[1].MatchString(s) && !strings.ContainsAny(s, ".,:;!?¿¡") {
		return false
	}
	for _, re := range notProse[2:] {
		if re.MatchString(s) {
			return false
		}
	}
	return true
}

// operator names calls whose words go to the operator's log (English by design) or to a
// programmer (panics, internal errors that are wrapped and logged, never shown as such).
func operator(call *ast.CallExpr) bool {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		// panic; domain's invalid, an error the web maps to a message; store's containsAny, which
		// reads the database driver's own error text
		return slices.Contains([]string{"panic", "invalid", "containsAny"}, f.Name) || strings.Contains(strings.ToLower(f.Name), "audit")
	case *ast.SelectorExpr:
		name := f.Sel.Name
		if strings.Contains(strings.ToLower(name), "audit") {
			return true // the audit trail records what was done for the operator, as a log does
		}
		if x, ok := f.X.(*ast.Ident); ok {
			switch x.Name {
			case "slog", "log":
				return true
			case "errors":
				return name == "New"
			case "fmt":
				return name == "Errorf"
			case "strings":
				// compared with a library's own error text, never shown
				return slices.Contains([]string{"HasPrefix", "HasSuffix", "TrimPrefix", "TrimSuffix", "Contains", "EqualFold"}, name)
			}
		}
		// a *slog.Logger kept in a field or variable: s.log.Info, logger.Warn
		if strings.Contains(strings.ToLower(receiver(f.X)), "log") {
			return slices.Contains([]string{"Info", "Warn", "Error", "Debug", "InfoContext", "WarnContext", "ErrorContext", "Printf", "Println", "Print", "Fatalf", "Fatal"}, name)
		}
	}
	return false
}

// receiver is the text of a selector's receiver, "s.log" for s.log.Info, "s.resultsLog" for s.resultsLog().Warn.
func receiver(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return receiver(x.X) + "." + x.Sel.Name
	case *ast.CallExpr:
		return receiver(x.Fun) // s.resultsLog().Warn: a logger returned by a method
	}
	return ""
}

func walkFiles(t *testing.T, dir string, ext string, fn func(rel string, body []byte)) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			for _, s := range skipped {
				if rel == s {
					return filepath.SkipDir
				}
			}
			if d.Name() == "vendor" || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ext) || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(rel, body)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoWordsInGo: outside this package, no Go file holds a message keyed by language, and no
// string literal with prose reaches a person; their words come from the catalogue.
func TestNoWordsInGo(t *testing.T) {
	found := 0
	for _, dir := range []string{"cmd", "internal"} {
		walkFiles(t, dir, ".go", func(rel string, body []byte) {
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, rel, body, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			skip := map[*ast.BasicLit]bool{}
			ast.Inspect(file, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ImportSpec:
					return false
				case *ast.FuncDecl:
					if n.Name.Name == "String" && n.Recv != nil {
						return false // a fmt.Stringer speaks to developers and tests, not to people
					}
				case *ast.Field:
					if n.Tag != nil {
						skip[n.Tag] = true
					}
				case *ast.CallExpr:
					if operator(n) {
						for _, a := range n.Args {
							ast.Inspect(a, func(m ast.Node) bool {
								if lit, ok := m.(*ast.BasicLit); ok {
									skip[lit] = true
								}
								return true
							})
						}
					}
				case *ast.KeyValueExpr:
					if lit, ok := n.Key.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if k, _ := strconv.Unquote(lit.Value); k == "es" || k == "en" || k == "pt" {
							if v, ok := n.Value.(*ast.BasicLit); ok && letters.MatchString(unquote(v)) {
								t.Errorf("%s: a message keyed by language: %s: %s", fset.Position(n.Pos()), lit.Value, v.Value)
								found++
								skip[v] = true
							}
						}
					}
				case *ast.BasicLit:
					if n.Kind == token.STRING && !skip[n] && isProse(unquote(n)) {
						t.Errorf("%s: words outside the catalogue: %s", fset.Position(n.Pos()), n.Value)
						found++
					}
				}
				return true
			})
		})
	}
	t.Logf("%d literals found", found)
}

func unquote(lit *ast.BasicLit) string {
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return lit.Value
	}
	return s
}

var (
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
	entity    = regexp.MustCompile(`&#?\w+;`)
	blocks    = regexp.MustCompile(`(?is)<(style|script)\b[^>]*>.*?</(style|script)>`)
	readAttrs = regexp.MustCompile(`(?i)\b(alt|title|aria-label|placeholder|aria-description)="([^"{]*)"`)
	letters   = regexp.MustCompile(`\p{L}{2}`) // "p = 0.03" is notation, not a word
)

// wordsInData is a data-* attribute that carries a message: scripts read words from the page's
// one island of words (static/js/words.js), and data-t names a key of it, never a text.
var wordsInData = regexp.MustCompile(`\bdata-[a-z-]+="[^"]*(\.T |\{\{t )`)

// TestNoWordsInTemplates: a template's text holds markup only; every word comes through `t`.
func TestNoWordsInTemplates(t *testing.T) {
	walkFiles(t, "templates", ".html", func(rel string, body []byte) {
		for _, m := range wordsInData.FindAllString(string(body), -1) {
			t.Errorf("%s: words in a data attribute, not in the words island: %s", rel, m)
		}
		trees, err := parseTemplates(rel, string(body))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		for _, tree := range trees {
			if tree.Name == "bodyclass" {
				continue // the class names of a page's body
			}
			// The text of a template with every action as one mark, so tags split by actions join.
			var text strings.Builder
			var visit func(parse.Node)
			visit = func(n parse.Node) {
				switch n := n.(type) {
				case *parse.TextNode:
					text.Write(n.Text)
				case *parse.ListNode:
					if n != nil {
						for _, c := range n.Nodes {
							visit(c)
						}
					}
				case *parse.IfNode:
					text.WriteString("\x00")
					visit(n.List)
					visit(n.ElseList)
				case *parse.RangeNode:
					text.WriteString("\x00")
					visit(n.List)
					visit(n.ElseList)
				case *parse.WithNode:
					text.WriteString("\x00")
					visit(n.List)
					visit(n.ElseList)
				default:
					text.WriteString("\x00")
				}
			}
			visit(tree.Root)
			s := text.String()
			for _, m := range readAttrs.FindAllStringSubmatch(s, -1) {
				if letters.MatchString(m[2]) && !slices.Contains(allowed, m[2]) {
					t.Errorf("%s: {{define %q}}: words in an attribute: %s", rel, tree.Name, m[0])
				}
			}
			s = blocks.ReplaceAllString(s, "")
			s = tag.ReplaceAllString(s, "")
			s = entity.ReplaceAllString(s, "")
			for _, part := range strings.Split(s, "\x00") {
				if part = strings.TrimSpace(part); letters.MatchString(part) && !slices.Contains(allowed, part) {
					t.Errorf("%s: {{define %q}}: words in a template: %q", rel, tree.Name, part)
				}
			}
		}
	})
}

func parseTemplates(name, text string) (map[string]*parse.Tree, error) {
	trees := map[string]*parse.Tree{}
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	_, err := tr.Parse(text, "{{", "}}", trees)
	return trees, err
}

// jsString matches a script's string literals: '…', "…" and `…`.
var jsString = regexp.MustCompile("'(?:[^'\\\\\n]|\\\\.)*'|\"(?:[^\"\\\\\n]|\\\\.)*\"|`(?:[^`\\\\]|\\\\.)*`")

// selector is a CSS selector list a script queries with: ".choice, .rank-order button".
var selector = regexp.MustCompile(`^[a-z0-9_\-\s,.#:>\[\]="()*]+$`)

// TestNoWordsInScripts: a script shows only words it reads from the page's words island.
func TestNoWordsInScripts(t *testing.T) {
	walkFiles(t, "static/js", ".js", func(rel string, body []byte) {
		for i, line := range strings.Split(string(body), "\n") {
			code := line
			if c := strings.Index(code, "//"); c >= 0 && !strings.Contains(code[:c], "'") && !strings.Contains(code[:c], "\"") && !strings.Contains(code[:c], "`") {
				code = code[:c]
			}
			if strings.HasPrefix(strings.TrimSpace(code), "*") || strings.HasPrefix(strings.TrimSpace(code), "/*") {
				continue
			}
			for _, lit := range jsString.FindAllString(code, -1) {
				s := lit[1 : len(lit)-1]
				if isProse(s) && !selector.MatchString(s) && !strings.Contains(line, "throw new Error") && !strings.Contains(line, "console.") {
					t.Errorf("%s:%d: words in a script: %s", rel, i+1, lit)
				}
			}
		}
	})
}

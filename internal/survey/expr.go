package survey

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"consulta/internal/locale"
)

// Expr is a parsed relevant expression: the XLSForm subset of ${q} references, string and
// number literals, = != < <= > >=, and, or, not(), selected() and count-selected().
// A nil *Expr means "no condition": it is always relevant.
type Expr struct {
	op   string // or and not = != < <= > >= selected count-selected ref str num
	args []*Expr
	name string  // ref
	str  string  // str
	num  float64 // num
}

// maxExprDepth bounds nesting so neither the Go nor the browser evaluator can run out of stack.
const maxExprDepth = 50

// ExprError is why ParseExpr rejected an expression: where (a byte offset) and what (a code).
type ExprError struct {
	Pos  int // byte offset in the source; the column shown to people is Pos+1
	Code string
	Args []any
}

func (e *ExprError) Error() string { return e.Message("en") }

// Message says where and what is wrong in lang: es (also for unknown languages), en or pt.
func (e *ExprError) Message(lang string) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if p, ok := a.(exprPhrase); ok {
			args[i] = locale.T(lang, "expr_phrase."+string(p))
		} else {
			args[i] = a
		}
	}
	message := fmt.Sprintf(e.Code, args...)
	if locale.Has("expr." + e.Code) {
		message = locale.T(lang, "expr."+e.Code, args...)
	}
	return locale.T(lang, "expr_phrase.column", e.Pos+1) + message
}

// exprPhrase is an ExprError argument that Message translates through the catalogue.
type exprPhrase string

// exprMessages holds the message of each expression error code, from the catalogue.
var exprMessages = locale.Prefixed("expr.")

// ParseExpr parses a relevant expression; on failure the error is an *ExprError.
func ParseExpr(src string) (e *Expr, err error) {
	p := &parser{src: src}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(*ExprError)
			if !ok {
				panic(r)
			}
			e, err = nil, pe
		}
	}()
	p.next()
	e = p.or()
	if p.tok.kind != tEOF {
		p.fail(p.tok.pos, "trailing_input", p.show(p.tok))
	}
	return e, nil
}

type tokenKind int

const (
	tEOF tokenKind = iota
	tRef
	tStr
	tNum
	tWord
	tOp
	tLParen
	tRParen
	tComma
)

type token struct {
	kind     tokenKind
	pos, end int
	text     string // ref name, string value, word or operator
	num      float64
}

// parser reads tokens one at a time, so the first problem reported is the first one read.
type parser struct {
	src     string
	at      int // where the next token starts to be read
	tok     token
	prevEnd int
	depth   int
}

// fail unwinds the recursive descent to ParseExpr, which returns the error.
func (p *parser) fail(pos int, code string, args ...any) {
	panic(&ExprError{Pos: pos, Code: code, Args: args})
}

// show quotes a token's source text for a message.
func (p *parser) show(t token) string {
	s := p.src[t.pos:t.end]
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
		if t.kind == tStr {
			s += s[:1]
		}
	}
	if t.kind == tStr {
		return s
	}
	return "'" + s + "'"
}

func (p *parser) next() {
	p.prevEnd = p.tok.end
	src, i := p.src, p.at
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	t := token{pos: i}
	switch {
	case i == len(src):
		t.kind, t.end = tEOF, i
	case src[i] == '$' && strings.HasPrefix(src[i:], "${"):
		end := strings.IndexByte(src[i:], '}')
		if end < 0 {
			p.fail(len(src), "unexpected_end", "'}'")
		}
		t.kind, t.end, t.text = tRef, i+end+1, src[i+2:i+end]
		if t.text == "" {
			p.fail(i, "empty_reference")
		}
		if !validRefName(t.text) {
			p.fail(i, "invalid_reference", p.show(t))
		}
	case src[i] == '\'' || src[i] == '"':
		end := strings.IndexByte(src[i+1:], src[i])
		if end < 0 {
			p.fail(i, "unterminated_string")
		}
		t.kind, t.end, t.text = tStr, i+end+2, src[i+1:i+1+end]
		if bad := invalidUTF8At(t.text); bad >= 0 {
			p.fail(i+1+bad, "unexpected_char", fmt.Sprintf("'\\x%02x'", t.text[bad]))
		}
	case numberAt(src, i) > i:
		t.kind, t.end = tNum, numberAt(src, i)
		f, err := strconv.ParseFloat(src[i:t.end], 64)
		if err != nil {
			p.fail(i, "number_out_of_range", src[i:t.end])
		}
		t.num = f
	case isWordStart(src[i]):
		j := i + 1
		for j < len(src) && (isWordStart(src[j]) || isDigit(src[j]) || src[j] == '-') {
			j++
		}
		t.kind, t.end, t.text = tWord, j, src[i:j]
	case src[i] == '(':
		t.kind, t.end = tLParen, i+1
	case src[i] == ')':
		t.kind, t.end = tRParen, i+1
	case src[i] == ',':
		t.kind, t.end = tComma, i+1
	case src[i] == '=':
		t.kind, t.end = tOp, i+1
	case src[i] == '<' || src[i] == '>':
		t.kind, t.end = tOp, i+1
		if i+1 < len(src) && src[i+1] == '=' {
			t.end++
		}
	case strings.HasPrefix(src[i:], "!="):
		t.kind, t.end = tOp, i+2
	default:
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && size == 1 {
			p.fail(i, "unexpected_char", fmt.Sprintf("'\\x%02x'", src[i]))
		}
		p.fail(i, "unexpected_char", strconv.QuoteRuneToGraphic(r))
	}
	if t.kind == tOp {
		t.text = src[t.pos:t.end]
	}
	p.tok, p.at = t, t.end
}

func isSpace(c byte) bool     { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isWordStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func validRefName(s string) bool {
	if s == "" || !isWordStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isWordStart(c) && !isDigit(c) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

func invalidUTF8At(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// numberAt returns the end of the number -?(\d+(\.\d*)?|\.\d+) starting at i, or i if none.
func numberAt(s string, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	digits := 0
	for j < len(s) && isDigit(s[j]) {
		j++
		digits++
	}
	if j < len(s) && s[j] == '.' && (digits > 0 || j+1 < len(s) && isDigit(s[j+1])) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
			digits++
		}
	}
	if digits == 0 {
		return i
	}
	return j
}

func (p *parser) isWord(w string) bool { return p.tok.kind == tWord && p.tok.text == w }

// expect consumes a token of kind k, described to people as what.
func (p *parser) expect(k tokenKind, what any) {
	if p.tok.kind != k {
		if p.tok.kind == tEOF {
			p.fail(p.tok.pos, "unexpected_end", what)
		}
		p.fail(p.tok.pos, "unexpected_token", what, p.show(p.tok))
	}
	p.next()
}

func (p *parser) or() *Expr  { return p.chain("or", p.and) }
func (p *parser) and() *Expr { return p.chain("and", p.comparison) }

// chain parses operands joined by the keyword op into one flat node.
func (p *parser) chain(op string, operand func() *Expr) *Expr {
	first := operand()
	if !p.isWord(op) {
		return first
	}
	e := &Expr{op: op}
	e.add(first)
	for p.isWord(op) {
		p.next()
		e.add(operand())
	}
	return e
}

// add appends x as an argument of e, splicing x's arguments when it is the same and/or.
func (e *Expr) add(x *Expr) {
	if x.op == e.op {
		e.args = append(e.args, x.args...)
	} else {
		e.args = append(e.args, x)
	}
}

func (p *parser) comparison() *Expr {
	left := p.primary()
	if p.tok.kind != tOp {
		return left
	}
	op := p.tok.text
	p.next()
	right := p.primary()
	if p.tok.kind == tOp {
		p.fail(p.tok.pos, "chained_comparison", "'"+p.tok.text+"'")
	}
	return &Expr{op: op, args: []*Expr{left, right}}
}

func (p *parser) primary() *Expr {
	t := p.tok
	switch t.kind {
	case tRef:
		p.next()
		return &Expr{op: "ref", name: t.text}
	case tStr:
		p.next()
		return &Expr{op: "str", str: t.text}
	case tNum:
		p.next()
		return &Expr{op: "num", num: t.num}
	case tLParen:
		p.enter(t.pos)
		p.next()
		e := p.or()
		p.expect(tRParen, "')'")
		p.depth--
		return e
	case tWord:
		switch t.text {
		case "not", "selected", "count-selected":
			return p.call()
		case "and", "or":
		default:
			if rest := strings.TrimLeft(p.src[t.end:], " \t\r\n"); strings.HasPrefix(rest, "(") {
				p.fail(t.pos, "unknown_function", "'"+t.text+"'")
			}
		}
	case tEOF:
		p.fail(t.pos, "unexpected_end", exprPhrase("value"))
	}
	p.fail(t.pos, "unexpected_token", exprPhrase("value"), p.show(t))
	return nil
}

func (p *parser) enter(pos int) {
	p.depth++
	if p.depth > maxExprDepth {
		p.fail(pos, "too_deep", maxExprDepth)
	}
}

var exprArity = map[string]int{"not": 1, "selected": 2, "count-selected": 1}

func (p *parser) call() *Expr {
	name := p.tok
	p.next()
	p.expect(tLParen, "'('")
	p.enter(name.pos)
	e := &Expr{op: name.text}
	var starts, ends []int
	if p.tok.kind != tRParen {
		for {
			starts = append(starts, p.tok.pos)
			e.args = append(e.args, p.or())
			ends = append(ends, p.prevEnd)
			if p.tok.kind != tComma {
				break
			}
			p.next()
		}
	}
	want := exprArity[name.text]
	if len(e.args) < want && p.tok.kind != tRParen {
		p.expect(tRParen, exprPhrase("comma_or_paren"))
	}
	p.expect(tRParen, "')'")
	p.depth--
	if len(e.args) != want {
		p.fail(name.pos, "wrong_arg_count", "'"+name.text+"'", want, len(e.args))
	}
	if name.text != "not" && e.args[0].op != "ref" {
		p.fail(starts[0], "not_a_reference", "'"+name.text+"'")
	}
	if name.text == "selected" && e.args[1].op != "str" {
		arg := token{pos: starts[1], end: ends[1]}
		p.fail(starts[1], "unexpected_token", exprPhrase("choice"), p.show(arg))
	}
	return e
}

// Refs returns the question ids the expression refers to, in order of first appearance.
func (e *Expr) Refs() []string {
	var refs []string
	var walk func(*Expr)
	walk = func(x *Expr) {
		if x.op == "ref" && !slices.Contains(refs, x.name) {
			refs = append(refs, x.name)
		}
		for _, a := range x.args {
			walk(a)
		}
	}
	if e != nil {
		walk(e)
	}
	return refs
}

// String re-prints the expression in a canonical form that ParseExpr accepts again.
func (e *Expr) String() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	e.print(&b, 0)
	return b.String()
}

func (e *Expr) precedence() int {
	switch e.op {
	case "or":
		return 1
	case "and":
		return 2
	case "=", "!=", "<", "<=", ">", ">=":
		return 3
	}
	return 4
}

// print writes e, in parentheses when it binds more loosely than its place needs.
func (e *Expr) print(b *strings.Builder, need int) {
	prec := e.precedence()
	if prec < need {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	join := func(sep string, need int) {
		for i, a := range e.args {
			if i > 0 {
				b.WriteString(sep)
			}
			a.print(b, need)
		}
	}
	switch e.op {
	case "ref":
		b.WriteString("${" + e.name + "}")
	case "str":
		q := "'"
		if strings.Contains(e.str, "'") {
			q = `"`
		}
		b.WriteString(q + e.str + q)
	case "num":
		b.WriteString(strconv.FormatFloat(e.num, 'f', -1, 64))
	case "or", "and":
		join(" "+e.op+" ", prec+1)
	case "not", "selected", "count-selected":
		b.WriteString(e.op + "(")
		join(", ", 0)
		b.WriteByte(')')
	default:
		join(" "+e.op+" ", prec+1)
	}
}

type exprJSON struct {
	Op    string  `json:"op"`
	Args  []*Expr `json:"args,omitempty"`
	Name  string  `json:"name,omitempty"`
	Value any     `json:"value,omitempty"`
}

// MarshalJSON writes the tree static/js/relevant.js evaluates, one {"op", "args"|"name"|"value"}
// object per node.
func (e *Expr) MarshalJSON() ([]byte, error) {
	if e == nil {
		return []byte("null"), nil
	}
	n := exprJSON{Op: e.op, Args: e.args, Name: e.name}
	switch e.op {
	case "str":
		n.Value = e.str
	case "num":
		n.Value = e.num
	}
	return json.Marshal(n)
}

type exprNode struct {
	Op    string     `json:"op"`
	Args  []exprNode `json:"args"`
	Name  string     `json:"name"`
	Value any        `json:"value"`
}

// UnmarshalJSON accepts exactly what MarshalJSON writes for an expression ParseExpr accepts.
func (e *Expr) UnmarshalJSON(data []byte) error {
	var n exprNode
	if err := json.Unmarshal(data, &n); err != nil {
		return err
	}
	x, err := n.expr()
	if err != nil {
		return fmt.Errorf("relevant expression JSON: %w", err)
	}
	again, err := ParseExpr(x.String())
	if err != nil {
		return fmt.Errorf("relevant expression JSON %s: %w", x, err)
	}
	if a, b := mustJSON(x), mustJSON(again); !bytes.Equal(a, b) {
		return fmt.Errorf("relevant expression JSON is not in canonical form: %s, not %s", a, b)
	}
	*e = *again
	return nil
}

func (n exprNode) expr() (*Expr, error) {
	e := &Expr{op: n.Op}
	switch n.Op {
	case "ref":
		e.name = n.Name
	case "str":
		s, ok := n.Value.(string)
		if !ok {
			return nil, fmt.Errorf("str value %v is not a string", n.Value)
		}
		e.str = s
	case "num":
		f, ok := n.Value.(float64)
		if !ok {
			return nil, fmt.Errorf("num value %v is not a number", n.Value)
		}
		e.num = f
	case "or", "and", "not", "=", "!=", "<", "<=", ">", ">=", "selected", "count-selected":
		for _, a := range n.Args {
			x, err := a.expr()
			if err != nil {
				return nil, err
			}
			e.args = append(e.args, x)
		}
	default:
		return nil, fmt.Errorf("unknown op %q", n.Op)
	}
	return e, nil
}

func mustJSON(e *Expr) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	return b
}

// Eval says whether the expression holds for the answers get returns: nil (unanswered), string,
// []string, float64 or bool. A nil *Expr always holds.
func (e *Expr) Eval(get func(id string) any) bool {
	if e == nil {
		return true
	}
	return truthy(e.value(get))
}

// value computes a node as one of nil, string, []string, float64 or bool.
func (e *Expr) value(get func(id string) any) any {
	switch e.op {
	case "or":
		return slices.ContainsFunc(e.args, func(a *Expr) bool { return truthy(a.value(get)) })
	case "and":
		return !slices.ContainsFunc(e.args, func(a *Expr) bool { return !truthy(a.value(get)) })
	case "not":
		return !truthy(e.args[0].value(get))
	case "=", "!=", "<", "<=", ">", ">=":
		return compare(e.op, e.args[0].value(get), e.args[1].value(get))
	case "selected":
		return selected(e.args[0].value(get), e.args[1].str)
	case "count-selected":
		return float64(countSelected(e.args[0].value(get)))
	case "ref":
		return answerValue(get(e.name))
	case "str":
		return e.str
	case "num":
		return e.num
	}
	return nil
}

// answerValue brings what a getter returns to one of the types value works with.
func answerValue(v any) any {
	switch v := v.(type) {
	case nil, string, []string, float64, bool:
		return v
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float32:
		return float64(v)
	case []any:
		ids := make([]string, len(v))
		for i, x := range v {
			ids[i] = fmt.Sprint(x)
		}
		return ids
	}
	return fmt.Sprint(v)
}

func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	}
	_, _, s := scalar(v)
	return s != "" && s != "no"
}

// scalar is v as XLSForm compares it: a number, or else a string.
func scalar(v any) (n float64, isNum bool, s string) {
	switch v := v.(type) {
	case float64:
		return v, true, ""
	case string:
		return 0, false, v
	case bool:
		if v {
			return 0, false, "yes"
		}
		return 0, false, "no"
	case []string:
		return 0, false, strings.Join(v, " ")
	}
	return 0, false, ""
}

// number reads s as XPath's number() does; NaN when s is not a plain decimal number.
func number(s string) float64 {
	t := strings.Trim(s, " \t\r\n")
	if t == "" || numberAt(t, 0) != len(t) {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(t, 64) // out of range gives ±Inf, as in JavaScript
	return f
}

func compare(op string, a, b any) bool {
	an, aNum, as := scalar(a)
	bn, bNum, bs := scalar(b)
	if aNum || bNum {
		if !aNum {
			an = number(as)
		}
		if !bNum {
			bn = number(bs)
		}
		switch op {
		case "=":
			return an == bn
		case "!=":
			return an != bn
		case "<":
			return an < bn
		case "<=":
			return an <= bn
		case ">":
			return an > bn
		case ">=":
			return an >= bn
		}
	}
	switch op {
	case "=":
		return as == bs
	case "!=":
		return as != bs
	case "<":
		return as < bs
	case "<=":
		return as <= bs
	case ">":
		return as > bs
	case ">=":
		return as >= bs
	}
	return false
}

func selected(v any, id string) bool {
	switch v := v.(type) {
	case nil:
		return false
	case []string:
		return slices.Contains(v, id)
	case float64:
		return number(id) == v
	}
	_, _, s := scalar(v)
	return s != "" && (s == id || slices.Contains(strings.Split(s, " "), id))
}

func countSelected(v any) int {
	switch v := v.(type) {
	case nil:
		return 0
	case []string:
		return len(v)
	case string:
		n := 0
		for part := range strings.SplitSeq(v, " ") {
			if part != "" {
				n++
			}
		}
		return n
	}
	return 1
}

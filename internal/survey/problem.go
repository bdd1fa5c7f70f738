package survey

import (
	"fmt"
	"strings"

	"consulta/internal/locale"
)

// Problem is one thing wrong with a survey file: where it is and what is wrong.
type Problem struct {
	File     string
	Line     int
	Question string
	Code     string
	Args     []any
}

// Message says what is wrong in lang (es, en or pt), prefixed by file:line and question id.
func (p Problem) Message(lang string) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Question != "" {
		fmt.Fprintf(&b, "%s %q: ", locale.T(lang, "problem.question"), p.Question)
	}
	b.WriteString(p.Text(lang))
	return b.String()
}

// Text says what is wrong in lang, without the location.
func (p Problem) Text(lang string) string {
	if _, ok := problemText[p.Code]; !ok {
		return p.Code
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if e, ok := a.(*ExprError); ok {
			args[i] = e.Message(lang)
		} else {
			args[i] = a
		}
	}
	return locale.T(lang, "problem."+p.Code, args...)
}

func (p Problem) Error() string { return p.Message("en") }

// Problems is every problem found while loading; it is an error when not empty.
type Problems []Problem

func (ps Problems) Error() string { return ps.Message("en") }

// Message lists every problem, one per line, in lang.
func (ps Problems) Message(lang string) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Message(lang)
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there is no problem.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// problemText holds the message of each problem code, from the catalogue.
var problemText = locale.Prefixed("problem.")

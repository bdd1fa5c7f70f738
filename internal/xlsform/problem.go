package xlsform

import (
	"fmt"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/survey"
)

// Problem is one thing about a form, at a sheet, row and column (row 0 or column "" when the
// whole sheet or row is meant). Errors stop the import; notes say what was left out or changed.
type Problem struct {
	Sheet  string
	Row    int
	Column string // the column's letter, e.g. "C"
	Header string // the column's heading, e.g. "relevant"
	Code   string
	Args   []any
}

// Message says where and what in lang (es, en or pt): `survey, fila 12, columna D (relevant): ...`.
func (p Problem) Message(lang string) string {
	var b strings.Builder
	b.WriteString(p.Sheet)
	if p.Row > 0 {
		fmt.Fprintf(&b, ", %s %d", locale.T(lang, "xlsform_place.row"), p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", %s %s", locale.T(lang, "xlsform_place.column"), p.Column)
		if p.Header != "" {
			fmt.Fprintf(&b, " (%s)", p.Header)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Text(lang))
	return b.String()
}

// Text says what is wrong in lang, without the place.
func (p Problem) Text(lang string) string {
	if !locale.Has("xlsform_problem." + p.Code) {
		return fmt.Sprint(append([]any{p.Code}, p.Args...)...)
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		switch v := a.(type) {
		case *survey.ExprError:
			args[i] = v.Message(lang)
		case survey.Problem:
			args[i] = v.Text(lang)
		default:
			args[i] = a
		}
	}
	return locale.T(lang, "xlsform_problem."+p.Code, args...)
}

func (p Problem) Error() string { return p.Message("en") }

// Problems is a list of problems; Message gives one per line.
type Problems []Problem

// Message lists every problem, one per line, in lang.
func (ps Problems) Message(lang string) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Message(lang)
	}
	return strings.Join(lines, "\n")
}

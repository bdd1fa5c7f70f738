package xlsform

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"consulta/internal/survey"
)

var (
	bound        = regexp.MustCompile(`^\.(>=|>|<=|<)(-?\d+)$`)
	stringLength = regexp.MustCompile(`^string-length\(\.\)(<=|<)(\d+)$`)
	exclusiveAnd = regexp.MustCompile(`^not\(selected\(\.,'([^']+)'\)andcount-selected\(\.\)(>1|>=2|!=1)\)$`)
	exclusiveOr1 = regexp.MustCompile(`^not\(selected\(\.,'([^']+)'\)\)orcount-selected\(\.\)(=1|<2|<=1)$`)
	exclusiveOr2 = regexp.MustCompile(`^count-selected\(\.\)(=1|<2|<=1)ornot\(selected\(\.,'([^']+)'\)\)$`)
)

// constraint reads the constraint forms Consulta keeps: bounds on an integer, a text's length and
// exclusive choices in a select_multiple. Any other part is noted and left out.
func (im *importer) constraint(i int, q *yamlQuestion) {
	src := im.survey.get(i, "constraint")
	if src == "" {
		return
	}
	var left []string
	for _, part := range splitAnd(src) {
		if !im.constraintPart(q, part) {
			left = append(left, part)
		}
	}
	if len(left) > 0 {
		im.note(im.survey.at(i, "constraint", "note_constraint", strings.Join(left, " and ")))
	}
}

func (im *importer) constraintPart(q *yamlQuestion, part string) bool {
	s := strings.ReplaceAll(strings.Join(strings.Fields(part), ""), `"`, "'")
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && balanced(s[1:len(s)-1]) {
		s = s[1 : len(s)-1]
	}
	if m := bound.FindStringSubmatch(s); m != nil && q.Type == survey.Integer {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return false
		}
		switch m[1] {
		case ">":
			n++
		case "<":
			n--
		}
		if m[1][0] == '>' {
			q.Min = &n
		} else {
			q.Max = &n
		}
		return true
	}
	if m := stringLength.FindStringSubmatch(s); m != nil && q.Type == survey.Text {
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return false
		}
		if m[1] == "<" {
			n--
		}
		q.MaxLength = n
		return true
	}
	id := ""
	if m := exclusiveAnd.FindStringSubmatch(s); m != nil {
		id = m[1]
	} else if m := exclusiveOr1.FindStringSubmatch(s); m != nil {
		id = m[1]
	} else if m := exclusiveOr2.FindStringSubmatch(s); m != nil {
		id = m[2]
	}
	if id == "" || q.Type != survey.SelectMultiple {
		return false
	}
	k := slices.IndexFunc(q.choices, func(c survey.Choice) bool { return c.ID == id })
	if k < 0 {
		return false
	}
	q.choices = slices.Clone(q.choices)
	q.choices[k].Exclusive = true
	return true
}

// balanced reports whether the parentheses of s (outside quotes) never close more than they open.
func balanced(s string) bool {
	depth, quote := 0, rune(0)
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '(':
			depth++
		case r == ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// splitAnd splits an expression at its top-level "and"s.
func splitAnd(s string) []string {
	var parts []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && i+5 <= len(s) && i > 0 && isSpace(s[i-1]) && strings.EqualFold(s[i:i+3], "and") && isSpace(s[i+3]):
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 4
			i += 3
		}
	}
	return append(parts, strings.TrimSpace(s[start:]))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// exportConstraint writes what constraint() reads back.
func exportConstraint(q *survey.Question) string {
	var parts []string
	if q.Type == survey.Integer {
		if q.Min != nil {
			parts = append(parts, fmt.Sprintf(". >= %d", *q.Min))
		}
		if q.Max != nil {
			parts = append(parts, fmt.Sprintf(". <= %d", *q.Max))
		}
	}
	if q.Type == survey.Text && q.MaxLength > 0 && q.MaxLength != survey.DefaultMaxLength {
		parts = append(parts, fmt.Sprintf("string-length(.) <= %d", q.MaxLength))
	}
	if q.Type == survey.SelectMultiple {
		for _, c := range q.Choices {
			if c.Exclusive {
				parts = append(parts, fmt.Sprintf("not(selected(., '%s') and count-selected(.) > 1)", c.ID))
			}
		}
	}
	return strings.Join(parts, " and ")
}

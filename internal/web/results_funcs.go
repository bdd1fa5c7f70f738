package web

import (
	"fmt"
	"strings"

	"consulta/internal/domain"
	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/survey"
)

// cellText shows a published count, or the suppression label in its place.
func cellText(c results.Cell, suppressed string) string {
	if c.Suppressed {
		return suppressed
	}
	return fmt.Sprint(c.N)
}

// numbers writes a page's numbers the way its language does ("1.000", "41,1 %", "3,44" in Spanish).
type numbers struct{ locale.Format }

func numbersIn(lang string) numbers { return numbers{locale.For(lang)} }

// Cell is a published count with thousands separators, or the suppression label in its place.
func (n numbers) Cell(c results.Cell, suppressed string) string {
	if c.Suppressed {
		return suppressed
	}
	return n.Int(c.N)
}

// dimLabel names a value of a dimension in lang: "host", "female", "host|female", "not_stated"...
func dimLabel(lang, dim, value string) string {
	switch {
	case value == results.ByAll:
		return T(lang, "results.all")
	case value == results.NotStated:
		return T(lang, "results.not_stated")
	case value == survey.PreferNot:
		return T(lang, "survey.prefer_not")
	}
	switch dim {
	case results.ByGroupGender:
		g, s, _ := strings.Cut(value, "|")
		return dimLabel(lang, results.ByGroup, g) + " · " + dimLabel(lang, results.ByGender, s)
	}
	if d, ok := domain.Dim(dim); ok {
		return T(lang, d.Key(value))
	}
	return value
}

// testSentences says in plain words what the chi-square tests of a question found.
func testSentences(lang string, q results.Question, choiceLabel func(string) string) []string {
	var out []string
	for _, dim := range []string{results.ByGroup, results.ByGender} {
		var differ []string
		applied, skipped := 0, 0
		for _, t := range q.Tests {
			if t.Dimension != dim {
				continue
			}
			if !t.Applies {
				skipped++
				continue
			}
			applied++
			if t.Differ {
				if t.Choice != "" {
					differ = append(differ, choiceLabel(t.Choice))
				} else {
					differ = append(differ, "p = "+locale.For(lang).Decimal(t.P, 3))
				}
			}
		}
		who := T(lang, "results.test_who_"+dim)
		switch {
		case applied == 0 && skipped > 0:
			out = append(out, T(lang, "results.test_not_apply", who))
		case len(differ) > 0 && q.Multi:
			out = append(out, T(lang, "results.test_differ_on", who, strings.Join(differ, ", ")))
		case len(differ) > 0:
			out = append(out, T(lang, "results.test_differ", who, differ[0]))
		case applied > 0:
			out = append(out, T(lang, "results.test_no_difference", who))
		}
	}
	return out
}

package web

import (
	"math"
	"slices"

	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// councilSummary is what a council member reads in a minute at the top of the results and on
// the report's first page: who took part against the targets, the top priorities and where
// groups differ, and what the numbers are (date, filter, method).
type councilSummary struct {
	Respondents  string
	Groups       []targetLine
	Genders      []targetLine
	HasTargets   bool
	Top          *rankingView // the first rank question's overall ranking
	TopN         int
	Differences  []differenceLine
	DataDate     string
	DateRange    string
	Sessions     int
	Filter       string
	Alpha, Large string
}

// targetLine is one group's or gender's published participation against its target.
type targetLine struct {
	Label, N, Target, Share string
	Met                     bool
}

// rankingView is a rank question's one overall ranking, in words for the page.
type rankingView struct {
	QuestionID, Question string
	Asked                string
	Rank                 int
	Rows                 []rankLine
}

type rankLine struct {
	Place              int
	Choice             string
	Share, Interval, N string
	Points             string
	Disagree           []string // "Refugee: 40,0 % against 70,0 % for the rest"
	Hidden             bool
}

// differenceLine is one comparison that differs: significant after correction and ≥ 10 points.
type differenceLine struct {
	QuestionID, Question, Choice string
	Who, Against                 string
	Pct, OtherPct, Diff, P       string
	Sentence                     string
}

// resultSection is a part of the question-by-question results, each question collapsible.
type resultSection struct {
	ID, Title string
	Questions []questionResult
}

// sectionOf places a question in a section by what kind of answer it asks for.
var sectionOf = map[string]string{
	survey.Rank: "priorities", survey.SelectOne: "choices", survey.SelectMultiple: "choices", survey.YesNo: "choices",
	survey.Scale: "scales", survey.Integer: "scales", survey.Text: "open",
}

var sectionOrder = []string{"priorities", "choices", "scales", "open"}

func sections(lang string, qs []questionResult) []resultSection {
	var out []resultSection
	for _, id := range sectionOrder {
		sec := resultSection{ID: "sec-" + id, Title: T(lang, "council.section_"+id)}
		for _, q := range qs {
			if sectionOf[q.Type] == id && !slices.Contains(survey.ProfileIDs(), q.ID) {
				sec.Questions = append(sec.Questions, q)
			}
		}
		if len(sec.Questions) > 0 {
			out = append(out, sec)
		}
	}
	return out
}

func choiceLabelIn(sv *survey.Survey, lang, question, choice string) string {
	if sq := sv.Question(question); sq != nil {
		if c := sq.Choice(choice); c != nil {
			return c.Label.In(lang)
		}
		if choice == "yes" || choice == "no" {
			return T(lang, "survey."+choice)
		}
	}
	return choice
}

func questionLabelIn(sv *survey.Survey, lang, id string) string {
	if sq := sv.Question(id); sq != nil {
		return sq.Label.In(lang)
	}
	return id
}

// rankingOf words a rank question's overall ranking.
func rankingOf(q *results.Question, sv *survey.Survey, lang, hidden string) *rankingView {
	r := results.Rank(q)
	if r == nil {
		return nil
	}
	num := numbersIn(lang)
	v := &rankingView{QuestionID: q.ID, Question: questionLabelIn(sv, lang, q.ID), Asked: num.Cell(r.Asked, hidden), Rank: 1}
	if sq := sv.Question(q.ID); sq != nil && sq.Rank > 0 {
		v.Rank = sq.Rank
	}
	for i, c := range r.Choices {
		l := rankLine{Place: i + 1, Choice: choiceLabelIn(sv, lang, q.ID, c.Choice), Hidden: c.Share.Suppressed}
		if c.Share.Suppressed {
			l.Share, l.Interval, l.N, l.Points = hidden, "", hidden, hidden
		} else {
			l.Share, l.N = num.Percent(c.Share.Pct), num.Int(c.Share.N)
			l.Interval = num.Decimal(c.Share.Lo, 1) + "–" + num.Decimal(c.Share.Hi, 1)
			l.Points = num.Int(c.Points)
		}
		for _, d := range c.Disagree {
			l.Disagree = append(l.Disagree, T(lang, "council.disagree", dimLabel(lang, results.ByGroup, d.Value),
				num.Percent(d.Pct), num.Percent(d.OtherPct)))
		}
		v.Rows = append(v.Rows, l)
	}
	return v
}

// differencesOf words the report's differences, largest first.
func differencesOf(rep *results.Report, sv *survey.Survey, lang string) []differenceLine {
	num := numbersIn(lang)
	var out []differenceLine
	for _, d := range results.Differences(rep) {
		l := differenceLine{QuestionID: d.Question, Question: questionLabelIn(sv, lang, d.Question),
			Choice: choiceLabelIn(sv, lang, d.Question, d.Choice), Pct: num.Percent(d.Pct), OtherPct: num.Percent(d.OtherPct),
			Diff: num.Points(d.Diff), P: num.Decimal(d.PAdj, 3)}
		if d.PAdj < 0.001 {
			l.P = "< " + num.Decimal(0.001, 3)
		}
		if d.Dimension == results.ByGender {
			l.Who, l.Against = T(lang, "gender.female"), T(lang, "gender.male")
		} else {
			l.Who, l.Against = dimLabel(lang, results.ByGroup, d.Value), T(lang, "council.the_rest")
		}
		l.Sentence = T(lang, "council.difference_sentence", l.Who, l.Pct, l.Choice, l.Against, l.OtherPct)
		out = append(out, l)
	}
	return out
}

// summaryOf builds the council summary of a report.
func summaryOf(rep *results.Report, sv *survey.Survey, c *store.Consultation, sessions []*store.Session,
	targets []store.Target, lang, hidden, filter string, rankings []*rankingView, diffs []differenceLine, now locale.Format, today string) councilSummary {
	num := numbersIn(lang)
	s := councilSummary{Respondents: num.Cell(rep.Respondents, hidden), Filter: filter, Sessions: len(sessions),
		Alpha: num.Percent(100 * (1 - results.Alpha)), Large: num.Int(int(results.LargePoints)), DataDate: today}
	from, to := c.StartsOn, c.EndsOn
	if rep.Filter.From != "" {
		from = rep.Filter.From
	}
	if rep.Filter.To != "" {
		to = rep.Filter.To
	}
	s.DateRange = now.DateString(from) + " – " + now.DateString(to)
	line := func(dim, value string, n results.Cell, target int) targetLine {
		l := targetLine{Label: dimLabel(lang, dim, value), N: num.Cell(n, hidden)}
		if target > 0 {
			s.HasTargets = true
			l.Target = num.Int(target)
			if !n.Suppressed {
				l.Share = num.Percent(math.Min(999, 100*float64(n.N)/float64(target)))
				l.Met = n.N >= target
			}
		}
		return l
	}
	for _, t := range rep.Participation {
		for _, r := range t.Rows {
			if r.Value == results.NotStated || r.Value == survey.PreferNot {
				continue
			}
			target := 0
			for _, tg := range targets {
				if (t.Dimension == results.ByGroup && tg.Group == r.Value) || (t.Dimension == results.ByGender && tg.Gender == r.Value) {
					target += tg.Target
				}
			}
			switch t.Dimension {
			case results.ByGroup:
				s.Groups = append(s.Groups, line(results.ByGroup, r.Value, r.N, target))
			case results.ByGender:
				s.Genders = append(s.Genders, line(results.ByGender, r.Value, r.N, target))
			}
		}
	}
	if len(rankings) > 0 {
		top := *rankings[0]
		s.TopN = top.Rank
		top.Rows = top.Rows[:min(3, len(top.Rows))]
		s.Top = &top
	}
	s.Differences = diffs[:min(5, len(diffs))]
	return s
}

package charts

import (
	"fmt"
	"math"
	"strings"

	"consulta/internal/results"
	"consulta/internal/survey"
)

// poison is what a suppressed cell carries in these tests instead of the zeros the contract
// promises: if any of it reaches a chart or a table, Build read a number it must not.
const (
	poisonN   = 4321
	poisonPct = 43.21
)

func hid() results.Cell {
	return results.Cell{N: poisonN, Suppressed: true, Pct: poisonPct, Lo: poisonPct, Hi: poisonPct}
}

func cell(n, of int) results.Cell {
	if n < 0 {
		return hid()
	}
	c := results.Cell{N: n}
	if of > 0 {
		c.Pct = math.Round(1000*float64(n)/float64(of)) / 10
	}
	return c
}

// row is one value's row: a negative count is a suppressed cell, as is a negative n.
func row(value string, n int, counts ...int) results.Row {
	r := results.Row{Value: value, N: cell(n, 0)}
	for _, c := range counts {
		if n < 0 {
			r.Cells = append(r.Cells, hid())
			continue
		}
		r.Cells = append(r.Cells, cell(c, n))
	}
	return r
}

func lbl(es, en string) survey.Label { return survey.Label{"es": es, "en": en, "pt": es} }

func choices(pairs ...string) []survey.Choice {
	var out []survey.Choice
	for i := 0; i+2 < len(pairs); i += 3 {
		out = append(out, survey.Choice{ID: pairs[i], Label: lbl(pairs[i+1], pairs[i+2])})
	}
	return out
}

func testSurvey() *survey.Survey {
	return &survey.Survey{
		ID: "community", Languages: []string{"es", "en", "pt"}, DefaultLanguage: "es",
		Title: lbl("Consulta comunitaria", "Community consultation"),
		Questions: []*survey.Question{
			{ID: "group", Type: survey.SelectOne, Profile: true, Label: lbl("¿Cuál describe su situación?", "Which describes your situation?"),
				Choices: choices("host", "Acogida", "Host", "displaced", "Desplazada", "Displaced")},
			{ID: "top_services", Type: survey.Rank, Rank: 3,
				Label: lbl("¿Cuáles son los servicios más importantes para su familia?", "Which services matter most to your family?"),
				Choices: choices(
					"health", "Salud", "Health",
					"water", "Agua potable", "Drinking water",
					"school", "Escuela", "School",
					"jobs", "Trabajo y empleo", "Work and jobs",
					"safety", "Seguridad en el barrio", "Safety in the neighbourhood",
					"transport", "Transporte público", "Public transport")},
			{ID: "safe_night", Type: survey.YesNo, PreferNot: true,
				Label: lbl("¿Se siente segura o seguro caminando de noche?", "Do you feel safe walking at night?")},
			{ID: "satisfaction", Type: survey.Scale, Points: 5,
				Label: lbl("¿Qué tan satisfecho está con los servicios municipales?", "How satisfied are you with municipal services?")},
			{ID: "comments", Type: survey.Text, Label: lbl("Comentarios", "Comments")},
		},
	}
}

var genders = []string{"female", "male", "other", survey.PreferNot, results.NotStated}

// testReport is a consultation of 120 people with suppressed cells in every kind of chart.
func testReport() *results.Report {
	rep := &results.Report{Consultation: "c1", Survey: "community", K: 5, Respondents: cell(120, 0)}
	rep.Participation = []results.Table{
		{Dimension: results.ByGroup, Columns: []string{"n"}, Rows: []results.Row{
			{Value: "host", N: cell(52, 120)}, {Value: "displaced", N: cell(38, 120)}, {Value: "refugee", N: cell(17, 120)},
			{Value: "returnee", N: hid()}, {Value: "migrant", N: hid()}, {Value: survey.PreferNot, N: cell(6, 120)},
		}},
		{Dimension: results.ByAgeGender, Columns: genders, Rows: []results.Row{
			{Value: "age_8_12", N: cell(16, 120), Cells: []results.Cell{cell(9, 120), cell(7, 120), {}, {}, {}}},
			{Value: "age_13_17", N: cell(21, 120), Cells: []results.Cell{cell(11, 120), cell(8, 120), hid(), {}, {}}},
			{Value: "age_18_29", N: cell(32, 120), Cells: []results.Cell{cell(18, 120), cell(12, 120), {}, hid(), {}}},
			{Value: "age_30_59", N: cell(41, 120), Cells: []results.Cell{cell(24, 120), cell(17, 120), {}, {}, {}}},
			{Value: "age_60_plus", N: cell(10, 120), Cells: []results.Cell{cell(6, 120), hid(), {}, {}, {}}},
		}},
	}
	services := []string{"health", "water", "school", "jobs", "safety", "transport", results.NoAnswer}
	rep.Questions = []results.Question{
		{ID: "top_services", Type: survey.Rank, Multi: true, Tables: []results.Table{
			{Dimension: results.ByGroup, Columns: services, Rows: []results.Row{
				row("host", 52, 40, 31, 22, 18, 30, 10, 0),
				row("displaced", 38, 30, 12, 25, 33, 9, 5, 0),
				row("refugee", 17, 14, 6, -1, 12, -1, -1, 0),
				row("returnee", -1, 0, 0, 0, 0, 0, 0, 0),
			}},
			{Dimension: results.ByGender, Columns: services, Rows: []results.Row{
				row("female", 68, 55, 30, 35, 38, 30, 12, 0),
				row("male", 46, 32, 22, 20, 30, 14, 9, 0),
				row(survey.PreferNot, -1, 0, 0, 0, 0, 0, 0, 0),
			}},
		},
			Priorities: []results.Priority{
				{Choice: "health", Points: 240, TopN: cell(88, 120)},
				{Choice: "jobs", Points: 150, TopN: cell(66, 120)},
				{Choice: "water", Points: 110, TopN: cell(52, 120)},
				{Choice: "school", Points: 100, TopN: cell(50, 120)},
				{Choice: "safety", Points: 90, TopN: cell(42, 120)},
				{Choice: "transport", Points: 30, TopN: cell(17, 120)},
			},
			ByGroup: []results.PriorityRow{
				{Value: "host", N: cell(52, 120), Scores: []results.Priority{
					{Choice: "health", Points: 110, TopN: cell(40, 52)}, {Choice: "safety", Points: 70, TopN: cell(30, 52)},
					{Choice: "water", Points: 60, TopN: cell(31, 52)}, {Choice: "school", Points: 40, TopN: cell(22, 52)},
					{Choice: "jobs", Points: 35, TopN: cell(18, 52)}, {Choice: "transport", Points: 18, TopN: cell(10, 52)}}},
				{Value: "displaced", N: cell(38, 120), Scores: []results.Priority{
					{Choice: "health", Points: 85, TopN: cell(30, 38)}, {Choice: "jobs", Points: 80, TopN: cell(33, 38)},
					{Choice: "school", Points: 50, TopN: cell(25, 38)}, {Choice: "water", Points: 25, TopN: cell(12, 38)},
					{Choice: "safety", Points: 15, TopN: cell(9, 38)}, {Choice: "transport", Points: 10, TopN: cell(5, 38)}}},
				{Value: "refugee", N: cell(17, 120), Scores: []results.Priority{
					{Choice: "health", Points: 38, TopN: cell(14, 17)}, {Choice: "jobs", Points: 30, TopN: cell(12, 17)},
					{Choice: "water", Points: 12, TopN: cell(6, 17)},
					{Choice: "school", Suppressed: true, Points: poisonN, TopN: hid()},
					{Choice: "safety", Suppressed: true, TopN: hid()}, {Choice: "transport", Suppressed: true, TopN: hid()}}},
			}},
		{ID: "safe_night", Type: survey.YesNo, Tables: []results.Table{
			{Dimension: results.ByGroup, Columns: []string{"yes", "no", survey.PreferNot, results.NoAnswer}, Rows: []results.Row{
				row("host", 52, 30, 18, -1, -1),
				row("displaced", 38, 12, 22, -1, -1),
				row("refugee", 17, -1, 11, -1, -1),
			}},
			{Dimension: results.ByGender, Columns: []string{"yes", "no", survey.PreferNot, results.NoAnswer}, Rows: []results.Row{
				row("female", 68, 25, 38, -1, -1),
				row("male", 46, 24, 17, -1, -1),
			}},
		}},
		{ID: "satisfaction", Type: survey.Scale, Tables: []results.Table{
			{Dimension: results.ByGroup, Columns: []string{"1", "2", "3", "4", "5", results.NoAnswer}, Rows: []results.Row{
				row("host", 52, 5, 8, 15, 14, 10, 0),
				row("displaced", 38, 10, 12, 9, -1, -1, 0),
			}},
			{Dimension: results.ByGender, Columns: []string{"1", "2", "3", "4", "5", results.NoAnswer}, Rows: []results.Row{
				row("female", 68, 10, 14, 20, 14, 10, 0),
				row("male", 46, 6, 9, 12, 11, 8, 0),
			}},
		}},
		{ID: "comments", Type: survey.Text, Texts: cell(30, 120)},
	}
	rep.Gaps = []results.Gap{
		{Question: "top_services", Choice: "jobs", Displaced: 86.8, Host: 34.6, Gap: 52.2},
		{Question: "top_services", Choice: "safety", Displaced: 23.7, Host: 57.7, Gap: -34},
		{Question: "safe_night", Choice: "no", Displaced: 57.9, Host: 34.6, Gap: 23.3},
		{Question: "top_services", Choice: "water", Displaced: 31.6, Host: 59.6, Gap: -28},
	}
	return rep
}

// english is the interface wording the tests use; a key it lacks comes back as the key, as in web.T.
var english = map[string]string{
	"results.chart_pyramid":             "Who answered, by age and gender",
	"results.chart_participation_group": "Who answered, by population group",
	"results.chart_by_group":            "%s — by population group",
	"results.chart_by_gender":           "%s — by gender",
	"results.chart_priorities":          "%s — priority points by population group",
	"council.chart_shares":              "%s — share of each group who put it in their top %d",
	"council.points_all":                "Points (everyone)",
	"council.shares_note":               "Percent of each group who put it among their first %d.",
	"results.chart_top_share":           "%s — share who put each in their top %d",
	"results.chart_gaps":                "Where displaced and host residents differ",
	"results.gap_note":                  "Percentage points, displaced minus host: bars to the right were chosen more by displaced residents.",
	"results.points_note":               "Points: %d for a first place, down to 1.",
	"results.suppressed_note":           "No bar: too few people in this group (under %d) to show their answers without putting them at risk.",
	"results.save_png":                  "Save as image",
	"results.count":                     "Number of people",
	"results.percent":                   "Percent",
	"results.not_stated":                "Not stated",
	"results.no_answer":                 "No answer",
	"results.all":                       "Everyone",
	"results.answer":                    "Answer",
	"results.people_asked":              "People asked",
	"results.age_band":                  "Age",
	"results.group":                     "Population group",
	"results.question":                  "Question",
	"results.gap":                       "Difference (percentage points)",
	"survey.prefer_not":                 "Prefer not to say",
	"survey.yes":                        "Yes",
	"survey.no":                         "No",
	"survey.scale_low":                  "Not at all",
	"survey.scale_high":                 "Very much",
	"group.host":                        "Host community",
	"group.displaced":                   "Internally displaced",
	"group.refugee":                     "Refugee or asylum seeker",
	"group.returnee":                    "Returnee",
	"group.migrant":                     "Migrant in transit",
	"gender.female":                     "Woman",
	"gender.male":                       "Man",
	"gender.other":                      "Another identity",
	"age.age_8_12":                      "8 to 12 years",
	"age.age_13_17":                     "13 to 17 years",
	"age.age_18_29":                     "18 to 29 years",
	"age.age_30_59":                     "30 to 59 years",
	"age.age_60_plus":                   "60 years or more",
}

// translator returns a label func over words that records every key asked for.
func translator(words map[string]string, used map[string]bool) func(string, ...any) string {
	return func(key string, args ...any) string {
		if used != nil {
			used[key] = true
		}
		s, ok := words[key]
		if !ok {
			return key
		}
		if len(args) > 0 && strings.Contains(s, "%") {
			return fmt.Sprintf(s, args...)
		}
		return s
	}
}

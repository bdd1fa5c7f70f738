package domain_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"consulta/internal/charts"
	"consulta/internal/domain"
	"consulta/internal/results"
	"consulta/internal/survey"
)

// addGroup puts one more population group in a copy of the profile table for the test's length:
// the one line a new group needs, besides its words.
func addGroup(t *testing.T, v domain.Value) {
	t.Helper()
	saved := domain.Profile
	table := slices.Clone(saved)
	for i := range table {
		if table[i].ID == domain.Group {
			table[i].Values = append(slices.Clone(table[i].Values), v)
		}
	}
	domain.Profile = table
	t.Cleanup(func() { domain.Profile = saved })
}

const newGroupSurvey = `id: new-group
title: {es: "Prueba", en: "Test", pt: "Teste"}
audience: adult
languages: [es, en, pt]
default_language: es
profile: [group, gender]
questions:
  - id: q1
    type: select_one
    label: {es: "uno", en: "one", pt: "um"}
    choices: [{id: a, label: {es: a, en: a, pt: a}}, {id: b, label: {es: b, en: b, pt: b}}]
`

func TestAddingAGroupIsOneLine(t *testing.T) {
	addGroup(t, domain.Value{ID: "seasonal_worker", Colour: "#8C564B"})

	// Survey loading offers it, in the table's order, before "prefer not to say".
	sv, problems := survey.Parse("new-group.yaml", []byte(newGroupSurvey))
	if problems != nil {
		t.Fatal(problems)
	}
	var ids []string
	for _, c := range sv.Question(survey.Group).Choices {
		ids = append(ids, c.ID)
	}
	if want := "host,displaced,refugee,returnee,migrant,seasonal_worker,prefer_not"; strings.Join(ids, ",") != want {
		t.Fatalf("group choices %s, want %s", strings.Join(ids, ","), want)
	}
	if _, errs := sv.CheckForm(map[string][]string{"group": {"seasonal_worker"}, "gender": {"female"}, "q1": {"a"}}); len(errs) > 0 {
		t.Fatalf("a seasonal worker's answers refused: %v", errs)
	}

	// Results give it a row of its own.
	d := results.NewDataset()
	b := d.Batch()
	rid := int64(0)
	for _, g := range []string{"host", "seasonal_worker"} {
		for i := range 20 {
			rid++
			b.Response(rid, 0, "s1", "kiosk", g, "female", "", "", fmt.Sprintf("2026-11-%02d", 1+rid%20))
			b.Answer(rid, "group", g, 0, 0, false, false)
			b.Answer(rid, "gender", "female", 0, 0, false, false)
			b.Answer(rid, "q1", []string{"a", "b"}[i%2], 0, 0, false, false)
		}
	}
	b.Commit()
	rep := results.Aggregate(d, sv, "c1", results.Filter{}, 5)
	var row *results.Row
	for _, q := range rep.Questions {
		if q.ID != "q1" {
			continue
		}
		for _, tab := range q.Tables {
			if tab.Dimension != results.ByGroup {
				continue
			}
			for i := range tab.Rows {
				if tab.Rows[i].Value == "seasonal_worker" {
					row = &tab.Rows[i]
				}
			}
		}
	}
	if row == nil || row.N.Suppressed || row.N.N == 0 {
		t.Fatalf("no published seasonal_worker row in the results: %+v", row)
	}

	// Charts draw it as a series with its own name key and colour.
	for _, c := range charts.Build(rep, sv, "en", nil).All() {
		if c.ID != "q-q1-group" {
			continue
		}
		opt, _ := json.Marshal(c.Counts)
		if !strings.Contains(string(opt), `"group.seasonal_worker"`) || !strings.Contains(string(opt), "#8C564B") {
			t.Fatalf("the group chart leaves the new group out: %s", opt)
		}
		return
	}
	t.Fatal("no q-q1-group chart")
}

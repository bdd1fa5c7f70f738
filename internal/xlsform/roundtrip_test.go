package xlsform

import (
	"encoding/json"
	"strings"
	"testing"

	"consulta/internal/survey"
	"consulta/surveys"
)

// comparable is the survey as JSON (what the API and pages see) without the version, which is
// the hash of the file's bytes, and each question as JSON.
func comparable(s *survey.Survey) (string, []string) {
	c := *s
	c.Version, c.Questions = "", nil
	head, _ := json.Marshal(c)
	var qs []string
	for _, q := range s.Questions {
		b, _ := json.Marshal(q)
		qs = append(qs, string(b))
	}
	return string(head), qs
}

// Export then import gives back the same survey: ids, labels, hints, choices and icons, skip
// logic, ranks, scales, bounds, variants, the profile and the audience. Importing the result
// once more gives the same bytes, so the version is stable.
func TestRoundTripShippedSurveys(t *testing.T) {
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if len(loaded) < 2 {
		t.Fatalf("%d shipped surveys, want 2", len(loaded))
	}
	for _, sv := range loaded {
		t.Run(sv.ID, func(t *testing.T) { roundTrip(t, sv) })
	}
}

func roundTrip(t *testing.T, sv *survey.Survey) *Result {
	t.Helper()
	book, err := Export(sv)
	if err != nil {
		t.Fatal(err)
	}
	res := Import(book, Options{Name: sv.ID + ".xlsx", Icons: testIcons})
	if len(res.Errors) > 0 {
		t.Fatalf("import of the export:\n%s\n%s", res.Errors.Message("en"), res.YAML)
	}
	for _, n := range res.Notes {
		if !strings.HasPrefix(n.Code, "note_profile") {
			t.Errorf("unexpected note: %s", n.Message("en"))
		}
	}
	sameSurvey(t, res.Survey, sv)
	again, err := Export(res.Survey)
	if err != nil {
		t.Fatal(err)
	}
	res2 := Import(again, Options{Name: sv.ID + ".xlsx", Icons: testIcons})
	if len(res2.Errors) > 0 || string(res2.YAML) != string(res.YAML) || res2.Survey.Version != res.Survey.Version {
		t.Errorf("second round trip differs: %v\n%s\n---\n%s", res2.Errors, res.YAML, res2.YAML)
	}
	return res
}

// sameSurvey compares two surveys as the pages and the API see them, question by question.
func sameSurvey(t *testing.T, got, want *survey.Survey) {
	t.Helper()
	wh, wq := comparable(want)
	gh, gq := comparable(got)
	if wh != gh {
		t.Errorf("survey:\n got %s\nwant %s", gh, wh)
	}
	if len(wq) != len(gq) {
		t.Fatalf("%d questions, want %d", len(gq), len(wq))
	}
	for i := range wq {
		if wq[i] != gq[i] {
			t.Errorf("question %d:\n got %s\nwant %s", i, gq[i], wq[i])
		}
	}
}

var testIcons = []string{"school", "health", "health_centre", "playground", "water", "street_lights", "police",
	"clean_streets", "sports", "bus", "food", "public_spaces", "other", "family", "friends", "teacher",
	"counsellor", "nobody", "housing", "jobs", "safety", "transport", "waste", "documents", "education", "child_protection"}

// Every field the format has survives a round trip: exclusive choices, prefer_not, bounds,
// a select_one whose choices are yes and no, text length, hints and variants.
func TestRoundTripEveryField(t *testing.T) {
	src := `id: every-field
title: {es: "Todo", en: "Everything", pt: "Tudo"}
audience: child
languages: [es, en, pt]
default_language: en
profile: [age_band, disability]
questions:
  - id: hello
    type: note
    label: {es: "Hola", en: "Hello", pt: "Olá"}
  - id: barriers
    type: select_multiple
    required: true
    prefer_not: true
    label: {es: "Barreras", en: "Barriers", pt: "Barreiras"}
    hint: {es: "Varias", en: "Several", pt: "Várias"}
    choices:
      - {id: cost, icon: documents, label: {es: "Costo", en: "Cost", pt: "Custo"}}
      - {id: none, exclusive: true, label: {es: "Ninguna", en: "None", pt: "Nenhuma"}}
      - {id: nobody, exclusive: true, label: {es: "Nadie", en: "Nobody", pt: "Ninguém"}}
  - id: agree
    type: select_one
    label: {es: "¿Sí?", en: "Yes?", pt: "Sim?"}
    choices: yes_no
  - id: count
    type: integer
    min: 0
    max: 12
    label: {es: "Cuántos", en: "How many", pt: "Quantos"}
    relevant: "not(selected(${barriers}, 'none')) and ${agree} = 'yes'"
    variants:
      age_13_17: {label: {es: "¿Cuántos?", en: "How many?", pt: "Quantos?"}}
  - id: same_list
    type: select_multiple
    label: {es: "Otra", en: "Other", pt: "Outra"}
    choices: yes_no
  - id: say
    type: text
    max_length: 120
    label: {es: "Diga", en: "Say", pt: "Diga"}
choices:
  yes_no:
    - {id: "yes", label: {es: "Sí", en: "Yes", pt: "Sim"}}
    - {id: "no", label: {es: "No", en: "No", pt: "Não"}}
`
	sv, ps := survey.Parse("every-field.yaml", []byte(src))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	res := roundTrip(t, sv)
	if q := res.Survey.Question("barriers"); !q.Choice("none").Exclusive || !q.Choice("nobody").Exclusive || q.Choice("cost").Exclusive {
		t.Errorf("exclusive lost: %+v", q.Choices)
	}
}

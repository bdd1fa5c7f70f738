package survey

import (
	"strings"
	"testing"
)

// Issue 14 item 14: a note before the age question cannot have age wording, since the age is
// not known when it shows; the loader says so instead of shipping wording that never shows.
func TestVariantBeforeAgeIsRefused(t *testing.T) {
	_, problems := Parse("intro.yaml", []byte(`
id: intro-variant
title: {es: "T", en: "T", pt: "T"}
audience: child
languages: [es, en, pt]
profile: [age_band]
questions:
  - id: intro
    type: note
    label: {es: "Hola", en: "Hello", pt: "Oi"}
    variants:
      age_13_17:
        label: {es: "Hola, adolescente", en: "Hi", pt: "Oi"}
  - id: q1
    type: yes_no
    label: {es: "¿Sí?", en: "Yes?", pt: "Sim?"}
    variants:
      age_13_17:
        label: {es: "¿De verdad?", en: "Really?", pt: "Sério?"}
`))
	if len(problems) != 1 || !strings.Contains(problems.Error(), `"intro"`) || !strings.Contains(problems.Error(), "never show") {
		t.Fatalf("want one problem naming intro, got %v", problems)
	}
}

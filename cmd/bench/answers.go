package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"unicode/utf8"

	"consulta/internal/survey"
)

// surveyDef is the part of GET /api/consultations/{id}/survey the generator needs.
type surveyDef struct {
	ID        string     `json:"id"`
	Version   string     `json:"version"`
	Questions []question `json:"questions"`
}

type question struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Choices   []choice `json:"choices"`
	Rank      int      `json:"rank"`
	Points    int      `json:"points"`
	MaxLength int      `json:"max_length"`
	Min       *int     `json:"min"`
	Max       *int     `json:"max"`
	// Relevant is read and evaluated by the survey package, the one source of truth for skip logic.
	Relevant *survey.Expr `json:"relevant_expr"`
}

type choice struct {
	ID string `json:"id"`
}

// fetchSurvey reads the consultation's survey and checks that every question is one the generator can answer.
func fetchSurvey(ctx context.Context, c *http.Client, base, consultation string) (*surveyDef, error) {
	body, status, err := get(ctx, c, base+"/api/consultations/"+consultation+"/survey")
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("GET survey: HTTP %d: %.200s", status, body)
	}
	var sv surveyDef
	if err := json.Unmarshal(body, &sv); err != nil {
		return nil, fmt.Errorf("survey JSON: %w", err)
	}
	if sv.Version == "" || len(sv.Questions) == 0 {
		return nil, fmt.Errorf("survey JSON has no version or no questions")
	}
	for _, q := range sv.Questions {
		switch q.Type {
		case "note", "scale", "yes_no", "integer", "text":
		case "select_one", "select_multiple", "rank":
			if len(q.Choices) == 0 {
				return nil, fmt.Errorf("question %s (%s) has no choices", q.ID, q.Type)
			}
		default:
			return nil, fmt.Errorf("question %s: unknown type %q", q.ID, q.Type)
		}
	}
	return &sv, nil
}

// answer draws a complete valid response: every question whose relevant expression holds,
// in order, answered at random within its rules.
func (sv *surveyDef) answer(rng *mathrand.Rand) map[string]any {
	a := map[string]any{}
	for _, q := range sv.Questions {
		if q.Type == "note" || (q.Relevant != nil && !q.Relevant.Eval(func(id string) any { return a[id] })) {
			continue
		}
		switch q.Type {
		case "select_one":
			a[q.ID] = q.Choices[rng.IntN(len(q.Choices))].ID
		case "select_multiple":
			a[q.ID] = q.several(rng)
		case "rank":
			a[q.ID] = q.ranked(rng)
		case "scale":
			points := q.Points
			if points < 1 {
				points = 5
			}
			a[q.ID] = 1 + rng.IntN(points)
		case "yes_no":
			a[q.ID] = rng.IntN(2) == 0
		case "integer":
			lo, hi := 0, 100
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = *q.Max
			}
			a[q.ID] = lo + rng.IntN(max(hi-lo, 0)+1)
		case "text":
			a[q.ID] = clip(texts[rng.IntN(len(texts))], q.MaxLength)
		}
	}
	return a
}

// several picks one to three distinct choices; "none" and "prefer not to answer" stand alone.
func (q *question) several(rng *mathrand.Rand) []string {
	ids := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		ids[i] = c.ID
	}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	picked := ids[:min(1+rng.IntN(3), len(ids))]
	for _, id := range picked {
		if id == "none" || id == "prefer_not" {
			return []string{id}
		}
	}
	return picked
}

// ranked orders exactly rank distinct choices, never "prefer not to answer", which stands alone.
func (q *question) ranked(rng *mathrand.Rand) []string {
	var ids []string
	for _, c := range q.Choices {
		if c.ID != "prefer_not" {
			ids = append(ids, c.ID)
		}
	}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	n := q.Rank
	if n < 1 || n > len(ids) {
		n = len(ids)
	}
	return ids[:n]
}

var texts = []string{
	"Más luz en las calles.",
	"Que el centro de salud atienda a todas las personas igual.",
	"Ayuda con los documentos.",
	"Agua potable en el barrio.",
	"A safe park for the children.",
	"Trabalho para os jovens.",
}

func clip(s string, maxRunes int) string {
	if maxRunes <= 0 || utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	return string([]rune(s)[:maxRunes])
}

// submission is the body of POST /api/consultations/{id}/responses, with a fresh random UUID.
func (sv *surveyDef) submission(rng *mathrand.Rand) []byte {
	body, _ := json.Marshal(map[string]any{
		"id":             newUUID(),
		"survey_version": sv.Version,
		"language":       "es",
		"answers":        sv.answer(rng),
	})
	return body
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Package demo fills a database with a demo municipality, its consultations and synthetic
// responses drawn with a fixed seed. It writes only through the store and is never used for real data.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"consulta/internal/auth"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// Consultation ids scripts and people can rely on (DESIGN.md).
const (
	Community = "demo-community"
	Child     = "demo-child"
)

// Responses is how many synthetic responses each demo consultation gets.
const Responses = 2000

// Seed fixes the synthetic data, so every demo shows the same numbers.
const Seed = 2026

// Account is a demo account; its password is printed in the log beside a warning.
type Account struct{ Name, Password, Role string }

// Accounts exist only in demo mode, one per role, all of the demo municipality.
var Accounts = []Account{
	{"admin", "demo-admin-2026", store.RoleAdmin},
	{"planner", "demo-planner-2026", store.RolePlanner},
	{"facilitator", "demo-facilitator-2026", store.RoleFacilitator},
}

// Load creates the demo municipality, accounts, sessions and consultations and fills each empty
// one, then Upala's development plan in validation with its synthetic validation round.
func Load(ctx context.Context, st *store.Store, surveys map[string]*survey.Survey, now time.Time) error {
	mid, err := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		return err
	}
	for _, a := range Accounts {
		hash, err := auth.HashPassword(a.Password)
		if err != nil {
			return err
		}
		u := &store.User{Name: a.Name, PasswordHash: hash, Role: a.Role, Municipalities: []int64{mid}}
		if err := st.CreateUser(ctx, u); err != nil && err != store.ErrConflict {
			return err
		}
	}
	for _, d := range []struct{ id, survey, title string }{
		{Community, "community-consultation", "Consulta comunitaria de Upala 2026"},
		{Child, "child-listening", "Escucha a niñas, niños y adolescentes de Upala 2026"},
	} {
		sv, ok := surveys[d.survey]
		if !ok {
			return fmt.Errorf("demo: survey %q is not loaded", d.survey)
		}
		c := &store.Consultation{ID: d.id, MunicipalityID: mid, SurveyID: d.survey, Title: d.title,
			Status: store.StatusOpen, StartsOn: now.AddDate(0, 0, -30).Format(time.DateOnly), EndsOn: now.AddDate(0, 0, 30).Format(time.DateOnly)}
		if err := st.CreateConsultation(ctx, c); err != nil && err != store.ErrConflict {
			return err
		}
		n, err := st.CountResponses(ctx, d.id)
		if err != nil {
			return err
		}
		if n > 0 {
			continue // filled by an earlier start
		}
		sessions, err := createSessions(ctx, st, d.id, now)
		if err != nil {
			return err
		}
		if err := fill(ctx, st, sv, d.id, sessions, now); err != nil {
			return err
		}
	}
	return loadPlan(ctx, st, mid, surveys["community-consultation"], now)
}

func createSessions(ctx context.Context, st *store.Store, consultation string, now time.Time) ([]string, error) {
	places := []string{"Salón comunal de San José de Upala", "Escuela de Aguas Claras", "Centro de Salud de Upala centro"}
	ids := make([]string, len(places))
	for i, place := range places {
		ids[i] = fmt.Sprintf("%s-s%d", consultation, i+1)
		err := st.CreateSession(ctx, &store.Session{ID: ids[i], ConsultationID: consultation, Place: place,
			HeldOn: now.AddDate(0, 0, -20+7*i).Format(time.DateOnly), Facilitator: "facilitadora"})
		if err != nil && err != store.ErrConflict {
			return nil, err
		}
	}
	return ids, nil
}

// fill draws Responses synthetic responses in order (the seed fixes them), each passing the same
// check as a real submission, and stores them all.
func fill(ctx context.Context, st *store.Store, sv *survey.Survey, consultation string, sessions []string, now time.Time) error {
	rng := rand.New(rand.NewPCG(Seed, uint64(len(consultation))))
	start := now.AddDate(0, 0, -28)
	rs := make([]*store.Response, Responses)
	for i := range Responses {
		answers := draw(rng, sv)
		raw := map[string]json.RawMessage{}
		for k, v := range answers {
			raw[k], _ = json.Marshal(v)
		}
		checked, errs := sv.Check(raw)
		if len(errs) > 0 {
			return fmt.Errorf("demo: response %d of %s is invalid: %s: %s", i, sv.ID, errs[0].Question, errs[0].Message("en"))
		}
		r := &store.Response{ID: uuid(rng), ConsultationID: consultation, SurveyVersion: sv.Version,
			Language: pick(rng, []string{"es", "en", "pt"}, []float64{85, 5, 10}), Channel: store.Link,
			Profile: survey.ProfileOf(checked), Answers: checked,
			ReceivedAt: start.Add(time.Duration(rng.Int64N(int64(27 * 24 * time.Hour))))}
		if rng.Float64() < 0.6 {
			r.Channel, r.SessionID = store.Kiosk, sessions[rng.IntN(len(sessions))]
		}
		rs[i] = r
	}
	return saveAll(ctx, st, sv, rs)
}

// draw answers every relevant question in order, with tendencies that differ by group,
// gender and age, so the demo charts show differences true to life.
func draw(rng *rand.Rand, sv *survey.Survey) map[string]any {
	a := map[string]any{}
	get := func(id string) any {
		if n, ok := a[id].(int); ok {
			return float64(n)
		}
		return a[id]
	}
	p := func(id string) string { s, _ := a[id].(string); return s }
	disabled := rng.Float64() < 0.09
	skipWG := rng.Float64() < 0.08
	for _, q := range sv.Questions {
		if !q.Answerable() || (q.Expr != nil && !q.Expr.Eval(get)) {
			continue
		}
		if !q.Required && !q.Profile && rng.Float64() < 0.04 {
			continue // some people skip optional questions
		}
		if slices.Contains(survey.WashingtonGroup, q.ID) {
			if skipWG {
				continue
			}
			w := []float64{80, 16, 3, 1, 0}
			if disabled && rng.Float64() < 0.4 {
				w = []float64{10, 30, 45, 15, 0}
			}
			a[q.ID] = pick(rng, ids(q), pad(w, len(q.Choices)))
			continue
		}
		switch q.Type {
		case survey.SelectOne:
			a[q.ID] = pick(rng, ids(q), weights(q, p))
		case survey.SelectMultiple:
			a[q.ID] = many(rng, q, p)
		case survey.Rank:
			a[q.ID] = ranked(rng, q, p)
		case survey.Scale:
			a[q.ID] = scale(rng, q, p)
		case survey.YesNo:
			a[q.ID] = rng.Float64() < yesChance(q.ID, p)
		case survey.Integer:
			lo, hi := 0, 30
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = min(*q.Max, lo+15)
			}
			a[q.ID] = lo + int(math.Abs(rng.NormFloat64())*float64(hi-lo)/3)%(hi-lo+1)
		case survey.Text:
			if rng.Float64() < 0.25 {
				a[q.ID] = pick(rng, demoTexts, nil)
			}
		}
	}
	return a
}

func ids(q *survey.Question) []string {
	out := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		out[i] = c.ID
	}
	return out
}

func pad(w []float64, n int) []float64 {
	out := make([]float64, n)
	copy(out, w)
	return out
}

// tendency is how much more (or less) likely a choice is for people of one profile value.
var tendency = map[string]map[string]float64{
	// who answers
	"group:host": {"x": 40}, "group:displaced": {"x": 22}, "group:refugee": {"x": 15},
	"group:returnee": {"x": 8}, "group:migrant": {"x": 10}, "group:prefer_not": {"x": 5},
	"gender:female": {"x": 52}, "gender:male": {"x": 44}, "gender:other": {"x": 2}, "gender:prefer_not": {"x": 2},
	"age_band:age_18_29": {"x": 33}, "age_band:age_30_59": {"x": 50}, "age_band:age_60_plus": {"x": 17},
	"age_band:age_8_12": {"x": 55}, "age_band:age_13_17": {"x": 45},
	// what matters to whom
	"documents":         {"displaced": 2.5, "refugee": 4, "migrant": 4, "returnee": 2.5, "host": 0.4},
	"housing":           {"displaced": 2.5, "refugee": 1.8, "returnee": 2, "host": 0.8},
	"jobs":              {"displaced": 1.8, "refugee": 2, "migrant": 2.2, "male": 1.3},
	"safety":            {"host": 1.6, "female": 1.5, "age_13_17": 1.5},
	"water":             {"host": 1.5, "age_60_plus": 1.5},
	"health":            {"female": 1.6, "age_60_plus": 2, "migrant": 1.4},
	"child_protection":  {"female": 1.8, "displaced": 1.4},
	"public_spaces":     {"host": 1.5, "age_18_29": 1.6},
	"transport":         {"host": 1.3, "age_60_plus": 1.4},
	"street_lights":     {"female": 1.7, "age_13_17": 1.6},
	"discrimination":    {"refugee": 4, "migrant": 4, "displaced": 1.8, "host": 0.2, "other": 3},
	"language":          {"migrant": 3, "refugee": 2, "host": 0.1},
	"cost":              {"host": 1.5, "displaced": 1.4},
	"dont_know_where":   {"displaced": 2, "refugee": 2.5, "migrant": 3, "returnee": 1.6, "host": 0.5},
	"fear":              {"migrant": 3, "refugee": 2, "female": 1.4},
	"none":              {"host": 2.5, "male": 1.2},
	"playground":        {"age_8_12": 2.5},
	"sports":            {"age_13_17": 1.8, "male": 1.4},
	"school":            {"refugee": 1.6, "migrant": 2},
	"police":            {"female": 0.7, "age_13_17": 0.6},
	"family":            {"age_8_12": 1.6},
	"friends":           {"age_13_17": 2.2},
	"nobody":            {"migrant": 3, "refugee": 2, "age_13_17": 1.6},
	"teacher":           {"age_8_12": 1.5, "host": 1.3},
	"whatsapp":          {"age_18_29": 1.5, "age_30_59": 1.3, "age_60_plus": 0.5},
	"radio":             {"age_60_plus": 2.5, "host": 1.3},
	"community_meeting": {"displaced": 1.5, "age_60_plus": 1.5},
	"social_media":      {"age_18_29": 2.2, "age_60_plus": 0.3},
}

// factor multiplies a choice's tendencies for the profile answered so far.
func factor(choice string, p func(string) string) float64 {
	f := 1.0
	for _, dim := range []string{survey.Group, survey.Gender, survey.AgeBand} {
		if t, ok := tendency[choice][p(dim)]; ok {
			f *= t
		}
	}
	return f
}

func weights(q *survey.Question, p func(string) string) []float64 {
	w := make([]float64, len(q.Choices))
	for i, c := range q.Choices {
		if base, ok := tendency[q.ID+":"+c.ID]; ok {
			w[i] = base["x"]
			continue
		}
		w[i] = factor(c.ID, p)
		if c.ID == survey.PreferNot || c.ID == "other" {
			w[i] *= 0.15
		}
	}
	return w
}

func many(rng *rand.Rand, q *survey.Question, p func(string) string) []string {
	var out []string
	for _, c := range q.Choices {
		if c.ID == survey.PreferNot || c.ID == "none" || c.Exclusive {
			continue // these stand alone
		}
		if rng.Float64() < min(0.9, 0.22*factor(c.ID, p)) {
			out = append(out, c.ID)
		}
	}
	if len(out) == 0 {
		switch {
		case q.Choice("none") != nil && rng.Float64() < 0.7*factor("none", p)/2:
			return []string{"none"}
		case q.Choice(survey.PreferNot) != nil && rng.Float64() < 0.1:
			return []string{survey.PreferNot}
		}
		return []string{q.Choices[rng.IntN(len(q.Choices))].ID}
	}
	return out
}

func ranked(rng *rand.Rand, q *survey.Question, p func(string) string) []string {
	choices := slices.DeleteFunc(ids(q), func(id string) bool { return id == survey.PreferNot || id == "other" })
	var out []string
	for len(out) < q.Rank && len(choices) > 0 {
		w := make([]float64, len(choices))
		for i, c := range choices {
			w[i] = factor(c, p)
		}
		c := pick(rng, choices, w)
		out = append(out, c)
		choices = slices.DeleteFunc(choices, func(id string) bool { return id == c })
	}
	return out
}

// scale draws around a mean that is lower at night for women and lower for people who fled.
func scale(rng *rand.Rand, q *survey.Question, p func(string) string) int {
	mean := 0.68
	switch p(survey.Group) {
	case "displaced", "refugee", "migrant":
		mean -= 0.14
	case "returnee":
		mean -= 0.07
	}
	if p(survey.Gender) == "female" && (q.ID == "safety_night" || slices.Contains([]string{"safe_neighbourhood", "safe_neighbourhood_teen"}, q.ID)) {
		mean -= 0.2
	}
	if q.ID == "safe_home" || q.ID == "safe_home_teen" {
		mean += 0.12
	}
	x := mean + rng.NormFloat64()*0.22
	n := 1 + int(math.Round(x*float64(q.Points-1)))
	return max(1, min(q.Points, n))
}

func yesChance(id string, p func(string) string) float64 {
	switch id {
	case "treated_with_respect", "adults_listen":
		if g := p(survey.Group); g == "refugee" || g == "migrant" {
			return 0.45
		}
		return 0.75
	case "goes_to_school":
		if p(survey.Group) == "migrant" {
			return 0.55
		}
		return 0.9
	}
	return 0.6
}

func pick[T any](rng *rand.Rand, items []T, w []float64) T {
	if w == nil {
		return items[rng.IntN(len(items))]
	}
	total := 0.0
	for _, x := range w {
		total += x
	}
	r := rng.Float64() * total
	for i, x := range w {
		if r < x {
			return items[i]
		}
		r -= x
	}
	return items[len(items)-1]
}

func uuid(rng *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// demoTexts are invented answers to the open question, with nothing identifying in them.
var demoTexts = []string{
	"Más iluminación en las calles y transporte en la noche.",
	"Que atiendan a todas las personas igual en el centro de salud.",
	"Ayudar con los documentos a las familias que llegaron.",
	"Arreglar el agua potable del barrio.",
	"Un parque seguro para los niños.",
	"Trabajo para los jóvenes.",
	"More street lights and a safe place for children to play.",
	"Mais segurança à noite e ajuda com os documentos.",
}

package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"consulta/internal/plan"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// PlanFollowUp is the consultation id of the demo plan's follow-up question.
const PlanFollowUp = "demo-plan-followup"

// PlanFollowUpResponses is how many synthetic answers the follow-up question gets.
const PlanFollowUpResponses = 300

// demoDecisions are the municipality's decisions after the round: every item decided, some
// moved, one reworded, one merged, one dropped with its reasons, one added from "missing".
func demoDecisions() []plan.Decision {
	r := func(es, en, pt string) survey.Label { return l(es, en, pt) }
	return []plan.Decision{
		{Code: "S1", Kind: plan.Kept, Order: 1, Reason: r("Amplio acuerdo en todos los grupos.", "Broad agreement in every group.", "Amplo acordo em todos os grupos."),
			ChildReason: r("Casi todos dijeron que sí.", "Almost everyone said yes.", "Quase todos disseram sim.")},
		{Code: "S2", Kind: plan.MovedUp, Order: 2, Reason: r("Fue de las tres más elegidas por adultos y por niñas y niños.", "It was among the three most chosen by adults and by children.", "Esteve entre as três mais escolhidas por adultos e crianças."),
			ChildReason: r("Tú dijiste que el agua es muy importante.", "You said water matters a lot.", "Você disse que a água é muito importante.")},
		{Code: "W2", Kind: plan.Kept, Order: 3, Reason: r("Se mantiene; baja un lugar porque el agua sube.", "Kept; one place lower because water moves up.", "Mantida; desce um lugar porque a água sobe.")},
		{Code: "S3", Kind: plan.Kept, Order: 4, Reason: r("Se mantiene.", "Kept.", "Mantida.")},
		{Code: "D1", Kind: plan.MovedUp, Order: 5, Reason: r("Las personas desplazadas la pidieron mucho; la comunidad de acogida no se opuso.", "Displaced people asked for it strongly; the host community did not object.", "As pessoas deslocadas pediram muito; a comunidade de acolhida não se opôs."),
			ChildReason: r("Muchas familias necesitan sus papeles.", "Many families need their papers.", "Muitas famílias precisam dos documentos.")},
		{Code: "D3", Kind: plan.Changed, Order: 6, Title: r("Alumbrado, paradas seguras y rutas a pie acompañadas", "Street lights, safe stops and accompanied walking routes", "Iluminação, paradas seguras e rotas a pé acompanhadas"),
			Reason:      r("Las mujeres pidieron también acompañamiento en las rutas de noche.", "Women also asked for company on the routes at night.", "As mulheres também pediram acompanhamento nas rotas à noite."),
			ChildReason: r("Más luz y más gente para cuidarte en la calle.", "More light and more people to look after you in the street.", "Mais luz e mais gente para cuidar de você na rua.")},
		{Code: "W1", Kind: plan.Kept, Order: 7, Reason: r("Se mantiene y suma el bus rural.", "Kept, and the rural bus joins it.", "Mantida, e o ônibus rural se junta a ela.")},
		{Code: "D2", Kind: plan.MovedUp, Order: 8, Reason: r("Las niñas y los niños la pusieron entre sus prioridades.", "Children put it among their priorities.", "As crianças a colocaram entre suas prioridades."),
			ChildReason: r("Tú nos dijiste que quieres personas de confianza.", "You told us you want trusted people.", "Você nos disse que quer pessoas de confiança.")},
		{Code: "P1", Kind: plan.MovedUp, Order: 9, Reason: r("Las niñas y los niños la eligieron mucho más que los adultos.", "Children chose it far more than adults did.", "As crianças a escolheram muito mais que os adultos."),
			ChildReason: r("¡Tú lo pediste! Los parques suben.", "You asked for it! Parks move up.", "Você pediu! Os parques sobem.")},
		{Code: "N1", Kind: plan.Added, Order: 10, Axis: "E2", Icon: "counsellor",
			Title:        r("Apoyo psicosocial para familias", "Psychosocial support for families", "Apoio psicossocial para famílias"),
			Summary:      r("Un equipo que escucha y acompaña a familias que llegaron huyendo.", "A team that listens to and supports families who arrived fleeing.", "Uma equipe que escuta e acompanha famílias que chegaram fugindo."),
			ChildSummary: r("Personas que te escuchan cuando estás triste.", "People who listen to you when you are sad.", "Pessoas que escutam você quando está triste."),
			Reason:       r("Muchas personas escribieron que faltaba.", "Many people wrote that it was missing.", "Muitas pessoas escreveram que faltava."),
			ChildReason:  r("Tú dijiste que faltaba. Lo agregamos.", "You said it was missing. We added it.", "Você disse que faltava. Acrescentamos.")},
		{Code: "W3", Kind: plan.Merged, Into: "W1", Reason: r("El bus rural y el transporte escolar usan la misma ruta: van juntos.", "The rural bus and the school transport use the same route: they go together.", "O ônibus rural e o transporte escolar usam a mesma rota: vão juntos."),
			ChildReason: r("El bus va con el bus de la escuela.", "The bus goes with the school bus.", "O ônibus vai junto com o ônibus da escola.")},
		{Code: "P2", Kind: plan.Dropped, Reason: r("Poco apoyo en la ronda, y la iglesia ya presta su salón.", "Little support in the round, and the church already lends its hall.", "Pouco apoio na rodada, e a igreja já empresta seu salão."),
			ChildReason: r("Ya hay un salón que se puede usar.", "There is already a hall you can use.", "Já existe um salão que dá para usar.")},
	}
}

// demoStatuses are where half the validated items stand.
func demoStatuses(now time.Time) []plan.Status {
	d := func(days int) string { return now.AddDate(0, 0, days).Format(time.DateOnly) }
	return []plan.Status{
		{Code: "S1", Status: plan.InProgress, Progress: 35, Milestones: []plan.Milestone{
			{On: d(-5), Text: l("Diseño aprobado", "Design approved", "Projeto aprovado"), Done: true},
			{On: d(120), Text: l("Consultorios nuevos abiertos", "New rooms open", "Novos consultórios abertos")}}},
		{Code: "S2", Status: plan.InProgress, Progress: 10, Milestones: []plan.Milestone{
			{On: d(60), Text: l("Licitación de la tubería", "Pipe tender", "Licitação da tubulação")}}},
		{Code: "W2", Status: plan.NotStarted},
		{Code: "D1", Status: plan.Done, Progress: 100, Milestones: []plan.Milestone{
			{On: d(-2), Text: l("Oficina abierta los martes y jueves", "Office open Tuesdays and Thursdays", "Escritório aberto às terças e quintas"), Done: true}}},
		{Code: "P1", Status: plan.Stopped, Progress: 20},
	}
}

// loadDecisions publishes the demo plan's validated version, opens its follow-up question with
// synthetic answers, and records the status of half the items.
func loadDecisions(ctx context.Context, st *store.Store, p *plan.Plan, planner *store.User, now time.Time) error {
	ds := demoDecisions()
	items, probs := plan.Apply(p.Ordered(), ds, p.Axes, append(demoIcons, "counsellor"))
	if len(probs) > 0 {
		return fmt.Errorf("demo decisions: %v", probs[0])
	}
	n, err := st.SaveDecisions(ctx, p.ID, 0, ds)
	if err != nil {
		return fmt.Errorf("demo decisions: %w", err)
	}
	if err := st.PublishVersion(ctx, p.ID, n, items, planner); err != nil {
		return fmt.Errorf("demo publish: %w", err)
	}
	for _, s := range demoStatuses(now) {
		if err := st.SetItemStatus(ctx, p.ID, &s, planner); err != nil {
			return err
		}
	}
	p.State = plan.Validated
	sv, sp := survey.Parse(plan.SurveyID(p.ID, plan.FollowUp)+".yaml", plan.FollowUpSurvey(p))
	if len(sp) > 0 {
		return fmt.Errorf("demo follow-up survey: %w", sp)
	}
	c := &store.Consultation{ID: PlanFollowUp, MunicipalityID: p.MunicipalityID, SurveyID: sv.ID, Title: "Lo que decidimos: plan de Upala",
		Status: store.StatusOpen, StartsOn: now.Format(time.DateOnly), EndsOn: now.AddDate(0, 0, 30).Format(time.DateOnly)}
	if err := st.StartFollowUp(ctx, p.ID, sv, c); err != nil {
		return fmt.Errorf("demo follow-up: %w", err)
	}
	rng := rand.New(rand.NewPCG(Seed, 1016)) // a stream no other demo fill uses
	rs := make([]*store.Response, PlanFollowUpResponses)
	for i := range rs {
		a := map[string]any{}
		group := pick(rng, []string{"host", "displaced", "refugee", "returnee", "migrant"}, []float64{44, 24, 16, 6, 10})
		a["group"] = group
		a["gender"] = pick(rng, []string{"female", "male", "other"}, []float64{52, 46, 2})
		a["age_band"] = pick(rng, []string{"age_18_29", "age_30_59", "age_60_plus"}, []float64{34, 52, 14})
		for _, d := range survey.WashingtonGroup {
			if sv.Question(d) != nil {
				a[d] = pick(rng, []string{"no_difficulty", "some_difficulty", "a_lot", "cannot_do"}, []float64{85, 12, 2, 1})
			}
		}
		yes := 62.0
		if group == "host" {
			yes = 48
		}
		a[plan.FollowUpAgree] = pick(rng, []string{plan.Yes, plan.NotSure, plan.No}, []float64{yes, 25, 100 - yes - 25})
		if rng.Float64() < 0.1 {
			a[plan.FollowUpTell] = pick(rng, followUpTexts, nil)
		}
		raw := map[string]json.RawMessage{}
		for k, v := range a {
			raw[k], _ = json.Marshal(v)
		}
		checked, errs := sv.Check(raw)
		if len(errs) > 0 {
			return fmt.Errorf("demo: follow-up response %d is invalid: %s: %s", i, errs[0].Question, errs[0].Message("en"))
		}
		rs[i] = &store.Response{ID: uuid(rng), ConsultationID: PlanFollowUp, SurveyVersion: sv.Version,
			Language: pick(rng, []string{"es", "en", "pt"}, []float64{85, 5, 10}), Channel: store.Link,
			Profile: survey.ProfileOf(checked), Answers: checked, ReceivedAt: now.Add(-time.Duration(rng.Int64N(int64(48 * time.Hour))))}
	}
	return saveAll(ctx, st, sv, rs)
}

var followUpTexts = []string{
	"Gracias por contarnos. Que el agua llegue pronto.",
	"Queremos saber cuándo abren la oficina de documentos.",
	"El salón comunal también hacía falta.",
	"Que los parques tengan sombra.",
}

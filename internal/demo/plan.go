package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"consulta/internal/plan"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// Consultation ids of the demo plan's validation round.
const (
	PlanAdult = "demo-plan"
	PlanChild = "demo-plan-child"
)

// How many synthetic answers each version of the validation round gets.
const (
	PlanAdultResponses = 1500
	PlanChildResponses = 500
)

// PlanTitle is the demo plan's Spanish title; a plan with it means the demo plan exists.
const PlanTitle = "Plan de desarrollo municipal de Upala 2027–2030"

func l(es, en, pt string) survey.Label { return survey.Label{"es": es, "en": en, "pt": pt} }

// demoPlan is Upala's plan: 4 axes and 11 items drawn from the services the diagnosis asked about.
func demoPlan(mid int64) *plan.Plan {
	ev := func(choice string) []plan.Evidence {
		return []plan.Evidence{{Consultation: Community, Question: "top_services", Choice: choice}}
	}
	money := func(v float64) *float64 { return &v }
	return &plan.Plan{MunicipalityID: mid, Title: l(PlanTitle, "Upala municipal development plan 2027–2030", "Plano de desenvolvimento municipal de Upala 2027–2030"),
		Period: l("2027–2030", "2027–2030", "2027–2030"),
		Axes: []plan.Axis{
			{Code: "E1", Title: l("Servicios básicos", "Basic services", "Serviços básicos")},
			{Code: "E2", Title: l("Derechos y protección", "Rights and protection", "Direitos e proteção")},
			{Code: "E3", Title: l("Educación, empleo y movilidad", "Education, jobs and transport", "Educação, emprego e mobilidade")},
			{Code: "E4", Title: l("Espacios públicos", "Public spaces", "Espaços públicos")},
		},
		Items: []plan.Item{
			{Code: "S1", Axis: "E1", Icon: "health", Order: 1, Budget: money(180_000_000), Currency: "CRC", Unit: "Área de Salud", Evidence: ev("health"),
				Title:        l("Ampliar el puesto de salud", "Extend the health post", "Ampliar o posto de saúde"),
				Summary:      l("Más consultorios y atención por la tarde en el puesto de salud de Upala centro.", "More consulting rooms and evening hours at the Upala centre health post.", "Mais consultórios e atendimento à tarde no posto de saúde do centro de Upala."),
				ChildSummary: l("Un lugar más grande para que te curen cuando estás enfermo.", "A bigger place to get better when you are ill.", "Um lugar maior para cuidar de você quando estiver doente.")},
			{Code: "S2", Axis: "E1", Icon: "water", Order: 5, Budget: money(240_000_000), Currency: "CRC", Unit: "Acueductos", Evidence: ev("water"),
				Title:        l("Agua potable en los barrios altos", "Drinking water in the upper neighbourhoods", "Água potável nos bairros altos"),
				Summary:      l("Extender la red de agua a los barrios donde hoy llega en camión.", "Extend the water network to the neighbourhoods now served by lorry.", "Levar a rede de água aos bairros que hoje recebem água de caminhão."),
				ChildSummary: l("Agua limpia que sale del tubo en tu casa.", "Clean water from the tap at home.", "Água limpa saindo da torneira da sua casa.")},
			{Code: "S3", Axis: "E1", Icon: "housing", Order: 3, Unit: "Vivienda", Evidence: ev("housing"),
				Title:   l("Viviendas seguras en zonas de riesgo", "Safe homes in risk areas", "Moradias seguras em áreas de risco"),
				Summary: l("Reparar o trasladar las viviendas junto al río que se inundan cada año.", "Repair or move the homes by the river that flood every year.", "Reformar ou mudar as casas perto do rio que alagam todo ano.")},
			{Code: "D1", Axis: "E2", Icon: "documents", Order: 6, Unit: "Oficina de Migración y Refugio", Evidence: ev("documents"),
				Title:        l("Oficina de documentación y orientación legal", "Documents and legal advice office", "Escritório de documentação e orientação jurídica"),
				Summary:      l("Ayuda gratuita para sacar documentos, pedir refugio y regularizar la situación migratoria.", "Free help to get documents, claim asylum and regularise migration status.", "Ajuda gratuita para tirar documentos, pedir refúgio e regularizar a situação migratória."),
				ChildSummary: l("Ayuda para que tu familia tenga sus papeles.", "Help so your family has its papers.", "Ajuda para sua família ter os documentos.")},
			{Code: "D2", Axis: "E2", Icon: "child_protection", Order: 9, Unit: "Oficina de la Niñez", Evidence: ev("child_protection"),
				Title:        l("Red de protección de la niñez", "Child protection network", "Rede de proteção da infância"),
				Summary:      l("Personas formadas en escuelas y barrios para atender a niñas y niños en riesgo.", "Trained people in schools and neighbourhoods to help children at risk.", "Pessoas capacitadas em escolas e bairros para atender crianças em risco."),
				ChildSummary: l("Personas de confianza a quienes puedes pedir ayuda.", "Trusted people you can ask for help.", "Pessoas de confiança a quem você pode pedir ajuda.")},
			{Code: "D3", Axis: "E2", Icon: "street_lights", Order: 8, Budget: money(60_000_000), Currency: "CRC", Unit: "Obras", Evidence: ev("safety"),
				Title:        l("Alumbrado y rutas seguras", "Street lights and safe routes", "Iluminação e rotas seguras"),
				Summary:      l("Luces y paradas seguras en las rutas que usan las mujeres de noche.", "Lights and safe stops on the routes women use at night.", "Luzes e paradas seguras nas rotas que as mulheres usam à noite."),
				ChildSummary: l("Calles con luz para caminar sin miedo.", "Streets with lights so you can walk without fear.", "Ruas iluminadas para andar sem medo.")},
			{Code: "W1", Axis: "E3", Icon: "education", Order: 7, Unit: "Educación", Evidence: ev("education"),
				Title:        l("Becas y transporte escolar", "School grants and transport", "Bolsas e transporte escolar"),
				Summary:      l("Becas y bus escolar para que nadie deje la escuela por dinero o distancia.", "Grants and a school bus so nobody leaves school for money or distance.", "Bolsas e ônibus escolar para ninguém deixar a escola por dinheiro ou distância."),
				ChildSummary: l("Ayuda para ir a la escuela todos los días.", "Help to get to school every day.", "Ajuda para ir à escola todos os dias.")},
			{Code: "W2", Axis: "E3", Icon: "jobs", Order: 2, Unit: "Desarrollo económico", Evidence: ev("jobs"),
				Title:   l("Formación y empleo para jóvenes", "Training and jobs for young people", "Formação e emprego para jovens"),
				Summary: l("Cursos técnicos y prácticas pagadas con empresas de la zona.", "Technical courses and paid placements with local businesses.", "Cursos técnicos e estágios pagos com empresas da região.")},
			{Code: "W3", Axis: "E3", Icon: "bus", Order: 4, Unit: "Transporte", Evidence: ev("transport"),
				Title:   l("Bus rural Upala – Aguas Claras", "Rural bus Upala – Aguas Claras", "Ônibus rural Upala – Aguas Claras"),
				Summary: l("Una ruta de bus diaria y barata entre los pueblos y el centro.", "A cheap daily bus route between the villages and the centre.", "Uma linha de ônibus diária e barata entre os povoados e o centro.")},
			{Code: "P1", Axis: "E4", Icon: "playground", Order: 11, Unit: "Deportes y recreación",
				Title:        l("Parques y áreas de juego", "Parks and playgrounds", "Parques e áreas de brincar"),
				Summary:      l("Arreglar los parques de los barrios y poner juegos seguros.", "Repair neighbourhood parks and add safe play equipment.", "Reformar os parques dos bairros e instalar brinquedos seguros."),
				ChildSummary: l("Parques con juegos para jugar con tus amigos.", "Parks with swings and slides to play with your friends.", "Parques com brinquedos para brincar com seus amigos.")},
			{Code: "P2", Axis: "E4", Icon: "public_spaces", Order: 10, Unit: "Cultura", Evidence: ev("public_spaces"),
				Title:   l("Salón comunal y espacios de encuentro", "Community hall and meeting places", "Salão comunitário e espaços de encontro"),
				Summary: l("Un salón comunal abierto a todos los grupos para reuniones, cultura y deporte.", "A community hall open to every group for meetings, culture and sport.", "Um salão comunitário aberto a todos os grupos para reuniões, cultura e esporte.")},
		}}
}

// agreeChance is how likely a respondent agrees an item should be a priority: some items have
// broad consensus, D1 divides displaced people and hosts, D3 women and men, P1 children and adults.
func agreeChance(code string, child bool, group, gender string) float64 {
	moved := group == "displaced" || group == "refugee" || group == "migrant" || group == "returnee"
	switch code {
	case "S1":
		return 0.84
	case "S2":
		return 0.88
	case "S3":
		return 0.66
	case "D1":
		if moved {
			return 0.86
		}
		return 0.34
	case "D2":
		return 0.78
	case "D3":
		if gender == "female" {
			return 0.86
		}
		return 0.46
	case "W1":
		if child {
			return 0.82
		}
		return 0.74
	case "W2":
		return 0.62
	case "W3":
		return 0.57
	case "P1":
		if child {
			return 0.93
		}
		return 0.5
	case "P2":
		return 0.48
	}
	return 0.6
}

// rankWeight is how likely an item is among someone's 3 that matter most.
func rankWeight(code string, child bool, group string) float64 {
	w := map[string]float64{"S1": 9, "S2": 11, "S3": 4, "D1": 4, "D2": 4, "D3": 5, "W1": 5, "W2": 6, "W3": 3, "P1": 2, "P2": 1.5}[code]
	if code == "D1" && group != "host" {
		w *= 3
	}
	if child {
		w = map[string]float64{"S1": 5, "S2": 5, "S3": 1, "D1": 2, "D2": 6, "D3": 3, "W1": 8, "W2": 1, "W3": 2, "P1": 12, "P2": 2}[code]
	}
	return w
}

var missingTexts = []string{
	"Un puente peatonal sobre el río Zapote.",
	"Cuidado de niños para las madres que trabajan.",
	"Atención en salud mental.",
	"Recolección de basura en los barrios altos.",
	"Clases de español para los que llegan.",
	"Internet en la biblioteca.",
}

// drawPlanAnswer is one synthetic answer to a validation survey.
func drawPlanAnswer(rng *rand.Rand, sv *survey.Survey, p *plan.Plan, child bool) map[string]any {
	a := map[string]any{}
	group := pick(rng, []string{"host", "displaced", "refugee", "returnee", "migrant"}, []float64{44, 24, 16, 6, 10})
	gender := pick(rng, []string{"female", "male", "other"}, []float64{52, 46, 2})
	a["group"], a["gender"] = group, gender
	if child {
		a["age_band"] = pick(rng, []string{"age_8_12", "age_13_17"}, []float64{55, 45})
	} else {
		a["age_band"] = pick(rng, []string{"age_18_29", "age_30_59", "age_60_plus"}, []float64{34, 52, 14})
		disabled := rng.Float64() < 0.1
		for _, d := range survey.WashingtonGroup {
			if sv.Question(d) == nil {
				continue
			}
			w := []float64{85, 12, 2, 1}
			if disabled {
				w = []float64{20, 30, 40, 10}
			}
			a[d] = pick(rng, []string{"no_difficulty", "some_difficulty", "a_lot", "cannot_do"}, w)
		}
	}
	for _, it := range p.Items {
		if rng.Float64() < 0.03 {
			continue // skipped
		}
		pa := agreeChance(it.Code, child, group, gender)
		a[plan.AgreeQuestion(it.Code)] = pick(rng, []string{plan.Agree, plan.NotSure, plan.Disagree}, []float64{pa, (1 - pa) * 0.4, (1 - pa) * 0.6})
	}
	var pool []string
	var w []float64
	for _, it := range p.Items {
		pool, w = append(pool, plan.QuestionID(it.Code)), append(w, rankWeight(it.Code, child, group))
	}
	var top []string
	for range 3 {
		c := pick(rng, pool, w)
		i := slices.Index(pool, c)
		top = append(top, c)
		pool, w = slices.Delete(pool, i, i+1), slices.Delete(w, i, i+1)
	}
	a[plan.RankQuestion] = top
	if rng.Float64() < 0.12 {
		a[plan.MissingQuestion] = pick(rng, missingTexts, nil)
	}
	return a
}

// loadPlan adds Upala's plan, moved from draft to in validation, and its validation round with
// synthetic adult and child answers, unless an earlier start did.
func loadPlan(ctx context.Context, st *store.Store, mid int64, community *survey.Survey, now time.Time) error {
	existing, err := st.Plans(ctx, []int64{mid}, false)
	if err != nil {
		return err
	}
	for _, p := range existing {
		if p.Title["es"] == PlanTitle {
			return nil
		}
	}
	planner, err := st.UserByName(ctx, "planner")
	if err != nil {
		return err
	}
	p := demoPlan(mid)
	if probs := p.Validate(demoIcons, nil); len(probs) > 0 {
		return fmt.Errorf("demo plan: %v", probs[0])
	}
	if err := st.CreatePlan(ctx, p, planner); err != nil {
		return err
	}
	snaps, err := evidenceSnapshots(ctx, st, community, p, now)
	if err != nil {
		return err
	}
	round := store.ValidationRound{Plan: p.ID, Snapshots: snaps, By: planner, Audiences: []string{plan.Adult, plan.Child}}
	ids := map[string]string{plan.Adult: PlanAdult, plan.Child: PlanChild}
	titles := map[string]string{plan.Adult: "Validación del plan de Upala 2027–2030", plan.Child: "Validación del plan de Upala con niñas y niños"}
	svs := map[string]*survey.Survey{}
	for _, aud := range round.Audiences {
		sv, probs := survey.Parse(plan.SurveyID(p.ID, aud)+".yaml", plan.Survey(p, aud))
		if len(probs) > 0 {
			return fmt.Errorf("demo plan survey: %w", probs)
		}
		svs[aud] = sv
		round.Surveys = append(round.Surveys, sv)
		round.Consultations = append(round.Consultations, &store.Consultation{ID: ids[aud], MunicipalityID: mid, SurveyID: sv.ID,
			Title: titles[aud], Status: store.StatusOpen, StartsOn: now.AddDate(0, 0, -14).Format(time.DateOnly),
			EndsOn: now.AddDate(0, 0, 14).Format(time.DateOnly)})
	}
	if err := st.StartValidation(ctx, round); err != nil {
		return err
	}
	for _, aud := range round.Audiences {
		sessions, err := createSessions(ctx, st, ids[aud], now.AddDate(0, 0, 12))
		if err != nil {
			return err
		}
		n := PlanAdultResponses
		if aud == plan.Child {
			n = PlanChildResponses
		}
		if err := fillPlan(ctx, st, svs[aud], p, ids[aud], sessions, n, aud == plan.Child, now); err != nil {
			return err
		}
	}
	return loadDecisions(ctx, st, p, planner, now)
}

// demoIcons are the icons the demo plan may use (the static set, known here without the web layer).
var demoIcons = []string{"health", "water", "housing", "documents", "child_protection", "street_lights", "education", "jobs", "bus", "playground", "public_spaces"}

// fillPlan draws n answers in order, so the seed fixes them, and stores them all.
func fillPlan(ctx context.Context, st *store.Store, sv *survey.Survey, p *plan.Plan, consultation string, sessions []string, n int, child bool, now time.Time) error {
	rng := rand.New(rand.NewPCG(Seed, uint64(len(consultation))+7))
	start := now.AddDate(0, 0, -13)
	rs := make([]*store.Response, n)
	for i := range n {
		raw := map[string]json.RawMessage{}
		for k, v := range drawPlanAnswer(rng, sv, p, child) {
			raw[k], _ = json.Marshal(v)
		}
		checked, errs := sv.Check(raw)
		if len(errs) > 0 {
			return fmt.Errorf("demo: plan response %d of %s is invalid: %s: %s", i, sv.ID, errs[0].Question, errs[0].Message("en"))
		}
		r := &store.Response{ID: uuid(rng), ConsultationID: consultation, SurveyVersion: sv.Version,
			Language: pick(rng, []string{"es", "en", "pt"}, []float64{85, 5, 10}), Channel: store.Kiosk,
			SessionID: sessions[rng.IntN(len(sessions))], Profile: survey.ProfileOf(checked), Answers: checked,
			ReceivedAt: start.Add(time.Duration(rng.Int64N(int64(12 * 24 * time.Hour))))}
		if !child && rng.Float64() < 0.4 {
			r.Channel, r.SessionID = store.Link, ""
		}
		rs[i] = r
	}
	return saveAll(ctx, st, sv, rs)
}

// saveAll stores responses from a few goroutines, so the store's group writer commits them in
// batches instead of one transaction each.
func saveAll(ctx context.Context, st *store.Store, sv *survey.Survey, rs []*store.Response) error {
	const workers = 64
	errc := make(chan error, workers)
	for w := range workers {
		go func() {
			for i := w; i < len(rs); i += workers {
				if _, err := st.SaveResponse(ctx, rs[i], sv); err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	var first error
	for range workers {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// evidenceSnapshots reads each item's evidence from the protected report of the diagnosis, as the
// planner's "start validation" does.
func evidenceSnapshots(ctx context.Context, st *store.Store, sv *survey.Survey, p *plan.Plan, now time.Time) (map[int64]*plan.Snapshot, error) {
	d := results.NewDataset()
	b := d.Batch()
	_, err := st.ResultRows(ctx, Community, store.Position{},
		func(r store.ResultResponse) {
			b.Response(r.RID, r.Key, r.Session, r.Channel, r.Group, r.Gender, r.AgeBand, r.Disability, r.Day)
		},
		func(a store.ResultAnswer) {
			b.AnswerBytes(a.RID, a.Question, a.Choice, a.Position, a.Number, a.HasNumber, a.HasText)
		})
	if err != nil {
		return nil, err
	}
	b.Commit()
	rep := results.Aggregate(d, sv, Community, results.Filter{}, results.NormalizeK(0))
	out := map[int64]*plan.Snapshot{}
	for _, it := range p.Items {
		for _, e := range it.Evidence {
			if snap := plan.EvidenceOf(rep, e.Question, e.Choice, now); snap != nil {
				out[e.ID] = snap
			}
		}
	}
	return out, nil
}

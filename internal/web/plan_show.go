package web

import (
	"net/http"

	"consulta/internal/charts"
	"consulta/internal/plan"
	"consulta/internal/results"
	"consulta/internal/store"
)

// planItemView is one item on the council's page with everything said about it.
type planItemView struct {
	plan.Item
	Evidence    []evidenceView
	Adult       *plan.ItemResult
	Child       *plan.ItemResult
	Order       *plan.OrderRow
	Divergences []plan.Divergence // flagged only
	Decision    *plan.Decision    // in the last published version
	Added       bool              // added by the validated plan: no proposed item behind it
}

type planAxisView struct {
	Axis  plan.Axis
	Items []planItemView
}

type planShowPage struct {
	Plan        *plan.Plan
	Axes        []planAxisView
	Results     *planResults
	Charts      []charts.Chart
	ChartData   map[string]chartOptions
	Sessions    []*store.Session
	K           int
	BroadShare  float64
	MinAnswers  int
	Divergence  float64
	Alpha       float64
	Flagged     int
	Dimensions  []string
	GroupLabels map[string]string
	Version     *plan.Version // the last published version
	Diff        []plan.Change // proposed → validated
}

// planShow is the plan for the council: each axis and item with its evidence, agreement by
// group, consensus and divergence, the two orders side by side, and the method note; it prints on A4.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	res, err := s.planRound(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	live, err := s.liveEvidence(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := planShowPage{Plan: p, Results: res, K: s.k, BroadShare: plan.BroadShare, MinAnswers: plan.MinAnswers,
		Divergence: plan.DivergencePoints, Alpha: plan.Alpha, ChartData: map[string]chartOptions{},
		Dimensions: []string{results.ByGroup, results.ByGender, results.ByAgeBand, results.ByDisability, results.ByGroupGender}}
	vs, err := s.planVersions(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v := vs.Published; v != nil {
		page.Version = v
		page.Diff = plan.Diff(p.Ordered(), v.Items, allDecisions(vs.All))
	}
	for _, a := range p.Axes {
		av := planAxisView{Axis: a}
		for _, it := range p.Ordered() {
			if it.Axis != a.Code {
				continue
			}
			iv := planItemView{Item: it, Decision: page.Version.Decision(it.Code)}
			for _, e := range it.Evidence {
				iv.Evidence = append(iv.Evidence, evidenceView{Evidence: e, Live: live[e.ID], Question: e.Question, Choice: e.Choice})
			}
			if res != nil {
				iv.Adult, iv.Child = res.Adult.Item(it.Code), res.Child.Item(it.Code)
				for i := range res.Adult.Order {
					if res.Adult.Order[i].Code == it.Code {
						iv.Order = &res.Adult.Order[i]
					}
				}
				for _, d := range res.Divergences {
					if d.Code == it.Code && d.Flag {
						iv.Divergences = append(iv.Divergences, d)
						page.Flagged++
					}
				}
			}
			av.Items = append(av.Items, iv)
		}
		// Items the validated plan added (from what people said was missing) follow, with why.
		if v := page.Version; v != nil {
			for _, it := range v.Items {
				if it.Axis == a.Code && p.Item(it.Code) == nil {
					av.Items = append(av.Items, planItemView{Item: it, Decision: v.Decision(it.Code), Added: true})
				}
			}
		}
		page.Axes = append(page.Axes, av)
	}
	if res != nil {
		label := func(key string, args ...any) string { return T(lang, key, args...) }
		page.Charts = charts.PlanCharts(p, res.Adult, res.Child, s.k, lang, label)
		page.ChartData = chartData(page.Charts)
		for _, c := range []*store.Consultation{res.AdultC, res.ChildC} {
			if c == nil {
				continue
			}
			ses, err := s.store.Sessions(r.Context(), c.ID)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			page.Sessions = append(page.Sessions, ses...)
		}
	}
	s.render(w, r, http.StatusOK, "plan_show", s.view(r, p.Title.In(lang), page))
}

// allDecisions is every published decision of a plan's versions, the latest about an item last,
// so a diff from the proposed plan names its reason.
func allDecisions(vs []*plan.Version) []plan.Decision {
	var out []plan.Decision
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Published() {
			out = append(out, vs[i].Decisions...)
		}
	}
	return out
}

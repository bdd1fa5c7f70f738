package web

import (
	"net/http"

	"consulta/internal/plan"
)

// decisionRow is one row of the decision form: an item of the base (or a new one) with what
// the round found and the decision drafted so far.
type decisionRow struct {
	Index int
	Item  plan.Item // empty for a new row
	New   bool
	D     plan.Decision
	Adult *plan.ItemResult
	Child *plan.ItemResult
}

type planDecisionsPage struct {
	Plan      *plan.Plan
	Versions  *planVersions
	Rows      []decisionRow
	Kinds     []string
	Icons     []string
	Problems  []string
	Diff      []plan.Change
	Published bool // the last version is published and no draft is open
	K         int
}

// blankRows is how many empty rows the form offers for items added from what people said was missing.
const blankRows = 3

// planDecisions shows the decision form of a plan in validation (or validated: a new version):
// for each item what the round found, and the decision with its reasons.
func (s *Server) planDecisions(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	if p.State == plan.Draft {
		s.errorPage(w, r, http.StatusConflict, "decision.no_round")
		return
	}
	page, err := s.decisionsPage(r, p, nil, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_decisions", s.view(r, T(pickLanguage(r), "decision.title"), page))
}

// decisionsPage builds the form from the draft (or the typed decisions ds, when given back with problems).
func (s *Server) decisionsPage(r *http.Request, p *plan.Plan, ds []plan.Decision, problems []string) (*planDecisionsPage, error) {
	vs, err := s.planVersions(r.Context(), p)
	if err != nil {
		return nil, err
	}
	res, err := s.planRound(r.Context(), p)
	if err != nil {
		return nil, err
	}
	page := &planDecisionsPage{Plan: p, Versions: vs, Kinds: plan.Kinds, Icons: s.planIcons(), Problems: problems, K: s.k,
		Published: vs.Draft == nil && vs.Published != nil}
	if ds == nil && vs.Draft != nil {
		ds = vs.Draft.Decisions
	}
	byCode := map[string]plan.Decision{}
	for _, d := range ds {
		byCode[d.Code] = d
	}
	for _, it := range vs.Base {
		d, ok := byCode[it.Code]
		if !ok {
			d = plan.Decision{Code: it.Code, Kind: plan.Kept, Order: it.Order}
		}
		row := decisionRow{Index: len(page.Rows), Item: it, D: d}
		if res != nil {
			row.Adult, row.Child = res.Adult.Item(it.Code), res.Child.Item(it.Code)
		}
		page.Rows = append(page.Rows, row)
		delete(byCode, it.Code)
	}
	for _, d := range ds {
		if _, left := byCode[d.Code]; left {
			page.Rows = append(page.Rows, decisionRow{Index: len(page.Rows), New: true, D: d})
		}
	}
	for i := 0; i < blankRows; i++ {
		page.Rows = append(page.Rows, decisionRow{Index: len(page.Rows), New: true, D: plan.Decision{Kind: plan.Added}})
	}
	if len(ds) > 0 {
		if items, probs := plan.Apply(vs.Base, ds, p.Axes, page.Icons); len(probs) == 0 {
			page.Diff = plan.Diff(vs.Base, items, ds)
		}
	}
	return page, nil
}

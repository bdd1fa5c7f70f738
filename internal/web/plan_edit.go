package web

import (
	"net/http"
	"strconv"

	"consulta/internal/plan"
	"consulta/internal/store"
)

type planEditPage struct {
	planFormPage
	Items       []plan.Item
	Problems    []string // from an import that was refused
	Columns     []string
	CanValidate bool
}

// planEditPage builds the planner's working page of a plan: its fields, items, import, round.
func (s *Server) planEditPage(r *http.Request, u *store.User, p *plan.Plan, f planForm, errs map[string]string, problems []string) (*planEditPage, error) {
	fp, err := s.planFormPage(r, u, p, f, errs)
	if err != nil {
		return nil, err
	}
	return &planEditPage{planFormPage: *fp, Items: p.Ordered(), Problems: problems, Columns: importColumns,
		CanValidate: p.Editable() && len(p.Items) > 0}, nil
}

func formOf(p *plan.Plan) planForm {
	return planForm{Municipality: p.MunicipalityID, Title: p.Title, Period: p.Period, Axes: axesText(p.Axes)}
}

// planEdit shows a plan for its planners: fields, items, import and the validation round.
func (s *Server) planEdit(w http.ResponseWriter, r *http.Request) {
	u, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	page, err := s.planEditPage(r, u, p, formOf(p), nil, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_edit", s.view(r, p.Title.In(pickLanguage(r)), page))
}

// planUpdate changes a draft plan's titles, periods and axes.
func (s *Server) planUpdate(w http.ResponseWriter, r *http.Request) {
	u, p, ok := s.staffPlanForm(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	if !p.Editable() {
		s.errorPage(w, r, http.StatusConflict, "plan.not_draft")
		return
	}
	f, axes, errs := readPlanForm(r, lang)
	f.Municipality = p.MunicipalityID
	for _, it := range p.Items {
		used := false
		for _, a := range axes {
			used = used || a.Code == it.Axis
		}
		if !used && errs["axes"] == "" {
			errs["axes"] = T(lang, "plan.err.axis_in_use", it.Axis, it.Code)
		}
	}
	if len(errs) > 0 {
		page, err := s.planEditPage(r, u, p, f, errs, nil)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "plan_edit", s.view(r, p.Title.In(lang), page))
		return
	}
	p.Title, p.Period, p.Axes = f.Title, f.Period, axes
	if err := s.store.UpdatePlan(r.Context(), p); err != nil {
		s.answer(w, r, err, store.ErrNotDraft)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	s.audit(r, "plan.update", id, p.Title.In("es"), p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/edit", http.StatusSeeOther)
}

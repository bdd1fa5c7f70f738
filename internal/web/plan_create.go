package web

import (
	"net/http"
	"strconv"

	"consulta/internal/plan"
	"consulta/internal/store"
)

type planFormPage struct {
	Plan           *plan.Plan // nil when new
	Form           planForm
	Errors         map[string]string
	Municipalities []store.Municipality
}

func (s *Server) planFormPage(r *http.Request, u *store.User, p *plan.Plan, f planForm, errs map[string]string) (*planFormPage, error) {
	all, err := s.store.Municipalities(r.Context())
	if err != nil {
		return nil, err
	}
	page := &planFormPage{Plan: p, Form: f, Errors: errs}
	for _, m := range all {
		if u.CanSee(m.ID) {
			page.Municipalities = append(page.Municipalities, m)
		}
	}
	return page, nil
}

// planNew shows the form for a new plan.
func (s *Server) planNew(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	page, err := s.planFormPage(r, u, nil, planForm{}, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_edit", s.view(r, T(pickLanguage(r), "plan.new"), &planEditPage{planFormPage: *page}))
}

// planCreate stores a new draft plan with its axes.
func (s *Server) planCreate(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	lang := pickLanguage(r)
	f, axes, errs := readPlanForm(r, lang)
	if f.Municipality == 0 || !u.CanSee(f.Municipality) {
		errs["municipality"] = T(lang, "admin.municipality_invalid")
	}
	if len(errs) > 0 {
		page, err := s.planFormPage(r, u, nil, f, errs)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "plan_edit", s.view(r, T(lang, "plan.new"), &planEditPage{planFormPage: *page}))
		return
	}
	p := &plan.Plan{MunicipalityID: f.Municipality, Title: f.Title, Period: f.Period, Axes: axes}
	if err := s.store.CreatePlan(r.Context(), p, u); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "plan.create", strconv.FormatInt(p.ID, 10), p.Title.In("es"), p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(p.ID, 10)+"/edit", http.StatusSeeOther)
}

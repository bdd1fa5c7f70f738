package web

import (
	"net/http"
	"strconv"

	"consulta/internal/plan"
	"consulta/internal/store"
)

// planDecisionsSave stores the draft decisions of a plan (POST /plans/{pid}/decisions); with
// publish=1 it also checks them all and publishes the version: the validated items are frozen
// and the plan becomes "validated". A published version never changes; saving again after
// publishing drafts the next version.
func (s *Server) planDecisionsSave(w http.ResponseWriter, r *http.Request) {
	u, p, ok := s.staffPlanForm(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	if p.State == plan.Draft {
		s.errorPage(w, r, http.StatusConflict, "decision.no_round")
		return
	}
	ds := readDecisions(r)
	vs, err := s.planVersions(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	number, _ := strconv.Atoi(r.PostForm.Get("version"))
	publish := r.PostForm.Get("publish") == "1"
	if number != 0 && (vs.Draft == nil || vs.Draft.Number != number) {
		s.errorPage(w, r, http.StatusConflict, "decision.published")
		return
	}
	items, probs := plan.Apply(vs.Base, ds, p.Axes, s.planIcons())
	if publish && len(probs) > 0 || len(ds) == 0 {
		var msgs []string
		for _, pr := range probs {
			msgs = append(msgs, decisionProblem(lang, pr))
		}
		if len(ds) == 0 {
			msgs = append(msgs, T(lang, "decision.none"))
		}
		page, err := s.decisionsPage(r, p, ds, msgs)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, "plan_decisions", s.view(r, T(lang, "decision.title"), page))
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	number, err = s.store.SaveDecisions(r.Context(), p.ID, number, ds)
	if err == nil && publish {
		err = s.store.PublishVersion(r.Context(), p.ID, number, items, u)
	}
	if err != nil {
		s.answer(w, r, err, store.ErrPublished)
		return
	}
	v := id + "/v" + strconv.Itoa(number)
	s.audit(r, "plan.decisions_save", v, strconv.Itoa(len(ds)), p.MunicipalityID)
	if publish {
		s.audit(r, "plan.publish", v, p.Title.In("es"), p.MunicipalityID)
		http.Redirect(w, r, "/plans/"+id+"/versions", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/plans/"+id+"/decisions", http.StatusSeeOther)
}

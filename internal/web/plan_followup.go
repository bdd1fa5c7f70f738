package web

import (
	"fmt"
	"net/http"
	"strconv"

	"consulta/internal/plan"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// planFollowUp opens a validated plan's follow-up round (POST /plans/{pid}/followup): the
// question asked on the report back, generated as a survey and stored as an ordinary
// consultation, so it has the same protection, kiosk and breakdowns as any other.
func (s *Server) planFollowUp(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	if p.State != plan.Validated {
		s.errorPage(w, r, http.StatusConflict, "decision.not_validated")
		return
	}
	sv, probs := survey.Parse(plan.SurveyID(p.ID, plan.FollowUp)+".yaml", plan.FollowUpSurvey(p))
	if len(probs) > 0 {
		s.fail(w, r, fmt.Errorf("plan %d: generated follow-up survey: %w", p.ID, probs))
		return
	}
	c := &store.Consultation{ID: slug(T(lang, "decision.followup_slug") + " " + p.Title.In(lang)), MunicipalityID: p.MunicipalityID,
		SurveyID: sv.ID, Title: T(lang, "decision.followup_title", p.Title.In(lang)), Status: store.StatusOpen, StartsOn: s.now().Format("2006-01-02")}
	err := s.store.StartFollowUp(r.Context(), p.ID, sv, c)
	if err != nil {
		s.answer(w, r, err, says(store.ErrConflict, "decision.followup_exists"))
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	s.audit(r, "consultation.create", c.ID, c.Title+" ("+c.SurveyID+", "+c.Status+")", c.MunicipalityID)
	s.audit(r, "plan.followup_start", id, p.Title.In("es"), p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/versions", http.StatusSeeOther)
}

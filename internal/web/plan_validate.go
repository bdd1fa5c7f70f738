package web

import (
	"fmt"
	"net/http"
	"strconv"

	"consulta/internal/plan"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// planValidate starts a draft plan's validation round: it keeps a dated snapshot of every
// item's evidence, generates the adult (and, unless unticked, the child) survey, opens one
// ordinary consultation for each, and moves the plan to "in validation", all at once.
func (s *Server) planValidate(w http.ResponseWriter, r *http.Request) {
	u, p, ok := s.staffPlanForm(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	if !p.Editable() {
		s.errorPage(w, r, http.StatusConflict, "plan.not_draft")
		return
	}
	if len(p.Items) == 0 {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "plan.no_items")
		return
	}
	if probs := p.Validate(s.planIcons(), nil); len(probs) > 0 {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "plan.invalid", problemText(lang, probs[0]))
		return
	}
	snaps, err := s.liveEvidence(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	audiences := []string{plan.Adult}
	if r.PostForm.Get("child") != "no" {
		audiences = append(audiences, plan.Child)
	}
	round := store.ValidationRound{Plan: p.ID, Snapshots: snaps, By: u, Audiences: audiences}
	today := s.now().Format("2006-01-02")
	for _, aud := range audiences {
		sv, probs := survey.Parse(plan.SurveyID(p.ID, aud)+".yaml", plan.Survey(p, aud))
		if len(probs) > 0 {
			s.fail(w, r, fmt.Errorf("plan %d: generated %s survey: %w", p.ID, aud, probs))
			return
		}
		title := T(lang, "plan.round_title_"+aud, p.Title.In(lang))
		round.Surveys = append(round.Surveys, sv)
		round.Consultations = append(round.Consultations, &store.Consultation{ID: slug(T(lang, "plan.round_slug_"+aud) + " " + p.Title.In(lang)),
			MunicipalityID: p.MunicipalityID, SurveyID: sv.ID, Title: title, Status: store.StatusOpen, StartsOn: today})
	}
	if err := s.store.StartValidation(r.Context(), round); err != nil {
		s.answer(w, r, err, store.ErrNotDraft)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	for _, c := range round.Consultations {
		s.audit(r, "consultation.create", c.ID, c.Title+" ("+c.SurveyID+", "+c.Status+")", c.MunicipalityID)
	}
	s.audit(r, "plan.validation_start", id, p.Title.In("es"), p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id, http.StatusSeeOther)
}

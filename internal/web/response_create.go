package web

import (
	"errors"
	"net/http"

	"consulta/internal/store"
)

// responseCreate takes the survey posted as a plain HTML form, for browsers without JavaScript.
// A language button re-renders the same answers in another language without storing anything.
func (s *Server) responseCreate(w http.ResponseWriter, r *http.Request) {
	c, sv, ok := s.pageConsultation(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.errorPage(w, r, http.StatusRequestEntityTooLarge, "error.too_large", MaxBody>>10)
			return
		}
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	form := r.PostForm
	if switchTo := form.Get("_switch"); switchTo != "" {
		page := s.buildSurveyPage(c, sv, surveyLanguage(r, sv, switchTo), form, nil)
		s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
		return
	}
	lang := surveyLanguage(r, sv, form.Get("_lang"))
	sub := &Submission{ID: form.Get("_id"), SurveyVersion: form.Get("_version"), Language: lang, Session: form.Get("_session")}
	out, err := s.accept(r.Context(), c, sub, form, store.Link)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch out.status {
	case http.StatusCreated, http.StatusOK:
		http.Redirect(w, r, "/c/"+c.ID+"/thanks?lang="+lang, http.StatusSeeOther)
	case http.StatusUnprocessableEntity:
		page := s.buildSurveyPage(c, sv, lang, form, out.errors)
		s.render(w, r, out.status, "survey", s.surveyView(r, page))
	default:
		s.errorPage(w, r, out.status, out.key, out.args...)
	}
}

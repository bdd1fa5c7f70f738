package web

import (
	"net/http"

	"consulta/internal/store"
)

// apiSurveyShow returns the consultation's survey as JSON: choices inline, version, parsed relevant.
// A draft is not published yet: 404, as its page answers.
func (s *Server) apiSurveyShow(w http.ResponseWriter, r *http.Request) {
	lang := pickLanguage(r)
	c, ok := s.apiConsultation(w, r, s.store.Consultation)
	if !ok {
		return
	}
	if c.Status == store.StatusDraft {
		writeJSON(w, http.StatusNotFound, apiError{Error: T(lang, "error.consultation_not_found", clip(c.ID))})
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sv)
}

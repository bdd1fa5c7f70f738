package web

import (
	"net/http"
)

// apiSurveyShow returns the consultation's survey as JSON: choices inline, version, parsed relevant.
func (s *Server) apiSurveyShow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.apiConsultation(w, r, pickLanguage(r))
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sv)
}

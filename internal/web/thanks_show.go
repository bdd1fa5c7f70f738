package web

import (
	"net/http"

	"consulta/internal/store"
)

// thanksShow ends a survey; it holds nothing of the answers, so a back button shows nothing.
func (s *Server) thanksShow(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.Consultation(r.Context(), muxVar(r, "id"))
	if err != nil {
		s.answer(w, r, err, store.ErrNotFound)
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "thanks", s.view(r, T(pickLanguage(r), "thanks.title"), kioskPage{Consultation: c, Survey: sv}))
}

// stoppedShow tells someone who stopped the survey that nothing was kept.
func (s *Server) stoppedShow(w http.ResponseWriter, r *http.Request) {
	c, sv, ok := s.pageConsultation(w, r)
	if !ok {
		return
	}
	lang := surveyLanguage(r, sv, "")
	v := s.view(r, T(lang, "child.stopped_title"), kioskPage{Consultation: c, Survey: sv, Lang: lang})
	v.Lang = lang
	s.render(w, r, http.StatusOK, "stopped", v)
}

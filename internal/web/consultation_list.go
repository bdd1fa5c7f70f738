package web

import (
	"net/http"

	"consulta/internal/store"
	"consulta/internal/survey"
)

type consultationItem struct {
	*store.Consultation
	Survey *survey.Survey
}

// consultationList is the home page: the open consultations anyone may answer.
func (s *Server) consultationList(w http.ResponseWriter, r *http.Request) {
	cs, err := s.store.OpenConsultations(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]consultationItem, 0, len(cs))
	for _, c := range cs {
		if sv := s.currentSurvey(r.Context(), c); sv != nil {
			items = append(items, consultationItem{c, sv})
		}
	}
	v := s.view(r, T(pickLanguage(r), "home.title"), items)
	s.render(w, r, http.StatusOK, "home", v)
}

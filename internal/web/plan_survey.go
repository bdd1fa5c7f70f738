package web

import (
	"errors"
	"net/http"

	"consulta/internal/plan"
	"consulta/internal/store"
)

// planSurveyDownload sends the survey file of a plan's validation round for adults or children:
// the file its consultation runs, or, for a draft, the file it would generate today.
func (s *Server) planSurveyDownload(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	aud := muxVar(r, "audience")
	if aud != plan.Adult && aud != plan.Child {
		s.notFound(w, r)
		return
	}
	id := plan.SurveyID(p.ID, aud)
	var body []byte
	ps, err := s.store.PlanSurveySource(r.Context(), id)
	switch {
	case err == nil:
		body = ps.Source
	case errors.Is(err, store.ErrNotFound) && p.Editable():
		body = plan.Survey(p, aud)
	default:
		s.answer(w, r, err, store.ErrNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+id+`.yaml"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

package web

import (
	"net/http"

	"consulta/internal/store"
	"consulta/internal/survey"
)

type surveyDetailPage struct {
	Survey       *survey.Survey
	Municipality string
}

// staffSurvey loads a survey the signed-in account may see, or answers 404: a survey of another
// municipality is not revealed.
func (s *Server) staffSurvey(w http.ResponseWriter, r *http.Request, roles ...string) (*store.User, *survey.Survey, int64, bool) {
	u, ok := s.require(w, r, roles...)
	if !ok {
		return nil, nil, 0, false
	}
	sv, owner, found := s.currentSurvey(r.Context(), muxVar(r, "sid"))
	if !found || (owner != 0 && !u.CanSee(owner)) {
		s.notFound(w, r)
		return nil, nil, 0, false
	}
	return u, sv, owner, true
}

// surveyDetail shows a survey's questions, its version and the XLSForm download.
func (s *Server) surveyDetail(w http.ResponseWriter, r *http.Request) {
	_, sv, owner, ok := s.staffSurvey(w, r, staffRoles...)
	if !ok {
		return
	}
	p := surveyDetailPage{Survey: sv}
	if owner != 0 {
		p.Municipality = s.municipalityNames(r)[owner]
	}
	s.render(w, r, http.StatusOK, "survey_staff", s.view(r, sv.Title.In(pickLanguage(r)), p))
}

package web

import (
	"net/http"
	"slices"
	"strings"

	"consulta/internal/store"
	"consulta/internal/survey"
)

type surveyItem struct {
	Survey       *survey.Survey
	Municipality string // "" for a built-in survey
}

type surveysPage struct {
	Surveys   []surveyItem
	CanImport bool
}

// municipalSurveys returns the saved surveys of the municipalities the account works in.
func (s *Server) municipalSurveys(r *http.Request, u *store.User) []*survey.Survey {
	saved, err := s.store.MunicipalSurveys(r.Context())
	if err != nil {
		s.log.Error("municipal surveys", "err", err)
		return nil
	}
	var out []*survey.Survey
	for i := range saved {
		if !u.CanSee(saved[i].MunicipalityID) {
			continue
		}
		if sv, err := s.parsedVersion(&saved[i]); err == nil {
			out = append(out, sv)
		}
	}
	return out
}

// surveyList lists the built-in surveys and those of the account's municipalities.
func (s *Server) surveyList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, staffRoles...)
	if !ok {
		return
	}
	p := surveysPage{CanImport: slices.Contains(managerRoles, u.Role)}
	for _, sv := range s.surveys {
		p.Surveys = append(p.Surveys, surveyItem{Survey: sv})
	}
	slices.SortFunc(p.Surveys, func(a, b surveyItem) int { return strings.Compare(a.Survey.ID, b.Survey.ID) })
	names := s.municipalityNames(r)
	saved, err := s.store.MunicipalSurveys(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range saved {
		if !u.CanSee(saved[i].MunicipalityID) {
			continue
		}
		if sv, err := s.parsedVersion(&saved[i]); err == nil {
			p.Surveys = append(p.Surveys, surveyItem{Survey: sv, Municipality: names[saved[i].MunicipalityID]})
		}
	}
	s.render(w, r, http.StatusOK, "surveys", s.view(r, T(pickLanguage(r), "xlsform.surveys"), p))
}

// municipalityNames maps municipality ids to "name, country".
func (s *Server) municipalityNames(r *http.Request) map[int64]string {
	out := map[int64]string{}
	all, err := s.store.Municipalities(r.Context())
	if err != nil {
		s.log.Error("municipalities", "err", err)
		return out
	}
	for _, m := range all {
		out[m.ID] = m.Name + ", " + m.Country
	}
	return out
}

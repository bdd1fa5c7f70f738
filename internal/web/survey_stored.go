package web

import (
	"context"

	"consulta/internal/survey"
)

// storedSurvey returns the current version of a survey kept in the database rather than in a
// file (today: generated from a plan, table plan_surveys), parsed once per version.
func (s *Server) storedSurvey(ctx context.Context, id string) (*survey.Survey, error) {
	ps, err := s.store.PlanSurveySource(ctx, id)
	if err != nil {
		return nil, err
	}
	if sv, ok := s.older.Load(ps.Version); ok && sv.(*survey.Survey).ID == id {
		return sv.(*survey.Survey), nil
	}
	sv, problems := survey.Parse(id+".yaml", ps.Source)
	if len(problems) > 0 {
		return nil, problems
	}
	s.older.Store(sv.Version, sv)
	return sv, nil
}

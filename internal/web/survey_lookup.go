package web

import (
	"context"
	"errors"

	"consulta/internal/store"
	"consulta/internal/survey"
)

// planSurveyOwner is the owner currentSurvey gives a survey generated from a plan.
const planSurveyOwner = -1

// currentSurvey returns a survey at its current version: built in, or saved by a municipality
// (owner is 0 for a built-in survey). Saved surveys are read from the store, so every instance
// sees the same current version; each version is parsed once.
func (s *Server) currentSurvey(ctx context.Context, id string) (sv *survey.Survey, owner int64, ok bool) {
	if sv, ok := s.surveys[id]; ok {
		return sv, 0, true
	}
	m, err := s.store.MunicipalSurvey(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		// A survey generated from a plan runs only in that plan's validation rounds: no
		// municipality may pick it for another consultation.
		if sv, err := s.storedSurvey(ctx, id); err == nil {
			return sv, planSurveyOwner, true
		} else if !errors.Is(err, store.ErrNotFound) {
			s.log.Error("plan survey", "survey", id, "err", err)
		}
		return nil, 0, false
	}
	if err != nil {
		s.log.Error("municipal survey", "survey", id, "err", err)
		return nil, 0, false
	}
	sv, err = s.parsedVersion(m)
	if err != nil {
		s.log.Error("municipal survey", "survey", id, "version", m.Version, "err", err)
		return nil, 0, false
	}
	return sv, m.MunicipalityID, true
}

// parsedVersion parses a saved survey version once and keeps it with the older versions.
func (s *Server) parsedVersion(m *store.MunicipalSurvey) (*survey.Survey, error) {
	if sv, ok := s.older.Load(m.Version); ok && sv.(*survey.Survey).ID == m.SurveyID {
		return sv.(*survey.Survey), nil
	}
	sv, problems := survey.Parse(m.SurveyID+".yaml", m.Source)
	if len(problems) > 0 {
		return nil, problems
	}
	s.older.Store(m.Version, sv)
	return sv, nil
}

// surveyOf is the current survey of a consultation's survey id, or nil.
func (s *Server) surveyOf(ctx context.Context, id string) *survey.Survey {
	sv, _, _ := s.currentSurvey(ctx, id)
	return sv
}

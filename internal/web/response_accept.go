package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"consulta/internal/store"
	"consulta/internal/survey"
)

// Submission is one response as the API and the pages send it.
type Submission struct {
	ID            string                     `json:"id"`
	SurveyVersion string                     `json:"survey_version"`
	Language      string                     `json:"language"`
	Session       string                     `json:"session,omitempty"`
	Answers       map[string]json.RawMessage `json:"answers"`
}

// fieldError is one entry of a 422 body: the question (or field) and what is wrong with it.
type fieldError struct {
	Question string `json:"question"`
	Message  string `json:"message"`
	// Label names the question in a page's list of errors ("Pregunta 5, «…»").
	Label string `json:"-"`
}

// outcome is what accepting a submission came to; status is the HTTP status it maps to.
type outcome struct {
	status int
	errors []fieldError
	key    string // message key for statuses other than 201, 200 and 422
	args   []any
	// leftOut are the questions of a paper form answered where skip logic hides them: the
	// facilitator types the form as written, and these answers are left out, with a note.
	leftOut []string
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// accept checks a submission against the consultation's survey and stores it in one transaction.
// Both the JSON API and the HTML form come through here, so they answer alike.
func (s *Server) accept(ctx context.Context, c *store.Consultation, sub *Submission, form map[string][]string, channel string) (outcome, error) {
	lang := sub.Language
	var errs []fieldError
	field := func(name, key string, args ...any) {
		errs = append(errs, fieldError{Question: name, Message: T(lang, key, args...)})
	}
	if !uuidPattern.MatchString(sub.ID) {
		field("id", "field.id")
	}
	sv, err := s.surveyFor(ctx, c, sub.SurveyVersion)
	switch {
	case sub.SurveyVersion == "" || errors.Is(err, store.ErrNotFound):
		field("survey_version", "field.survey_version", clip(sub.SurveyVersion))
		sv = nil
	case err != nil:
		return outcome{}, err
	}
	if sv != nil && !sv.HasLanguage(lang) {
		field("language", "field.language", clip(lang), strings.Join(sv.Languages, ", "))
		lang = sv.DefaultLanguage
	}
	if sub.Session != "" {
		ses, err := s.store.Session(ctx, sub.Session)
		switch {
		case errors.Is(err, store.ErrNotFound) || (err == nil && ses.ConsultationID != c.ID):
			field("session", "field.session", clip(sub.Session))
		case err != nil:
			return outcome{}, err
		}
		if channel == store.Link {
			channel = store.Kiosk
		}
	}
	// A response taken in a session is accepted after closing, so an offline tablet loses nothing.
	if c.Status != store.StatusOpen && !(c.Status == store.StatusClosed && sub.Session != "") {
		return outcome{status: http.StatusConflict, key: "error.closed"}, nil
	}
	if sv == nil {
		return outcome{status: http.StatusUnprocessableEntity, errors: errs}, nil
	}
	var answers survey.Answers
	var answerErrs []survey.AnswerError
	var leftOut []string
	if form != nil && channel == store.Paper {
		form, leftOut = leaveOutHidden(sv, form)
	}
	if form != nil {
		answers, answerErrs = sv.CheckForm(form)
	} else {
		if sub.Answers == nil {
			field("answers", "field.answers")
		}
		answers, answerErrs = sv.Check(sub.Answers)
	}
	for _, e := range answerErrs {
		errs = append(errs, fieldError{Question: e.Question, Message: e.Message(lang)})
	}
	if len(errs) > 0 {
		return outcome{status: http.StatusUnprocessableEntity, errors: errs, leftOut: leftOut}, nil
	}
	r := &store.Response{ID: strings.ToLower(sub.ID), ConsultationID: c.ID, SessionID: sub.Session,
		SurveyVersion: sv.Version, Language: lang, Channel: channel, Profile: survey.ProfileOf(answers), Answers: answers}
	created, err := s.store.SaveResponse(ctx, r, sv)
	switch {
	case errors.Is(err, store.ErrConflict):
		return outcome{status: http.StatusConflict, key: "error.conflict"}, nil
	case err != nil:
		return outcome{}, err
	case created:
		return outcome{status: http.StatusCreated, leftOut: leftOut}, nil
	}
	return outcome{status: http.StatusOK, leftOut: leftOut}, nil
}

// leaveOutHidden drops from a paper form the answers to questions that skip logic hides, and
// names them. Dropping them changes no other question's relevance: skip logic already reads
// only the answers of questions that apply.
func leaveOutHidden(sv *survey.Survey, form map[string][]string) (map[string][]string, []string) {
	_, errs := sv.CheckForm(form)
	var out []string
	for _, e := range errs {
		if e.Code == "not_relevant" {
			out = append(out, e.Question)
		}
	}
	if len(out) == 0 {
		return form, nil
	}
	kept := map[string][]string{}
	for k, v := range form {
		base, _, _ := strings.Cut(k, ".")
		if !slices.Contains(out, base) {
			kept[k] = v
		}
	}
	return kept, out
}

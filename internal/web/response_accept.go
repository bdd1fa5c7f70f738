package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"consulta/internal/domain"
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
	// KioskKey is the secret of the kiosk that took the response: the X-Kiosk-Key header the
	// offline queue sends, or the locked tablet's cookie for a form posted without JavaScript.
	KioskKey string `json:"-"`
}

// kioskKeyHeader carries a kiosk's secret with each response its queue sends.
const kioskKeyHeader = "X-Kiosk-Key"

// DefaultKioskGrace is how long after closing a consultation takes its kiosks' queued responses.
const DefaultKioskGrace = domain.DefaultKioskGrace

// maxFieldErrors bounds a 422's list: thousands of unknown ids get the first ones and a count.
const maxFieldErrors = 50

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
	inSession := false
	if sub.Session != "" {
		of, err := s.store.SessionConsultation(ctx, sub.Session)
		switch {
		case errors.Is(err, store.ErrNotFound) || (err == nil && of != c.ID):
			field("session", "field.session", clip(sub.Session))
		case err != nil:
			return outcome{}, err
		default:
			inSession = true
		}
		if channel == store.Link {
			channel = store.Kiosk
		}
	}
	if c.Status != store.StatusOpen {
		if out, refused, err := s.afterClosing(ctx, c, sub, inSession, channel); err != nil || refused {
			return out, err
		}
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
	for i, e := range answerErrs {
		if len(errs) == maxFieldErrors {
			errs = append(errs, fieldError{Question: "answers", Message: T(lang, "security.more_errors", len(answerErrs)-i)})
			break
		}
		errs = append(errs, fieldError{Question: e.Question, Message: e.Message(lang)})
	}
	if len(errs) > 0 {
		return outcome{status: http.StatusUnprocessableEntity, errors: errs, leftOut: leftOut}, nil
	}
	r := &store.Response{ID: strings.ToLower(sub.ID), ConsultationID: c.ID, SessionID: sub.Session,
		SurveyVersion: sv.Version, Language: lang, Channel: channel, Profile: survey.ProfileOf(answers), Answers: answers}
	created, err := s.store.SaveResponse(ctx, r, sv)
	switch status, key := statusOf(err, store.ErrConflict); {
	case err != nil && status != http.StatusInternalServerError:
		return outcome{status: status, key: key}, nil
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

// afterClosing decides on a response to a consultation that is not open. A response taken on a kiosk
// of one of its sessions is still accepted after closing, so an offline tablet loses nothing, but
// only with that kiosk's own secret and within the grace period: a session id alone, which kiosk
// URLs show, is not enough. Paper questionnaires typed in by signed-in staff of the consultation
// need no key, within the same grace period. refused is true when the outcome is the answer.
func (s *Server) afterClosing(ctx context.Context, c *store.Consultation, sub *Submission, inSession bool, channel string) (out outcome, refused bool, err error) {
	switch domain.AfterClosing(domain.Status(c.Status), c.ClosedAt, s.now(), s.kioskGrace, inSession, domain.Channel(channel)) {
	case domain.LateRefused:
		return outcome{status: http.StatusConflict, key: "error.closed"}, true, nil
	case domain.LateGraceOver:
		return outcome{status: http.StatusConflict, key: "security.grace_over", args: []any{graceDays(s.kioskGrace)}}, true, nil
	case domain.LateAccepted:
		return outcome{}, false, nil
	}
	if sub.KioskKey == "" || len(sub.KioskKey) > 200 {
		return outcome{status: http.StatusConflict, key: "security.kiosk_key"}, true, nil
	}
	_, err = s.store.KioskKeyStarted(ctx, kioskKeyHash(sub.KioskKey), sub.Session)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return outcome{status: http.StatusConflict, key: "security.kiosk_key"}, true, nil
	case err != nil:
		return outcome{}, true, err
	}
	return outcome{}, false, nil
}

// graceDays is the grace period in whole days, as pages and messages state it.
func graceDays(d time.Duration) int { return domain.GraceDays(d) }

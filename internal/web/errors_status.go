package web

import (
	"errors"
	"net/http"
	"strings"

	"consulta/internal/store"
)

// errorStatuses is the one table of how a handler answers an error it expects: the HTTP status
// and the message a person reads. Which of them a handler expects it says where it answers
// (answer's expect); an error nobody expected is a failure, logged and answered 500.
var errorStatuses = []struct {
	err    error
	status int
	key    string
}{
	{errSignIn, http.StatusUnauthorized, "auth.needed"},
	{errForbidden, http.StatusForbidden, "auth.forbidden"},
	{store.ErrNotFound, http.StatusNotFound, "error.not_found"},
	{errNotPublished, http.StatusNotFound, "error.not_found"}, // a plan not yet published is not there for the public
	{store.ErrNotDraft, http.StatusConflict, "plan.not_draft"},
	{store.ErrPublished, http.StatusConflict, "decision.published"},
	{store.ErrConflict, http.StatusConflict, "error.conflict"}, // a response id sent again with other answers
}

// statusOf is the status and message key of err, when err is one of expect (all of the table
// when expect is empty); otherwise 500 and "error.internal". An expected error a handler gives
// its own words (says) keeps the table's status and speaks those words.
func statusOf(err error, expect ...error) (int, string) {
	for _, e := range errorStatuses {
		if !errors.Is(err, e.err) {
			continue
		}
		if len(expect) == 0 {
			return e.status, e.key
		}
		for _, x := range expect {
			var s saying
			switch {
			case errors.As(x, &s) && s.err == e.err:
				return e.status, s.key
			case x == e.err:
				return e.status, e.key
			}
		}
	}
	return http.StatusInternalServerError, "error.internal"
}

// saying is an expected error in a handler's own words: a follow-up that exists already is a
// conflict, and says so.
type saying struct {
	err error
	key string
}

func (s saying) Error() string { return s.err.Error() }

// says expects err and answers it with the message key instead of the table's.
func says(err error, key string) error { return saying{err, key} }

// answer writes the answer to err, a page or (under /api/) JSON, with the status and message
// statusOf gives it; an error none of expect is logged and answered 500 (fail).
func (s *Server) answer(w http.ResponseWriter, r *http.Request, err error, expect ...error) {
	status, key := statusOf(err, expect...)
	if status == http.StatusInternalServerError {
		s.fail(w, r, err)
		return
	}
	if isAPI(r) {
		writeJSON(w, status, apiError{Error: T(pickLanguage(r), key)})
		return
	}
	s.errorPage(w, r, status, key)
}

// answerMissing answers a lookup that found nothing, or found what the account may not see
// (err is then store.ErrNotFound, so its existence is not revealed): 404, a page that says only
// "not found" as any unknown address does, or JSON that names what is missing (key, args).
func (s *Server) answerMissing(w http.ResponseWriter, r *http.Request, err error, key string, args ...any) {
	if status, _ := statusOf(err, store.ErrNotFound, errNotPublished); status == http.StatusNotFound && isAPI(r) {
		writeJSON(w, status, apiError{Error: T(pickLanguage(r), key, args...)})
		return
	}
	s.answer(w, r, err, store.ErrNotFound, errNotPublished)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

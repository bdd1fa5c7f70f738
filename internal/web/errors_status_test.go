package web

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"consulta/internal/store"
)

// Every status of the table says something in every language, and a handler gets the table's
// answer only for the errors it expects: anything else is a failure, 500, never a wrong message.
func TestStatusOf(t *testing.T) {
	for _, e := range errorStatuses {
		for _, lang := range languages {
			if T(lang, e.key) == e.key {
				t.Errorf("%v: message %q has no %s words", e.err, e.key, lang)
			}
		}
	}
	wrapped := fmt.Errorf("save item 3: %w", store.ErrNotDraft)
	for _, c := range []struct {
		err    error
		expect []error
		status int
		key    string
	}{
		{wrapped, []error{store.ErrNotDraft}, http.StatusConflict, "plan.not_draft"},
		{wrapped, []error{store.ErrNotFound}, http.StatusInternalServerError, "error.internal"},
		{store.ErrConflict, []error{says(store.ErrConflict, "decision.followup_exists")}, http.StatusConflict, "decision.followup_exists"},
		{store.ErrNotFound, []error{says(store.ErrConflict, "decision.followup_exists")}, http.StatusInternalServerError, "error.internal"},
		{errSignIn, nil, http.StatusUnauthorized, "auth.needed"},
		{errForbidden, nil, http.StatusForbidden, "auth.forbidden"},
		{errors.New("disk full"), nil, http.StatusInternalServerError, "error.internal"},
	} {
		if status, key := statusOf(c.err, c.expect...); status != c.status || key != c.key {
			t.Errorf("statusOf(%v, %v) = %d %q, want %d %q", c.err, c.expect, status, key, c.status, c.key)
		}
	}
}

package web

import (
	"errors"
	"net/http"
	"strings"
	"unicode"
)

// badForm answers a form that could not be read in the user's language: 413 past the size limit,
// otherwise 400. Go's own wording (a bad %-escape, say) is logged, never shown.
func (s *Server) badForm(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, "error.too_large", MaxBody>>10)
		return
	}
	s.log.Info("unreadable form", "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusBadRequest, "security.form_unreadable")
}

// hasControl reports whether a one-line name holds a control character, NUL included.
func hasControl(v string) bool {
	return strings.ContainsFunc(v, unicode.IsControl)
}

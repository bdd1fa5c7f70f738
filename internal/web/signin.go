package web

import (
	"errors"
	"math"
	"net/http"
	"strings"

	"consulta/internal/auth"
	"consulta/internal/store"
)

type signinForm struct {
	Name  string
	Next  string
	Error string
}

func (s *Server) signinShow(w http.ResponseWriter, r *http.Request) {
	f := signinForm{Next: safeNext(r.URL.Query().Get("next"))}
	s.render(w, r, http.StatusOK, "signin", s.view(r, T(pickLanguage(r), "auth.signin"), f))
}

// signinCreate checks a name and password. Failures are slowed per account and per address, and the
// message is the same whether the account exists or not.
func (s *Server) signinCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	lang := pickLanguage(r)
	f := signinForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Next: safeNext(r.PostForm.Get("next"))}
	keys := []string{"name:" + strings.ToLower(f.Name), "addr:" + s.clientAddr(r)}
	now := s.now()
	if ok, wait := s.signins.attempt(now, keys...); !ok {
		f.Error = T(lang, "auth.slow_down", int(math.Ceil(wait.Minutes())))
		s.render(w, r, http.StatusTooManyRequests, "signin", s.view(r, T(lang, "auth.signin"), f))
		return
	}
	u, err := s.store.UserByName(r.Context(), f.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, err)
		return
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	if !auth.CheckPassword(hash, r.PostForm.Get("password")) {
		s.log.Warn("sign-in failed", "addr", s.clientAddr(r))
		f.Error = T(lang, "auth.wrong")
		s.render(w, r, http.StatusUnauthorized, "signin", s.view(r, T(lang, "auth.signin"), f))
		return
	}
	s.signins.succeed(now, keys...)
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	next := f.Next
	if next == "" {
		next = "/consultations"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signoutCreate(w http.ResponseWriter, r *http.Request) {
	if err := s.signOut(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"consulta/internal/auth"
	"consulta/internal/store"
)

type signinForm struct {
	Name   string
	Next   string
	Error  string
	Notice string
}

func (s *Server) signinShow(w http.ResponseWriter, r *http.Request) {
	f := signinForm{Next: safeNext(r.URL.Query().Get("next"))}
	if r.URL.Query().Get("kiosk") == "left" {
		f.Notice = T(pickLanguage(r), "security.kiosk_exit_signin")
	}
	s.render(w, r, http.StatusOK, "signin", s.view(r, T(pickLanguage(r), "auth.signin"), f))
}

// signinCreate checks a name and password. Failures are slowed per account and address, per address,
// and progressively per account (signinWait); the message is the same whether the account exists or not.
func (s *Server) signinCreate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	lang := pickLanguage(r)
	f := signinForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Next: safeNext(r.PostForm.Get("next"))}
	ticket, wait, err := s.reserveAttempt(r, "name:"+strings.ToLower(f.Name), signinWait)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wait > 0 {
		f.Error = waitMessage(lang, wait)
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
	s.releaseAttempt(r, ticket)
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

// safeNext keeps a post-sign-in redirect on this site: a path that stays a local path after the
// browser's own cleaning, which drops tabs and newlines and reads a backslash as a slash.
func safeNext(next string) string {
	if next == "" || len(next) > 2000 || next[0] != '/' {
		return ""
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f || c == '\\' || c > 0x7e {
			return ""
		}
	}
	if strings.HasPrefix(next, "//") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

package web

import (
	"net/http"
	"strings"

	"consulta/internal/auth"
	"consulta/internal/domain"
	"consulta/internal/store"
)

type setupForm struct {
	Token, Name string
	Errors      map[string]string
}

// setupSecret names the one-time link in the store's shared secrets: whichever instance a
// request reaches knows it, and only one of them can use it.
const setupSecret = "setup-link"

// setupValid reports whether token is the one-time link for the first admin, still unused.
func (s *Server) setupValid(r *http.Request, token string) bool {
	if token == "" {
		return false
	}
	ok, err := s.store.SecretIs(r.Context(), setupSecret, token)
	if err != nil {
		s.log.Error("setup link", "err", err)
	}
	return ok
}

func (s *Server) setupShow(w http.ResponseWriter, r *http.Request) {
	token := muxVar(r, "token")
	if !s.setupValid(r, token) {
		s.notFound(w, r)
		return
	}
	s.render(w, r, http.StatusOK, "setup", s.view(r, T(pickLanguage(r), "setup.title"), setupForm{Token: token}))
}

// setupCreate creates the first admin account through the link printed at start; the link then dies.
func (s *Server) setupCreate(w http.ResponseWriter, r *http.Request) {
	token := muxVar(r, "token")
	if !s.setupValid(r, token) {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	lang := pickLanguage(r)
	f := setupForm{Token: token, Name: strings.TrimSpace(r.PostForm.Get("name")), Errors: map[string]string{}}
	password := r.PostForm.Get("password")
	if msg := checkAccountName(lang, f.Name); msg != "" {
		f.Errors["name"] = msg
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		f.Errors["password"] = T(lang, "auth.password_short", auth.MinPassword)
	} else if password != r.PostForm.Get("password2") {
		f.Errors["password2"] = T(lang, "auth.password_mismatch")
	}
	if len(f.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "setup", s.view(r, T(lang, "setup.title"), f))
		return
	}
	if taken, err := s.store.TakeSecret(r.Context(), setupSecret, token); err != nil {
		s.fail(w, r, err)
		return
	} else if !taken {
		s.notFound(w, r)
		return
	}
	u := &store.User{Name: f.Name, PasswordHash: hash, Role: store.RoleAdmin}
	if err := s.store.CreateUser(r.Context(), u); err != nil {
		s.fail(w, r, err)
		return
	}
	r = withUser(r, u)
	s.audit(r, "user.create", u.Name, "first admin, through the setup link", 0)
	if err := s.signIn(w, r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/municipalities", http.StatusSeeOther)
}

// checkAccountName returns what is wrong with an account name, or "".
func checkAccountName(lang, name string) string {
	if domain.ValidateAccountName(name) != nil {
		return T(lang, "auth.name_rules")
	}
	return ""
}

package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"consulta/internal/auth"
	"consulta/internal/store"
)

type userPage struct {
	Users          []*store.User
	User           *store.User
	Municipalities []store.Municipality
	Roles          []string
	Form           userForm
	Errors         map[string]string
	NewPassword    string
}

type userForm struct {
	Name           string
	Role           string
	Municipalities []int64
	Disabled       bool
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	s.renderUsers(w, r, http.StatusOK, &userPage{Form: userForm{Role: store.RoleFacilitator}})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, p *userPage) {
	var err error
	if p.Users, err = s.store.Users(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Municipalities, err = s.store.Municipalities(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Roles = store.Roles
	name := "admin_users"
	if p.User != nil {
		name = "admin_user"
	}
	s.render(w, r, status, name, s.view(r, T(pickLanguage(r), "admin.accounts"), p))
}

// parseUserForm reads role and municipalities; only municipalities that exist are kept.
func (s *Server) parseUserForm(r *http.Request, lang string, known []store.Municipality) (userForm, map[string]string) {
	f := userForm{Name: strings.TrimSpace(r.PostForm.Get("name")), Role: r.PostForm.Get("role"),
		Disabled: r.PostForm.Get("disabled") == "on"}
	errs := map[string]string{}
	if !slices.Contains(store.Roles, f.Role) {
		errs["role"] = T(lang, "admin.role_invalid")
	}
	for _, v := range r.PostForm["municipality"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || !slices.ContainsFunc(known, func(m store.Municipality) bool { return m.ID == id }) {
			errs["municipality"] = T(lang, "admin.municipality_invalid")
			continue
		}
		f.Municipalities = append(f.Municipalities, id)
	}
	if f.Role != store.RoleAdmin && len(f.Municipalities) == 0 && errs["municipality"] == "" {
		errs["municipality"] = T(lang, "admin.municipality_needed")
	}
	return f, errs
}

// readUserForm parses a posted account form against the municipalities that exist; it answers
// itself and returns ok=false when the request cannot be read.
func (s *Server) readUserForm(w http.ResponseWriter, r *http.Request) (userForm, map[string]string, string, bool) {
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return userForm{}, nil, "", false
	}
	lang := pickLanguage(r)
	known, err := s.store.Municipalities(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return userForm{}, nil, "", false
	}
	f, errs := s.parseUserForm(r, lang, known)
	return f, errs, lang, true
}

// userCreate makes an account with a generated password, shown once to the admin.
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	f, errs, lang, ok := s.readUserForm(w, r)
	if !ok {
		return
	}
	if msg := checkAccountName(lang, f.Name); msg != "" {
		errs["name"] = msg
	}
	p := &userPage{Form: f, Errors: errs}
	if len(errs) == 0 {
		password := auth.NewPassword()
		hash, err := auth.HashPassword(password)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		u := &store.User{Name: f.Name, PasswordHash: hash, Role: f.Role, Municipalities: f.Municipalities}
		switch err := s.store.CreateUser(r.Context(), u); {
		case errors.Is(err, store.ErrConflict):
			errs["name"] = T(lang, "admin.name_taken")
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			s.audit(r, "user.create", u.Name, "role "+u.Role, firstMunicipality(u))
			p = &userPage{Form: userForm{Role: store.RoleFacilitator}, NewPassword: password, User: nil}
			p.Errors = map[string]string{"created": u.Name}
			s.renderUsers(w, r, http.StatusCreated, p)
			return
		}
	}
	s.renderUsers(w, r, http.StatusUnprocessableEntity, p)
}

func firstMunicipality(u *store.User) int64 {
	if len(u.Municipalities) > 0 {
		return u.Municipalities[0]
	}
	return 0
}

func (s *Server) userShow(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	u, ok := s.pathUser(w, r)
	if !ok {
		return
	}
	s.renderUsers(w, r, http.StatusOK, &userPage{User: u, Form: userForm{Name: u.Name, Role: u.Role, Municipalities: u.Municipalities, Disabled: u.Disabled}})
}

func (s *Server) pathUser(w http.ResponseWriter, r *http.Request) (*store.User, bool) {
	id, err := strconv.ParseInt(muxVar(r, "uid"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return nil, false
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		s.answer(w, r, err, store.ErrNotFound)
		return nil, false
	}
	return u, true
}

// userUpdate changes role, municipalities and whether the account is disabled.
func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	admin, ok := s.require(w, r, store.RoleAdmin)
	if !ok {
		return
	}
	u, ok := s.pathUser(w, r)
	if !ok {
		return
	}
	f, errs, lang, ok := s.readUserForm(w, r)
	if !ok {
		return
	}
	f.Name = u.Name
	if u.ID == admin.ID && (f.Disabled || f.Role != store.RoleAdmin) {
		errs["role"] = T(lang, "admin.not_yourself")
	}
	if len(errs) > 0 {
		s.renderUsers(w, r, http.StatusUnprocessableEntity, &userPage{User: u, Form: f, Errors: errs})
		return
	}
	before := u.Role
	u.Role, u.Disabled, u.Municipalities = f.Role, f.Disabled, f.Municipalities
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "user.update", u.Name, "role "+before+" → "+u.Role+", disabled "+strconv.FormatBool(u.Disabled), firstMunicipality(u))
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

// userPasswordReset gives an account a new generated password, shown once.
func (s *Server) userPasswordReset(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	u, ok := s.pathUser(w, r)
	if !ok {
		return
	}
	password := auth.NewPassword()
	hash, err := auth.HashPassword(password)
	if err == nil {
		err = s.store.SetPassword(r.Context(), u.ID, hash)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "user.password_reset", u.Name, "", firstMunicipality(u))
	s.renderUsers(w, r, http.StatusOK, &userPage{User: u, NewPassword: password,
		Form: userForm{Name: u.Name, Role: u.Role, Municipalities: u.Municipalities, Disabled: u.Disabled}})
}

type auditPage struct {
	Entries []store.AuditEntry
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	entries, err := s.store.AuditLog(r.Context(), 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_audit", s.view(r, T(pickLanguage(r), "admin.audit"), auditPage{entries}))
}

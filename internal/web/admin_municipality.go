package web

import (
	"errors"
	"net/http"
	"strings"

	"consulta/internal/store"
)

type municipalityPage struct {
	Municipalities []store.Municipality
	Name, Country  string
	Errors         map[string]string
}

// municipalityList shows the municipalities and a form to add one (admins).
func (s *Server) municipalityList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	s.renderMunicipalities(w, r, http.StatusOK, &municipalityPage{})
}

func (s *Server) renderMunicipalities(w http.ResponseWriter, r *http.Request, status int, p *municipalityPage) {
	var err error
	if p.Municipalities, err = s.store.Municipalities(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "admin_municipalities", s.view(r, T(pickLanguage(r), "admin.municipalities"), p))
}

func (s *Server) municipalityCreate(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, store.RoleAdmin); !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	lang := pickLanguage(r)
	p := &municipalityPage{Name: strings.TrimSpace(r.PostForm.Get("name")), Country: strings.TrimSpace(r.PostForm.Get("country")),
		Errors: map[string]string{}}
	if p.Name == "" || len(p.Name) > 120 {
		p.Errors["name"] = T(lang, "form.required_short", 120)
	} else if hasControl(p.Name) {
		p.Errors["name"] = T(lang, "security.control_chars")
	}
	if p.Country == "" || len(p.Country) > 80 {
		p.Errors["country"] = T(lang, "form.required_short", 80)
	} else if hasControl(p.Country) {
		p.Errors["country"] = T(lang, "security.control_chars")
	}
	if len(p.Errors) == 0 {
		id, err := s.store.CreateMunicipality(r.Context(), p.Name, p.Country)
		switch {
		case errors.Is(err, store.ErrConflict):
			p.Errors["name"] = T(lang, "admin.municipality_exists")
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			s.audit(r, "municipality.create", p.Name+", "+p.Country, "", id)
			http.Redirect(w, r, "/admin/municipalities", http.StatusSeeOther)
			return
		}
	}
	s.renderMunicipalities(w, r, http.StatusUnprocessableEntity, p)
}

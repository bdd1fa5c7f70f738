package web

import (
	"net/http"
	"strings"

	"consulta/internal/survey"
)

// consultationWording reads a consultation's title and description in every language from a
// form: title is the main title (required), title_en, description_es … the others.
func consultationWording(form map[string][]string, lang string, errs map[string]string) (string, survey.Label, survey.Label) {
	get := func(k string) string { return strings.TrimSpace(firstOf(form[k])) }
	title := get("title")
	if title == "" || len([]rune(title)) > 160 {
		errs["title"] = T(lang, "form.required_short", 160)
	}
	titles, descriptions := survey.Label{}, survey.Label{}
	for _, l := range languages {
		if t := get("title_" + l); t != "" {
			if len([]rune(t)) > 160 {
				errs["title_"+l] = T(lang, "form.required_short", 160)
			}
			titles[l] = t
		}
		if d := get("description_" + l); d != "" {
			if len([]rune(d)) > 600 {
				errs["description_"+l] = T(lang, "form.too_long", 600)
			}
			descriptions[l] = d
		}
	}
	return title, titles, descriptions
}

// consultationWordingUpdate changes the title and description the public reads, per language.
func (s *Server) consultationWordingUpdate(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	errs := map[string]string{}
	c.Title, c.Titles, c.Descriptions = consultationWording(r.PostForm, pickLanguage(r), errs)
	if len(errs) > 0 {
		s.renderConsultation(w, r, http.StatusUnprocessableEntity, errs)
		return
	}
	if err := s.store.UpdateConsultation(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.wording", c.ID, c.Title, c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID+"#wording", http.StatusSeeOther)
}

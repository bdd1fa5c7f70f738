package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"consulta/internal/store"
	"consulta/internal/survey"
)

// surveySave stores a survey file (as the import page shows it) as a survey of a municipality:
// a new version when the municipality already has a survey with that id.
func (s *Server) surveySave(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	lang := pickLanguage(r)
	// A textarea sends CRLF line ends; the version is the hash of the file as the import wrote it.
	src := strings.ReplaceAll(r.PostForm.Get("yaml"), "\r\n", "\n")
	muni, _ := strconv.ParseInt(r.PostForm.Get("municipality"), 10, 64)
	p := &surveyImportPage{YAML: src, Municipality: muni, File: r.PostForm.Get("file")}
	if err := s.importPage(r, u, p); err != nil {
		s.fail(w, r, err)
		return
	}
	sv, problems := survey.Parse("survey.yaml", []byte(src))
	switch {
	case len(problems) > 0:
		for _, pr := range problems {
			p.Errors = append(p.Errors, pr.Message(lang))
		}
	case muni == 0 || !u.CanSee(muni):
		p.Survey, p.SaveError = sv, T(lang, "admin.municipality_invalid")
	case s.surveys[sv.ID] != nil:
		p.Survey, p.SaveError = sv, T(lang, "xlsform.id_builtin", sv.ID)
	}
	if len(p.Errors) > 0 || p.SaveError != "" {
		s.render(w, r, http.StatusUnprocessableEntity, "survey_import", s.view(r, T(lang, "xlsform.import"), p))
		return
	}
	err := s.store.SaveMunicipalSurvey(r.Context(), sv, muni, u.ID)
	if errors.Is(err, store.ErrConflict) {
		p.Survey, p.SaveError = sv, T(lang, "xlsform.id_taken", sv.ID)
		s.render(w, r, http.StatusUnprocessableEntity, "survey_import", s.view(r, T(lang, "xlsform.import"), p))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "survey.save", sv.ID, fmt.Sprintf("version %s, %d questions, from %s", sv.Version, len(sv.Questions), p.File), muni)
	http.Redirect(w, r, "/surveys/"+sv.ID, http.StatusSeeOther)
}

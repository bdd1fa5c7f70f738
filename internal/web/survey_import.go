package web

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/xlsform"
)

// MaxUpload bounds an uploaded XLSForm workbook; real forms are tens of KiB.
const MaxUpload = 5 << 20

type surveyImportPage struct {
	File           string
	Errors         []string
	Notes          []string
	Survey         *survey.Survey
	YAML           string
	Municipalities []store.Municipality
	Municipality   int64
	SaveError      string
}

// limitUpload bounds the body of an upload, as limitBody does for forms.
func limitUpload(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
		h(w, r)
	}
}

func (s *Server) importPage(r *http.Request, u *store.User, p *surveyImportPage) error {
	all, err := s.store.Municipalities(r.Context())
	if err != nil {
		return err
	}
	for _, m := range all {
		if u.CanSee(m.ID) {
			p.Municipalities = append(p.Municipalities, m)
		}
	}
	return nil
}

// surveyImportShow is the upload form.
func (s *Server) surveyImportShow(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	p := &surveyImportPage{}
	if err := s.importPage(r, u, p); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "survey_import", s.view(r, T(pickLanguage(r), "xlsform.import"), p))
}

// surveyImport converts an uploaded workbook and shows the survey, its problems and, when there
// is no error, the form that saves it. Nothing is stored here.
func (s *Server) surveyImport(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	p := &surveyImportPage{}
	if err := s.importPage(r, u, p); err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	data, name, err := uploadedFile(r)
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		status = http.StatusRequestEntityTooLarge
		p.Errors = []string{T(lang, "xlsform.too_large", MaxUpload>>20)}
	case err != nil:
		status = http.StatusUnprocessableEntity
		p.Errors = []string{T(lang, "xlsform.choose_file")}
	default:
		p.File = name
		res := xlsform.Import(data, xlsform.Options{Name: name, Icons: s.icons()})
		for _, e := range res.Errors {
			p.Errors = append(p.Errors, e.Message(lang))
		}
		for _, n := range res.Notes {
			p.Notes = append(p.Notes, n.Message(lang))
		}
		if len(res.Errors) > 0 {
			status = http.StatusUnprocessableEntity
		} else {
			p.Survey, p.YAML = res.Survey, string(res.YAML)
			if s.surveys[res.Survey.ID] != nil {
				p.SaveError = T(lang, "xlsform.id_builtin", res.Survey.ID)
			}
		}
	}
	s.render(w, r, status, "survey_import", s.view(r, T(lang, "xlsform.import"), p))
}

func uploadedFile(r *http.Request) ([]byte, string, error) {
	if err := r.ParseMultipartForm(MaxUpload); err != nil {
		return nil, "", err
	}
	f, h, err := r.FormFile("form")
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	return data, path.Base(strings.ReplaceAll(h.Filename, `\`, "/")), err
}

// icons lists the names of the icons served under static/icons.
func (s *Server) icons() []string {
	var out []string
	entries, _ := fs.ReadDir(s.static, "icons")
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok {
			out = append(out, name)
		}
	}
	return out
}

package web

import (
	"net/http"

	"consulta/internal/survey"
	"consulta/internal/xlsform"
)

// surveyExport downloads a survey as an XLSForm workbook for KoboToolbox or ODK.
func (s *Server) surveyExport(w http.ResponseWriter, r *http.Request) {
	_, sv, _, ok := s.staffSurvey(w, r, staffRoles...)
	if !ok {
		return
	}
	s.writeXLSForm(w, r, sv)
}

// consultationXLSForm downloads the survey a consultation runs, at its current version.
func (s *Server) consultationXLSForm(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), staffRoles...)
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeXLSForm(w, r, sv)
}

func (s *Server) writeXLSForm(w http.ResponseWriter, r *http.Request, sv *survey.Survey) {
	book, err := xlsform.Export(sv)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+sv.ID+`.xlsx"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(book)
}

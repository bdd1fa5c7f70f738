package web

import (
	"bytes"
	"net/http"
	"strings"

	"consulta/internal/export"
	"consulta/internal/store"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// resultsCSV downloads the filtered, suppressed results in long form.
func (s *Server) resultsCSV(w http.ResponseWriter, r *http.Request) {
	rep, c, _, ok := s.report(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := export.CSV(&buf, rep); err != nil {
		s.fail(w, r, err)
		return
	}
	sendDownload(w, "text/csv; charset=utf-8", c.ID+"-results.csv", buf.Bytes())
}

// resultsXLSX downloads the filtered, suppressed results as a workbook in the reader's language.
func (s *Server) resultsXLSX(w http.ResponseWriter, r *http.Request) {
	rep, c, sv, ok := s.report(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	label := func(key string, args ...any) string { return T(lang, key, args...) }
	var buf bytes.Buffer
	if err := export.XLSX(&buf, rep, sv, lang, label); err != nil {
		s.fail(w, r, err)
		return
	}
	sendDownload(w, xlsxType, c.ID+"-results.xlsx", buf.Bytes())
}

// apiResultsShow answers the filtered, suppressed report as JSON.
func (s *Server) apiResultsShow(w http.ResponseWriter, r *http.Request) {
	rep, c, _, ok := s.report(w, r)
	if !ok {
		return
	}
	if at := s.asOfTime(c.ID); !at.IsZero() {
		w.Header().Set("Last-Modified", at.UTC().Format(http.TimeFormat))
	}
	body, err := s.reportCache.encoded(rep)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
	w.Write([]byte("\n"))
}

// responsesExport downloads one line per response, for administrators only: it is the one
// export not protected by suppression. Free text comes only with ?text=1. Every download is audited.
func (s *Server) responsesExport(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), store.RoleAdmin)
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	withText := r.URL.Query().Get("text") == "1"
	rows := func(yield func(export.RawResponse) error) error {
		return s.store.RawResponses(r.Context(), c.ID, withText, func(raw store.RawResponse) error {
			return yield(export.RawResponse(raw))
		})
	}
	// Built whole before sending, so a failure never leaves a half file that looks complete.
	var buf bytes.Buffer
	if err := export.RawCSV(&buf, sv, rows, withText); err != nil {
		s.fail(w, r, err)
		return
	}
	if withText {
		s.audit(r, "export.raw_text", c.ID, "responses.csv with free text", c.MunicipalityID)
	} else {
		s.audit(r, "export.raw", c.ID, "responses.csv", c.MunicipalityID)
	}
	sendDownload(w, "text/csv; charset=utf-8", c.ID+"-responses.csv", buf.Bytes())
}

// sendDownload answers a file to save, never cached: results change and raw lines are sensitive.
func sendDownload(w http.ResponseWriter, contentType, filename string, body []byte) {
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, filename)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+safe+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

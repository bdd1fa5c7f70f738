package web

import (
	"bytes"
	"net/http"
	"strings"

	"consulta/internal/export"
	"consulta/internal/locale"
	"consulta/internal/store"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// resultsCSV downloads the filtered, protected results in long form, the protection sentence first.
func (s *Server) resultsCSV(w http.ResponseWriter, r *http.Request) {
	rep, c, _, ok := s.report(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	sessions, err := s.store.Sessions(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	semicolon := csvDialect(lang, r.URL.Query().Get("csv")) == csvSemicolon
	sep, mark := ",", "."
	if semicolon {
		sep, mark = ";", ","
	}
	heading := T(lang, "council.csv_heading", c.Title, filterText(lang, rep.Filter, sessions), sep, mark)
	notes := []string{T(lang, "results.suppression_note", rep.K)}
	if withheld, asOf := protectWords(rep, lang); withheld != "" {
		notes = append(notes, withheld)
	} else if asOf != "" {
		notes = append(notes, asOf)
	}
	var buf bytes.Buffer
	if err := export.CSV(&buf, rep, export.CSVOptions{Semicolon: semicolon, Heading: heading, Notes: notes}); err != nil {
		s.fail(w, r, err)
		return
	}
	sendDownload(w, "text/csv; charset=utf-8", c.ID+"-results.csv", buf.Bytes())
}

// The two CSV dialects: spreadsheets set to Spanish or Portuguese split fields on ";" and read
// "," as the decimal mark; English ones and scripts expect "," and ".".
const (
	csvSemicolon = "semicolon"
	csvComma     = "comma"
)

// csvDialect is the dialect asked for, or the one the reader's language expects.
func csvDialect(lang, asked string) string {
	if asked == csvSemicolon || asked == csvComma {
		return asked
	}
	if locale.For(lang).CSVSeparator == ";" {
		return csvSemicolon
	}
	return csvComma
}

// resultsXLSX downloads the filtered, protected results as a workbook in the reader's language.
func (s *Server) resultsXLSX(w http.ResponseWriter, r *http.Request) {
	rep, c, sv, ok := s.report(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	label := func(key string, args ...any) string { return T(lang, key, args...) }
	var buf bytes.Buffer
	withheld, asOf := protectWords(rep, lang)
	if err := export.XLSX(&buf, rep, sv, lang, label, withheld, asOf); err != nil {
		s.fail(w, r, err)
		return
	}
	sendDownload(w, xlsxType, c.ID+"-results.xlsx", buf.Bytes())
}

// apiResultsShow answers the filtered, protected report as JSON, with the protection sentence.
func (s *Server) apiResultsShow(w http.ResponseWriter, r *http.Request) {
	rep, c, _, ok := s.report(w, r)
	if !ok {
		return
	}
	if at := s.asOfTime(c.ID); !at.IsZero() {
		w.Header().Set("Last-Modified", at.UTC().Format(http.TimeFormat))
	}
	w.Header().Set("Cache-Control", "no-store")
	body := s.reportJSON.get(rep, pickLanguage(r))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body.gz)
		return
	}
	w.Write(body.plain)
}

// responsesExport downloads one line per response, for administrators only: it is the one
// export not protected by the cell key method. Free text comes only with ?text=1. Every download is audited.
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

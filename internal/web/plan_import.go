package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"consulta/internal/plan"
	"consulta/internal/store"
)

// importColumns are shown beside the import form.
var importColumns = append(append([]string{}, plan.RequiredColumns...), plan.OptionalColumns...)

// maxSheet is the largest sheet a planner may upload.
const maxSheet = 2 << 20

// sheetRows reads an uploaded CSV (comma or semicolon) or XLSX file into rows of text.
func sheetRows(name string, body []byte) ([][]string, error) {
	if strings.EqualFold(path.Ext(name), ".xlsx") {
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, errors.New("no sheet")
		}
		return f.GetRows(sheets[0])
	}
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(body))
	first, _, _ := bytes.Cut(body, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';' // spreadsheets in Spanish and Portuguese save CSV with semicolons
	}
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// planImport replaces a draft plan's axes and items with an uploaded sheet, one row per item.
// Every problem is reported by row and column; when there is one, nothing is stored.
func (s *Server) planImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSheet)
	u, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	if !p.Editable() {
		s.errorPage(w, r, http.StatusConflict, "plan.not_draft")
		return
	}
	refuse := func(status int, problems []string) {
		page, err := s.planEditPage(r, u, p, formOf(p), nil, problems)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, status, "plan_edit", s.view(r, p.Title.In(lang), page))
	}
	file, hdr, err := r.FormFile("sheet")
	if err != nil {
		refuse(http.StatusBadRequest, []string{T(lang, "plan.err.no_file")})
		return
	}
	defer file.Close()
	body, err := io.ReadAll(file)
	if err != nil {
		refuse(http.StatusRequestEntityTooLarge, []string{T(lang, "plan.err.too_big", maxSheet>>20)})
		return
	}
	rows, err := sheetRows(hdr.Filename, body)
	if err != nil {
		refuse(http.StatusUnprocessableEntity, []string{T(lang, "plan.err.unreadable")})
		return
	}
	sh, probs := plan.ReadSheet(rows, s.planIcons())
	var msgs []string
	for _, pr := range probs {
		msgs = append(msgs, problemText(lang, pr))
	}
	if sh != nil {
		for i := range sh.Items {
			ev, key, arg := s.parseEvidence(r.Context(), sh.Evidence[i], p.MunicipalityID)
			if key != "" {
				msgs = append(msgs, problemText(lang, plan.Problem{Row: sh.Rows[i], Column: "evidence", Code: strings.TrimPrefix(key, "plan.err."), Args: []any{arg}}))
				continue
			}
			sh.Items[i].Evidence = ev
		}
	}
	if len(msgs) > 0 {
		refuse(http.StatusUnprocessableEntity, msgs)
		return
	}
	if err := s.store.ReplaceItems(r.Context(), p.ID, sh.Axes, sh.Items); err != nil {
		s.answer(w, r, err, store.ErrNotDraft)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	s.audit(r, "plan.import", id, hdr.Filename+": "+strconv.Itoa(len(sh.Items))+" items", p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/edit", http.StatusSeeOther)
}

package web

import (
	"net/http"
	"strconv"
	"strings"

	"consulta/internal/plan"
	"consulta/internal/survey"
)

// planStatusSave records where an item of a validated plan stands (POST
// /plans/{pid}/items/{code}/status): status, progress percentage and dated milestones, one a
// line as "YYYY-MM-DD | text es | text en | text pt | done".
func (s *Server) planStatusSave(w http.ResponseWriter, r *http.Request) {
	u, p, ok := s.staffPlanForm(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	vs, err := s.planVersions(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := muxVar(r, "code")
	if vs.Published == nil {
		s.errorPage(w, r, http.StatusConflict, "decision.not_validated")
		return
	}
	found := false
	for _, it := range vs.Published.Items {
		found = found || it.Code == code
	}
	if !found {
		s.notFound(w, r)
		return
	}
	st := plan.Status{Code: code, Status: r.PostForm.Get("status")}
	st.Progress, err = strconv.Atoi(strings.TrimSpace(r.PostForm.Get("progress")))
	if err != nil {
		st.Progress = -1
	}
	st.Milestones = parseMilestones(r.PostForm.Get("milestones"))
	if problem := st.Check(); problem != "" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "plan.invalid", T(lang, "plan.err."+problem))
		return
	}
	if err := s.store.SetItemStatus(r.Context(), p.ID, &st, u); err != nil {
		s.fail(w, r, err)
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	s.audit(r, "plan.status", id+"/"+code, st.Status+" "+strconv.Itoa(st.Progress)+"%", p.MunicipalityID)
	http.Redirect(w, r, "/plans/"+id+"/versions#status-"+code, http.StatusSeeOther)
}

// parseMilestones reads milestones one a line: "YYYY-MM-DD | es | en | pt | done" (the
// languages after Spanish and "done" may be left out). A line without a valid date is kept
// with its text so Check refuses it.
func parseMilestones(text string) []plan.Milestone {
	var out []plan.Milestone
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.Split(line, "|")
		m := plan.Milestone{On: strings.TrimSpace(parts[0]), Text: survey.Label{}}
		for i, lang := range languages {
			if i+1 < len(parts) && strings.TrimSpace(parts[i+1]) != "" {
				m.Text[lang] = strings.TrimSpace(parts[i+1])
			}
		}
		if n := len(parts); n > 1 {
			last := strings.ToLower(strings.TrimSpace(parts[n-1]))
			if last == "done" || last == "hecho" || last == "feito" || last == "x" {
				m.Done = true
				if n-1 <= len(languages) {
					delete(m.Text, languages[n-2])
				}
			}
		}
		out = append(out, m)
	}
	return out
}

package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// heardPage is the public "what we heard" page: totals only, in plain words, with pictures.
type heardPage struct {
	Consultation *store.Consultation
	Survey       *survey.Survey
	Respondents  string
	Enough       bool
	Lists        []heardList
	Promise      string
	ReportBack   string // the report back of the validated plan this consultation was a round of
}

// heardList is one question on the heard page: a wish list (the choices most people named, in
// the order of the share shown) or a finding (every answer with its share, stated with care).
type heardList struct {
	Question string
	Finding  bool
	Items    []heardItem
}

type heardItem struct {
	Label, Icon string
	Share       string // "42,7 %", in the reader's number format
}

// heardTop is how many choices each list shows: few, so a child can take them in.
const heardTop = 3

// heardShow is public: anyone may read what a consultation heard, never anything but totals.
func (s *Server) heardShow(w http.ResponseWriter, r *http.Request) {
	c, sv, ok := s.pageConsultation(w, r)
	if !ok {
		return
	}
	lang := surveyLanguage(r, sv, "")
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep := s.aggregate(d, sv, c.ID, results.Filter{})
	promise, err := s.store.Promise(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := heardPage{Consultation: c, Survey: sv, Respondents: numbersIn(lang).Cell(rep.Respondents, T(lang, "protect.hidden")),
		Enough: rep.Withheld == "", Promise: promise[lang]}
	if p.Enough {
		p.Lists = heardLists(rep, sv, lang)
	}
	planID, err := s.store.ValidatedPlanOf(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if planID != 0 {
		p.ReportBack = "/p/" + strconv.FormatInt(planID, 10)
		if sv.Audience == "child" {
			p.ReportBack += "/children"
		}
		p.ReportBack += "?lang=" + lang
	}
	v := s.view(r, T(lang, "heard.title"), p)
	v.Lang, v.Languages = lang, sv.Languages
	s.render(w, r, http.StatusOK, "heard", v)
}

// heardLists shows each question as its survey says (`heard:` wish, finding or hide). Every list
// is in the order of the share it shows, so what reads first is what most people said.
func heardLists(rep *results.Report, sv *survey.Survey, lang string) []heardList {
	var out []heardList
	for _, q := range rep.Questions {
		sq := sv.Question(q.ID)
		if sq == nil || sq.HeardAs() == survey.HeardHide || sq.Profile || len(q.Tables) == 0 {
			continue
		}
		finding := sq.HeardAs() == survey.HeardFinding
		type ranked struct {
			id   string
			cell results.Cell
		}
		var rs []ranked
		if q.Type == survey.Rank && !finding {
			// A rank question's wish list shows who put each in their top n: that share orders it.
			for _, p := range q.Priorities {
				if !p.Suppressed && !p.TopN.Suppressed && p.Choice != survey.PreferNot {
					rs = append(rs, ranked{p.Choice, p.TopN})
				}
			}
		} else {
			all := q.Tables[0]
			for c, id := range all.Columns {
				cell := all.Rows[0].Cells[c]
				if id == results.NoAnswer || id == survey.PreferNot || cell.Suppressed {
					continue
				}
				// A wish list leaves out "none" and "other": they are not wishes. A finding keeps
				// them: "nobody" may be what most needs saying.
				if !finding && (id == "none" || id == "other") {
					continue
				}
				rs = append(rs, ranked{id, cell})
			}
		}
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].cell.Pct > rs[j].cell.Pct })
		if !finding && len(rs) > heardTop {
			rs = rs[:heardTop]
		}
		list := heardList{Question: sq.Label.In(lang), Finding: finding}
		for _, r := range rs {
			list.Items = append(list.Items, heardItemOf(sq, r.id, r.cell, lang))
		}
		if len(list.Items) > 0 {
			out = append(out, list)
		}
	}
	return out
}

func heardItemOf(q *survey.Question, id string, cell results.Cell, lang string) heardItem {
	it := heardItem{Label: id, Share: formatPercent(cell.Pct, lang)}
	if c := q.Choice(id); c != nil {
		it.Label, it.Icon = c.Label.In(lang), c.Icon
	}
	return it
}

// formatPercent writes a share the way each language does: 42,5 % in Spanish and Portuguese.
func formatPercent(p float64, lang string) string { return locale.For(lang).Percent(p) }

// promiseUpdate lets planners say what the municipality will do with what it heard.
func (s *Server) promiseUpdate(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	promise := map[string]string{}
	for _, l := range languages {
		text := strings.TrimSpace(r.PostForm.Get("promise_" + l))
		if len([]rune(text)) > 600 {
			s.renderConsultation(w, r, http.StatusUnprocessableEntity, map[string]string{"promise": T(pickLanguage(r), "form.too_long", 600)})
			return
		}
		if text != "" {
			promise[l] = text
		}
	}
	if err := s.store.SetPromise(r.Context(), c.ID, promise); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.promise", c.ID, "", c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID+"#promise", http.StatusSeeOther)
}

package web

import (
	"net/http"
	"strings"

	"consulta/internal/store"
	"consulta/internal/survey"
)

// responseCreate takes the survey posted as a plain HTML form, for browsers without JavaScript.
func (s *Server) responseCreate(w http.ResponseWriter, r *http.Request) {
	c, sv, ok := s.pageConsultation(w, r)
	if !ok {
		return
	}
	s.submitForm(w, r, c, sv, store.Link, nil, func(*surveyPage) {}, "/c/"+c.ID+"/thanks")
}

// submitForm checks and stores a posted survey form. A language button re-renders the same
// answers in another language without storing anything; errors re-render beside each question.
func (s *Server) submitForm(w http.ResponseWriter, r *http.Request, c *store.Consultation, sv *survey.Survey,
	channel string, ses *store.Session, decorate func(*surveyPage), success string) {
	if err := r.ParseForm(); err != nil {
		s.badForm(w, r, err)
		return
	}
	form := r.PostForm
	pick := surveyLanguage
	if channel == store.Kiosk {
		pick = kioskLanguage
	}
	if switchTo := form.Get("_switch"); switchTo != "" {
		if channel != store.Kiosk {
			rememberLang(w, switchTo)
		}
		page := s.buildSurveyPage(c, sv, pick(r, sv, switchTo), form, nil)
		decorate(page)
		s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
		return
	}
	lang := pick(r, sv, form.Get("_lang"))
	sub := &Submission{ID: form.Get("_id"), SurveyVersion: form.Get("_version"), Language: lang}
	if ses != nil {
		sub.Session = ses.ID
	}
	if channel == store.Kiosk {
		sub.KioskKey = s.kioskKey(r)
	}
	out, err := s.accept(r.Context(), c, sub, form, channel)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch out.status {
	case http.StatusCreated, http.StatusOK:
		sep := "?"
		if strings.Contains(success, "?") {
			sep = "&"
		}
		if len(out.leftOut) > 0 {
			success += sep + "left_out=" + strings.Join(out.leftOut, ",")
			sep = "&"
		}
		http.Redirect(w, r, success+sep+"lang="+lang, http.StatusSeeOther)
	case http.StatusUnprocessableEntity:
		page := s.buildSurveyPage(c, sv, lang, form, out.errors)
		page.LeftOut = leftOutLabels(sv, lang, out.leftOut)
		page.Posted, page.Island.Posted = true, true
		decorate(page)
		s.render(w, r, out.status, "survey", s.surveyView(r, page))
	default:
		s.errorPage(w, r, out.status, out.key, out.args...)
	}
}

// leftOutLabels names the questions a paper form answered where skip logic hides them.
func leftOutLabels(sv *survey.Survey, lang string, ids []string) []string {
	var out []string
	for _, id := range ids {
		if q := sv.Question(id); q != nil {
			out = append(out, q.Label.In(lang))
		}
	}
	return out
}

package web

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"consulta/internal/store"
	"consulta/internal/survey"
)

// surveyPage is the whole survey in one HTML document: a long form without JavaScript,
// one question per screen with it.
type surveyPage struct {
	Consultation *store.Consultation
	Survey       *survey.Survey
	Lang         string
	ResponseID   string
	Session      string
	Questions    []questionView
	Errors       []fieldError
	Island       surveyIsland
	// Action is where the form posts; kiosk and paper entry post to their own routes.
	Action string
	// Paper marks a facilitator typing in a paper form: one long page, no JavaScript paging.
	Paper, Saved bool
	// ResetAfter, on a kiosk, is the seconds after which the page returns to the welcome screen
	// when JavaScript (which watches for idleness) does not run.
	ResetAfter int
	// LeftOut names the answers of the last paper form that skip logic left out.
	LeftOut []string
	// Posted marks a page rendered in answer to a POST (a form with errors).
	Posted bool
}

// ResetMinutes is ResetAfter in whole minutes, for the sentence that announces it.
func (p *surveyPage) ResetMinutes() int { return (p.ResetAfter + 59) / 60 }

type questionView struct {
	ID, Type     string
	Number       int
	Label, Hint  string
	Required     bool
	Relevant     bool // has a relevant expression
	Error        string
	Value        string
	Choices      []choiceView
	Points       []choiceView
	RankPlaces   []rankPlace
	Min, Max     *int
	MaxLength    int
	PreferNot    bool
	PreferNotSet bool
}

type choiceView struct {
	ID, Label, Icon string
	Checked         bool
}

type rankPlace struct {
	N        int
	Selected string
}

// surveyIsland is the JSON data island the survey script reads; it never holds user text.
type surveyIsland struct {
	Consultation string         `json:"consultation"`
	Survey       *survey.Survey `json:"survey"`
	Lang         string         `json:"lang"`
	Post         string         `json:"post"`
	Thanks       string         `json:"thanks"`
	Stopped      string         `json:"stopped"`
	Session      string         `json:"session,omitempty"`
	Kiosk        *kioskIsland   `json:"kiosk,omitempty"`
	Paper        bool           `json:"paper,omitempty"`
	Posted       bool           `json:"posted,omitempty"`
}

// kioskIsland tells the script where a participant's survey returns to, and after how long idle.
// Key is the kiosk's own secret, which the offline queue sends with each response it keeps.
type kioskIsland struct {
	Welcome     string `json:"welcome"`
	IdleSeconds int    `json:"idle_seconds"`
	Key         string `json:"key,omitempty"`
}

func (s *Server) surveyShow(w http.ResponseWriter, r *http.Request) {
	c, sv, ok := s.pageConsultation(w, r)
	if !ok {
		return
	}
	lang := surveyLanguage(r, sv, "")
	if c.Status == store.StatusClosed {
		v := s.view(r, sv.Title.In(lang), kioskPage{Consultation: c, Survey: sv, Lang: lang})
		v.Lang = lang
		s.render(w, r, http.StatusOK, "closed", v)
		return
	}
	page := s.buildSurveyPage(c, sv, lang, nil, nil)
	s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
}

// pageConsultation loads the consultation of the URL and its current survey, or answers 404.
func (s *Server) pageConsultation(w http.ResponseWriter, r *http.Request) (*store.Consultation, *survey.Survey, bool) {
	c, err := s.store.Consultation(r.Context(), muxVar(r, "id"))
	if err == nil && c.Status == store.StatusDraft {
		err = store.ErrNotFound // a draft is not there for the public
	}
	if err != nil {
		s.answer(w, r, err, store.ErrNotFound)
		return nil, nil, false
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	return c, sv, true
}

// surveyLanguage picks the page language among the survey's own.
func surveyLanguage(r *http.Request, sv *survey.Survey, posted string) string {
	for _, l := range []string{posted, pickLanguage(r)} {
		if sv.HasLanguage(l) {
			return l
		}
	}
	return sv.DefaultLanguage
}

func (s *Server) surveyView(r *http.Request, page *surveyPage) *View {
	v := s.view(r, page.Survey.Title.In(page.Lang), page)
	v.Lang = page.Lang
	v.Languages = page.Survey.Languages
	return v
}

// buildSurveyPage fills every question with its wording in lang and, on a re-render, what was posted.
func (s *Server) buildSurveyPage(c *store.Consultation, sv *survey.Survey, lang string, form map[string][]string, errs []fieldError) *surveyPage {
	page := &surveyPage{Consultation: c, Survey: sv, Lang: lang, Errors: errs, ResponseID: newUUID(), Action: "/c/" + c.ID}
	if form != nil {
		if id := firstOf(form["_id"]); uuidPattern.MatchString(id) {
			page.ResponseID = id
		}
	}
	byQuestion := map[string]string{}
	for i, e := range errs {
		if _, seen := byQuestion[e.Question]; !seen {
			byQuestion[e.Question] = e.Message
		}
		if q := sv.Question(e.Question); q != nil {
			page.Errors[i].Label = T(lang, "survey.error_in", q.LabelFor(firstOf(form[survey.AgeBand])).In(lang))
		}
	}
	band := firstOf(form[survey.AgeBand])
	n := 0
	for _, q := range sv.Questions {
		if q.Answerable() {
			n++
		}
		page.Questions = append(page.Questions, questionViewOf(q, lang, band, n, form[q.ID], form, byQuestion[q.ID]))
	}
	page.Island = surveyIsland{Consultation: c.ID, Survey: sv, Lang: lang,
		Post: "/api/consultations/" + c.ID + "/responses", Thanks: "/c/" + c.ID + "/thanks", Stopped: "/c/" + c.ID + "/stopped",
		Session: page.Session}
	return page
}

func questionViewOf(q *survey.Question, lang, band string, n int, posted []string, form map[string][]string, errMsg string) questionView {
	qv := questionView{ID: q.ID, Type: q.Type, Number: n, Label: q.LabelFor(band).In(lang), Hint: q.HintFor(band).In(lang),
		Required: q.Required, Relevant: q.Relevant != "", Error: errMsg, Min: q.Min, Max: q.Max, MaxLength: q.MaxLength,
		PreferNot: q.PreferNot && !q.HasChoices()}
	first := firstOf(posted)
	qv.PreferNotSet = first == survey.PreferNot
	if !qv.PreferNotSet {
		qv.Value = first
	}
	for _, c := range q.Choices {
		qv.Choices = append(qv.Choices, choiceView{ID: c.ID, Label: c.Label.In(lang), Icon: c.Icon, Checked: slices.Contains(posted, c.ID)})
	}
	if q.Type == survey.Scale {
		for p := 1; p <= q.Points; p++ {
			id := strconv.Itoa(p)
			qv.Points = append(qv.Points, choiceView{ID: id, Label: scaleWord(lang, p, q.Points), Icon: faceFor(p, q.Points), Checked: first == id})
		}
	}
	if q.Type == survey.Rank {
		for i := 1; i <= q.Rank; i++ {
			qv.RankPlaces = append(qv.RankPlaces, rankPlace{N: i, Selected: firstOf(form[fmt.Sprintf("%s.%d", q.ID, i)])})
		}
	}
	return qv
}

// scaleWord names a point of a scale; faces carry the same words for children.
func scaleWord(lang string, p, points int) string {
	if points == 3 {
		p = []int{0, 2, 3, 4}[p]
	}
	return T(lang, fmt.Sprintf("scale.%d", p))
}

func faceFor(p, points int) string {
	if points == 3 {
		p = []int{0, 1, 3, 5}[p]
	}
	return fmt.Sprintf("face-%d", p)
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

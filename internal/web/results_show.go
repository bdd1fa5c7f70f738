package web

import (
	"net/http"
	"strings"

	"consulta/internal/charts"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

type resultsPage struct {
	Report       *results.Report
	Consultation *store.Consultation
	Survey       *survey.Survey
	Sessions     []*store.Session
	Charts       []charts.Chart
	ChartData    map[string]chartOptions
	Questions    []questionResult
	Filter       results.Filter
	Only         string
	Query        string
	Suppressed   string
	Print        bool
	OnlyChoices  []onlyChoice
	AsOf         string // when the last response the counts hold was stored
}

type chartOptions struct {
	Counts  map[string]any `json:"counts"`
	Percent map[string]any `json:"percent,omitempty"`
}

type onlyChoice struct{ Value, Label string }

// questionResult pairs a question's results with its wording and its charts, for the template.
type questionResult struct {
	results.Question
	Label     string
	Charts    []charts.Chart
	Sentences []string
}

func (s *Server) resultsShow(w http.ResponseWriter, r *http.Request) {
	s.renderResults(w, r, false)
}

// resultsPrint is the same report laid out for paper: a council meeting's handout.
func (s *Server) resultsPrint(w http.ResponseWriter, r *http.Request) {
	s.renderResults(w, r, true)
}

func (s *Server) renderResults(w http.ResponseWriter, r *http.Request, print bool) {
	rep, c, sv, ok := s.report(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	sessions, err := s.store.Sessions(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	label := func(key string, args ...any) string { return T(lang, key, args...) }
	p := &resultsPage{Report: rep, Consultation: c, Survey: sv, Sessions: sessions, Filter: rep.Filter,
		Charts: charts.Build(rep, sv, lang, label), ChartData: map[string]chartOptions{}, Print: print,
		Suppressed: results.SuppressLabel(rep.K), Query: r.URL.RawQuery, AsOf: s.asOf(c.ID)}
	if rep.Filter.Dimension != "" {
		p.Only = rep.Filter.Dimension + ":" + rep.Filter.Value
	}
	p.OnlyChoices = onlyChoices(sv, lang)
	for _, ch := range p.Charts {
		p.ChartData[ch.ID] = chartOptions{Counts: ch.Counts, Percent: ch.Percent}
	}
	for _, q := range rep.Questions {
		qr := questionResult{Question: q}
		if sq := sv.Question(q.ID); sq != nil {
			qr.Label = sq.Label.In(lang)
			qr.Sentences = testSentences(lang, q, func(id string) string {
				if c := sq.Choice(id); c != nil {
					return c.Label.In(lang)
				}
				return id
			})
		}
		for _, ch := range p.Charts {
			if strings.HasPrefix(ch.ID, "q-"+q.ID+"-") || ch.ID == "priorities-"+q.ID || ch.ID == "heatmap-"+q.ID {
				qr.Charts = append(qr.Charts, ch)
			}
		}
		p.Questions = append(p.Questions, qr)
	}
	title := T(lang, "results.title") + ": " + c.Title
	name := "results"
	if print {
		name = "results_print"
	}
	s.render(w, r, http.StatusOK, name, s.view(r, title, p))
}

// onlyChoices lists the "only these respondents" options of the filter.
func onlyChoices(sv *survey.Survey, lang string) []onlyChoice {
	var out []onlyChoice
	for _, g := range results.GroupValues[:5] {
		out = append(out, onlyChoice{results.ByGroup + ":" + g, T(lang, "group."+g)})
	}
	for _, g := range results.GenderValues[:3] {
		out = append(out, onlyChoice{results.ByGender + ":" + g, T(lang, "gender."+g)})
	}
	if q := sv.Question(survey.AgeBand); q != nil {
		for _, c := range q.Choices {
			out = append(out, onlyChoice{results.ByAgeBand + ":" + c.ID, c.Label.In(lang)})
		}
	}
	for _, d := range results.DisabilityValues {
		out = append(out, onlyChoice{results.ByDisability + ":" + d, T(lang, "disability."+d)})
	}
	return out
}

type textsPage struct {
	Consultation *store.Consultation
	Questions    []textQuestion
}

type textQuestion struct {
	Label string
	Texts []string
}

// textsShow lists what people wrote in open questions, for planners and admins only: never public.
func (s *Server) textsShow(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := pickLanguage(r)
	p := textsPage{Consultation: c}
	for _, q := range sv.Questions {
		if q.Type != survey.Text {
			continue
		}
		texts, err := s.store.Texts(r.Context(), c.ID, q.ID, 2000)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Questions = append(p.Questions, textQuestion{Label: q.Label.In(lang), Texts: texts})
	}
	s.audit(r, "results.texts_view", c.ID, "", c.MunicipalityID)
	s.render(w, r, http.StatusOK, "texts", s.view(r, T(lang, "results.texts"), p))
}

package web

import (
	"net/http"

	"consulta/internal/charts"
	"consulta/internal/domain"
	"consulta/internal/locale"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

type resultsPage struct {
	Report        *results.Report
	Consultation  *store.Consultation
	Survey        *survey.Survey
	Sessions      []*store.Session
	Charts        charts.Set
	ChartData     map[string]chartOptions
	Questions     []questionResult
	Filter        results.Filter
	Only          string
	Query         string
	Suppressed    string
	Print         bool
	OnlyChoices   []onlyChoice
	Links         resultsLinks
	FilterText    string // the filter in words, said on the page, the report and every export
	ChartPage     chartPage
	Summary       councilSummary
	Rankings      []*rankingView
	Differences   []differenceLine
	Sections      []resultSection
	Withheld      string         // why no numbers are shown, in words
	AsOf          string         // "Data as of ...: N responses..."
	SessionCounts map[string]int // protected responses per session
}

// chartPage is what charts.js needs besides the options: how the page writes numbers, and the
// source line every saved chart image carries.
type chartPage struct {
	Number locale.Format `json:"number"`
	Source string        `json:"source"`
}

type chartOptions struct {
	Counts  *charts.Option `json:"counts"`
	Percent *charts.Option `json:"percent,omitempty"`
}

// chartData is the page's data island: each chart's options under the id its element names.
func chartData(cs []charts.Chart) map[string]chartOptions {
	data := make(map[string]chartOptions, len(cs))
	for _, ch := range cs {
		data[ch.ID] = chartOptions{Counts: ch.Counts, Percent: ch.Percent}
	}
	return data
}

type onlyChoice struct{ Value, Label string }

// questionResult pairs a question's results with its wording and its charts, for the template.
type questionResult struct {
	results.Question
	Label     string
	Charts    charts.QuestionCharts
	Sentences []string
	Ranking   *rankingView
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
		Charts: charts.Build(rep, sv, lang, label), Print: print,
		Suppressed: T(lang, "protect.hidden"), Query: r.URL.RawQuery}
	if rep.Filter.Dimension != "" {
		p.Only = rep.Filter.Dimension + ":" + rep.Filter.Value
	}
	p.OnlyChoices = onlyChoices(sv, lang)
	p.Links = linksFor(c.ID, rep.Filter, lang)
	p.FilterText = filterText(lang, rep.Filter, sessions)
	p.Withheld, p.AsOf = protectWords(rep, lang)
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.SessionCounts = s.staffCounts(d, c.ID, "").Sessions
	targets, err := s.store.Targets(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	num := locale.For(lang)
	today := num.Date(s.now())
	p.ChartData = chartData(p.Charts.All())
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
		qr.Charts = p.Charts.Question(q.ID)
		if q.Type == survey.Rank {
			qr.Ranking = rankingOf(&q, sv, lang, p.Suppressed)
			if qr.Ranking != nil {
				p.Rankings = append(p.Rankings, qr.Ranking)
			}
		}
		p.Questions = append(p.Questions, qr)
	}
	p.Differences = differencesOf(rep, sv, lang)
	p.Summary = summaryOf(rep, sv, c, sessions, targets, lang, p.Suppressed, p.FilterText, p.Rankings, p.Differences, num, today)
	p.Sections = sections(lang, p.Questions)
	p.ChartPage = chartPage{Number: num, Source: T(lang, "council.image_source", c.Title, p.Summary.Respondents, today, p.FilterText)}
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
	for _, dim := range []string{domain.Group, domain.Gender} {
		d, _ := domain.Dim(dim)
		for _, v := range d.IDs() {
			out = append(out, onlyChoice{dim + ":" + v, T(lang, d.Key(v))})
		}
	}
	if q := sv.Question(survey.AgeBand); q != nil {
		for _, c := range q.Choices {
			out = append(out, onlyChoice{results.ByAgeBand + ":" + c.ID, c.Label.In(lang)})
		}
	}
	dis, _ := domain.Dim(domain.Disability)
	for _, v := range dis.IDs() {
		out = append(out, onlyChoice{results.ByDisability + ":" + v, T(lang, dis.Key(v))})
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

// protectWords says, in lang, why a report shows no numbers (empty when it does), and as of
// when its numbers are.
func protectWords(rep *results.Report, lang string) (withheld, asOf string) {
	if rep.Withheld != "" {
		withheld = T(lang, withheldKey(rep.Withheld))
	}
	if rep.AsOf != "" && rep.Withheld == "" {
		asOf = T(lang, "protect.as_of", rep.AsOf, rep.Respondents.N, rep.K)
	}
	return withheld, asOf
}

package web

import (
	"net/http"

	"consulta/internal/plan"
)

type evidenceView struct {
	plan.Evidence
	Live     *plan.Snapshot
	Question string // the question's wording
	Choice   string // the choice's wording
}

type planItemPage struct {
	Plan     *plan.Plan
	Item     plan.Item
	New      bool
	Form     itemForm
	Errors   map[string]string
	Icons    []string
	Evidence []evidenceView
	Result   *plan.ItemResult
	Child    *plan.ItemResult
	K        int
}

// evidenceViews pairs each evidence link of an item with today's protected figures and its wording.
func (s *Server) evidenceViews(r *http.Request, p *plan.Plan, it plan.Item) ([]evidenceView, error) {
	live, err := s.liveEvidence(r.Context(), p)
	if err != nil {
		return nil, err
	}
	lang := pickLanguage(r)
	var out []evidenceView
	for _, e := range it.Evidence {
		v := evidenceView{Evidence: e, Live: live[e.ID], Question: e.Question, Choice: e.Choice}
		if c, err := s.store.Consultation(r.Context(), e.Consultation); err == nil {
			if sv := s.surveyOf(r.Context(), c.SurveyID); sv != nil {
				if q := sv.Question(e.Question); q != nil {
					v.Question = q.Label.In(lang)
					if ch := q.Choice(e.Choice); ch != nil {
						v.Choice = ch.Label.In(lang)
					}
				}
			}
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Server) planItemPage(r *http.Request, p *plan.Plan, it plan.Item, f itemForm, errs map[string]string) (*planItemPage, error) {
	page := &planItemPage{Plan: p, Item: it, New: it.ID == 0, Form: f, Errors: errs, Icons: s.planIcons(), K: s.k}
	var err error
	if !page.New {
		if page.Evidence, err = s.evidenceViews(r, p, it); err != nil {
			return nil, err
		}
		res, err := s.planRound(r.Context(), p)
		if err != nil {
			return nil, err
		}
		if res != nil {
			page.Result = res.Adult.Item(it.Code)
			page.Child = res.Child.Item(it.Code)
		}
	}
	return page, nil
}

// planItemShow is one item: its text, the evidence behind it (live and as it was when the plan
// went to validation), what the round found, and the form while the plan is a draft.
func (s *Server) planItemShow(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	it := p.Item(muxVar(r, "code"))
	if it == nil {
		s.notFound(w, r)
		return
	}
	f := itemForm{Item: *it, Evidence: evidenceText(it.Evidence)}
	if it.Budget != nil {
		f.Budget = formatAmount(*it.Budget)
	}
	page, err := s.planItemPage(r, p, *it, f, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_item", s.view(r, it.Title.In(pickLanguage(r)), page))
}

// planItemNew shows the form for a new item.
func (s *Server) planItemNew(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	if !p.Editable() {
		s.errorPage(w, r, http.StatusConflict, "plan.not_draft")
		return
	}
	f := itemForm{Item: plan.Item{Order: len(p.Items) + 1}}
	if len(p.Axes) > 0 {
		f.Item.Axis = p.Axes[0].Code
	}
	page, err := s.planItemPage(r, p, plan.Item{}, f, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_item", s.view(r, T(pickLanguage(r), "plan.new_item"), page))
}

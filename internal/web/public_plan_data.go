package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"consulta/internal/plan"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// publicItem is one item of the report back: what was proposed, what people said (protected
// shares only), what was decided and why, and where it stands now. Never free text of answers.
type publicItem struct {
	Code          string        `json:"code"`
	Icon          string        `json:"icon"`
	Proposed      survey.Label  `json:"proposed"`        // the title people were asked about
	Title         survey.Label  `json:"title,omitempty"` // the validated title, when kept
	ChildSummary  survey.Label  `json:"child_summary,omitempty"`
	ProposedOrder int           `json:"proposed_order,omitempty"`
	Order         int           `json:"order,omitempty"` // in the validated plan; 0 when left out
	Decision      string        `json:"decision"`
	Into          string        `json:"into,omitempty"`
	Reason        survey.Label  `json:"reason,omitempty"`
	ChildReason   survey.Label  `json:"child_reason,omitempty"`
	Agree         *plan.Share   `json:"agree,omitempty"`       // adults, protected
	ChildAgree    *plan.Share   `json:"child_agree,omitempty"` // children, protected
	Status        *publicStatus `json:"status,omitempty"`
}

type publicStatus struct {
	Status     string           `json:"status"`
	Progress   int              `json:"progress"`
	Milestones []plan.Milestone `json:"milestones,omitempty"`
	UpdatedAt  string           `json:"updated_at"` // YYYY-MM-DD
}

// publicPlan is everything the report back shows, and nothing more; the JSON endpoint serves it as is.
type publicPlan struct {
	ID           int64        `json:"id"`
	Title        survey.Label `json:"title"`
	Period       survey.Label `json:"period"`
	Municipality string       `json:"municipality"`
	Version      int          `json:"version"`
	ValidatedOn  string       `json:"validated_on"`
	Adults       string       `json:"adults_answered"`             // protected count, or "<k"
	Children     string       `json:"children_answered,omitempty"` // protected count, or "<k"
	Items        []publicItem `json:"items"`
	LastUpdate   string       `json:"last_status_update,omitempty"`
	FollowUp     string       `json:"follow_up,omitempty"` // the follow-up consultation's public path
	Protection   string       `json:"protection"`
}

var errNotPublished = errors.New("plan has no published version")

// publicPlanOf builds the report back of a plan's last published version, in the order of the
// validated plan, then the items left out. Shares come from the protected reports only.
func (s *Server) publicPlanOf(ctx context.Context, id int64) (*publicPlan, error) {
	p, err := s.store.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	vs, err := s.planVersions(ctx, p)
	if err != nil {
		return nil, err
	}
	v := vs.Published
	if v == nil {
		return nil, errNotPublished
	}
	res, err := s.planRound(ctx, p)
	if err != nil {
		return nil, err
	}
	statuses, err := s.store.Statuses(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	out := &publicPlan{ID: p.ID, Title: p.Title, Period: p.Period, Municipality: p.Municipality, Version: v.Number,
		ValidatedOn: v.PublishedAt.Format("2006-01-02"), Protection: T("en", "plan.protection", s.k)}
	if res != nil {
		out.Adults = cellText(res.adultRep.Respondents, results.SuppressLabel(res.adultRep.K))
		if res.childRep != nil {
			out.Children = cellText(res.childRep.Respondents, results.SuppressLabel(res.childRep.K))
		}
	}
	base := baseOf(p, vs.All, v.Number)
	proposed := map[string]plan.Item{}
	for _, it := range base {
		proposed[it.Code] = it
	}
	var last time.Time
	add := func(it plan.Item, d *plan.Decision, kept bool) {
		pi := publicItem{Code: it.Code, Icon: it.Icon, ChildSummary: it.ChildSummary}
		if was, ok := proposed[it.Code]; ok {
			pi.Proposed, pi.ProposedOrder = was.Title, was.Order
		}
		if kept {
			pi.Title, pi.Order = it.Title, it.Order
		}
		if d != nil {
			pi.Decision, pi.Into, pi.Reason, pi.ChildReason = d.Kind, d.Into, d.Reason, d.ChildReason
		}
		if res != nil {
			if r := res.Adult.Item(it.Code); r != nil {
				sh := r.Agree
				pi.Agree = &sh
			}
			if r := res.Child.Item(it.Code); r != nil {
				sh := r.Agree
				pi.ChildAgree = &sh
			}
		}
		if st := statuses[it.Code]; st != nil && kept {
			pi.Status = &publicStatus{Status: st.Status, Progress: st.Progress, Milestones: st.Milestones,
				UpdatedAt: st.UpdatedAt.Format("2006-01-02")}
			if st.UpdatedAt.After(last) {
				last = st.UpdatedAt
			}
		}
		out.Items = append(out.Items, pi)
	}
	for _, it := range v.Items {
		add(it, v.Decision(it.Code), true)
	}
	for _, it := range base {
		if d := v.Decision(it.Code); d != nil && !d.Keeps() {
			add(it, d, false)
		}
	}
	if !last.IsZero() {
		out.LastUpdate = last.Format("2006-01-02")
	}
	if fu, err := s.store.FollowUp(ctx, p.ID); err == nil && fu != "" {
		if c, err := s.store.Consultation(ctx, fu); err == nil && c.Status == store.StatusOpen {
			out.FollowUp = "/c/" + fu
		}
	}
	return out, nil
}

// loadPublicPlan reads the plan of the URL for the public pages, or answers 404.
func (s *Server) loadPublicPlan(w http.ResponseWriter, r *http.Request) (*publicPlan, bool) {
	var pp *publicPlan
	id, err := strconv.ParseInt(muxVar(r, "pid"), 10, 64)
	if err != nil {
		err = store.ErrNotFound // an id that is not a number names no plan
	} else {
		pp, err = s.publicPlanOf(r.Context(), id)
	}
	if err != nil {
		s.answerMissing(w, r, err, "plan.not_found")
		return nil, false
	}
	return pp, true
}

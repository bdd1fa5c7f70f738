package web

import (
	"net/http"

	"consulta/internal/plan"
)

// apiPlan is a plan as the API gives it: items with their evidence snapshots, state and history,
// and what the validation round found, every figure from protected counts.
type apiPlan struct {
	*plan.Plan
	Validation *apiValidation `json:"validation,omitempty"`
	Protection string         `json:"protection"`
	// Decisions after the round: every version (drafts too, for staff), with what changed from
	// the plan it started from, and where each item of the validated plan stands.
	Versions []apiVersion            `json:"versions"`
	Status   map[string]*plan.Status `json:"status"`
	FollowUp string                  `json:"followup_consultation,omitempty"`
}

type apiVersion struct {
	*plan.Version
	Changes []plan.Change `json:"changes,omitempty"`
}

type apiValidation struct {
	Adult       *plan.Round       `json:"adult"`
	Child       *plan.Round       `json:"child,omitempty"`
	Divergences []plan.Divergence `json:"divergences"`
	Method      map[string]any    `json:"method"`
}

// apiPlanShow answers GET /api/plans/{pid} for a planner's or admin's cookie or token.
func (s *Server) apiPlanShow(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	res, err := s.planRound(r.Context(), p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := apiPlan{Plan: p, Protection: T("en", "plan.protection", s.k)}
	if res != nil {
		out.Validation = &apiValidation{Adult: res.Adult, Child: res.Child, Divergences: res.Divergences,
			Method: map[string]any{"broad_consensus_share": plan.BroadShare, "min_answers": plan.MinAnswers,
				"divergence_points": plan.DivergencePoints, "alpha": plan.Alpha, "correction": "holm",
				"consensus": "geometric mean over groups of (agree+1)/(asked+2); shares are of those asked"}}
	}
	vs, err := s.store.Versions(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out.Versions = []apiVersion{}
	for _, v := range vs {
		av := apiVersion{Version: v}
		if v.Published() {
			av.Changes = plan.Diff(baseOf(p, vs, v.Number), v.Items, v.Decisions)
		}
		out.Versions = append(out.Versions, av)
	}
	if out.Status, err = s.store.Statuses(r.Context(), p.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if out.FollowUp, err = s.store.FollowUp(r.Context(), p.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

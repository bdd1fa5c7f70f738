package web

import (
	"net/http"

	"consulta/internal/plan"
)

type versionView struct {
	*plan.Version
	Diff []plan.Change
}

type planVersionsPage struct {
	Plan     *plan.Plan
	Versions []versionView // newest first
}

// planVersionsShow lists every version of a plan, newest first, each with what changed from
// the plan it started from (the proposed plan for the first): order, wording, added, dropped.
func (s *Server) planVersionsShow(w http.ResponseWriter, r *http.Request) {
	_, p, ok := s.staffPlan(w, r)
	if !ok {
		return
	}
	vs, err := s.store.Versions(r.Context(), p.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := planVersionsPage{Plan: p}
	for i := len(vs) - 1; i >= 0; i-- {
		v := versionView{Version: vs[i]}
		if v.Published() {
			v.Diff = plan.Diff(baseOf(p, vs, v.Number), v.Items, v.Decisions)
		}
		page.Versions = append(page.Versions, v)
	}
	s.render(w, r, http.StatusOK, "plan_versions", s.view(r, T(pickLanguage(r), "decision.versions"), page))
}

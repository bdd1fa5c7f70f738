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
	Plan        *plan.Plan
	Versions    []versionView // newest first
	Current     []plan.Item   // the last published version's items, for their status
	Statuses    map[string]*plan.Status
	StatusKinds []string
	FollowUp    string
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
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Published() {
			page.Current = vs[i].Items
			break
		}
	}
	if page.Statuses, err = s.store.Statuses(r.Context(), p.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	page.StatusKinds = plan.Statuses
	if page.FollowUp, err = s.store.FollowUp(r.Context(), p.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_versions", s.view(r, T(pickLanguage(r), "decision.versions"), page))
}

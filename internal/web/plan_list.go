package web

import (
	"net/http"

	"consulta/internal/plan"
)

type planListPage struct {
	Plans []*plan.Plan
}

// planList lists the plans of the account's municipalities.
func (s *Server) planList(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, managerRoles...)
	if !ok {
		return
	}
	ps, err := s.store.Plans(r.Context(), u.Municipalities, u.Role == "admin")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_list", s.view(r, T(pickLanguage(r), "plan.plans"), planListPage{Plans: ps}))
}

package web

import "net/http"

// apiPublicPlan is the report back's data (GET /api/public/plans/{pid}): exactly what the
// public page shows, protected shares and reasons, nothing else. Open to everyone.
func (s *Server) apiPublicPlan(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.loadPublicPlan(w, r)
	if !ok {
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, pp)
}

package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

// Handler returns every route of Consulta, with the middleware every request goes through.
func (s *Server) Handler() http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = http.HandlerFunc(s.notFound)

	r.HandleFunc("/healthz", s.healthShow).Methods(http.MethodGet, http.MethodHead)
	r.PathPrefix("/static/").Handler(s.assets).Methods(http.MethodGet, http.MethodHead)

	// Respondents: anyone may answer an open consultation.
	r.HandleFunc("/", s.consultationList).Methods(http.MethodGet)
	r.HandleFunc("/c/{id}", s.surveyShow).Methods(http.MethodGet)
	r.HandleFunc("/c/{id}", limitBody(s.responseCreate)).Methods(http.MethodPost)
	r.HandleFunc("/c/{id}/thanks", s.thanksShow).Methods(http.MethodGet)

	// API: the contract in DESIGN.md.
	r.HandleFunc("/api/consultations/{id}/survey", s.apiSurveyShow).Methods(http.MethodGet)
	r.HandleFunc("/api/consultations/{id}/responses", limitBody(s.apiResponseCreate)).Methods(http.MethodPost)

	return chain(r, s.recoverPanics, s.logRequests, securityHeaders, crossOriginProtection, gzipPages)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "error.not_found")
}

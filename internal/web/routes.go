package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"
)

// Handler returns every route of Consulta, with the middleware every request goes through.
func (s *Server) Handler() http.Handler {
	r := mux.NewRouter()
	s.router = r
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	get, post := http.MethodGet, http.MethodPost

	r.HandleFunc("/healthz", s.healthShow).Methods(get, http.MethodHead)
	r.PathPrefix("/static/").Handler(s.assets).Methods(get, http.MethodHead)
	r.HandleFunc("/sw.js", s.serviceWorkerShow).Methods(get)

	// Respondents: anyone may answer an open consultation.
	r.HandleFunc("/", s.consultationList).Methods(get)
	r.HandleFunc("/c/{id}", s.surveyShow).Methods(get)
	r.HandleFunc("/c/{id}", limitBody(s.responseCreate)).Methods(post)
	r.HandleFunc("/c/{id}/thanks", s.thanksShow).Methods(get)
	r.HandleFunc("/c/{id}/stopped", s.stoppedShow).Methods(get)
	r.HandleFunc("/c/{id}/heard", s.heardShow).Methods(get)

	// Accounts.
	r.HandleFunc("/signin", s.signinShow).Methods(get)
	r.HandleFunc("/signin", limitBody(s.signinCreate)).Methods(post)
	r.HandleFunc("/signout", limitBody(s.signoutCreate)).Methods(post)
	r.HandleFunc("/setup/{token}", s.setupShow).Methods(get)
	r.HandleFunc("/setup/{token}", limitBody(s.setupCreate)).Methods(post)

	// Administration (admins).
	r.HandleFunc("/admin/municipalities", s.municipalityList).Methods(get)
	r.HandleFunc("/admin/municipalities", limitBody(s.municipalityCreate)).Methods(post)
	r.HandleFunc("/admin/users", s.userList).Methods(get)
	r.HandleFunc("/admin/users", limitBody(s.userCreate)).Methods(post)
	r.HandleFunc("/admin/users/{uid:[0-9]+}", s.userShow).Methods(get)
	r.HandleFunc("/admin/users/{uid:[0-9]+}", limitBody(s.userUpdate)).Methods(post)
	r.HandleFunc("/admin/users/{uid:[0-9]+}/password", limitBody(s.userPasswordReset)).Methods(post)
	r.HandleFunc("/admin/audit", s.auditList).Methods(get)

	// Consultations and sessions (staff of the consultation's municipality).
	r.HandleFunc("/consultations", s.consultationStaffList).Methods(get)
	r.HandleFunc("/consultations/new", s.consultationNew).Methods(get)
	r.HandleFunc("/consultations", limitBody(s.consultationCreate)).Methods(post)
	r.HandleFunc("/consultations/{id}", s.consultationShow).Methods(get)
	r.HandleFunc("/consultations/{id}/status", limitBody(s.consultationStatus)).Methods(post)
	r.HandleFunc("/consultations/{id}/targets", limitBody(s.consultationTargets)).Methods(post)
	r.HandleFunc("/consultations/{id}/promise", limitBody(s.promiseUpdate)).Methods(post)
	r.HandleFunc("/consultations/{id}/idle", limitBody(s.consultationIdle)).Methods(post)
	r.HandleFunc("/consultations/{id}/wording", limitBody(s.consultationWordingUpdate)).Methods(post)
	r.HandleFunc("/consultations/{id}/results", s.resultsShow).Methods(get)
	r.HandleFunc("/consultations/{id}/report", s.resultsPrint).Methods(get)
	r.HandleFunc("/consultations/{id}/texts", s.textsShow).Methods(get)
	r.HandleFunc("/consultations/{id}/results.csv", s.resultsCSV).Methods(get)
	r.HandleFunc("/consultations/{id}/results.xlsx", s.resultsXLSX).Methods(get)
	r.HandleFunc("/consultations/{id}/responses.csv", s.responsesExport).Methods(get)
	r.HandleFunc("/consultations/{id}/qr.png", s.consultationQR).Methods(get)
	r.HandleFunc("/consultations/{id}/poster", s.consultationPoster).Methods(get)
	r.HandleFunc("/consultations/{id}/sessions", limitBody(s.sessionCreate)).Methods(post)
	r.HandleFunc("/sessions/{sid}", s.sessionShow).Methods(get)
	r.HandleFunc("/sessions/{sid}/consent", limitBody(s.sessionConsent)).Methods(post)
	r.HandleFunc("/sessions/{sid}/kiosk", limitBody(s.kioskStart)).Methods(post)
	r.HandleFunc("/sessions/{sid}/paper", s.paperShow).Methods(get)
	r.HandleFunc("/sessions/{sid}/paper", limitBody(s.paperCreate)).Methods(post)

	// Surveys: staff see the built-in ones and their municipality's; planners and admins import
	// XLSForm workbooks and save them as surveys of their municipality; anyone on staff downloads
	// a survey as XLSForm. Another municipality's survey is 404.
	r.HandleFunc("/surveys", s.surveyList).Methods(get)
	r.HandleFunc("/surveys", limitUpload(s.surveySave)).Methods(post)
	r.HandleFunc("/surveys/import", s.surveyImportShow).Methods(get)
	r.HandleFunc("/surveys/import", limitUpload(s.surveyImport)).Methods(post)
	r.HandleFunc("/surveys/{sid}", s.surveyDetail).Methods(get)
	r.HandleFunc("/surveys/{sid}/xlsform.xlsx", s.surveyExport).Methods(get)
	r.HandleFunc("/consultations/{id}/xlsform.xlsx", s.consultationXLSForm).Methods(get)
	// Development plans and their validation rounds (planners and admins of the plan's
	// municipality; another municipality's plan is 404). Items change only while a plan is a draft.
	r.HandleFunc("/plans", s.planList).Methods(get)
	r.HandleFunc("/plans/new", s.planNew).Methods(get)
	r.HandleFunc("/plans", limitBody(s.planCreate)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}", s.planShow).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}/edit", s.planEdit).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}", limitBody(s.planUpdate)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/import", s.planImport).Methods(post) // its own 2 MiB limit
	r.HandleFunc("/plans/{pid:[0-9]+}/items/new", s.planItemNew).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}/items", limitBody(s.planItemSave)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/items/{code}", s.planItemShow).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}/items/{code}", limitBody(s.planItemSave)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/items/{code}/delete", limitBody(s.planItemDelete)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/validation", limitBody(s.planValidate)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/survey/{audience}.yaml", s.planSurveyDownload).Methods(get)
	r.HandleFunc("/api/plans/{pid:[0-9]+}", s.apiPlanShow).Methods(get)

	// Decisions about a plan after its validation round, its versions and the status of its
	// items (planners and admins of the plan's municipality; another municipality's plan is
	// 404). A published version never changes; saving decisions after it drafts the next one.
	// The report back (/p/...) is public: only the protected shares and the reasons.
	r.HandleFunc("/plans/{pid:[0-9]+}/decisions", s.planDecisions).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}/decisions", limitBody(s.planDecisionsSave)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/versions", s.planVersionsShow).Methods(get)
	r.HandleFunc("/plans/{pid:[0-9]+}/items/{code}/status", limitBody(s.planStatusSave)).Methods(post)
	r.HandleFunc("/plans/{pid:[0-9]+}/followup", limitBody(s.planFollowUp)).Methods(post)
	r.HandleFunc("/p/{pid:[0-9]+}", s.publicPlan).Methods(get)
	r.HandleFunc("/p/{pid:[0-9]+}/children", s.publicPlanChildren).Methods(get)
	r.HandleFunc("/p/{pid:[0-9]+}/poster", s.publicPlanPoster).Methods(get)
	r.HandleFunc("/api/public/plans/{pid:[0-9]+}", s.apiPublicPlan).Methods(get)

	// Kiosk: the tablet handed from one participant to the next.
	r.HandleFunc("/kiosk/{sid}", s.kioskWelcome).Methods(get)
	r.HandleFunc("/kiosk/{sid}/survey", s.kioskSurvey).Methods(get)
	r.HandleFunc("/kiosk/{sid}/survey", limitBody(s.kioskSubmit)).Methods(post)
	r.HandleFunc("/kiosk/{sid}/thanks", s.kioskThanks).Methods(get)
	r.HandleFunc("/kiosk/{sid}/stopped", s.kioskStopped).Methods(get)
	r.HandleFunc("/kiosk/{sid}/exit", s.kioskExitShow).Methods(get)
	r.HandleFunc("/kiosk/{sid}/exit", limitBody(s.kioskExit)).Methods(post)

	// API: the contract in DESIGN.md.
	r.HandleFunc("/api/consultations/{id}/survey", s.apiSurveyShow).Methods(get, http.MethodHead)
	r.HandleFunc("/api/consultations/{id}/responses", limitBody(s.apiResponseCreate)).Methods(post)
	r.HandleFunc("/api/consultations/{id}/results", s.apiResultsShow).Methods(get)

	return chain(r, s.recoverPanics, s.logRequests, s.securityHeaders, gzipPages, crossOriginProtection,
		rememberLanguage, s.identify, s.kioskLock)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusNotFound, apiError{Error: T(pickLanguage(r), "error.not_found")})
		return
	}
	s.errorPage(w, r, http.StatusNotFound, "error.not_found")
}

// methodNotAllowed says which methods the path takes (Allow), in JSON under /api/ as the contract promises.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if allow := s.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusMethodNotAllowed, apiError{Error: T(pickLanguage(r), "error.method")})
		return
	}
	s.errorPage(w, r, http.StatusMethodNotAllowed, "error.method")
}

// allowed lists the methods some route takes for the request's path.
func (s *Server) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if s.router.Match(probe, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}

// rememberLanguage keeps a language chosen with ?lang= in a cookie for the next pages.
func rememberLanguage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A participant's language on a shared tablet is not remembered for the next one.
		if !strings.HasPrefix(r.URL.Path, "/kiosk/") {
			rememberLang(w, r.URL.Query().Get("lang"))
		}
		next.ServeHTTP(w, r)
	})
}

// rememberLang keeps a chosen language for a year; scripts switch it too, so it is not HttpOnly.
func rememberLang(w http.ResponseWriter, l string) {
	if slices.Contains(languages, l) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			SameSite: http.SameSiteLaxMode})
	}
}

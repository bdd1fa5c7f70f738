package web

import (
	"html/template"
	"net/http"
	"strconv"
)

type publicPlanPage struct {
	*publicPlan
	K         int
	QR        template.URL // data: URL of the QR code (poster)
	Link      string       // the page's public address (poster)
	ChildURL  string       // the children's page
	AdultsURL string       // the adults' page
}

// publicPlan is the report back to adults (GET /p/{pid}?lang=…): item by item "You said → We
// decided → Because", with protected agreement shares, the status of each item and the
// follow-up question. Open to everyone; only a plan with a published version has one.
func (s *Server) publicPlan(w http.ResponseWriter, r *http.Request) {
	s.renderPublicPlan(w, r, "public_plan")
}

// publicPlanChildren is the same report back in children's words (GET /p/{pid}/children).
func (s *Server) publicPlanChildren(w http.ResponseWriter, r *http.Request) {
	s.renderPublicPlan(w, r, "public_plan_child")
}

func (s *Server) renderPublicPlan(w http.ResponseWriter, r *http.Request, view string) {
	pp, ok := s.loadPublicPlan(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	page := s.publicPlanPage(r, pp)
	w.Header().Set("Cache-Control", "no-cache")
	s.render(w, r, http.StatusOK, view, s.view(r, pp.Title.In(lang), page))
}

func (s *Server) publicPlanPage(r *http.Request, pp *publicPlan) *publicPlanPage {
	lang := pickLanguage(r)
	base := s.publicURL
	if base == "" {
		scheme := "http"
		if s.isSecure(r) {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	id := strconv.FormatInt(pp.ID, 10)
	return &publicPlanPage{publicPlan: pp, K: s.k, Link: base + "/p/" + id + "?lang=" + lang,
		AdultsURL: "/p/" + id + "?lang=" + lang, ChildURL: "/p/" + id + "/children?lang=" + lang}
}

// childFace is the face beside a decision on the children's page: happy for a yes, sad for a no.
func childFace(kind string) string {
	switch kind {
	case "dropped", "merged":
		return "2"
	case "kept", "moved_up", "added":
		return "5"
	}
	return "4"
}

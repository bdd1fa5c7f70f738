package web

import (
	"encoding/base64"
	"html/template"
	"net/http"

	"github.com/skip2/go-qrcode"
)

// publicPlanPoster is the report back as a one-page A4 poster (GET /p/{pid}/poster): what was
// decided, item by item in short, and a QR code to the full page. Open to everyone.
func (s *Server) publicPlanPoster(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.loadPublicPlan(w, r)
	if !ok {
		return
	}
	page := s.publicPlanPage(r, pp)
	png, err := qrcode.Encode(page.Link, qrcode.Medium, 320)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	s.render(w, r, http.StatusOK, "public_plan_poster", s.view(r, pp.Title.In(pickLanguage(r)), page))
}

package web

import (
	"net/http"
	"strconv"
)

// serviceWorkerShow serves the offline service worker from the root, so its scope covers the
// kiosk pages; it is never cached long, so a new version reaches tablets on their next visit.
func (s *Server) serviceWorkerShow(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.files["js/sw.js"]
	if !ok {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Service-Worker-Allowed", "/")
	h.Set("Content-Length", strconv.Itoa(len(f.body)))
	w.Write(f.body)
}

package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// consultationIdle changes how long a kiosk tablet waits untouched before it discards an
// unfinished survey (1 to 30 minutes); kiosks already running take it at their next participant.
func (s *Server) consultationIdle(w http.ResponseWriter, r *http.Request) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return
	}
	idle, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("idle_minutes")))
	if err != nil || idle < 1 || idle > 30 {
		s.renderConsultation(w, r, http.StatusUnprocessableEntity, map[string]string{"idle_minutes": T(pickLanguage(r), "staff.idle_range")})
		return
	}
	before := c.IdleSeconds
	c.IdleSeconds = idle * 60
	if err := s.store.UpdateConsultation(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "consultation.idle", c.ID, fmt.Sprintf("%d → %d min", before/60, idle), c.MunicipalityID)
	http.Redirect(w, r, "/consultations/"+c.ID+"#kiosk-idle", http.StatusSeeOther)
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Item 2: every profile question can be answered with "prefer not to say", in every shipped survey.
func TestProfileQuestionsOfferPreferNot(t *testing.T) {
	a := newApp(t)
	for id, sv := range a.surveys {
		for _, q := range sv.Questions {
			if !q.Profile {
				continue
			}
			if q.Choice("prefer_not") == nil {
				t.Errorf("%s: profile question %s has no \"prefer not to say\"", id, q.ID)
			}
		}
	}
}

// Item 3: staff change the kiosk idle time on the consultation page (1–30 min), audited, and
// the kiosk takes it.
func TestIdleTimeChangesOnConsultationPage(t *testing.T) {
	t.Parallel()
	w := newTwoTowns(t, ttOptions{})
	planner := w.signedIn("planner", ttPlannerA)
	page := w.open(planner, "/consultations/"+ttConsA)
	if !strings.Contains(page.body, `action="/consultations/`+ttConsA+`/idle"`) {
		t.Fatal("the consultation page has no form to change the idle time")
	}
	for _, bad := range []string{"0", "31", "x"} {
		if r := w.send(planner, "/consultations/"+ttConsA+"/idle", url.Values{"idle_minutes": {bad}}); r.status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.text(), "entre 1 y 30") {
			t.Errorf("idle %q = %d, want 422 with the range", bad, r.status)
		}
	}
	if r := w.send(planner, "/consultations/"+ttConsA+"/idle", url.Values{"idle_minutes": {"12"}}); r.status != http.StatusSeeOther {
		t.Fatalf("idle 12 = %d", r.status)
	}
	c, err := w.st.Consultation(context.Background(), ttConsA)
	if err != nil || c.IdleSeconds != 12*60 {
		t.Fatalf("idle seconds = %d (%v), want 720", c.IdleSeconds, err)
	}
	if e := w.auditLog()[0]; e.Action != "consultation.idle" || e.Target != ttConsA {
		t.Errorf("last audit entry %+v, want consultation.idle on %s", e, ttConsA)
	}
	tablet := w.signedIn("tablet", ttFacA)
	w.send(tablet, "/sessions/"+ttSesA+"/kiosk", url.Values{"pin": {ttPIN}})
	if is := ktReadIsland(t, w.open(tablet, "/kiosk/"+ttSesA+"/survey").body); is.Kiosk == nil || is.Kiosk.IdleSeconds != 720 {
		t.Errorf("the kiosk island after the change: %+v", is.Kiosk)
	}
}

// Item 11: what the privacy sentences promise is what happens: planners read written messages.
func TestPrivacyWordsSayMessagesAreRead(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	for _, tc := range []struct{ path, want, not string }{
		{"/c/" + childID + "?lang=es", "lo lee el equipo", "solo ve cuántos"},
		{"/c/" + childID + "/thanks?lang=es", "leerá los mensajes escritos", "solo verá"},
		{"/c/" + communityID + "/thanks?lang=es", "lo lee el equipo", "solo verá totales"},
		{"/c/" + communityID + "/thanks?lang=en", "read by the municipality's team", "only see totals"},
	} {
		body := a.get(tc.path).text()
		if !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
			t.Errorf("%s: want %q and not %q", tc.path, tc.want, tc.not)
		}
	}
}

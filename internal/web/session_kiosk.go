package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"net/http"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// sessionCreate records a meeting of a consultation: place, date, facilitator, notes.
func (s *Server) sessionCreate(w http.ResponseWriter, r *http.Request) {
	u, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), staffRoles...)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request", err.Error())
		return
	}
	lang := pickLanguage(r)
	ses := &store.Session{ID: newUUID(), ConsultationID: c.ID, Place: strings.TrimSpace(r.PostForm.Get("place")),
		HeldOn: r.PostForm.Get("held_on"), Facilitator: strings.TrimSpace(r.PostForm.Get("facilitator")),
		Notes: strings.TrimSpace(r.PostForm.Get("notes")), CreatedBy: u.ID}
	errs := map[string]string{}
	if ses.Place == "" || len([]rune(ses.Place)) > 160 {
		errs["place"] = T(lang, "form.required_short", 160)
	}
	if _, err := time.Parse(time.DateOnly, ses.HeldOn); err != nil {
		errs["held_on"] = T(lang, "form.date")
	}
	if len([]rune(ses.Facilitator)) > 80 {
		errs["facilitator"] = T(lang, "form.required_short", 80)
	}
	if len([]rune(ses.Notes)) > 2000 {
		errs["notes"] = T(lang, "form.too_long", 2000)
	}
	if ses.Facilitator == "" {
		ses.Facilitator = u.Name
	}
	if len(errs) > 0 {
		s.renderConsultation(w, r, http.StatusUnprocessableEntity, errs)
		return
	}
	if err := s.store.CreateSession(r.Context(), ses); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "session.create", ses.ID, c.ID+": "+ses.Place+", "+ses.HeldOn, c.MunicipalityID)
	http.Redirect(w, r, "/sessions/"+ses.ID, http.StatusSeeOther)
}

type sessionPage struct {
	Session      *store.Session
	Consultation *store.Consultation
	Survey       *survey.Survey
	Targets      []targetRow
	Total        int
	GridNotes    []string
	Error        string
	Saved        bool
}

// staffSession loads a session whose consultation the account may work on.
func (s *Server) staffSession(w http.ResponseWriter, r *http.Request) (*store.User, *store.Session, *store.Consultation, bool) {
	ses, err := s.store.Session(r.Context(), muxVar(r, "sid"))
	if errors.Is(err, store.ErrNotFound) {
		if _, ok := s.require(w, r, staffRoles...); ok {
			s.notFound(w, r)
		}
		return nil, nil, nil, false
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	u, c, ok := s.staffConsultation(w, r, ses.ConsultationID, staffRoles...)
	return u, ses, c, ok
}

// sessionShow is what the facilitator sees behind the PIN: the count by group × gender against targets.
func (s *Server) sessionShow(w http.ResponseWriter, r *http.Request) {
	s.renderSession(w, r, http.StatusOK, "")
}

func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, status int, msg string) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	p := sessionPage{Session: ses, Consultation: c, Survey: s.surveys[c.SurveyID], Error: msg}
	var err error
	var counts results.Counts
	if p.Targets, p.Total, counts, err = s.progress(r, c.ID, ses.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	p.GridNotes = gridNotes(pickLanguage(r), counts, s.k)
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ses.Responses = results.StaffCounts(d, "", s.k).Sessions[ses.ID]
	s.render(w, r, status, "session", s.view(r, ses.Place, p))
}

// sessionConsent records the facilitator's tick that parents agreed; no names are kept.
func (s *Server) sessionConsent(w http.ResponseWriter, r *http.Request) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	given := r.PostFormValue("parental_consent") == "on"
	if err := s.store.SetParentalConsent(r.Context(), ses.ID, given); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "session.parental_consent", ses.ID, map[bool]string{true: "given", false: "withdrawn"}[given], c.MunicipalityID)
	http.Redirect(w, r, "/sessions/"+ses.ID, http.StatusSeeOther)
}

var pinPattern = regexp.MustCompile(`^[0-9]{4,8}$`)

// kioskStart locks this browser into the session's kiosk until the PIN set here is given.
func (s *Server) kioskStart(w http.ResponseWriter, r *http.Request) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	pin := r.PostFormValue("pin")
	if !pinPattern.MatchString(pin) {
		s.renderSession(w, r, http.StatusUnprocessableEntity, T(lang, "kiosk.pin_rules"))
		return
	}
	if c.Status != store.StatusOpen {
		s.renderSession(w, r, http.StatusConflict, T(lang, "error.closed"))
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.MinCost)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs := s.cookieSession(r)
	cs.Values["kiosk"] = ses.ID
	cs.Values["kpin"] = string(hash)
	cs.Values["kpin_offline"] = offlinePinCheck(ses.ID, pin)
	if err := cs.Save(r, w); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "kiosk.start", ses.ID, c.ID, c.MunicipalityID)
	http.Redirect(w, r, "/kiosk/"+ses.ID, http.StatusSeeOther)
}

// kioskSession is the session this browser is locked into, if any.
func (s *Server) kioskSession(r *http.Request) string {
	v, _ := s.cookieSession(r).Values["kiosk"].(string)
	return v
}

// kioskLock keeps a locked tablet inside its kiosk: every other page leads back to the welcome screen.
func (s *Server) kioskLock(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/static/") || strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/sw.js" {
			next.ServeHTTP(w, r)
			return
		}
		sid := s.kioskSession(r)
		if sid == "" || strings.HasPrefix(p, "/kiosk/"+sid+"/") || p == "/kiosk/"+sid {
			next.ServeHTTP(w, r)
			return
		}
		http.Redirect(w, r, "/kiosk/"+sid, http.StatusSeeOther)
	})
}

// kioskContext loads the session and consultation of a kiosk URL; only the locked browser may use it.
func (s *Server) kioskContext(w http.ResponseWriter, r *http.Request) (*store.Session, *store.Consultation, *survey.Survey, bool) {
	sid := muxVar(r, "sid")
	if s.kioskSession(r) != sid {
		s.errorPage(w, r, http.StatusForbidden, "kiosk.not_started")
		return nil, nil, nil, false
	}
	ses, err := s.store.Session(r.Context(), sid)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	c, err := s.store.Consultation(r.Context(), ses.ConsultationID)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	return ses, c, sv, true
}

type kioskPage struct {
	Session      *store.Session
	Consultation *store.Consultation
	Survey       *survey.Survey
	Lang         string
	Error        string
	// PinCheck lets the exit page check the PIN on the tablet when the server cannot be reached.
	PinCheck string
}

// offlinePinCheck is the salted hash the exit page compares on the tablet; the bcrypt hash
// in the cookie stays the one the server checks.
func offlinePinCheck(sessionID, pin string) string {
	sum := sha256.Sum256([]byte("consulta-kiosk:" + sessionID + ":" + pin))
	return hex.EncodeToString(sum[:])
}

func (s *Server) kioskPinCheck(r *http.Request) string {
	v, _ := s.cookieSession(r).Values["kpin_offline"].(string)
	return v
}

// kioskWelcome is the blank screen each participant starts from.
func (s *Server) kioskWelcome(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	lang := surveyLanguage(r, sv, "")
	v := s.view(r, sv.Title.In(lang), kioskPage{Session: ses, Consultation: c, Survey: sv, Lang: lang})
	s.render(w, r, http.StatusOK, "kiosk_welcome", v)
}

// kioskSurvey is the survey for one participant, tied to the session; it starts blank every time.
func (s *Server) kioskSurvey(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	page := s.buildSurveyPage(c, sv, surveyLanguage(r, sv, ""), nil, nil)
	s.kioskify(page, ses, c)
	s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
}

func (s *Server) kioskify(page *surveyPage, ses *store.Session, c *store.Consultation) {
	page.Session = ses.ID
	page.Action = "/kiosk/" + ses.ID + "/survey"
	page.Island.Session = ses.ID
	page.Island.Thanks = "/kiosk/" + ses.ID + "/thanks"
	page.Island.Stopped = "/kiosk/" + ses.ID + "/stopped"
	page.Island.Kiosk = &kioskIsland{Welcome: "/kiosk/" + ses.ID, IdleSeconds: c.IdleSeconds}
}

// kioskSubmit takes the kiosk survey posted without JavaScript.
func (s *Server) kioskSubmit(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	s.submitForm(w, r, c, sv, store.Kiosk, ses, func(page *surveyPage) { s.kioskify(page, ses, c) }, "/kiosk/"+ses.ID+"/thanks")
}

func (s *Server) kioskThanks(w http.ResponseWriter, r *http.Request) {
	s.kioskPage(w, r, "kiosk_thanks", "thanks.title")
}

// kioskStopped tells a participant who stopped that nothing was kept, then returns to the welcome screen.
func (s *Server) kioskStopped(w http.ResponseWriter, r *http.Request) {
	s.kioskPage(w, r, "stopped", "child.stopped_title")
}

// kioskPage renders a participant's page of the kiosk in the survey's language.
func (s *Server) kioskPage(w http.ResponseWriter, r *http.Request, view, title string) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	lang := surveyLanguage(r, sv, "")
	v := s.view(r, T(lang, title), kioskPage{Session: ses, Consultation: c, Survey: sv, Lang: lang})
	v.Lang = lang
	s.render(w, r, http.StatusOK, view, v)
}

func (s *Server) kioskExitShow(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	page := kioskPage{Session: ses, Consultation: c, Survey: sv, PinCheck: s.kioskPinCheck(r)}
	s.render(w, r, http.StatusOK, "kiosk_exit", s.view(r, T(pickLanguage(r), "kiosk.exit"), page))
}

// kioskExit unlocks the tablet with the facilitator's PIN; failures are slowed like sign-ins.
func (s *Server) kioskExit(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	key := "kiosk:" + ses.ID + ":" + s.clientAddr(r)
	page := kioskPage{Session: ses, Consultation: c, Survey: sv, PinCheck: s.kioskPinCheck(r)}
	if ok, wait := s.signins.attempt(s.now(), key); !ok {
		page.Error = T(lang, "auth.slow_down", int(math.Ceil(wait.Minutes())))
		s.render(w, r, http.StatusTooManyRequests, "kiosk_exit", s.view(r, T(lang, "kiosk.exit"), page))
		return
	}
	cs := s.cookieSession(r)
	hash, _ := cs.Values["kpin"].(string)
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(r.PostFormValue("pin"))) != nil {
		page.Error = T(lang, "kiosk.pin_wrong")
		s.render(w, r, http.StatusUnauthorized, "kiosk_exit", s.view(r, T(lang, "kiosk.exit"), page))
		return
	}
	s.signins.succeed(s.now(), key)
	delete(cs.Values, "kiosk")
	delete(cs.Values, "kpin")
	delete(cs.Values, "kpin_offline")
	if err := cs.Save(r, w); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "kiosk.exit", ses.ID, c.ID, c.MunicipalityID)
	http.Redirect(w, r, "/sessions/"+ses.ID, http.StatusSeeOther)
}

// paperShow is the long form a facilitator types a paper questionnaire into.
func (s *Server) paperShow(w http.ResponseWriter, r *http.Request) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := s.buildSurveyPage(c, sv, surveyLanguage(r, sv, ""), nil, nil)
	paperify(page, ses)
	page.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
}

func paperify(page *surveyPage, ses *store.Session) {
	page.Session = ses.ID
	page.Action = "/sessions/" + ses.ID + "/paper"
	page.Paper = true
}

// paperCreate stores a paper questionnaire with the channel "paper", then offers a blank form.
func (s *Server) paperCreate(w http.ResponseWriter, r *http.Request) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.submitForm(w, r, c, sv, store.Paper, ses, func(page *surveyPage) { paperify(page, ses) }, "/sessions/"+ses.ID+"/paper?saved=1")
}

package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"consulta/internal/auth"
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
		s.badForm(w, r, err)
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
	Targets      []targetRow // this session's own counts
	Total        int
	Progress     []targetRow // the whole consultation against its targets
	ProgressOf   int
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
	s.renderSession(w, r, http.StatusOK, T(pickLanguage(r), sessionProblems[r.URL.Query().Get("problem")]))
}

// sessionProblems are what a refused kiosk start says once the browser is back on the session page.
var sessionProblems = map[string]string{"pin": "kiosk.pin_rules", "closed": "error.closed", "consent": "kiosk.consent_needed"}

func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, status int, msg string) {
	_, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	p := sessionPage{Session: ses, Consultation: c, Survey: s.surveyOf(r.Context(), c.SurveyID), Error: msg}
	var err error
	var counts results.Counts
	if p.Targets, p.Total, counts, err = s.progress(r, c.ID, ses.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Progress, p.ProgressOf, _, err = s.progress(r, c.ID, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	p.GridNotes = gridNotes(pickLanguage(r), counts, s.k)
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ses.Responses = s.staffCounts(d, c.ID, "").Sessions[ses.ID]
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

// kioskStart locks this browser into the session's kiosk until the PIN set here is given. The
// browser's staff sign-in ends here: a locked tablet holds no account, and leaving the kiosk leads
// to the sign-in page. The kiosk gets its own secret, which its offline queue sends with every
// response, so the server can tell this tablet's responses after the consultation closes.
func (s *Server) kioskStart(w http.ResponseWriter, r *http.Request) {
	u, ses, c, ok := s.staffSession(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	pin := r.PostFormValue("pin")
	// Every answer to this POST is a redirect, so Back never offers to send the form again.
	problem := ""
	switch {
	case !pinPattern.MatchString(pin):
		problem = "pin"
	case c.Status != store.StatusOpen:
		problem = "closed"
	case s.isChildSurvey(r.Context(), c.SurveyID) && !ses.ParentalConsent:
		problem = "consent"
	}
	if problem != "" {
		http.Redirect(w, r, "/sessions/"+ses.ID+"?problem="+problem+"&lang="+lang+"#kiosk-h", http.StatusSeeOther)
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.DefaultCost)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := base64.RawURLEncoding.EncodeToString(auth.NewSecret(32))
	if err := s.store.SaveKioskKey(r.Context(), kioskKeyHash(key), ses.ID, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	cs := s.cookieSession(r)
	for k := range cs.Values {
		delete(cs.Values, k)
	}
	cs.Values["kiosk"] = ses.ID
	cs.Values["kcons"] = c.ID
	cs.Values["kpin"] = string(hash)
	cs.Values["kkey"] = key
	cs.Values["kuid"] = u.ID
	if err := cs.Save(r, w); err != nil {
		s.fail(w, r, err)
		return
	}
	s.audit(r, "kiosk.start", ses.ID, c.ID, c.MunicipalityID)
	http.Redirect(w, r, "/kiosk/"+ses.ID, http.StatusSeeOther)
}

// kioskKeyHash is what the database keeps of a kiosk's secret: 256 random bits need no slow hash.
func kioskKeyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// kioskSession is the session this browser is locked into, if any.
func (s *Server) kioskSession(r *http.Request) string {
	v, _ := s.cookieSession(r).Values["kiosk"].(string)
	return v
}

// kioskKey is the secret of the kiosk this browser is locked into, if any.
func (s *Server) kioskKey(r *http.Request) string {
	v, _ := s.cookieSession(r).Values["kkey"].(string)
	return v
}

// kioskLock keeps a locked tablet inside its kiosk, whatever account started it: only what a
// participant needs answers (the kiosk pages, the survey's JSON, the response POST, static files);
// every other page leads back to the welcome screen and every other API call is refused.
func (s *Server) kioskLock(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/static/") || p == "/healthz" || p == "/sw.js" {
			next.ServeHTTP(w, r)
			return
		}
		cs := s.cookieSession(r)
		sid, _ := cs.Values["kiosk"].(string)
		if sid == "" || strings.HasPrefix(p, "/kiosk/"+sid+"/") || p == "/kiosk/"+sid {
			next.ServeHTTP(w, r)
			return
		}
		if cons, _ := cs.Values["kcons"].(string); cons != "" {
			api := "/api/consultations/" + cons
			if (p == api+"/survey" && (r.Method == http.MethodGet || r.Method == http.MethodHead)) ||
				(p == api+"/responses" && r.Method == http.MethodPost) {
				next.ServeHTTP(w, r)
				return
			}
		}
		if strings.HasPrefix(p, "/api/") {
			writeJSON(w, http.StatusForbidden, apiError{Error: T(pickLanguage(r), "security.kiosk_locked")})
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
}

// kioskLanguage is the language of one participant's page on a shared tablet: the one chosen
// in this participant's own links or form, else the survey's default. The tablet's cookie is
// never read, so nothing of the previous participant carries over.
func kioskLanguage(r *http.Request, sv *survey.Survey, posted string) string {
	for _, l := range []string{posted, r.URL.Query().Get("lang")} {
		if sv.HasLanguage(l) {
			return l
		}
	}
	return sv.DefaultLanguage
}

// kioskWelcome is the blank screen each participant starts from.
func (s *Server) kioskWelcome(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	lang := kioskLanguage(r, sv, "")
	v := s.view(r, sv.Title.In(lang), kioskPage{Session: ses, Consultation: c, Survey: sv, Lang: lang})
	v.Lang = lang
	v.Languages = sv.Languages
	s.render(w, r, http.StatusOK, "kiosk_welcome", v)
}

// kioskSurvey is the survey for one participant, tied to the session; it starts blank every time.
func (s *Server) kioskSurvey(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	page := s.buildSurveyPage(c, sv, kioskLanguage(r, sv, ""), nil, nil)
	s.kioskify(page, ses, c, s.kioskKey(r))
	s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
}

// noscriptReset is how long a kiosk survey page stays without JavaScript, which cannot see taps:
// at least the consultation's idle time, and never under ten minutes, so a survey can be finished.
func noscriptReset(c *store.Consultation) int {
	return max(c.IdleSeconds, 600)
}

func (s *Server) kioskify(page *surveyPage, ses *store.Session, c *store.Consultation, key string) {
	page.Session = ses.ID
	page.Action = "/kiosk/" + ses.ID + "/survey"
	page.Island.Session = ses.ID
	page.Island.Thanks = "/kiosk/" + ses.ID + "/thanks"
	page.Island.Stopped = "/kiosk/" + ses.ID + "/stopped"
	page.Island.Kiosk = &kioskIsland{Welcome: "/kiosk/" + ses.ID, IdleSeconds: c.IdleSeconds, Key: key}
	page.ResetAfter = noscriptReset(c)
}

// kioskSubmit takes the kiosk survey posted without JavaScript.
func (s *Server) kioskSubmit(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	key := s.kioskKey(r)
	s.submitForm(w, r, c, sv, store.Kiosk, ses, func(page *surveyPage) { s.kioskify(page, ses, c, key) }, "/kiosk/"+ses.ID+"/thanks")
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
	lang := kioskLanguage(r, sv, "")
	v := s.view(r, T(lang, title), kioskPage{Session: ses, Consultation: c, Survey: sv, Lang: lang})
	v.Lang = lang
	s.render(w, r, http.StatusOK, view, v)
}

// kioskExitShow asks for the PIN. Nothing derived from the PIN is in the page: it is checked on the
// server only, so reading the page (or the tablet's storage) tells nothing about it.
func (s *Server) kioskExitShow(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	page := kioskPage{Session: ses, Consultation: c, Survey: sv}
	s.render(w, r, http.StatusOK, "kiosk_exit", s.view(r, T(pickLanguage(r), "kiosk.exit"), page))
}

// kioskExit unlocks the tablet with the facilitator's PIN, then asks for the staff password: the
// PIN alone never opens a staff page. Wrong PINs are counted per kiosk session, from any address.
func (s *Server) kioskExit(w http.ResponseWriter, r *http.Request) {
	ses, c, sv, ok := s.kioskContext(w, r)
	if !ok {
		return
	}
	lang := pickLanguage(r)
	page := kioskPage{Session: ses, Consultation: c, Survey: sv}
	ticket, wait, err := s.reserveAttempt(r, "kiosk:"+ses.ID, kioskPinWait)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wait > 0 {
		page.Error = waitMessage(lang, wait)
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
	s.releaseAttempt(r, ticket)
	starter, _ := cs.Values["kuid"].(int64)
	for k := range cs.Values {
		delete(cs.Values, k)
	}
	if err := cs.Save(r, w); err != nil {
		s.fail(w, r, err)
		return
	}
	ar := r
	if u, err := s.store.User(r.Context(), starter); err == nil {
		ar = withUser(r, u)
	}
	s.audit(ar, "kiosk.exit", ses.ID, c.ID, c.MunicipalityID)
	http.Redirect(w, r, "/signin?kiosk=left&next="+url.QueryEscape("/sessions/"+ses.ID), http.StatusSeeOther)
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
	if ids := r.URL.Query().Get("left_out"); ids != "" {
		page.LeftOut = leftOutLabels(sv, page.Lang, strings.Split(ids, ","))
	}
	s.render(w, r, http.StatusOK, "survey", s.surveyView(r, page))
}

func paperify(page *surveyPage, ses *store.Session) {
	page.Session = ses.ID
	page.Action = "/sessions/" + ses.ID + "/paper"
	page.Paper = true
	page.Island.Paper = true
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

// isChildSurvey reports whether a consultation's survey is written for children.
func (s *Server) isChildSurvey(ctx context.Context, id string) bool {
	sv, _, ok := s.currentSurvey(ctx, id)
	return ok && sv.Audience == "child"
}

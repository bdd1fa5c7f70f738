package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/sessions"

	"consulta/internal/auth"
	"consulta/internal/store"
)

const (
	cookieName = "consulta"
	// sessionLifetime bounds a sign-in; a facilitator's working day fits in it.
	sessionLifetime = 12 * time.Hour
)

type ctxKey int

const userKey ctxKey = 1

// currentUser is the signed-in account (by cookie or Bearer token), or nil.
func currentUser(r *http.Request) *store.User {
	u, _ := r.Context().Value(userKey).(*store.User)
	return u
}

func newCookieStore(keys [][]byte, secure bool) *sessions.CookieStore {
	cs := sessions.NewCookieStore(keys...)
	cs.Options = &sessions.Options{Path: "/", MaxAge: int(sessionLifetime.Seconds()), HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: secure}
	cs.MaxAge(int(sessionLifetime.Seconds()))
	return cs
}

// isSecure reports whether the browser reached us over TLS, directly or through a trusted proxy.
func (s *Server) isSecure(r *http.Request) bool {
	return r.TLS != nil || s.secureCookies || (s.behindProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

func (s *Server) cookieSession(r *http.Request) *sessions.Session {
	ses, _ := s.cookies.Get(r, cookieName) // a bad or expired cookie gives a new, empty session
	ses.Options.Secure = s.isSecure(r)
	return ses
}

// identify attaches the account of a valid cookie or Bearer token to the request.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		var u *store.User
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			if !strings.HasPrefix(r.URL.Path, "/api/") {
				next.ServeHTTP(w, r)
				return
			}
			found, err := s.store.UserByToken(r.Context(), auth.HashToken(strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))))
			if err != nil {
				writeJSON(w, http.StatusUnauthorized, apiError{Error: T(pickLanguage(r), "auth.bad_token")})
				return
			}
			u = found
		} else if id, ok := s.cookieSession(r).Values["uid"].(int64); ok {
			issued, _ := s.cookieSession(r).Values["at"].(int64)
			if found, err := s.store.User(r.Context(), id); err == nil && !found.Disabled &&
				s.now().Sub(time.Unix(0, issued)) < sessionLifetime && issued > found.SessionsAfter {
				u = found
			}
		}
		if u != nil {
			r = r.WithContext(context.WithValue(r.Context(), userKey, u))
		}
		next.ServeHTTP(w, r)
	})
}

// signIn starts a browser session for u, replacing any previous one.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u *store.User) error {
	ses := s.cookieSession(r)
	for k := range ses.Values {
		delete(ses.Values, k)
	}
	ses.Values["uid"] = u.ID
	ses.Values["at"] = s.now().UnixNano()
	return ses.Save(r, w)
}

// signOut ends the browser session on the server too: a copy of the cookie no longer works.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if u := currentUser(r); u != nil {
		if err := s.store.EndSessions(r.Context(), u.ID); err != nil {
			return err
		}
	}
	ses := s.cookieSession(r)
	ses.Options.MaxAge = -1
	return ses.Save(r, w)
}

// limiter slows repeated sign-in failures per account name and per address.
type limiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
	max      int
	window   time.Duration
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{failures: map[string][]time.Time{}, max: max, window: window}
}

// attempt reserves a try for every key, as if it failed, unless one of them already had max
// failures within the window; then it reports how long until it frees. Reserving before the
// password is checked means guesses sent all at once are counted all the same.
func (l *limiter) attempt(now time.Time, keys ...string) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		recent := l.prune(now, k)
		if len(recent) >= l.max {
			if d := recent[0].Add(l.window).Sub(now); d > wait {
				wait = d
			}
		}
	}
	if wait > 0 {
		return false, wait
	}
	for _, k := range keys {
		l.failures[k] = append(l.failures[k], now)
	}
	return true, 0
}

// succeed takes back the try reserved by attempt: a right password is no failure.
func (l *limiter) succeed(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		ts := l.prune(now, k)
		if len(ts) > 0 {
			l.failures[k] = ts[:len(ts)-1]
		}
	}
}

func (l *limiter) prune(now time.Time, key string) []time.Time {
	ts := l.failures[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, key)
	} else {
		l.failures[key] = ts
	}
	return ts
}

// clientAddr is the address a request came from; behind a trusted proxy, the one the proxy saw.
func (s *Server) clientAddr(r *http.Request) string {
	if s.behindProxy {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			// The proxy appends the address it saw last; earlier ones are the client's to invent.
			parts := strings.Split(fwd, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// errForbidden and errSignIn are what the permission checks return.
var (
	errSignIn    = errors.New("sign in needed")
	errForbidden = errors.New("forbidden")
)

// require checks the signed-in account has one of the roles; it answers and returns false when not.
func (s *Server) require(w http.ResponseWriter, r *http.Request, roles ...string) (*store.User, bool) {
	u := currentUser(r)
	if u == nil {
		s.deny(w, r, errSignIn)
		return nil, false
	}
	for _, role := range roles {
		if u.Role == role {
			return u, true
		}
	}
	s.deny(w, r, errForbidden)
	return nil, false
}

// deny answers 401 (sign in, or redirect a browser to the sign-in page) or 403.
func (s *Server) deny(w http.ResponseWriter, r *http.Request, why error) {
	lang := pickLanguage(r)
	api := strings.HasPrefix(r.URL.Path, "/api/")
	switch {
	case errors.Is(why, errSignIn) && api:
		writeJSON(w, http.StatusUnauthorized, apiError{Error: T(lang, "auth.needed")})
	case errors.Is(why, errSignIn) && r.Method == http.MethodGet:
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	case errors.Is(why, errSignIn):
		s.errorPage(w, r, http.StatusUnauthorized, "auth.needed")
	case api:
		writeJSON(w, http.StatusForbidden, apiError{Error: T(lang, "auth.forbidden")})
	default:
		s.errorPage(w, r, http.StatusForbidden, "auth.forbidden")
	}
}

// staffConsultation loads a consultation the signed-in account may work on, or answers 404/403.
// Another municipality's consultation is 404, so its existence is not revealed.
func (s *Server) staffConsultation(w http.ResponseWriter, r *http.Request, id string, roles ...string) (*store.User, *store.Consultation, bool) {
	u, ok := s.require(w, r, roles...)
	if !ok {
		return nil, nil, false
	}
	c, err := s.store.Consultation(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !u.CanSee(c.MunicipalityID)) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSON(w, http.StatusNotFound, apiError{Error: T(pickLanguage(r), "error.consultation_not_found", clip(id))})
		} else {
			s.notFound(w, r)
		}
		return nil, nil, false
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, false
	}
	return u, c, true
}

// audit records an administrative action; a failure to record is logged, never hidden.
func (s *Server) audit(r *http.Request, action, target, detail string, municipality int64) {
	e := store.AuditEntry{Action: action, Target: target, Detail: detail, MunicipalityID: municipality, UserName: "-"}
	if u := currentUser(r); u != nil {
		e.UserID, e.UserName = u.ID, u.Name
	}
	if err := s.store.Audit(r.Context(), e); err != nil {
		s.log.Error("audit", "action", action, "err", err)
	}
}

// withUser returns r acting as u, for what happens right after an account is created.
func withUser(r *http.Request, u *store.User) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), userKey, u))
}

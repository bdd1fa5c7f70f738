package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
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

// clientAddr is the address a request came from. Behind --trusted-proxies N, it is the address the
// outermost of those N proxies saw: the N-th of X-Forwarded-For counted from the end, each proxy
// having appended the address it was reached from. Entries before it are the client's to invent,
// and without trusted proxies the header is not believed at all.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if s.trustedProxies <= 0 {
		return host
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			if part = strings.TrimSpace(part); part != "" {
				hops = append(hops, part)
			}
		}
	}
	// The connection itself is the last hop: the nearest proxy.
	hops = append(hops, host)
	i := len(hops) - 1 - s.trustedProxies
	if i < 0 {
		// Fewer hops than proxies: the request did not come through all of them.
		return host
	}
	if ip := net.ParseIP(strings.Trim(hops[i], "[]")); ip != nil {
		return ip.String()
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
	if errors.Is(why, errSignIn) && !isAPI(r) && r.Method == http.MethodGet {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.answer(w, r, why, errSignIn, errForbidden)
}

// staffConsultation loads a consultation the signed-in account may work on, or answers 404/403.
// Another municipality's consultation is 404 whatever the account's role, so its existence is not
// revealed; 403 is only for the account's own municipality.
func (s *Server) staffConsultation(w http.ResponseWriter, r *http.Request, id string, roles ...string) (*store.User, *store.Consultation, bool) {
	u, ok := s.require(w, r, staffRoles...)
	if !ok {
		return nil, nil, false
	}
	c, err := s.store.Consultation(r.Context(), id)
	if err == nil && !u.CanSee(c.MunicipalityID) {
		err = store.ErrNotFound
	}
	if err != nil {
		s.answerMissing(w, r, err, "error.consultation_not_found", clip(id))
		return nil, nil, false
	}
	if !slices.Contains(roles, u.Role) {
		s.deny(w, r, errForbidden)
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

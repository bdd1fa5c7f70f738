package web

import (
	"math"
	"net/http"
	"time"

	"consulta/internal/store"
)

// Failed sign-ins and kiosk PINs are kept in the database (store.ReserveAttempt), not in this
// process, so several instances behind one load balancer would count the same failures.
const (
	attemptWindow = 15 * time.Minute
	// pairLimit failures of one account from one address, and addrLimit from one address for any
	// accounts, refuse that address for the rest of the window.
	pairLimit = 5
	addrLimit = 20
	// accountCalm failures of an account from anywhere start its progressive slow-down: each more
	// failure doubles the pause an address that has failed on it must keep, from accountPause.
	accountCalm  = 3
	accountPause = time.Second
	// kioskLimit wrong PINs of one kiosk session, from any address, lock its exit for the window.
	kioskLimit = 10
)

// signinWait is how long an attempt on an account from an address must wait. An address that has
// not failed on the account (and is under its own limit) is never made to wait, however many
// failures the account has from elsewhere, so nobody can keep the rightful owner out.
func signinWait(now time.Time, f store.Failures) time.Duration {
	wait := limitWait(now, f.Pair, pairLimit)
	wait = max(wait, limitWait(now, f.Addr, addrLimit))
	if len(f.Pair) > 0 && len(f.Account) >= accountCalm {
		pause := min(accountPause<<min(len(f.Account)-accountCalm, 20), attemptWindow)
		wait = max(wait, f.Account[len(f.Account)-1].Add(pause).Sub(now))
	}
	return wait
}

// kioskPinWait counts wrong PINs per kiosk session, whatever address they come from.
func kioskPinWait(now time.Time, f store.Failures) time.Duration {
	return limitWait(now, f.Account, kioskLimit)
}

// limitWait is how long until fewer than limit of the failures (oldest first) are in the window.
func limitWait(now time.Time, failures []time.Time, limit int) time.Duration {
	if len(failures) < limit {
		return 0
	}
	return max(failures[len(failures)-limit].Add(attemptWindow).Sub(now), 0)
}

// reserveAttempt counts an attempt on account from the request's address as a failure unless rule
// says it must wait; releaseAttempt takes it back when it succeeds.
func (s *Server) reserveAttempt(r *http.Request, account string, rule func(time.Time, store.Failures) time.Duration) (int64, time.Duration, error) {
	now := s.now()
	return s.store.ReserveAttempt(r.Context(), now, now.Add(-attemptWindow), account, s.clientAddr(r),
		func(f store.Failures) time.Duration { return rule(now, f) })
}

func (s *Server) releaseAttempt(r *http.Request, ticket int64) {
	if err := s.store.ReleaseAttempt(r.Context(), ticket); err != nil {
		s.log.Error("release attempt", "err", err)
	}
}

// waitMessage says how long to wait, in seconds under two minutes and in minutes beyond.
func waitMessage(lang string, wait time.Duration) string {
	if wait < 2*time.Minute {
		return T(lang, "security.wait_seconds", int(math.Ceil(wait.Seconds())))
	}
	return T(lang, "auth.slow_down", int(math.Ceil(wait.Minutes())))
}

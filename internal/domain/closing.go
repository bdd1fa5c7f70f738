package domain

import "time"

// DefaultKioskGrace is how long after closing a consultation takes its kiosks' queued responses.
const DefaultKioskGrace = 14 * 24 * time.Hour

// Late is what the closed-consultation rule decides for a response to a consultation that is not open.
type Late int

// What may happen to a late response.
const (
	// LateRefused: the consultation is a draft, or closed and the response is from no session.
	LateRefused Late = iota
	// LateGraceOver: closed longer ago than the grace period.
	LateGraceOver
	// LateNeedsKioskKey: from a session's kiosk within the grace period; accepted only with
	// that kiosk's own secret, since a session id alone (kiosk URLs show it) is not enough.
	LateNeedsKioskKey
	// LateAccepted: a paper questionnaire typed in by staff within the grace period.
	LateAccepted
)

// AfterClosing applies the closed-consultation rule: a response taken in one of the consultation's
// sessions is still accepted for a grace period after closing, so an offline tablet loses nothing.
func AfterClosing(status Status, closedAt, now time.Time, grace time.Duration, inSession bool, ch Channel) Late {
	switch {
	case status != Closed || !inSession:
		return LateRefused
	case now.After(closedAt.Add(grace)):
		return LateGraceOver
	case ch == Paper:
		return LateAccepted
	}
	return LateNeedsKioskKey
}

// GraceDays is the grace period in whole days, as pages and messages state it.
func GraceDays(d time.Duration) int { return int((d + 24*time.Hour - 1) / (24 * time.Hour)) }

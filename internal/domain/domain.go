// Package domain is Consulta's vocabulary: typed statuses, roles and channels, the profile
// dimensions table and the rules on them. It imports nothing of the app and holds no words.
package domain

import (
	"errors"
	"slices"
	"strings"
)

// ErrInvalid is wrapped by every Validate error; the caller maps it to its own message.
var ErrInvalid = errors.New("domain: invalid value")

func invalid(what, v string) error { return &invalidError{what: what, value: v} }

// oneOf is the Validate of every closed vocabulary: nil when v is one of known, otherwise an
// error naming what v was meant to be.
func oneOf[T ~string](what string, v T, known []T) error {
	if slices.Contains(known, v) {
		return nil
	}
	return invalid(what, string(v))
}

type invalidError struct{ what, value string }

func (e *invalidError) Error() string { return "invalid " + e.what + " " + `"` + e.value + `"` }
func (e *invalidError) Unwrap() error { return ErrInvalid }

// Status is where a consultation is in its life: draft, open or closed.
type Status string

// Consultation statuses.
const (
	Draft  Status = "draft"
	Open   Status = "open"
	Closed Status = "closed"
)

// Statuses lists every status, in the order a consultation goes through them.
var Statuses = []Status{Draft, Open, Closed}

// Validate reports whether s is a known status.
func (s Status) Validate() error { return oneOf("status", s, Statuses) }

// Role is what an account may do.
type Role string

// Roles an account can have.
const (
	Admin       Role = "admin"
	Planner     Role = "planner"
	Facilitator Role = "facilitator"
)

// Roles lists every role, for forms and validation.
var Roles = []Role{Admin, Planner, Facilitator}

// Validate reports whether r is a known role.
func (r Role) Validate() error { return oneOf("role", r, Roles) }

// Channel is how a response arrived.
type Channel string

// Channels a response can arrive by.
const (
	Link  Channel = "link"
	Kiosk Channel = "kiosk"
	Paper Channel = "paper"
)

// Channels lists every channel.
var Channels = []Channel{Link, Kiosk, Paper}

// Validate reports whether c is a known channel.
func (c Channel) Validate() error { return oneOf("channel", c, Channels) }

// Account names are 3 to 64 bytes with no spaces or quotes: they appear in audit lines and URLs.
const (
	AccountNameMin = 3
	AccountNameMax = 64
)

// ValidateAccountName applies the one account-name rule that the web forms and the CLI share.
func ValidateAccountName(name string) error {
	if len(name) < AccountNameMin || len(name) > AccountNameMax || strings.ContainsAny(name, " \t\r\n<>\"'") {
		return invalid("account name", name)
	}
	return nil
}

package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestConsultationToAnswer(t *testing.T) { forEachDialect(t, testConsultationToAnswer) }

// testConsultationToAnswer: a closing through the same store counts at once, one through another
// instance within openFor, and a consultation that is not open is never taken from memory.
func testConsultationToAnswer(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	other, err := Open(at)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	status := func(want string) {
		t.Helper()
		c, err := f.st.ConsultationToAnswer(ctx, "c1")
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != want {
			t.Fatalf("status %q, want %q", c.Status, want)
		}
	}
	set := func(st *Store, to string) {
		t.Helper()
		if err := st.SetStatus(ctx, "c1", to); err != nil {
			t.Fatal(err)
		}
	}
	status(StatusOpen)
	set(f.st, StatusClosed)
	status(StatusClosed)
	set(other, StatusOpen)
	status(StatusOpen)
	set(other, StatusClosed)
	time.Sleep(openFor)
	status(StatusClosed)
	set(other, StatusDraft)
	status(StatusDraft)
	if _, err := f.st.ConsultationToAnswer(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown consultation: %v, want ErrNotFound", err)
	}
}

func TestSessionConsultation(t *testing.T) {
	forEachDialect(t, func(t *testing.T, at string) {
		f := newFixtureAt(t, at)
		ctx := context.Background()
		if err := f.st.CreateSession(ctx, &Session{ID: "s1", ConsultationID: "c1", Place: "Upala", HeldOn: "2026-12-01"}); err != nil {
			t.Fatal(err)
		}
		if got, err := f.st.SessionConsultation(ctx, "s1"); err != nil || got != "c1" {
			t.Errorf("SessionConsultation(s1) = %q, %v; want c1", got, err)
		}
		if _, err := f.st.SessionConsultation(ctx, "s2"); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown session: %v, want ErrNotFound", err)
		}
	})
}

package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestRawResponsesStreamsInReceivedOrder(t *testing.T) {
	forEachDialect(t, testRawResponsesStreamsInReceivedOrder)
}

func testRawResponsesStreamsInReceivedOrder(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	if err := f.st.CreateSession(ctx, &Session{ID: "s1", ConsultationID: "c1", Place: "Upala", HeldOn: "2025-03-01"}); err != nil {
		t.Fatal(err)
	}
	c1, err := f.st.Consultation(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.CreateConsultation(ctx, &Consultation{ID: "c2", MunicipalityID: c1.MunicipalityID, SurveyID: f.sv.ID,
		Title: "Otra", Status: StatusOpen}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 3, 1, 15, 0, 0, 0, time.UTC)

	// Stored first, received later.
	late := f.response("a0000000-0000-4000-8000-000000000001", fullAnswers())
	late.ReceivedAt = day.Add(26 * time.Hour)
	// Stored second, received earlier, in a session, with a skipped question and a formula-looking text.
	early := fullAnswers()
	delete(early, "fruit")
	early["say"] = "=HYPERLINK(\"http://x\")"
	first := f.response("a0000000-0000-4000-8000-000000000002", early)
	first.ReceivedAt, first.SessionID, first.Channel = day, "s1", Kiosk
	// Another consultation's response never appears.
	other := f.response("a0000000-0000-4000-8000-000000000003", fullAnswers())
	other.ConsultationID = "c2"
	for _, r := range []*Response{late, first, other} {
		if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
			t.Fatalf("SaveResponse %s: %v", r.ID, err)
		}
	}

	collect := func(includeText bool) []RawResponse {
		t.Helper()
		var got []RawResponse
		if err := f.st.RawResponses(ctx, "c1", includeText, func(r RawResponse) error {
			got = append(got, r)
			return nil
		}); err != nil {
			t.Fatalf("RawResponses: %v", err)
		}
		return got
	}

	got := collect(false)
	if len(got) != 2 {
		t.Fatalf("got %d responses, want 2 (c1 only)", len(got))
	}
	a, b := got[0], got[1]
	if a.Number != 1 || b.Number != 2 {
		t.Errorf("numbers = %d, %d; want 1, 2", a.Number, b.Number)
	}
	if !a.Received.Equal(day) || a.Session != "s1" || a.Channel != Kiosk || b.Channel != Link || b.Session != "" {
		t.Errorf("first = %v %q %q, second = %v %q %q; want the earlier, kiosk response first",
			a.Received, a.Channel, a.Session, b.Received, b.Channel, b.Session)
	}
	if a.Group != "refugee" || a.Gender != "female" || a.AgeBand != "age_30_59" || a.Disability != "with_disability" ||
		a.Language != "es" || a.Version != f.sv.Version {
		t.Errorf("profile = %+v", a)
	}
	if vs, asked := a.Answers["fruit"]; !asked || len(vs) != 0 {
		t.Errorf("skipped fruit = %q, %v; want asked with no value", vs, asked)
	}
	if b.Answers["fruit"][0] != "papaya" {
		t.Errorf("fruit = %q, want papaya", b.Answers["fruit"])
	}
	checks := map[string][]string{
		"order": {"banana", "mango", "guava"}, "fruits": {"mango", "guava"},
		"people": {"6"}, "mood": {"4"}, "agree": {"yes"}, "refuse": {"no"}, "wg_walking": {"a_lot"},
	}
	for q, want := range checks {
		if !slices.Equal(b.Answers[q], want) {
			t.Errorf("%s = %q, want %q", q, b.Answers[q], want)
		}
	}
	if len(a.Answers["say"]) != 0 || len(b.Answers["say"]) != 0 {
		t.Errorf("free text read without being asked for: %q, %q", a.Answers["say"], b.Answers["say"])
	}

	withText := collect(true)
	if !slices.Equal(withText[0].Answers["say"], []string{"=HYPERLINK(\"http://x\")"}) ||
		!slices.Equal(withText[1].Answers["say"], []string{"Más luz en la calle"}) {
		t.Errorf("text = %q, %q", withText[0].Answers["say"], withText[1].Answers["say"])
	}

	// A response stored before answers were packed, its answers rows of the answers table, reads
	// the same, beside packed ones (SQLite: the databases filled before are SQLite files).
	if !IsPostgres(at) {
		_, packedRows, err := f.st.StoredResponse(ctx, late.ID)
		if err != nil {
			t.Fatal(err)
		}
		unpackIntoTable(t, f.st, `id = '`+late.ID+`'`)
		if n := count(t, readOnly(t, f.path), `SELECT count(*) FROM answers`); n != 2+20 {
			t.Errorf("answers table holds %d rows, want the packed response's text and the other's 20 rows", n)
		}
		if again := collect(true); !reflect.DeepEqual(again, withText) {
			t.Errorf("raw export with one response unpacked:\n%+v\nwant\n%+v", again, withText)
		}
		if again := collect(false); !reflect.DeepEqual(again, got) {
			t.Errorf("raw export without texts, one response unpacked:\n%+v\nwant\n%+v", again, got)
		}
		if _, rows, err := f.st.StoredResponse(ctx, late.ID); err != nil || !reflect.DeepEqual(rows, packedRows) {
			t.Errorf("StoredResponse unpacked = %+v (%v), packed %+v", rows, err, packedRows)
		}
	}

	// An error from fn stops the stream and comes back.
	stop := errors.New("stop")
	calls := 0
	err = f.st.RawResponses(ctx, "c1", false, func(RawResponse) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("RawResponses with a failing fn = %v after %d calls; want stop after 1", err, calls)
	}

	// No responses: fn is never called.
	if err := f.st.RawResponses(ctx, "c2-none", false, func(RawResponse) error { t.Error("called"); return nil }); err != nil {
		t.Error(err)
	}
}

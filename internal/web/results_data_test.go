package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"consulta/internal/demo"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/surveys"
)

// demoStore is a store holding the demo consultations (2,000 synthetic responses each).
func demoStore(t testing.TB) (*store.Store, map[string]*survey.Survey) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if problems != nil {
		t.Fatal(problems)
	}
	byID := map[string]*survey.Survey{}
	ctx := context.Background()
	for _, sv := range loaded {
		byID[sv.ID] = sv
		if err := st.SaveSurvey(ctx, sv); err != nil {
			t.Fatal(err)
		}
	}
	if err := demo.Load(ctx, st, byID, time.Now()); err != nil {
		t.Fatal(err)
	}
	return st, byID
}

// addResponse stores one link response to the community demo with only a profile answered.
func addResponse(t testing.TB, st *store.Store, sv *survey.Survey, id, group, gender, ageBand string) {
	t.Helper()
	a := survey.Answers{"group": group, "gender": gender, "age_band": ageBand}
	r := &store.Response{ID: id, ConsultationID: demo.Community, SurveyVersion: sv.Version, Language: "es",
		Channel: store.Link, Profile: survey.ProfileOf(a), Answers: a}
	if _, err := st.SaveResponse(context.Background(), r, sv); err != nil {
		t.Fatal(err)
	}
}

// TestResultsLoadLazilyAndAreForgotten: nothing is in memory before a consultation is read, and
// past the bound the least recently read is forgotten, then read again when asked for.
func TestResultsLoadLazilyAndAreForgotten(t *testing.T) {
	st, _ := demoStore(t)
	ctx := context.Background()
	mid, err := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := st.CreateConsultation(ctx, &store.Consultation{ID: fmt.Sprintf("old-%d", i), MunicipalityID: mid,
			SurveyID: "community-consultation", Title: "Antigua", Status: store.StatusClosed}); err != nil {
			t.Fatal(err)
		}
	}
	s := &Server{store: st, now: time.Now, data: datasets{kept: 2}}
	if got := s.resident(); len(got) != 0 {
		t.Fatalf("in memory before any read: %v", got)
	}
	read := func(id string) *results.Dataset {
		t.Helper()
		d, err := s.dataset(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	first := read(demo.Community)
	read(demo.Child)
	if got := s.resident(); !slices.Equal(got, []string{demo.Child, demo.Community}) {
		t.Errorf("after two reads: %v", got)
	}
	read(demo.Community) // now the most recent: the child consultation goes first
	read("old-0")
	if got := s.resident(); !slices.Equal(got, []string{demo.Community, "old-0"}) {
		t.Errorf("after a third consultation with room for two: %v", got)
	}
	read("old-1")
	read("old-2")
	if got := s.resident(); len(got) != 2 {
		t.Errorf("in memory after five consultations with room for two: %v", got)
	}
	again := read(demo.Community)
	if again == first || again.Len() != demo.Responses {
		t.Errorf("a forgotten consultation read again: same object %v, %d responses", again == first, again.Len())
	}
}

// TestResultsStalenessIsBounded: within ResultsEvery a new response may not show yet; after it,
// the next read shows every response stored; with 0 every read is current.
func TestResultsStalenessIsBounded(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	sv := byID["community-consultation"]
	clock := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	s := &Server{store: st, now: func() time.Time { return clock }, data: datasets{every: 5 * time.Second}}
	current := &Server{store: st, now: time.Now}
	add := func(id string) { t.Helper(); addResponse(t, st, sv, id, "host", "female", "age_30_59") }
	n := func(s *Server) int {
		t.Helper()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			t.Fatal(err)
		}
		return d.Len()
	}
	if got := n(s); got != demo.Responses {
		t.Fatalf("first read: %d responses, want %d", got, demo.Responses)
	}
	add("late-1")
	clock = clock.Add(4 * time.Second)
	if got := n(s); got != demo.Responses {
		t.Errorf("4 s later: %d responses; within 5 s the counts read are kept", got)
	}
	if got := n(current); got != demo.Responses+1 {
		t.Errorf("with no staleness allowed: %d responses, want %d", got, demo.Responses+1)
	}
	clock = clock.Add(1 * time.Second)
	if got := n(s); got != demo.Responses+1 {
		t.Errorf("5 s later: %d responses, want %d", got, demo.Responses+1)
	}
	clock = clock.Add(time.Minute)
	if got := n(s); got != demo.Responses+1 {
		t.Errorf("a minute later with nothing new: %d responses, want %d", got, demo.Responses+1)
	}
	add("late-2")
	clock = clock.Add(5 * time.Second)
	if got := n(s); got != demo.Responses+2 {
		t.Errorf("after a second response and 5 s: %d responses, want %d", got, demo.Responses+2)
	}
}

// TestReportKeptUpToDate: concurrent requests for one report get one report; after new responses
// the report brought up to date is the one counted from scratch, for every kind of filter; a
// consultation forgotten and read again is counted anew, not added to what was counted before.
func TestReportKeptUpToDate(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	sv := byID["community-consultation"]
	s := &Server{store: st, now: time.Now}
	filters := []results.Filter{{}, {Channel: store.Link}, {Dimension: results.ByGroup, Value: "returnee"},
		{From: "2026-01-01", To: time.Now().Format(time.DateOnly)}}
	read := func() *results.Dataset {
		t.Helper()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := read()
	got := make([]*results.Report, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = s.aggregate(d, sv, demo.Community, results.Filter{}) })
	}
	wg.Wait()
	for _, r := range got {
		if r != got[0] {
			t.Fatal("concurrent requests for one report got different reports")
		}
	}
	before := make([]string, len(filters))
	for i, f := range filters {
		before[i] = reportJSON(t, s.aggregate(d, sv, demo.Community, f))
	}

	// Forty-three answered responses: eight whole blocks of five are counted, three wait.
	for i := range 43 {
		a := survey.Answers{"group": []string{"host", "displaced", "returnee"}[i%3], "gender": []string{"female", "male"}[i%2],
			"age_band": "age_30_59"}
		for _, q := range sv.Questions {
			if q.Type == survey.SelectOne && !q.Profile && q.Relevant == "" {
				a[q.ID] = q.Choices[i%len(q.Choices)].ID
			}
		}
		r := &store.Response{ID: fmt.Sprintf("kept-%d", i), ConsultationID: demo.Community, SurveyVersion: sv.Version,
			Language: "es", Channel: store.Link, Profile: survey.ProfileOf(a), Answers: a}
		if _, err := st.SaveResponse(ctx, r, sv); err != nil {
			t.Fatal(err)
		}
	}
	d = read()
	if d.Len() != demo.Responses+43 {
		t.Fatalf("the dataset holds %d responses, want %d", d.Len(), demo.Responses+43)
	}
	for i, f := range filters {
		kept := reportJSON(t, s.aggregate(d, sv, demo.Community, f))
		if fresh := reportJSON(t, results.Aggregate(d, sv, demo.Community, f, s.k)); kept != fresh {
			t.Fatalf("filter %+v: the report kept up to date differs from the one counted from scratch", f)
		}
		if f == (results.Filter{}) && kept == before[i] {
			t.Fatal("forty new responses changed nothing in the report")
		}
	}

	s.data.mu.Lock()
	delete(s.data.m, demo.Community) // forgotten, as past the bound of consultations kept
	s.data.mu.Unlock()
	again := read()
	if again == d {
		t.Fatal("the consultation was not read again")
	}
	for _, f := range filters {
		if kept, fresh := reportJSON(t, s.aggregate(again, sv, demo.Community, f)),
			reportJSON(t, results.Aggregate(again, sv, demo.Community, f, s.k)); kept != fresh {
			t.Fatalf("filter %+v: after reading the consultation again the report is not the one counted from scratch", f)
		}
	}
}

func reportJSON(t *testing.T, rep *results.Report) string {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestResultsJSONKeptEncoded: the kept encoding of a report, plain or gzipped, is byte for byte
// what encoding the report afresh gives, per language, and a new report is encoded anew.
func TestResultsJSONKeptEncoded(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	s := &Server{store: st, now: time.Now}
	d, err := s.dataset(ctx, demo.Community)
	if err != nil {
		t.Fatal(err)
	}
	sv := byID["community-consultation"]
	rep := s.aggregate(d, sv, demo.Community, results.Filter{})
	for _, lang := range []string{"es", "en", "pt"} {
		kept := s.reportJSON.get(rep, lang)
		fresh := encodeReport(results.Aggregate(d, sv, demo.Community, results.Filter{}, s.k), lang)
		if !bytes.Equal(kept.plain, fresh.plain) {
			t.Fatalf("%s: the kept JSON differs from a fresh encoding", lang)
		}
		zr, err := gzip.NewReader(bytes.NewReader(kept.gz))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(unzipped, fresh.plain) {
			t.Fatalf("%s: the gzipped JSON does not unzip to the plain one (%v)", lang, err)
		}
		if again := s.reportJSON.get(rep, lang); again != kept {
			t.Fatalf("%s: the encoding was made again for the same report", lang)
		}
	}
	if es, en := s.reportJSON.get(rep, "es"), s.reportJSON.get(rep, "en"); bytes.Equal(es.plain, en.plain) {
		t.Fatal("Spanish and English JSON are the same: the protection sentence is not in the reader's language")
	}
	other := s.aggregate(d, sv, demo.Community, results.Filter{Channel: store.Kiosk})
	if bytes.Equal(s.reportJSON.get(other, "es").plain, s.reportJSON.get(rep, "es").plain) {
		t.Fatal("a filtered report was served the unfiltered report's JSON")
	}
}

// TestSlowReportsRefreshLessOften: with a staleness bound, a consultation whose report took long
// to make is refreshed no more often than ten times that long; with 0 every read stays current.
func TestSlowReportsRefreshLessOften(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	sv := byID["community-consultation"]
	clock := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	s := &Server{store: st, now: func() time.Time { return clock }, data: datasets{every: 5 * time.Second}}
	n := func() int {
		t.Helper()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			t.Fatal(err)
		}
		return d.Len()
	}
	n()
	s.reportCost(demo.Community, 3*time.Second) // as if the report had taken 3 s
	a := survey.Answers{"group": "host", "gender": "female", "age_band": "age_30_59"}
	if _, err := st.SaveResponse(ctx, &store.Response{ID: "slow-1", ConsultationID: demo.Community, SurveyVersion: sv.Version,
		Language: "es", Channel: store.Link, Profile: survey.ProfileOf(a), Answers: a}, sv); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(29 * time.Second)
	if got := n(); got != demo.Responses {
		t.Errorf("29 s after a 3 s report: %d responses; the counts read are kept for 30 s", got)
	}
	clock = clock.Add(time.Second)
	if got := n(); got != demo.Responses+1 {
		t.Errorf("30 s after a 3 s report: %d responses, want %d", got, demo.Responses+1)
	}
}

// TestStaffCountsFollowNewResponses: the staff counts kept per state of the data are the counts of
// that state: after new responses the grids read the new counts, never the kept ones.
func TestStaffCountsFollowNewResponses(t *testing.T) {
	st, byID := demoStore(t)
	ctx := context.Background()
	sv := byID["community-consultation"]
	s := &Server{store: st, now: time.Now}
	counts := func() (results.Counts, results.Counts) {
		t.Helper()
		d, err := s.dataset(ctx, demo.Community)
		if err != nil {
			t.Fatal(err)
		}
		return s.staffCounts(d, demo.Community, ""), results.StaffCounts(d, "", s.k)
	}
	before, fresh := counts()
	if before.Total != fresh.Total || before.Total < demo.Responses-10 {
		t.Fatalf("kept total %d, fresh %d, for %d responses", before.Total, fresh.Total, demo.Responses)
	}
	for i := range 40 {
		addResponse(t, st, sv, fmt.Sprintf("late-%d", i), "returnee", "female", "age_30_59")
	}
	after, fresh := counts()
	if after.Rows["returnee"] != fresh.Rows["returnee"] || after.Total != fresh.Total {
		t.Errorf("after 40 new responses the kept counts read %d returnees of %d, fresh counts %d of %d",
			after.Rows["returnee"], after.Total, fresh.Rows["returnee"], fresh.Total)
	}
	if after.Rows["returnee"] < before.Rows["returnee"]+30 {
		t.Errorf("40 new returnees moved the returnee count from %d to %d", before.Rows["returnee"], after.Rows["returnee"])
	}
}

// TestResultsKeptFreshInTheBackground: a consultation in memory takes in new responses without
// any request asking, so the first results after many new responses pay only for the report; a
// consultation never opened is not read.
func TestResultsKeptFreshInTheBackground(t *testing.T) {
	st, byID := demoStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sv := byID["community-consultation"]
	s := &Server{store: st, now: time.Now, data: datasets{every: 20 * time.Millisecond}}
	d, err := s.dataset(ctx, demo.Community)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != demo.Responses {
		t.Fatalf("first read: %d responses, want %d", d.Len(), demo.Responses)
	}
	done := make(chan struct{})
	go func() { s.KeepResultsFresh(ctx); close(done) }()
	for i := range 3 {
		addResponse(t, st, sv, fmt.Sprintf("background-%d", i), "refugee", "male", "age_18_29")
	}
	held := func() int {
		s.data.mu.Lock()
		e := s.data.m[demo.Community]
		s.data.mu.Unlock()
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.d.Len()
	}
	deadline := time.Now().Add(10 * time.Second)
	for held() != demo.Responses+3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := held(); got != demo.Responses+3 {
		t.Fatalf("without a request, the consultation in memory holds %d responses, want %d", got, demo.Responses+3)
	}
	if got := s.resident(); !slices.Equal(got, []string{demo.Community}) {
		t.Errorf("in memory: %v; only the consultation opened is read", got)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("KeepResultsFresh did not stop when its context ended")
	}
}

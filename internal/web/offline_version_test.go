package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"consulta/internal/auth"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/internal/web"
	"consulta/static"
	"consulta/templates"
)

// plannerResults signs a planner in on a server and reads a consultation's results as the API
// gives them: the server's own dataset and aggregation, suppression applied.
func plannerResults(t *testing.T, a *app, serverURL, consultation string) results.Report {
	t.Helper()
	client := signInPlanner(t, a.st, serverURL, "Los Chiles")
	res, err := client.Get(serverURL + "/api/consultations/" + consultation + "/results")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var rep results.Report
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("results of %s = %d %s", consultation, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// allCell is the count of one answer among everyone asked a question, from a report.
func allCell(t *testing.T, rep results.Report, question, choice string) results.Cell {
	t.Helper()
	for _, q := range rep.Questions {
		if q.ID != question {
			continue
		}
		for _, tb := range q.Tables {
			if tb.Dimension != results.ByAll {
				continue
			}
			if i := slices.Index(tb.Columns, choice); i >= 0 {
				return tb.Rows[0].Cells[i]
			}
		}
	}
	t.Fatalf("no %s = %s among everyone in the report", question, choice)
	return results.Cell{}
}

// A tablet queues a response offline; meanwhile the survey file changes and the server restarts
// with the new version. The queued body, with its old version, is still stored and counted.
func TestOfflineQueuedResponseOfAnOlderSurveyVersion(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	v1 := a.community()
	const session = "0ff11e00-5e55-4000-8000-000000000001"
	if err := a.st.CreateSession(ctx, &store.Session{ID: session, ConsultationID: communityID,
		Place: "Escuela de San Jorge", HeldOn: "2026-03-02", Facilitator: "facilitadora"}); err != nil {
		t.Fatal(err)
	}
	// The exact body survey.js puts in the queue, taken while version 1 was current.
	queuedID := "0ff11e00-0000-4000-8000-00000000000a"
	queued, err := json.Marshal(submission{ID: queuedID, SurveyVersion: v1.Version, Language: "es",
		Session: session, Answers: apiAnswers()})
	if err != nil {
		t.Fatal(err)
	}

	// The file changes by one label, so it is a new version; the server starts again with it.
	const before = "Durante el día, ¿qué tan seguro o segura se siente en su barrio?"
	const after = "De día, ¿qué tan seguro o segura se siente en su barrio?"
	if !strings.Contains(string(v1.Source), before) {
		t.Fatalf("the community survey no longer has the label %q", before)
	}
	v2, problems := survey.Parse("community-consultation.yaml", []byte(strings.Replace(string(v1.Source), before, after, 1)))
	if len(problems) > 0 {
		t.Fatalf("second version: %v", problems)
	}
	if v2.Version == v1.Version || v2.Question("safety_day").Label.In("es") != after {
		t.Fatalf("the second version is not the changed file: %s", v2.Version)
	}
	if err := a.st.SaveSurvey(ctx, v2); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Config{Store: a.st, Surveys: []*survey.Survey{v2, a.surveys["child-listening"]},
		Templates: templates.FS, Static: static.FS, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		CookieKeys: [][]byte{[]byte("test-hash-key-of-32-bytes-length"), []byte("test-block-key-32-bytes-length!!")}})
	if err != nil {
		t.Fatal(err)
	}
	restarted := httptest.NewServer(s.Handler())
	t.Cleanup(restarted.Close)
	post := func(consultation string, body []byte) (int, string) {
		t.Helper()
		res, err := http.Post(restarted.URL+"/api/consultations/"+consultation+"/responses", "application/json",
			strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}

	// Four people answer the new version online.
	for i := range 4 {
		b, _ := json.Marshal(submission{ID: "0ff11e00-0000-4000-8000-00000000010" + string(rune('0'+i)),
			SurveyVersion: v2.Version, Language: "es", Answers: apiAnswers()})
		if status, body := post(communityID, b); status != http.StatusCreated {
			t.Fatalf("response with the new version = %d %s", status, body)
		}
	}
	// The tablet comes online and sends what it queued, then sends it again (its answer was lost).
	if status, body := post(communityID, queued); status != http.StatusCreated {
		t.Fatalf("queued response with the older version = %d %s, want 201", status, body)
	}
	if status, body := post(communityID, queued); status != http.StatusOK {
		t.Fatalf("the same queued response again = %d %s, want 200", status, body)
	}

	stored, _, err := a.st.StoredResponse(ctx, queuedID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.SurveyVersion != v1.Version || stored.SessionID != session || stored.Channel != store.Kiosk {
		t.Errorf("stored %+v, want version %s in session %s by kiosk", stored, v1.Version, session)
	}
	// Ten more with the new version make fifteen, published as 13 to 17; without the older
	// response fourteen would count as two blocks of 5, published as 8 to 12.
	for i := range 10 {
		more, _ := json.Marshal(submission{ID: "0ff11e00-0000-4000-8000-00000000030" + string(rune('0'+i)),
			SurveyVersion: v2.Version, Language: "es", Answers: apiAnswers()})
		if status, body := post(communityID, more); status != http.StatusCreated {
			t.Fatalf("response %d with the new version = %d %s", i, status, body)
		}
	}
	rep := plannerResults(t, a, restarted.URL, communityID)
	if rep.Withheld != "" || rep.Respondents.N < 13 || rep.Respondents.N > 17 {
		t.Errorf("respondents = %+v (withheld %q), want 15 published within 2", rep.Respondents, rep.Withheld)
	}
	if c := allCell(t, rep, "safety_day", "4"); c.Suppressed || c.N < 13 || c.N > 17 {
		t.Errorf("safety_day = 4 among everyone = %+v, want 15 published within 2", c)
	}

	// Responses taken on a kiosk of a session before the consultation closed still arrive with the
	// kiosk's key, and count.
	const kioskKey = "the-key-this-kiosk-got-when-it-started"
	sum := sha256.Sum256([]byte(kioskKey))
	if err := a.st.SaveKioskKey(ctx, hex.EncodeToString(sum[:]), closedSes, 0); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		late, _ := json.Marshal(submission{ID: "0ff11e00-0000-4000-8000-00000000020" + string(rune('0'+i)),
			SurveyVersion: v1.Version, Language: "es", Session: closedSes, Answers: apiAnswers()})
		req, _ := http.NewRequest(http.MethodPost, restarted.URL+"/api/consultations/"+closedID+"/responses", strings.NewReader(string(late)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Kiosk-Key", kioskKey)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("session response after closing = %d %s, want 201", res.StatusCode, body)
		}
	}
	if rep := plannerResults(t, a, restarted.URL, closedID); rep.Withheld != "" || rep.Respondents.N < 8 || rep.Respondents.N > 12 {
		t.Errorf("the closed consultation's respondents = %+v (withheld %q), want 10 published within 2", rep.Respondents, rep.Withheld)
	}
}

// signInPlanner makes a planner of the municipality (once) and returns a client signed in as them.
func signInPlanner(tb testing.TB, st *store.Store, serverURL, municipality string) *http.Client {
	tb.Helper()
	ctx := context.Background()
	mid, err := st.EnsureMunicipality(ctx, municipality, "Costa Rica")
	if err != nil {
		tb.Fatal(err)
	}
	const name, password = "planificadora", "una clave larga de planificación"
	hash, err := auth.HashPassword(password)
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.CreateUser(ctx, &store.User{Name: name, PasswordHash: hash, Role: store.RolePlanner,
		Municipalities: []int64{mid}}); err != nil && !errors.Is(err, store.ErrConflict) {
		tb.Fatal(err)
	}
	return web.SignedInClient(tb, serverURL, name, password)
}

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSubmission posts arbitrary bytes to the responses API through the real handler: the server
// never panics, answers only with the documented statuses, accepts only one JSON value, explains
// every 422, and stores only valid UTF-8.
func FuzzSubmission(f *testing.F) {
	logs := &syncLog{}
	fx := newFixtureServer(f, logs)
	h := fx.web.Handler()
	version := fx.surveys["community-consultation"].Version

	for _, tc := range hostileCases(version) {
		if tc.method == "" && tc.path == "" {
			f.Add([]byte(tc.body))
		}
	}
	valid := map[string]any{
		"group": "displaced", "gender": "female", "age_band": "age_18_29",
		"wg_seeing": "no_difficulty", "wg_communicating": "cannot_do",
		"used_services": true, "services_used": []string{"health", "education"}, "service_satisfaction": 3,
		"top_services": []string{"housing", "documents", "jobs"}, "barriers": []string{"distance", "cost"},
		"safety_day": 4, "safety_night": 2, "unsafe_places": []string{"streets"}, "children_at_home": true,
		"household_size": 4, "years_here": 3, "belonging": "prefer_not", "first_priority": "Agua y luz.\nY escuelas.",
	}
	for i, lang := range []string{"es", "en", "pt", ""} {
		b, _ := json.Marshal(map[string]any{"id": hostileUUID(5000 + i), "survey_version": version, "language": lang, "answers": valid})
		f.Add(b)
	}
	f.Add([]byte(fmt.Sprintf(`{"id":%q,"survey_version":%q,"session":%q,"answers":{"group":"host","gender":"male","age_band":"age_60_plus"}}`,
		hostileUUID(5100), version, closedSes)))

	allowed := map[int]bool{200: true, 201: true, 400: true, 409: true, 413: true, 422: true}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, hostileAPI, strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(logs.String(), "panic") {
			t.Fatalf("the handler panicked on %q:\n%s", body, logs)
		}
		if !allowed[rec.Code] {
			t.Fatalf("status %d on %q: %s", rec.Code, body, rec.Body)
		}
		if (rec.Code == http.StatusCreated || rec.Code == http.StatusOK) && !json.Valid(body) {
			t.Fatalf("%d for a body that is not one JSON value: %q", rec.Code, body)
		}
		switch rec.Code {
		case http.StatusUnprocessableEntity:
			var e hostileErrors
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || len(e.Errors) == 0 {
				t.Fatalf("422 without an errors list (%v): %s", err, rec.Body)
			}
			for _, fe := range e.Errors {
				if fe.Message == "" {
					t.Fatalf("422 error without a message: %s", rec.Body)
				}
			}
		case http.StatusCreated:
			var ok struct{ ID string }
			if err := json.Unmarshal(rec.Body.Bytes(), &ok); err != nil {
				t.Fatalf("201 body: %v: %s", err, rec.Body)
			}
			_, rows, err := fx.st.StoredResponse(context.Background(), strings.ToLower(ok.ID))
			if err != nil {
				t.Fatalf("201 for %q, yet not stored: %v", ok.ID, err)
			}
			for q, rs := range rows {
				for _, r := range rs {
					if !utf8.ValidString(r.Text) || !utf8.ValidString(r.Choice) {
						t.Fatalf("answer %s stored with invalid UTF-8: %q %q", q, r.Choice, r.Text)
					}
				}
			}
		}
	})
}

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"consulta/internal/proc"
	"consulta/internal/store"
	"consulta/internal/survey"
	"consulta/static"
	"consulta/surveys"
	"consulta/templates"
)

// BenchmarkSubmit posts complete community responses through the real handler and store, one
// at a time. BenchmarkSubmit8 posts them from eight clients at once, as the bench does, and
// reports the process's CPU per response (handler and store, no HTTP client or network).
func BenchmarkSubmit(b *testing.B) { benchmarkSubmit(b, 1) }

func BenchmarkSubmit8(b *testing.B) { benchmarkSubmit(b, 8) }

func benchmarkSubmit(b *testing.B, clients int) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	loaded, _ := survey.LoadFS(surveys.FS, ".")
	var community *survey.Survey
	for _, sv := range loaded {
		st.SaveSurvey(ctx, sv)
		if sv.ID == "community-consultation" {
			community = sv
		}
	}
	mid, _ := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err := st.CreateConsultation(ctx, &store.Consultation{ID: "c-community", MunicipalityID: mid,
		SurveyID: community.ID, Title: "t", Status: store.StatusOpen}); err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Store: st, Surveys: loaded, Templates: templates.FS, Static: static.FS,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), CookieKeys: [][]byte{make([]byte, 32)}})
	if err != nil {
		b.Fatal(err)
	}
	body := func(i int) []byte {
		sub := map[string]any{
			"id":             fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			"survey_version": community.Version,
			"language":       "es",
			"answers":        benchAnswers,
		}
		raw, _ := json.Marshal(sub)
		return raw
	}
	h := srv.Handler()
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = body(i)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	cpu := proc.Self()
	b.ResetTimer()
	for range clients {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < b.N; i = int(next.Add(1)) - 1 {
				req := httptest.NewRequest(http.MethodPost, "/api/consultations/c-community/responses", bytes.NewReader(bodies[i]))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusCreated {
					b.Errorf("status %d: %s", rec.Code, rec.Body)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64((proc.Self()-cpu).Microseconds())/float64(b.N), "cpu-µs/response")
}

var benchAnswers = map[string]any{
	"group": "displaced", "gender": "female", "age_band": "age_30_59",
	"wg_seeing": "no_difficulty", "wg_hearing": "no_difficulty", "wg_walking": "some_difficulty",
	"wg_remembering": "no_difficulty", "wg_selfcare": "no_difficulty", "wg_communicating": "no_difficulty",
	"used_services": true, "services_used": []string{"health", "education"}, "service_satisfaction": 4,
	"treated_with_respect": true, "top_services": []string{"housing", "jobs", "documents"},
	"barriers": []string{"documents", "cost"}, "gave_up_service": false, "safety_day": 4, "safety_night": 2,
	"children_at_home": true, "household_size": 5, "years_here": 3, "belonging": 3,
	"info_channels": []string{"whatsapp", "radio"}, "listened_to": 3,
}

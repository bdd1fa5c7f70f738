package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"consulta/internal/survey"
)

// tinySurvey has one question of every answerable type, after the standard profile.
const tinySurvey = `id: tiny
title: {es: "Pequeña", en: "Tiny"}
audience: adult
languages: [es, en]
profile: [group, gender, age_band, disability]
questions:
  - id: fruit
    type: select_one
    label: {es: "Fruta", en: "Fruit"}
    choices: fruits
  - id: fruits
    type: select_multiple
    label: {es: "Frutas", en: "Fruits"}
    choices: fruits
  - id: order
    type: rank
    rank: 3
    label: {es: "Orden", en: "Order"}
    choices: fruits
  - id: mood
    type: scale
    points: 5
    label: {es: "Ánimo", en: "Mood"}
  - id: people
    type: integer
    min: 1
    max: 30
    label: {es: "Personas", en: "People"}
  - id: agree
    type: yes_no
    label: {es: "¿De acuerdo?", en: "Agree?"}
  - id: refuse
    type: yes_no
    label: {es: "¿Rechaza?", en: "Refuse?"}
  - id: say
    type: text
    max_length: 200
    label: {es: "Diga", en: "Say"}
choices:
  fruits:
    - {id: mango, label: {es: "Mango", en: "Mango"}}
    - {id: papaya, label: {es: "Papaya", en: "Papaya"}}
    - {id: banana, label: {es: "Banano", en: "Banana"}}
    - {id: guava, label: {es: "Guayaba", en: "Guava"}}
`

// fixture is an open store with a municipality, the tiny survey and one open consultation "c1".
type fixture struct {
	st   *Store
	path string
	sv   *survey.Survey
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureAt(t, filepath.Join(t.TempDir(), "data", "consulta.db"))
}

// newFixtureAt builds the fixture in the database path names: a SQLite file or a PostgreSQL URL.
func newFixtureAt(t testing.TB, path string) *fixture {
	t.Helper()
	st, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	sv, problems := survey.Parse("tiny.yaml", []byte(tinySurvey))
	if len(problems) > 0 {
		t.Fatalf("tiny survey: %v", problems)
	}
	ctx := context.Background()
	if err := st.SaveSurvey(ctx, sv); err != nil {
		t.Fatalf("SaveSurvey: %v", err)
	}
	mid, err := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		t.Fatalf("EnsureMunicipality: %v", err)
	}
	if err := st.CreateConsultation(ctx, &Consultation{ID: "c1", MunicipalityID: mid, SurveyID: sv.ID,
		Title: "Prueba", Status: StatusOpen}); err != nil {
		t.Fatalf("CreateConsultation: %v", err)
	}
	return &fixture{st: st, path: path, sv: sv}
}

// readOnly opens the same database read-only, as a second program would.
func readOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	if IsPostgres(path) {
		db, err := openPostgresDB(path, true)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// fullAnswers answers every question of the tiny survey, as Check would return them.
func fullAnswers() survey.Answers {
	return survey.Answers{
		"group": "refugee", "gender": "female", "age_band": "age_30_59",
		"wg_seeing": "no_difficulty", "wg_hearing": "no_difficulty", "wg_walking": "a_lot",
		"wg_remembering": "no_difficulty", "wg_selfcare": "some_difficulty", "wg_communicating": "no_difficulty",
		"fruit": "papaya", "fruits": []string{"mango", "guava"}, "order": []string{"banana", "mango", "guava"},
		"mood": 4, "people": 6, "agree": true, "refuse": false, "say": "Más luz en la calle",
	}
}

func (f *fixture) response(id string, a survey.Answers) *Response {
	return &Response{ID: id, ConsultationID: "c1", SurveyVersion: f.sv.Version, Language: "es", Channel: Link,
		Profile: survey.ProfileOf(a), Answers: a}
}

func TestOpenCreatesFolderAndMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "deeper", "consulta.db")
	for i := range 2 {
		st, err := Open(path)
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		if err := st.Ping(context.Background()); err != nil {
			t.Fatalf("Ping #%d: %v", i+1, err)
		}
		if err := st.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file was not created: %v", err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no migration files: %v", err)
	}
	db := readOnly(t, path)
	if n := count(t, db, `SELECT count(*) FROM schema_migrations`); n != len(files) {
		t.Errorf("schema_migrations has %d rows after opening twice, want %d (one per file)", n, len(files))
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "migrations/")
		if n := count(t, db, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name); n != 1 {
			t.Errorf("migration %s recorded %d times, want 1", name, n)
		}
	}
	for _, table := range []string{"municipalities", "survey_versions", "consultations", "sessions", "responses", "answers"} {
		if n := count(t, db, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table); n != 1 {
			t.Errorf("table %s missing after migration", table)
		}
	}
}

func TestPragmasOnEveryPooledConnection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	want := map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"}
	for name, pool := range map[string]*sql.DB{"writer": f.st.w, "reader": f.st.r} {
		// Hold several connections at once, so each check runs on a different pooled connection.
		n := 3
		if name == "writer" {
			n = 1
		}
		var conns []*sql.Conn
		for range n {
			c, err := pool.Conn(ctx)
			if err != nil {
				t.Fatalf("%s: conn: %v", name, err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for pragma, v := range want {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Fatalf("%s conn %d: PRAGMA %s: %v", name, i, pragma, err)
				}
				if strings.ToLower(got) != v {
					t.Errorf("%s conn %d: PRAGMA %s = %s, want %s", name, i, pragma, got, v)
				}
			}
		}
		for _, c := range conns {
			c.Close()
		}
	}
	// The reader pool must not be able to write.
	if _, err := f.st.r.ExecContext(ctx, `INSERT INTO municipalities (name, country, created_at) VALUES ('x', 'y', 'z')`); err == nil {
		t.Error("the reader pool accepted a write")
	}
}

func TestSaveResponseStoresProfileAndAnswerRows(t *testing.T) {
	forEachDialect(t, testSaveResponseStoresProfileAndAnswerRows)
}

func testSaveResponseStoresProfileAndAnswerRows(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	r := f.response("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b", fullAnswers())
	created, err := f.st.SaveResponse(ctx, r, f.sv)
	if err != nil || !created {
		t.Fatalf("SaveResponse = %v, %v; want created", created, err)
	}

	got, rows, err := f.st.StoredResponse(ctx, r.ID)
	if err != nil {
		t.Fatalf("StoredResponse: %v", err)
	}
	wantProfile := survey.Profile{Group: "refugee", Gender: "female", AgeBand: "age_30_59", Disability: survey.WithDis}
	if got.Profile != wantProfile {
		t.Errorf("profile = %+v, want %+v", got.Profile, wantProfile)
	}
	if got.Language != "es" || got.Channel != Link || got.SurveyVersion != f.sv.Version || got.ConsultationID != "c1" {
		t.Errorf("stored response = %+v", got)
	}
	if len(rows["fruits"]) != 2 || len(rows["order"]) != 3 || len(rows["fruit"]) != 1 {
		t.Errorf("answer rows per question: fruit %d, fruits %d, order %d", len(rows["fruit"]), len(rows["fruits"]), len(rows["order"]))
	}

	// Row level, as any other program reading the file would see it: the response's columns, and
	// in the answers table only what the person wrote (everything else is packed with the response).
	db := readOnly(t, f.path)
	var grp, gender, age, dis string
	if err := db.QueryRow(`SELECT grp, gender, age_band, disability FROM responses WHERE id = ?`, r.ID).
		Scan(&grp, &gender, &age, &dis); err != nil {
		t.Fatal(err)
	}
	if grp != "refugee" || gender != "female" || age != "age_30_59" || dis != "with_disability" {
		t.Errorf("profile columns = %s %s %s %s", grp, gender, age, dis)
	}
	var question, text string
	if err := db.QueryRow(`SELECT question, text FROM answers
		WHERE rid = (SELECT rid FROM responses WHERE id = ?)`, r.ID).Scan(&question, &text); err != nil {
		t.Fatal(err)
	}
	if question != "say" || text != "Más luz en la calle" {
		t.Errorf("answers table holds %s = %q, want say = the text", question, text)
	}
	if n := count(t, db, `SELECT count(*) FROM answers`); n != 1 {
		t.Errorf("answers table has %d rows, want the one text", n)
	}

	// Every answer as read back: one row per answer, per choice, per place in a ranking.
	total := 0
	for _, rs := range rows {
		total += len(rs)
	}
	// 9 profile rows + fruit 1 + fruits 2 + order 3 + mood, people, agree, refuse, say.
	if total != 9+1+2+3+5 {
		t.Errorf("answer rows = %d, want %d", total, 9+1+2+3+5)
	}
	if fruits := rows["fruits"]; len(fruits) == 2 {
		for i, want := range []string{"mango", "guava"} {
			if x := fruits[i]; x.Choice != want || x.Position != 0 || x.Number != nil || x.Text != "" {
				t.Errorf("fruits row %d = %+v, want choice %s with no position, number or text", i, x, want)
			}
		}
	}
	if order := rows["order"]; len(order) == 3 {
		for i, want := range []string{"banana", "mango", "guava"} {
			if x := order[i]; x.Choice != want || x.Position != i+1 {
				t.Errorf("order row %d = %+v, want %s at position %d", i, x, want, i+1)
			}
		}
	}
	for q, want := range map[string]int{"mood": 4, "people": 6} {
		if len(rows[q]) != 1 || rows[q][0].Number == nil || *rows[q][0].Number != want || rows[q][0].Choice != "" {
			t.Errorf("%s rows = %+v, want number %d", q, rows[q], want)
		}
	}
	for q, want := range map[string]string{"agree": "yes", "refuse": "no", "fruit": "papaya", "group": "refugee", "wg_walking": "a_lot"} {
		if len(rows[q]) != 1 || rows[q][0].Choice != want {
			t.Errorf("%s rows = %+v, want choice %q", q, rows[q], want)
		}
	}
	if len(rows["say"]) != 1 || rows["say"][0].Text != "Más luz en la calle" || rows["say"][0].Choice != "" {
		t.Errorf("say rows = %+v, want the text", rows["say"])
	}
}

func TestSaveResponseReplayAndConflict(t *testing.T) {
	forEachDialect(t, testSaveResponseReplayAndConflict)
}

func testSaveResponseReplayAndConflict(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	db := readOnly(t, f.path)
	id := "0b6a3c1e-8f2d-4a57-9c1b-2e4f6a8b0c13"
	if created, err := f.st.SaveResponse(ctx, f.response(id, fullAnswers()), f.sv); err != nil || !created {
		t.Fatalf("first save = %v, %v", created, err)
	}
	answers := count(t, db, `SELECT count(*) FROM answers`)

	// The same content again, by another channel and later: nothing new.
	again := f.response(id, fullAnswers())
	again.Channel = Kiosk
	again.ReceivedAt = time.Now().Add(time.Hour)
	created, err := f.st.SaveResponse(ctx, again, f.sv)
	if err != nil || created {
		t.Errorf("identical replay = %v, %v; want false, nil", created, err)
	}
	if n := count(t, db, `SELECT count(*) FROM responses`); n != 1 {
		t.Errorf("responses after replay = %d, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM answers`); n != answers {
		t.Errorf("answer rows after replay = %d, want %d", n, answers)
	}

	// Different content under the same id: refused, the original stays as it was.
	changed := fullAnswers()
	changed["fruit"] = "mango"
	changed["say"] = "otra cosa"
	created, err = f.st.SaveResponse(ctx, f.response(id, changed), f.sv)
	if !errors.Is(err, ErrConflict) || created {
		t.Errorf("conflicting replay = %v, %v; want false, ErrConflict", created, err)
	}
	_, rows, err := f.st.StoredResponse(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rows["fruit"][0].Choice != "papaya" || rows["say"][0].Text != "Más luz en la calle" {
		t.Errorf("original changed by a conflicting replay: fruit %+v say %+v", rows["fruit"], rows["say"])
	}
	if n := count(t, db, `SELECT count(*) FROM answers`); n != answers {
		t.Errorf("answer rows after conflict = %d, want %d", n, answers)
	}
	var channel string
	if err := db.QueryRow(`SELECT channel FROM responses WHERE id = ?`, id).Scan(&channel); err != nil || channel != Link {
		t.Errorf("channel = %q, %v; want the original %q", channel, err, Link)
	}

	// The same id and answers sent to another consultation are not a replay: nothing of it is
	// stored there, so reporting "already stored" would make an offline queue drop it.
	mid, err := f.st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.CreateConsultation(ctx, &Consultation{ID: "c2", MunicipalityID: mid, SurveyID: f.sv.ID,
		Title: "Otra", Status: StatusOpen}); err != nil {
		t.Fatal(err)
	}
	elsewhere := f.response(id, fullAnswers())
	elsewhere.ConsultationID = "c2"
	created, err = f.st.SaveResponse(ctx, elsewhere, f.sv)
	if !errors.Is(err, ErrConflict) || created {
		t.Errorf("same id and content in another consultation = %v, %v; want false, ErrConflict", created, err)
	}
	if n, _ := f.st.CountResponses(ctx, "c1"); n != 1 {
		t.Errorf("c1 has %d responses, want 1", n)
	}
}

func TestSaveResponseFailureLeavesNothing(t *testing.T) {
	forEachDialect(t, testSaveResponseFailureLeavesNothing)
}

func testSaveResponseFailureLeavesNothing(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	db := readOnly(t, f.path)

	// An unknown consultation breaks a foreign key: no response row and no answer rows.
	r := f.response("11111111-2222-4333-8444-555555555555", fullAnswers())
	r.ConsultationID = "no-such-consultation"
	created, err := f.st.SaveResponse(ctx, r, f.sv)
	if err == nil || created {
		t.Fatalf("save into an unknown consultation = %v, %v; want an error", created, err)
	}
	if !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
		t.Errorf("error = %v, want a foreign key error", err)
	}
	if n := count(t, db, `SELECT count(*) FROM responses`); n != 0 {
		t.Errorf("responses = %d, want 0", n)
	}
	if n := count(t, db, `SELECT count(*) FROM answers`); n != 0 {
		t.Errorf("answers = %d, want 0", n)
	}

	// An unknown survey version breaks another foreign key.
	r = f.response("11111111-2222-4333-8444-666666666666", fullAnswers())
	r.SurveyVersion = "0000000000000000"
	if _, err := f.st.SaveResponse(ctx, r, f.sv); err == nil {
		t.Error("save with an unknown survey version succeeded")
	}

	// A failure after the response row is written (the last answer row is refused) rolls it all back.
	refuseAnswer(t, f.path, "say")
	r = f.response("11111111-2222-4333-8444-777777777777", fullAnswers())
	if _, err := f.st.SaveResponse(ctx, r, f.sv); err == nil || !strings.Contains(err.Error(), "answer refused by test") {
		t.Fatalf("save with a refused answer row = %v, want the trigger's error", err)
	}
	if n := count(t, db, `SELECT count(*) FROM responses`); n != 0 {
		t.Errorf("responses after a failed answer row = %d, want 0 (half-stored)", n)
	}
	if n := count(t, db, `SELECT count(*) FROM answers`); n != 0 {
		t.Errorf("answers after a failed answer row = %d, want 0 (half-stored)", n)
	}
	if _, _, err := f.st.StoredResponse(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("StoredResponse after rollback: %v, want ErrNotFound", err)
	}
}

func TestSaveResponseConcurrentWriters(t *testing.T) {
	forEachDialect(t, testSaveResponseConcurrentWriters)
}

func testSaveResponseConcurrentWriters(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	const writers, each = 16, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				a := fullAnswers()
				a["people"] = 1 + (g*each+i)%30
				id := fmt.Sprintf("%08x-0000-4000-8000-%012x", g, i)
				created, err := f.st.SaveResponse(ctx, f.response(id, a), f.sv)
				if err != nil {
					errs <- fmt.Errorf("writer %d response %d: %w", g, i, err)
					continue
				}
				if !created {
					errs <- fmt.Errorf("writer %d response %d: not created", g, i)
				}
			}
		}()
	}
	// Readers at the same time must not see "database is locked" either.
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for range 2 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				if _, err := f.st.CountResponses(ctx, "c1"); err != nil {
					errs <- fmt.Errorf("reader: %w", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n, err := f.st.CountResponses(ctx, "c1")
	if err != nil || n != writers*each {
		t.Errorf("CountResponses = %d, %v; want %d", n, err, writers*each)
	}
	db := readOnly(t, f.path)
	if d := count(t, db, `SELECT count(DISTINCT id) FROM responses`); d != writers*each {
		t.Errorf("distinct responses = %d, want %d", d, writers*each)
	}
	// One text a response (fullAnswers' "say"); the rest is packed with it.
	if a := count(t, db, `SELECT count(*) FROM answers`); a != writers*each {
		t.Errorf("text rows = %d, want %d", a, writers*each)
	}
	perResponse, answers := 9+1+2+3+5, 0
	if _, err := f.st.ResultRows(ctx, "c1", Position{}, func(ResultResponse) {}, func(ResultAnswer) { answers++ }); err != nil || answers != writers*each*perResponse {
		t.Errorf("answers read = %d, %v; want %d", answers, err, writers*each*perResponse)
	}
}

func TestOlderSurveyVersionsAreKept(t *testing.T) { forEachDialect(t, testOlderSurveyVersionsAreKept) }

func testOlderSurveyVersionsAreKept(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	newer := strings.Replace(tinySurvey, `{es: "Fruta", en: "Fruit"}`, `{es: "Fruta favorita", en: "Favourite fruit"}`, 1)
	sv2, problems := survey.Parse("tiny.yaml", []byte(newer))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if sv2.Version == f.sv.Version || sv2.ID != f.sv.ID {
		t.Fatalf("versions %s and %s of %s/%s", f.sv.Version, sv2.Version, f.sv.ID, sv2.ID)
	}
	if err := f.st.SaveSurvey(ctx, sv2); err != nil {
		t.Fatal(err)
	}
	// Saving the same version again is harmless.
	if err := f.st.SaveSurvey(ctx, f.sv); err != nil {
		t.Fatalf("SaveSurvey again: %v", err)
	}
	for _, sv := range []*survey.Survey{f.sv, sv2} {
		src, err := f.st.SurveySource(ctx, sv.ID, sv.Version)
		if err != nil {
			t.Fatalf("SurveySource %s: %v", sv.Version, err)
		}
		if string(src) != string(sv.Source) {
			t.Errorf("SurveySource %s returned other content", sv.Version)
		}
	}
	if _, err := f.st.SurveySource(ctx, "other-survey", f.sv.Version); !errors.Is(err, ErrNotFound) {
		t.Errorf("SurveySource for another survey id: %v, want ErrNotFound", err)
	}
	if _, err := f.st.SurveySource(ctx, f.sv.ID, "ffffffffffffffff"); !errors.Is(err, ErrNotFound) {
		t.Errorf("SurveySource for an unknown version: %v, want ErrNotFound", err)
	}
	// A response taken with the older version is stored with it.
	r := f.response("22222222-3333-4444-8555-666666666666", fullAnswers())
	if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
		t.Fatal(err)
	}
	got, _, err := f.st.StoredResponse(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.SurveyVersion != f.sv.Version {
		t.Errorf("stored version = %s, want %s", got.SurveyVersion, f.sv.Version)
	}
}

// Every stored response gets its own random record key, and results read it back.
func TestRecordKeysAreRandomAndReadBack(t *testing.T) {
	forEachDialect(t, testRecordKeysAreRandomAndReadBack)
}

func testRecordKeysAreRandomAndReadBack(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	ctx := context.Background()
	for i := range 20 {
		r := f.response(fmt.Sprintf("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a%02d", i), fullAnswers())
		if _, err := f.st.SaveResponse(ctx, r, f.sv); err != nil {
			t.Fatal(err)
		}
	}
	keys := map[uint32]bool{}
	_, err := f.st.ResultRows(ctx, "c1", Position{}, func(r ResultResponse) { keys[r.Key] = true }, func(ResultAnswer) {})
	if err != nil {
		t.Fatal(err)
	}
	// 20 draws of 32 bits collide with probability below 1e-7.
	if len(keys) != 20 {
		t.Fatalf("20 responses should have 20 distinct record keys, got %d: %v", len(keys), keys)
	}
	db := readOnly(t, f.path)
	if n := count(t, db, `SELECT count(*) FROM responses WHERE record_key < 0 OR record_key > 4294967295`); n != 0 {
		t.Errorf("%d record keys outside 32 bits", n)
	}
}

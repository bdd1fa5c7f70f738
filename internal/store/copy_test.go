package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"consulta/internal/store/pgtest"
)

// A SQLite database copied into PostgreSQL reads the same there: responses with their answers
// and record keys, accounts, tokens, sessions, targets and audit; new rows get new ids; a second
// copy into the same database is refused; a failed copy leaves the target empty for a rerun.
func TestCopyToPostgres(t *testing.T) {
	ctx := context.Background()
	f := newFixtureAt(t, filepath.Join(t.TempDir(), "source.db"))
	src := f.st
	mid, _ := src.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	ana := &User{Name: "Ana", PasswordHash: "h", Role: RolePlanner, Municipalities: []int64{mid}}
	if err := src.CreateUser(ctx, ana); err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateToken(ctx, ana.ID, "hash", "api"); err != nil {
		t.Fatal(err)
	}
	if err := src.CreateSession(ctx, &Session{ID: "s1", ConsultationID: "c1", Place: "Escuela", HeldOn: "2026-01-10",
		CreatedBy: ana.ID, ParentalConsent: true}); err != nil {
		t.Fatal(err)
	}
	if err := src.SetTargets(ctx, "c1", []Target{{"host", "female", 10}}); err != nil {
		t.Fatal(err)
	}
	if err := src.Audit(ctx, AuditEntry{UserID: ana.ID, UserName: "Ana", Action: "test"}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 30 {
		a := fullAnswers()
		a["people"] = 1 + i
		r := f.response(fmt.Sprintf("c0000000-0000-4000-8000-%012d", i), a)
		if i%2 == 0 {
			r.SessionID, r.Channel = "s1", Kiosk
		}
		if _, err := src.SaveResponse(ctx, r, f.sv); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	// A results snapshot is copied as it is: its position, (0, rid) on SQLite, stays right on
	// PostgreSQL, where the copied responses keep xact 0 and new ones come after them.
	snap := ResultSnapshot{Position: Position{0, 30}, Responses: 30, Format: 1, Data: []byte{0, 1, 0xFF, 2}}
	if err := src.SaveResultSnapshot(ctx, "c1", snap); err != nil {
		t.Fatal(err)
	}

	dst, err := Open(pgtest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()

	// A copy that fails halfway leaves nothing behind.
	refuseAnswer(t, dst.path, "say")
	if _, err := CopyToPostgres(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "answer refused by test") {
		t.Fatalf("copy with a refused answer row = %v", err)
	}
	if ms, _ := dst.Municipalities(ctx); len(ms) != 0 {
		t.Fatalf("a failed copy left %d municipalities", len(ms))
	}
	if _, err := dst.w.Exec(`DROP TRIGGER refuse_answer ON answers`); err != nil {
		t.Fatal(err)
	}

	counts, err := CopyToPostgres(ctx, src, dst)
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	byTable := map[string]int64{}
	for _, c := range counts {
		byTable[c.Table] = c.Target
	}
	want := map[string]int64{"municipalities": 1, "users": 1, "user_municipalities": 1, "tokens": 1, "sessions": 1,
		"targets": 1, "audit": 1, "consultations": 1, "survey_versions": 1, "responses": 30, "answers": 30 /* one text each */, "result_snapshots": 1,
		"result_snapshot_parts": 1}
	for table, n := range want {
		if byTable[table] != n {
			t.Errorf("%s: %d rows copied, want %d", table, byTable[table], n)
		}
	}
	if slices.IndexFunc(counts, func(c TableCount) bool { return c.Table == "answers" }) <
		slices.IndexFunc(counts, func(c TableCount) bool { return c.Table == "responses" }) {
		t.Errorf("answers copied before responses: %v", counts)
	}

	// The same responses, answers and record keys.
	for _, id := range ids[:3] {
		a, arows, err := src.StoredResponse(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, brows, err := dst.StoredResponse(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(arows, brows) {
			t.Errorf("response %s differs:\nSQLite     %v %v\nPostgreSQL %v %v", id, a, arows, b, brows)
		}
	}
	keys := func(st *Store) []uint32 {
		var out []uint32
		if _, err := st.ResultRows(ctx, "c1", Position{}, func(r ResultResponse) { out = append(out, r.Key) }, func(ResultAnswer) {}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if a, b := keys(src), keys(dst); !slices.Equal(a, b) || len(a) != 30 {
		t.Errorf("record keys differ: %v vs %v", a, b)
	}
	if got, ok, err := dst.ResultSnapshot(ctx, "c1"); err != nil || !ok || got.Position != snap.Position ||
		got.Responses != 30 || string(got.Data) != string(snap.Data) {
		t.Errorf("the results snapshot after the copy = %+v, %v, %v", got, ok, err)
	}
	if u, err := dst.UserByName(ctx, "ANA"); err != nil || u.ID != ana.ID || !slices.Equal(u.Municipalities, []int64{mid}) {
		t.Errorf("the account after the copy = %+v, %v", u, err)
	}
	if ses, _ := dst.Session(ctx, "s1"); !ses.ParentalConsent || ses.Responses != 15 {
		t.Errorf("the session after the copy = %+v", ses)
	}
	// Ids go on after the copied ones.
	if id, err := dst.CreateMunicipality(ctx, "Los Chiles", "Costa Rica"); err != nil || id <= mid {
		t.Errorf("a new municipality = %d, %v; want an id after %d", id, err, mid)
	}
	r := f.response("c0000000-0000-4000-8000-999999999999", fullAnswers())
	if created, err := dst.SaveResponse(ctx, r, f.sv); err != nil || !created {
		t.Errorf("a new response after the copy = %v, %v", created, err)
	}

	if _, err := CopyToPostgres(ctx, src, dst); !errors.Is(err, ErrTargetNotEmpty) {
		t.Errorf("a second copy into the same database = %v, want ErrTargetNotEmpty", err)
	}
}

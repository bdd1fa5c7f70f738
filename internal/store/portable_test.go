package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// Accounts, tokens, municipalities, sessions, targets, the audit log and the results' reads give
// the same answers on both dialects: names compare in any case, flags are 0/1, ids come back.
func TestAccountsAndConsultations(t *testing.T) { forEachDialect(t, testAccountsAndConsultations) }

func testAccountsAndConsultations(t *testing.T, at string) {
	f := newFixtureAt(t, at)
	st, ctx := f.st, context.Background()

	// Municipalities: "Upala" exists (the fixture); names match in any case.
	upala, err := st.EnsureMunicipality(ctx, "Upala", "Costa Rica")
	if err != nil || upala == 0 {
		t.Fatalf("EnsureMunicipality = %d, %v", upala, err)
	}
	if again, _ := st.EnsureMunicipality(ctx, "Upala", "Costa Rica"); again != upala {
		t.Errorf("EnsureMunicipality again = %d, want %d", again, upala)
	}
	chiles, err := st.CreateMunicipality(ctx, "Los Chiles", "Costa Rica")
	if err != nil || chiles == 0 || chiles == upala {
		t.Fatalf("CreateMunicipality = %d, %v", chiles, err)
	}
	if _, err := st.CreateMunicipality(ctx, "Los Chiles", "Costa Rica"); !errors.Is(err, ErrConflict) {
		t.Errorf("the same municipality twice: %v, want ErrConflict", err)
	}
	if m, err := st.MunicipalityByName(ctx, " los chiles "); err != nil || m.ID != chiles {
		t.Errorf("MunicipalityByName in lower case = %+v, %v", m, err)
	}
	if ms, _ := st.Municipalities(ctx); len(ms) != 2 || ms[0].Name != "Los Chiles" {
		t.Errorf("Municipalities = %+v", ms)
	}

	// Accounts: a name is taken in any case; repeated municipalities are stored once.
	ana := &User{Name: "Ana", PasswordHash: "h1", Role: RoleAdmin, Municipalities: []int64{chiles, chiles, upala}}
	if err := st.CreateUser(ctx, ana); err != nil || ana.ID == 0 {
		t.Fatalf("CreateUser = %v, id %d", err, ana.ID)
	}
	if err := st.CreateUser(ctx, &User{Name: "ANA", PasswordHash: "h", Role: RolePlanner}); !errors.Is(err, ErrConflict) {
		t.Errorf("CreateUser with the same name in capitals: %v, want ErrConflict", err)
	}
	luis := &User{Name: "luis", PasswordHash: "h2", Role: RoleFacilitator, Municipalities: []int64{upala}}
	if err := st.CreateUser(ctx, luis); err != nil || luis.ID == ana.ID {
		t.Fatalf("CreateUser luis = %v, id %d", err, luis.ID)
	}
	got, err := st.UserByName(ctx, "aNa")
	if err != nil || got.ID != ana.ID || got.Role != RoleAdmin || got.Disabled {
		t.Fatalf("UserByName in mixed case = %+v, %v", got, err)
	}
	if want := []int64{min(upala, chiles), max(upala, chiles)}; !slices.Equal(got.Municipalities, want) {
		t.Errorf("municipalities = %v, want %v", got.Municipalities, want)
	}
	if ok, _ := st.AdminExists(ctx); !ok {
		t.Error("AdminExists = false with an enabled admin")
	}
	ana.Disabled, ana.Municipalities = true, []int64{upala}
	if err := st.UpdateUser(ctx, ana); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.AdminExists(ctx); ok {
		t.Error("AdminExists = true with the only admin disabled")
	}
	if got, _ := st.User(ctx, ana.ID); !got.Disabled || !slices.Equal(got.Municipalities, []int64{upala}) {
		t.Errorf("after UpdateUser: %+v", got)
	}
	if err := st.UpdateUser(ctx, &User{ID: 999999, Role: RolePlanner}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateUser of nobody: %v", err)
	}
	if err := st.SetPassword(ctx, luis.ID, "h3"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, luis.ID); got.PasswordHash != "h3" || got.SessionsAfter == 0 {
		t.Errorf("after SetPassword: %+v", got)
	}
	if us, _ := st.Users(ctx); len(us) != 2 || us[0].Name != "Ana" {
		t.Errorf("Users = %d accounts", len(us))
	}

	// Tokens.
	tid, err := st.CreateToken(ctx, luis.ID, "hash-1", "tablet")
	if err != nil || tid == 0 {
		t.Fatalf("CreateToken = %d, %v", tid, err)
	}
	if u, err := st.UserByToken(ctx, "hash-1"); err != nil || u.ID != luis.ID {
		t.Errorf("UserByToken = %+v, %v", u, err)
	}
	if err := st.RevokeToken(ctx, tid); err != nil {
		t.Fatal(err)
	}
	if err := st.RevokeToken(ctx, tid); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoking twice: %v", err)
	}
	if _, err := st.UserByToken(ctx, "hash-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a revoked token still works: %v", err)
	}
	if ts, _ := st.Tokens(ctx); len(ts) != 1 || !ts[0].Revoked || ts[0].UserName != "luis" {
		t.Errorf("Tokens = %+v", ts)
	}

	// Audit log, newest first.
	for _, action := range []string{"first", "second"} {
		if err := st.Audit(ctx, AuditEntry{UserID: ana.ID, UserName: "Ana", Action: action, MunicipalityID: upala}); err != nil {
			t.Fatal(err)
		}
	}
	if log, _ := st.AuditLog(ctx, 10); len(log) != 2 || log[0].Action != "second" || log[1].MunicipalityID != upala {
		t.Errorf("AuditLog = %+v", log)
	}

	// Consultations, sessions, targets and the promise.
	if err := st.CreateConsultation(ctx, &Consultation{ID: "c1", MunicipalityID: upala, SurveyID: f.sv.ID,
		Title: "x", Status: StatusDraft}); !errors.Is(err, ErrConflict) {
		t.Errorf("a consultation id twice: %v", err)
	}
	if err := st.SetStatus(ctx, "c1", StatusClosed); err != nil {
		t.Fatal(err)
	}
	if open, _ := st.OpenConsultations(ctx); len(open) != 0 {
		t.Errorf("OpenConsultations = %d after closing the only one", len(open))
	}
	c := &Consultation{ID: "c1", Title: "Nueva", StartsOn: "2026-01-01", EndsOn: "2026-02-01", IdleSeconds: 90}
	if err := st.UpdateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Consultation(ctx, "c1"); err != nil || got.Title != "Nueva" || got.Municipality != "Upala" ||
		got.IdleSeconds != 90 || got.Status != StatusClosed {
		t.Errorf("Consultation = %+v, %v", got, err)
	}
	if _, err := st.Consultation(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown consultation: %v", err)
	}
	if cs, _ := st.Consultations(ctx, []int64{chiles}, false); len(cs) != 0 {
		t.Errorf("Los Chiles has %d consultations", len(cs))
	}
	if cs, _ := st.Consultations(ctx, []int64{chiles, upala}, false); len(cs) != 1 {
		t.Errorf("Upala and Los Chiles have %d consultations, want 1", len(cs))
	}
	if err := st.CreateSession(ctx, &Session{ID: "s1", ConsultationID: "c1", Place: "Escuela", HeldOn: "2026-01-10",
		CreatedBy: luis.ID, ParentalConsent: true}); err != nil {
		t.Fatal(err)
	}
	if ses, err := st.Session(ctx, "s1"); err != nil || !ses.ParentalConsent || ses.CreatedBy != luis.ID {
		t.Errorf("Session = %+v, %v", ses, err)
	}
	if err := st.SetParentalConsent(ctx, "s1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Session(ctx, "s2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown session: %v", err)
	}
	if err := st.SetTargets(ctx, "c1", []Target{{"host", "female", 20}, {"displaced", "male", 0}, {"displaced", "female", 15}}); err != nil {
		t.Fatal(err)
	}
	if ts, _ := st.Targets(ctx, "c1"); len(ts) != 2 || ts[0] != (Target{"displaced", "female", 15}) {
		t.Errorf("Targets = %+v", ts)
	}
	if err := st.SetPromise(ctx, "c1", map[string]string{"es": "Lo haremos"}); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Promise(ctx, "c1"); p["es"] != "Lo haremos" {
		t.Errorf("Promise = %v", p)
	}

	// Responses in and out: counts, texts, and the results' incremental read after a row id.
	in := f.response("a0000000-0000-4000-8000-000000000001", fullAnswers())
	in.SessionID, in.Channel = "s1", Kiosk
	other := fullAnswers()
	other["gender"], other["say"] = "male", "Agua"
	for _, r := range []*Response{in, f.response("a0000000-0000-4000-8000-000000000002", other)} {
		if _, err := st.SaveResponse(ctx, r, f.sv); err != nil {
			t.Fatal(err)
		}
	}
	if ses, _ := st.Sessions(ctx, "c1"); len(ses) != 1 || ses[0].Responses != 1 || ses[0].ParentalConsent {
		t.Errorf("Sessions = %+v", ses)
	}
	if cs, _ := st.SessionCounts(ctx, "s1"); len(cs) != 1 || cs[0] != (Count{"refugee", "female", 1}) {
		t.Errorf("SessionCounts = %+v", cs)
	}
	if cs, _ := st.ConsultationCounts(ctx, "c1"); len(cs) != 2 || cs[0].Gender != "female" || cs[1].Gender != "male" {
		t.Errorf("ConsultationCounts = %+v", cs)
	}
	if texts, _ := st.Texts(ctx, "c1", "say", 5); !slices.Equal(texts, []string{"Agua", "Más luz en la calle"}) {
		t.Errorf("Texts = %q", texts)
	}
	var rids []int64
	answers := 0
	end, err := st.ResultRows(ctx, "c1", Position{}, func(r ResultResponse) { rids = append(rids, r.RID) },
		func(a ResultAnswer) { answers++ })
	if err != nil || len(rids) != 2 || answers != 2*20 || end.RID != rids[1] {
		t.Fatalf("ResultRows = %v (to %+v), %d answers, %v", rids, end, answers, err)
	}
	if again, err := st.ResultRows(ctx, "c1", end, func(r ResultResponse) { t.Errorf("read again: %+v", r) },
		func(ResultAnswer) {}); err != nil || again != end {
		t.Errorf("ResultRows after the end = %+v, %v; want %+v", again, err, end)
	}
	first := Position{RID: rids[0]}
	if err := st.r.QueryRowContext(ctx, `SELECT xact FROM responses WHERE rid = ?`, rids[0]).Scan(&first.Xact); err != nil {
		t.Fatal(err)
	}
	var after []ResultResponse
	if _, err := st.ResultRows(ctx, "c1", first, func(r ResultResponse) { after = append(after, r) },
		func(ResultAnswer) {}); err != nil || len(after) != 1 || after[0].RID != rids[1] || after[0].Gender != "male" {
		t.Errorf("ResultRows after %d = %+v, %v", rids[0], after, err)
	}
}

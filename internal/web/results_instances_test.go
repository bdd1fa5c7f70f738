package web

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"consulta/internal/demo"
	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/store/pgtest"
	"consulta/internal/survey"
	"consulta/surveys"
)

// TestMain stops the PostgreSQL cluster a test started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestResultsTwoInstancesLateCommit: two instances on one PostgreSQL database. Another writer's
// transaction takes response A's rid and stays open while B, with a larger rid, is committed;
// both instances refresh their results then, and again after A commits. A is counted once, B
// once, and both instances publish the same results, with the same protection. Then a write to
// another consultation holds a response back the same way, and once it commits the response is
// read at the next refresh, although the consultation's tally did not change in between.
func TestResultsTwoInstancesLateCommit(t *testing.T) {
	db := pgtest.Database(t)
	ctx := context.Background()
	loaded, problems := survey.LoadFS(surveys.FS, ".")
	if problems != nil {
		t.Fatal(problems)
	}
	byID := map[string]*survey.Survey{}
	for _, sv := range loaded {
		byID[sv.ID] = sv
	}
	var servers []*Server
	for i := range 2 {
		st, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if i == 0 {
			for _, sv := range loaded {
				if err := st.SaveSurvey(ctx, sv); err != nil {
					t.Fatal(err)
				}
			}
			if err := demo.Load(ctx, st, byID, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		servers = append(servers, &Server{store: st, now: time.Now})
	}
	sv := byID["community-consultation"]

	// Other writers, at the level of SQL: each response a copy of a stored one under a new id,
	// with its writer's tallies line, as the group statement writes them.
	other, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	store1 := func(tx *sql.Tx, id, consultation string, writer int) int64 {
		t.Helper()
		var rid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO responses (id, consultation_id, session_id, survey_version, language,
			channel, grp, gender, age_band, disability, content_hash, received_at, record_key, answers_packed)
			SELECT $1, consultation_id, session_id, survey_version, language, channel, grp, gender, age_band, disability,
			content_hash, received_at, record_key, answers_packed FROM responses WHERE consultation_id = $2 ORDER BY rid LIMIT 1
			RETURNING rid`, id, consultation).Scan(&rid); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO tallies (consultation_id, writer, responses, last_rid, updated_at)
			VALUES ($1, $2, 1, $3, $4) ON CONFLICT (consultation_id, writer) DO UPDATE SET responses = tallies.responses + 1,
			last_rid = greatest(tallies.last_rid, excluded.last_rid), updated_at = excluded.updated_at`,
			consultation, writer, rid, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
			t.Fatal(err)
		}
		return rid
	}
	begin := func() *sql.Tx {
		t.Helper()
		tx, err := other.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	// refresh reads the consultation on both instances, checks they hold the same responses and
	// publish the same results, and returns how many they hold.
	refresh := func(when string) int {
		t.Helper()
		var lens []int
		var published [][]byte
		for _, s := range servers {
			d, err := s.dataset(ctx, demo.Community)
			if err != nil {
				t.Fatal(err)
			}
			lens = append(lens, d.Len())
			published = append(published, encodeReport(s.aggregate(d, sv, demo.Community, results.Filter{}), "es").plain)
		}
		if lens[0] != lens[1] || !bytes.Equal(published[0], published[1]) {
			t.Errorf("%s: the instances differ: %d and %d responses, same results %v", when, lens[0], lens[1],
				bytes.Equal(published[0], published[1]))
		}
		return lens[0]
	}

	start := refresh("at the start")
	if start < 2000 {
		t.Fatalf("%d demo responses read, want 2,000 or more", start)
	}
	txA := begin()
	defer txA.Rollback()
	ridA := store1(txA, "late-a", demo.Community, 91)
	txB := begin()
	ridB := store1(txB, "early-b", demo.Community, 92)
	if err := txB.Commit(); err != nil {
		t.Fatal(err)
	}
	if ridA >= ridB {
		t.Fatalf("rid of A %d, of B %d: the test needs A's smaller", ridA, ridB)
	}
	if n := refresh("A open, B committed"); n != start {
		t.Errorf("while A is open the instances hold %d responses, want the %d before (B waits for A)", n, start)
	}
	if err := txA.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := refresh("A committed"); n != start+2 {
		t.Errorf("after A commits the instances hold %d responses, want %d (A and B, once each)", n, start+2)
	}
	if n := refresh("again"); n != start+2 {
		t.Errorf("read again: %d responses, want %d", n, start+2)
	}

	// A transaction of another consultation holds the next response back.
	txChild := begin()
	defer txChild.Rollback()
	store1(txChild, "child-open", demo.Child, 91)
	txC := begin()
	store1(txC, "community-c", demo.Community, 92)
	if err := txC.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := refresh("child write open, C committed"); n != start+2 {
		t.Errorf("while the other write is open: %d responses, want %d", n, start+2)
	}
	if err := txChild.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := refresh("child write committed"); n != start+3 {
		t.Errorf("after the other write commits: %d responses, want %d (C, although the tally did not change since)", n, start+3)
	}
}

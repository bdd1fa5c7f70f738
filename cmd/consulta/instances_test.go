package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"consulta/internal/store/pgtest"
)

// TestTwoInstancesOnePostgres runs two real servers on one PostgreSQL database, as two instances
// behind one load balancer would: a response sent to one then the other is 201 then 200 (409 with
// other content), a cookie from one is accepted by the other, failed sign-ins count on both, the
// results are the same from both, and killing one under load loses nothing it acknowledged while
// the other keeps serving.
func TestTwoInstancesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	db := pgtest.Database(t)
	phase := time.Now()
	lap := func(what string) {
		t.Logf("%s: %v", what, time.Since(phase).Round(time.Millisecond))
		phase = time.Now()
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "consulta")
	build := exec.Command("go", "build", "-o", bin, "./cmd/consulta")
	build.Dir = moduleRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	lap("build")
	addrA, addrB := freeAddr(t), freeAddr(t)
	baseA, baseB := "http://"+addrA, "http://"+addrB
	a := startConsulta(t, bin, "serve", "--demo", "--db", db, "--addr", addrA, "--log-level", "warn")
	a.waitHealthy(t, baseA)
	b := startConsulta(t, bin, "serve", "--db", db, "--addr", addrB, "--log-level", "warn")
	b.waitHealthy(t, baseB)
	lap("start both")
	client := &http.Client{Timeout: 10 * time.Second,
		Transport:     &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer client.CloseIdleConnections()
	form := fetchSurvey(t, client, baseA)

	// One response id, sent to one instance and then the other.
	sample := form.submission(0)
	if st, err := sample.post(client, baseA); err != nil || st != http.StatusCreated {
		t.Fatalf("first submission to A = %d (%v), want 201", st, err)
	}
	if st, err := sample.post(client, baseB); err != nil || st != http.StatusOK {
		t.Errorf("the same response sent to B = %d (%v), want 200", st, err)
	}
	if st, err := (&crashSubmission{ID: sample.ID, body: otherBody(t, form, sample.ID)}).post(client, baseB); err != nil || st != http.StatusConflict {
		t.Errorf("the same id with other content sent to B = %d (%v), want 409", st, err)
	}

	// A cookie from A is accepted by B.
	signin := func(base, name, password string) (int, []*http.Cookie) {
		t.Helper()
		res, err := client.PostForm(base+"/signin", url.Values{"name": {name}, "password": {password}})
		if err != nil {
			t.Fatalf("sign in at %s: %v", base, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, res.Cookies()
	}
	st, cookies := signin(baseA, "planner", "demo-planner-2026")
	if st != http.StatusSeeOther || len(cookies) == 0 {
		t.Fatalf("planner's sign-in at A = %d with %d cookies, want 303 and a cookie", st, len(cookies))
	}
	results := func(base string, withCookie bool) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, base+"/api/consultations/demo-community/results", nil)
		if withCookie {
			for _, c := range cookies {
				req.AddCookie(c)
			}
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("results at %s: %v", base, err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	if st, _ := results(baseB, false); st == http.StatusOK {
		t.Fatalf("B gave the results without a cookie")
	}
	if st, body := results(baseB, true); st != http.StatusOK {
		t.Errorf("B refused A's cookie: %d %.200s", st, body)
	}
	lap("replay and cookie")

	// Both take responses at once, then give the same results (each catches up on its next request).
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Go(func() {
			for i := range 25 {
				base := []string{baseA, baseB}[(c+i)%2]
				if st, err := form.submission(1000+c*100+i).post(client, base); err != nil || st != http.StatusCreated {
					t.Errorf("submission to %s = %d (%v), want 201", base, st, err)
				}
			}
		})
	}
	wg.Wait()
	var fromA, fromB string
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		_, fromA = results(baseA, true)
		_, fromB = results(baseB, true)
		if fromA == fromB || time.Now().After(deadline) {
			break
		}
	}
	if fromA != fromB {
		t.Errorf("the results differ between the instances after 20 s:\nA: %.300s\nB: %.300s", fromA, fromB)
	}
	if !strings.Contains(fromA, "demo-community") {
		t.Errorf("results JSON: %.300s", fromA)
	}
	lap("results from both")

	// Failed sign-ins count on both: twenty from one address, for any accounts, make it wait, here
	// ten at A and ten at B, so even the right password at B is refused. Counted per process, B
	// would have seen ten and let it in. (Each name fails once: no account's own pause applies.)
	for i := range 20 {
		base := []string{baseA, baseB}[i%2]
		if st, _ := signin(base, fmt.Sprintf("nobody-%d", i), "not-the-password"); st != http.StatusUnauthorized {
			t.Fatalf("wrong sign-in %d at %s = %d, want 401", i+1, base, st)
		}
	}
	if st, _ := signin(baseB, "facilitator", "demo-facilitator-2026"); st != http.StatusTooManyRequests {
		t.Errorf("right password at B after twenty failures from its address on A and B = %d, want 429", st)
	}
	lap("throttling")

	// Eight tablets post to both; A is killed in the middle and B keeps taking responses.
	var mu sync.Mutex
	sent := map[string]*crashSubmission{}
	outcome := map[string]int{}
	var stop, killed atomic.Bool
	var seq atomic.Int64
	var afterKill, failedB atomic.Int64
	for c := range 8 {
		base := []string{baseA, baseB}[c%2]
		wg.Go(func() {
			for !stop.Load() {
				sub := form.submission(int(10000 + seq.Add(1)))
				st, err := sub.post(client, base)
				if err != nil {
					st = 0
				}
				if base == baseB {
					if st != http.StatusCreated {
						failedB.Add(1)
					} else if killed.Load() {
						afterKill.Add(1)
					}
				}
				mu.Lock()
				sent[sub.ID], outcome[sub.ID] = sub, st
				mu.Unlock()
				if base == baseA && killed.Load() {
					return
				}
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	a.kill(t)
	killed.Store(true)
	time.Sleep(1000 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	b.mustBeRunning(t)
	lap("load and kill")
	if failedB.Load() > 0 {
		t.Errorf("B failed %d submissions while A was killed", failedB.Load())
	}
	if afterKill.Load() < 10 {
		t.Errorf("B stored only %d responses after A was killed", afterKill.Load())
	}

	var acked []string
	for id, st := range outcome {
		if st == http.StatusCreated || st == http.StatusOK {
			acked = append(acked, id)
		}
	}
	pg, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	stored, err := loadStoredWith(pg, idsPostgres, acked)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range acked {
		if err := sent[id].check(stored[id]); err != nil {
			t.Errorf("acknowledged response %s: %v", id, err)
		}
	}
	t.Logf("acknowledged %d under load (%d by B after A was killed), every one stored once and whole", len(acked), afterKill.Load())
	b.stop(t)
}

// otherBody is a valid submission with the given id and other answers.
func otherBody(t *testing.T, form *crashSurvey, id string) []byte {
	t.Helper()
	sub := form.submission(1)
	return bytes.Replace(sub.body, []byte(sub.ID), []byte(id), 1)
}

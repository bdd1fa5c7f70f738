package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"consulta/internal/store"
)

// TestCrashDurability kills the real binary with SIGKILL while eight tablets post responses, then
// checks on the restarted database that every response the server acknowledged is stored, whole
// and once, and that every response that got no answer can simply be sent again.
func TestCrashDurability(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
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
	dbPath := filepath.Join(tmp, "c.db")
	addr := freeAddr(t)
	base := "http://" + addr

	first := startConsulta(t, bin, "serve", "--demo", "--db", dbPath, "--addr", addr, "--log-level", "warn")
	first.waitHealthy(t, base)
	lap("start with --demo")
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true}}
	defer client.CloseIdleConnections()
	form := fetchSurvey(t, client, base)

	// By hand first: a new response is 201, the same one again is 200.
	sample := form.submission(0)
	if st, err := sample.post(client, base); err != nil || st != http.StatusCreated {
		t.Fatalf("first submission = %d (%v), want 201", st, err)
	}
	if st, err := sample.post(client, base); err != nil || st != http.StatusOK {
		t.Fatalf("identical replay = %d (%v), want 200", st, err)
	}
	sent := map[string]*crashSubmission{sample.ID: sample}
	outcome := map[string]int{sample.ID: http.StatusCreated} // status, or 0 for no answer
	var mu sync.Mutex
	var stop atomic.Bool
	var wg sync.WaitGroup
	var seq atomic.Int64
	// Bodies are built before the load, so the clients spend their time on the wire.
	ready := make([]*crashSubmission, 3000)
	for i := range ready {
		ready[i] = form.submission(i + 1)
	}
	for range 8 {
		wg.Go(func() {
			for !stop.Load() {
				var sub *crashSubmission
				if n := int(seq.Add(1)); n <= len(ready) {
					sub = ready[n-1]
				} else {
					sub = form.submission(n)
				}
				st, err := sub.post(client, base)
				if err != nil {
					st = 0
				}
				mu.Lock()
				sent[sub.ID], outcome[sub.ID] = sub, st
				mu.Unlock()
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true) // no new request starts; those in flight meet the kill
	first.kill(t)
	wg.Wait()
	client.CloseIdleConnections()

	var acked, lost []string
	others := map[int]int{}
	for id, st := range outcome {
		switch st {
		case http.StatusCreated, http.StatusOK:
			acked = append(acked, id)
		case 0:
			lost = append(lost, id)
		default:
			others[st]++
		}
	}
	sort.Strings(acked)
	sort.Strings(lost)
	if len(others) > 0 {
		t.Errorf("statuses other than 201/200 under load: %v", others)
	}
	if len(acked) < 50 {
		t.Errorf("only %d responses acknowledged in 1.5 s: the load did not run", len(acked))
	}

	// A fresh port: the old one may have been taken by another program since the kill.
	addr = freeAddr(t)
	base = "http://" + addr
	second := startConsulta(t, bin, "serve", "--db", dbPath, "--addr", addr, "--log-level", "warn")
	second.waitHealthy(t, base)
	lap("load, kill and restart")
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check = %q (%v), want ok", integrity, err)
	}
	lap("integrity_check")
	// The tallies results check for news were committed with the responses: after the kill
	// they still equal a recount.
	if err := store.VerifyTallies(context.Background(), db); err != nil {
		t.Errorf("tallies after the kill: %v", err)
	}
	lap("tallies against responses")
	stored, err := loadStored(db, acked)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range acked {
		if err := sent[id].check(stored[id]); err != nil {
			t.Errorf("acknowledged response %s: %v", id, err)
		}
	}
	lap("acknowledged checks")
	committedUnanswered, err := loadStored(db, lost)
	if err != nil {
		t.Fatal(err)
	}

	// A tablet that got no answer sends the same body again: it is stored, once.
	resent := map[int]int{}
	for _, id := range lost {
		st, err := sent[id].post(client, base)
		resent[st]++
		if err != nil {
			second.mustBeRunning(t)
			t.Fatalf("re-sent response %s: %v", id, err)
		}
		// 200 when the kill came after the commit but before the answer, 201 otherwise.
		want := http.StatusCreated
		if committedUnanswered[id] != nil {
			want = http.StatusOK
		}
		if st != want {
			t.Errorf("re-sent response %s = %d, want %d", id, st, want)
		}
	}
	if stored, err = loadStored(db, lost); err != nil {
		t.Fatal(err)
	}
	for _, id := range lost {
		if err := sent[id].check(stored[id]); err != nil {
			t.Errorf("re-sent response %s: %v", id, err)
		}
	}
	// A tablet that missed the 201 and sends again gets 200 and nothing changes (a sample).
	replayed := map[int]int{}
	for _, id := range acked[:min(len(acked), 50)] {
		st, err := sent[id].post(client, base)
		replayed[st]++
		if err != nil {
			second.mustBeRunning(t)
			t.Fatalf("replay of acknowledged response %s: %v", id, err)
		}
		if st != http.StatusOK {
			t.Errorf("replay of acknowledged response %s = %d (%v), want 200", id, st, err)
		}
	}
	lap("re-sends and replays")
	second.mustBeRunning(t)
	var total int
	if err := db.QueryRow(`SELECT count(*) FROM responses WHERE id IN (SELECT value FROM json_each(?))`,
		mustJSON(t, append(slices.Clone(acked), lost...))).Scan(&total); err != nil {
		t.Fatal(err)
	}
	if total != len(acked)+len(lost) {
		t.Errorf("stored %d of the %d responses sent", total, len(acked)+len(lost))
	}
	if err := store.VerifyTallies(context.Background(), db); err != nil {
		t.Errorf("tallies after re-sends and replays: %v", err)
	}
	t.Logf("acknowledged %d; lost in flight %d (%d of them committed before the kill); re-sent %d (statuses %v); replays of acknowledged %v",
		len(acked), len(lost), len(committedUnanswered), len(lost), resent, replayed)
	second.stop(t)
}

// moduleRoot walks up from the test's working directory to the folder holding go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's working directory")
		}
		dir = parent
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// lockedBuffer collects a child process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// consultaProcess is the binary running as a server.
type consultaProcess struct {
	cmd    *exec.Cmd
	output *lockedBuffer
	done   chan struct{}
}

func startConsulta(t *testing.T, bin string, args ...string) *consultaProcess {
	t.Helper()
	p := &consultaProcess{cmd: exec.Command(bin, args...), output: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.output, p.output
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %v: %v", args, err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *consultaProcess) waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			t.Fatalf("consulta exited before answering /healthz:\n%s", p.output)
		default:
		}
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				// Another program on the port could have answered: this one must still be running.
				time.Sleep(200 * time.Millisecond)
				p.mustBeRunning(t)
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("consulta did not answer /healthz in 20 s:\n%s", p.output)
}

func (p *consultaProcess) mustBeRunning(t *testing.T) {
	t.Helper()
	select {
	case <-p.done:
		t.Fatalf("consulta exited: %v\n%s", p.cmd.ProcessState, p.output)
	default:
	}
}

func (p *consultaProcess) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("SIGKILL: %v", err)
	}
	<-p.done
}

// stop asks for a graceful shutdown, as an operator would.
func (p *consultaProcess) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Errorf("consulta did not stop on SIGTERM:\n%s", p.output)
	}
}

// crashQuestion is what the survey API says of one question.
type crashQuestion struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Choices []struct {
		ID string `json:"id"`
	} `json:"choices"`
	Rank         int             `json:"rank"`
	Points       int             `json:"points"`
	MaxLength    int             `json:"max_length"`
	Min          *int            `json:"min"`
	Max          *int            `json:"max"`
	RelevantExpr json.RawMessage `json:"relevant_expr"`
}

type crashSurvey struct {
	Version   string          `json:"version"`
	Questions []crashQuestion `json:"questions"`
}

func fetchSurvey(t *testing.T, client *http.Client, base string) *crashSurvey {
	t.Helper()
	res, err := client.Get(base + "/api/consultations/demo-community/survey")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var sv crashSurvey
	if err := json.NewDecoder(res.Body).Decode(&sv); err != nil || res.StatusCode != http.StatusOK || sv.Version == "" {
		t.Fatalf("GET survey = %d, %v", res.StatusCode, err)
	}
	return &sv
}

// crashSubmission is one response as sent, and the rows it must leave in answers.
type crashSubmission struct {
	ID                   string
	Group, Gender, Age   string
	body                 []byte
	want                 map[string][]string // question -> stored rows, as "choice|position|number|text"
	answeredQuestionRows int
}

var (
	crashGroups  = []string{"host", "displaced", "refugee", "returnee", "migrant", "prefer_not"}
	crashGenders = []string{"female", "male", "other", "prefer_not"}
	crashAges    = []string{"age_18_29", "age_30_59", "age_60_plus"}
)

// submission answers the profile with fixed valid choices and every question that has no
// relevant expression, so skip logic never refuses it; the other questions are left out.
func (sv *crashSurvey) submission(n int) *crashSubmission {
	sub := &crashSubmission{ID: newCrashUUID(), Group: crashGroups[n%len(crashGroups)],
		Gender: crashGenders[n%len(crashGenders)], Age: crashAges[n%len(crashAges)], want: map[string][]string{}}
	answers := map[string]any{"group": sub.Group, "gender": sub.Gender, "age_band": sub.Age}
	row := func(q, choice string, position int, number *int, text string) {
		num := ""
		if number != nil {
			num = fmt.Sprint(*number)
		}
		sub.want[q] = append(sub.want[q], fmt.Sprintf("%s|%d|%s|%s", choice, position, num, text))
	}
	for _, k := range []string{"group", "gender", "age_band"} {
		row(k, answers[k].(string), 0, nil, "")
	}
	for i, q := range sv.Questions {
		if len(q.RelevantExpr) > 0 || answers[q.ID] != nil {
			continue
		}
		pick := func(k int) string { return q.Choices[(n+i+k)%len(q.Choices)].ID }
		switch q.Type {
		case "select_one":
			answers[q.ID] = pick(0)
			row(q.ID, pick(0), 0, nil, "")
		case "select_multiple":
			c := pick(0)
			if c == "prefer_not" || c == "none" {
				c = q.Choices[0].ID
			}
			answers[q.ID] = []string{c}
			row(q.ID, c, 0, nil, "")
		case "rank":
			var ids []string
			for k := 0; len(ids) < q.Rank && k < len(q.Choices); k++ {
				if c := pick(k); c != "prefer_not" {
					ids = append(ids, c)
				}
			}
			answers[q.ID] = ids
			for p, c := range ids {
				row(q.ID, c, p+1, nil, "")
			}
		case "scale":
			v := 1 + (n+i)%q.Points
			answers[q.ID] = v
			row(q.ID, "", 0, &v, "")
		case "integer":
			lo, hi := 0, 100
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = *q.Max
			}
			v := lo + (n+i)%(hi-lo+1)
			answers[q.ID] = v
			row(q.ID, "", 0, &v, "")
		case "yes_no":
			v := (n+i)%2 == 0
			answers[q.ID] = v
			row(q.ID, map[bool]string{true: "yes", false: "no"}[v], 0, nil, "")
		case "text":
			v := fmt.Sprintf("Agua potable para el barrio %d, ¡ya!", n)
			answers[q.ID] = v
			row(q.ID, "", 0, nil, v)
		}
	}
	for _, rows := range sub.want {
		sub.answeredQuestionRows += len(rows)
	}
	sub.body, _ = json.Marshal(map[string]any{"id": sub.ID, "survey_version": sv.Version, "language": "es", "answers": answers})
	return sub
}

func (s *crashSubmission) post(client *http.Client, base string) (int, error) {
	res, err := client.Post(base+"/api/consultations/demo-community/responses", "application/json", bytes.NewReader(s.body))
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

// storedResponse is how the database holds one response: its copies, profile and answer rows.
type storedResponse struct {
	copies             int
	group, gender, age string
	rows               map[string][]string // question -> "choice|position|number|text"
	total              int
}

// idsSQLite and idsPostgres select the ids of a JSON array given as the one argument.
const (
	idsSQLite   = `SELECT value FROM json_each(?)`
	idsPostgres = `SELECT json_array_elements_text($1::json)`
)

// loadStored reads the responses with these ids and their answer rows from SQLite, in two queries.
func loadStored(db *sql.DB, ids []string) (map[string]*storedResponse, error) {
	return loadStoredWith(db, idsSQLite, ids)
}

func loadStoredWith(db *sql.DB, idsQuery string, ids []string) (map[string]*storedResponse, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	out := map[string]*storedResponse{}
	packed := map[string][]byte{}
	rows, err := db.Query(`SELECT id, coalesce(grp, ''), coalesce(gender, ''), coalesce(age_band, ''), answers_packed
		FROM responses WHERE id IN (`+idsQuery+`)`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, grp, gender, age string
		var answers []byte
		if err := rows.Scan(&id, &grp, &gender, &age, &answers); err != nil {
			return nil, err
		}
		r := out[id]
		if r == nil {
			r = &storedResponse{rows: map[string][]string{}}
			out[id] = r
		}
		r.copies++
		r.group, r.gender, r.age = grp, gender, age
		packed[id] = answers
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The answers table holds what people wrote; every other answer is packed with its response.
	texts, err := db.Query(`SELECT r.id, a.question, a.text FROM answers a JOIN responses r ON r.rid = a.rid
		WHERE r.id IN (`+idsQuery+`) AND a.text IS NOT NULL`, string(list))
	if err != nil {
		return nil, err
	}
	defer texts.Close()
	written := map[string]map[string]string{}
	for texts.Next() {
		var id, q, text string
		if err := texts.Scan(&id, &q, &text); err != nil {
			return nil, err
		}
		if written[id] == nil {
			written[id] = map[string]string{}
		}
		written[id][q] = text
	}
	if err := texts.Err(); err != nil {
		return nil, err
	}
	for id, r := range out {
		answers, err := store.PackedAnswers(packed[id], written[id])
		if err != nil {
			return nil, fmt.Errorf("response %s: %w", id, err)
		}
		for _, a := range answers {
			number := ""
			if a.Number != nil {
				number = strconv.Itoa(*a.Number)
			}
			r.rows[a.Question] = append(r.rows[a.Question], fmt.Sprintf("%s|%d|%s|%s", a.Choice, a.Position, number, a.Text))
			r.total++
		}
	}
	return out, nil
}

// check says what is wrong with how a response was stored, or nil when it is there once and whole.
func (s *crashSubmission) check(got *storedResponse) error {
	if got == nil || got.copies != 1 {
		n := 0
		if got != nil {
			n = got.copies
		}
		return fmt.Errorf("stored %d times, want once", n)
	}
	if got.group != s.Group || got.gender != s.Gender || got.age != s.Age {
		return fmt.Errorf("profile %s/%s/%s, want %s/%s/%s", got.group, got.gender, got.age, s.Group, s.Gender, s.Age)
	}
	if got.total < s.answeredQuestionRows {
		return fmt.Errorf("%d answer rows, want at least %d", got.total, s.answeredQuestionRows)
	}
	var problems []string
	for q, want := range s.want {
		if !slices.Equal(got.rows[q], want) {
			problems = append(problems, fmt.Sprintf("%s = %q, want %q", q, got.rows[q], want))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func newCrashUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Command bench measures a consulta binary: it starts it on a loopback port with a fresh demo
// database, loads it with submissions up to 100,000 responses and prints one table of throughput,
// latency, results-page times, memory, start-up time and page weight, with the same figures as JSON.
// It is a program, not a test: nothing in it fails on a time.
//
//	go build -o bin/consulta ./cmd/consulta && go run ./cmd/bench --binary bin/consulta
package main

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"flag"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"consulta/internal/demo"
)

type options struct {
	binary   string
	duration time.Duration
	max      int
	jsonPath string
	fillMax  time.Duration
	timeout  time.Duration
	postgres bool
	pgOnly   bool
	pgFsync  bool

	scaleResponses     int
	scaleConsultations int
	curve              []int
	curveText          string
	scaleOnly          bool
}

const (
	firstPoint  = 10_000 // responses at the first results measurement
	repeats     = 10     // warm requests behind each results median
	stopLimit   = 20 * time.Second
	resultsPage = "/consultations/" + demo.Community + "/results"
	respondent  = "/c/" + demo.Community
)

// planner is the demo account the results are read with; demo mode prints its password.
func planner() (name, password string) {
	for _, a := range demo.Accounts {
		if a.Name == "planner" {
			return a.Name, a.Password
		}
	}
	return "planner", "demo-planner-2026"
}

// submissionSteps are the SQLite submission runs in order. The two at 8 clients, without and with
// a planner polling the results JSON, are compared with each other: they alternate in
// alternateRounds slices each, the first of the pair first in even rounds and second in odd ones
// (A B B A A B B A), so that a change of the machine's speed during the bench, and the
// consultation growing through it, fall on both alike; each is reported as one run.
var submissionSteps = [][]submissionKind{{{1, false}}, {{8, false}, {8, true}}, {{32, false}}}

type submissionKind struct {
	clients int
	poller  bool
}

const alternateRounds = 4

func main() {
	os.Exit(run())
}

func run() int {
	var o options
	flag.StringVar(&o.binary, "binary", "bin/consulta", "the consulta binary to measure")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long each submission run lasts at most (on SQLite the runs also stop once they have stored, between them, the responses the results consultation may take before its next size)")
	flag.IntVar(&o.max, "max", 100_000, "responses the consultation holds at the last results measurement")
	flag.StringVar(&o.jsonPath, "json", "bench.json", "where to write the figures as JSON (empty: nowhere)")
	flag.DurationVar(&o.fillMax, "fill-timeout", 10*time.Minute, "give up one fill after this long")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up the whole run after this long")
	flag.BoolVar(&o.postgres, "postgres", true, "also measure submissions on a throwaway PostgreSQL cluster, with one and two instances")
	flag.BoolVar(&o.pgFsync, "postgres-fsync", true, "keep fsync and synchronous commit on in the PostgreSQL cluster (off: as the tests run it)")
	flag.BoolVar(&o.pgOnly, "postgres-only", false, "measure only the PostgreSQL submissions (quicker, for comparing runs)")
	flag.IntVar(&o.scaleResponses, "scale-responses", 1_000_000, "responses of the large database, seeded through the store (0: no large database)")
	flag.IntVar(&o.scaleConsultations, "scale-consultations", 50, "consultations they are spread over")
	flag.StringVar(&o.curveText, "curve", "10000,100000,1000000", "sizes of one consultation to measure results time and RSS at (empty: none)")
	flag.BoolVar(&o.scaleOnly, "scale-only", false, "measure only the large database and the curve")
	flag.Parse()
	for f := range strings.SplitSeq(o.curveText, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || (len(o.curve) > 0 && n <= o.curve[len(o.curve)-1]) {
			fmt.Fprintln(os.Stderr, "bench: --curve takes growing sizes, such as 10000,100000")
			return 2
		}
		o.curve = append(o.curve, n)
	}
	if flag.NArg() > 0 || o.duration <= 0 || o.max < 1 {
		flag.Usage()
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	rep := &report{Date: time.Now().Format(time.DateOnly), Cores: runtime.NumCPU(), Binary: o.binary,
		RunSeconds: o.duration.Seconds()}
	var err error
	if !o.pgOnly && !o.scaleOnly {
		err = measure(ctx, o, rep)
	}
	if err == nil && !o.scaleOnly && (o.postgres || o.pgOnly) {
		err = measurePostgres(ctx, o, rep)
	}
	// Last: the large databases take longest, and a timeout there leaves every other figure.
	if err == nil && !o.pgOnly && (o.scaleResponses > 0 || len(o.curve) > 0) {
		err = measureScale(ctx, o, rep)
	}
	if err != nil {
		rep.Error = err.Error()
	}
	rep.judge()
	rep.print(os.Stdout)
	if o.jsonPath != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if werr := os.WriteFile(o.jsonPath, append(b, '\n'), 0o644); werr != nil {
			fmt.Fprintln(os.Stderr, "bench:", werr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	return 0
}

var started = time.Now()

// progress says on stderr what the run is doing, so five quiet minutes do not look like a hang.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench %5.0fs  %s\n", time.Since(started).Seconds(), fmt.Sprintf(format, args...))
}

// measure runs every phase, filling rep as it goes, so a failure still leaves the figures so far.
// The submission runs come after the first results measurement: 1, 8 and 32 clients for
// --duration each can store tens of thousands of responses, which would overshoot 10,000; they
// share a budget of what the consultation may take before the next point, not to overshoot it.
func measure(ctx context.Context, o options, rep *report) error {
	binary, err := filepath.Abs(o.binary)
	if err != nil {
		return err
	}
	info, err := os.Stat(binary)
	if err != nil {
		return err
	}
	rep.Server.BinaryBytes = info.Size()
	if bi, err := buildinfo.ReadFile(binary); err == nil {
		rep.GoVersion = bi.GoVersion
	}
	dir, err := os.MkdirTemp("", "consulta-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "b.db")

	progress("starting %s serve --demo", o.binary)
	srv, err := startServer(ctx, binary, dir, db, true)
	if err != nil {
		return err
	}
	defer srv.kill()
	rep.Server.DemoStartMS = ms(srv.startup)
	progress("ready at %s (pid %d) after %s", srv.base, srv.pid(), srv.startup.Round(time.Millisecond))

	sv, err := fetchSurvey(ctx, &http.Client{Timeout: 30 * time.Second, CheckRedirect: noRedirects}, srv.base, demo.Community)
	if err != nil {
		return err
	}
	stored := demo.Responses
	if err := precheck(ctx, srv.base, sv); err != nil {
		return err
	}
	stored += precheckCount

	name, password := planner()
	staff, err := signIn(ctx, srv.base, name, password)
	if err != nil {
		return err
	}
	points := []int{o.max}
	if o.max > firstPoint {
		points = []int{firstPoint, o.max}
	}
	for i, target := range points {
		progress("filling from %d to %d responses with %d clients", stored, target, fillClients)
		f := fill(ctx, srv.base, demo.Community, sv, stored, target, o.fillMax)
		rep.Fills = append(rep.Fills, f)
		stored += f.Created
		if err := ctx.Err(); err != nil {
			return err
		}
		progress("measuring results at %d responses", stored)
		rep.Results = append(rep.Results, measureResults(ctx, staff, srv.base, stored))
		if i > 0 {
			continue
		}
		// The runs share what the consultation may take before the next point, so that point
		// is measured at its size however fast the machine stores responses.
		runs := 0
		for _, step := range submissionSteps {
			runs += len(step)
		}
		budget := 0
		if len(points) > 1 {
			budget = (points[1] - target) / runs
		}
		for _, step := range submissionSteps {
			rounds := 1
			if len(step) > 1 {
				rounds = alternateRounds
			}
			parts := make([][]runResult, len(step))
			for round := range rounds {
				for i := range step {
					k := i
					if round%2 == 1 {
						k = len(step) - 1 - i
					}
					run := step[k]
					var poller *http.Client
					if run.poller {
						poller = staff
					}
					d, b := o.duration/time.Duration(rounds), budget/rounds
					progress("submissions: %d clients for %s or %d responses (poller: %v)", run.clients, d, b, run.poller)
					r := submissionRun(ctx, []string{srv.base}, demo.Community, sv, run.clients, d, b, poller,
						&cpuMeter{instances: []int{srv.pid()}})
					parts[k] = append(parts[k], r)
					stored += r.Created
					if err := ctx.Err(); err != nil {
						return err
					}
				}
			}
			for _, runs := range parts {
				rep.Submissions = append(rep.Submissions, mergeRuns(runs))
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}

	progress("page weight")
	rep.Weight = []pageWeight{
		weigh(ctx, nil, srv.base, respondent),
		weigh(ctx, staff.Jar, srv.base, resultsPage),
	}
	peak, current, err := memory(srv.pid())
	if err != nil {
		return err
	}
	rep.Server.PeakRSSBytes, rep.Server.RSSBytes = peak, current

	progress("stopping with SIGTERM")
	took, code, err := srv.stop(stopLimit)
	rep.Server.StopMS, rep.Server.StopExitCode = ms(took), code
	if err != nil {
		rep.Server.StopError = err.Error()
	}

	progress("restarting on the same database (%d responses), without --demo", stored)
	again, err := startServer(ctx, binary, dir, db, false)
	if err != nil {
		return err
	}
	defer again.kill()
	rep.Server.StartupMS, rep.Server.StartupResponses = ms(again.startup), stored
	staff, err = signIn(ctx, again.base, name, password)
	if err != nil {
		return err
	}
	rep.Server.FirstResults = timeRoute(ctx, staff, again.base, resultsPage, 0)
	_, rep.Server.RestartExitCode, err = again.stop(stopLimit)
	if err != nil {
		return fmt.Errorf("restarted server: %w", err)
	}
	progress("done")
	return nil
}

const precheckCount = 20

// precheck posts a few responses one by one: if the server refuses any, the generator and the
// server disagree and no figure would mean anything, so the run stops with the server's reason.
func precheck(ctx context.Context, base string, sv *surveyDef) error {
	p := newPoster(base, demo.Community, sv, 1)
	defer p.client.CloseIdleConnections()
	rng := mathrand.New(mathrand.NewPCG(0, 0))
	for range precheckCount {
		if o := p.post(ctx, rng); !o.created {
			return fmt.Errorf("a generated response was refused: %s %s", o.kind, clip(o.body, 1000))
		}
	}
	return nil
}

// measureResults times the results page, the CSV export and the JSON results at one size.
func measureResults(ctx context.Context, c *http.Client, base string, responses int) resultsPoint {
	return resultsPoint{
		Responses: responses,
		Page:      timeRoute(ctx, c, base, resultsPage, repeats),
		CSV:       timeRoute(ctx, c, base, resultsPage+".csv", repeats),
		JSON:      timeRoute(ctx, c, base, "/api/consultations/"+demo.Community+"/results", repeats),
	}
}

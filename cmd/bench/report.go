package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// report holds every figure; it is printed as one table and written as JSON.
type report struct {
	Date        string         `json:"date"`
	Cores       int            `json:"cores"`
	GoVersion   string         `json:"go_version"` // the binary's, from its build info
	Binary      string         `json:"binary"`
	RunSeconds  float64        `json:"seconds_per_submission_run"`
	Submissions []runResult    `json:"submissions"`
	Fills       []fillResult   `json:"fills"`
	Results     []resultsPoint `json:"results"`
	Server      serverFigures  `json:"server"`
	Weight      []pageWeight   `json:"page_weight"`
	Scale       *scaleFigures  `json:"scale,omitempty"`
	Targets     []target       `json:"targets"`
	Error       string         `json:"error,omitempty"`
}

type resultsPoint struct {
	Responses int         `json:"responses"`
	Page      routeTiming `json:"page"`
	CSV       routeTiming `json:"csv"`
	JSON      routeTiming `json:"json"`
}

type serverFigures struct {
	BinaryBytes      int64       `json:"binary_bytes"`
	DemoStartMS      float64     `json:"demo_start_ms"`  // exec to /healthz 200, demo data included
	PeakRSSBytes     int64       `json:"peak_rss_bytes"` // VmHWM at the end of the run
	RSSBytes         int64       `json:"rss_bytes"`      // VmRSS at the end of the run
	StopMS           float64     `json:"stop_ms"`        // SIGTERM to exit
	StopExitCode     int         `json:"stop_exit_code"`
	StopError        string      `json:"stop_error,omitempty"`
	RestartExitCode  int         `json:"restart_stop_exit_code"` // the restarted server, stopped the same way
	StartupMS        float64     `json:"startup_ms"`             // exec to /healthz 200 on the filled database
	StartupResponses int         `json:"startup_responses"`
	FirstResults     routeTiming `json:"first_results_after_restart"`
}

// target is one goal and how the run did against it.
type target struct {
	Goal   string `json:"goal"`
	Result string `json:"result"` // met, missed or not measured
	Detail string `json:"detail"`
}

const (
	goalRate    = 2000.0 // responses per second at 8 clients
	goalRatePG  = 1500.0 // the same on PostgreSQL, one instance
	goalP99     = 50.0   // ms at 8 clients
	goalPage    = 100.0  // ms, results page at 100,000 responses, warm
	goalCold    = 1000.0 // ms, results page or JSON at 100,000 responses, cold
	goalPolled  = 0.9    // share of the throughput at 8 clients kept with a planner polling results
	goalPagesAt = 100_000
	goalRSS     = 200 << 20
	goalWeight  = 60 << 10
	goalStart   = 2000.0 // ms, start-up on the large database
)

// judge compares the figures with the targets.
func (r *report) judge() {
	r.Targets = nil
	add := func(goal, result, detail string) { r.Targets = append(r.Targets, target{goal, result, detail}) }

	rateGoal := func(database string, instances int, rate float64) {
		goal := fmt.Sprintf(">= %s resp/s at 8 clients with p99 < %.0f ms", commas(int(rate)), goalP99)
		if database != "sqlite" {
			goal += fmt.Sprintf(" (%s, %d instance)", database, instances)
		}
		var at8 *runResult
		for i := range r.Submissions {
			if s := &r.Submissions[i]; s.Clients == 8 && !s.Poller && s.Database == database && s.Instances == instances {
				at8 = s
			}
		}
		switch {
		case at8 == nil || at8.Created == 0:
			add(goal, "not measured", "no response stored at 8 clients")
		default:
			var misses []string
			if at8.PerSecond < rate {
				misses = append(misses, fmt.Sprintf("%s resp/s is %s short (%.0f%% of the target)",
					commas(int(at8.PerSecond)), commas(int(rate-at8.PerSecond)), 100*at8.PerSecond/rate))
			}
			if at8.P99MS >= goalP99 {
				misses = append(misses, fmt.Sprintf("p99 %s is %s over", duration(at8.P99MS), duration(at8.P99MS-goalP99)))
			}
			detail := fmt.Sprintf("%s resp/s, p99 %s", commas(int(at8.PerSecond)), duration(at8.P99MS))
			if at8.Errors > 0 {
				detail += fmt.Sprintf(", %d errors", at8.Errors)
			}
			if len(misses) > 0 {
				add(goal, "missed", strings.Join(misses, "; "))
			} else {
				add(goal, "met", detail)
			}
		}
	}
	rateGoal("sqlite", 1, goalRate)
	rateGoal("postgres", 1, goalRatePG)

	goal := fmt.Sprintf(">= %.0f%% of the SQLite throughput at 8 clients with a planner polling results every %s", 100*goalPolled, pollEvery)
	var at8, polled *runResult
	for i := range r.Submissions {
		switch s := &r.Submissions[i]; {
		case s.Database != "sqlite" || s.Clients != 8:
		case s.Poller:
			polled = s
		default:
			at8 = s
		}
	}
	switch {
	case at8 == nil || polled == nil || at8.Created == 0:
		add(goal, "not measured", "no run at 8 clients with and without a poller")
	default:
		share := polled.PerSecond / at8.PerSecond
		detail := fmt.Sprintf("%s resp/s with the poller, %s without (%.0f%%), p99 %s; %d polls, median %s",
			commas(int(polled.PerSecond)), commas(int(at8.PerSecond)), 100*share, duration(polled.P99MS), polled.Polls, duration(polled.PollMedianMS))
		if polled.PollErrors > 0 {
			detail += fmt.Sprintf(", %d polls failed", polled.PollErrors)
		}
		if share >= goalPolled {
			add(goal, "met", detail)
		} else {
			add(goal, "missed", detail)
		}
	}

	goal = fmt.Sprintf("results cold < %.0f ms (first after new responses, first after a restart) at %s responses",
		goalCold, commas(goalPagesAt))
	if len(r.Results) > 0 {
		last := r.Results[len(r.Results)-1]
		worst := max(last.Page.ColdMS, last.JSON.ColdMS, r.Server.FirstResults.ColdMS)
		detail := fmt.Sprintf("page %s, json %s after the fill; page %s after the restart", duration(last.Page.ColdMS),
			duration(last.JSON.ColdMS), duration(r.Server.FirstResults.ColdMS))
		switch {
		case !last.Page.ok() || !r.Server.FirstResults.ok():
			add(goal, "not measured", detail)
		case worst < goalCold:
			add(goal, "met", detail)
		default:
			add(goal, "missed", detail)
		}
	}

	goal = fmt.Sprintf("results page < %.0f ms at %s responses (median of %d)", goalPage, commas(goalPagesAt), repeats)
	if len(r.Results) == 0 {
		add(goal, "not measured", "no results measurement")
	} else {
		last := r.Results[len(r.Results)-1]
		p := last.Page
		detail := fmt.Sprintf("median %s, cold %s at %s responses", duration(p.MedianMS), duration(p.ColdMS), commas(last.Responses))
		if last.Responses < goalPagesAt {
			detail += fmt.Sprintf(" (only %s: see --max)", commas(last.Responses))
		}
		switch {
		case p.Missing:
			add(goal, "not measured", p.Path+" is missing (404)")
		case !p.ok():
			add(goal, "not measured", p.Path+" answered "+statusText(p))
		case p.MedianMS < goalPage:
			add(goal, "met", detail)
		default:
			add(goal, "missed", fmt.Sprintf("by %s: %s", duration(p.MedianMS-goalPage), detail))
		}
	}

	goal = "peak RSS < 200 MB"
	switch s := r.Server; {
	case s.PeakRSSBytes == 0:
		add(goal, "not measured", "no VmHWM read")
	case s.PeakRSSBytes < goalRSS:
		add(goal, "met", fmt.Sprintf("peak %s, %s under", size(s.PeakRSSBytes), size(goalRSS-s.PeakRSSBytes)))
	default:
		add(goal, "missed", fmt.Sprintf("by %s: peak %s", size(s.PeakRSSBytes-goalRSS), size(s.PeakRSSBytes)))
	}

	if sc := r.Scale; sc != nil && sc.Responses > 0 {
		goal = fmt.Sprintf("%s responses over %d consultations: peak RSS < 200 MB, start < %.0f s", commas(sc.Responses), sc.Consultations, goalStart/1000)
		detail := fmt.Sprintf("peak %s after reading every consultation's results, start %s", sizeOrDash(sc.PeakRSSBytes), duration(sc.StartupMS))
		switch {
		case sc.PeakRSSBytes == 0 || sc.StartupMS == 0:
			add(goal, "not measured", sc.Error)
		case sc.PeakRSSBytes < goalRSS && sc.StartupMS < goalStart:
			add(goal, "met", detail)
		default:
			add(goal, "missed", detail)
		}
	}

	goal = "respondent page < 60 KB gzipped, with its files"
	switch {
	case len(r.Weight) == 0 || r.Weight[0].Status != http.StatusOK:
		add(goal, "not measured", "the respondent page did not answer 200")
	case r.Weight[0].Bytes < goalWeight:
		add(goal, "met", fmt.Sprintf("%s in %d files, %s under", size(r.Weight[0].Bytes), len(r.Weight[0].Files), size(goalWeight-r.Weight[0].Bytes)))
	default:
		add(goal, "missed", fmt.Sprintf("by %s: %s in %d files", size(r.Weight[0].Bytes-goalWeight), size(r.Weight[0].Bytes), len(r.Weight[0].Files)))
	}
}

// print writes the table, then one line per target.
func (r *report) print(out io.Writer) {
	goVersion := r.GoVersion
	if goVersion == "" {
		goVersion = "go version unknown"
	}
	fmt.Fprintf(out, "\nConsulta benchmark  (%d cores, %s, %s)\n", r.Cores, goVersion, r.Date)

	section := func(label string, rows [][]string) {
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for i, row := range rows {
			first := ""
			if i == 0 {
				first = label
			}
			fmt.Fprintf(tw, "%-14s%s\n", first, strings.Join(row, "\t"))
		}
		tw.Flush()
	}

	rows := [][]string{{"database", "instances", "clients", "resp/s", "median", "p99", "stored", "errors", "polls (median)",
		"CPU a response: database / instances / clients"}}
	for _, s := range r.Submissions {
		clients, polls := strconv.Itoa(s.Clients), "-"
		if s.Poller {
			clients += " + poller"
		}
		if s.Rounds > 1 {
			clients += fmt.Sprintf(" (%d slices)", s.Rounds)
		}
		if s.Poller {
			polls = fmt.Sprintf("%d (%s)", s.Polls, duration(s.PollMedianMS))
			if s.PollErrors > 0 {
				polls += fmt.Sprintf(", %d failed", s.PollErrors)
			}
		}
		rows = append(rows, []string{s.Database, strconv.Itoa(s.Instances), clients, commas(int(s.PerSecond)), duration(s.MedianMS),
			duration(s.P99MS), commas(s.Created), errorsText(s.Errors, s.ByKind), polls, cpuText(s)})
	}
	section("submissions", rows)

	rows = [][]string{{"clients", "resp/s", "responses", "took", "errors"}}
	for _, f := range r.Fills {
		if f.From >= f.Target {
			rows = append(rows, []string{"-", "-", commas(f.From), "already past " + commas(f.Target), "-"})
			continue
		}
		took := fmt.Sprintf("%.0f s", f.Seconds)
		if f.Stopped != "" {
			took += " (stopped: " + f.Stopped + ")"
		}
		rows = append(rows, []string{strconv.Itoa(fillClients), commas(int(f.PerSecond)),
			commas(f.From) + " → " + commas(f.From+f.Created), took, errorsText(f.Errors, f.ByKind)})
	}
	section("fill", rows)

	rows = [][]string{{"responses", "page cold", "page median", "csv cold", "csv median", "json cold", "json median", "page size", "csv size", "json size"}}
	for _, p := range r.Results {
		rows = append(rows, []string{commas(p.Responses),
			timing(p.Page, p.Page.ColdMS), timing(p.Page, p.Page.MedianMS),
			timing(p.CSV, p.CSV.ColdMS), timing(p.CSV, p.CSV.MedianMS),
			timing(p.JSON, p.JSON.ColdMS), timing(p.JSON, p.JSON.MedianMS),
			bodySize(p.Page), bodySize(p.CSV), bodySize(p.JSON)})
	}
	section("results", rows)

	s := r.Server
	rows = [][]string{
		{"peak RSS", "RSS at end", "binary size", "demo start", "start-up (" + commas(s.StartupResponses) + ")", "first results after restart", "SIGTERM stop"},
		{sizeOrDash(s.PeakRSSBytes), sizeOrDash(s.RSSBytes), sizeOrDash(s.BinaryBytes), duration(s.DemoStartMS), duration(s.StartupMS),
			timing(s.FirstResults, s.FirstResults.ColdMS), stopText(s)},
	}
	section("server", rows)

	rows = nil
	var pages []string
	for _, w := range r.Weight {
		name := "respondent page"
		if w.Page == resultsPage {
			name = "results page"
		}
		if w.Status != http.StatusOK {
			pages = append(pages, fmt.Sprintf("%s %s", name, weightStatus(w)))
			continue
		}
		pages = append(pages, fmt.Sprintf("%s %s gz (%d files)", name, size(w.Bytes), len(w.Files)))
	}
	if len(pages) > 0 {
		rows = append(rows, []string{strings.Join(pages, "   ")})
		var big []string
		for _, f := range largest(r.Weight, 3) {
			gz := "gz"
			if !f.Gzipped {
				gz = "not gzipped"
			}
			big = append(big, fmt.Sprintf("%s %s %s", f.Path, size(f.Bytes), gz))
		}
		rows = append(rows, []string{"largest: " + strings.Join(big, ", ")})
		for _, w := range r.Weight {
			for _, f := range w.Files {
				if f.Status != http.StatusOK {
					rows = append(rows, []string{fmt.Sprintf("%s answered HTTP %d", f.Path, f.Status)})
				}
			}
			for _, e := range w.External {
				rows = append(rows, []string{"not fetched (another host): " + e})
			}
		}
	}
	section("page weight", rows)

	if sc := r.Scale; sc != nil {
		if sc.Responses > 0 {
			rows = [][]string{
				{"responses", "consultations", "seeded in", "db size", "start-up", "first json", "json cold median (max)", "peak RSS", "RSS at end"},
				{commas(sc.Responses), strconv.Itoa(sc.Consultations), fmt.Sprintf("%.0f s", sc.SeedSeconds), sizeOrDash(sc.DBBytes),
					duration(sc.StartupMS), timing(sc.FirstJSON, sc.FirstJSON.ColdMS),
					fmt.Sprintf("%s (%s)", duration(sc.ColdMedianMS), duration(sc.ColdMaxMS)), sizeOrDash(sc.PeakRSSBytes), sizeOrDash(sc.RSSBytes)},
			}
			section("large db", rows)
		}
		rows = [][]string{{"responses", "start-up", "json cold", "json median", "page cold", "page median", "peak RSS", "RSS at end"}}
		for _, p := range sc.Curve {
			rows = append(rows, []string{commas(p.Responses), duration(p.StartupMS), timing(p.JSON, p.JSON.ColdMS), timing(p.JSON, p.JSON.MedianMS),
				timing(p.Page, p.Page.ColdMS), timing(p.Page, p.Page.MedianMS), sizeOrDash(p.PeakRSSBytes), sizeOrDash(p.RSSBytes)})
		}
		if len(sc.Curve) > 0 {
			section("curve", rows)
		}
		if sc.Error != "" {
			fmt.Fprintln(out, "large db / curve stopped:", sc.Error)
		}
	}

	fmt.Fprintln(out, "targets: >=2000 resp/s at 8 clients with p99 < 50 ms (PostgreSQL, one instance: >=1500), >= 90% of it with a planner polling results;")
	fmt.Fprintln(out, "         results at 100k < 1 s cold, < 100 ms warm; RSS < 200 MB (1M responses over 50 consultations too, start < 2 s); respondent page < 60 KB gz")
	for _, t := range r.Targets {
		fmt.Fprintf(out, "  %-12s %s: %s\n", t.Result, t.Goal, t.Detail)
	}
	fmt.Fprintln(out, "sizes: 1 KB = 1024 bytes; latencies of 201s only; results sizes uncompressed, page weight as sent")
	for _, s := range r.Submissions {
		for _, e := range s.Examples {
			fmt.Fprintf(out, "error at %d clients (%s, %d instances): %s\n", s.Clients, s.Database, s.Instances, e)
		}
	}
	if r.Error != "" {
		fmt.Fprintln(out, "RUN STOPPED EARLY:", r.Error)
	}
}

func timing(t routeTiming, v float64) string {
	switch {
	case t.Path == "":
		return "-"
	case t.Missing:
		return "missing"
	case !t.ok():
		return statusText(t)
	}
	return duration(v)
}

func statusText(t routeTiming) string {
	if t.Error != "" {
		return "error: " + clip(t.Error, 60)
	}
	return fmt.Sprintf("HTTP %d", t.Status)
}

func bodySize(t routeTiming) string {
	if t.Path == "" || !t.ok() {
		return "-"
	}
	return size(t.Bytes)
}

func weightStatus(w pageWeight) string {
	if w.Missing {
		return "missing"
	}
	return fmt.Sprintf("HTTP %d", w.Status)
}

func stopText(s serverFigures) string {
	switch {
	case s.StopError != "":
		return s.StopError
	case s.StopMS == 0:
		return "-"
	}
	return fmt.Sprintf("exit %d after %s", s.StopExitCode, duration(s.StopMS))
}

func errorsText(n int, byKind map[string]int) string {
	if n == 0 {
		return "0"
	}
	var parts []string
	for kind, c := range byKind {
		parts = append(parts, fmt.Sprintf("%s ×%d", kind, c))
	}
	slices.Sort(parts)
	return fmt.Sprintf("%d (%s)", n, strings.Join(parts, ", "))
}

// duration prints milliseconds with the precision that matters at their size.
func duration(ms float64) string {
	switch {
	case ms <= 0:
		return "-"
	case ms < 10:
		return fmt.Sprintf("%.1f ms", ms)
	case ms < 1000:
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.2f s", ms/1000)
}

func size(b int64) string {
	switch {
	case b < 1<<10:
		return fmt.Sprintf("%d B", b)
	case b < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
}

func sizeOrDash(b int64) string {
	if b <= 0 {
		return "-"
	}
	return size(b)
}

// commas writes 100000 as 100,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// cpuText shows a run's CPU a response by side, in ms; SQLite's database is inside the instance.
func cpuText(s runResult) string {
	if s.CPU == nil {
		return "-"
	}
	db := fmt.Sprintf("%.2f", s.CPU.Database)
	if s.Database == "sqlite" {
		db = "(in it)"
	}
	return fmt.Sprintf("%s / %.2f / %.2f ms", db, s.CPU.Instances, s.CPU.Clients)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	mathrand "math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// poster sends generated responses to one consultation.
type poster struct {
	url    string
	survey *surveyDef
	client *http.Client
}

func newPoster(base, consultation string, sv *surveyDef, clients int) *poster {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.MaxIdleConns = 2 * clients
	t.MaxIdleConnsPerHost = clients
	return &poster{
		url:    base + "/api/consultations/" + consultation + "/responses",
		survey: sv,
		client: &http.Client{Transport: t, Timeout: 30 * time.Second, CheckRedirect: noRedirects},
	}
}

// outcome is "201", another status such as "422", or a transport error.
type outcome struct {
	created bool
	kind    string
	body    string
	took    time.Duration
}

// post sends one new response and reads the whole answer; took covers both.
func (p *poster) post(ctx context.Context, rng *mathrand.Rand) outcome {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(p.survey.submission(rng)))
	if err != nil {
		return outcome{kind: "request: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := p.client.Do(req)
	if err != nil {
		return outcome{kind: transportError(err), took: time.Since(start)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return outcome{kind: transportError(err), took: took}
	}
	if resp.StatusCode == http.StatusCreated {
		return outcome{created: true, took: took}
	}
	return outcome{kind: fmt.Sprintf("HTTP %d", resp.StatusCode), body: string(body), took: took}
}

// transportError shortens an error to what differs between errors, for counting.
func transportError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}

// tally counts outcomes other than 201 and keeps one example body of each.
type tally struct {
	mu       sync.Mutex
	counts   map[string]int
	examples map[string]string
}

func (t *tally) add(o outcome) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts, t.examples = map[string]int{}, map[string]string{}
	}
	t.counts[o.kind]++
	if _, ok := t.examples[o.kind]; !ok {
		t.examples[o.kind] = o.body
	}
}

func (t *tally) total() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, c := range t.counts {
		n += c
	}
	return n
}

// runResult is one submission run with a fixed number of clients for a fixed time.
type runResult struct {
	// Database is "sqlite", or "postgres" with how many instances shared the clients.
	Database  string         `json:"database"`
	Instances int            `json:"instances"`
	Clients   int            `json:"clients"`
	Seconds   float64        `json:"seconds"`
	Created   int            `json:"created"`
	PerSecond float64        `json:"responses_per_second"`
	MedianMS  float64        `json:"median_ms"`
	P99MS     float64        `json:"p99_ms"`
	Errors    int            `json:"errors"`
	ByKind    map[string]int `json:"errors_by_kind,omitempty"`
	Examples  []string       `json:"error_examples,omitempty"`
	// A planner polling the results JSON every pollEvery during the run, as a dashboard would.
	Poller       bool    `json:"poller,omitempty"`
	Polls        int     `json:"polls,omitempty"`
	PollMedianMS float64 `json:"poll_median_ms,omitempty"`
	// CPU per stored response of each side, over the run (cpu.go).
	CPU        *cpuShare `json:"cpu_per_response,omitempty"`
	PollErrors int       `json:"poll_errors,omitempty"`
	// Rounds is how many alternating slices the run was measured in (mergeRuns); 0 or 1: one.
	Rounds int `json:"rounds,omitempty"`

	latencies, polls []time.Duration // of the created responses and the polls, for mergeRuns
}

// pollEvery is how often the polling planner asks for the results JSON.
const pollEvery = 200 * time.Millisecond

// maxPerClient bounds every client loop by count as well as by time.
const maxPerClient = 1_000_000

// submissionRun keeps `clients` clients posting for d, each starting a new request as soon as its
// last one is answered; requests in flight at the end finish and count. Latency is of 201s only.
// With several bases (instances on one database) the clients are dealt out among them in turn.
// With a staff client, a planner polls the first base's results JSON every pollEvery meanwhile.
// A run lasts d, or until its clients have stored budget responses between them (0: no budget).
func submissionRun(ctx context.Context, bases []string, consultation string, sv *surveyDef, clients int, d time.Duration,
	budget int, staff *http.Client, meter *cpuMeter) runResult {
	posters := make([]*poster, len(bases))
	for i, base := range bases {
		posters[i] = newPoster(base, consultation, sv, clients)
		defer posters[i].client.CloseIdleConnections()
	}
	var errs tally
	latencies := make([][]time.Duration, clients)
	var created atomic.Int64
	var cpuBefore cpuSample
	if meter != nil {
		cpuBefore = meter.sample()
	}
	start := time.Now()
	deadline := start.Add(d)
	var posting sync.WaitGroup
	for i := range clients {
		p := posters[i%len(posters)]
		posting.Go(func() {
			rng := mathrand.New(mathrand.NewPCG(uint64(clients), uint64(i)))
			for n := 0; n < maxPerClient && time.Now().Before(deadline) && ctx.Err() == nil; n++ {
				if budget > 0 && created.Load() >= int64(budget) {
					break
				}
				o := p.post(ctx, rng)
				if o.created {
					created.Add(1)
					latencies[i] = append(latencies[i], o.took)
				} else if ctx.Err() == nil {
					errs.add(o)
				}
			}
		})
	}
	// The run ends when its clients stop (at d or at the budget), and the poller with them: a
	// poller left waiting for d would add idle seconds to the run it is compared in.
	stopped := make(chan struct{})
	var polls []time.Duration
	pollErrors := 0
	var polling sync.WaitGroup
	if staff != nil {
		polling.Go(func() {
			tick := time.NewTicker(pollEvery)
			defer tick.Stop()
			for {
				t0 := time.Now()
				status, _, err := download(ctx, staff, bases[0]+"/api/consultations/"+consultation+"/results")
				if err != nil || status != http.StatusOK {
					pollErrors++
				} else {
					polls = append(polls, time.Since(t0))
				}
				select {
				case <-tick.C:
				case <-stopped:
					return
				case <-ctx.Done():
					return
				}
			}
		})
	}
	posting.Wait()
	elapsed := time.Since(start)
	var cpuAfter cpuSample
	if meter != nil {
		cpuAfter = meter.sample()
	}
	close(stopped)
	polling.Wait()
	all := slices.Concat(latencies...)
	r := runResult{Database: "sqlite", Instances: len(bases), Clients: clients, Seconds: elapsed.Seconds(), Created: len(all),
		PerSecond: float64(len(all)) / elapsed.Seconds(), MedianMS: ms(percentile(all, 50)), P99MS: ms(percentile(all, 99)),
		Poller: staff != nil, Polls: len(polls), PollMedianMS: ms(percentile(polls, 50)), PollErrors: pollErrors}
	r.Errors, r.ByKind, r.Examples = errs.total(), errs.counts, examples(&errs)
	r.CPU = meter.share(cpuBefore, cpuAfter, len(all))
	r.latencies, r.polls = all, polls
	return r
}

// mergeRuns reports slices of one kind of run, measured in turn with another kind, as one run:
// responses and seconds added up, percentiles over every latency, CPU weighted by responses.
func mergeRuns(parts []runResult) runResult {
	if len(parts) == 1 {
		return parts[0]
	}
	m := parts[0]
	m.Seconds, m.Created, m.Errors, m.PollErrors, m.Rounds = 0, 0, 0, 0, len(parts)
	m.ByKind, m.Examples, m.latencies, m.polls = nil, nil, nil, nil
	var cpu cpuShare
	withCPU := 0
	for _, p := range parts {
		m.Seconds += p.Seconds
		m.Created += p.Created
		m.Errors += p.Errors
		m.PollErrors += p.PollErrors
		m.latencies = append(m.latencies, p.latencies...)
		m.polls = append(m.polls, p.polls...)
		m.Examples = append(m.Examples, p.Examples...)
		for kind, n := range p.ByKind {
			if m.ByKind == nil {
				m.ByKind = map[string]int{}
			}
			m.ByKind[kind] += n
		}
		if p.CPU != nil {
			n := float64(p.Created)
			cpu.Database += p.CPU.Database * n
			cpu.Instances += p.CPU.Instances * n
			cpu.Clients += p.CPU.Clients * n
			withCPU += p.Created
		}
	}
	m.PerSecond = float64(m.Created) / m.Seconds
	m.MedianMS, m.P99MS = ms(percentile(m.latencies, 50)), ms(percentile(m.latencies, 99))
	m.Polls, m.PollMedianMS = len(m.polls), ms(percentile(m.polls, 50))
	m.CPU = nil
	if withCPU == m.Created && withCPU > 0 {
		n := float64(withCPU)
		m.CPU = &cpuShare{Database: cpu.Database / n, Instances: cpu.Instances / n, Clients: cpu.Clients / n}
	}
	return m
}

func examples(t *tally) []string {
	var out []string
	for kind, body := range t.examples {
		if body != "" {
			out = append(out, kind+": "+clip(strings.TrimSpace(body), 300))
		}
	}
	sort.Strings(out)
	return out
}

// fillResult is one fill: as many responses as it takes to reach a count, 16 clients flat out.
type fillResult struct {
	From      int            `json:"from"`
	Target    int            `json:"target"`
	Created   int            `json:"created"`
	Seconds   float64        `json:"seconds"`
	PerSecond float64        `json:"responses_per_second"`
	Errors    int            `json:"errors"`
	ByKind    map[string]int `json:"errors_by_kind,omitempty"`
	Stopped   string         `json:"stopped,omitempty"` // why it ended short of the target
}

const fillClients = 16

// fill posts responses until `target - from` more are stored, or limit passes, or errors pile up.
func fill(ctx context.Context, base, consultation string, sv *surveyDef, from, target int, limit time.Duration) fillResult {
	r := fillResult{From: from, Target: target}
	need := int64(target - from)
	if need <= 0 {
		return r
	}
	p := newPoster(base, consultation, sv, fillClients)
	defer p.client.CloseIdleConnections()
	const maxErrors = 1000
	var claimed, created atomic.Int64
	var errs tally
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(limit)
	for i := range fillClients {
		wg.Go(func() {
			rng := mathrand.New(mathrand.NewPCG(uint64(target), uint64(i)))
			for n := 0; n < maxPerClient && time.Now().Before(deadline) && ctx.Err() == nil && errs.total() < maxErrors; n++ {
				if claimed.Add(1) > need {
					return
				}
				o := p.post(ctx, rng)
				if o.created {
					created.Add(1)
					continue
				}
				claimed.Add(-1) // someone must still post this one
				if ctx.Err() == nil {
					errs.add(o)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.Created, r.Seconds = int(created.Load()), elapsed.Seconds()
	r.PerSecond = float64(r.Created) / elapsed.Seconds()
	r.Errors, r.ByKind = errs.total(), errs.counts
	switch {
	case int64(r.Created) >= need:
	case ctx.Err() != nil:
		r.Stopped = "interrupted"
	case r.Errors >= maxErrors:
		r.Stopped = fmt.Sprintf("%d errors", r.Errors)
	default:
		r.Stopped = fmt.Sprintf("time limit %s", limit)
	}
	return r
}

// percentile is the nearest-rank percentile of ds (which it sorts); 0 for none.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(math.Ceil(float64(len(ds))*p/100)) - 1
	return ds[max(0, min(i, len(ds)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"consulta/internal/results"
	"consulta/internal/store"
	"consulta/internal/survey"
)

// datasets keeps the responses of the consultations read most recently in memory, each growing
// with the responses stored after it was read, and forgets the least recently read past a bound:
// memory follows how many consultations are being read, not how many were ever run. Nothing is
// loaded at start. Rows stay single responses in arrival order, because the protection counts
// groups of people as the first multiples of k in that order.
type datasets struct {
	mu    sync.Mutex
	m     map[string]*datasetEntry
	clock int64 // ticks on every use, for least-recently-used eviction
	// every bounds staleness: a dataset refreshed less than this ago is served as it is, so a
	// planner polling results costs one refresh and one report per period, not per request;
	// 0 refreshes on every request. kept bounds how many consultations stay in memory.
	every time.Duration
	kept  int
	// snapshotEvery is how many responses read since a consultation's last snapshot make a new
	// one worth saving (0: snapshotEvery); saves counts the saves still running, for tests.
	snapshotEvery int
	saves         sync.WaitGroup
}

type datasetEntry struct {
	mu     sync.Mutex // one refresh at a time
	d      *results.Dataset
	tally  store.Tally    // what the store held at the last refresh
	pos    store.Position // where the last refresh left off
	loaded time.Time
	used   int64
	// cost is how long the last report of this consultation took to bring up to date (to count
	// from scratch, for a report read for the first time): with a staleness bound set, refreshes
	// come no more often than reportShare allows, so planners reading many reports of a large
	// consultation cannot spend more than a tenth of a core counting them.
	cost time.Duration
	// snapAt is how many responses the dataset held when its snapshot was read, saved or last
	// tried; saving is set while a save runs. read counts the responses read from the store.
	snapAt int
	saving bool
	read   int
}

// snapshotEvery: a consultation's dataset is saved again once this many responses, or a tenth of
// what its snapshot held if more, were read since its last snapshot. After a restart those are
// read from the store at about 12 µs each (1.19 s for 100,000, BenchmarkResultsCold100k): at
// most 0.12 s at 100,000 responses, a tenth of a full read past that. A save writes the whole
// dataset (292 bytes a response; 0.2 s, 0.16 s of CPU, at 95,000), so each new response costs at
// most some 2.9 KB written and, at 100,000, 16 µs of CPU in the background.
const snapshotEvery = 10_000

// reportShare: with a staleness bound, the data is refreshed at most every reportShare times the
// last report's cost (a report of 1.5 s at 100,000 responses: at most every 15 s), and the page
// says as of when.
const reportShare = 10

// defaultKept is how many consultations stay in memory when the configuration says nothing.
const defaultKept = 8

// dataset returns the consultation's responses, at most datasets.every old.
func (s *Server) dataset(ctx context.Context, consultation string) (*results.Dataset, error) {
	s.data.mu.Lock()
	if s.data.m == nil {
		s.data.m = map[string]*datasetEntry{}
	}
	s.data.clock++
	e, ok := s.data.m[consultation]
	if !ok {
		e = &datasetEntry{d: results.NewDataset()}
		s.data.m[consultation] = e
	}
	e.used = s.data.clock
	s.evictLocked()
	every := s.data.every
	s.data.mu.Unlock()
	return s.refresh(ctx, consultation, e, every)
}

// refresh reads what was stored since the entry's last read, unless it was read less than every
// ago (or less than reportShare times its last report's cost).
func (s *Server) refresh(ctx context.Context, consultation string, e *datasetEntry, every time.Duration) (*results.Dataset, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := s.now()
	if every > 0 {
		every = max(every, reportShare*e.cost)
	}
	if !e.loaded.IsZero() && every > 0 && now.Sub(e.loaded) < every {
		return e.d, nil
	}
	// One lookup tells whether anything was stored since: most polls stop here.
	t, err := s.store.ConsultationTally(ctx, consultation)
	if err != nil {
		return nil, err
	}
	if !e.loaded.IsZero() && t.Responses == e.tally.Responses && t.LastRID == e.tally.LastRID {
		e.loaded = now
		return e.d, nil
	}
	if e.loaded.IsZero() && e.d.Len() == 0 {
		s.readSnapshot(ctx, consultation, e, t)
	}
	b := e.d.Batch()
	read := 0
	pos, err := s.store.ResultRows(ctx, consultation, e.pos,
		func(r store.ResultResponse) {
			read++
			b.Response(r.RID, r.Key, r.Session, r.Channel, r.Group, r.Gender, r.AgeBand, r.Disability, r.Day)
		},
		func(a store.ResultAnswer) {
			b.AnswerBytes(a.RID, a.Question, a.Choice, a.Position, a.Number, a.HasNumber, a.HasText)
		})
	if err != nil {
		return nil, err
	}
	b.Commit()
	e.pos, e.tally, e.loaded = pos, t, now
	e.read += read
	s.saveSnapshotLater(consultation, e)
	if e.d.Len() < t.Responses {
		// Some were committed by a transaction that began before one still running (another
		// instance's, on PostgreSQL): they are read at the next refresh, even with no news.
		e.tally = store.Tally{}
	}
	return e.d, nil
}

// readSnapshot starts an empty entry from the consultation's saved snapshot, when there is one of
// this format that the store still agrees with; then only responses stored after it are read. A
// snapshot holds no survey: the dataset keeps question and choice ids as stored, so a new survey
// version leaves it right. Anything wrong leaves the entry empty, to be read from the responses.
func (s *Server) readSnapshot(ctx context.Context, consultation string, e *datasetEntry, t store.Tally) {
	d := results.NewDataset()
	var snap store.ResultSnapshot
	use := false
	_, err := s.store.ReadResultSnapshot(ctx, consultation, func(got store.ResultSnapshot, r io.Reader) error {
		snap = got
		if snap.Format != results.SnapshotFormat || snap.Responses > t.Responses {
			return nil // not read: every response is
		}
		if err := d.ReadSnapshot(r); err != nil || d.Len() != snap.Responses {
			s.resultsLog().Warn("results: a snapshot that cannot be read; reading every response", "consultation", consultation,
				"responses", d.Len(), "want", snap.Responses, "err", err)
			return nil
		}
		use = true
		return nil
	})
	if err != nil {
		s.resultsLog().Warn("results: reading the snapshot", "consultation", consultation, "err", err)
		return
	}
	if !use {
		return
	}
	e.d, e.pos, e.snapAt = d, snap.Position, snap.Responses
}

// saveSnapshotLater saves the entry's dataset as the consultation's snapshot in the background,
// when enough responses were read since the last one and no save of it is running; e.mu is held.
// The dataset as it is now is saved with the position it was read up to: a prefix of the responses
// in read order, whatever is added meanwhile. A failure is logged; the next try comes after as many
// responses again.
func (s *Server) saveSnapshotLater(consultation string, e *datasetEntry) {
	every := s.data.snapshotEvery
	if every <= 0 {
		every = snapshotEvery
	}
	n := e.d.Len()
	if e.saving || n-e.snapAt < max(every, e.snapAt/10) {
		return
	}
	e.saving = true
	d, pos := e.d.Frozen(), e.pos
	s.data.saves.Add(1)
	go func() {
		defer s.data.saves.Done()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err := s.store.SaveResultSnapshotFrom(ctx, consultation, store.ResultSnapshot{Position: pos, Responses: n,
			Format: results.SnapshotFormat}, d.WriteSnapshot)
		if err != nil {
			s.resultsLog().Warn("results: saving the snapshot", "consultation", consultation, "err", err)
		}
		e.mu.Lock()
		e.saving, e.snapAt = false, n
		e.mu.Unlock()
	}()
}

// resultsLog is the server's logger, or the default one for a Server made without New.
func (s *Server) resultsLog() *slog.Logger {
	if s.log == nil {
		return slog.Default()
	}
	return s.log
}

// KeepResultsFresh reads what was stored since into the consultations already in memory, as soon
// as each is datasets.every old (it looks ten times as often), until ctx ends: the first results
// after many new responses find them read, and a planner polling results finds them read too, so
// the reading is the same whether anyone polls or not. It reads nothing else: memory still
// follows what planners open, and a read here does not count as a use for eviction. Without a
// staleness bound it does nothing, as every request then reads for itself.
func (s *Server) KeepResultsFresh(ctx context.Context) {
	every := s.data.every
	if every <= 0 {
		return
	}
	tick := time.NewTicker(max(every/10, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.data.mu.Lock()
		entries := make(map[string]*datasetEntry, len(s.data.m))
		for id, e := range s.data.m {
			entries[id] = e
		}
		s.data.mu.Unlock()
		for id, e := range entries {
			if _, err := s.refresh(ctx, id, e, every); err != nil && ctx.Err() == nil {
				s.log.Warn("results: reading new responses in the background", "consultation", id, "err", err)
			}
		}
	}
}

// asOfTime is when the last response held by the consultation's counts in memory was stored.
func (s *Server) asOfTime(consultation string) time.Time {
	s.data.mu.Lock()
	e := s.data.m[consultation]
	s.data.mu.Unlock()
	if e == nil {
		return time.Time{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.tally.UpdatedAt
}

// asOf is asOfTime for a page, in UTC to the second; empty when nothing was stored yet.
func (s *Server) asOf(consultation string) string {
	at := s.asOfTime(consultation)
	if at.IsZero() {
		return ""
	}
	return at.UTC().Format("2006-01-02 15:04:05 UTC")
}

// evictLocked forgets the least recently used consultations past the bound; s.data.mu is held.
func (s *Server) evictLocked() {
	kept := s.data.kept
	if kept <= 0 {
		kept = defaultKept
	}
	for len(s.data.m) > kept {
		oldest, at := "", int64(-1)
		for id, e := range s.data.m {
			if at < 0 || e.used < at {
				oldest, at = id, e.used
			}
		}
		delete(s.data.m, oldest)
	}
}

// resident lists the consultations whose counts are in memory, for tests.
func (s *Server) resident() []string {
	s.data.mu.Lock()
	defer s.data.mu.Unlock()
	var out []string
	for id, e := range s.data.m {
		e.mu.Lock()
		if e.d != nil {
			out = append(out, id)
		}
		e.mu.Unlock()
	}
	slices.Sort(out)
	return out
}

// filterFrom reads a results filter from the query string, keeping only values that make sense.
func filterFrom(r *http.Request) results.Filter {
	q := r.URL.Query()
	f := results.Filter{Session: q.Get("session"), Channel: q.Get("channel"), From: q.Get("from"), To: q.Get("to")}
	if !slices.Contains([]string{"", store.Link, store.Kiosk, store.Paper}, f.Channel) {
		f.Channel = ""
	}
	for _, d := range []*string{&f.From, &f.To} {
		if _, err := time.Parse(time.DateOnly, *d); err != nil {
			*d = ""
		}
	}
	if dim, value, ok := strings.Cut(q.Get("only"), ":"); ok && slices.Contains([]string{results.ByGroup, results.ByGender,
		results.ByAgeBand, results.ByDisability}, dim) {
		f.Dimension, f.Value = dim, value
	}
	return f
}

// reports keeps the reports read most recently as results.Lives, keyed by consultation, survey
// version and filter: a request brings its Live up to date with the dataset, which counts only the
// responses stored since, so a planner polling results or reloading a page pays for what is new,
// and concurrent requests for one report wait for one count. The least recently read go first.
type reports struct {
	mu    sync.Mutex
	order []string // least recently read first
	m     map[string]*results.Live
}

const reportsKept = 32

// live returns the Live of key, made by start when there is none.
func (c *reports) live(key string, start func() *results.Live) *results.Live {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := slices.Index(c.order, key); i >= 0 {
		c.order = append(slices.Delete(c.order, i, i+1), key)
		return c.m[key]
	}
	if c.m == nil {
		c.m = map[string]*results.Live{}
	}
	lv := start()
	c.m[key], c.order = lv, append(c.order, key)
	for len(c.order) > reportsKept {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return lv
}

// aggregate returns the report of a consultation for a filter, brought up to date with the
// dataset: what changed since the last request is counted, once however many ask.
func (s *Server) aggregate(d *results.Dataset, sv *survey.Survey, consultation string, f results.Filter) *results.Report {
	lv := s.reportCache.live(fmt.Sprintf("%s|%s|%+v", consultation, sv.Version, f), func() *results.Live {
		return results.NewLive(sv, consultation, f, s.k)
	})
	kept := lv.Kept()
	start := time.Now()
	rep := lv.Report(d)
	if rep != kept {
		s.reportCost(consultation, time.Since(start))
	}
	return rep
}

// staffCounts keeps the staff counts (targets grids, sessions) of the latest states of data, keyed
// like reports: pages that show them on every request count 100,000 responses once per state.
type staffCounts struct {
	mu sync.Mutex
	m  map[string]results.Counts
}

const staffCountsKept = 64

// staffCounts is results.StaffCounts of a consultation (or one of its sessions) for the dataset's
// state; callers read it and never change it.
func (s *Server) staffCounts(d *results.Dataset, consultation, session string) results.Counts {
	key := fmt.Sprintf("%s|%s|%d|%d", consultation, session, d.Len(), d.Last())
	c := &s.staffCache
	c.mu.Lock()
	counts, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return counts
	}
	counts = results.StaffCounts(d, session, s.k)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= staffCountsKept {
		c.m = map[string]results.Counts{} // old states are never asked for again
	}
	c.m[key] = counts
	c.mu.Unlock()
	return counts
}

// reportCost records how long a report of the consultation took to make (see reportShare).
func (s *Server) reportCost(consultation string, took time.Duration) {
	s.data.mu.Lock()
	e := s.data.m[consultation]
	s.data.mu.Unlock()
	if e == nil {
		return
	}
	e.mu.Lock()
	e.cost = took
	e.mu.Unlock()
}

// report loads the consultation of the URL for a planner or admin of its municipality, applies the
// filter from the query string, and returns the suppressed report and the survey.
func (s *Server) report(w http.ResponseWriter, r *http.Request) (*results.Report, *store.Consultation, *survey.Survey, bool) {
	_, c, ok := s.staffConsultation(w, r, muxVar(r, "id"), managerRoles...)
	if !ok {
		return nil, nil, nil, false
	}
	sv, err := s.surveyFor(r.Context(), c, "")
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	d, err := s.dataset(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, nil, false
	}
	return s.aggregate(d, sv, c.ID, filterFrom(r)), c, sv, true
}
